"""Evaluation periods, output tasks, leaders' criteria đ/e and the general-criteria policy through
the gateway (PRODUCT.md §5): success, scoping (401/403/404), conflicts (409) and bad input (422)."""
from __future__ import annotations

import pytest
import requests

from support.world import World, unique
from support.platform import eventually

pytestmark = pytest.mark.integration
YEAR = 2031  # periods of this module; other modules use other years


@pytest.fixture(scope="module")
def world(stack):
    reg = World(stack)
    unit_a, unit_b = reg.unit("Xã Yên Thế"), reg.unit("Phường Hòa Bình", kind="ward", area="urban")
    leader_position = reg.created("/positions", {"code": unique("CT"), "title": "Chủ tịch UBND xã",
                                                  "task_group": "Lãnh đạo UBND", "is_leader": True})
    leader = reg.cadre(unit_a["id"], "Hoàng Văn Thái", position_id=leader_position["id"])
    staff = reg.cadre(unit_a["id"], "Nguyễn Thị Lan")
    colleague = reg.cadre(unit_a["id"], "Trần Đức Minh")
    stranger = reg.cadre(unit_b["id"], "Lê Thu Hà")
    hr = reg.session_of(reg.user("unit_hr", unit_id=unit_a["id"]))
    me = reg.session_of(reg.user("cadre", cadre_id=staff["id"]))
    periods = {}
    for quarter in (1, 2, 3):
        res = reg.admin.post(reg.base + "/periods", json={"year": YEAR, "quarter": quarter}, timeout=30)
        assert res.status_code == 201, res.text
        periods[quarter] = res.json()
    return {"api": reg.base, "admin": reg.admin, "hr": hr, "me": me, "auditor": reg.session_of(reg.user("auditor")),
            "unit_a": unit_a["id"], "unit_b": unit_b["id"], "leader": leader["id"], "staff": staff["id"],
            "colleague": colleague["id"], "stranger": stranger["id"], "periods": periods}


def task_body(world, cadre=None, period=f"{YEAR}-Q1", **extra):
    return {"cadre_id": cadre or world["staff"], "period": period, "title": "Báo cáo tổng hợp hộ tịch quý",
            "coefficient": 1.5, "due_on": f"{YEAR}-03-20", **extra}


def new_task(world, session=None, **extra) -> dict:
    res = (session or world["admin"]).post(world["api"] + "/tasks", json=task_body(world, **extra), timeout=30)
    assert res.status_code == 201, res.text
    return res.json()


# periods -----------------------------------------------------------------------------------------

def test_open_a_quarter_and_a_month(world):
    assert world["periods"][1]["code"] == f"{YEAR}-Q1" and world["periods"][1]["id"]
    assert (world["periods"][1]["starts_on"], world["periods"][1]["ends_on"]) == (f"{YEAR}-01-01", f"{YEAR}-03-31")
    res = world["admin"].post(world["api"] + "/periods", json={"year": YEAR, "month": 11}, timeout=30)
    assert res.status_code == 201 and res.json()["code"] == f"{YEAR}-11" and res.json()["status"] == "open"
    listed = world["me"].get(world["api"] + "/periods", params={"year": YEAR}, timeout=30)
    assert listed.status_code == 200
    assert {f"{YEAR}-Q1", f"{YEAR}-Q2", f"{YEAR}-Q3", f"{YEAR}-11"} <= {p["code"] for p in listed.json()}
    one = world["hr"].get(world["api"] + f"/periods/{world['periods'][2]['id']}", timeout=30)
    assert one.status_code == 200 and one.json()["code"] == f"{YEAR}-Q2"


def test_duplicate_period_is_409(world):
    res = world["admin"].post(world["api"] + "/periods", json={"year": YEAR, "quarter": 1}, timeout=30)
    assert res.status_code == 409 and res.json()["error"]["code"] == "duplicate"
    assert [p["code"] for p in world["admin"].get(world["api"] + "/periods", params={"year": YEAR},
                                                  timeout=30).json()].count(f"{YEAR}-Q1") == 1


@pytest.mark.parametrize("body,field", [
    ({"year": YEAR}, "quarter"), ({"year": YEAR, "quarter": 1, "month": 1}, "month"),
    ({"year": YEAR, "quarter": 5}, "quarter"), ({"year": YEAR, "month": 13}, "month"),
    ({"year": "hai nghìn", "quarter": 1}, "year"), ({"year": 1999, "quarter": 1}, "year"),
    ({"quarter": 1}, "year"), ({"year": YEAR, "quarter": 1, "kind": "quarter"}, "kind"),
    ({"year": {"$gt": 0}, "quarter": 1}, "year"),
])
def test_bad_period_is_422_naming_the_field(world, body, field):
    res = world["admin"].post(world["api"] + "/periods", json=body, timeout=30)
    assert res.status_code == 422, res.text
    assert field in res.json()["error"]["fields"]


