"""Bursts held as suspect until a person decides; satisfaction indices per cadre, unit,
procedure and period, counted from what is stored; who may see what."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from survey.domain.periods import periods_of

pytestmark = pytest.mark.integration
QUARTER, MONTH = periods_of(datetime.now(timezone.utc))


@pytest.fixture(scope="module")
def place(survey):
    unit = survey.add_unit("Phường Hòa Bình")
    other = survey.add_unit("Xã Sơn Thủy")
    return {"unit": unit, "other": other, "cadre": survey.add_cadre(unit, "Bùi Thị Thu Hà"),
            "colleague": survey.add_cadre(unit, "Đặng Quốc Việt"), "stranger": survey.add_cadre(other, "Lý Văn An")}


def index(survey, role="province_admin", claims=None, **params):
    params.setdefault("period", QUARTER)
    res = survey.client.get("/api/v1/satisfaction", query_string=params,
                            headers=survey.tokens.headers(role, **(claims or {})))
    return res.status_code, res.get_json()


def spaced(minutes_ago: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)).isoformat()


def test_index_matches_what_was_submitted_and_needs_five(survey, place):
    kiosk = survey.tokens.kiosk(place["unit"], "k-index")
    levels = ["very_satisfied", "satisfied", "dissatisfied", "satisfied"]
    for i, level in enumerate(levels):
        assert survey.answer(kiosk, cadre_id=place["cadre"], overall=level,
                             answered_at=spaced(60 - i * 5))[0].status_code == 201
    status, body = index(survey, cadre_id=place["cadre"])
    assert status == 200
    assert (body["responses"], body["very_satisfied"], body["satisfied"], body["dissatisfied"]) == (4, 1, 2, 1)
    assert body["enough"] is False and body["satisfaction_rate"] is None and "Chưa đủ" in body["message"]
    assert survey.answer(kiosk, cadre_id=place["cadre"], overall="very_satisfied",
                         answered_at=spaced(30))[0].status_code == 201
    status, body = index(survey, cadre_id=place["cadre"])
    assert body["responses"] == 5 and body["enough"] is True and body["satisfaction_rate"] == 0.8
    assert body["shares"] == {"very_satisfied": 0.4, "satisfied": 0.4, "dissatisfied": 0.2}
    assert index(survey, cadre_id=place["cadre"], period=MONTH)[1]["responses"] == 5
    assert index(survey, unit_id=place["unit"])[1]["responses"] >= 5
    assert index(survey, cadre_id=place["cadre"], period="2020-Q1")[1]["responses"] == 0


def test_a_burst_is_held_out_until_cleared(survey, place):
    kiosk = survey.tokens.kiosk(place["unit"], "k-burst")
    cadre = survey.add_cadre(place["unit"], "Trịnh Văn Long")
    statuses = [survey.answer(kiosk, cadre_id=cadre, overall="very_satisfied")[0].get_json()["status"]
                for _ in range(6)]
    assert statuses == ["counted"] * 3 + ["suspect"] * 3  # the 4th answer within a minute starts the burst
    status, body = index(survey, cadre_id=cadre)
    assert body["responses"] == 3 and body["held_as_suspect"] == 3

    queue = survey.client.get("/api/v1/responses/suspect", query_string={"unit_id": place["unit"]},
                              headers=survey.tokens.headers("unit_hr", unit_id=place["unit"])).get_json()
    held = [item for item in queue["items"] if item["cadre_id"] == cadre]
    assert len(held) == 3 and all(item["cadre_name"] == "Trịnh Văn Long" for item in held)
    first, second = held[0]["response_id"], held[1]["response_id"]

    hr = survey.tokens.headers("unit_hr", unit_id=place["unit"])
    res = survey.client.post(f"/api/v1/responses/{first}/review", json={"decision": "clear", "note": "Đã kiểm tra"},
                             headers=hr)
    assert res.status_code == 200 and res.get_json()["status"] == "cleared"
    assert res.get_json()["decided_by"] == "unit_hr.test"
    res = survey.client.post(f"/api/v1/responses/{second}/review", json={"decision": "reject"}, headers=hr)
    assert res.status_code == 200 and res.get_json()["status"] == "rejected"
    assert survey.client.post(f"/api/v1/responses/{first}/review", json={"decision": "reject"},
                              headers=hr).status_code == 409  # decisions are final
    body = index(survey, cadre_id=cadre)[1]
    assert body["responses"] == 4 and body["held_as_suspect"] == 1

    case = survey.db.suspect_cases.find_one({"_id": first})
    assert [e["type"] for e in case["outbox"]] == ["response.reviewed"] and case["outbox"][0]["payload"]["counted"]


def test_the_kiosk_limit_and_the_burst_rule_share_one_document_and_one_write(survey, place):
    """The gateway states a kiosk's limit in its token; the survey counts every request to answer
    (those its schema or its rules refuse too) in the document holding the burst rule's times."""
    cadre = survey.add_cadre(place["unit"], "Hà Văn Tùng")
    if time.time() % 60 > 50:  # the limit counts per calendar minute: all six requests in one
        time.sleep(61 - time.time() % 60)
    kiosk = survey.tokens.headers("kiosk", "kiosk-limited", unit_id=place["unit"], kiosk_id="k-limited",
                                  kiosk_rate=4)
    first = [survey.answer(kiosk, cadre_id=cadre)[0] for _ in range(2)]
    assert [r.status_code for r in first] == [201, 201]
    unreadable = survey.client.post("/api/v1/kiosk/responses", json={"response_id": "not-a-uuid"}, headers=kiosk)
    assert unreadable.status_code == 422  # refused by its schema, counted all the same
    assert survey.answer(kiosk, cadre_id=place["stranger"])[0].status_code == 422  # refused by the rules: counted
    limited, body = survey.answer(kiosk, cadre_id=cadre)
    assert limited.status_code == 429 and limited.get_json()["error"]["code"] == "too_many_requests"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert survey.client.post("/api/v1/kiosk/responses", json={}, headers=kiosk).status_code == 429
    assert survey.db.responses.find_one({"_id": body["response_id"]}) is None
    activity = survey.db.kiosk_activity.find_one({"_id": "k-limited"})
    assert len(activity["recent"]) == 2  # the refused answers' times are not kept for the burst rule
    assert list(activity["minutes"].values()) == [6]
    unlimited = survey.tokens.kiosk(place["unit"], "k-limited")  # a token stating no limit: not counted
    assert survey.answer(unlimited, cadre_id=cadre)[0].status_code == 201


