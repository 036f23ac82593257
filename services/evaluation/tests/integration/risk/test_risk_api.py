"""Early warning over the evaluation API on the real store: rules raise a flag for a cadre with a
period under 50, HR acknowledges, assigns mentoring, records the outcome (unit scope enforced),
"not useful" feedback is kept; training on a small generated history returns held-out metrics."""
from __future__ import annotations

import uuid
from datetime import timedelta

import numpy as np
import pytest

from cadre_shared.clock import today
from cadre_shared.envelope import make_event
from cadre_shared.periods import parse_period_code
from evaluation.appraisal.handlers.frozen import placement_documents, unit_document
from evaluation.appraisal.handlers.period_jobs import apply_period_event
from evaluation.appraisal.models.periods import Period
from evaluation.consumers import CONSUMERS
from evaluation.risk.handlers import model_training
from evaluation.risk.handlers.cadre_assessment import reassess_cadre
from evaluation.risk.handlers.republish import republish as republish_assigned_courses
from evaluation.risk.models import RiskFlag

pytestmark = pytest.mark.integration

YEAR = 2024


class NoReads:
    """Stands for ``RiskFlag.objects`` where no flag may be read."""

    def __get__(self, _instance, _owner):
        pytest.fail("a flag was read")


def cadre_body(unit_id: str, **fields) -> dict:
    return {"code": f"CB{uuid.uuid4().hex[:8]}", "full_name": "Nguyễn Thị Hồng Nhung", "gender": "female",
            "birth_year": 1988, "unit_id": unit_id, "is_local": True, **fields}


