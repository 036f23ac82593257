"""Gap analysis on the real store: exactly the unmet items of a cadre's standard, unit counts
that match the per-cadre lists, and gaps that follow standards and course results."""
from __future__ import annotations

import pytest

from cadre_shared.envelope import make_event
from evaluation.consumers import CONSUMERS
from evaluation.registry.handlers.gap_refresh import on_course_result, on_registry_event

pytestmark = pytest.mark.integration


def gap_keys(registry, cadre_id):
    res = registry.get(f"/api/v1/cadres/{cadre_id}/gaps")
    assert res.status_code == 200
    return [g["key"] for g in res.get_json()["gaps"]]


def assess(registry, cadre_id, code, level, on="2026-10-01"):
    res = registry.post(f"/api/v1/cadres/{cadre_id}/assessments", json={"assessments": [
        {"competency_code": code, "level": level, "evidence": "Biên bản đánh giá quý III", "assessed_on": on}]})
    assert res.status_code == 201, res.get_json()


def course_result(cadre_id, category, passed=True, expires=None, result_id=None):
    return make_event("result.recorded", 1, cadre_id, {
        "result_id": result_id or f"r-{cadre_id}-{category}", "cadre_id": cadre_id, "course_code": "BD-01",
        "category": category, "session": "2026-K1", "completed_on": "2026-06-30", "passed": passed, "hours": 40.0,
        "certificate_expires_on": expires}, "training")


@pytest.fixture(scope="module")
def mountain_cadre(registry, catalogue):
    """CV-TP in a mountain commune: college degree (university required), basic digital skill
    (basic required), law competency at the minimum 3, ethnic outreach (appendix) never assessed."""
    cadre = registry.created("/api/v1/cadres", {
        "code": "GAP-001", "full_name": "Hà Thị Mai", "gender": "female", "birth_year": 1992,
        "unit_id": catalogue["X-SD"], "position_id": catalogue["CV-TP"], "education": "college",
        "digital_skill": "basic", "political_theory": "none"})
    assess(registry, cadre["id"], "NL-TTCV-01", 3)
    return cadre


def test_gap_list_is_exactly_the_unmet_items_of_the_standard(registry, mountain_cadre):
    body = registry.get(f"/api/v1/cadres/{mountain_cadre['id']}/gaps").get_json()
    assert body["area"] == "mountain" and body["position_version"] == 1
    assert [(g["key"], g["required"], g["actual"], g["source"]) for g in body["gaps"]] == [
        ("education", "university", "college", "position"),
        ("course:position_skills", "position_skills", None, "position"),
        ("competency:NL-DB-01", 3, None, "appendix")]
    assert all(g["remedy"] and g["label"] for g in body["gaps"])
    listed = registry.get(f"/api/v1/cadres?q=GAP-001").get_json()[0]
    assert listed["gap_keys"] == ["education", "course:position_skills", "competency:NL-DB-01"]


def test_an_assessment_below_the_minimum_opens_a_gap_and_at_it_closes_it(registry, mountain_cadre):
    cadre_id = mountain_cadre["id"]
    assess(registry, cadre_id, "NL-TTCV-01", 2, on="2026-11-01")
    assert "competency:NL-TTCV-01" in gap_keys(registry, cadre_id)
    assess(registry, cadre_id, "NL-TTCV-01", 3, on="2026-11-20")
    assert "competency:NL-TTCV-01" not in gap_keys(registry, cadre_id)
    registry.patch(f"/api/v1/cadres/{cadre_id}", json={"education": "university"})
    assert "education" not in gap_keys(registry, cadre_id)
    registry.patch(f"/api/v1/cadres/{cadre_id}", json={"education": "college"})


def test_course_results_close_course_gaps_while_valid(registry, mountain_cadre):
    cadre_id = mountain_cadre["id"]
    before = registry.db.cadres.find_one({"_id": cadre_id})["gaps_version"]
    assert registry.db.cadres.find_one({"_id": cadre_id})["training_reported"] is False
    on_course_result(course_result(cadre_id, "position_skills", passed=False))
    assert "course:position_skills" in gap_keys(registry, cadre_id), "a failed course does not count"
    # the school's first report: the same gaps, published again — the course is now known unmet
    stored = registry.db.cadres.find_one({"_id": cadre_id})
    assert stored["gaps_version"] == before + 1 and stored["training_reported"] is True
    on_course_result(course_result(cadre_id, "position_skills", expires="2020-01-01", result_id="r-old"))
    assert "course:position_skills" in gap_keys(registry, cadre_id), "an expired certificate does not count"
    assert registry.db.cadres.find_one({"_id": cadre_id})["gaps_version"] == before + 1
    event = course_result(cadre_id, "position_skills", expires="2099-12-31")
    on_course_result(event)
    on_course_result(event)  # redelivered: same effect
    assert "course:position_skills" not in gap_keys(registry, cadre_id)
    stored = registry.db.cadres.find_one({"_id": cadre_id})
    assert stored["gaps_version"] == before + 2 and "course:position_skills" not in stored["gap_keys"]
    published = [e["payload"] for e in registry.events("cadres", cadre_id) if e["type"] == "cadre.gaps.changed"]
    assert published[-1]["gaps_version"] == before + 2
    assert [g["key"] for g in published[-1]["gaps"]] == stored["gap_keys"]


