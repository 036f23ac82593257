"""A period as a commune lives it, through the gateway on the real platform (issue 12): a commune
with two departments (a head each) and a chairman; the 360 assignment follows the organisation (a
peer from another department is refused); the round's notifications reach the raters; closing runs
as a job; a quota violation with a tie at the cut waits for the unit's decision (approval refused
until then); after approval the unit's cadres read the list and another unit's cannot; the exports
open (a cell typed as =1+1 stays text, the PDF has its Vietnamese); frozen scores ignore later
edits of the position's standard and of the policy."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from support.platform import eventually
from support.world import World, unique

pytestmark = pytest.mark.integration
YEAR = 2036
SELF_TEN = {"service": 10, "coordination": 10, "discipline": 10}


@pytest.fixture(scope="module")
def commune(stack):
    reg = World(stack)
    unit, other = reg.unit("Xã Hợp Thịnh"), reg.unit("Xã Đại Đồng")

    def position(title, task_group, leadership="none"):
        return reg.created("/positions", {"code": unique("VT"), "title": title, "task_group": task_group,
                                           "is_leader": leadership != "none", "leadership": leadership})["id"]

    chair_p = position("Chủ tịch UBND xã", "Lãnh đạo UBND", "unit_chief")
    head_p = position("Trưởng phòng", "Lãnh đạo phòng", "department_head")
    staff_p = position("Chuyên viên", "Chuyên môn")
    odd_p = position("Chuyên viên dữ liệu", "=1+1")  # a task group someone typed as a formula
    people = {"chair": ("Nguyễn Văn Chính", chair_p, None), "kt_head": ("Trần Thị Kim", head_p, "KT"),
              "vh_head": ("Lê Văn Hòa", head_p, "VHXH"), "odd": ("Đinh Thị Số", odd_p, "VHXH")}
    people.update({f"kt{i}": (f"Phạm Văn Kinh {i}", staff_p, "KT") for i in range(1, 7)})
    people.update({f"vh{i}": (f"Vũ Thị Hương {i}", staff_p, "VHXH") for i in range(1, 5)})
    ids = {key: reg.cadre(unit["id"], name, position_id=pos, department_code=dept)["id"]
           for key, (name, pos, dept) in people.items()}
    ids["stranger"] = reg.cadre(other["id"], "Hồ Thị Xa")["id"]
    sessions = {key: reg.session_of(reg.user("cadre", cadre_id=ids[key]))
                for key in ("chair", "kt_head", "kt1", "kt2", "kt3", "stranger")}
    sessions.update(admin=reg.admin, hr=reg.session_of(reg.user("unit_hr", unit_id=unit["id"])))
    period = reg.admin.post(reg.base + "/periods", json={"year": YEAR, "quarter": 4, "rating_due_on": f"{YEAR}-12-10"},
                            timeout=30)
    assert period.status_code == 201, period.text
    return {"api": reg.base, "s": sessions, "ids": ids, "unit": unit["id"], "other": other["id"],
            "period": period.json(), "staff_position": staff_p}


def api(world, who, method, path, **kwargs):
    return world["s"][who].request(method, world["api"] + path, timeout=60, **kwargs)


def rate(world, rater, ratee, group, scores=None):
    return api(world, rater, "POST", "/ratings", json={"period": world["period"]["code"], "ratee_id": world["ids"][ratee],
                                                       "group": group, "scores": scores or SELF_TEN})


def test_raters_are_assigned_by_the_organisation_and_told(commune):
    world, ids = commune, commune["ids"]
    mine = api(world, "kt1", "GET", "/ratings/mine", params={"period": world["period"]["code"]}).json()
    asked = {item["ratee_id"]: item["group"] for item in mine["items"]}
    assert asked[ids["kt1"]] == "self" and asked[ids["kt_head"]] == "subordinate"
    assert {ids[f"kt{i}"] for i in range(2, 7)} <= {r for r, g in asked.items() if g == "peer"}
    assert ids["vh1"] not in asked and ids["chair"] not in asked
    assert mine["editable"] and mine["due_on"] == f"{YEAR}-12-10" and mine["items"][0]["group"] == "self"
    refused = rate(world, "kt1", "vh1", "peer")
    assert refused.status_code == 422 and "group" in refused.json()["error"]["fields"], refused.text
    assert rate(world, "kt_head", "kt1", "leader").status_code == 201
    assert rate(world, "chair", "kt_head", "leader").status_code == 201
    assert rate(world, "kt_head", "chair", "subordinate").status_code == 201
    assert rate(world, "kt1", "kt_head", "leader").status_code == 422  # the staff rate their head as subordinates
    inbox = eventually(lambda: [n for n in api(world, "kt1", "GET", "/notifications").json()["items"]
                                if n["kind"] == "rating_requested"], timeout=90, message="rating_requested in kt1's inbox")
    assert inbox[0]["link"] == f"/ratings?period={world['period']['code']}"


def test_hr_reviews_the_assignment_and_follows_progress_without_names(commune):
    world, ids = commune, commune["ids"]
    period_id = world["period"]["id"]
    view = api(world, "hr", "GET", f"/periods/{period_id}/assignments", params={"unit_id": world["unit"]}).json()
    pairs = {(p["rater_id"], p["ratee_id"]): p["group"] for p in view["pairs"]}
    assert pairs[(ids["chair"], ids["kt_head"])] == "leader" and (ids["kt1"], ids["vh1"]) not in pairs
    added = api(world, "hr", "POST", f"/periods/{period_id}/assignments", json={
        "unit_id": world["unit"], "action": "add", "rater_id": ids["vh_head"], "ratee_id": ids["kt_head"],
        "group": "peer", "reason": "Hai trưởng phòng phối hợp thường xuyên"})
    assert added.status_code == 201, added.text
    assert rate(world, "kt_head", "vh_head", "peer").status_code == 422  # only the pair added, one way
    progress = api(world, "hr", "GET", f"/periods/{period_id}/progress", params={"unit_id": world["unit"]})
    assert progress.status_code == 200, progress.text
    body = progress.json()
    assert body["groups"]["leader"]["answered"] >= 2 and body["groups"]["self"]["expected"] == len(ids) - 1
    assert "unfinished" not in body and ids["kt1"] not in progress.text
    reminded = api(world, "hr", "POST", f"/periods/{period_id}/reminders", json={"unit_id": world["unit"]})
    assert reminded.status_code == 200 and reminded.json()["reminded"] > 0, reminded.text
    assert api(world, "hr", "GET", f"/periods/{period_id}/progress",
               params={"unit_id": world["other"]}).status_code == 404
    rows = api(world, "admin", "GET", f"/periods/{period_id}/units").json()
    assert world["unit"] in {r["unit_id"] for r in rows}


@pytest.fixture(scope="module")
def closed(commune):
    """Tasks done by everyone on staff; kt1 and kt2 score 100 (a tie), the other eight 70."""
    world, ids = commune, commune["ids"]
    for key in [f"kt{i}" for i in range(1, 7)] + [f"vh{i}" for i in range(1, 5)] + ["odd"]:
        task = api(world, "hr", "POST", "/tasks", json={"cadre_id": ids[key], "period": world["period"]["code"],
                                                          "title": "Báo cáo chuyên đề", "coefficient": 1,
                                                          "due_on": f"{YEAR}-12-01"})
        assert task.status_code == 201, task.text
        done = api(world, "hr", "PATCH", f"/tasks/{task.json()['id']}", json={"completed_on": f"{YEAR}-11-30"})
        assert done.status_code == 200, done.text
    for key in ("kt1", "kt2"):
        assert rate(world, key, key, "self").status_code in (200, 201)
    assert rate(world, "kt_head", "kt2", "leader").status_code == 201
    asked = api(world, "admin", "POST", f"/periods/{world['period']['id']}/close")
    assert asked.status_code == 202 and asked.json()["job"]["kind"] == "close", asked.text
    period = eventually(lambda: (lambda p: p if p["status"] == "closed" else None)(
        api(world, "admin", "GET", f"/periods/{world['period']['id']}").json()), timeout=120, message="closed")
    assert period["job"]["status"] == "done" and period["scores"] == 11
    return world


def classification(world, who, unit=None):
    return api(world, who, "GET", f"/periods/{world['period']['id']}/classification",
               params={"unit_id": unit or world["unit"]})


def test_a_tie_at_the_cut_waits_for_the_units_decision_before_approval(closed):
    world, ids = closed, closed["ids"]
    proposal = classification(world, "hr")
    assert proposal.status_code == 200, proposal.text
    staff = next(g for g in proposal.json()["groups"] if g["task_group"] == "Chuyên môn")
    assert (staff["excellent"], staff["good"], staff["allowed_excellent"], staff["violation"]) == (2, 8, 1, True)
    assert set(staff["to_review"]) == {ids["kt1"], ids["kt2"]} and staff["keep_excellent"] == []
    levels = {c["cadre_id"]: c["final_level"] for c in proposal.json()["cadres"]}
    assert levels[ids["kt1"]] == levels[ids["kt2"]] == "excellent"  # nobody demoted silently
    refused = api(world, "admin", "POST", f"/periods/{world['period']['id']}/classification/approve",
                  json={"unit_id": world["unit"]})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "undecided_violation"
    assert classification(world, "kt3").status_code == 403  # not published yet
    decide = f"/periods/{world['period']['id']}/classification/decisions"
    too_many = api(world, "hr", "POST", decide, json={"unit_id": world["unit"], "task_group": "Chuyên môn",
                                                      "keep_excellent": [ids["kt1"], ids["kt2"]]})
    assert too_many.status_code == 422 and "keep_excellent" in too_many.json()["error"]["fields"]
    stranger = api(world, "hr", "POST", decide, json={"unit_id": world["unit"], "task_group": "Chuyên môn",
                                                      "keep_excellent": [ids["kt3"]]})
    assert stranger.status_code == 422
    decided = api(world, "hr", "POST", decide, json={"unit_id": world["unit"], "task_group": "Chuyên môn",
                                                     "keep_excellent": [ids["kt2"]]})
    assert decided.status_code == 200 and decided.json()["decided"] and not decided.json()["violation"], decided.text
    approved = api(world, "admin", "POST", f"/periods/{world['period']['id']}/classification/approve",
                   json={"unit_id": world["unit"]})
    assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.text
    again = api(world, "hr", "POST", decide, json={"unit_id": world["unit"], "task_group": "Chuyên môn",
                                                   "keep_excellent": [ids["kt1"]]})
    assert again.status_code == 409  # approval is final


def test_after_approval_the_units_cadres_read_it_and_no_one_else(closed):
    world, ids = closed, closed["ids"]
    published = classification(world, "kt3")
    assert published.status_code == 200, published.text
    cadres = {c["cadre_id"]: c for c in published.json()["cadres"]}
    assert cadres[ids["kt2"]]["final_level"] == "excellent" and cadres[ids["kt1"]]["final_level"] == "good"
    assert cadres[ids["kt1"]]["full_name"] == "Phạm Văn Kinh 1" and cadres[ids["kt1"]]["total"] == 100.0
    assert cadres[ids["kt1"]]["percentile"] == 100.0 and cadres[ids["kt3"]]["percentile"] == 80.0
    assert "rater" not in published.text
    assert classification(world, "stranger").status_code in (403, 404)
    assert api(world, "stranger", "GET", f"/periods/{world['period']['id']}/classification").status_code == 404
    me = api(world, "kt2", "GET", f"/cadres/{ids['kt2']}/results").json()
    mine = next(p for p in me["periods"] if p["period"] == world["period"]["code"])
    assert (mine["final_level"], mine["percentile"], mine["classification_status"]) == ("excellent", 100.0,
                                                                                        "approved")
    peers = mine["general"]["indices"]["service"]["groups"]["peer"]
    assert peers["enough_raters"] is False and mine["versions"]["position_id"] == world["staff_position"]
    eventually(lambda: any(n["kind"] == "classification_published"
                           for n in api(world, "kt3", "GET", "/notifications").json()["items"]),
               timeout=90, message="classification_published in kt3's inbox")


def test_the_exports_open_with_formula_safe_cells_and_vietnamese_text(closed):
    world = closed
    params = {"period": world["period"]["code"], "unit_id": world["unit"]}
    sheet = api(world, "hr", "GET", "/exports/classification.xlsx", params=params)
    assert sheet.status_code == 200, sheet.text
    assert "attachment" in sheet.headers["Content-Disposition"]
    cells = [c for row in load_workbook(io.BytesIO(sheet.content)).active.iter_rows() for c in row]
    formula = next(c for c in cells if c.value == "=1+1")
    assert formula.data_type == "s"
    assert any(c.value == "Họ và tên" for c in cells) and any(c.value == "Phạm Văn Kinh 2" for c in cells)
    pdf = api(world, "kt3", "GET", "/exports/classification.pdf", params=params)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "DANH SÁCH XẾP LOẠI" in text and "Phạm Văn Kinh 2" in text and "Hoàn thành tốt" in text
    assert api(world, "stranger", "GET", "/exports/classification.xlsx", params=params).status_code in (403, 404)


def test_frozen_scores_ignore_later_edits_of_the_standard_and_the_policy(closed):
    world, ids = closed, closed["ids"]
    path = f"/cadres/{ids['kt1']}/scores"
    before = api(world, "hr", "GET", path, params={"period": world["period"]["code"]}).json()
    assert before["status"] == "final" and before["versions"]["position_version"] == 1
    changed = api(world, "admin", "PATCH", f"/positions/{world['staff_position']}",
                  json={"standard": {"min_education": "university"}, "task_group": "Chuyên môn mới"})
    assert changed.status_code == 200 and changed.json()["version"] == 2, changed.text
    policy = api(world, "admin", "PUT", "/scoring/general-policies/Chuyên môn", json={
        "index_points": {"service": 20, "coordination": 5, "discipline": 5},
        "weights": {"leader": 0.1, "peer": 0.1, "subordinate": 0.1, "self": 0.5, "citizens": 0.2}})
    assert policy.status_code == 200, policy.text
    after = api(world, "hr", "GET", path, params={"period": world["period"]["code"]}).json()
    assert after == before and after["versions"]["position_version"] == 1 and after["task_group"] == "Chuyên môn"
    api(world, "admin", "PUT", "/scoring/general-policies/Chuyên môn", json={
        "index_points": {"service": 10, "coordination": 10, "discipline": 10},
        "weights": {"leader": 0.4, "peer": 0.2, "subordinate": 0.1, "self": 0.1, "citizens": 0.2}})
