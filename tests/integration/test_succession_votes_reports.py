"""Succession plans, confidence votes and citizens' reports through the gateway, on the whole
platform (real Kafka, real store): each rule of PRODUCT.md §3.7–§3.9 as a caller meets it, and the
events that carry the results to the evaluation and training services."""
from __future__ import annotations

import uuid

import pytest
import requests

from support.civic import cast, file_report, key_title, officials_known, plan_for
from support.platform import eventually
from support.world import World, names

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def world(stack):
    return World(stack)


@pytest.fixture(scope="module")
def commune(world):
    unit = world.unit("Xã Phúc Hòa")
    people = names(12, seed=21)
    cadres = {}
    for i, name in enumerate(people):
        cadres[name] = world.cadre(unit["id"], name, gender="female" if i % 2 else "male",
                                   birth_year=1990 - i, is_local=True)["id"]
    return {"unit": unit, "cadres": cadres, "people": people}


def test_succession_limits_eligibility_and_overrides(stack, world, commune):
    base = stack.url() + "/api/v1"
    plan = plan_for(world, "2030-2035")
    titles = {key: key_title(world, key, title) for key, title in (
        ("pc_chairman", "Chủ tịch UBND xã"), ("pc_vice_chairman", "Phó Chủ tịch UBND xã"),
        ("party_secretary", "Bí thư Đảng ủy xã"), ("inspection_head", "Chủ nhiệm UBKT Đảng ủy xã"))}
    people, ids = commune["people"], commune["cadres"]

    def add(name, key="pc_chairman", **extra):
        return world.admin.post(f"{base}/succession/plans/{plan}/candidates", json={
            "unit_id": commune["unit"]["id"], "position_id": titles[key], "cadre_id": ids[name],
            "reason": "Cán bộ nguồn có triển vọng", **extra}, timeout=60)

    refused = add(people[0])
    assert refused.status_code == 422, refused.text
    problems = refused.json()["error"]["fields"]["cadre_id"]
    # one problem per year without a result (other problems, e.g. the title's standard, may come first)
    assert sum(p.startswith("Chưa có kết quả năm") for p in problems) >= 3
    accepted = add(people[0], override_reason="Cán bộ trẻ được đào tạo bài bản, kết quả các năm đang cập nhật")
    assert accepted.status_code == 201 and accepted.json()["problems"] == problems
    for name in people[1:4]:
        assert add(name, override_reason="Nguồn cán bộ trẻ").status_code == 201
    fifth = add(people[4], override_reason="Nguồn cán bộ trẻ")
    assert fifth.status_code == 422 and list(fifth.json()["error"]["fields"]) == ["position_id"]
    for key in ("pc_vice_chairman", "party_secretary"):
        assert add(people[0], key, override_reason="Nguồn cán bộ trẻ").status_code == 201
    fourth = add(people[0], "inspection_head", override_reason="Nguồn cán bộ trẻ")
    assert fourth.status_code == 422 and list(fourth.json()["error"]["fields"]) == ["cadre_id"]

    view = world.admin.get(f"{base}/succession/plans/{plan}", params={"unit_id": commune["unit"]["id"]},
                           timeout=60).json()
    chairman = next(t for t in view["titles"] if t["position_id"] == titles["pc_chairman"])
    assert chairman["count"] == 4 and all(c["eligible"] is False and c["problems"] for c in chairman["candidates"])
    assert view["shares"]["planned"] == 4 and set(view["shares"]) == {"planned", "women", "young", "trained"}
    audit = world.admin.get(f"{base}/audit", params={"action": "POST /api/v1/succession/plans/{id}/candidates"},
                            timeout=30).json()
    assert {(r["status"], r["outcome"]) for r in audit} >= {(201, "success"), (422, "rejected")}


def test_a_plans_courses_reach_the_cadres_training_plan(stack, world, commune):
    base = stack.url() + "/api/v1"
    plan = plan_for(world, "2030-2035")
    title = key_title(world, "police_chief", "Trưởng Công an xã")
    who = commune["cadres"][commune["people"][5]]
    entry = world.admin.post(f"{base}/succession/plans/{plan}/candidates", json={
        "unit_id": commune["unit"]["id"], "position_id": title, "cadre_id": who, "reason": "Có kinh nghiệm",
        "override_reason": "Nguồn tại chỗ", "courses": ["BD-LDCP"]}, timeout=60)
    assert entry.status_code == 201, entry.text

    def planned():
        res = world.admin.get(f"{base}/training/cadres/{who}/plan", timeout=30)
        return res.status_code == 200 and [e for e in res.json()["entries"] if e["reason"] == "succession"]
    (item,) = eventually(planned, timeout=60, message="the plan's course in the training plan")
    assert [c["code"] for c in item["courses"]] == ["BD-LDCP"] and "Trưởng Công an xã" in item["title"]


def _vote(world, base, commune, officials, ballots=10):
    res = world.admin.post(f"{base}/confidence-votes", json={
        "unit_id": commune["unit"]["id"], "year": 2026, "cadre_ids": officials, "ballots": ballots}, timeout=60)
    assert res.status_code == 201, res.text
    return res.json()


