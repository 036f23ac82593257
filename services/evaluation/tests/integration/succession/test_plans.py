"""Succession plans in the evaluation service on the real store (no relay runs here): key titles
from the positions HR marks, the limits and eligibility as data, overrides, removal with history,
the shares, the entry's event for the training plan; and people's scrutiny (report conclusions)
in the dossier, the integrity group and the planning warnings."""
from __future__ import annotations

import uuid

import pytest

from cadre_shared.clock import today
from cadre_shared.envelope import make_event
from evaluation.appraisal.consumers import apply_job_event
from evaluation.registry.handlers.scrutiny import on_scrutiny_event

pytestmark = pytest.mark.integration
YEAR = today().year
LENIENT = {"min_per_title": 2, "max_per_title": 4, "max_titles_per_cadre": 3, "years_of_results": 0,
           "min_level": "good", "retirement_ages": {"male": 62, "female": 60, "other": 60},
           "discipline_months": {"reprimand": 6, "warning": 12, "salary_demotion": 12, "demotion": 18, "removal": 18,
                                 "dismissal": None},
           "young_age": 40, "report_warning_min": 1, "targets": {"women": 0.0, "young": 0.0, "trained": 1.0}}


@pytest.fixture(scope="module")
def province(registry):
    top = registry.created("/api/v1/units", {"code": "TINH-QH", "name": "Tỉnh Quy Hoạch", "kind": "province"})
    units = {name: registry.created("/api/v1/units", {"code": f"X-{uuid.uuid4().hex[:6]}", "name": name,
                                                      "kind": "commune", "area": "rural",
                                                      "parent_id": top["id"]})["id"]
             for name in ("Xã Tân Lập", "Xã Đồng Tâm")}
    titles = {}
    for code, title, key in (("CT-UBND-QH", "Chủ tịch UBND", "pc_chairman"),
                             ("PCT-UBND-QH", "Phó Chủ tịch UBND", "pc_vice_chairman"),
                             ("BT-DU-QH", "Bí thư Đảng ủy", "party_secretary"),
                             ("CN-UBKT-QH", "Chủ nhiệm UBKT", "inspection_head")):
        titles[key] = registry.created("/api/v1/positions", {"code": code, "title": title, "task_group": "Chủ chốt",
                                                             "is_leader": True, "key_title": key})["id"]
    titles["plain"] = registry.created("/api/v1/positions", {"code": "CV-QH", "title": "Chuyên viên",
                                                             "task_group": "Chuyên môn", "is_leader": False})["id"]

    def cadre(name, unit, gender="female", birth_year=1990, **extra):
        return registry.created("/api/v1/cadres", {"code": f"CB{uuid.uuid4().hex[:8]}", "full_name": name,
                                                   "gender": gender, "birth_year": birth_year, "unit_id": units[unit],
                                                   "is_local": True, **extra})["id"]

    people = {name: cadre(name, "Xã Tân Lập") for name in ("Lan", "Mai", "Hoa", "Cúc", "Đào")}
    people["Sơn"] = cadre("Sơn", "Xã Đồng Tâm", gender="male", birth_year=1968)
    plan = registry.created("/api/v1/succession/plans", {"term": "2030-2035"})
    return {"units": units, "titles": titles, "people": people, "plan": plan["id"]}


def add(registry, province, who, key="pc_chairman", unit="Xã Tân Lập", **extra):
    return registry.post(f"/api/v1/succession/plans/{province['plan']}/candidates", json={
        "unit_id": province["units"][unit], "position_id": province["titles"][key],
        "cadre_id": province["people"][who], "reason": "Có năng lực, triển vọng", **extra})


def test_only_key_titles_of_communes_take_candidates_and_a_term_is_planned_once(registry, province):
    assert registry.get(f"/api/v1/positions/{province['titles']['pc_chairman']}").get_json()["key_title"] == \
        "pc_chairman"
    res = add(registry, province, "Lan", key="plain", override_reason="x")
    assert res.status_code == 422 and "position_id" in res.get_json()["error"]["fields"]
    again = registry.post("/api/v1/succession/plans", json={"term": "2030-2035"})
    assert again.status_code == 409 and "term" in again.get_json()["error"]["fields"]
    assert registry.post("/api/v1/succession/plans", json={"term": "2035-2030"}).status_code == 422


def test_an_ineligible_cadre_is_refused_with_each_problem_then_accepted_with_a_reason(registry, province):
    res = add(registry, province, "Sơn")
    assert res.status_code == 422
    problems = res.get_json()["error"]["fields"]["cadre_id"]
    assert [p for p in problems if p.startswith("Chưa có kết quả năm")] == [
        f"Chưa có kết quả năm {YEAR - n} / no result for {YEAR - n}" for n in (3, 2, 1)]
    assert any("không đủ tuổi công tác trọn nhiệm kỳ 2030-2035" in p for p in problems)
    res = add(registry, province, "Sơn", override_reason="Cán bộ nguồn duy nhất có kinh nghiệm miền núi")
    assert res.status_code == 201, res.get_json()
    created = res.get_json()
    assert created["eligible"] is False and created["override_reason"] and len(created["problems"]) == len(problems)


