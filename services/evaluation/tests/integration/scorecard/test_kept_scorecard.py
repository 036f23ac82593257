"""The scorecard is kept per worker as its finished JSON (scorecard/handlers.py ``kept_scorecards``) while
nothing it counts has changed, on the real store: asked again it is not made again, and it changes
right after each kind of write it counts — a cadre joining a unit (the rosters), a position made a
key title, a unit registered, a citizen's counted answer, a unit's classification approved, a period
closed."""
from __future__ import annotations

import uuid

import pytest

from cadre_shared.envelope import make_event
from evaluation.appraisal.handlers.period_jobs import apply_period_event
from evaluation.consumers import CONSUMERS
from evaluation.scorecard import handlers as scorecard_handlers

pytestmark = pytest.mark.integration

YEAR = 2023


def cadre_body(unit_id: str, **fields) -> dict:
    return {"code": f"CB{uuid.uuid4().hex[:8]}", "full_name": "Phạm Thị Thu Hà", "gender": "female",
            "birth_year": 1985, "unit_id": unit_id, "is_local": True, **fields}


def close(registry, period: dict) -> None:
    """Closes the period and runs its closing job from the staged event (no relay or consumer runs here)."""
    closed = registry.post(f"/api/v1/periods/{period['id']}/close")
    assert closed.status_code == 202, closed.get_data(as_text=True)
    [requested] = [e for e in registry.events("periods", period["id"]) if e["type"] == "period.closing_requested"]
    with registry.client.application.app_context():
        apply_period_event(requested)
    assert registry.get(f"/api/v1/periods/{period['id']}").get_json()["status"] == "closed"


@pytest.fixture(scope="module")
def closed_quarter(registry, catalogue):
    """Two cadres of Xã Tiên Du (one holding the chairman's post), each with a task of the quarter, and
    the quarter closed."""
    unit = catalogue["X-TD"]
    chair = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Ngô Văn Chủ", gender="male",
                                                          position_id=catalogue["CT-UBND"], is_local=False))
    clerk = registry.created("/api/v1/cadres", cadre_body(unit, position_id=catalogue["CV-TP"]))
    period = registry.created("/api/v1/periods", {"year": YEAR, "quarter": 1})
    for cadre in (chair, clerk):
        registry.created("/api/v1/tasks", {"cadre_id": cadre["id"], "period": period["code"],
                                           "title": "Báo cáo quý", "coefficient": 1, "due_on": f"{YEAR}-03-20"})
    close(registry, period)
    return {"unit": unit, "period": period, "chair": chair}


def card(registry, **query) -> dict:
    res = registry.get("/api/v1/scorecard", query_string=query)
    assert res.status_code == 200, res.get_data(as_text=True)
    return res.get_json()


def figures(figure_list: list[dict]) -> dict[str, dict]:
    return {f["key"]: f for f in figure_list}


def not_made_again(monkeypatch):
    """From here the card may not be counted again: it must come from what the worker kept."""
    def refused(*_args, **_kwargs):
        pytest.fail("the scorecard was made again while nothing it counts changed")

    monkeypatch.setattr(scorecard_handlers, "_scorecards", refused)