def test_only_province_hr_opens_and_closes_periods(world):
    for session in (world["hr"], world["me"], world["auditor"]):
        assert session.post(world["api"] + "/periods", json={"year": YEAR, "quarter": 4}, timeout=30).status_code == 403
        assert session.post(world["api"] + f"/periods/{world['periods'][3]['id']}/close", timeout=30).status_code == 403
    assert requests.post(world["api"] + "/periods", json={"year": YEAR, "quarter": 4}, timeout=30).status_code == 401
    assert requests.get(world["api"] + "/periods", timeout=30).status_code == 401
    assert world["admin"].post(world["api"] + "/periods/no-such-period/close", timeout=30).status_code == 404
    assert world["admin"].get(world["api"] + "/periods/no-such-period", timeout=30).status_code == 404


def test_closing_freezes_tasks_and_leader_criteria(world):
    period = world["periods"][3]
    task = new_task(world, period=period["code"])
    res = world["admin"].post(world["api"] + f"/periods/{period['id']}/close", timeout=30)
    assert res.status_code == 202 and res.json()["job"]["kind"] == "close", res.text
    closed = eventually(lambda: (lambda p: p if p["status"] == "closed" else None)(
        world["admin"].get(world["api"] + f"/periods/{period['id']}", timeout=30).json()), timeout=90,
        message="period closed")
    assert closed["scores"] == 1 and closed["closed_at"] and closed["job"]["status"] == "done"
    again = world["admin"].post(world["api"] + f"/periods/{period['id']}/close", timeout=30)
    assert again.status_code == 409 and again.json()["error"]["code"] == "period_closed"
    refused = [world["admin"].post(world["api"] + "/tasks", json=task_body(world, period=period["code"]), timeout=30),
               world["admin"].patch(world["api"] + f"/tasks/{task['id']}", json={"completed_on": f"{YEAR}-09-01"},
                                    timeout=30),
               world["hr"].put(world["api"] + f"/cadres/{world['leader']}/leader-criteria",
                               json={"period": period["code"], "unit_plan_on_time": True, "unity": True}, timeout=30)]
    assert [r.status_code for r in refused] == [409, 409, 409]
    assert all(r.json()["error"]["code"] == "period_closed" for r in refused)
    unchanged = world["admin"].get(world["api"] + f"/tasks/{task['id']}", timeout=30).json()
    assert unchanged["completed_on"] is None and unchanged["version"] == 1


# tasks -------------------------------------------------------------------------------------------

def test_assign_task_as_province_and_as_the_units_hr(world):
    by_admin = new_task(world)
    assert (by_admin["cadre_id"], by_admin["period"], by_admin["coefficient"], by_admin["due_on"]) == (
        world["staff"], f"{YEAR}-Q1", 1.5, f"{YEAR}-03-20")
    assert by_admin["completed"] is False and by_admin["unit_id"] == world["unit_a"]
    by_hr = new_task(world, session=world["hr"], cadre=world["colleague"], title="Tiếp nhận hồ sơ một cửa")
    assert by_hr["cadre_id"] == world["colleague"]


def test_task_scope_and_roles(world):
    other_unit = world["hr"].post(world["api"] + "/tasks", json=task_body(world, cadre=world["stranger"]), timeout=30)
    assert other_unit.status_code == 404
    assert world["me"].post(world["api"] + "/tasks", json=task_body(world), timeout=30).status_code == 403
    assert world["auditor"].post(world["api"] + "/tasks", json=task_body(world), timeout=30).status_code == 403
    assert requests.post(world["api"] + "/tasks", json=task_body(world), timeout=30).status_code == 401


@pytest.mark.parametrize("change,field", [
    ({"cadre_id": "no-such-cadre"}, "cadre_id"), ({"period": "2099-Q1"}, "period"), ({"period": "2031-Q5"}, "period"),
    ({"coefficient": 0}, "coefficient"), ({"coefficient": -1}, "coefficient"), ({"due_on": "2031-02-30"}, "due_on"),
    ({"title": ""}, "title"), ({"evidence_url": "javascript:alert(1)"}, "evidence_url"), ({"extra": 1}, "extra"),
    ({"coefficient": "NaN"}, "coefficient"),
])
def test_bad_task_is_422_naming_the_field(world, change, field):
    res = world["admin"].post(world["api"] + "/tasks", json={**task_body(world), **change}, timeout=30)
    assert res.status_code == 422, res.text
    assert field in res.json()["error"]["fields"]


