"""Backup, restore and the read copies made whole again (issue 18), with the commands deploy/README.md
gives the IT officer, on a platform of this module's own (FerretDB + Kafka: its consumer groups are
not shared with the session's platform).

The backup is taken while the consumers lag (a course result, unit and cadre changes, a citizen's report
concluded, a confidence vote closed, a succession entry with a course, citizens' answers — some held as
suspect, one of them cleared: published but not yet applied), as a nightly backup of a working platform
can be; after it, the consumers apply them and the platform goes on (a change published and never
consumed before the disk fails). The backup is restored into a fresh store, and the restored platform
runs on the same Kafka, whose committed offsets are past what the restored copies hold: without the rebuild the copies stay unlike their owners; after
``prepare`` and the owners' ``--republish`` every copy equals its owner, and the evaluation counts each
answer the survey holds exactly once, as the survey counts it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
import requests
from pymongo import MongoClient

from cadre_shared.clock import today
from support.civic import file_report, key_title, plan_for
from support.kiosks import answer, kiosk_headers, satisfaction, wait_until_kiosk_lists
from support.platform import ROOT, WORKER_SERVICES, Infra, Stack, eventually, wait_port
from support.world import USER_PASSWORD, World

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]
HEADER = "Mã cán bộ,Họ và tên,Mã khóa học,Khóa/Lớp,Ngày hoàn thành,Kết quả,Số giờ,Chứng chỉ hết hạn"
# the keys a backup is useless without (deploy/README.md: kept with it, apart from it)
KEYS = ("C360_JWT_PRIVATE_KEY_FILE", "C360_JWT_PUBLIC_KEY_FILE", "C360_FIELD_KEY_FILE",
        "C360_SURVEY_CONTACT_KEY_FILE", "C360_SURVEY_BALLOT_KEY_FILE")
CADRE = ("code", "full_name", "unit_id", "position_id", "status", "version")
FACT = ("cadre_id", "unit_id", "quarter", "month", "overall", "counted")


def command(stack: Stack, service: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """One of the README's commands, in ``service``'s environment."""
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **stack.env_for(service), **env})


def run(stack: Stack, service: str, *args: str, **env: str) -> dict:
    """A README command that must succeed; its JSON answer."""
    done = command(stack, service, *args, **env)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def differences(mongo: MongoClient) -> list[str]:
    """Every way a read copy differs from its owner (an empty list: all equal)."""
    evaluation, survey, training = (mongo[f"c360_{s}"] for s in ("evaluation", "survey", "training"))
    found = []

    def compare(name, owner: dict[str, dict], copy: dict[str, dict], fields):
        for doc_id in owner.keys() | copy.keys():
            mine, theirs = owner.get(doc_id), copy.get(doc_id)
            if mine is None or theirs is None or any(mine.get(f) != theirs.get(f) for f in fields):
                found.append(f"{name} {doc_id}: owner {mine and {f: mine.get(f) for f in fields}} "
                             f"copy {theirs and {f: theirs.get(f) for f in fields}}")

    def by_id(collection, **query):
        return {doc["_id"]: doc for doc in collection.find(query)}

    units, cadres = by_id(evaluation.units), by_id(evaluation.cadres)
    for service, database in (("survey", survey), ("training", training)):
        compare(f"{service} unit copy", units, by_id(database.unit_copies), ("code", "name", "kind", "area", "version"))
        compare(f"{service} cadre copy", cadres, by_id(database.cadre_copies), CADRE)
    compare("training position copy", by_id(evaluation.positions), by_id(training.position_copies),
            ("code", "title", "version"))
    compare("training gaps copy", {k: v for k, v in cadres.items() if v.get("gaps_version")},
            by_id(training.cadre_gap_copies), ("unit_id", "position_id"))
    for cadre_id, gaps in by_id(training.cadre_gap_copies).items():
        if cadre_id in cadres and gaps.get("version") != cadres[cadre_id].get("gaps_version"):
            found.append(f"training gaps copy {cadre_id}: version {gaps.get('version')} "
                         f"of {cadres[cadre_id].get('gaps_version')}")
    results: dict[str, dict] = {}
    for result in training.course_results.find({}):
        results.setdefault(result["cadre_id"], {})[result["_id"]] = result
    facts = {}  # the survey's concluded reports and closed votes' results, per cadre
    for report in survey.citizen_reports.find({"status": "concluded"}):
        facts.setdefault(report["cadre_id"], {"reports": {}, "votes": {}})["reports"][report["_id"]] = \
            report["conclusion"]["substantiated"]
    for vote in survey.confidence_votes.find({"status": "closed"}):
        for outcome in vote["results"]:
            facts.setdefault(outcome["cadre_id"], {"reports": {}, "votes": {}})["votes"][vote["_id"]] = outcome["outcome"]
    compare("evaluation's scrutiny copy", facts, {doc["_id"]: {
        "reports": {rid: fact["substantiated"] for rid, fact in doc.get("reports", {}).items()},
        "votes": {vid: fact["outcome"] for vid, fact in doc.get("votes", {}).items()}}
        for doc in evaluation.scrutiny_records.find({})}, ("reports", "votes"))
    planned, assigned = {}, {}  # what training keeps in the cadres' plans, as the owner has it
    for plan in evaluation.succession_unit_plans.find({}):
        for entry_id, entry in plan["entries"].items():
            courses = (entry.get("courses") or []) if entry["status"] == "active" else []
            planned.setdefault(entry["cadre_id"], {"entries": {}})["entries"][entry_id] = [courses, entry["version"]]
    for flag in evaluation.risk_flags.find({}):
        for item in flag.get("interventions", []):
            if item.get("course_code"):
                assigned.setdefault(flag["cadre_id"], {"items": {}})["items"][item["id"]] = item["course_code"]
    compare("training's succession courses", planned, {doc["_id"]: {"entries": {
        entry_id: [entry.get("courses", []), entry["version"]] for entry_id, entry in doc["entries"].items()}}
        for doc in training.succession_courses.find({})}, ("entries",))
    compare("training's assigned courses", assigned, {doc["_id"]: {"items": {
        item_id: item["course_code"] for item_id, item in doc["items"].items()}}
        for doc in training.assigned_courses.find({})}, ("items",))
    cleared = {case["_id"] for case in survey.suspect_cases.find({"status": "cleared"})}
    compare("evaluation's satisfaction facts", {response["_id"]: {
        **response, "counted": not response["suspect"] or response["_id"] in cleared}
        for response in survey.responses.find({})}, by_id(evaluation.satisfaction_facts), FACT)
    compare("evaluation's copy of course results",
            {cadre_id: {"ids": sorted(rows)} for cadre_id, rows in results.items()},
            {doc["_id"]: {"ids": sorted(doc.get("records", {}))} for doc in evaluation.cadre_training.find({})},
            ("ids",))
    return found


@pytest.fixture(scope="module")
def platform():
    infra = Infra().start()
    first = Stack(infra)
    try:
        first.start()
        yield first
    finally:
        first.stop()
        infra.stop()


def consumers(stack: Stack, action: str) -> None:
    for service in WORKER_SERVICES:
        getattr(stack.process(f"{service}-consumers"), action)()


def published(mongo: MongoClient) -> bool:
    """Nothing left in the owners' outboxes: every change so far is on Kafka."""
    return all(mongo[f"c360_{s}"][c].count_documents({"outbox_pending": {"$gt": 0}}) == 0
               for s, c in (("evaluation", "units"), ("evaluation", "cadres"), ("evaluation", "positions"),
                            ("training", "course_results"), ("survey", "citizen_reports"),
                            ("survey", "confidence_votes"), ("evaluation", "succession_unit_plans"),
                            ("survey", "response_outbox"), ("survey", "suspect_cases")))


