"""The evaluation service's satisfaction read model, fed with survey events as the consumer
would receive them (redelivered, re-published, reviewed, out of order), read through the API."""
from __future__ import annotations

import uuid

import pytest

from cadre_shared.envelope import make_event
from evaluation.appraisal.handlers.satisfaction import apply_recorded_events, apply_response_event

pytestmark = pytest.mark.integration


def cadre_body(unit_id: str, full_name: str) -> dict:
    return {"code": f"CB{uuid.uuid4().hex[:8]}", "full_name": full_name, "gender": "male", "birth_year": 1985,
            "unit_id": unit_id, "is_local": True}


@pytest.fixture(scope="module")
def people(registry):
    unit = registry.created("/api/v1/units", {"code": "X-HL", "name": "Xã Hòa Lạc", "kind": "commune",
                                              "area": "rural"})["id"]
    other = registry.created("/api/v1/units", {"code": "X-BV", "name": "Xã Ba Vì", "kind": "commune",
                                               "area": "mountain"})["id"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Trần Văn Hùng"))["id"]
    return {"unit": unit, "other_unit": other, "cadre": cadre}


def recorded(cadre_id: str, unit_id: str, overall: str, *, counted: bool = True, quarter: str = "2026-Q4",
             month: str = "2026-11", response_id: str | None = None) -> dict:
    return make_event("response.recorded", 1, cadre_id, {
        "response_id": response_id or str(uuid.uuid4()), "cadre_id": cadre_id, "unit_id": unit_id,
        "kiosk_id": "k-1", "procedure_code": None, "overall": overall, "indicators": {}, "quarter": quarter,
        "month": month, "submitted_at": "2026-11-20T02:00:00+00:00", "counted": counted}, "survey")


def reviewed(event: dict, counted: bool) -> dict:
    p = event["payload"]
    return make_event("response.reviewed", 1, p["cadre_id"], {"response_id": p["response_id"],
                                                              "cadre_id": p["cadre_id"], "counted": counted,
                                                              "decided_by": "hr.hoalac"}, "survey")


def figures(registry, cadre_id, period="2026-Q4", role="province_admin", claims=None):
    res = registry.get(f"/api/v1/cadres/{cadre_id}/satisfaction?period={period}", role, claims=claims)
    return res.status_code, res.get_json()


def test_counts_each_response_once_however_often_it_arrives(registry, people):
    cadre, unit = people["cadre"], people["unit"]
    events = [recorded(cadre, unit, level) for level in
              ("very_satisfied", "very_satisfied", "satisfied", "satisfied", "dissatisfied", "satisfied")]
    for event in events + events[:3]:  # redelivery of the first three
        apply_response_event(event)
    republished = recorded(cadre, unit, "very_satisfied", response_id=events[0]["payload"]["response_id"])
    apply_response_event(republished)  # the survey re-staged the event of a stored response
    status, body = figures(registry, cadre)
    assert status == 200
    assert (body["responses"], body["very_satisfied"], body["satisfied"], body["dissatisfied"]) == (6, 2, 3, 1)
    assert body["satisfaction_rate"] == round(5 / 6, 4) and body["enough"] is True
    status, month = figures(registry, cadre, "2026-11")
    assert month["responses"] == 6
    assert figures(registry, cadre, "2026-10")[1]["responses"] == 0


def test_a_batch_counts_each_response_once_and_keeps_a_decision_taken_first(registry, people):
    """The consumer's batches: repeats within and across batches, and a review that came first."""
    cadre, unit = people["cadre"], people["unit"]
    events = [recorded(cadre, unit, level, quarter="2026-Q2", month="2026-05")
              for level in ("very_satisfied", "satisfied", "dissatisfied", "satisfied")]
    apply_response_event(reviewed(events[3], counted=False))  # HR's rejection arrived before the answer
    apply_recorded_events(events[:2] + events[:1])
    apply_recorded_events(events)  # redelivered after a crash before the commit
    status, body = figures(registry, cadre, period="2026-Q2")
    assert status == 200
    assert (body["responses"], body["very_satisfied"], body["satisfied"], body["dissatisfied"]) == (3, 1, 1, 1)


def test_suspects_count_only_once_cleared_and_rejected_never(registry, people):
    unit = people["unit"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Lê Thị Mai"))["id"]
    held = [recorded(cadre, unit, "very_satisfied", counted=False) for _ in range(3)]
    for event in held:
        apply_response_event(event)
    assert figures(registry, cadre)[1]["responses"] == 0
    apply_response_event(reviewed(held[0], True))
    apply_response_event(reviewed(held[1], False))
    apply_response_event(reviewed(held[0], True))  # redelivered decision
    apply_response_event(held[0])  # a late copy of the recorded event does not undo the decision
    body = figures(registry, cadre)[1]
    assert body["responses"] == 1 and body["very_satisfied"] == 1 and body["enough"] is False
    assert body["satisfaction_rate"] is None and "Not enough" in body["message"]


def test_a_review_arriving_before_its_response_is_kept(registry, people):
    unit = people["unit"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Phạm Quốc Bảo"))["id"]
    event = recorded(cadre, unit, "dissatisfied", counted=False)
    apply_response_event(reviewed(event, True))
    assert figures(registry, cadre)[1]["responses"] == 0  # nothing to count until the response is known
    apply_response_event(event)
    body = figures(registry, cadre)[1]
    assert body["responses"] == 1 and body["dissatisfied"] == 1


def test_unit_scope_and_validation(registry, people):
    cadre = people["cadre"]
    assert figures(registry, cadre, role="unit_hr", claims={"unit_id": people["unit"]})[0] == 200
    assert figures(registry, cadre, role="unit_hr", claims={"unit_id": people["other_unit"]})[0] == 404
    assert figures(registry, cadre, role="cadre", claims={"cadre_id": cadre})[0] == 200
    assert figures(registry, cadre, role="cadre", claims={"cadre_id": "someone-else"})[0] == 404
    assert figures(registry, "no-such-cadre")[0] == 404
    status, body = figures(registry, cadre, period="2026-Q5")
    assert status == 422 and "period" in body["error"]["fields"]
    res = registry.get(f"/api/v1/cadres/{cadre}/satisfaction")
    assert res.status_code == 422 and "period" in res.get_json()["error"]["fields"]
