"""Editing the competency framework from a form (the web page's calls): a position's required
competencies set on their own, the rest of its standard kept, as a new version; and every edit that
names the version it was made from is refused (409) when someone changed the record meanwhile."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_a_positions_competencies_change_alone_as_a_new_version(registry, catalogue):
    path = f"/api/v1/standards/positions/{catalogue['CT-UBND']}/competencies"
    before = registry.get(f"/api/v1/positions/{catalogue['CT-UBND']}").get_json()
    res = registry.put(path, json={"version": before["version"], "note": "Bổ sung năng lực",
                                   "required_competencies": [{"competency_code": "NL-PT-02", "min_level": 4},
                                                             {"competency_code": "NL-DB-01", "min_level": 2}]})
    assert res.status_code == 200, res.get_data(as_text=True)
    after = res.get_json()
    assert after["version"] == before["version"] + 1
    assert after["standard"]["required_competencies"] == [{"competency_code": "NL-PT-02", "min_level": 4},
                                                         {"competency_code": "NL-DB-01", "min_level": 2}]
    kept = ("min_education", "min_political_theory", "min_digital_skill", "required_course_categories")
    assert {k: after["standard"][k] for k in kept} == {k: before["standard"][k] for k in kept}
    versions = registry.get(f"/api/v1/positions/{catalogue['CT-UBND']}/versions").get_json()
    assert versions[-1]["note"] == "Bổ sung năng lực"
    events = [e for e in registry.events("positions", catalogue["CT-UBND"]) if e["payload"]["version"] ==
              after["version"]]
    assert len(events) == 1 and events[0]["type"] == "position.versioned"

    stale = registry.put(path, json={"version": before["version"], "required_competencies": []})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "conflict"
    unknown = registry.put(path, json={"version": after["version"], "required_competencies": [
        {"competency_code": "NL-KHONG-CO", "min_level": 1}]})
    assert unknown.status_code == 422
    assert set(unknown.get_json()["error"]["fields"]) == {"standard.required_competencies.0.competency_code"}
    assert registry.put(path, json={"version": after["version"], "required_competencies": []},
                        role="unit_hr", claims={"unit_id": catalogue["X-TD"]}).status_code == 403


def test_a_stale_competency_or_appendix_form_is_refused(registry, catalogue):
    found = registry.get("/api/v1/competencies", query_string={"code": "NL-TTCV-01"}).get_json()[0]
    changed = registry.patch(f"/api/v1/competencies/{found['id']}",
                             json={"version": found["version"], "description": "Theo văn bản mới"})
    assert changed.status_code == 200 and changed.get_json()["version"] == found["version"] + 1
    stale = registry.patch(f"/api/v1/competencies/{found['id']}",
                           json={"version": found["version"], "description": "Bản cũ"})
    assert stale.status_code == 409
    assert registry.get(f"/api/v1/competencies/{found['id']}").get_json()["description"] == "Theo văn bản mới"

    appendix = registry.get("/api/v1/standards/appendices/mountain").get_json()
    body = {"title": "Phụ lục miền núi", "requirements": [{"competency_code": "NL-DB-01", "min_level": 4}]}
    assert registry.put("/api/v1/standards/appendices/mountain",
                        json={**body, "version": appendix["version"]}).status_code == 200
    assert registry.put("/api/v1/standards/appendices/mountain",
                        json={**body, "version": appendix["version"]}).status_code == 409
    assert registry.put("/api/v1/standards/appendices/urban", json={**body, "version": 3}).status_code == 409
