"""Confidence votes and citizens' reports in the survey service, on the real store: what is
stored (never a code beside an answer, a contact only sealed), who reads what, and the events and
notifications staged with each change."""
from __future__ import annotations

import json

import pytest

from support.in_process import in_process
from support.registry_feed import RegistryFeed
from survey import create_app
from survey.consumers import CONSUMERS

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def service(infra, tmp_path_factory):
    keys = tmp_path_factory.mktemp("survey-secrets")
    (keys / "contact").write_text("contact-secret-" + "9" * 40)
    (keys / "ballot").write_text("ballot-secret-" + "7" * 40)
    with in_process(create_app, infra, tmp_path_factory.mktemp("keys"), "survey_civic",
                    SURVEY_CONTACT_KEY_FILE=str(keys / "contact"), SURVEY_BALLOT_KEY_FILE=str(keys / "ballot")) as s:
        yield s


@pytest.fixture(scope="module")
def unit(service):
    feed = RegistryFeed(CONSUMERS)
    unit_id = feed.unit("Xã Yên Thế")
    return {"id": unit_id, "other": feed.unit("Phường Hòa Bình"),
            "officials": [feed.cadre(unit_id, name) for name in ("Hoàng Văn Sơn", "Lê Thị Mai", "Trần Quốc Huy")]}


def _vote(service, unit, ballots=10):
    admin = service.caller("province_admin")
    res = admin.post("/api/v1/confidence-votes", json={"unit_id": unit["id"], "year": 2026,
                                                       "cadre_ids": unit["officials"][:2], "ballots": ballots})
    assert res.status_code == 201, res.get_data(as_text=True)
    return res.get_json()


def _ballot(service, vote, code, first="low", second="high"):
    a, b = (o["cadre_id"] for o in vote["officials"])
    return service.client.post(f"/api/v1/confidence-votes/{vote['id']}/ballots",
                               json={"code": code, "answers": {a: first, b: second}})


def test_a_vote_counts_each_code_once_and_stores_no_code_beside_an_answer(service, unit):
    vote = _vote(service, unit)
    assert len(vote["codes"]) == 10 and vote["status"] == "open"
    form = service.client.post("/api/v1/confidence-votes/ballot-form", json={"code": vote["codes"][0].lower()})
    assert form.status_code == 200 and [o["full_name"] for o in form.get_json()["officials"]] == [
        "Hoàng Văn Sơn", "Lê Thị Mai"]
    for i, code in enumerate(vote["codes"]):
        assert _ballot(service, vote, code, "low" if i < 7 else "medium").status_code == 201
    again = _ballot(service, vote, vote["codes"][3])
    assert again.status_code == 409 and again.get_json()["error"]["fields"]["code"]
    unknown = _ballot(service, vote, vote["codes"][0][:-1] + ("Z" if vote["codes"][0][-1] != "Z" else "Y"))
    assert unknown.status_code == 422

    stored = json.dumps([*service.db.confidence_votes.find(), *service.db.used_ballot_codes.find(),
                         *service.db.confidence_vote_refs.find()], default=str)
    for code in vote["codes"]:
        assert code not in stored and code.replace("-", "") not in stored
    used = list(service.db.used_ballot_codes.find())
    assert len(used) >= 10 and all(set(doc) == {"_id"} for doc in used)
    doc = service.db.confidence_votes.find_one({"_id": vote["id"]})
    assert doc["cast"] == 10 and "answers" not in json.dumps(doc, default=str)

    closed = service.caller("province_admin").post(f"/api/v1/confidence-votes/{vote['id']}/close")
    assert closed.status_code == 200, closed.get_data(as_text=True)
    results = {r["cadre_id"]: r for r in closed.get_json()["results"]}
    first, second = unit["officials"][:2]
    assert results[first] == {"cadre_id": first, "ballots": 10, "high": 0, "medium": 3, "low": 7,
                              "low_share": 0.7, "outcome": "replace"}
    assert results[second]["outcome"] == "none" and results[second]["high"] == 10
    events = service.outbox("confidence_votes", vote["id"])
    assert sorted(e["type"] for e in events) == ["confidence.result", "confidence.result", "notification.requested"]
    (note,) = [e for e in events if e["type"] == "notification.requested"]
    assert note["payload"]["kind"] == "confidence_outcome" and note["payload"]["recipients"] == {
        "roles": ["province_admin"]} and note["payload"]["params"]["outcome"] == "replace"
    late = _ballot(service, vote, vote["codes"][0])
    assert late.status_code == 409


def test_six_of_ten_low_is_to_be_considered(service, unit):
    vote = _vote(service, unit)
    for i, code in enumerate(vote["codes"]):
        assert _ballot(service, vote, code, "low" if i < 6 else "high").status_code == 201
    closed = service.caller("province_admin").post(f"/api/v1/confidence-votes/{vote['id']}/close").get_json()
    assert closed["results"][0]["outcome"] == "consider"


