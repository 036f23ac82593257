"""Batches of output tasks (``POST /tasks/batch``) and of a rater's 360 answers (``POST /ratings/batch``):
each row checked as a single write is, all or nothing, and a batch sent again replaces instead of
adding — what the demo province's two years of history are sent with."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration
YEAR = 2041


@pytest.fixture(scope="module")
def unit(registry, catalogue):
    def cadre(code, unit="X-TD"):
        return registry.created("/api/v1/cadres", {
            "code": code, "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female", "birth_year": 1988,
            "unit_id": catalogue[unit], "is_local": True, "position_id": catalogue["CV-TP"]})["id"]
    ids = {"A": cadre("BATCH-A"), "B": cadre("BATCH-B"), "C": cadre("BATCH-C")}
    other = cadre("BATCH-X", "P-KB")
    period = registry.created("/api/v1/periods", {"year": YEAR, "quarter": 2})
    return {"ids": ids, "other": other, "period": period}


def task(cadre_id, key, done=True, **outcome):
    return {"cadre_id": cadre_id, "key": key, "title": "Báo cáo quý", "coefficient": 2, "due_on": f"{YEAR}-05-20",
            "completed_on": f"{YEAR}-05-18" if done else None, **outcome}


def listed(registry, cadre_id):
    res = registry.get("/api/v1/tasks", query_string={"cadre_id": cadre_id, "period": f"{YEAR}-Q2"})
    assert res.status_code == 200, res.get_data(as_text=True)
    return res.get_json()


def test_tasks_go_in_one_request_and_again_replace(registry, catalogue, unit):
    a, b = unit["ids"]["A"], unit["ids"]["B"]
    body = {"period": f"{YEAR}-Q2", "tasks": [task(a, "0000aaaa"), task(a, "0000bbbb", quality_failures=2),
                                              task(b, "0000aaaa", done=False)]}
    res = registry.post("/api/v1/tasks/batch", "unit_hr", claims={"unit_id": catalogue["X-TD"]}, json=body)
    assert res.status_code == 200, res.get_data(as_text=True)
    assert res.get_json() == {"period": f"{YEAR}-Q2", "created": 3, "replaced": 0, "cadres": 2}
    again = registry.post("/api/v1/tasks/batch", json=body).get_json()
    assert (again["created"], again["replaced"]) == (0, 3)
    mine = {t["id"].split("-")[0]: t for t in listed(registry, a)}
    assert set(mine) == {"0000aaaa", "0000bbbb"} and mine["0000bbbb"]["quality_failures"] == 2
    assert all(t["completed"] and t["version"] == 2 for t in mine.values())
    assert [t["completed"] for t in listed(registry, b)] == [False]
    score = registry.get(f"/api/v1/cadres/{a}/scores", query_string={"period": f"{YEAR}-Q2"}).get_json()
    assert (score["a"], score["b"]) == (100, 75)


def test_one_bad_task_and_none_is_written(registry, catalogue, unit):
    c = unit["ids"]["C"]
    res = registry.post("/api/v1/tasks/batch", json={"period": f"{YEAR}-Q2", "tasks": [
        task(c, "0000cccc"), task("no-such-cadre", "0000cccc"), task(c, "0000dddd", delays=-1)]})
    assert res.status_code == 422 and "delays" in str(res.get_json()["error"]["fields"]["tasks"]), \
        "the schema refuses a negative count first"
    res = registry.post("/api/v1/tasks/batch", json={"period": f"{YEAR}-Q2", "tasks": [
        task(c, "0000cccc"), task("no-such-cadre", "0000cccc")]})
    assert res.status_code == 422 and set(res.get_json()["error"]["fields"]) == {"tasks.1.cadre_id"}
    assert listed(registry, c) == []
    elsewhere = registry.post("/api/v1/tasks/batch", "unit_hr", claims={"unit_id": catalogue["X-TD"]}, json={
        "period": f"{YEAR}-Q2", "tasks": [task(unit["other"], "0000eeee")]})
    assert elsewhere.status_code in (403, 404)
    assert registry.post("/api/v1/tasks/batch", "cadre", claims={"cadre_id": c}, json={
        "period": f"{YEAR}-Q2", "tasks": [task(c, "0000eeee")]}).status_code == 403


def rating(ratee, group, mark=8.0):
    return {"ratee_id": ratee, "group": group, "scores": {"service": mark, "coordination": mark, "discipline": mark}}


def test_a_rater_sends_several_answers_at_once_all_or_nothing(registry, unit):
    a, b, c = unit["ids"]["A"], unit["ids"]["B"], unit["ids"]["C"]
    as_a = {"claims": {"cadre_id": a}}
    refused = registry.post("/api/v1/ratings/batch", "cadre", **as_a, json={
        "period": f"{YEAR}-Q2", "ratings": [rating(a, "self"), rating(b, "leader")]})
    assert refused.status_code == 422 and "ratings.1.group" in refused.get_json()["error"]["fields"]
    mine = registry.get("/api/v1/ratings/mine", "cadre", **as_a, query_string={"period": f"{YEAR}-Q2"}).get_json()
    assert mine["rated"] == 0, "nothing of a refused batch is stored"
    body = {"period": f"{YEAR}-Q2", "ratings": [rating(a, "self", 9), rating(b, "peer", 7), rating(c, "peer", 6)]}
    res = registry.post("/api/v1/ratings/batch", "cadre", **as_a, json=body)
    assert res.status_code == 200, res.get_data(as_text=True)
    assert res.get_json() == {"period": f"{YEAR}-Q2", "created": 3, "replaced": 0}
    assert registry.post("/api/v1/ratings/batch", "cadre", **as_a, json=body).get_json()["replaced"] == 3
    mine = registry.get("/api/v1/ratings/mine", "cadre", **as_a, query_string={"period": f"{YEAR}-Q2"}).get_json()
    assert mine["rated"] == 3 and {i["ratee_id"]: i["scores"]["service"] for i in mine["items"] if i["rated"]} == \
        {a: 9.0, b: 7.0, c: 6.0}
    assert registry.post("/api/v1/ratings/batch", json=body).status_code == 403, "the rater is the signed-in cadre"
