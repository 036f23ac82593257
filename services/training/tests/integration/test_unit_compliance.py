"""A unit's training compliance is one document kept current by the service's own result events, the
registry's cadre and position events and the requirements; the daily job computes every unit for the
new day and stages the ``training_due`` notifications it calls for — once per cadre, requirement and
due date. (The page, the gateway inbox: tests/e2e/test_training_pages.py.)"""
from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

import pytest

from cadre_shared.clock import today
from cadre_shared.envelope import make_event
from training.domain.text import add_months
from training.consumers import CONSUMERS, JOBS
from training.handlers import compliance_overview
from training.handlers.due_notices import send_due_notices
from training.handlers.unit_compliance import rebuild

pytestmark = pytest.mark.integration
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def place(training):
    feed = training.registry
    unit, other = feed.unit("Xã Phú Lộc"), feed.unit("Xã Lộc Hòa")
    clerk = feed.position("VP-TK", "Công chức Văn phòng - Thống kê", "Văn phòng")
    soon = add_months(today(), -12) + timedelta(days=20)  # digital skills due 12 months later: in 20 days
    hoa = feed.cadre(unit, "Trần Thị Hoa", position_id=clerk, appointed_on=soon.isoformat())
    lan = feed.cadre(unit, "Vũ Thị Lan", position_id=clerk, appointed_on=add_months(today(), -40).isoformat())
    minh = feed.cadre(unit, "Phạm Văn Minh", position_id=clerk, appointed_on=add_months(today(), -2).isoformat())
    return {"unit": unit, "other": other, "hoa": hoa, "lan": lan, "minh": minh, "clerk": clerk,
            "admin": training.service.caller("province_admin"), "soon": soon}


def unit_figures(place) -> dict:
    res = place["admin"].get(f"/api/v1/training/units/{place['unit']}/compliance")
    assert res.status_code == 200, res.get_data(as_text=True)
    return res.get_json()


def cadre_items(place, cadre_id: str) -> dict:
    res = place["admin"].get(f"/api/v1/training/cadres/{cadre_id}/compliance")
    return {i["requirement"]: i["status"] for i in res.get_json()["items"]}


def test_the_unit_document_agrees_with_each_cadre(training, place):
    lan_code = training.registry.states[place["lan"]]["code"]
    expired = today() - timedelta(days=3)
    content = (f"{HEADER}\n{lan_code},Vũ Thị Lan,CDS-CB,CDS-2023-K1,{dmy(add_months(today(), -37))},Đạt,24,"
               f"{dmy(expired)}\n").encode()
    assert training.upload(place["admin"], "cds.csv", content).get_json()["accepted"] == 1
    figures = unit_figures(place)
    assert figures["cadres"] == 3
    for row in figures["by_cadre"]:
        statuses = list(cadre_items(place, row["cadre_id"]).values())
        assert row["summary"]["required"] == len(statuses)
        for status in ("done", "due_soon", "overdue", "expired", "not_due"):
            assert row["summary"][status] == statuses.count(status), (row["full_name"], status)
    assert cadre_items(place, place["lan"])["YC-CDS"] == "expired"
    for status in ("required", "done", "due_soon", "overdue", "expired", "not_due"):
        assert figures["summary"][status] == sum(r["summary"][status] for r in figures["by_cadre"])
        assert figures["summary"][status] == sum(r[status] for r in figures["by_requirement"])
    attention = [(a["full_name"], a["requirement"], a["status"]) for a in figures["attention"]]
    assert ("Vũ Thị Lan", "YC-CDS", "expired") in attention and ("Trần Thị Hoa", "YC-CDS", "due_soon") in attention
    assert attention.index(("Vũ Thị Lan", "YC-CDS", "expired")) < attention.index(("Trần Thị Hoa", "YC-CDS",
                                                                                    "due_soon"))


def test_rows_follow_moves_and_departures_and_requirements(training, place):
    feed = training.registry
    unit_figures(place)  # computed, so later changes are applied to rows, not a first computation
    feed.move_cadre(place["minh"], place["other"])
    names = {r["full_name"] for r in unit_figures(place)["by_cadre"]}
    assert "Phạm Văn Minh" not in names and {"Trần Thị Hoa", "Vũ Thị Lan"} <= names
    other = place["admin"].get(f"/api/v1/training/units/{place['other']}/compliance").get_json()
    assert [r["full_name"] for r in other["by_cadre"]] == ["Phạm Văn Minh"]

    before = unit_figures(place)["summary"]["required"]
    res = place["admin"].post("/api/v1/training/requirements", json={
        "code": "YC-ATTT", "title": "Mọi cán bộ: an toàn thông tin", "course_code": "ATTT", "due_within_months": 6})
    assert res.status_code == 201
    assert unit_figures(place)["summary"]["required"] == before + 2  # two cadres left in the unit
    assert place["admin"].delete("/api/v1/training/requirements/YC-ATTT").status_code == 204
    assert unit_figures(place)["summary"]["required"] == before

    feed.change_cadre(place["hoa"], "cadre.left", status="left")
    assert {r["full_name"] for r in unit_figures(place)["by_cadre"]} == {"Vũ Thị Lan"}
    feed.change_cadre(place["hoa"], status="active")
    assert {r["full_name"] for r in unit_figures(place)["by_cadre"]} == {"Vũ Thị Lan", "Trần Thị Hoa"}