def answered(base: str, kiosk: str, cadre_id: str, levels: tuple[str, ...]) -> list[dict]:
    """Citizens' answers given one after another at a kiosk (from the fourth within a minute: suspect)."""
    taken = [requests.post(f"{base}/api/v1/kiosk/responses", json=answer(cadre_id, level),
                           headers=kiosk_headers(kiosk), timeout=30) for level in levels]
    assert all(res.status_code == 201 for res in taken), [res.text for res in taken]
    return [res.json() for res in taken]


def same_counts(session, base: str, cadre_id: str, period: str) -> bool:
    """The evaluation's satisfaction figures of a cadre are the survey's own."""
    fields = ("responses", "very_satisfied", "satisfied", "dissatisfied")
    own = satisfaction(session, base, cadre_id, period)
    copied = satisfaction(session, base, cadre_id, period, from_evaluation=True)
    return own["responses"] > 0 and all(own[f] == copied[f] for f in fields)


def test_a_restored_backup_has_every_read_copy_equal_to_its_owner_after_the_rebuild(platform, tmp_path):
    first, mongo = platform, MongoClient(platform.infra.mongo_uri("admin"))
    world = World(first)
    admin, api = world.admin, world.base
    unit, other = world.unit("Xã Yên Lạc"), world.unit("Phường Bình Minh", kind="ward", area="urban")
    position = world.position("Chuyên viên Tư pháp", required_course_categories=["digital_skills"])
    cadres = [world.cadre(unit["id"], name, position_id=position["id"])
              for name in ("Hà Thị Thu", "Lý Văn Sáng", "Đinh Thị Ngọc")]
    world.cadre(other["id"], "Vi Văn Khánh")
    school = first.session(world.user("training_school"), USER_PASSWORD)
    inspector = world.session_of(world.user("inspector"))
    plan, chief = plan_for(world, "2030-2035"), key_title(world, "police_chief", "Trưởng Công an xã")
    kiosk = world.kiosk(unit["id"], "Ki-ốt bộ phận một cửa")["token"]
    wait_until_kiosk_lists(first.url(), kiosk, [cadres[0]["id"]])
    answered(first.url(), kiosk, cadres[0]["id"], ("very_satisfied", "satisfied", "dissatisfied"))
    eventually(lambda: not differences(mongo), timeout=120, message="copies equal before the backup")
    filed = file_report(first.url(), cadres[0]["id"], happened_on="2026-11-20")
    assert filed.status_code == 201, filed.text
    vote = admin.post(f"{api}/confidence-votes", json={"unit_id": unit["id"], "year": 2026,
                                                        "cadre_ids": [cadres[1]["id"]], "ballots": 3}, timeout=60)
    assert vote.status_code == 201, vote.text

    # consumers stopped: changes published, not applied, when the backup is taken
    consumers(first, "stop")
    assert admin.patch(f"{api}/cadres/{cadres[0]['id']}", json={"full_name": "Hà Thị Thu Hằng"}).status_code == 200
    assert admin.patch(f"{api}/units/{other['id']}", json={"name": "Phường Bình Minh Mới"}).status_code == 200
    line = (f"{cadres[1]['code']},Lý Văn Sáng,CDS-CB,CDS-{uuid.uuid4().hex[:4]},"
            f"{(today() - timedelta(days=2)).strftime('%d/%m/%Y')},Đạt,24,")
    upload = school.post(f"{api}/training/uploads", files={"file": ("kq.csv", f"{HEADER}\n{line}\n".encode(),
                                                                     "text/csv")}, timeout=60)
    assert upload.status_code == 201, upload.text
    concluded = inspector.post(f"{api}/reports/{filed.json()['reference']}/conclusion",
                               json={"substantiated": True, "note": "Xác minh: đúng"}, timeout=30)
    assert concluded.status_code == 200, concluded.text
    assert admin.post(f"{api}/confidence-votes/{vote.json()['id']}/close", timeout=60).status_code == 200
    # stored by the survey, not yet counted by the evaluation: three counted, two held (one then cleared)
    later = world.kiosk(unit["id"], "Ki-ốt quầy 2")["token"]
    wait_until_kiosk_lists(first.url(), later, [cadres[0]["id"]])
    lagging = answered(first.url(), later, cadres[0]["id"], ("satisfied",) * 3 + ("very_satisfied", "dissatisfied"))
    assert [taken["status"] for taken in lagging] == ["counted"] * 3 + ["suspect"] * 2
    cleared = admin.post(f"{api}/responses/{lagging[3]['response_id']}/review",
                         json={"decision": "clear", "note": "Hai công dân khác nhau"}, timeout=30)
    assert cleared.status_code == 200, cleared.text
    entry = admin.post(f"{api}/succession/plans/{plan}/candidates", json={
        "unit_id": unit["id"], "position_id": chief, "cadre_id": cadres[2]["id"], "reason": "Có kinh nghiệm",
        "override_reason": "Nguồn tại chỗ", "courses": ["BD-LDCP"]}, timeout=60)
    assert entry.status_code == 201, entry.text
    eventually(lambda: published(mongo), timeout=60, message="the changes on Kafka")
    backups = tmp_path / "backups"
    databases = ",".join(f"c360_{s}" for s in ("evaluation", "survey", "training", "gateway"))
    store = {"C360_BACKUP_MONGO_URI": first.infra.mongo_uri(""), "C360_BACKUP_DATABASES": databases}
    backup = run(first, "gateway", "cadre_shared.backup", "dump", "--root", str(backups), **store)["backup"]

    # the platform goes on: the lag is applied, then one more change is published and never consumed
    consumers(first, "start")
    eventually(lambda: not differences(mongo), timeout=120, message="copies equal after the lag")
    consumers(first, "stop")
    assert admin.patch(f"{api}/cadres/{cadres[2]['id']}", json={"full_name": "Đinh Thị Ngọc Lan"}).status_code == 200
    eventually(lambda: published(mongo), timeout=60, message="the last change on Kafka")
    first.stop()  # the disk fails

    fresh = Infra()  # a new store; the same Kafka
    fresh.bootstrap = first.infra.bootstrap
    fresh.ferretdb.start()
    try:
        wait_port(fresh.mongo_port)
        second = Stack(fresh)
        second.base_env.update({name: first.base_env[name] for name in KEYS})
        restored = run(second, "gateway", "cadre_shared.backup", "restore", "--from", backup,
                       C360_BACKUP_MONGO_URI=fresh.mongo_uri(""))["restored"]
        assert set(restored) == set(databases.split(",")) and restored["c360_evaluation"] > 0
        again = command(second, "gateway", "cadre_shared.backup", "restore", "--from", backup,
                        C360_BACKUP_MONGO_URI=fresh.mongo_uri(""))
        assert again.returncode != 0 and "is not empty" in again.stderr, "no restore over data without --drop"
        restored_store = MongoClient(fresh.mongo_uri("admin"))
        stale = differences(restored_store)
        for lagging in ("Hà Thị Thu", "course results", "scrutiny", "succession courses", "satisfaction"):
            assert any(lagging in d for d in stale), (lagging, stale)
        # a backup of the evaluation taken after the survey's: a fact of an answer the survey never kept
        periods = restored_store["c360_survey"].responses.find_one({}, {"quarter": 1, "month": 1, "_id": 0})
        restored_store["c360_evaluation"].satisfaction_facts.insert_one({
            "_id": str(uuid.uuid4()), "cadre_id": cadres[0]["id"], "unit_id": unit["id"], "overall": "satisfied",
            "counted": True, "reviewed": False, **periods})

        for service in WORKER_SERVICES:  # workers not started yet
            prepared = run(second, service, "cadre_shared.restore", "prepare", service)
            assert prepared["groups"], prepared
        second.start()
        assert run(second, "training", "training.rebuild", "--republish")["republished"]["results"] == 1
        assert run(second, "survey", "survey.rebuild", "--republish")["republished"] == {
            "reports": 1, "votes": 1, "answers": 8, "reviews": 1}
        republished = run(second, "evaluation", "evaluation.rebuild", "--republish")["republished"]
        assert republished["cadres"] == 4 and republished["succession_entries"] == 1, republished
        eventually(lambda: not differences(restored_store), timeout=180, message="every copy equal to its owner")
        session = second.session()
        eventually(lambda: same_counts(session, second.url(), cadres[0]["id"], periods["quarter"]),
                   timeout=60, message="the evaluation counts the answers as the survey does")
        survey_copy = restored_store["c360_survey"].cadre_copies.find_one({"_id": cadres[2]["id"]})
        assert survey_copy["full_name"] == "Đinh Thị Ngọc", "the change the restore lost stays lost"
        second.stop()
    finally:
        fresh.stop()
