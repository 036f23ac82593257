"""The procedures a unit's counter serves: kept by the unit's HR, offered by its kiosks (and only its
kiosks), and an answer naming one of them counts in that procedure's index."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from survey.domain.periods import periods_of

pytestmark = pytest.mark.integration
PROCEDURES = [{"code": "HT-KHAISINH", "name": "Đăng ký khai sinh"}, {"code": "CT-BANSAO", "name": "Chứng thực bản sao"}]


def test_hr_lists_the_procedures_and_kiosks_offer_them(survey):
    unit, other = survey.add_unit("Xã Mường Lống"), survey.add_unit("Xã Nga My")
    official = survey.add_cadre(unit, "Lô Thị Hoa")
    hr = survey.tokens.headers("unit_hr", unit_id=unit)
    path = f"/api/v1/surveys/units/{unit}/procedures"
    assert survey.client.get(path, headers=hr).get_json() == {"unit_id": unit, "procedures": []}
    res = survey.client.put(path, headers=hr, json={"procedures": PROCEDURES})
    assert res.status_code == 200 and res.get_json()["procedures"] == PROCEDURES
    twice = survey.client.put(path, headers=hr, json={"procedures": PROCEDURES + PROCEDURES[:1]})
    assert twice.status_code == 422 and "procedures" in twice.get_json()["error"]["fields"]
    elsewhere = survey.tokens.headers("unit_hr", unit_id=other)
    assert survey.client.put(path, headers=elsewhere, json={"procedures": []}).status_code in (403, 404)
    assert survey.client.get(path, headers=survey.tokens.headers("cadre", cadre_id=official)).status_code == 200
    stranger = survey.add_cadre(other, "Vi Văn Tùng")
    assert survey.client.get(path, headers=survey.tokens.headers("cadre", cadre_id=stranger)).status_code == 404

    kiosk = survey.tokens.kiosk(unit)
    context = survey.client.get("/api/v1/kiosk/context", headers=kiosk).get_json()
    assert context["procedures"] == PROCEDURES
    assert survey.client.get("/api/v1/kiosk/context", headers=survey.tokens.kiosk(other)).get_json()[
        "procedures"] == []

    res, _body = survey.answer(kiosk, cadre_id=official, procedure_code="CT-BANSAO")
    assert res.status_code == 201, res.get_data(as_text=True)
    quarter = periods_of(datetime.now(timezone.utc))[0]
    index = survey.client.get("/api/v1/satisfaction", headers=hr, query_string={
        "unit_id": unit, "procedure_code": "CT-BANSAO", "period": quarter}).get_json()
    assert index["responses"] == 1