def test_the_card_is_kept_and_made_again_after_each_kind_of_write(registry, catalogue, closed_quarter,
                                                                    monkeypatch):
    unit, code = closed_quarter["unit"], closed_quarter["period"]["code"]
    first = registry.get("/api/v1/scorecard")
    assert first.status_code == 200, first.get_data(as_text=True)
    before = first.get_json()
    assert before["period"] == code
    with monkeypatch.context() as kept:
        not_made_again(kept)
        again = registry.get("/api/v1/scorecard")
        assert again.status_code == 200 and again.get_data() == first.get_data()
    # another scope is a card of its own
    assert card(registry, unit_id=unit)["province"] is None

    # the rosters: a cadre joins the unit
    digital = figures(before["province"])["digital_skills"]["denominator"]
    registry.created("/api/v1/cadres", cadre_body(unit, full_name="Vũ Văn Mới"))
    after_roster = card(registry)
    assert figures(after_roster["province"])["digital_skills"]["denominator"] == digital + 1

    # the positions: the chairman's post becomes a key title held by a non-local
    titled = figures(after_roster["province"])["key_titles_non_local"]
    assert titled["denominator"] == 0
    res = registry.patch(f"/api/v1/positions/{catalogue['CT-UBND']}", json={"key_title": "pc_chairman"})
    assert res.status_code == 200, res.get_data(as_text=True)
    titled = figures(card(registry)["province"])["key_titles_non_local"]
    assert (titled["numerator"], titled["denominator"]) == (1, 1)

    # the units: a commune registered shows on the province's card
    new_unit = registry.created("/api/v1/units", {"code": "X-MOI", "name": "Xã Mới Lập", "kind": "commune",
                                                  "area": "rural", "parent_id": catalogue["province"]})["id"]
    after_unit = card(registry)
    assert new_unit in {u["unit_id"] for u in after_unit["units"]}
    assert after_unit["classification"]["units"] == before["classification"]["units"] + 1

    # the response facts: a citizen's counted answer about a cadre of the unit
    answered = figures(after_unit["province"])["citizen_satisfaction"]
    chair = closed_quarter["chair"]

    def answer(quarter: str, month: str, batch: bool = False) -> None:
        event = make_event("response.recorded", 1, chair["id"], {
            "response_id": str(uuid.uuid4()), "cadre_id": chair["id"], "unit_id": unit, "kiosk_id": "k-1",
            "procedure_code": None, "overall": "satisfied", "indicators": {}, "quarter": quarter, "month": month,
            "submitted_at": f"{YEAR}-02-12T02:00:00+00:00", "counted": True}, "survey")
        with registry.client.application.app_context():
            if batch:
                CONSUMERS["satisfaction"].batch_handler([event])
            else:
                CONSUMERS["satisfaction"].handler(event)

    answer(f"{YEAR}-Q3", f"{YEAR}-08")  # the store's first fact makes the facts' version (a new epoch)
    assert card(registry) == after_unit
    with monkeypatch.context() as kept:  # an answer of another period (a kiosk's today) leaves the card kept
        not_made_again(kept)
        answer(f"{YEAR}-Q3", f"{YEAR}-09")
        answer(f"{YEAR}-Q4", f"{YEAR}-11", batch=True)
        assert card(registry) == after_unit
    answer(code, f"{YEAR}-02")
    satisfaction = figures(card(registry)["province"])["citizen_satisfaction"]
    assert (satisfaction["numerator"], satisfaction["denominator"]) == \
        (answered["numerator"] + 1, answered["denominator"] + 1)
    answer(code, f"{YEAR}-03", batch=True)
    satisfaction = figures(card(registry)["province"])["citizen_satisfaction"]
    assert satisfaction["denominator"] == answered["denominator"] + 2

    # the classifications: the unit's approval
    assert card(registry)["classification"]["approved_units"] == 0
    res = registry.post(f"/api/v1/periods/{closed_quarter['period']['id']}/classification/approve",
                        json={"unit_id": unit})
    assert res.status_code == 200, res.get_data(as_text=True)
    approved = card(registry)
    assert approved["classification"]["approved_units"] == 1
    assert figures(approved["province"])["good_or_better"]["denominator"] == 2

    # the periods: the next quarter, open, has no card; closed, it is the latest closed period's
    second = registry.created("/api/v1/periods", {"year": YEAR, "quarter": 2})
    refused = registry.get("/api/v1/scorecard", query_string={"period": second["code"]})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "period_open"
    assert card(registry)["period"] == code
    close(registry, second)
    assert card(registry)["period"] == second["code"]
    assert card(registry, period=second["code"])["period"] == second["code"]
    assert card(registry, period=code)["classification"]["approved_units"] == 1  # the first quarter's, kept apart
    with monkeypatch.context() as kept:
        not_made_again(kept)
        assert card(registry)["period"] == second["code"]