def test_a_kiosk_s_past_minutes_are_dropped_a_few_at_a_time(survey, place, monkeypatch):
    from survey.handlers import kiosk_activity

    clock = [1_800_000_000.0]
    monkeypatch.setattr(kiosk_activity, "clock", lambda: clock[0])
    kiosk = survey.tokens.headers("kiosk", "kiosk-minutes", unit_id=place["unit"], kiosk_id="k-minutes", kiosk_rate=1)
    seen = []
    for minute in range(6):
        clock[0] = 1_800_000_000.0 + 60 * minute
        codes = [survey.client.post("/api/v1/kiosk/responses", json={}, headers=kiosk).status_code for _ in range(2)]
        assert codes == [422, 429]  # each minute opens a fresh window of one
        seen.append(sorted(survey.db.kiosk_activity.find_one({"_id": "k-minutes"})["minutes"]))
    assert [len(keys) for keys in seen] == [1, 2, 3, 4, 1, 2]


def test_review_rights(survey, place):
    kiosk = survey.tokens.kiosk(place["unit"], "k-rights")
    cadre = survey.add_cadre(place["unit"], "Mai Văn Phúc")
    ids = [survey.answer(kiosk, cadre_id=cadre)[0].get_json() for _ in range(4)]
    held = ids[-1]["response_id"]
    decide = {"decision": "clear"}
    assert survey.client.post(f"/api/v1/responses/{held}/review", json=decide,
                              headers=survey.tokens.headers("unit_hr", unit_id=place["other"])).status_code == 404
    for role in ("cadre", "auditor"):
        assert survey.client.post(f"/api/v1/responses/{held}/review", json=decide,
                                  headers=survey.tokens.headers(role, unit_id=place["unit"])).status_code == 403
    assert survey.client.post(f"/api/v1/responses/{ids[0]['response_id']}/review", json=decide,
                              headers=survey.tokens.headers("province_admin")).status_code == 404  # never suspect
    res = survey.client.post(f"/api/v1/responses/{held}/review", json={"decision": "maybe"},
                             headers=survey.tokens.headers("province_admin"))
    assert res.status_code == 422 and "decision" in res.get_json()["error"]["fields"]