def overview_entries(training) -> dict[str, dict]:
    """The overview document as stored, without any read through the API (which may heal it)."""
    return compliance_overview.entries()


def overview_of(place) -> dict[str, dict]:
    res = place["admin"].get("/api/v1/training/compliance/units")
    assert res.status_code == 200, res.get_data(as_text=True)
    return {row["unit_id"]: row for row in res.get_json()}


def test_the_province_overview_follows_every_write_of_a_unit(training, place):
    unit, other = place["unit"], place["other"]
    before = {u: unit_figures({**place, "unit": u}) for u in (unit, other)}
    listed = overview_of(place)
    for unit_id, figures in before.items():
        assert (listed[unit_id]["cadres"], listed[unit_id]["summary"]) == (figures["cadres"], figures["summary"])
    stored = overview_entries(training)
    assert stored[unit]["as_of"] == today().isoformat() and stored[unit]["cadres"] == before[unit]["cadres"]

    # a move changes both units' entries through the cadre events alone, before anyone reads a unit
    training.registry.move_cadre(place["lan"], other)
    moved = overview_entries(training)
    assert moved[unit]["cadres"] == before[unit]["cadres"] - 1 and moved[other]["cadres"] == before[other]["cadres"] + 1
    assert moved[other]["summary"]["required"] > before[other]["summary"]["required"]
    assert overview_of(place)[other]["summary"] == unit_figures({**place, "unit": other})["summary"]
    training.registry.move_cadre(place["lan"], unit)
    assert overview_entries(training)[unit] == stored[unit]

    # the entry of an earlier write, stored late, does not replace the current one
    doc = training.service.db["unit_compliance"].find_one({"_id": unit})
    assert doc["revision"] >= 2
    compliance_overview.note({**doc, "revision": doc["revision"] - 1, "rows": {}})
    assert overview_entries(training)[unit] == stored[unit]


def test_a_rebuild_makes_the_same_figures(training, place):
    before = unit_figures(place)
    for name in ("unit_compliance", "cadre_results"):
        training.service.db[name].delete_many({})
    summary = rebuild()
    assert summary["results"] >= 1 and summary["cadres"] >= 3
    after = unit_figures(place)
    assert (after["summary"], after["by_cadre"], after["attention"]) == (
        before["summary"], before["by_cadre"], before["attention"])
    # the rebuilt documents start their revisions again: the overview starts again with them
    assert overview_entries(training)[place["unit"]]["summary"] == after["summary"]


def test_the_daily_job_announces_deadlines_and_expiries_once(training, place):
    send_due_notices(today())
    events = training.service.outbox("unit_compliance", place["unit"])
    mine = [e for e in events if e["key"] in (place["hoa"], place["lan"])]
    assert {e["type"] for e in mine} == {"notification.requested"}
    keys = sorted(e["payload"]["dedupe_key"] for e in mine)
    hoa_due = add_months(place["soon"], 12).isoformat()
    assert keys == sorted([f"training_due|{place['hoa']}|YC-CDS|{hoa_due}",
                           f"training_due|{place['hoa']}|YC-CDS|{hoa_due}|hr",
                           f"training_due|{place['lan']}|YC-CDS|{(today() - timedelta(days=3)).isoformat()}|expired",
                           f"training_due|{place['lan']}|YC-CDS|{(today() - timedelta(days=3)).isoformat()}|expired|hr"])
    to_hoa = next(e["payload"] for e in mine if e["payload"]["dedupe_key"].endswith(hoa_due))
    assert to_hoa["kind"] == "training_due" and to_hoa["recipients"] == {"cadre_ids": [place["hoa"]]}
    assert to_hoa["params"] == {"cadre_name": "Trần Thị Hoa", "course": "Mọi cán bộ, công chức: kỹ năng số",
                                "due_on": hoa_due}
    to_hr = next(e["payload"] for e in mine if e["payload"]["dedupe_key"].endswith(hoa_due + "|hr"))
    assert to_hr["recipients"] == {"unit_roles": [{"unit_id": place["unit"], "role": "unit_hr"}]}
    assert to_hr["link"] == f"/training/compliance?unit_id={place['unit']}"

    send_due_notices(today())  # the next run, or a second worker: nothing new
    assert len(training.service.outbox("unit_compliance", place["unit"])) == len(events)
    assert "Phạm Văn Minh" not in str(events)  # due in ten months: no notice yet