def test_record_completion_failures_delays_and_exemptions(world):
    task = new_task(world)
    res = world["hr"].patch(world["api"] + f"/tasks/{task['id']}", json={
        "completed_on": f"{YEAR}-03-25", "quality_failures": 2, "delays": 1, "exempt_quality_failures": 1,
        "exempt_delays": 1, "evidence_url": "https://vanban.yenthe.gov.vn/bao-cao-q1.pdf"}, timeout=30)
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["completed"] is True and body["completed_on"] == f"{YEAR}-03-25"
    assert (body["quality_failures"], body["delays"], body["exempt_quality_failures"], body["exempt_delays"]) == (
        2, 1, 1, 1)
    assert body["version"] == 2 and body["updated_by"]
    reopened = world["admin"].patch(world["api"] + f"/tasks/{task['id']}", json={"completed_on": None}, timeout=30)
    assert reopened.status_code == 200 and reopened.json()["completed"] is False


@pytest.mark.parametrize("change,field", [
    ({"exempt_delays": 1}, "exempt_delays"), ({"quality_failures": 1, "exempt_quality_failures": 2},
                                              "exempt_quality_failures"),
    ({"delays": -1}, "delays"), ({"delays": 1.5}, "delays"), ({}, "_schema"), ({"completed_on": "hôm qua"},
                                                                              "completed_on"),
])
def test_bad_task_change_is_422(world, change, field):
    task = new_task(world)
    res = world["admin"].patch(world["api"] + f"/tasks/{task['id']}", json=change, timeout=30)
    assert res.status_code == 422, res.text
    assert field in res.json()["error"]["fields"]


def test_a_cadre_adds_evidence_to_own_task_only(world):
    mine = new_task(world)
    theirs = new_task(world, cadre=world["colleague"])
    ok = world["me"].patch(world["api"] + f"/tasks/{mine['id']}", json={"evidence_url": "https://drive.example/q1"},
                           timeout=30)
    assert ok.status_code == 200 and ok.json()["evidence_url"] == "https://drive.example/q1"
    assert world["me"].patch(world["api"] + f"/tasks/{mine['id']}", json={"completed_on": f"{YEAR}-03-01"},
                             timeout=30).status_code == 403
    assert world["me"].patch(world["api"] + f"/tasks/{theirs['id']}", json={"evidence_url": "https://x.example"},
                             timeout=30).status_code == 404
    assert world["me"].get(world["api"] + f"/tasks/{theirs['id']}", timeout=30).status_code == 404
    assert world["auditor"].patch(world["api"] + f"/tasks/{mine['id']}", json={"delays": 1},
                                  timeout=30).status_code == 403
    assert world["admin"].patch(world["api"] + "/tasks/no-such-task", json={"delays": 1}, timeout=30).status_code == 404


def test_other_units_hr_cannot_touch_a_task(world):
    task = new_task(world, cadre=world["stranger"])
    assert world["hr"].patch(world["api"] + f"/tasks/{task['id']}", json={"delays": 1}, timeout=30).status_code == 404
    assert world["hr"].get(world["api"] + f"/tasks/{task['id']}", timeout=30).status_code == 404


def test_list_tasks_by_cadre_and_period_within_scope(world):
    mine = new_task(world, period=f"{YEAR}-Q2", title="Sổ hộ tịch điện tử")
    new_task(world, period=f"{YEAR}-Q2", cadre=world["stranger"])
    listed = world["hr"].get(world["api"] + "/tasks", params={"cadre_id": world["staff"], "period": f"{YEAR}-Q2"},
                             timeout=30)
    assert listed.status_code == 200 and [t["id"] for t in listed.json()] == [mine["id"]]
    assert listed.headers["X-Total-Count"] == "1"
    own = world["me"].get(world["api"] + "/tasks", params={"period": f"{YEAR}-Q2"}, timeout=30).json()
    assert {t["cadre_id"] for t in own} == {world["staff"]}
    unit = world["hr"].get(world["api"] + "/tasks", params={"period": f"{YEAR}-Q2"}, timeout=30).json()
    assert world["stranger"] not in {t["cadre_id"] for t in unit} and mine["id"] in {t["id"] for t in unit}
    assert world["me"].get(world["api"] + "/tasks", params={"cadre_id": world["colleague"]},
                           timeout=30).status_code == 404
    assert world["hr"].get(world["api"] + "/tasks", params={"cadre_id": world["stranger"]},
                           timeout=30).status_code == 404
    assert world["admin"].get(world["api"] + "/tasks", params={"period": "Q2"}, timeout=30).status_code == 422
    by_unit = world["admin"].get(world["api"] + "/tasks", params={"unit_id": world["unit_a"], "period": f"{YEAR}-Q2"},
                                 timeout=30)
    assert by_unit.status_code == 200 and mine["id"] in {t["id"] for t in by_unit.json()}
    assert world["stranger"] not in {t["cadre_id"] for t in by_unit.json()}
    assert world["hr"].get(world["api"] + "/tasks", params={"unit_id": world["unit_b"]}, timeout=30).status_code == 404