def test_index_scope_rules(survey, place):
    cadre, unit = place["cadre"], place["unit"]
    assert index(survey, "unit_hr", {"unit_id": unit}, cadre_id=cadre)[0] == 200
    assert index(survey, "unit_hr", {"unit_id": place["other"]}, cadre_id=cadre)[0] == 404
    assert index(survey, "unit_hr", {"unit_id": place["other"]}, unit_id=unit)[0] == 404
    assert index(survey, "cadre", {"cadre_id": cadre, "unit_id": unit}, cadre_id=cadre)[0] == 200
    assert index(survey, "cadre", {"cadre_id": cadre, "unit_id": unit}, cadre_id=place["colleague"])[0] == 404
    assert index(survey, "cadre", {"cadre_id": cadre, "unit_id": unit}, unit_id=unit)[0] == 403
    assert index(survey, "auditor", cadre_id=cadre)[0] == 200
    assert index(survey, "kiosk", {"unit_id": unit, "kiosk_id": "k-1"}, cadre_id=cadre)[0] == 403
    assert index(survey, cadre_id="nobody")[0] == 404
    status, body = index(survey, cadre_id=cadre, period="2026-Q5")
    assert status == 422 and "period" in body["error"]["fields"]
    status, body = index(survey, cadre_id=cadre, unit_id=unit)
    assert status == 422 and "cadre_id" in body["error"]["fields"]
    status, body = index(survey)
    assert status == 422


def test_procedure_breakdown_and_trend(survey, place):
    unit = survey.add_unit("Xã Cẩm Lý")
    a, b = survey.add_cadre(unit, "Ngô Thị Yến"), survey.add_cadre(unit, "Tạ Đình Khoa")
    kiosk = survey.tokens.kiosk(unit, "k-breakdown")
    for i in range(6):
        assert survey.answer(kiosk, cadre_id=a, overall="very_satisfied" if i % 3 else "dissatisfied",
                             procedure_code="HT-KHAISINH", answered_at=spaced(300 - i * 10))[0].status_code == 201
    assert survey.answer(kiosk, cadre_id=b, procedure_code="DD-CHUNGTHUC",
                         answered_at=spaced(100))[0].status_code == 201
    by_procedure = index(survey, unit_id=unit, procedure_code="HT-KHAISINH")[1]
    assert by_procedure["responses"] == 6 and by_procedure["satisfaction_rate"] == round(4 / 6, 4)
    res = survey.client.get("/api/v1/satisfaction/breakdown", query_string={"unit_id": unit, "period": QUARTER},
                            headers=survey.tokens.headers("unit_hr", unit_id=unit)).get_json()
    rows = {row["key"]: row for row in res["items"]}
    assert rows[a]["name"] == "Ngô Thị Yến" and rows[a]["responses"] == 6 and rows[a]["enough"]
    assert rows[b]["responses"] == 1 and rows[b]["enough"] is False
    res = survey.client.get("/api/v1/satisfaction/breakdown",
                            query_string={"unit_id": unit, "period": QUARTER, "by": "procedure"},
                            headers=survey.tokens.headers("province_admin")).get_json()
    assert {row["key"]: row["responses"] for row in res["items"]} == {"HT-KHAISINH": 6, "DD-CHUNGTHUC": 1}
    trend = survey.client.get("/api/v1/satisfaction/trend", query_string={"cadre_id": a, "period": QUARTER,
                                                                          "count": 3},
                              headers=survey.tokens.headers("province_admin")).get_json()
    assert [item["responses"] for item in trend["items"]] == [0, 0, 6]
    assert trend["items"][-1]["period"] == QUARTER


def test_comments_newest_first_with_status(survey, place):
    unit = survey.add_unit("Xã Mỹ Hưng")
    cadre = survey.add_cadre(unit, "Lương Thị Hoa")
    kiosk = survey.tokens.kiosk(unit, "k-comments")
    for minutes, text in ((50, "Chờ hơi lâu"), (40, None), (30, "<script>alert(1)</script> rất tốt")):
        survey.answer(kiosk, cadre_id=cadre, comment=text, answered_at=spaced(minutes))
    survey.deliver_answers()
    res = survey.client.get("/api/v1/responses", query_string={"unit_id": unit, "with_comment": "true"},
                            headers=survey.tokens.headers("unit_hr", unit_id=unit)).get_json()
    assert [item["comment"] for item in res["items"]] == ["<script>alert(1)</script> rất tốt", "Chờ hơi lâu"]
    assert res["total"] == 2 and all(item["status"] == "counted" for item in res["items"])
    assert all("dossier" not in key for item in res["items"] for key in item)
    assert survey.client.get("/api/v1/responses", query_string={"unit_id": unit},
                             headers=survey.tokens.headers("unit_hr", unit_id=place["other"])).status_code == 404
    assert survey.client.get("/api/v1/responses", headers=survey.tokens.headers("cadre")).status_code == 403