def test_a_run_of_results_is_kept_in_order_and_recomputes_each_cadre_once(registry, catalogue):
    """The consumer's batch (a school's file): the latest event of a result wins, one new gap
    analysis per cadre, and the run delivered again changes nothing."""
    cadre = registry.created("/api/v1/cadres", {
        "code": "GAP-RUN", "full_name": "Lò Văn Chạy", "gender": "male", "birth_year": 1990,
        "unit_id": catalogue["X-SD"], "position_id": catalogue["CV-TP"], "education": "university",
        "digital_skill": "basic", "political_theory": "none"})["id"]
    assert "course:position_skills" in gap_keys(registry, cadre)
    before = registry.db.cadres.find_one({"_id": cadre})["gaps_version"]
    passed = course_result(cadre, "position_skills", expires="2099-12-31", result_id="r-run")
    run = [course_result(cadre, "position_skills", passed=False, result_id="r-run"), passed,
           course_result(cadre, "political_theory", result_id="r-run-2")]
    spec = CONSUMERS["training-results"]
    assert "result.recorded" in spec.batch_types and "result.recorded" in spec.ledger_free_types
    spec.batch_handler(run)
    spec.batch_handler(run)  # redelivered: same effect
    assert "course:position_skills" not in gap_keys(registry, cadre)
    assert registry.db.cadres.find_one({"_id": cadre})["gaps_version"] == before + 1
    kept = registry.db.cadre_training.find_one({"_id": cadre})["records"]
    assert set(kept) == {"r-run", "r-run-2"} and kept["r-run"]["passed"] is True
    changed = [e for e in registry.events("cadres", cadre) if e["type"] == "cadre.gaps.changed"]
    assert [e["payload"]["gaps_version"] for e in changed][-1] == before + 1 and len(changed) == before + 1


def test_a_new_version_of_the_standard_reaches_every_holder(registry, catalogue):
    position = registry.created("/api/v1/positions", {"code": "CV-DC", "title": "Chuyên viên Địa chính",
                                                      "task_group": "Kinh tế", "is_leader": False})
    holders = [registry.created("/api/v1/cadres", {
        "code": f"DC-{i}", "full_name": f"Trịnh Văn Địa {i}", "gender": "male", "birth_year": 1985 + i,
        "unit_id": catalogue["X-TD"], "position_id": position["id"], "education": "college"})["id"]
        for i in range(3)]
    assert all(gap_keys(registry, h) == [] for h in holders)
    registry.patch(f"/api/v1/positions/{position['id']}", json={"is_leader": True,
                                                               "standard": {"min_education": "university"}})
    (versioned,) = [e for e in registry.events("positions", position["id"]) if e["payload"]["version"] == 2]
    on_registry_event(versioned)
    on_registry_event(versioned)  # redelivered: nothing more
    for holder in holders:
        stored = registry.db.cadres.find_one({"_id": holder})
        assert (stored["position_version"], stored["is_leader"], stored["gap_keys"]) == (2, True, ["education"])
        kinds = [e["type"] for e in stored["outbox"]]
        assert kinds == ["cadre.registered", "cadre.updated", "cadre.gaps.changed"]
        assert stored["work_history"][0]["position_version"] == 1


def test_an_area_change_brings_in_its_appendix(registry, catalogue):
    unit = registry.created("/api/v1/units", {"code": "X-LEN", "name": "Xã Lên Núi", "kind": "commune",
                                              "area": "rural"})
    cadre = registry.created("/api/v1/cadres", {"code": "LEN-1", "full_name": "Lò Văn Páo", "gender": "male",
                                                "birth_year": 1990, "unit_id": unit["id"],
                                                "position_id": catalogue["CV-TP"], "education": "university",
                                                "digital_skill": "basic"})
    assess(registry, cadre["id"], "NL-TTCV-01", 4)
    assert gap_keys(registry, cadre["id"]) == ["course:position_skills"]
    registry.patch(f"/api/v1/units/{unit['id']}", json={"area": "mountain"})
    on_registry_event([e for e in registry.events("units", unit["id"]) if e["type"] == "unit.updated"][0])
    assert registry.db.cadres.find_one({"_id": cadre["id"]})["gap_keys"] == ["course:position_skills",
                                                                              "competency:NL-DB-01"]


def test_unit_counts_match_the_per_cadre_lists(registry, catalogue, mountain_cadre):
    unit = catalogue["X-SD"]
    for i, (education, digital) in enumerate((("university", "advanced"), ("college", "none"),
                                              ("vocational", "basic"))):
        registry.created("/api/v1/cadres", {
            "code": f"SD-U{i}", "full_name": f"Hoàng Văn Sơn {i}", "gender": "male", "birth_year": 1980 + i,
            "unit_id": unit, "position_id": catalogue["CT-UBND" if i == 0 else "CV-TP"], "education": education,
            "digital_skill": digital})
    summary = registry.get(f"/api/v1/units/{unit}/gaps").get_json()
    cadres = registry.get(f"/api/v1/cadres?unit_id={unit}&per_page=500").get_json()
    per_cadre = {c["id"]: gap_keys(registry, c["id"]) for c in cadres}
    assert summary["cadres"] == len(cadres) and summary["cadres_with_gaps"] == sum(1 for g in per_cadre.values() if g)
    expected = {}
    for cadre_id, keys in per_cadre.items():
        for key in keys:
            expected.setdefault(key, set()).add(cadre_id)
    assert {i["key"]: set(i["cadre_ids"]) for i in summary["items"]} == expected
    assert all(i["count"] == len(i["cadre_ids"]) for i in summary["items"])
    province = registry.get(f"/api/v1/units/{catalogue['province']}/gaps").get_json()
    assert province["cadres"] >= summary["cadres"]
