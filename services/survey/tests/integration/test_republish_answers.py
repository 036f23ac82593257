"""The citizens' answers published again after a restore (``python -m survey.rebuild --republish``):
every stored answer's ``response.recorded`` once, in batches of which only a few wait for the relay
at a time, and every decision on a suspect answer's ``response.reviewed``; the relay is played here
by the wait between batches, which takes the waiting batches as Kafka would."""
from __future__ import annotations

import pytest

from survey.handlers import republish_answers as module
from survey.models import RepublishedAnswers, SuspectCase

pytestmark = pytest.mark.integration


def test_each_answer_and_each_decision_is_staged_again_in_batches_few_waiting_at_a_time(survey, monkeypatch):
    unit = survey.add_unit("Xã Tân Lập")
    cadre = survey.add_cadre(unit, "Hoàng Thị Lan")
    kiosk = survey.tokens.kiosk(unit, "k-republish")
    stored = [survey.answer(kiosk, cadre_id=cadre, overall=level)[0].get_json()
              for level in ("very_satisfied", "satisfied", "dissatisfied", "satisfied", "satisfied", "dissatisfied")]
    assert [answer["status"] for answer in stored] == ["counted"] * 3 + ["suspect"] * 3
    hr = survey.tokens.headers("unit_hr", unit_id=unit)
    for held, decision in zip(stored[3:5], ("clear", "reject")):
        assert survey.client.post(f"/api/v1/responses/{held['response_id']}/review",
                                  json={"decision": decision, "note": "Đã kiểm tra"}, headers=hr).status_code == 200
    SuspectCase._get_collection().update_many({}, {"$set": {"outbox": [], "outbox_pending": 0}})  # published

    monkeypatch.setattr(module, "PER_BATCH", 2)
    monkeypatch.setattr(module, "AHEAD", 2)
    relayed, waiting_seen = [], []

    def relay(_seconds):
        carriers = list(RepublishedAnswers._get_collection().find({}))
        waiting_seen.append(len(carriers))
        for carrier in carriers:
            assert len(carrier["outbox"]) == carrier["outbox_pending"] <= 2
            relayed.extend(carrier["outbox"])
            RepublishedAnswers._get_collection().delete_one({"_id": carrier["_id"]})

    lines = []
    counts = module.republish_answers(lines.append, wait=relay)
    relay(0)  # the last batches
    assert counts == {"answers": 6, "reviews": 2} and lines[-1] == "answers staged again: 6, all of them"
    assert waiting_seen and max(waiting_seen) == 2, "at most AHEAD batches wait for the relay"
    recorded = {e["payload"]["response_id"]: e for e in relayed if e["type"] == "response.recorded"}
    assert len(recorded) == len(relayed) == 6, "each answer once"
    assert {rid: e["payload"]["counted"] for rid, e in recorded.items()} == {
        a["response_id"]: a["status"] == "counted" for a in stored}
    assert all(e["payload"]["cadre_id"] == cadre and e["key"] == cadre for e in recorded.values())
    reviews = {case["_id"]: case["outbox"] for case in SuspectCase._get_collection().find({"outbox_pending": 1})}
    assert {rid: [e["payload"]["counted"] for e in events] for rid, events in reviews.items()} == {
        stored[3]["response_id"]: [True], stored[4]["response_id"]: [False]}, "the pending case has no decision"
