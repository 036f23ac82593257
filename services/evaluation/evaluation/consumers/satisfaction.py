"""Consumer of ``survey.responses.v1``: keeps one satisfaction fact per response."""
from __future__ import annotations

from cadre_shared.consumer import ConsumerSpec, insert_once

from ..models.satisfaction import SatisfactionFact

TOPIC = "survey.responses.v1"
DESCRIPTIVE = ("cadre_id", "unit_id", "quarter", "month", "overall")


def apply_response_event(event: dict) -> None:
    facts = SatisfactionFact._get_collection()
    payload = event["payload"]
    response_id = str(payload["response_id"])
    if event["type"] == "response.recorded":
        described = {field: payload[field] for field in DESCRIPTIVE}
        if not insert_once(facts, {"_id": response_id, **described, "counted": payload["counted"],
                                   "reviewed": False}):
            # already known — from an earlier copy of this event, or from a review that arrived
            # first: complete the description but never undo a person's decision
            facts.update_one({"_id": response_id}, {"$set": described})
    elif event["type"] == "response.reviewed":
        facts.update_one({"_id": response_id}, {"$set": {"counted": payload["counted"], "reviewed": True,
                                                         "cadre_id": payload["cadre_id"]}}, upsert=True)


# A recorded response is one fact keyed by its response id, inserted once and otherwise only
# completed with the same description: a repeat cannot change it, so it needs no ledger. A
# review sets a decision; an old one arriving again after a newer one would undo it, so
# reviews keep the ledger.
SATISFACTION = ConsumerSpec("satisfaction", [TOPIC], apply_response_event,
                            event_types={"response.recorded", "response.reviewed"},
                            ledger_free_types=frozenset({"response.recorded"}))