def test_the_worker_runs_the_daily_job_once_a_day(training, place):
    job, yesterday = JOBS["training-due"], today() - timedelta(days=1)
    first = job.run_once(yesterday)
    assert first is not None and first["units"] >= 2
    assert job.run_once(yesterday) is None  # another worker (or a restart) that day: skipped
    run = training.service.db["job_runs"].find_one({"_id": f"training-due|{yesterday.isoformat()}"})
    assert run["finished_at"] is not None and run["outcome"] == first
    assert unit_figures(place)["as_of"] == today().isoformat()  # a read on another day computes again


def test_the_overview_shows_an_earlier_day_as_it_is_and_a_changed_setting_again(training, place):
    """The overview does not compute a hundred units again inside a request on a new day (the daily
    job does, after midnight): an entry of an earlier day is shown with its day; an entry computed with
    another due-soon window (a setting changed) is computed again."""
    unit, yesterday = place["unit"], today() - timedelta(days=1)
    overview_of(place)
    units, overview = training.service.db["unit_compliance"], training.service.db["compliance_overview"]
    revision = units.find_one({"_id": unit})["revision"]
    stored = overview.find_one({"_id": "units"})["units"][unit]
    number, _bar, entry = stored.partition("|")
    earlier = {**json.loads(entry), "as_of": yesterday.isoformat()}
    overview.update_one({"_id": "units"}, {"$set": {f"units.{unit}": f"{number}|{json.dumps(earlier)}"}})
    row = overview_of(place)[unit]
    assert row["as_of"] == yesterday.isoformat() and row["summary"] == earlier["summary"]
    assert units.find_one({"_id": unit})["revision"] == revision  # not computed again

    other_window = {**earlier, "soon_days": earlier["soon_days"] + 1}
    overview.update_one({"_id": "units"}, {"$set": {f"units.{unit}": f"{number}|{json.dumps(other_window)}"}})
    row = overview_of(place)[unit]  # the unit's own document is current: the entry is noted from it again
    assert row["as_of"] == today().isoformat() and row["summary"] == unit_figures(place)["summary"]
    assert overview.find_one({"_id": "units"})["units"][unit] == stored


def test_a_run_of_registry_events_keeps_each_cadre_newest_copy(training, place):
    """The consumers' batches (an import registers hundreds of cadres at once): each cadre's newest
    version wins whatever the order within the run, and the run delivered again changes nothing."""
    feed = training.registry
    cadre = feed.cadre(place["unit"], "Đỗ Văn Lô", position_id=place["clerk"],
                       appointed_on=add_months(today(), -2).isoformat())
    first = feed.states[cadre]
    moved = {**first, "unit_id": place["other"], "version": 2}
    renamed = {**moved, "full_name": "Đỗ Văn Lộ", "version": 3}
    run = [make_event("cadre.moved", 1, cadre, moved, "evaluation"),
           make_event("cadre.updated", 1, cadre, renamed, "evaluation"),
           make_event("cadre.registered", 1, cadre, first, "evaluation")]
    copies = CONSUMERS["cadre-copies"]
    assert copies.batch_types <= copies.ledger_free_types and "cadre.moved" in copies.batch_types
    copies.batch_handler(run)
    copies.batch_handler(run)
    stored = training.service.db["cadre_copies"].find_one({"_id": cadre})
    assert (stored["version"], stored["unit_id"], stored["full_name"]) == (3, place["other"], "Đỗ Văn Lộ")
    assert "Đỗ Văn Lô" not in {r["full_name"] for r in unit_figures(place)["by_cadre"]}
    other = place["admin"].get(f"/api/v1/training/units/{place['other']}/compliance").get_json()
    assert "Đỗ Văn Lộ" in {r["full_name"] for r in other["by_cadre"]}

    gaps = {"cadre_id": cadre, "unit_id": place["other"], "position_id": place["clerk"], "position_version": 1,
            "gaps_version": 2, "gaps": []}
    older = {**gaps, "gaps_version": 1, "gaps": [{"key": "digital_skill", "kind": "digital_skill", "code": None,
                                                  "required": "basic", "actual": None, "source": "position",
                                                  "title": "Kỹ năng số / Digital skill"}]}
    CONSUMERS["cadre-gaps"].batch_handler([make_event("cadre.gaps.changed", 1, cadre, p, "evaluation")
                                          for p in (gaps, older)])
    kept = training.service.db["cadre_gap_copies"].find_one({"_id": cadre})
    assert (kept["version"], kept["gaps"]) == (2, [])
    feed.states[cadre] = renamed
    feed.change_cadre(cadre, "cadre.left", status="left")


