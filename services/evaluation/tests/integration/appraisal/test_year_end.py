"""The year-end close on the real store (issue 13; no relay or consumer runs here, so the test runs
each job itself from the event its request staged): four quarters closed by their jobs, one cadre
rotated between two communes mid-year, a leader whose Q4 folds into the year; the year refused
while a quarter is open, then closed as a job; each cadre's year-end result with the periods used
and their unit; the year's quota with a tie at the cut going to a person; percentiles against the
same position code; a leader rated Không hoàn thành for the year on the scorecard.

Besides the cadres scored through their tasks, the cadres of Xã Sơn Động get their quarters written
as the closing writes them (test_closing covers that step: the frozen score, the unit's proposal
row, the unit listed in the period's comparison), so the year's rules meet exact totals."""
from __future__ import annotations

import json

import pytest

from evaluation.appraisal.consumers import apply_job_event
from evaluation.appraisal.handlers.frozen import placement_documents, unit_document

pytestmark = pytest.mark.integration
YEAR = 2043
QUARTERS = [f"{YEAR}-Q{q}" for q in (1, 2, 3, 4)]
# cadres of Xã Sơn Động written as closed: (key, position, totals of Q1..Q4, None = not worked)
FROZEN = [("tie1", "CV-TP", (95.0, 95.0, None, None)), ("tie2", "CV-TP", (95.0, 95.0, None, None)),
          *((f"good{i}", "CV-TP", (80.0, 80.0, 80.0, 80.0)) for i in range(1, 5)),
          ("boundary", "CV-TP", (89.99, 90.0, None, None)), ("chair", "CT-UBND", (55.0, 55.0, 55.0, 0.0))]
GROUPS = {"CV-TP": "Chuyên môn tổng hợp", "CT-UBND": "Lãnh đạo chủ chốt"}


def level_of(total: float) -> str:
    return "excellent" if total >= 90 else "good" if total >= 70 else "completed" if total >= 50 else "not_completed"


def run_job(registry, collection: str, key: str, event_type: str) -> None:
    [requested] = [e for e in registry.events(collection, key) if e["type"] == event_type][-1:]
    with registry.client.application.app_context():
        apply_job_event(requested)
        apply_job_event(requested)  # delivered twice: nothing more happens


def task(registry, cadre_id: str, code: str, due_on: str) -> None:
    made = registry.created("/api/v1/tasks", {"cadre_id": cadre_id, "period": code, "title": "Báo cáo",
                                              "coefficient": 1, "due_on": due_on})
    assert registry.patch(f"/api/v1/tasks/{made['id']}", json={"completed_on": due_on}).status_code == 200


def close(registry, period: dict) -> None:
    res = registry.post(f"/api/v1/periods/{period['id']}/close")
    assert res.status_code == 202, res.get_data(as_text=True)
    run_job(registry, "periods", period["id"], "period.closing_requested")


def write_closed(registry, catalogue, unit_id: str, code: str, members: list[tuple[str, str, float]]) -> None:
    """The unit's quarter as its closing leaves it: (cadre id, position code, total) of each member."""
    rows, folded, records = [], [], []
    for cadre_id, position, total in members:
        leader = position == "CT-UBND"
        records.append({
            "period": code, "cadre_id": cadre_id, "unit_id": unit_id, "task_group": GROUPS[position],
            "is_leader": leader, "a": 100.0, "b": 100.0, "c": 100.0, "d": None, "dd": None, "e": None,
            "task_points": 70.0, "general_points": total - 70.0, "total": total, "level": level_of(total),
            "override": None, "general": {}, "versions": {}, "leader_reasons": {}})
        row = {"cadre_id": cadre_id, "full_name": cadre_id, "position_id": catalogue[position], "position_code": position,
               "task_group": GROUPS[position], "total": total, "score_level": level_of(total), "override": None,
               "percentile": None, "compared_with": None, "is_leader": leader}
        (folded if leader and code.endswith("Q4") else rows).append(row)
    registry.db["frozen_scores"].insert_one(unit_document(code, unit_id, records, None))
    for doc in placement_documents(code, {r["cadre_id"]: unit_id for r in records}):  # beside the closing's own
        kept = registry.db["frozen_placements"].find_one({"_id": doc["_id"]})
        doc["cadres"] = json.dumps({**json.loads(kept["cadres"] if kept else "{}"), **json.loads(doc["cadres"])})
        registry.db["frozen_placements"].replace_one({"_id": doc["_id"]}, doc, upsert=True)
    registry.db["classifications"].insert_one({
        "_id": f"{code}|{unit_id}", "period": code, "unit_id": unit_id, "ratio": "1/5", "rows": json.dumps(rows),
        "folded_rows": json.dumps(folded), "decisions": [], "status": "proposed", "approved_by": None,
        "approved_at": None, "outbox": [], "outbox_pending": 0})
    registry.db["period_comparisons"].update_one({"_id": code}, {"$addToSet": {"units": unit_id}}, upsert=True)


