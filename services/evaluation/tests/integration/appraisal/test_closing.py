"""Closing a period in the evaluation service on the real store (no relay or consumer runs here, so
the test runs the closing job itself from the event the request staged): each score is frozen
once, by code, with the versions it used; its score.computed event waits in a carrier until the
score is stored; the labels people read are added when a score is shown."""
from __future__ import annotations

import json

import pytest

from evaluation.appraisal.handlers.frozen import frozen, frozen_in_unit, pack, unpack
from evaluation.appraisal.handlers.frozen_legacy import regroup
from evaluation.appraisal.handlers.period_jobs import apply_period_event, open_round
from evaluation.appraisal.handlers.periods import find_period
from evaluation.appraisal.models.scores import ScoreEvents

pytestmark = pytest.mark.integration
INDEX_NAMES = {"service": "Phục vụ Nhân dân, doanh nghiệp", "coordination": "Phối hợp, tổ chức thực hiện",
               "discipline": "Kỷ luật, kỷ cương, liêm chính"}


@pytest.fixture(scope="module")
def closed(registry, catalogue):
    cadre = registry.created("/api/v1/cadres", {
        "code": "CB-CLOSE-1", "full_name": "Hoàng Văn Khải", "gender": "male", "birth_year": 1985,
        "unit_id": catalogue["X-TD"], "position_id": catalogue["CV-TP"], "is_local": True})
    period = registry.created("/api/v1/periods", {"year": 2041, "quarter": 1})
    registry.created("/api/v1/tasks", {"cadre_id": cadre["id"], "period": period["code"], "title": "Hồ sơ hộ tịch",
                                       "coefficient": 1, "due_on": "2041-03-20"})
    task = registry.created("/api/v1/tasks", {"cadre_id": cadre["id"], "period": period["code"],
                                              "title": "Báo cáo quý", "coefficient": 2, "due_on": "2041-03-25"})
    assert registry.patch(f"/api/v1/tasks/{task['id']}", json={"completed_on": "2041-03-24"}).status_code == 200
    res = registry.post(f"/api/v1/periods/{period['id']}/close")
    assert res.status_code == 202 and res.get_json()["status"] == "closing", res.get_data(as_text=True)
    [requested] = [e for e in registry.events("periods", period["id"]) if e["type"] == "period.closing_requested"]
    with registry.client.application.app_context():
        apply_period_event(requested)
        apply_period_event(requested)  # delivered twice: nothing more happens
    return {"cadre": cadre["id"], "period": period, "closed": registry.get(f"/api/v1/periods/{period['id']}")
            .get_json(), "key": f"{period['code']}|{catalogue['X-TD']}", "position": catalogue["CV-TP"]}


def stored_row(registry, closed) -> dict:
    """The cadre's row in their unit's document of frozen scores."""
    return unpack(registry.db["frozen_scores"].find_one({"_id": closed["key"]})["rows"])[closed["cadre"]]


def test_the_frozen_score_stores_codes_and_versions_not_labels(registry, closed):
    assert closed["closed"]["status"] == "closed" and closed["closed"]["scores"] == 1
    assert closed["closed"]["job"]["status"] == "done" and closed["closed"]["job"]["total"] >= 1
    stored = stored_row(registry, closed)
    assert stored["cadre_id"] == closed["cadre"] and stored["level"] in ("excellent", "good", "completed",
                                                                         "not_completed")
    detail = stored
    assert set(detail["general"]["indices"]) == set(INDEX_NAMES)
    assert all("name" not in index for index in detail["general"]["indices"].values())
    assert detail["versions"]["position_id"] == closed["position"] and detail["versions"]["position_version"] == 1


def test_the_score_is_published_once_after_it_is_stored(registry, closed):
    carriers = list(registry.db["score_events"].find())
    events = [e for c in carriers for e in c["outbox"] if e["payload"]["period"] == closed["period"]["code"]]
    assert [e["key"] for e in events] == [closed["cadre"]]
    stored = stored_row(registry, closed)
    assert events[0]["payload"]["total"] == round(stored["total"], 6) and events[0]["payload"]["d"] is None
    [carrier] = [c for c in carriers if c["outbox"][0]["payload"]["period"] == closed["period"]["code"]]
    assert ScoreEvents.publish_verdict(carrier) == "publish"
    again = registry.post(f"/api/v1/periods/{closed['period']['id']}/close")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "period_closed"