def test_confidence_votes_outcomes_and_one_time_codes(stack, world, commune):
    base = stack.url() + "/api/v1"
    officials = [commune["cadres"][name] for name in commune["people"][6:8]]
    officials_known(stack.url(), commune["unit"]["id"], officials)
    replace_vote, consider_vote = (_vote(world, base, commune, officials) for _ in range(2))
    for vote, lows in ((replace_vote, 7), (consider_vote, 6)):
        for i, code in enumerate(vote["codes"]):
            answer = {officials[0]: "low" if i < lows else "high", officials[1]: "medium"}
            assert cast(stack.url(), vote, code, answer).status_code == 201
    used = cast(stack.url(), replace_vote, replace_vote["codes"][0], {officials[0]: "high", officials[1]: "high"})
    assert used.status_code == 409 and "code" in used.json()["error"]["fields"]
    unknown = cast(stack.url(), replace_vote, "ABCD-EFGH-JKMN-PQRS", {officials[0]: "high", officials[1]: "high"})
    assert unknown.status_code == 422

    outcomes = []
    for vote in (replace_vote, consider_vote):
        closed = world.admin.post(f"{base}/confidence-votes/{vote['id']}/close", timeout=60)
        assert closed.status_code == 200, closed.text
        outcomes.append({r["cadre_id"]: r for r in closed.json()["results"]})
    assert outcomes[0][officials[0]]["outcome"] == "replace" and outcomes[0][officials[0]]["low"] == 7
    assert outcomes[1][officials[0]]["outcome"] == "consider" and outcomes[1][officials[0]]["low_share"] == 0.6
    assert outcomes[0][officials[1]]["outcome"] == "none" and outcomes[0][officials[1]]["medium"] == 10

    def kept():
        seen = world.admin.get(f"{base}/cadres/{officials[0]}/scrutiny", timeout=30).json()
        return len(seen["confidence_votes"]) == 2 and seen
    seen = eventually(kept, timeout=60, message="the vote results in the dossier")
    assert {v["outcome"] for v in seen["confidence_votes"]} == {"replace", "consider"}

    def told():
        items = world.admin.get(f"{base}/notifications", timeout=30).json()["items"]
        return [i for i in items if i["kind"] == "confidence_outcome" and f"/confidence-votes/{replace_vote['id']}"
                == i["link"]]
    assert eventually(told, timeout=60, message="province HR told of the outcome")


def test_reports_contact_only_for_the_inspection_and_conclusions_reach_the_evaluation(stack, world, commune):
    base = stack.url() + "/api/v1"
    official = commune["cadres"][commune["people"][9]]
    officials_known(stack.url(), commune["unit"]["id"], [official])
    inspector = world.session_of(world.user("inspector"))
    unit_hr = world.session_of(world.user("unit_hr", unit_id=commune["unit"]["id"]))
    the_official = world.session_of(world.user("cadre", cadre_id=official))

    filed = file_report(stack.url(), official, contact="0987 654 321", happened_on="2026-11-20")
    assert filed.status_code == 201, filed.text
    reference = filed.json()["reference"]
    seen = inspector.get(f"{base}/reports/{reference}", timeout=30)
    assert seen.status_code == 200 and seen.json()["contact"] == "0987 654 321"
    admin_view = world.admin.get(f"{base}/reports/{reference}", timeout=30).json()
    assert "contact" not in admin_view and admin_view["cadre_id"] == official
    assert "contact" not in world.admin.get(f"{base}/reports", timeout=30).text
    for session in (unit_hr, the_official):
        assert session.get(f"{base}/reports/{reference}", timeout=30).status_code in (403, 404)
        assert session.get(f"{base}/reports", timeout=30).status_code in (403, 404)
    assert the_official.get(f"{base}/cadres/{official}/scrutiny", timeout=30).status_code in (403, 404)

    record = next(r for r in world.admin.get(f"{base}/audit", params={"action": "POST /api/v1/reports"},
                                             timeout=30).json() if r["status"] == 201)
    assert record["ip"] is None and record["actor"] is None

    def received():
        items = inspector.get(f"{base}/notifications", timeout=30).json()["items"]
        return [i for i in items if i["kind"] == "report_received" and reference in i["body"]]
    assert eventually(received, timeout=60, message="the inspection told of the new report")

    concluded = inspector.post(f"{base}/reports/{reference}/conclusion", json={
        "substantiated": True, "note": "Xác minh tại bộ phận một cửa: đúng"}, timeout=30)
    assert concluded.status_code == 200, concluded.text
    assert requests.get(f"{base}/reports/status/{reference}", timeout=30).json()["substantiated"] is True

    def counted():
        seen = world.admin.get(f"{base}/cadres/{official}/scrutiny", timeout=30).json()
        return seen["substantiated_reports"] == 1
    eventually(counted, timeout=60, message="the substantiated report in the evaluation service")


def test_public_calls_are_limited_per_device(stack, commune):
    official = commune["cadres"][commune["people"][10]]
    officials_known(stack.url(), commune["unit"]["id"], [official])
    device = {"X-C360-Device": f"test-device-{uuid.uuid4().hex}"}
    statuses = [file_report(stack.url(), official, headers=device).status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    refused = file_report(stack.url(), official, headers=device)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