@pytest.fixture(scope="module")
def year(registry, catalogue):
    td, sd, kb = catalogue["X-TD"], catalogue["X-SD"], catalogue["P-KB"]

    def cadre(code, name, unit_id, position):
        return registry.created("/api/v1/cadres", {
            "code": code, "full_name": name, "gender": "female", "birth_year": 1984, "unit_id": unit_id,
            "position_id": catalogue[position], "is_local": True})["id"]

    ids = {"rotated": cadre("CB-YR-ROT", "Bùi Thị Luân", td, "CV-TP"),
           "leader": cadre("CB-YR-LD", "Đỗ Văn Trưởng", td, "CT-UBND")}
    ids.update({key: cadre(f"CB-YR-{key.upper()}", f"Cán bộ {key}", sd, position) for key, position, _t in FROZEN})
    periods = {code: registry.created("/api/v1/periods", {"year": YEAR, "quarter": q})
               for q, code in enumerate(QUARTERS, start=1)}
    task(registry, ids["rotated"], QUARTERS[0], f"{YEAR}-03-20")
    task(registry, ids["leader"], QUARTERS[0], f"{YEAR}-03-20")
    close(registry, periods[QUARTERS[0]])
    close(registry, periods[QUARTERS[1]])
    moved = registry.post(f"/api/v1/cadres/{ids['rotated']}/moves", json={
        "unit_id": kb, "position_id": catalogue["CV-TP"], "kind": "rotation", "effective_on": f"{YEAR}-07-01"})
    assert moved.status_code == 200, moved.get_data(as_text=True)
    task(registry, ids["rotated"], QUARTERS[2], f"{YEAR}-09-20")
    close(registry, periods[QUARTERS[2]])
    refused = registry.post(f"/api/v1/years/{YEAR}/close", json={})
    task(registry, ids["leader"], QUARTERS[3], f"{YEAR}-12-10")
    close(registry, periods[QUARTERS[3]])
    for index, code in enumerate(QUARTERS):
        write_closed(registry, catalogue, sd, code, [(ids[key], position, totals[index])
                                                     for key, position, totals in FROZEN if totals[index] is not None])
    left_open = registry.created("/api/v1/periods", {"year": YEAR, "month": 12})  # Q4 is closed: it is not waited for
    accepted = registry.post(f"/api/v1/years/{YEAR}/close", json={})
    assert accepted.status_code == 202 and accepted.get_json()["status"] == "closing", accepted.get_data(as_text=True)
    run_job(registry, "evaluation_years", str(YEAR), "year.closing_requested")
    return {"ids": ids, "td": td, "sd": sd, "kb": kb, "periods": periods, "refused": refused, "left_open": left_open,
            "closed": registry.get(f"/api/v1/years/{YEAR}").get_json()}


def result(registry, year, key) -> dict:
    res = registry.get(f"/api/v1/cadres/{year['ids'][key]}/year-result", query_string={"year": YEAR})
    assert res.status_code == 200, res.get_data(as_text=True)
    return res.get_json()


def test_the_year_waits_for_every_quarter_unless_hr_confirms(year):
    refused = year["refused"].get_json()
    assert year["refused"].status_code == 409 and refused["error"]["code"] == "open_quarters"
    assert "Quý IV" in refused["error"]["message"] and "Q4" in refused["error"]["message"]
    closed = year["closed"]
    assert closed["status"] == "closed" and closed["job"]["status"] == "done" and closed["results"] == 10
    assert all(q["closed"] for q in closed["quarters"]) and closed["open_quarters"] == []


def test_a_cadre_rotated_mid_year_keeps_the_first_units_quarters(registry, year):
    body = result(registry, year, "rotated")
    assert [(p["code"], p["unit_id"]) for p in body["periods"]] == [(QUARTERS[0], year["td"]),
                                                                    (QUARTERS[2], year["kb"])]
    assert body["periods"][0]["unit_name"] == "Xã Tiên Du" and body["unit_id"] == year["kb"]
    assert body["mean"] == pytest.approx(sum(p["total"] for p in body["periods"]) / 2)
    assert body["status"] == "final" and body["classification_status"] == "proposed"
    kb = registry.get(f"/api/v1/years/{YEAR}/classification", query_string={"unit_id": year["kb"]}).get_json()
    assert [c["cadre_id"] for c in kb["cadres"]] == [year["ids"]["rotated"]]
    td = registry.get(f"/api/v1/years/{YEAR}/classification", query_string={"unit_id": year["td"]}).get_json()
    assert year["ids"]["rotated"] not in [c["cadre_id"] for c in td["cadres"]]