def test_limits_are_refused_with_the_field_named(registry, province):
    assert registry.put("/api/v1/settings/succession", json=LENIENT).status_code == 200
    for who in ("Lan", "Mai", "Hoa"):
        assert add(registry, province, who).status_code == 201
    fifth = add(registry, province, "Cúc")
    assert fifth.status_code == 422 and list(fifth.get_json()["error"]["fields"]) == ["position_id"]
    for key in ("pc_vice_chairman", "party_secretary"):
        assert add(registry, province, "Lan", key=key).status_code == 201
    fourth = add(registry, province, "Lan", key="inspection_head")
    assert fourth.status_code == 422 and list(fourth.get_json()["error"]["fields"]) == ["cadre_id"]
    twice = add(registry, province, "Mai")
    assert twice.status_code == 409


def test_removal_keeps_the_history_and_frees_the_slot(registry, province):
    view = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id={province['units']['Xã Tân Lập']}")
    title = next(t for t in view.get_json()["titles"] if t["key_title"] == "pc_chairman")
    assert title["count"] == 4 and title["short_by"] == 0
    mai = next(c for c in title["candidates"] if c["cadre_id"] == province["people"]["Mai"])
    path = f"/api/v1/succession/plans/{province['plan']}/candidates/{mai['id']}"
    assert registry.call("delete", path, json={}).status_code == 422
    removed = registry.call("delete", path, json={"reason": "Chuyển công tác ra ngoài tỉnh"})
    assert removed.status_code == 200 and removed.get_json()["status"] == "removed"
    assert add(registry, province, "Cúc").status_code == 201
    history = registry.get(f"/api/v1/succession/plans/{province['plan']}/history").get_json()
    assert history[0]["action"] == "added" and history[1]["action"] == "removed"
    assert history[1]["reason"] == "Chuyển công tác ra ngoài tỉnh" and history[1]["year"] == YEAR
    events = [e for e in registry.events("succession_unit_plans") if e["payload"]["entry_id"] == mai["id"]]
    assert [e["payload"]["status"] for e in events] == ["active", "removed"]


def test_courses_and_rotation_reach_the_event_and_the_shares_show_the_targets(registry, province):
    view = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id={province['units']['Xã Tân Lập']}")
    lan = next(c for t in view.get_json()["titles"] for c in t["candidates"]
               if c["cadre_id"] == province["people"]["Lan"])
    res = registry.put(f"/api/v1/succession/plans/{province['plan']}/candidates/{lan['id']}/development", json={
        "courses": ["BD-QLNN-01"], "standard_met_by": f"{YEAR + 2}-12-31",
        "rotation": {"unit_id": province["units"]["Xã Đồng Tâm"], "goal": "Điều hành xã vùng khó"}})
    assert res.status_code == 200, res.get_json()
    last = [e for e in registry.events("succession_unit_plans") if e["payload"]["entry_id"] == lan["id"]][-1]
    assert last["type"] == "succession.entry_changed" and last["key"] == province["people"]["Lan"]
    assert last["payload"]["courses"] == ["BD-QLNN-01"] and last["payload"]["rotation"]["goal"]
    shares = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id="
                          f"{province['units']['Xã Tân Lập']}").get_json()["shares"]
    assert shares["women"]["count"] == shares["planned"] - 1 and shares["women"]["met"] is True  # all but Sơn
    assert shares["young"]["count"] == shares["planned"] - 1
    assert shares["trained"]["count"] < shares["planned"]  # Lan has not passed BD-QLNN-01
    summary = registry.get(f"/api/v1/succession/plans/{province['plan']}/summary").get_json()
    assert summary["province"] == shares and [u["unit_name"] for u in summary["units"]] == ["Xã Tân Lập"]
    assert summary["targets"] == {"women": 0.0, "young": 0.0, "trained": 1.0}


def test_who_reads_and_writes_plans(registry, province):
    unit = province["units"]["Xã Tân Lập"]
    hr = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id={unit}", "unit_hr",
                      claims={"unit_id": unit})
    assert hr.status_code == 200
    other = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id={province['units']['Xã Đồng Tâm']}",
                         "unit_hr", claims={"unit_id": unit})
    assert other.status_code == 404
    assert add(registry, province, "Đào", key="inspection_head").status_code == 201
    refused = registry.post(f"/api/v1/succession/plans/{province['plan']}/candidates", "unit_hr",
                            claims={"unit_id": unit}, json={})
    assert refused.status_code == 403
    assert registry.get(f"/api/v1/succession/plans/{province['plan']}", "cadre",
                        claims={"cadre_id": province["people"]["Lan"]}).status_code == 403


def _concluded(cadre_id: str, unit_id: str, substantiated: bool = True) -> dict:
    return make_event("report.concluded", 1, cadre_id, {
        "report_id": f"PA-{uuid.uuid4().hex[:10].upper()}", "cadre_id": cadre_id, "unit_id": unit_id,
        "substantiated": substantiated, "happened_on": None, "received_on": today().isoformat(),
        "concluded_on": today().isoformat()}, "survey")


