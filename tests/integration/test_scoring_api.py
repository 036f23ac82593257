"""Score preview and quota check through the gateway (PRODUCT.md §5 fixed API)."""
import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admin(stack):
    return stack.session()


def test_preview_non_leader(stack, admin):
    res = admin.post(stack.url() + "/api/v1/scoring/preview", json={
        "is_leader": False, "general_points": 26,
        "tasks": [{"coefficient": 2, "completed": True, "quality_failures": 1},
                  {"coefficient": 1, "completed": True, "delays": 2, "exempt_delays": 1},
                  {"coefficient": 1, "completed": False}]})
    assert res.status_code == 200, res.text
    body = res.json()
    # b = (2×0.75 + 1×1 + 0)/4, c = (2×1 + 1×0.75 + 0)/4 (one of the two delays is exempt)
    assert body["a"] == 75.0 and body["b"] == 62.5 and body["c"] == 68.75
    assert body["task_points"] == 48.13  # 0.70 × (75 + 62.5 + 68.75) / 3 = 48.125, shown half up
    assert body["total"] == 74.13
    assert body["level"] == "good" and body["override"] is None
    assert "d" not in body


def test_preview_leader_with_override(stack, admin):
    res = admin.post(stack.url() + "/api/v1/scoring/preview", json={
        "is_leader": True, "general_points": 30, "tasks": [{"coefficient": 1, "completed": True}],
        "leader": {"all_subordinates_at_least_50": False, "unit_plan_on_time": True, "unity": True},
        "overrides": {"unit_corruption_case": True}})
    body = res.json()
    assert (body["d"], body["dd"], body["e"]) == (50.0, 100.0, 100.0)
    assert body["level"] == "not_completed" and body["override"] == "unit_corruption_case"


@pytest.mark.parametrize("payload,field", [
    ({"is_leader": False, "general_points": 31, "tasks": [{"coefficient": 1, "completed": True}]}, "general_points"),
    ({"is_leader": False, "general_points": 10, "tasks": []}, "tasks"),
    ({"is_leader": True, "general_points": 10, "tasks": [{"coefficient": 1, "completed": True}]}, "leader"),
    ({"is_leader": False, "general_points": 10, "tasks": [{"coefficient": 0, "completed": True}]}, "tasks"),
    ({"is_leader": False, "general_points": {"$gt": 0}, "tasks": [{"coefficient": 1, "completed": True}]},
     "general_points"),
])
def test_preview_rejects_bad_input_with_field_messages(stack, admin, payload, field):
    res = admin.post(stack.url() + "/api/v1/scoring/preview", json=payload)
    assert res.status_code == 422
    assert field in res.json()["error"]["fields"]


def test_preview_needs_a_token(stack):
    import requests

    res = requests.post(stack.url() + "/api/v1/scoring/preview", json={}, timeout=10)
    assert res.status_code == 401


def test_quota_check_reports_violation_and_who_stays(stack, admin):
    proposals = [{"cadre_id": f"x{i}", "unit_id": "U1", "task_group": "chuyen-mon", "level": "excellent",
                  "total": t} for i, t in enumerate([96, 92, 92])]
    proposals += [{"cadre_id": f"g{i}", "unit_id": "U1", "task_group": "chuyen-mon", "level": "good",
                   "total": 80} for i in range(7)]
    res = admin.post(stack.url() + "/api/v1/classification/quota-check", json={"proposals": proposals})
    assert res.status_code == 200, res.text
    (group,) = res.json()
    assert group["unit_id"] == "U1" and group["task_group"] == "chuyen-mon"
    assert (group["good"], group["excellent"], group["allowed_excellent"]) == (7, 3, 1)
    assert group["violation"] is True
    assert group["keep_excellent"] == ["x0"] and group["to_review"] == []


def test_quota_check_refuses_duplicate_cadre(stack, admin):
    p = {"cadre_id": "x", "unit_id": "U1", "task_group": "g", "level": "good", "total": 80}
    res = admin.post(stack.url() + "/api/v1/classification/quota-check", json={"proposals": [p, p]})
    assert res.status_code == 422 and "proposals" in res.json()["error"]["fields"]