def test_a_leaders_q4_is_not_proposed_separately(registry, year):
    def proposal(code):
        res = registry.get(f"/api/v1/periods/{year['periods'][code]['id']}/classification",
                           query_string={"unit_id": year["td"]})
        assert res.status_code == 200, res.get_data(as_text=True)
        return res.get_json()

    leader = year["ids"]["leader"]
    assert leader in [c["cadre_id"] for c in proposal(QUARTERS[0])["cadres"]]
    q4 = proposal(QUARTERS[3])
    assert leader not in [c["cadre_id"] for c in q4["cadres"]] and q4["folded_into_year"] == [leader]
    body = result(registry, year, "leader")
    assert [p["code"] for p in body["periods"]] == [QUARTERS[0], QUARTERS[3]] and body["is_leader"]


def test_the_boundary_mean_89_995_is_good(registry, year):
    body = result(registry, year, "boundary")
    assert body["mean"] == pytest.approx(89.995) and body["mean"] < 90
    assert body["mean_shown"] == 90.0 and body["level"] == "good"


def test_the_years_quota_with_a_tie_goes_to_a_person(registry, year):
    path = f"/api/v1/years/{YEAR}/classification"
    view = registry.get(path, query_string={"unit_id": year["sd"]}).get_json()
    [group] = [g for g in view["groups"] if g["task_group"] == "Chuyên môn tổng hợp"]
    tie = sorted([year["ids"]["tie1"], year["ids"]["tie2"]])
    assert group["excellent"] == 2 and group["allowed_excellent"] == 1 and group["violation"]
    assert group["keep_excellent"] == [] and sorted(group["to_review"]) == tie
    refused = registry.post(f"{path}/approve", json={"unit_id": year["sd"]})
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "undecided_violation"
    too_many = registry.post(f"{path}/decisions", json={"unit_id": year["sd"], "task_group": "Chuyên môn tổng hợp",
                                                        "keep_excellent": tie})
    assert too_many.status_code == 422 and "keep_excellent" in too_many.get_json()["error"]["fields"]
    decided = registry.post(f"{path}/decisions", json={"unit_id": year["sd"], "task_group": "Chuyên môn tổng hợp",
                                                       "keep_excellent": [tie[0]]}, role="unit_hr",
                            claims={"unit_id": year["sd"]})
    assert decided.status_code == 200 and decided.get_json()["decided_by"], decided.get_data(as_text=True)
    approved = registry.post(f"{path}/approve", json={"unit_id": year["sd"]})
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved", approved.get_data(as_text=True)
    finals = {c["cadre_id"]: c["final_level"] for c in approved.get_json()["cadres"]}
    assert finals[tie[0]] == "excellent" and finals[tie[1]] == "good"
    published = [e for e in registry.events("classifications", f"{YEAR}|{year['sd']}")
                 if e["type"] == "notification.requested"]
    assert published and published[0]["payload"]["link"] == f"/me?year={YEAR}"
    units = {u["unit_id"]: u for u in registry.get(f"/api/v1/years/{YEAR}/units").get_json()}
    state = units[year["sd"]]["classification"]
    assert state["status"] == "approved" and state["levels"]["excellent"] == 1 and state["undecided"] == []


def test_percentiles_compare_the_same_position_province_wide(registry, year):
    top, low = result(registry, year, "tie1"), result(registry, year, "rotated")
    compared = top["compared_with"]
    assert compared == 8 and low["compared_with"] == compared  # every CV-TP holder of both communes
    assert top["percentile"] == 100.0 and low["percentile"] == round(100 / compared, 2)


