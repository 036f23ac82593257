"""POST /api/v1/kiosk/responses: 201 created, 200 identical replay, 409 same id with other
content or dossier already rated, 422 with field messages — and the event travels with it."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from cadre_shared.envelope import decode, encode

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def place(survey):
    unit = survey.add_unit("Xã Tân Lập")
    other_unit = survey.add_unit("Phường Quang Trung")
    return {"unit": unit, "other_unit": other_unit,
            "cadre": survey.add_cadre(unit, "Nguyễn Thị Hồng Nhung"),
            "stranger": survey.add_cadre(other_unit, "Đỗ Văn Khánh"),
            "left": survey.add_cadre(unit, "Vũ Thị Lan", status="left")}


def outbox_events(survey, response_id):
    doc = survey.db.response_outbox.find_one({"_id": response_id})
    return [decode(encode(e)) for e in (doc or {}).get("outbox", [])]


def test_created_with_its_event_and_without_the_dossier_code(survey, place):
    res, body = survey.answer(survey.tokens.kiosk(place["unit"], "k-created"), cadre_id=place["cadre"],
                              overall="very_satisfied", indicators={"attitude": 5, "time": 4},
                              comment="Cán bộ hướng dẫn tận tình", dossier_code="000.00.12.H12-261125-0001")
    assert res.status_code == 201, res.get_json()
    out = res.get_json()
    assert out["response_id"] == body["response_id"] and out["status"] == "counted"
    assert out["form_version"] == 1 and out["quarter"].endswith(("Q1", "Q2", "Q3", "Q4"))
    stored = survey.db.responses.find_one({"_id": body["response_id"]})
    assert stored["cadre_id"] == place["cadre"] and stored["kiosk_id"] == "k-created"
    assert "000.00.12.H12-261125-0001" not in str(stored)  # only a keyed hash of the dossier is kept
    [event] = outbox_events(survey, body["response_id"])  # valid against its contract (decode validates)
    assert event["type"] == "response.recorded" and event["key"] == place["cadre"]
    assert event["payload"]["counted"] is True and event["payload"]["overall"] == "very_satisfied"


def test_identical_replay_answers_200_and_changes_nothing(survey, place):
    headers = survey.tokens.kiosk(place["unit"])
    first, body = survey.answer(headers, cadre_id=place["cadre"], comment="Tốt")
    assert first.status_code == 201
    again = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert again.status_code == 200 and again.get_json() == first.get_json()
    # the same answer sent from another kiosk of the unit after a restart is still the same answer
    other = survey.client.post("/api/v1/kiosk/responses", json=body, headers=survey.tokens.kiosk(place["unit"]))
    assert other.status_code == 200
    assert survey.db.responses.count_documents({"_id": body["response_id"]}) == 1


def test_same_id_with_other_content_is_refused(survey, place):
    headers = survey.tokens.kiosk(place["unit"])
    first, body = survey.answer(headers, cadre_id=place["cadre"], overall="satisfied")
    assert first.status_code == 201
    res = survey.client.post("/api/v1/kiosk/responses", json={**body, "overall": "dissatisfied"}, headers=headers)
    assert res.status_code == 409
    assert res.get_json()["error"]["code"] == "response_conflict" and "response_id" in res.get_json()["error"]["fields"]
    assert survey.db.responses.find_one({"_id": body["response_id"]})["overall"] == "satisfied"
    # the event still waiting for the relay is the accepted answer's, not the refused one's
    [event] = outbox_events(survey, body["response_id"])
    assert event["payload"]["overall"] == "satisfied"


def test_a_dossier_is_rated_once(survey, place):
    headers = survey.tokens.kiosk(place["unit"])
    first, body = survey.answer(headers, cadre_id=place["cadre"], dossier_code="HS-2026-7788")
    assert first.status_code == 201
    res, second = survey.answer(headers, cadre_id=place["cadre"], dossier_code="  hs-2026-7788 ")
    assert res.status_code == 409 and res.get_json()["error"]["code"] == "dossier_already_rated"
    assert "dossier_code" in res.get_json()["error"]["fields"]
    assert survey.db.responses.count_documents({"_id": second["response_id"]}) == 0
    assert outbox_events(survey, second["response_id"]) == []  # its event, staged first, is gone too
    # the same dossier code in another unit is another dossier
    res, _ = survey.answer(survey.tokens.kiosk(place["other_unit"]), cadre_id=place["stranger"], dossier_code="HS-2026-7788")
    assert res.status_code == 201


@pytest.mark.parametrize("change,field", [
    ({"cadre_id": "no-such-cadre"}, "cadre_id"),
    ({"overall": "happy"}, "overall"),
    ({"overall": None}, "overall"),
    ({"indicators": {"attitude": 6}}, "indicators"),
    ({"indicators": {"attitude": 0}}, "indicators"),
    ({"indicators": {"attitude": "5"}}, "indicators"),
    ({"indicators": {"parking": 3}}, "indicators"),
    ({"response_id": "not-a-uuid"}, "response_id"),
    ({"dossier_code": ""}, "dossier_code"),
    ({"dossier_code": {"$gt": ""}}, "dossier_code"),
    ({"comment": "x" * 1001}, "comment"),
    ({"form_version": 99}, "form_version"),
    ({"answered_at": "hôm qua"}, "answered_at"),
    ({"citizen_phone": "0912345678"}, "citizen_phone"),
])
def test_invalid_answers_get_field_messages(survey, place, change, field):
    res, body = survey.answer(survey.tokens.kiosk(place["unit"]), **{"cadre_id": place["cadre"], **change})
    assert res.status_code == 422, res.get_json()
    assert field in res.get_json()["error"]["fields"], res.get_json()
    assert survey.db.responses.count_documents({"_id": str(body["response_id"])}) == 0


def test_officials_of_another_unit_or_gone_are_refused(survey, place):
    for cadre in (place["stranger"], place["left"]):
        res, _ = survey.answer(survey.tokens.kiosk(place["unit"]), cadre_id=cadre)
        assert res.status_code == 422
        message = res.get_json()["error"]["fields"]["cadre_id"][0]
        assert "Cán bộ" in message or "Không có" in message


def test_missing_fields_and_bad_json(survey, place):
    res = survey.client.post("/api/v1/kiosk/responses", json={}, headers=survey.tokens.kiosk(place["unit"]))
    assert res.status_code == 422
    assert {"response_id", "dossier_code", "cadre_id", "overall"} <= set(res.get_json()["error"]["fields"])
    res = survey.client.post("/api/v1/kiosk/responses", data="{not json", content_type="application/json",
                             headers=survey.tokens.kiosk(place["unit"]))
    assert res.status_code in (400, 422) and "error" in res.get_json()


def test_only_kiosks_may_submit(survey, place):
    body = {"response_id": str(uuid.uuid4()), "dossier_code": "HS-1", "cadre_id": place["cadre"],
            "overall": "satisfied"}
    assert survey.client.post("/api/v1/kiosk/responses", json=body).status_code == 401
    for role in ("province_admin", "unit_hr", "cadre"):
        res = survey.client.post("/api/v1/kiosk/responses", json=body,
                                 headers=survey.tokens.headers(role, unit_id=place["unit"]))
        assert res.status_code == 403


def test_replay_of_a_stored_answer_stays_200_after_the_official_moved(survey, place):
    unit = place["unit"]
    cadre = survey.add_cadre(unit, "Hoàng Minh Tuấn")
    headers = survey.tokens.kiosk(unit)
    first, body = survey.answer(headers, cadre_id=cadre)
    assert first.status_code == 201
    survey.move_cadre(cadre, place["other_unit"])
    again = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert again.status_code == 200
    new, _ = survey.answer(headers, cadre_id=cadre)
    assert new.status_code == 422


def test_an_answer_given_offline_counts_when_it_was_given(survey, place):
    two_days_ago = datetime.now(timezone.utc) - timedelta(days=2)
    res, _ = survey.answer(survey.tokens.kiosk(place["unit"]), cadre_id=place["cadre"],
                           answered_at=two_days_ago.isoformat())
    assert res.status_code == 201
    assert datetime.fromisoformat(res.get_json()["answered_at"]) == two_days_ago.replace(
        microsecond=two_days_ago.microsecond // 1000 * 1000)
    # a tablet whose clock says 2020 loses nothing: the answer counts when it arrived
    res, _ = survey.answer(survey.tokens.kiosk(place["unit"]), cadre_id=place["cadre"],
                           answered_at="2020-01-01T08:00:00+07:00")
    assert res.status_code == 201
    assert datetime.fromisoformat(res.get_json()["answered_at"]) > datetime.now(timezone.utc) - timedelta(minutes=5)


def test_personal_numbers_in_comments_are_masked(survey, place):
    res, body = survey.answer(survey.tokens.kiosk(place["unit"]), cadre_id=place["cadre"],
                              comment="Liên hệ tôi 0912 345 678, CCCD 001088012345")
    assert res.status_code == 201
    stored = survey.db.responses.find_one({"_id": body["response_id"]})["comment"]
    assert "0912" not in stored and "001088012345" not in stored and "[đã ẩn]" in stored


def test_a_store_failure_between_event_and_answer_loses_nothing_and_publishes_nothing_false(survey, place,
                                                                                           monkeypatch):
    """The event is written before the answer: if the answer's insert fails (store gone, process
    killed), the relay holds the event back — and publishes it once a re-send stores the answer."""
    from pymongo.errors import AutoReconnect

    from survey.handlers import answer_batch
    from survey.models import Response, ResponseOutbox

    headers = survey.tokens.kiosk(place["unit"])
    body = {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}",
            "cadre_id": place["cadre"], "overall": "dissatisfied"}

    def store_gone(self, *args, **kwargs):
        raise AutoReconnect("connection closed")

    with monkeypatch.context() as patched:  # the answer's insert fails, in a batch or alone
        patched.setattr(Response, "save", store_gone)
        patched.setattr(answer_batch, "insert_answers", store_gone)
        failed = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert failed.status_code == 503, failed.get_json()
    carrier = survey.db.response_outbox.find_one({"_id": body["response_id"]})
    assert carrier is not None and survey.db.responses.count_documents({"_id": body["response_id"]}) == 0
    assert ResponseOutbox.publish_verdict(carrier) == "wait"

    again = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert again.status_code == 201, again.get_json()
    carrier = survey.db.response_outbox.find_one({"_id": body["response_id"]})
    assert ResponseOutbox.publish_verdict(carrier) == "publish"


def test_an_event_whose_answer_never_came_is_dropped_by_the_relay_unpublished(survey, place):
    from cadre_shared.relay import OutboxRelay
    from survey.models import ResponseOutbox

    old = datetime.now(timezone.utc) - ResponseOutbox.ORPHAN_AFTER - timedelta(seconds=1)
    orphan_id, young_id = str(uuid.uuid4()), str(uuid.uuid4())
    for doc_id, staged_at in ((orphan_id, old), (young_id, datetime.now(timezone.utc))):
        survey.db.response_outbox.insert_one({"_id": doc_id, "content_hash": "h", "staged_at": staged_at,
                                              "outbox": [{"event_id": doc_id}], "outbox_pending": 1})
    assert ResponseOutbox.publish_verdict(survey.db.response_outbox.find_one({"_id": orphan_id})) == "drop"

    def no_kafka():
        raise AssertionError("nothing here may be published")

    OutboxRelay([ResponseOutbox], no_kafka)._publishable(
        ResponseOutbox, survey.db.response_outbox, list(survey.db.response_outbox.find({"_id": {"$in": [orphan_id,
                                                                                                     young_id]}})))
    assert survey.db.response_outbox.find_one({"_id": orphan_id}) is None  # dropped
    assert survey.db.response_outbox.find_one({"_id": young_id}) is not None  # may still be under way
    # an orphan refreshed by a re-send after the relay read it is not dropped
    survey.db.response_outbox.insert_one({"_id": orphan_id, "content_hash": "h", "staged_at": old,
                                          "outbox": [{"event_id": orphan_id}], "outbox_pending": 1})
    read = survey.db.response_outbox.find_one({"_id": orphan_id})
    survey.db.response_outbox.update_one({"_id": orphan_id}, {"$set": {"staged_at": datetime.now(timezone.utc)}})
    OutboxRelay([ResponseOutbox], no_kafka)._publishable(ResponseOutbox, survey.db.response_outbox, [read])
    assert survey.db.response_outbox.find_one({"_id": orphan_id}) is not None
    survey.db.response_outbox.delete_many({"_id": {"$in": [orphan_id, young_id]}})


def test_answers_arriving_together_are_stored_together_each_with_its_own_outcome(survey, place):
    """The group commit of one worker: fresh answers, a second answer for a dossier of the same
    batch and a re-send of one of them, from threads at once — each gets what it would alone."""
    from concurrent.futures import ThreadPoolExecutor

    from survey.handlers import answer_batch

    headers = survey.tokens.kiosk(place["unit"])
    fresh = [{"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}",
              "cadre_id": place["cadre"], "overall": "satisfied"} for _ in range(6)]
    second = {**fresh[0], "response_id": str(uuid.uuid4()), "overall": "dissatisfied"}
    bodies = fresh + [second]
    batches = []
    real_commit = answer_batch._commit

    def counting(batch):
        batches.append(len(batch))
        return real_commit(batch)

    def post(body):
        with survey.service.app.test_client() as client:
            return client.post("/api/v1/kiosk/responses", json=body, headers=headers).status_code

    answer_batch._commit = counting
    try:
        with ThreadPoolExecutor(len(bodies)) as pool:
            statuses = list(pool.map(post, bodies))
    finally:
        answer_batch._commit = real_commit
    assert sum(batches) == len(bodies)
    assert sorted(statuses[1:6]) == [201] * 5
    assert sorted([statuses[0], statuses[6]]) == [201, 409]  # one answer per dossier, whichever came first
    for body, status in zip(bodies, statuses):
        stored = survey.db.responses.count_documents({"_id": body["response_id"]})
        carrier = survey.db.response_outbox.find_one({"_id": body["response_id"]})
        assert stored == (status == 201)
        assert (carrier is not None) == (status == 201), "a refused answer's event is removed at once"
    assert post(fresh[3]) == 200  # a re-send of a stored answer is a replay


def test_the_demo_seeding_door_is_not_there_unless_the_process_is_started_with_it(survey, place):
    body = {"kiosk_id": "k-1", "unit_id": place["unit"], "answers": [{
        "response_id": str(uuid.uuid4()), "dossier_code": "HS-PAST-1", "cadre_id": place["cadre"],
        "overall": "satisfied", "answered_at": "2025-02-14T09:00:00+07:00"}]}
    res = survey.client.post("/internal/v1/seeding/responses", json=body, headers=survey.tokens.headers("province_admin"))
    assert res.status_code == 404 and res.get_json()["error"]["code"] == "not_found"