def test_substantiated_reports_show_in_the_dossier_the_integrity_group_and_the_plan(registry, province):
    who, unit = province["people"]["Đào"], province["units"]["Xã Tân Lập"]
    for substantiated in (True, False):
        event = _concluded(who, unit, substantiated)
        on_scrutiny_event(event)
        on_scrutiny_event(event)  # delivered twice: one fact
    seen = registry.get(f"/api/v1/cadres/{who}/scrutiny").get_json()
    assert seen["substantiated_reports"] == 1 and len(seen["reports"]) == 2
    assert registry.get(f"/api/v1/cadres/{who}/scrutiny", "cadre", claims={"cadre_id": who}).status_code == 403

    quarter = (today().month - 1) // 3 + 1
    period = registry.post("/api/v1/periods", json={"year": YEAR, "quarter": quarter}).get_json()
    rated = registry.post("/api/v1/ratings", "cadre", claims={"cadre_id": who}, json={
        "period": period["code"], "ratee_id": who, "group": "self",
        "scores": {"service": 9, "coordination": 9, "discipline": 9}})
    assert rated.status_code in (200, 201), rated.get_json()
    general = registry.get(f"/api/v1/cadres/{who}/general-criteria?period={period['code']}").get_json()
    integrity = general["indices"]["discipline"]
    assert integrity["reports"] == 1 and integrity["deduction"] == pytest.approx(2.0)
    assert integrity["score"] == pytest.approx(7.0) and general["indices"]["service"]["score"] == pytest.approx(9.0)

    moved = registry.post(f"/api/v1/cadres/{who}/moves", json={
        "unit_id": unit, "position_id": province["titles"]["inspection_head"], "kind": "appointment",
        "effective_on": today().isoformat()})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["warnings"][0].startswith("Cán bộ có 1 phản ánh của người dân được kết luận là đúng")
    view = registry.get(f"/api/v1/succession/plans/{province['plan']}?unit_id={unit}").get_json()
    dao = next(c for t in view["titles"] for c in t["candidates"] if c["cadre_id"] == who)
    assert dao["warnings"] == ["Có 1 phản ánh của người dân được kết luận là đúng / "
                               "1 citizens' report(s) found substantiated"]


def run_job(registry, collection: str, key: str, event_type: str) -> None:
    [requested] = [e for e in registry.events(collection, key) if e["type"] == event_type]
    with registry.client.application.app_context():
        apply_job_event(requested)


def test_three_closed_years_results_make_a_cadre_eligible(registry, province):
    rules = {**LENIENT, "years_of_results": 3}
    assert registry.put("/api/v1/settings/succession", json=rules).status_code == 200
    unit = province["units"]["Xã Đồng Tâm"]
    thu, nga = (registry.created("/api/v1/cadres", {
        "code": f"CB{uuid.uuid4().hex[:8]}", "full_name": name, "gender": "female", "birth_year": 1992,
        "unit_id": unit, "is_local": False})["id"] for name in ("Thu", "Nga"))
    province["people"].update(Thu=thu, Nga=nga)
    for year in (YEAR - 3, YEAR - 2, YEAR - 1):
        period = registry.created("/api/v1/periods", {"year": year, "quarter": 4})
        for cadre_id, done in ((thu, True), (nga, year != YEAR - 2)):
            task = registry.created("/api/v1/tasks", {"cadre_id": cadre_id, "period": period["code"],
                                                      "title": "Báo cáo năm", "coefficient": 1,
                                                      "due_on": f"{year}-12-20"})
            if done:
                assert registry.patch(f"/api/v1/tasks/{task['id']}",
                                      json={"completed_on": f"{year}-12-19"}).status_code == 200
        assert registry.post(f"/api/v1/periods/{period['id']}/close").status_code == 202
        # No consumer runs here: each closing job runs from the event its request staged.
        run_job(registry, "periods", period["id"], "period.closing_requested")
        if year == YEAR - 1:
            # a year not closed has no year-end result, whatever its periods: the last one stays open a while
            open_year = add(registry, province, "Thu", key="pc_vice_chairman", unit="Xã Đồng Tâm")
            assert open_year.status_code == 422 and open_year.get_json()["error"]["fields"]["cadre_id"] == [
                f"Chưa có kết quả năm {YEAR - 1} / no result for {YEAR - 1}"]
        closed = registry.post(f"/api/v1/years/{year}/close", json={"confirm_open_quarters": True})
        assert closed.status_code == 202, closed.get_data(as_text=True)
        run_job(registry, "evaluation_years", str(year), "year.closing_requested")
    ok = add(registry, province, "Thu", key="pc_vice_chairman", unit="Xã Đồng Tâm")
    assert ok.status_code == 201 and ok.get_json()["eligible"] is True and ok.get_json()["problems"] == []
    refused = add(registry, province, "Nga", key="pc_vice_chairman", unit="Xã Đồng Tâm")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"]["cadre_id"] == [
        f"Năm {YEAR - 2}: Không hoàn thành nhiệm vụ (0.0 điểm), cần Hoàn thành tốt nhiệm vụ trở lên / "
        f"{YEAR - 2}: Not completed (0.0), Good or better needed"]
