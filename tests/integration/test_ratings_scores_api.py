"""360 ratings and period scores through the gateway (PRODUCT.md §3.2, §5): who rates whom, the
≥ 3 raters rule, auditors alone see who answered what, the nể nang flag, citizens' satisfaction
in the service group, and a small unit (a leader and four staff) scored end to end — totals
computed by hand below — then frozen and published as score.computed when the period closes."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import requests
from kafka import KafkaConsumer, TopicPartition

from support.kiosks import answer, kiosk_headers, wait_until_kiosk_lists
from support.platform import eventually
from support.world import World, unique
from survey.domain.periods import periods_of

pytestmark = pytest.mark.integration
YEAR = 2033
Q1, Q2, Q3 = f"{YEAR}-Q1", f"{YEAR}-Q2", f"{YEAR}-Q3"


@pytest.fixture(scope="module")
def world(stack):
    reg = World(stack)
    unit_a, unit_b = reg.unit("Xã Tân Phú"), reg.unit("Xã Đồng Tâm")
    chair = reg.created("/positions", {"code": unique("CT"), "title": "Chủ tịch UBND xã",
                                        "task_group": "Lãnh đạo UBND", "is_leader": True})
    names = {"L": "Phạm Quốc Hưng", "S1": "Nguyễn Thị Mai", "S2": "Trần Văn Bình", "S3": "Lê Thị Thảo",
             "S4": "Đỗ Minh Tuấn"}
    ids = {key: reg.cadre(unit_a["id"], name, **({"position_id": chair["id"]} if key == "L" else {}))["id"]
           for key, name in names.items()}
    ids["X"] = reg.cadre(unit_b["id"], "Vũ Thị Hoa")["id"]
    sessions = {key: reg.session_of(reg.user("cadre", cadre_id=cadre_id)) for key, cadre_id in ids.items()}
    sessions.update(admin=reg.admin, hr=reg.session_of(reg.user("unit_hr", unit_id=unit_a["id"])),
                    hr_b=reg.session_of(reg.user("unit_hr", unit_id=unit_b["id"])),
                    auditor=reg.session_of(reg.user("auditor")))
    periods = {}
    for quarter in (1, 2, 3):
        res = reg.admin.post(reg.base + "/periods", json={"year": YEAR, "quarter": quarter}, timeout=30)
        assert res.status_code == 201, res.text
        periods[f"{YEAR}-Q{quarter}"] = res.json()["id"]
    return {"api": reg.base, "reg": reg, "ids": ids, "s": sessions, "unit_a": unit_a["id"], "unit_b": unit_b["id"],
            "periods": periods, "bootstrap": stack.infra.bootstrap}


def rate(world, rater, ratee, group, service, coordination=None, discipline=None, period=Q1):
    scores = {"service": service, "coordination": service if coordination is None else coordination,
              "discipline": service if discipline is None else discipline}
    return world["s"][rater].post(world["api"] + "/ratings", json={
        "period": period, "ratee_id": world["ids"][ratee], "group": group, "scores": scores}, timeout=30)


def general(world, who, ratee, period=Q1):
    res = world["s"][who].get(world["api"] + f"/cadres/{world['ids'][ratee]}/general-criteria",
                              params={"period": period}, timeout=30)
    assert res.status_code == 200, res.text
    return res.json()


# ratings -----------------------------------------------------------------------------------------

def test_rating_is_replaced_not_duplicated(world):
    first = rate(world, "S1", "S2", "peer", 6)
    assert first.status_code == 201, first.text
    assert first.json()["scores"] == {"service": 6.0, "coordination": 6.0, "discipline": 6.0}
    again = rate(world, "S1", "S2", "peer", 8, 7, 9)
    assert again.status_code == 200 and again.json()["revision"] == 2
    trail = world["s"]["auditor"].get(world["api"] + "/ratings/audit", params={
        "period": Q1, "ratee_id": world["ids"]["S2"], "rater_id": world["ids"]["S1"]}, timeout=30)
    assert trail.status_code == 200
    (row,) = trail.json()
    assert row["scores"] == {"service": 8.0, "coordination": 7.0, "discipline": 9.0}
    assert (row["rater_id"], row["rater_name"], row["group"]) == (world["ids"]["S1"], "Nguyễn Thị Mai", "peer")


@pytest.mark.parametrize("rater,ratee,group", [("S1", "L", "peer"), ("S1", "S2", "leader"), ("S1", "S2", "self"),
                                               ("S1", "S1", "peer"), ("L", "S1", "subordinate"),
                                               ("L", "S1", "peer")])
def test_wrong_group_is_422(world, rater, ratee, group):
    res = rate(world, rater, ratee, group, 7)
    assert res.status_code == 422 and "group" in res.json()["error"]["fields"], res.text


def test_who_rates_whom(world):
    assert rate(world, "L", "S1", "leader", 7).status_code == 201
    assert rate(world, "S1", "L", "subordinate", 9).status_code == 201
    assert rate(world, "S1", "S1", "self", 10).status_code == 201
    mine = world["s"]["S1"].get(world["api"] + "/ratings/mine", params={"period": Q1}, timeout=30)
    assert mine.status_code == 200
    items = {i["full_name"]: i for i in mine.json()["items"]}
    assert mine.json()["items"][0]["group"] == "self"
    assert {name: i["group"] for name, i in items.items()} == {
        "Nguyễn Thị Mai": "self", "Phạm Quốc Hưng": "subordinate", "Trần Văn Bình": "peer", "Lê Thị Thảo": "peer",
        "Đỗ Minh Tuấn": "peer"}
    assert items["Phạm Quốc Hưng"]["rated"] and items["Phạm Quốc Hưng"]["scores"]["service"] == 9.0
    assert not items["Đỗ Minh Tuấn"]["rated"] and "Vũ Thị Hoa" not in items


def test_rating_outside_the_unit_or_unknown_is_404(world):
    assert rate(world, "S1", "X", "peer", 5).status_code == 404
    res = world["s"]["S1"].post(world["api"] + "/ratings", json={
        "period": Q1, "ratee_id": "no-such-cadre", "group": "peer",
        "scores": {"service": 5, "coordination": 5, "discipline": 5}}, timeout=30)
    assert res.status_code == 404


@pytest.mark.parametrize("change,field", [
    ({"scores": {"service": 11, "coordination": 5, "discipline": 5}}, "scores"),
    ({"scores": {"service": -1, "coordination": 5, "discipline": 5}}, "scores"),
    ({"scores": {"service": 5, "coordination": 5}}, "scores"),
    ({"scores": {"service": "NaN", "coordination": 5, "discipline": 5}}, "scores"),
    ({"scores": {"service": 5, "coordination": 5, "discipline": 5, "integrity": 5}}, "scores"),
    ({"group": "citizens"}, "group"), ({"period": "2099-Q1"}, "period"), ({"period": "Q1/2033"}, "period"),
    ({"ratee_id": {"$ne": ""}}, "ratee_id"), ({"rater_id": "someone"}, "rater_id"),
])
def test_bad_rating_is_422(world, change, field):
    body = {"period": Q1, "ratee_id": world["ids"]["S3"], "group": "peer",
            "scores": {"service": 5, "coordination": 5, "discipline": 5}, **change}
    res = world["s"]["S1"].post(world["api"] + "/ratings", json=body, timeout=30)
    assert res.status_code == 422, res.text
    assert field in res.json()["error"]["fields"]


def test_only_cadres_rate_and_only_auditors_see_who(world):
    body = {"period": Q1, "ratee_id": world["ids"]["S3"], "group": "peer",
            "scores": {"service": 5, "coordination": 5, "discipline": 5}}
    for who in ("admin", "hr", "auditor"):
        assert world["s"][who].post(world["api"] + "/ratings", json=body, timeout=30).status_code == 403
        assert world["s"][who].get(world["api"] + "/ratings/mine", params={"period": Q1}, timeout=30).status_code == 403
    assert requests.post(world["api"] + "/ratings", json=body, timeout=30).status_code == 401
    for who in ("admin", "hr", "S1"):
        assert world["s"][who].get(world["api"] + "/ratings/audit", params={"period": Q1},
                                   timeout=30).status_code == 403


def test_peers_are_shown_from_three_raters_and_never_with_names(world):
    for rater, score in (("S1", 4), ("S2", 6)):
        assert rate(world, rater, "S3", "peer", score).status_code == 201
    two = general(world, "hr", "S3")["indices"]["service"]["groups"]["peer"]
    assert (two["raters"], two["mean"], two["hidden"], two["counted"]) == (2, None, True, False)
    assert rate(world, "S4", "S3", "peer", 8).status_code == 201
    three = general(world, "S3", "S3")
    peer = three["indices"]["service"]["groups"]["peer"]
    assert (peer["raters"], peer["mean"], peer["hidden"], peer["counted"]) == (3, 6.0, False, True)
    assert three["indices"]["service"]["score"] == 6.0 and three["points"] == 18.0  # peers are the only group
    text = json.dumps(three)
    assert not any(world["ids"][r] in text for r in ("S1", "S2", "S4"))


def test_general_criteria_scope(world):
    assert world["s"]["S1"].get(world["api"] + f"/cadres/{world['ids']['S3']}/general-criteria",
                                params={"period": Q1}, timeout=30).status_code == 404
    assert world["s"]["hr"].get(world["api"] + f"/cadres/{world['ids']['X']}/general-criteria",
                                params={"period": Q1}, timeout=30).status_code == 404
    assert world["s"]["auditor"].get(world["api"] + f"/cadres/{world['ids']['X']}/general-criteria",
                                     params={"period": Q1}, timeout=30).status_code == 200


def test_unit_where_everyone_gets_the_top_grade_is_flagged(world):
    people = ("L", "S1", "S2", "S3", "S4")
    for rater in people:
        for ratee in people:
            if rater != ratee:
                group = "leader" if rater == "L" else "subordinate" if ratee == "L" else "peer"
                assert rate(world, rater, ratee, group, 10, 9.5, 10, period=Q3).status_code == 201
    res = world["s"]["hr"].get(world["api"] + "/ratings/leniency", params={"period": Q3}, timeout=30)
    assert res.status_code == 200, res.text
    body = res.json()
    assert (body["unit_id"], body["rated"], body["top_graded"], body["flagged"]) == (world["unit_a"], 5, 5, True)
    assert "nể nang" in body["message"]
    calm = world["s"]["admin"].get(world["api"] + "/ratings/leniency", params={"period": Q1,
                                                                               "unit_id": world["unit_a"]}, timeout=30)
    assert calm.status_code == 200 and calm.json()["flagged"] is False
    assert world["s"]["hr"].get(world["api"] + "/ratings/leniency", params={"period": Q3, "unit_id": world["unit_b"]},
                                timeout=30).status_code == 404
    assert world["s"]["S1"].get(world["api"] + "/ratings/leniency", params={"period": Q3},
                                timeout=30).status_code == 403


# a small unit scored end to end ------------------------------------------------------------------

def _task(world, who, coefficient, **outcome):
    res = world["s"]["admin"].post(world["api"] + "/tasks", json={
        "cadre_id": world["ids"][who], "period": Q2, "title": f"Sản phẩm của {who}", "coefficient": coefficient,
        "due_on": f"{YEAR}-06-15"}, timeout=30)
    assert res.status_code == 201, res.text
    if outcome:
        patched = world["s"]["hr"].patch(world["api"] + f"/tasks/{res.json()['id']}", json=outcome, timeout=30)
        assert patched.status_code == 200, patched.text


@pytest.fixture(scope="module")
def scored_unit(world):
    done = f"{YEAR}-06-10"
    _task(world, "S1", 2, completed_on=done, quality_failures=1)
    _task(world, "S1", 1, completed_on=done, delays=2, exempt_delays=1)
    _task(world, "S1", 1)
    _task(world, "S2", 1, completed_on=done)
    _task(world, "S3", 1, completed_on=done)
    _task(world, "S3", 1, completed_on=done, quality_failures=4)
    _task(world, "S4", 1)
    _task(world, "L", 3, completed_on=done)
    staff = ("S1", "S2", "S3", "S4")
    for s in staff:
        assert rate(world, s, s, "self", 10, period=Q2).status_code == 201
        assert rate(world, s, "L", "subordinate", 9, period=Q2).status_code == 201
        for other in staff:
            if other != s:
                assert rate(world, s, other, "peer", 8, period=Q2).status_code == 201
        leader_marks = (7, 7, 10) if s == "S1" else (7, 7, 7)
        assert rate(world, "L", s, "leader", *leader_marks, period=Q2).status_code == 201
    assert rate(world, "L", "L", "self", 10, period=Q2).status_code == 201
    res = world["s"]["hr"].put(world["api"] + f"/cadres/{world['ids']['L']}/leader-criteria", json={
        "period": Q2, "unit_plan_on_time": False, "unit_plan_reason": "Chậm 1 nhiệm vụ chuyển đổi số của xã",
        "unity": True}, timeout=30)
    assert res.status_code == 200, res.text
    res = world["s"]["hr"].post(world["api"] + f"/cadres/{world['ids']['S2']}/discipline", json={
        "measure": "reprimand", "decided_on": f"{YEAR}-05-10", "duty_related": True,
        "reason": "Vi phạm quy trình tiếp nhận hồ sơ"}, timeout=30)
    assert res.status_code == 201, res.text
    return world


def score(world, who, of, period=Q2):
    return world["s"][who].get(world["api"] + f"/cadres/{world['ids'][of]}/scores", params={"period": period},
                               timeout=30)


def test_staff_score_computed_by_hand(scored_unit):
    res = score(scored_unit, "S1", "S1")
    assert res.status_code == 200, res.text
    s1 = res.json()
    # tasks k = 2, 1, 1: a = 3/4; b = (2×0.75 + 1 + 0)/4; c = (2 + 1×0.75 + 0)/4 (one delay exempt)
    assert (s1["a"], s1["b"], s1["c"]) == (75.0, 62.5, 68.75)
    assert s1["task_points"] == 48.13  # 0.70 × 206.25 / 3 = 48.125
    # leader 0.4, peers 0.2 (3 raters), self 0.1; no subordinates or citizens → re-weighted over 0.7:
    # service = coordination = (0.4×7 + 0.2×8 + 0.1×10)/0.7 = 7.7143; discipline = (0.4×10 + 1.6 + 1)/0.7 = 9.4286
    assert s1["general_points"] == 24.86  # 17.4 / 0.7 = 24.857
    assert s1["total"] == 72.98 and s1["level"] == "good" and s1["override"] is None
    assert s1["status"] == "provisional" and "d" not in s1
    groups = s1["general"]["indices"]["discipline"]["groups"]
    assert (groups["leader"]["mean"], groups["peer"]["mean"], groups["peer"]["raters"]) == (10.0, 8.0, 3)
    assert groups["leader"]["weight"] == 0.57 and groups["subordinate"]["raters"] == 0


def test_discipline_overrides_an_excellent_total(scored_unit):
    s2 = score(scored_unit, "hr", "S2").json()
    # T = 70 (one task done perfectly); general = 3 × 5.4/0.7 = 23.143 → 93.14, yet reprimanded this year
    assert (s2["task_points"], s2["general_points"], s2["total"]) == (70.0, 23.14, 93.14)
    assert s2["level"] == "not_completed" and s2["override"] == "discipline_reprimand_or_heavier"


def test_quality_failures_and_an_unfinished_task(scored_unit):
    s3 = score(scored_unit, "auditor", "S3").json()
    assert (s3["a"], s3["b"], s3["c"], s3["task_points"]) == (100.0, 50.0, 100.0, 58.33)  # 4 failures: q = 0
    assert s3["total"] == 81.48 and s3["level"] == "good"
    s4 = score(scored_unit, "admin", "S4").json()
    assert (s4["a"], s4["task_points"], s4["total"], s4["level"]) == (0.0, 0.0, 23.14, "not_completed")
    assert s4["override"] is None


def test_leader_score_with_d_from_the_staff_and_recorded_dd(scored_unit):
    lead = score(scored_unit, "L", "L").json()
    # d = 50 (S4 scores 23.14 < 50), đ = 50 (recorded with its reason), e = 100
    assert (lead["a"], lead["b"], lead["c"], lead["d"], lead["dd"], lead["e"]) == (100.0, 100.0, 100.0, 50.0, 50.0,
                                                                                  100.0)
    assert lead["task_points"] == 58.33  # 0.70 × 500 / 6
    # subordinates (4 raters, 9) 0.1 and self (10) 0.1 → 9.5 per group → 28.5
    assert lead["general_points"] == 28.5 and lead["total"] == 86.83 and lead["level"] == "good"
    assert lead["leader_reasons"]["dd"] == "Chậm 1 nhiệm vụ chuyển đổi số của xã"
    assert lead["general"]["indices"]["service"]["groups"]["subordinate"]["raters"] == 4


def test_unit_list_ranks_its_cadres(scored_unit):
    res = scored_unit["s"]["hr"].get(scored_unit["api"] + f"/periods/{scored_unit['periods'][Q2]}/scores",
                                     params={"unit_id": scored_unit["unit_a"]}, timeout=30)
    assert res.status_code == 200, res.text
    ids = {v: k for k, v in scored_unit["ids"].items()}
    assert [(ids[s["cadre_id"]], s["total"]) for s in res.json()] == [
        ("S2", 93.14), ("L", 86.83), ("S3", 81.48), ("S1", 72.98), ("S4", 23.14)]
    assert scored_unit["s"]["hr_b"].get(scored_unit["api"] + f"/periods/{scored_unit['periods'][Q2]}/scores",
                                        params={"unit_id": scored_unit["unit_a"]}, timeout=30).status_code == 404
    assert scored_unit["s"]["S1"].get(scored_unit["api"] + f"/periods/{scored_unit['periods'][Q2]}/scores",
                                      params={"unit_id": scored_unit["unit_a"]}, timeout=30).status_code == 403


def test_score_scope_and_bad_queries(scored_unit):
    assert score(scored_unit, "S1", "S2").status_code == 404
    assert score(scored_unit, "hr", "X").status_code == 404
    assert score(scored_unit, "hr_b", "S1").status_code == 404
    no_tasks = score(scored_unit, "admin", "X")
    assert no_tasks.status_code == 409 and no_tasks.json()["error"]["code"] == "no_tasks"
    assert score(scored_unit, "admin", "S1", period="2099-Q2").status_code == 422
    bad = score(scored_unit, "admin", "S1", period="quý 2")
    assert bad.status_code == 422 and "period" in bad.json()["error"]["fields"]
    assert requests.get(scored_unit["api"] + f"/cadres/{scored_unit['ids']['S1']}/scores",
                        params={"period": Q2}, timeout=30).status_code == 401


def _score_events(bootstrap: str) -> list[dict]:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
                             consumer_timeout_ms=3000)
    try:
        partitions = [TopicPartition("evaluation.scores.v1", p) for p in consumer.partitions_for_topic(
            "evaluation.scores.v1")]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        events = [json.loads(r.value) for r in consumer]
    finally:
        consumer.close()
    return [e for e in events if e.get("type") == "score.computed" and e["payload"].get("period") == Q2]


def test_closing_freezes_the_scores_and_publishes_them(scored_unit):
    world = scored_unit
    asked = world["s"]["admin"].post(world["api"] + f"/periods/{world['periods'][Q2]}/close", timeout=30)
    assert asked.status_code == 202 and asked.json()["status"] == "closing", asked.text
    closed = eventually(lambda: (lambda p: p if p["status"] == "closed" else None)(world["s"]["admin"].get(
        world["api"] + f"/periods/{world['periods'][Q2]}", timeout=30).json()), timeout=90, message="period closed")
    assert closed["scores"] == 5 and closed["job"]["status"] == "done"
    late = rate(world, "S1", "S2", "peer", 1, period=Q2)
    assert late.status_code == 409 and late.json()["error"]["code"] == "period_closed"
    frozen = score(world, "S1", "S1").json()
    assert frozen["status"] == "final" and frozen["total"] == 72.98 and frozen["level"] == "good"
    assert frozen["general"]["indices"]["discipline"]["groups"]["peer"]["mean"] == 8.0
    events = eventually(lambda: (lambda found: found if len(found) >= 5 else None)(_score_events(world["bootstrap"])),
                        timeout=60, message="five score.computed events")
    by_cadre = {e["key"]: e["payload"] for e in events}
    assert set(by_cadre) == {world["ids"][k] for k in ("L", "S1", "S2", "S3", "S4")}
    assert len(events) == 5  # one event per frozen score
    assert round(by_cadre[world["ids"]["S1"]]["total"], 2) == 72.98
    assert by_cadre[world["ids"]["S2"]]["override"] == "discipline_reprimand_or_heavier"
    assert (by_cadre[world["ids"]["L"]]["d"], by_cadre[world["ids"]["L"]]["task_group"]) == (50.0, "Lãnh đạo UBND")


# citizens --------------------------------------------------------------------------------------

def test_citizens_count_in_the_service_group_from_five_responses(world, stack):
    reg, base = world["reg"], stack.url()
    unit = reg.unit("Phường Kiểm Thử Một Cửa", kind="ward", area="urban")["id"]
    clerks = {name: reg.cadre(unit, name)["id"] for name in ("Bùi Thị Yến", "Ngô Văn Phúc")}
    yen, phuc = clerks["Bùi Thị Yến"], clerks["Ngô Văn Phúc"]
    month = periods_of(datetime.now(timezone.utc))[1]
    created = reg.admin.post(reg.base + "/periods", json={"year": int(month[:4]), "month": int(month[5:])},
                             timeout=30)
    assert created.status_code in (201, 409), created.text  # another test may have opened this month
    kiosks = [reg.kiosk(unit, f"Ki-ốt {i}")["token"] for i in range(5)]
    wait_until_kiosk_lists(base, kiosks[0], list(clerks.values()))
    # one answer per kiosk (no burst): Yến 3 very satisfied, 1 satisfied, 1 dissatisfied → 0.8; Phúc 4 answers
    for token, (cadre, level) in zip(kiosks * 2, [(yen, "very_satisfied")] * 3 + [(yen, "satisfied"),
                                                                               (yen, "dissatisfied")]
                                     + [(phuc, "very_satisfied")] * 4):
        res = requests.post(base + "/api/v1/kiosk/responses", json=answer(cadre, level),
                            headers=kiosk_headers(token), timeout=30)
        assert res.status_code == 201, res.text

    def caught_up():
        counts = [reg.admin.get(reg.base + f"/cadres/{c}/satisfaction", params={"period": month},
                                timeout=30).json()["responses"] for c in (yen, phuc)]
        return counts == [5, 4]

    eventually(caught_up, timeout=90, message="evaluation knows the responses")
    sessions = {c: reg.session_of(reg.user("cadre", cadre_id=c)) for c in (yen, phuc)}
    for cadre in (yen, phuc):
        res = sessions[cadre].post(reg.base + "/ratings", json={"period": month, "ratee_id": cadre, "group": "self",
                                                                "scores": {"service": 6, "coordination": 6,
                                                                           "discipline": 6}}, timeout=30)
        assert res.status_code == 201, res.text
    body = sessions[yen].get(reg.base + f"/cadres/{yen}/general-criteria", params={"period": month},
                             timeout=30).json()
    service = body["indices"]["service"]
    # self 0.1 × 6 and citizens 0.2 × (0.8 × 10), re-weighted over 0.3
    assert service["groups"]["citizens"] == {"raters": 5, "mean": 8.0, "counted": True, "weight": 0.67,
                                             "hidden": False, "enough_raters": True}
    assert service["score"] == 7.33 and body["indices"]["coordination"]["score"] == 6.0
    assert body["indices"]["coordination"]["groups"]["citizens"]["counted"] is False
    few = sessions[phuc].get(reg.base + f"/cadres/{phuc}/general-criteria", params={"period": month},
                             timeout=30).json()["indices"]["service"]
    assert few["groups"]["citizens"]["counted"] is False and few["score"] == 6.0  # 4 responses are not enough
