"""No answer is lost between the kiosk and the store (issue 17): a queued answer for an official
who moved since counts for the unit of the time it was given; an insert conflict whose stored
answer cannot be read yet asks the kiosk to send again instead of telling it to drop the answer;
a carrier left under the same id by another content never replaces the stored answer's event."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from mongoengine.errors import NotUniqueError

from cadre_shared.contracts import contract_for
from cadre_shared.envelope import make_event
from survey.consumers.cadre_copies import keep_cadre_copy
from survey.handlers import answer_batch
from survey.models import Response, ResponseOutbox

pytestmark = pytest.mark.integration


def announce(cadre_id: str, unit_id: str, version: int, at: datetime, status: str = "active") -> dict:
    """A cadre event of the registry as it arrives from Kafka, recorded at ``at``."""
    payload = {**contract_for("cadre.registered", 1).examples[0], "cadre_id": cadre_id, "unit_id": unit_id,
               "version": version, "status": status}
    event = make_event("cadre.registered" if version == 1 else "cadre.updated", 1, cadre_id, payload, "evaluation")
    event["occurred_at"] = at.isoformat()
    return event


@pytest.fixture(scope="module")
def units(survey):
    return survey.add_unit("Xã Tân Lập"), survey.add_unit("Phường Quang Trung")


def test_a_queued_answer_counts_for_the_unit_the_official_served_when_it_was_given(survey, units):
    old_unit, new_unit = units
    cadre = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    keep_cadre_copy(announce(cadre, old_unit, 1, now - timedelta(days=3)))
    keep_cadre_copy(announce(cadre, new_unit, 2, now - timedelta(hours=1)))
    keep_cadre_copy(announce(cadre, new_unit, 2, now - timedelta(hours=1)))  # redelivered: nothing more
    assert len(survey.db.cadre_copies.find_one({"_id": cadre})["posts"]) == 2

    queued, body = survey.answer(survey.tokens.kiosk(old_unit), cadre_id=cadre,
                                 answered_at=(now - timedelta(hours=2)).isoformat())
    assert queued.status_code == 201, queued.get_json()
    stored = survey.db.responses.find_one({"_id": body["response_id"]})
    assert (stored["unit_id"], stored["cadre_id"]) == (old_unit, cadre)
    # given after the move, at the old unit's kiosk: the official was no longer there
    late, _ = survey.answer(survey.tokens.kiosk(old_unit), cadre_id=cadre, answered_at=now.isoformat())
    assert late.status_code == 422
    # and the new unit's kiosk cannot rate them for the time before they came
    before, _ = survey.answer(survey.tokens.kiosk(new_unit), cadre_id=cadre,
                              answered_at=(now - timedelta(hours=2)).isoformat())
    assert before.status_code == 422
    current, _ = survey.answer(survey.tokens.kiosk(new_unit), cadre_id=cadre)
    assert current.status_code == 201


def test_an_answer_given_before_the_official_left_still_counts(survey, units):
    unit, _ = units
    cadre = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    keep_cadre_copy(announce(cadre, unit, 1, now - timedelta(days=1)))
    keep_cadre_copy(announce(cadre, unit, 2, now - timedelta(minutes=10), status="left"))
    res, _ = survey.answer(survey.tokens.kiosk(unit), cadre_id=cadre, answered_at=(now - timedelta(minutes=30)).isoformat())
    assert res.status_code == 201, res.get_json()
    res, _ = survey.answer(survey.tokens.kiosk(unit), cadre_id=cadre)
    assert res.status_code == 422


def test_a_conflict_whose_stored_answer_is_not_readable_yet_asks_to_send_again(survey, units, monkeypatch):
    unit, _ = units
    cadre = survey.add_cadre(unit, "Trần Thu Hà")
    headers = survey.tokens.kiosk(unit)
    body = {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}", "cadre_id": cadre,
            "overall": "very_satisfied"}

    def held_by_a_write_not_yet_visible(self, *args, **kwargs):
        raise NotUniqueError("E11000 duplicate key error")

    with monkeypatch.context() as patched:  # refused by a unique index, in a batch or alone
        patched.setattr(Response, "save", held_by_a_write_not_yet_visible)
        patched.setattr(answer_batch, "insert_answers", lambda docs: set(range(len(docs))))
        pending = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert pending.status_code == 503, pending.get_json()
    assert pending.headers["Retry-After"] == "1"
    assert pending.get_json()["error"]["code"] == "answer_not_readable_yet"
    carrier = survey.db.response_outbox.find_one({"_id": body["response_id"]})
    assert carrier is not None, "the event is kept for the answer the kiosk will send again"
    again = survey.client.post("/api/v1/kiosk/responses", json=body, headers=headers)
    assert again.status_code == 201
    assert ResponseOutbox.publish_verdict(survey.db.response_outbox.find_one({"_id": body["response_id"]})) \
        == "publish"


def test_a_carrier_of_other_content_under_the_same_id_does_not_drop_the_stored_answers_event(survey, units):
    unit, _ = units
    cadre = survey.add_cadre(unit, "Lê Văn Nam")
    response_id = str(uuid.uuid4())
    # left by a request with the same id and other content, refused or crashed before it was removed
    survey.db.response_outbox.insert_one({"_id": response_id, "content_hash": "other-content",
                                          "staged_at": datetime.now(timezone.utc),
                                          "outbox": [{"event_id": str(uuid.uuid4())}], "outbox_pending": 1})
    res, _ = survey.answer(survey.tokens.kiosk(unit), cadre_id=cadre, response_id=response_id, overall="dissatisfied")
    assert res.status_code == 201, res.get_json()
    carrier = survey.db.response_outbox.find_one({"_id": response_id})
    stored = survey.db.responses.find_one({"_id": response_id})
    assert carrier["content_hash"] == stored["content_hash"]
    assert ResponseOutbox.publish_verdict(carrier) == "publish"
    [event] = carrier["outbox"]
    assert event["payload"]["response_id"] == response_id and event["payload"]["overall"] == "dissatisfied"
