"""Closing a period in the evaluation service on the real store (no relay runs here): each score
is frozen once, with its score.computed event, by code; the labels people read are added when a
score is shown, so a stored score never carries display text."""
from __future__ import annotations

import pytest

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
    assert res.status_code == 200, res.get_data(as_text=True)
    return {"cadre": cadre["id"], "period": period, "closed": res.get_json(),
            "key": f"{period['code']}|{cadre['id']}"}


def test_the_frozen_score_stores_codes_not_labels(registry, closed):
    assert closed["closed"]["status"] == "closed" and closed["closed"]["scores"] == 1
    stored = registry.db["period_scores"].find_one({"_id": closed["key"]})
    assert stored["cadre_id"] == closed["cadre"] and stored["level"] in ("excellent", "good", "completed",
                                                                         "not_completed")
    assert set(stored["general"]["indices"]) == set(INDEX_NAMES)
    assert all("name" not in index for index in stored["general"]["indices"].values())


def test_the_score_is_published_once_with_its_figures(registry, closed):
    [event] = registry.events("period_scores", closed["key"])
    assert event["type"] == "score.computed" and event["key"] == closed["cadre"]
    stored = registry.db["period_scores"].find_one({"_id": closed["key"]})
    assert {k: event["payload"][k] for k in ("period", "level", "is_leader", "d")} == {
        "period": closed["period"]["code"], "level": stored["level"], "is_leader": False, "d": None}
    assert event["payload"]["total"] == round(stored["total"], 6)
    again = registry.post(f"/api/v1/periods/{closed['period']['id']}/close")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "period_closed"
    assert len(registry.events("period_scores", closed["key"])) == 1


def test_the_view_adds_the_labels_also_to_scores_frozen_with_them(registry, closed):
    def shown():
        res = registry.get(f"/api/v1/cadres/{closed['cadre']}/scores?period={closed['period']['code']}")
        assert res.status_code == 200, res.get_data(as_text=True)
        return res.get_json()

    score = shown()
    assert score["status"] == "final" and score["level_name"].startswith(("Hoàn thành", "Không hoàn thành"))
    assert {code: index["name"] for code, index in score["general"]["indices"].items()} == INDEX_NAMES
    # scores frozen before this change kept the label inside; they read the same
    registry.db["period_scores"].update_one({"_id": closed["key"]},
                                            {"$set": {"general.indices.service.name": "nhãn cũ"}})
    assert shown()["general"]["indices"]["service"]["name"] == INDEX_NAMES["service"]