def test_a_vote_is_only_for_its_units_officials_and_its_codes_only_for_the_organiser(service, unit):
    admin = service.caller("province_admin")
    res = admin.post("/api/v1/confidence-votes", json={"unit_id": unit["other"], "year": 2026,
                                                       "cadre_ids": unit["officials"][:1], "ballots": 5})
    assert res.status_code == 422 and "cadre_ids.0" in res.get_json()["error"]["fields"]
    vote = _vote(service, unit, ballots=3)
    again = admin.get(f"/api/v1/confidence-votes/{vote['id']}/codes").get_json()
    assert again["codes"] == vote["codes"]
    hr_other = service.caller("unit_hr", unit_id=unit["other"])
    assert hr_other.get(f"/api/v1/confidence-votes/{vote['id']}").status_code == 404
    assert service.caller("unit_hr", unit_id=unit["id"]).get(
        f"/api/v1/confidence-votes/{vote['id']}/codes").status_code == 403


def test_a_report_seals_the_contact_and_shows_it_to_the_inspection_only(service, unit):
    official = unit["officials"][2]
    filed = service.client.post("/api/v1/reports", json={
        "cadre_id": official, "what": "Cán bộ gợi ý nộp thêm tiền ngoài quy định để làm nhanh hồ sơ.",
        "happened_on": "2026-11-20", "where": "Bộ phận một cửa", "contact": "0912 345 678 — Chị Lan"})
    assert filed.status_code == 201, filed.get_data(as_text=True)
    reference = filed.get_json()["reference"]
    stored = service.db.citizen_reports.find_one({"_id": reference})
    assert "0912" not in json.dumps(stored, default=str) and stored["contact_sealed"]
    (note,) = [e for e in stored["outbox"] if e["type"] == "notification.requested"]
    assert note["payload"]["kind"] == "report_received" and note["payload"]["recipients"] == {"roles": ["inspector"]}

    inspector = service.caller("inspector").get(f"/api/v1/reports/{reference}").get_json()
    assert inspector["contact"] == "0912 345 678 — Chị Lan" and inspector["cadre_name"] == "Trần Quốc Huy"
    admin = service.caller("province_admin").get(f"/api/v1/reports/{reference}").get_json()
    assert "contact" not in admin and admin["what"].startswith("Cán bộ gợi ý")
    listed = service.caller("province_admin").get("/api/v1/reports").get_json()
    assert all("contact" not in r for r in listed)
    for role, claims in (("unit_hr", {"unit_id": unit["id"]}), ("cadre", {"cadre_id": official}),
                         ("auditor", {})):
        assert service.caller(role, **claims).get(f"/api/v1/reports/{reference}").status_code == 403
        assert service.caller(role, **claims).get("/api/v1/reports").status_code == 403

    status = service.client.get(f"/api/v1/reports/status/{reference.lower()}").get_json()
    assert status["status"] == "received" and status["substantiated"] is None
    assert service.caller("province_admin").post(f"/api/v1/reports/{reference}/conclusion", json={
        "substantiated": True, "note": "x"}).status_code == 403
    concluded = service.caller("inspector").post(f"/api/v1/reports/{reference}/conclusion", json={
        "substantiated": True, "note": "Xác minh: có yêu cầu nộp thêm 200.000 đồng."})
    assert concluded.status_code == 200 and concluded.get_json()["status"] == "concluded"
    assert service.caller("inspector").post(f"/api/v1/reports/{reference}/conclusion", json={
        "substantiated": False, "note": "again"}).status_code == 409
    (event,) = [e for e in service.outbox("citizen_reports", reference) if e["type"] == "report.concluded"]
    assert event["key"] == official and event["payload"]["substantiated"] is True
    assert set(event["payload"]) == {"report_id", "cadre_id", "unit_id", "substantiated", "happened_on",
                                     "received_on", "concluded_on"}
    assert service.client.get(f"/api/v1/reports/status/{reference}").get_json()["substantiated"] is True


def test_the_public_picks_the_official_by_unit_and_name(service, unit):
    units = service.client.get("/api/v1/reports/units").get_json()
    assert {"unit_id": unit["id"], "name": "Xã Yên Thế"} in units
    officials = service.client.get(f"/api/v1/reports/officials?unit_id={unit['id']}").get_json()
    assert [o["full_name"] for o in officials] == ["Hoàng Văn Sơn", "Lê Thị Mai", "Trần Quốc Huy"]
    bad = service.client.post("/api/v1/reports", json={"cadre_id": "nobody", "what": "Thái độ không đúng mực."})
    assert bad.status_code == 422 and "cadre_id" in bad.get_json()["error"]["fields"]
