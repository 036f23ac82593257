"""Running the early warning over cadres: rules and (when trained) the model, raising a flag
where the light is amber or red and updating a cadre's flag when its assessment changed. Each
change carries its ``risk_flag.*`` event in the same single-document write."""
from __future__ import annotations

import numpy as np
from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.clock import today
from cadre_shared.notify import notification

from ...common.events import PRODUCER, event, update_where
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.model import LIGHT_RANK, Assessment, assessment_of, score_batch
from ..models import RiskFlag
from . import assessments, unit_flags
from .history import cadres_in, histories
from .model_training import current_model


def flag_payload(flag: dict) -> dict:
    return {"flag_id": flag["_id"], "cadre_id": flag["cadre_id"], "unit_id": flag["unit_id"],
            "status": flag["status"], "period": flag.get("period"), "light": flag["light"],
            "probability": flag.get("probability"), "triggers": [t["code"] for t in flag.get("triggers", [])],
            "factors": [f["feature"] for f in flag.get("factors", [])], "model_version": flag.get("model_version"),
            "interventions": len(flag.get("interventions", [])), "version": flag["version"]}


def flag_event(event_type: str, flag: dict) -> dict:
    return event(event_type, flag["cadre_id"], flag_payload(flag))


def stored(flag: RiskFlag) -> dict:
    data = flag.to_mongo().to_dict()
    data.pop("outbox", None)
    return data


def _assessed_fields(assessment: Assessment, unit_id: str, model_version: int | None) -> dict:
    return {"unit_id": unit_id, "period": assessment.period, "light": assessment.light,
            "probability": assessment.probability, "factors": assessment.factors,
            "triggers": assessment.triggers, "model_version": model_version}


def _notice(flag: dict, cadre: registry.CadreFacts, unit_name: str) -> dict:
    """Tell the unit's HR and province HR that a cadre's light came up (raised, or risen to red)."""
    return notification(PRODUCER, "risk_flag_raised", about=cadre.id, link=f"/risk/flags/{flag['_id']}",
                        unit_roles=[(flag["unit_id"], "unit_hr")], roles=["province_admin"],
                        params={"cadre_name": cadre.full_name, "unit_name": unit_name, "light": flag["light"]},
                        dedupe_key=f"risk_flag_raised|{flag['_id']}|{flag['version']}")


def _raise(cadre: registry.CadreFacts, fields: dict, unit_name: str) -> str:
    flag = RiskFlag(cadre_id=cadre.id, open_key=cadre.id, **fields)
    state = stored(flag)
    flag.stage_event(flag_event("risk_flag.raised", state))
    flag.stage_event(_notice(state, cadre, unit_name))
    try:
        flag.save(force_insert=True)
    except NotUniqueError:   # raised meanwhile, or open under the cadre's former unit
        known = RiskFlag.objects(open_key=cadre.id).exclude("outbox").first()  # rare: scans the flags
        return _update(known, cadre, fields, unit_name) if known else "unchanged"
    unit_flags.note(state)
    return "raised"


def _update(flag: RiskFlag, cadre: registry.CadreFacts, fields: dict, unit_name: str) -> str:
    if all(getattr(flag, k) == v for k, v in fields.items()):
        return "unchanged"
    changed = {**stored(flag), **fields, "version": flag.version + 1}
    events = [flag_event("risk_flag.updated", changed)]
    if LIGHT_RANK[fields["light"]] > LIGHT_RANK[flag.light]:
        events.append(_notice(changed, cadre, unit_name))
    if not update_where(RiskFlag, {"_id": flag.id, "version": flag.version},
                        {"$set": {**fields, "version": flag.version + 1, "updated_at": utcnow()}}, events):
        return "unchanged"   # changed meanwhile by HR; the next assessment sees it
    if flag.unit_id != fields["unit_id"]:
        unit_flags.moved(flag.cadre_id, flag.unit_id)
    unit_flags.note(changed)
    return "updated"


def settle_flag(cadre: registry.CadreFacts, assessment: Assessment, model_version: int | None,
                known: tuple[dict, dict], unit_name: str) -> str | None:
    """The cadre's flag after this assessment: their open flag updated (when the assessment changed
    it), a flag raised (amber or red, unless HR closed one for this same period), or nothing (None).
    ``known`` is the unit's flag rows and closed periods (``unit_flags.of_unit``)."""
    fields = _assessed_fields(assessment, cadre.unit_id, model_version)
    rows, closed = known
    row = rows.get(cadre.id)
    if row and row.get("assessed") == unit_flags.assessed(fields):
        return "unchanged"   # the open flag already says this (rows hold flags not closed)
    flag = RiskFlag.objects(id=row["flag_id"]).exclude("outbox").first() if row else None
    if flag is not None and flag.status != "closed":
        return _update(flag, cadre, fields, unit_name)
    if assessment.flagged and closed.get(cadre.id, "") != assessment.period:
        return _raise(cadre, fields, unit_name)
    return None


def assess(principal: Principal, unit_id: str | None) -> dict:
    return assess_scope(registry.unit_scope(principal, unit_id))


def assess_scope(unit_id: str | None) -> dict:
    """Every active cadre of the unit (None: the province): the API's assess, the daily job and the
    pass after a period closed. Flags are found through their units' documents, by ``_id``."""
    model_version, model = current_model()
    cadres = cadres_in(unit_id)
    records = histories(cadres)
    unit_names = registry.unit_names()
    known = {u: unit_flags.of_unit(u) for u in {c.unit_id for c in cadres}}
    as_of = today()
    counts = {"cadres": len(cadres), "raised": 0, "updated": 0, "unchanged": 0,
              "lights": {"red": 0, "amber": 0, "green": 0}}
    ordered = [records[c.id] for c in cadres]
    scores = score_batch(ordered, as_of, model)  # features and model for every cadre at once
    now, kept = utcnow(), {u: {} for u in known}
    for index, cadre in enumerate(cadres):
        assessment = assessment_of(ordered[index], as_of, scores, index)
        kept[cadre.unit_id][cadre.id] = assessments.row(assessment, ordered[index], model_version, now)
        counts["lights"][assessment.light] += 1
        outcome = settle_flag(cadre, assessment, model_version, known[cadre.unit_id],
                              unit_names.get(cadre.unit_id, ""))
        if outcome:
            counts[outcome] += 1
    for unit, rows in kept.items():
        assessments.keep(unit, rows, now)
    return {"unit_id": unit_id, "model_version": model_version, "as_of": as_of, **counts}