def test_a_run_across_units_moves_rows_in_and_out_of_computed_units(training, place):
    """An import's run: new cadres in two units, one moved between them and one leaving, applied as one
    batch — each unit's rows as if the events had come one by one."""
    feed, unit, other = training.registry, place["unit"], place["other"]
    mover = feed.cadre(unit, "Cao Văn Dũng", position_id=place["clerk"], appointed_on=add_months(today(), -3).isoformat())
    leaver = feed.cadre(unit, "Lò Thị Nhung", position_id=place["clerk"], appointed_on=add_months(today(), -3).isoformat())
    unit_figures(place)
    place["admin"].get(f"/api/v1/training/units/{other}/compliance")  # both computed: rows follow each write
    run, payloads = [], []
    for name, where in (("Mai Văn Khoa", unit), ("Hoàng Thị Yến", other)):
        payloads.append({**feed.states[mover], "cadre_id": (new := str(uuid.uuid4())), "code": f"CB{new[:8]}".upper(),
                         "full_name": name, "unit_id": where, "version": 1})
        run.append(make_event("cadre.registered", 1, new, payloads[-1], "evaluation"))
    moved = {**feed.states[mover], "unit_id": other, "version": 2}
    left = {**feed.states[leaver], "status": "left", "version": 2}
    run += [make_event("cadre.moved", 1, mover, moved, "evaluation"),
            make_event("cadre.left", 1, leaver, left, "evaluation")]
    CONSUMERS["cadre-copies"].batch_handler(run)
    here = {r["full_name"] for r in unit_figures(place)["by_cadre"]}
    there = {r["full_name"] for r in place["admin"].get(f"/api/v1/training/units/{other}/compliance").get_json()["by_cadre"]}
    assert "Mai Văn Khoa" in here and not {"Cao Văn Dũng", "Lò Thị Nhung", "Hoàng Thị Yến"} & here
    assert {"Hoàng Thị Yến", "Cao Văn Dũng"} <= there and "Mai Văn Khoa" not in there
    CONSUMERS["cadre-copies"].batch_handler(run)  # delivered again: the same rows
    assert {r["full_name"] for r in unit_figures(place)["by_cadre"]} == here


def test_a_run_of_results_keeps_each_results_newest_version_whatever_the_order(training, place):
    """The result-index consumer's runs (a school's file publishes thousands at once): a result seen
    twice keeps its later version even when the earlier arrives last, and the run delivered again —
    or the earlier event alone, one by one — changes nothing."""
    cadre = feed_cadre = training.registry.cadre(place["unit"], "Tạ Văn Phúc", position_id=place["clerk"],
                                                 appointed_on=add_months(today(), -2).isoformat())
    base = {"result_id": str(uuid.uuid4()), "cadre_id": feed_cadre, "course_code": "BD-CDS-01",
            "category": "digital_skills", "session": "2026-K2", "completed_on": today().isoformat(),
            "hours": 40.0, "certificate_expires_on": None}
    failed = make_event("result.recorded", 1, cadre, {**base, "passed": False}, "training")
    passed = make_event("result.recorded", 1, cadre, {**base, "passed": True}, "training")
    failed["occurred_at"], passed["occurred_at"] = "2026-12-01T08:00:00+00:00", "2026-12-02T08:00:00+00:00"
    other = make_event("result.recorded", 1, cadre, {**base, "result_id": str(uuid.uuid4()), "session": "2026-K1",
                                                     "passed": True}, "training")
    index = CONSUMERS["result-index"]
    assert "result.recorded" in index.batch_types and "result.recorded" in index.ledger_free_types
    index.batch_handler([passed, other, failed])
    index.batch_handler([passed, other, failed])
    index.handler(failed)

    def held():
        return training.service.db["cadre_results"].find_one({"_id": cadre})["results"]
    assert {rid: r["passed"] for rid, r in held().items()} == {base["result_id"]: True,
                                                               other["payload"]["result_id"]: True}
    assert held()[base["result_id"]]["at"] == passed["occurred_at"]
    row = next(r for r in unit_figures(place)["by_cadre"] if r["full_name"] == "Tạ Văn Phúc")
    assert row  # the run's cadre has their row in the unit computed with the results