# leaders' criteria đ and e -----------------------------------------------------------------------

def test_leader_criteria_need_a_reason_for_fifty(world):
    url = world["api"] + f"/cadres/{world['leader']}/leader-criteria"
    default = world["hr"].get(url, params={"period": f"{YEAR}-Q1"}, timeout=30)
    assert default.status_code == 200
    assert (default.json()["recorded"], default.json()["unit_plan_on_time"], default.json()["unity"]) == (
        False, True, True)
    missing = world["hr"].put(url, json={"period": f"{YEAR}-Q1", "unit_plan_on_time": False, "unity": False},
                              timeout=30)
    assert missing.status_code == 422
    assert set(missing.json()["error"]["fields"]) == {"unit_plan_reason", "unity_reason"}
    res = world["hr"].put(url, json={"period": f"{YEAR}-Q1", "unit_plan_on_time": False,
                                     "unit_plan_reason": "Chậm 2 nhiệm vụ cải cách hành chính", "unity": True},
                          timeout=30)
    assert res.status_code == 200, res.text
    read = world["me"].get(world["api"] + f"/cadres/{world['staff']}/leader-criteria",
                           params={"period": f"{YEAR}-Q1"}, timeout=30)
    assert read.status_code == 200  # own record of a non-leader: defaults
    stored = world["auditor"].get(url, params={"period": f"{YEAR}-Q1"}, timeout=30).json()
    assert stored["recorded"] and stored["unit_plan_reason"] == "Chậm 2 nhiệm vụ cải cách hành chính"


def test_leader_criteria_scope(world):
    body = {"period": f"{YEAR}-Q1", "unit_plan_on_time": True, "unity": True}
    not_leader = world["hr"].put(world["api"] + f"/cadres/{world['staff']}/leader-criteria", json=body, timeout=30)
    assert not_leader.status_code == 422 and "cadre_id" in not_leader.json()["error"]["fields"]
    assert world["me"].put(world["api"] + f"/cadres/{world['leader']}/leader-criteria", json=body,
                           timeout=30).status_code == 403
    assert world["hr"].put(world["api"] + f"/cadres/{world['stranger']}/leader-criteria", json=body,
                           timeout=30).status_code == 404
    assert world["me"].get(world["api"] + f"/cadres/{world['leader']}/leader-criteria",
                           params={"period": f"{YEAR}-Q1"}, timeout=30).status_code == 404
    unknown = world["hr"].put(world["api"] + f"/cadres/{world['leader']}/leader-criteria",
                              json={**body, "period": "2099-Q1"}, timeout=30)
    assert unknown.status_code == 422 and "period" in unknown.json()["error"]["fields"]


# general-criteria policy -------------------------------------------------------------------------

def test_policy_is_data_with_consistent_sums(world):
    url = world["api"] + "/scoring/general-policies"
    listed = world["me"].get(url, timeout=30)
    assert listed.status_code == 200
    default = next(p for p in listed.json() if p["task_group"] == "default")
    assert default["weights"] == {"leader": 0.4, "peer": 0.2, "subordinate": 0.1, "self": 0.1, "citizens": 0.2}
    assert default["index_points"] == {"service": 10.0, "coordination": 10.0, "discipline": 10.0}
    body = {"index_points": {"service": 12, "coordination": 9, "discipline": 9},
            "weights": {"leader": 0.5, "peer": 0.2, "subordinate": 0.1, "self": 0.0, "citizens": 0.2}}
    stored = world["admin"].put(url + "/Kiểm thử chính sách", json=body, timeout=30)
    assert stored.status_code == 200, stored.text
    assert stored.json()["task_group"] == "Kiểm thử chính sách" and stored.json()["index_points"]["service"] == 12
    bad = world["admin"].put(url + "/Kiểm thử chính sách", json={**body, "index_points": {
        "service": 10, "coordination": 10, "discipline": 5}, "weights": {**body["weights"], "self": 0.3}}, timeout=30)
    assert bad.status_code == 422 and set(bad.json()["error"]["fields"]) == {"index_points", "weights"}
    assert world["hr"].put(url + "/default", json=body, timeout=30).status_code == 403
