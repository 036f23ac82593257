"""Citizens' satisfaction with a cadre per period, counted from the read copy of the survey
service's events (``survey.responses.v1``): keeping that copy, the figures of many cadres for
the 360 citizen group, and one cadre's figures as HR and the cadre see them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict

from pymongo.errors import BulkWriteError

from cadre_shared.auth import Principal
from cadre_shared.consumer import insert_once
from cadre_shared.periods import parse_period_code
from cadre_shared.satisfaction import LEVELS, SatisfactionIndex, satisfaction_index

from ...registry import queries as registry
from ..models.satisfaction import SatisfactionFact, satisfaction_facts_kept

DUPLICATE_KEY = 11000
DESCRIPTIVE = ("cadre_id", "unit_id", "quarter", "month", "overall")
NO_CADRE = "Không tìm thấy cán bộ / Cadre not found"


def apply_response_event(event: dict) -> None:
    """One fact per response: recorded once, reviewed by id (a review may arrive first)."""
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
        periods = (payload["quarter"], payload["month"])
    elif event["type"] == "response.reviewed":
        facts.update_one({"_id": response_id}, {"$set": {"counted": payload["counted"], "reviewed": True,
                                                         "cadre_id": payload["cadre_id"]}}, upsert=True)
        fact = facts.find_one({"_id": response_id}, {"quarter": 1, "month": 1}) or {}
        periods = (fact.get("quarter"), fact.get("month"))  # none yet (reviewed first): every period moves
    else:
        periods = ()
    satisfaction_facts_kept.moved_soon(SatisfactionFact._get_db(), periods)


def apply_recorded_events(events: list[dict]) -> None:
    """Many ``response.recorded`` events in one unordered insert; those already known are
    completed one by one, as ``apply_response_event`` does (a repeat, or a review first)."""
    facts = SatisfactionFact._get_collection()
    docs = {}
    for event in events:
        payload = event["payload"]
        docs[str(payload["response_id"])] = {"_id": str(payload["response_id"]), "counted": payload["counted"],
                                             "reviewed": False, **{f: payload[f] for f in DESCRIPTIVE}}
    rows = list(docs.values())
    try:
        facts.insert_many(rows, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(error.get("code") != DUPLICATE_KEY for error in errors):
            raise
        for error in errors:
            known = rows[error["index"]]
            facts.update_one({"_id": known["_id"]}, {"$set": {f: known[f] for f in DESCRIPTIVE}})
    finally:
        satisfaction_facts_kept.moved_soon(SatisfactionFact._get_db(), {code for row in rows
                                                                   for code in (row["quarter"], row["month"])})


def _counts(match: dict) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = SatisfactionFact._get_collection().aggregate([
        {"$match": match}, {"$group": {"_id": {"cadre": "$cadre_id", "overall": "$overall"}, "n": {"$sum": 1}}}])
    for row in rows:
        if row["_id"]["overall"] in LEVELS:
            counts[row["_id"]["cadre"]][row["_id"]["overall"]] = row["n"]
    return counts


def citizen_figures(cadre_ids: list[str], code: str) -> dict[str, SatisfactionIndex]:
    """Satisfaction figures per cadre in the period, from the counted responses."""
    counts = _counts({"cadre_id": {"$in": cadre_ids}, parse_period_code(code).kind: code, "counted": True})
    return {cadre_id: satisfaction_index(counts.get(cadre_id, {})) for cadre_id in cadre_ids}


def period_citizen_figures(code: str) -> dict[str, SatisfactionIndex]:
    """Every cadre's figures in the period, counted in one pass over the responses (closing)."""
    counts = _counts({parse_period_code(code).kind: code, "counted": True})
    return {cadre_id: satisfaction_index(per_level) for cadre_id, per_level in counts.items()}


def cadre_satisfaction(principal: Principal, cadre_id: str, code: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id, NO_CADRE)
    return {"cadre_id": cadre.id, "period": code, **asdict(citizen_figures([cadre.id], code)[cadre.id])}