def test_the_view_adds_the_labels_also_to_scores_frozen_with_them(registry, closed):
    def shown():
        res = registry.get(f"/api/v1/cadres/{closed['cadre']}/scores?period={closed['period']['code']}")
        assert res.status_code == 200, res.get_data(as_text=True)
        return res.get_json()

    score = shown()
    assert score["status"] == "final" and score["level_name"].startswith(("Hoàn thành", "Không hoàn thành"))
    assert {code: index["name"] for code, index in score["general"]["indices"].items()} == INDEX_NAMES
    # scores frozen before this change kept the label inside; they read the same
    doc = registry.db["frozen_scores"].find_one({"_id": closed["key"]})
    rows = unpack(doc["rows"])
    rows[closed["cadre"]]["general"]["indices"]["service"]["name"] = "nhãn cũ"
    registry.db["frozen_scores"].update_one({"_id": closed["key"]}, {"$set": {"rows": pack(rows)}})
    assert shown()["general"]["indices"]["service"]["name"] == INDEX_NAMES["service"]


def test_the_unit_gets_its_proposal_with_percentiles(registry, closed, catalogue):
    res = registry.get(f"/api/v1/periods/{closed['period']['id']}/classification",
                       query_string={"unit_id": catalogue["X-TD"]})
    assert res.status_code == 200, res.get_data(as_text=True)
    body = res.get_json()
    assert body["status"] == "proposed" and [c["cadre_id"] for c in body["cadres"]] == [closed["cadre"]]
    assert body["cadres"][0]["percentile"] == 100.0 and body["cadres"][0]["compared_with"] == 1
    assert registry.db["period_comparisons"].find_one({"_id": closed["period"]["code"]})["cadres"] == 1


def test_scores_frozen_one_document_per_cadre_are_regrouped_once(registry, closed, catalogue):
    """A store from before the documents per unit (python -m evaluation.appraisal.regroup_scores)."""
    general = {"indices": {"service": {"score": 8.0, "groups": {}}}}
    old = {"period": "2040-Q3", "unit_id": catalogue["X-TD"], "task_group": None, "is_leader": False, "a": 90.0,
           "b": 100.0, "c": 100.0, "d": None, "dd": None, "e": None, "task_points": 68.0, "general_points": 24.0,
           "total": 92.0, "level": "excellent", "override": None}
    registry.db["period_scores"].insert_many([
        {**old, "_id": "2040-Q3|a", "cadre_id": "a", "detail": json.dumps({"general": general, "versions": {}})},
        {**old, "_id": "2040-Q3|b", "cadre_id": "b", "general": general, "total": 40.0}])  # the oldest: inline
    with registry.client.application.app_context():
        assert regroup() == {"periods": 1, "units": 1, "scores": 2}
        assert frozen("2040-Q3", "a")["general"] == general
        assert frozen("2040-Q3", "b", catalogue["X-TD"])["total"] == 40.0
        assert regroup() == {"periods": 0, "units": 0, "scores": 0}
        assert set(frozen_in_unit("2040-Q3", catalogue["X-TD"])) == {"a", "b"}


def test_a_cadre_moved_after_closing_keeps_the_score_frozen_in_their_unit_then(registry, closed, catalogue):
    moved = registry.post(f"/api/v1/cadres/{closed['cadre']}/moves", json={
        "unit_id": catalogue["X-SD"], "position_id": closed["position"], "kind": "rotation",
        "effective_on": "2041-04-01"})
    assert moved.status_code == 200, moved.get_data(as_text=True)
    res = registry.get(f"/api/v1/cadres/{closed['cadre']}/scores?period={closed['period']['code']}")
    assert res.status_code == 200 and res.get_json()["unit_id"] == catalogue["X-TD"], res.get_data(as_text=True)
    comparison = registry.get(f"/api/v1/cadres/{closed['cadre']}/comparison?period={closed['period']['code']}")
    assert comparison.status_code == 200 and comparison.get_json()["compared_with"] == 1, comparison.get_data(True)


def test_an_opening_job_still_running_when_the_close_is_asked_leaves_the_close_job_alone(registry, catalogue):
    period = registry.created("/api/v1/periods", {"year": 2042, "quarter": 2})
    [opened] = [e for e in registry.events("periods", period["id"]) if e["type"] == "period.opened"]
    with registry.client.application.app_context():
        opening = find_period(period["id"])  # the opening job has read its period, then the close is asked
        assert registry.post(f"/api/v1/periods/{period['id']}/close").status_code == 202
        open_round(opening)
        job = registry.get(f"/api/v1/periods/{period['id']}").get_json()["job"]
        assert job["kind"] == "close" and job["status"] == "queued" and job["done"] == 0, job
        assert registry.db["appraisal_rounds"].find_one({"_id": f"{period['code']}|{catalogue['X-TD']}"}) is None
        apply_period_event(opened)  # delivered again: the period's job is the close, nothing runs
        [requested] = [e for e in registry.events("periods", period["id"]) if e["type"] == "period.closing_requested"]
        apply_period_event(requested)
    closed = registry.get(f"/api/v1/periods/{period['id']}").get_json()
    assert closed["status"] == "closed" and closed["job"]["kind"] == "close" and closed["job"]["status"] == "done"