@pytest.fixture(scope="module")
def low_scorer(registry, catalogue):
    """A cadre of Xã Tiên Du whose only task of 2024-Q1 was never completed (total under 50),
    a colleague to mentor them, and the period closed."""
    unit = catalogue["X-TD"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Lê Văn Yếu", gender="male"))
    mentor = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Trần Thị Kinh Nghiệm"))
    period = registry.created("/api/v1/periods", {"year": YEAR, "quarter": 1})
    registry.created("/api/v1/tasks", {"cadre_id": cadre["id"], "period": period["code"], "title": "Báo cáo quý",
                                       "coefficient": 1, "due_on": f"{YEAR}-03-20"})
    with registry.client.application.app_context():  # a citizen's answer about them, as the survey's event brings it
        CONSUMERS["satisfaction"].handler(make_event("response.recorded", 1, cadre["id"], {
            "response_id": str(uuid.uuid4()), "cadre_id": cadre["id"], "unit_id": unit, "kiosk_id": "k-1",
            "procedure_code": None, "overall": "dissatisfied", "indicators": {}, "quarter": f"{YEAR}-Q1",
            "month": f"{YEAR}-02", "submitted_at": f"{YEAR}-02-12T02:00:00+00:00", "counted": True}, "survey"))
    closed = registry.post(f"/api/v1/periods/{period['id']}/close")
    assert closed.status_code == 202, closed.get_data(as_text=True)
    # No relay or consumer runs here: the test runs the closing job from the event the request staged.
    [requested] = [e for e in registry.events("periods", period["id"]) if e["type"] == "period.closing_requested"]
    with registry.client.application.app_context():
        apply_period_event(requested)
    assert registry.get(f"/api/v1/periods/{period['id']}").get_json()["status"] == "closed"
    return {"unit": unit, "cadre": cadre["id"], "mentor": mentor["id"], "period": period["code"]}


def hr(unit_id):
    return {"role": "unit_hr", "claims": {"unit_id": unit_id}}


def only_flag(registry, low_scorer) -> dict:
    res = registry.get(f"/api/v1/risk/flags?unit_id={low_scorer['unit']}", **hr(low_scorer["unit"]))
    assert res.status_code == 200, res.get_data(as_text=True)
    mine = [f for f in res.get_json() if f["cadre_id"] == low_scorer["cadre"]]
    assert len(mine) == 1
    return mine[0]


def test_training_on_too_little_history_says_so_and_rules_still_work(registry, low_scorer):
    res = registry.post("/api/v1/risk/model/train")
    assert res.status_code == 409
    error = res.get_json()["error"]
    assert error["code"] == "not_enough_history" and "quy tắc cảnh báo vẫn hoạt động" in error["message"]
    model = registry.get("/api/v1/risk/model").get_json()
    assert model["trained"] is False and model["version"] is None and "quy tắc" in model["message"]


def test_rules_raise_a_flag_for_a_period_under_50(registry, catalogue, low_scorer, monkeypatch):
    res = registry.post("/api/v1/risk/assess", json={"unit_id": low_scorer["unit"]}, **hr(low_scorer["unit"]))
    assert res.status_code == 200, res.get_data(as_text=True)
    summary = res.get_json()
    assert summary["model_version"] is None and summary["raised"] == 1 and summary["lights"]["red"] == 1
    flag = only_flag(registry, low_scorer)
    assert flag["light"] == "red" and flag["light_name"].startswith("Đỏ") and flag["probability"] is None
    assert flag["period"] == low_scorer["period"] and flag["status"] == "open"
    assert [t["code"] for t in flag["triggers"]] == ["period_below_50"]
    assert "dưới 50" in flag["triggers"][0]["message"] and flag["full_name"] == "Lê Văn Yếu"
    kept = registry.get("/api/v1/risk/assessments", **hr(low_scorer["unit"])).get_json()["items"]
    assert {i["cadre_id"]: i["light"] for i in kept} == {low_scorer["cadre"]: "red", low_scorer["mentor"]: "green"}
    assert kept[0]["triggers"] == ["period_below_50"] and kept[0]["model_version"] is None
    assert registry.get(f"/api/v1/risk/assessments?unit_id={low_scorer['unit']}",
                        **hr(catalogue["P-KB"])).status_code == 404
    # the unit's row says the flag would not change: the assessment reads no flag
    monkeypatch.setattr(RiskFlag, "objects", NoReads())
    again = registry.post("/api/v1/risk/assess", json={}, **hr(low_scorer["unit"])).get_json()
    monkeypatch.undo()
    assert again["raised"] == 0 and again["unchanged"] == 1       # idempotent: no second flag, no event
    events = registry.events("risk_flags", flag["id"])
    assert [e["type"] for e in events] == ["risk_flag.raised", "notification.requested"]
    assert events[0]["key"] == low_scorer["cadre"] and events[0]["payload"]["triggers"] == ["period_below_50"]
    notice = events[1]["payload"]
    assert notice["kind"] == "risk_flag_raised" and notice["link"] == f"/risk/flags/{flag['id']}"
    assert notice["recipients"] == {"unit_roles": [{"unit_id": low_scorer["unit"], "role": "unit_hr"}],
                                    "roles": ["province_admin"]}
    assert notice["params"] == {"cadre_name": "Lê Văn Yếu", "unit_name": "Xã Tiên Du", "light": "red"}
    with registry.client.application.app_context():  # from the satisfaction the unit's assessment kept
        assert reassess_cadre(low_scorer["cadre"]) == "unchanged"


def test_other_units_hr_neither_sees_nor_acts(registry, catalogue, low_scorer):
    flag = only_flag(registry, low_scorer)
    stranger = hr(catalogue["P-KB"])
    assert registry.get("/api/v1/risk/flags", **stranger).get_json() == []
    assert registry.get(f"/api/v1/risk/flags?unit_id={low_scorer['unit']}", **stranger).status_code == 404
    assert registry.get(f"/api/v1/risk/flags/{flag['id']}", **stranger).status_code == 404
    assert registry.post(f"/api/v1/risk/flags/{flag['id']}/acknowledge", **stranger).status_code == 404
    assert registry.post(f"/api/v1/risk/flags/{flag['id']}/interventions", json={"kind": "training"},
                         **stranger).status_code == 404
    assert registry.post(f"/api/v1/risk/flags/{flag['id']}/acknowledge", role="auditor").status_code == 403
    assert registry.get("/api/v1/risk/flags", role="cadre").status_code == 403
    assert registry.get(f"/api/v1/risk/flags/{flag['id']}", role="auditor").status_code == 200


def test_hr_acknowledges_assigns_mentoring_records_outcome_and_gives_feedback(registry, low_scorer):
    flag, me = only_flag(registry, low_scorer), hr(low_scorer["unit"])
    base = f"/api/v1/risk/flags/{flag['id']}"
    acknowledged = registry.post(base + "/acknowledge", **me).get_json()
    assert acknowledged["status"] == "acknowledged" and acknowledged["acknowledged_by"] == "unit_hr.test"

    no_mentor = registry.post(base + "/interventions", json={"kind": "mentoring"}, **me)
    assert no_mentor.status_code == 422 and "mentor_cadre_id" in no_mentor.get_json()["error"]["fields"]
    self_mentor = registry.post(base + "/interventions", json={"kind": "mentoring",
                                                               "mentor_cadre_id": low_scorer["cadre"]}, **me)
    assert self_mentor.status_code == 422
    bad_kind = registry.post(base + "/interventions", json={"kind": "punish"}, **me)
    assert bad_kind.status_code == 422 and "kind" in bad_kind.get_json()["error"]["fields"]
    res = registry.post(base + "/interventions", json={"kind": "mentoring", "mentor_cadre_id": low_scorer["mentor"],
                                                       "note": "Kèm cặp 3 tháng", "due_on": f"{YEAR}-06-30"}, **me)
    assert res.status_code == 201, res.get_data(as_text=True)
    [intervention] = res.get_json()["interventions"]
    assert intervention["kind_name"].startswith("Kèm cặp") and intervention["due_on"] == f"{YEAR}-06-30"
    assert intervention["mentor_cadre_id"] == low_scorer["mentor"] and intervention["outcome"] is None
    course_for_mentor = registry.post(base + "/interventions", json={
        "kind": "mentoring", "mentor_cadre_id": low_scorer["mentor"], "course_code": "CDS-CB"}, **me)
    assert course_for_mentor.status_code == 422 and "course_code" in course_for_mentor.get_json()["error"]["fields"]
    course = registry.post(base + "/interventions", json={"kind": "training", "course_code": "CDS-CB",
                                                          "due_on": f"{YEAR}-09-30"}, **me)
    assert course.status_code == 201 and course.get_json()["interventions"][1]["course_code"] == "CDS-CB"
    [assigned] = [e for e in registry.events("risk_flags", flag["id"]) if e["type"] == "risk_course.assigned"]
    assert assigned["payload"] == {"flag_id": flag["id"], "intervention_id": course.get_json()["interventions"][1]["id"],
                                   "cadre_id": low_scorer["cadre"], "unit_id": low_scorer["unit"],
                                   "course_code": "CDS-CB", "due_on": f"{YEAR}-09-30", "note": None,
                                   "assigned_by": "unit_hr.test"}

    feedback = registry.post(base + "/feedback", json={"comment": "Kỳ đó bị ốm dài ngày"}, **me)
    assert feedback.status_code == 201 and feedback.get_json()["kept_for_training"] is True
    registry.post(base + "/feedback", json={"comment": "Ốm dài ngày, đã đi làm lại"}, **me)
    kept = list(registry.db["risk_flag_feedback"].find({"flag_id": flag["id"]}))
    assert len(kept) == 1 and kept[0]["comment"] == "Ốm dài ngày, đã đi làm lại" and kept[0]["useful"] is False
    assert registry.get(base, **me).get_json()["not_useful"] == 1

    outcome_url = base + f"/interventions/{intervention['id']}/outcome"
    assert registry.post(outcome_url, json={"outcome": "better"}, **me).status_code == 422
    assert registry.post(base + "/interventions/nope/outcome", json={"outcome": "improved"}, **me).status_code == 404
    done = registry.post(outcome_url, json={"outcome": "improved", "note": "Đã tiến bộ", "close_flag": True}, **me)
    assert done.status_code == 200, done.get_data(as_text=True)
    closed = done.get_json()
    assert closed["status"] == "closed" and closed["interventions"][0]["outcome"] == "improved"
    assert registry.post(outcome_url, json={"outcome": "worse"}, **me).status_code == 409
    assert registry.post(base + "/acknowledge", **me).status_code == 409
    types = [e["type"] for e in registry.events("risk_flags", flag["id"])]
    assert types == ["risk_flag.raised", "notification.requested", "risk_flag.updated", "risk_flag.updated",
                     "risk_flag.updated", "risk_course.assigned", "risk_flag.updated"]
    # closed for this period: the next assessment does not raise it again
    assert registry.post("/api/v1/risk/assess", json={}, **me).get_json()["raised"] == 0
    assert registry.get("/api/v1/risk/flags", **me).get_json() == []
    assert registry.get("/api/v1/risk/flags?status=closed", **me).get_json()[0]["id"] == flag["id"]
    # after a restore from backup the same fact is published again for training's copy (evaluation.rebuild)
    with registry.client.application.app_context():
        assert republish_assigned_courses()["assigned_courses"] >= 1
    again = [e for e in registry.events("risk_flags", flag["id"]) if e["type"] == "risk_course.assigned"]
    assert [e["payload"] for e in again] == [assigned["payload"]] * 2 and again[0]["event_id"] != again[1]["event_id"]


@pytest.mark.parametrize("query", ["light=purple", "status=gone", "colour=red"])
def test_bad_flag_query_is_422(registry, query):
    res = registry.get(f"/api/v1/risk/flags?{query}")
    assert res.status_code == 422 and res.get_json()["error"]["fields"]


def test_assess_an_unknown_unit_is_422(registry):
    res = registry.post("/api/v1/risk/assess", json={"unit_id": "no-such-unit"})
    assert res.status_code == 422 and "unit_id" in res.get_json()["error"]["fields"]


@pytest.fixture(scope="module")
def generated_history(registry, catalogue):
    """Thirty cadres of Xã Sơn Động with four closed quarters each, generated (seeded): weaker
    cadres more often fall under 50 the quarter after."""
    rng = np.random.default_rng(11)
    unit = catalogue["X-SD"]
    cadres = []
    for n in range(30):
        body = cadre_body(unit, gender="female" if n % 2 else "male", is_local=bool(n % 3))
        cadres.append(registry.created("/api/v1/cadres", body)["id"])
    records: dict[str, list[dict]] = {}
    for cadre_id in cadres:
        ability = rng.normal(60, 15)
        for quarter in range(1, 5):
            total = float(np.clip(ability + rng.normal(0, 8), 0, 100))
            level = "not_completed" if total < 50 else "completed" if total < 70 else "good"
            records.setdefault(f"2023-Q{quarter}", []).append({
                "period": f"2023-Q{quarter}", "cadre_id": cadre_id, "unit_id": unit, "is_leader": False, "a": total,
                "b": total, "c": total, "task_points": total * 0.7, "general_points": total * 0.3, "total": total,
                "level": level, "general": {}, "leader_reasons": {}})
    for code, made in records.items():
        span = parse_period_code(code)
        closed = Period(code=code, year=span.year, quarter=span.quarter, starts_on=span.starts_on, ends_on=span.ends_on,
                        status="closed")
        registry.db["periods"].insert_one(closed.to_mongo().to_dict())
        registry.db["frozen_scores"].insert_one(unit_document(code, unit, made, None))
        registry.db["frozen_placements"].insert_many(placement_documents(code, {c: unit for c in cadres}))
    return {"unit": unit, "cadres": cadres}


def test_training_on_generated_history_returns_metrics_and_flags_carry_three_factors(registry, generated_history):
    assert registry.post("/api/v1/risk/model/train", role="unit_hr", claims={"unit_id": generated_history["unit"]}
                         ).status_code == 403
    res = registry.post("/api/v1/risk/model/train")
    assert res.status_code == 201, res.get_data(as_text=True)
    model = res.get_json()
    assert model["version"] == 1 and model["metrics"]["rows"] == 30 * 3
    assert 0 <= model["metrics"]["brier"] <= 1 and 0.5 < model["metrics"]["roc_auc"] <= 1
    assert "gender" not in model["features"] and "is_local" not in model["features"]
    current = registry.get("/api/v1/risk/model", role="auditor").get_json()
    assert current["trained"] is True and current["version"] == 1 and current["metrics"] == model["metrics"]

    # another worker process has no model in memory: it loads the stored bytes
    model_training._cache.update(id=None, model=None)
    summary = registry.post("/api/v1/risk/assess", json={"unit_id": generated_history["unit"]}).get_json()
    assert summary["model_version"] == 1 and summary["cadres"] == 30 and summary["raised"] >= 1
    flags = registry.get(f"/api/v1/risk/flags?unit_id={generated_history['unit']}").get_json()
    assert flags and all(0 <= f["probability"] <= 1 and f["model_version"] == 1 for f in flags)
    assert [f["light"] for f in flags] == sorted((f["light"] for f in flags), key=["red", "amber", "green"].index)
    detail = registry.get(f"/api/v1/risk/flags/{flags[0]['id']}").get_json()
    assert len(detail["factors"]) == 3 and all(" / " in f["text"] for f in detail["factors"])
    assert any(word in detail["factors"][0]["text"] for word in ("nguy cơ",))
    everyone = registry.get(f"/api/v1/risk/assessments?unit_id={generated_history['unit']}").get_json()["items"]
    assert len(everyone) == 30 and all(i["model_version"] == 1 and 0 <= i["probability"] <= 1 for i in everyone)
    assert all(len(i["factors"]) == 3 and i["factors"][0]["label_vi"] for i in everyone)

    # a second training run is a candidate beside the active version until province HR chooses it
    candidate = registry.post("/api/v1/risk/model/train").get_json()
    assert candidate["version"] == 2 and candidate["active"] is False
    assert candidate["compared_with"]["version"] == 1 and candidate["compared_with"]["active"] is True
    assert registry.get("/api/v1/risk/model", role="auditor").get_json()["version"] == 1
    listed = registry.get("/api/v1/risk/models", role="auditor").get_json()
    assert [(m["version"], m["active"]) for m in listed] == [(2, False), (1, True)]
    assert registry.post("/api/v1/risk/models/9/activate").status_code == 404
    assert registry.post("/api/v1/risk/models/2/activate", role="auditor").status_code == 403
    assert registry.post("/api/v1/risk/models/2/activate").get_json()["active"] is True
    assert registry.post("/api/v1/risk/assess", json={"unit_id": generated_history["unit"]}).get_json()[
        "model_version"] == 2
    assert {f["model_version"] for f in registry.get(f"/api/v1/risk/flags?unit_id={generated_history['unit']}")
            .get_json()} == {2}   # which version made each flag

    # stored bytes changed after training (tampered or corrupt) are never loaded, and it is said why
    stored = registry.db["risk_models"]
    original = stored.find_one({"version": 1})["model"]
    stored.update_one({"version": 1}, {"$set": {"model": original[:-16] + bytes(16)}})
    refused = registry.post("/api/v1/risk/models/1/activate")
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "model_integrity"
    assert "SHA-256" in refused.get_json()["error"]["message"]
    assert registry.get("/api/v1/risk/model").get_json()["integrity_error"] is None   # version 2 is intact
    active_bytes = stored.find_one({"version": 2})["model"]
    stored.update_one({"version": 2}, {"$set": {"model": original}})   # the active version's bytes swapped
    model_training._cache.update(id=None, model=None)
    current = registry.get("/api/v1/risk/model", role="auditor").get_json()
    assert current["version"] == 2 and "không khớp mã băm" in current["integrity_error"]
    rules_only = registry.post("/api/v1/risk/assess", json={"unit_id": generated_history["unit"]}).get_json()
    assert rules_only["model_version"] is None
    everyone = registry.get(f"/api/v1/risk/assessments?unit_id={generated_history['unit']}").get_json()["items"]
    assert all(i["probability"] is None for i in everyone)
    stored.update_one({"version": 2}, {"$set": {"model": active_bytes}})
    model_training._cache.update(id=None, model=None)
    assert registry.post("/api/v1/risk/assess", json={"unit_id": generated_history["unit"]}).get_json()[
        "model_version"] == 2


def test_fairness_audit_by_gender_ethnicity_local_flag_area_and_age_band(registry, generated_history):
    assert registry.get("/api/v1/risk/fairness", role="unit_hr",
                        claims={"unit_id": generated_history["unit"]}).status_code == 403
    res = registry.get(f"/api/v1/risk/fairness?unit_id={generated_history['unit']}", role="auditor")
    assert res.status_code == 200, res.get_data(as_text=True)
    audit = res.get_json()
    assert audit["cadres"] == 30 and set(audit["groups"]) == {"gender", "ethnicity", "is_local", "area", "age_band"}
    assert [(g["group"], g["cadres"]) for g in audit["groups"]["age_band"]] == [
        ("35_to_49" if 35 <= today().year - 1988 < 50 else "under_35", 30)]   # all born in 1988
    # the active model's held-out rows, province-wide: true- and false-positive rates per group
    trained_rows = registry.get("/api/v1/risk/model", role="auditor").get_json()["metrics"]["rows"]
    assert set(audit["held_out"]) == set(audit["groups"])
    for attribute in audit["held_out"].values():
        assert sum(g["rows"] for g in attribute["groups"]) == trained_rows
        assert set(attribute["gaps"]) == {"flag_rate", "true_positive_rate", "false_positive_rate"}
    held_genders = {g["group"]: g for g in audit["held_out"]["gender"]["groups"]}
    assert {"female", "male"} <= set(held_genders) and all(
        g["true_positive_rate"] is None or 0 <= g["true_positive_rate"] <= 1 for g in held_genders.values())
    genders = {g["group"]: g for g in audit["groups"]["gender"]}
    assert genders["female"]["cadres"] == 15 and genders["male"]["cadres"] == 15
    assert sum(g["flagged"] for g in genders.values()) == audit["flagged"]
    assert all(g["mean_probability"] is not None for g in genders.values())
    assert {g["group"] for g in audit["groups"]["is_local"]} == {"local", "non_local"}
    [area] = audit["groups"]["area"]   # the generated unit's area, read from the registry
    assert area["group"] == "mountain" and area["cadres"] == 30


def test_scorecard_of_a_unit_and_the_province_with_targets(registry, catalogue, low_scorer):
    me = hr(low_scorer["unit"])
    res = registry.get(f"/api/v1/scorecard?unit_id={low_scorer['unit']}&period={low_scorer['period']}", **me)
    assert res.status_code == 200, res.get_data(as_text=True)
    card = res.get_json()
    assert card["period"] == low_scorer["period"] and card["province"] is None
    [unit] = card["units"]
    figures = {f["key"]: f for f in unit["figures"]}
    good = figures["good_or_better"]   # over approved results only: the period's proposal is not one yet
    assert (good["denominator"], good["met"], good["target"]) == (0, None, 0.9) and "(0/1 đơn vị)" in good["note"]
    assert "90%" in good["target_text"] and good["name"].startswith("Tỷ lệ cán bộ hoàn thành tốt")
    [period] = [p for p in registry.get("/api/v1/periods").get_json() if p["code"] == low_scorer["period"]]
    assert registry.post(f"/api/v1/periods/{period['id']}/classification/approve",
                         json={"unit_id": low_scorer["unit"]}).status_code == 200
    card = registry.get(f"/api/v1/scorecard?unit_id={low_scorer['unit']}&period={low_scorer['period']}", **me).get_json()
    good = {f["key"]: f for f in card["units"][0]["figures"]}["good_or_better"]  # the only one rated did not complete
    assert (good["numerator"], good["denominator"], good["met"]) == (0, 1, False)
    assert good["note"].startswith("Năm chưa khóa: xếp loại đã phê duyệt của Quý I năm")
    assert figures["citizen_satisfaction"]["met"] is None and "Chưa đủ phiếu" in figures["citizen_satisfaction"]["note"]
    assert registry.get(f"/api/v1/scorecard?unit_id={low_scorer['unit']}", **hr(catalogue["P-KB"])).status_code == 404
    assert registry.get("/api/v1/scorecard", **me).get_json()["units"][0]["unit_id"] == low_scorer["unit"]
    assert registry.get("/api/v1/scorecard", role="cadre").status_code == 403
    province = registry.get(f"/api/v1/scorecard?period={low_scorer['period']}", role="auditor").get_json()
    assert {u["unit_id"] for u in province["units"]} >= {catalogue["X-TD"], catalogue["P-KB"], catalogue["X-SD"]}
    assert {f["key"]: f for f in province["province"]}["good_or_better"]["denominator"] == 1


@pytest.mark.parametrize("query, field", [("period=2024-Q9", "period"), ("period=1999-Q1", "period"),
                                          ("unit_id=no-such-unit", "unit_id"), ("colour=red", "colour")])
def test_bad_scorecard_query_is_422(registry, query, field):
    res = registry.get(f"/api/v1/scorecard?{query}")
    assert res.status_code == 422 and field in res.get_json()["error"]["fields"], res.get_data(as_text=True)


def test_a_change_to_one_cadre_reassesses_that_cadre_alone(registry, catalogue):
    """A discipline record (``cadre.updated``) re-assesses the cadre by the risk-cadre consumer's
    handler: their assessment row and an amber flag, nobody else's; the same event again changes
    nothing and notifies no one. (Through the real broker: tests/integration/test_risk_early_warning.py.)"""
    unit = catalogue["X-SD"]
    cadre = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Phạm Văn Kỷ Luật", gender="male"))
    bystander = registry.created("/api/v1/cadres", cadre_body(unit, full_name="Hà Thị Bình Yên"))
    recorded = registry.post(f"/api/v1/cadres/{cadre['id']}/discipline",
                             json={"measure": "reprimand", "decided_on": today().isoformat(), "duty_related": True,
                                   "reason": "Chậm giải quyết hồ sơ"})
    assert recorded.status_code == 201, recorded.get_data(as_text=True)
    [changed] = [e for e in registry.events("cadres", cadre["id"]) if e["type"] == "cadre.updated"]
    consumer = CONSUMERS["risk-cadre"]
    assert "cadre.updated" in consumer.event_types and "cadre.gaps.changed" in consumer.event_types
    with registry.client.application.app_context():
        consumer.batch_handler([changed, changed])  # a run of events (here the same one twice): the cadre once
    flags = [f for f in registry.get(f"/api/v1/risk/flags?unit_id={unit}").get_json() if f["cadre_id"] == cadre["id"]]
    assert [(f["light"], [t["code"] for t in f["triggers"]]) for f in flags] == [("amber", ["discipline_recorded"])]
    rows = {i["cadre_id"]: i for i in registry.get(f"/api/v1/risk/assessments?unit_id={unit}").get_json()["items"]}
    assert rows[cadre["id"]]["light"] == "amber" and bystander["id"] not in rows   # one cadre, not a unit pass
    staged = registry.events("risk_flags", flags[0]["id"])
    assert [e["type"] for e in staged] == ["risk_flag.raised", "notification.requested"]
    with registry.client.application.app_context():
        assert reassess_cadre(cadre["id"]) == "unchanged"
    assert registry.events("risk_flags", flags[0]["id"]) == staged


def test_required_courses_are_judged_once_the_school_has_reported_on_the_cadre(registry, catalogue):
    """Appointed two years ago, no course result yet: the missing required course is not known, so
    the registry's analysis lists it but the early warning raises nothing for it. The school's first
    report (a failed course: the gaps themselves do not change) publishes the gaps again, and the
    re-assessment by the risk-cadre consumer's handler flags the course unmet past the deadline."""
    unit = catalogue["X-TD"]
    cadre = registry.created("/api/v1/cadres", cadre_body(
        unit, full_name="Đỗ Văn Chưa Học", gender="male", position_id=catalogue["CV-TP"], education="university",
        digital_skill="basic", appointed_on=(today() - timedelta(days=730)).isoformat()))
    stored = registry.db.cadres.find_one({"_id": cadre["id"]})
    assert "course:position_skills" in stored["gap_keys"] and stored["training_reported"] is False

    def standard_flags():
        return [[t["code"] for t in f["triggers"]] for f in registry.get(f"/api/v1/risk/flags?unit_id={unit}").get_json()
                if f["cadre_id"] == cadre["id"]]

    with registry.client.application.app_context():
        reassess_cadre(cadre["id"])
    assert standard_flags() == []
    before = [e for e in registry.events("cadres", cadre["id"]) if e["type"] == "cadre.gaps.changed"]
    failed = make_event("result.recorded", 1, cadre["id"], {
        "result_id": f"r-{cadre['id']}", "cadre_id": cadre["id"], "course_code": "BD-01", "category": "position_skills",
        "session": "2026-K1", "completed_on": "2026-06-30", "passed": False, "hours": 40.0,
        "certificate_expires_on": None}, "training")
    with registry.client.application.app_context():
        CONSUMERS["training-results"].batch_handler([failed])
        [published] = [e for e in registry.events("cadres", cadre["id"])
                       if e["type"] == "cadre.gaps.changed" and e not in before]
        assert "course:position_skills" in [g["key"] for g in published["payload"]["gaps"]]
        CONSUMERS["risk-cadre"].batch_handler([published])
    assert standard_flags() == [["standard_overdue"]]
    assert registry.db.cadres.find_one({"_id": cadre["id"]})["training_reported"] is True
    with registry.client.application.app_context():  # the same report again publishes nothing new
        CONSUMERS["training-results"].batch_handler([failed])
    assert len([e for e in registry.events("cadres", cadre["id"]) if e["type"] == "cadre.gaps.changed"]) == len(before) + 1