def test_the_cadres_comparison_gives_the_totals_of_the_same_position_code(registry, year):
    def comparison(key, **scope):
        return registry.get(f"/api/v1/cadres/{year['ids'][key]}/comparison", query_string=scope)

    top = comparison("tie1", year=YEAR).get_json()
    assert top["kind"] == "year" and top["position_code"] == "CV-TP" and top["compared_with"] == 8
    assert top["totals"] == sorted(top["totals"]) and top["total"] == top["totals"][-1] == 95.0
    assert top["percentile"] == 100.0 and comparison("rotated", year=YEAR).get_json()["percentile"] == 12.5
    first = comparison("rotated", period=QUARTERS[0]).get_json()  # Q1 closed by its job: one CV-TP holder scored
    assert first["kind"] == "period" and first["scope"] == QUARTERS[0] and first["position_code"] == "CV-TP"
    assert first["totals"] == [first["total"]] and first["percentile"] == 100.0
    assert comparison("rotated", period=QUARTERS[1]).status_code == 404  # no task, no score in Q2
    for wrong in ({}, {"year": YEAR, "period": QUARTERS[0]}):
        assert comparison("rotated", **wrong).status_code == 422
    assert comparison("rotated", period="2043-Q9").status_code == 422
    other = registry.get(f"/api/v1/cadres/{year['ids']['tie1']}/comparison", "cadre",
                         claims={"cadre_id": year["ids"]["tie2"], "unit_id": year["sd"]}, query_string={"year": YEAR})
    assert other.status_code in (403, 404)


def test_a_leader_rated_not_completed_for_the_year_counts_on_the_scorecard(registry, year):
    body = result(registry, year, "chair")
    assert body["level"] == "not_completed" and body["mean"] == pytest.approx(41.25)
    scorecard = registry.get("/api/v1/scorecard", query_string={"unit_id": year["sd"], "period": QUARTERS[3]})
    assert scorecard.status_code == 200, scorecard.get_data(as_text=True)
    [unit] = scorecard.get_json()["units"]
    [figure] = [f for f in unit["figures"] if f["key"] == "below_standard_leaders_replaced"]
    assert figure["denominator"] == 1 and figure["numerator"] == 0  # the chairman still leads the commune


def test_a_closed_years_periods_no_longer_close_open_or_change_their_classification(registry, year):
    q1 = year["periods"][QUARTERS[0]]["id"]
    group = {"unit_id": year["td"], "task_group": "Chuyên môn tổng hợp", "keep_excellent": []}
    refused = {"close": registry.post(f"/api/v1/periods/{year['left_open']['id']}/close"),
               "open": registry.post("/api/v1/periods", json={"year": YEAR, "month": 11}),
               "decide": registry.post(f"/api/v1/periods/{q1}/classification/decisions", json=group),
               "approve": registry.post(f"/api/v1/periods/{q1}/classification/approve", json={"unit_id": year["td"]})}
    for step, res in refused.items():
        error = res.get_json()["error"]
        assert res.status_code == 409 and error["code"] == "year_closed", (step, error)
        assert error["message"].startswith(f"Năm {YEAR} đã khóa") and f"year {YEAR} is closed" in error["message"]
    assert registry.get(f"/api/v1/periods/{year['left_open']['id']}").get_json()["status"] == "open"
    other_year = registry.post("/api/v1/periods", json={"year": YEAR + 1, "month": 11})
    assert other_year.status_code == 201, other_year.get_data(as_text=True)


def test_once_the_year_is_closed_the_scorecards_good_share_counts_its_approved_year_end_results(registry, year):
    # after test_the_years_quota_with_a_tie_goes_to_a_person: Xã Sơn Động's year is approved, Xã Tiên Du's is not
    def good(unit_id):
        card = registry.get("/api/v1/scorecard", query_string={"unit_id": unit_id, "period": QUARTERS[1]}).get_json()
        return next(f for f in card["units"][0]["figures"] if f["key"] == "good_or_better")

    approved = good(year["sd"])  # tie1 excellent; tie2, good1–4 and the boundary good; the chairman not completed
    assert (approved["numerator"], approved["denominator"]) == (7, 8) and approved["met"] is False
    assert approved["note"].startswith(f"Kết quả cuối năm {YEAR} đã phê duyệt (1/1 đơn vị)")
    waiting = good(year["td"])
    assert waiting["denominator"] == 0 and waiting["value"] is None and "(0/1 đơn vị)" in waiting["note"]


def test_the_year_exports_for_the_units_meeting(registry, year):
    sheet = registry.get("/api/v1/exports/classification.xlsx", query_string={"year": YEAR, "unit_id": year["sd"]})
    assert sheet.status_code == 200 and sheet.data[:2] == b"PK"
    both = registry.get("/api/v1/exports/classification.xlsx", query_string={"year": YEAR, "period": QUARTERS[0]})
    assert both.status_code == 422
    again = registry.post(f"/api/v1/years/{YEAR}/close", json={"confirm_open_quarters": True})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "year_closed"
