"""Running the early warning over cadres: rules and (when trained) the model, raising a flag
where the light is amber or red and updating a cadre's flag when its assessment changed. Each
change carries its ``risk_flag.*`` event in the same single-document write. Also the fairness
audit (the only reader of gender, ethnicity and the local flag here)."""
from __future__ import annotations

import numpy as np
from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.clock import today

from ...common.events import event, update_where
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.fairness import AuditRow, fairness_audit
from ..domain.model import Assessment, assessment_of, score_batch
from ..models import RiskFlag
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


def _raise(cadre: registry.CadreFacts, fields: dict) -> bool:
    flag = RiskFlag(cadre_id=cadre.id, open_key=cadre.id, **fields)
    flag.stage_event(flag_event("risk_flag.raised", stored(flag)))
    try:
        flag.save(force_insert=True)
    except NotUniqueError:   # raised meanwhile by a concurrent assessment
        return False
    return True


def _update(flag: RiskFlag, fields: dict) -> bool:
    if all(getattr(flag, k) == v for k, v in fields.items()):
        return False
    changed = {**stored(flag), **fields, "version": flag.version + 1}
    return update_where(RiskFlag, {"_id": flag.id, "version": flag.version},
                        {"$set": {**fields, "version": flag.version + 1, "updated_at": utcnow()}},
                        [flag_event("risk_flag.updated", changed)])


def assess(principal: Principal, unit_id: str | None) -> dict:
    unit_id = registry.unit_scope(principal, unit_id)
    model_version, model = current_model()
    cadres = cadres_in(unit_id)
    records = histories(cadres)
    ids = [c.id for c in cadres]
    flags = {f.cadre_id: f for f in RiskFlag.objects(cadre_id__in=ids, status__ne="closed").exclude("outbox")}
    # HR closed the flag of this cadre for this period: a new flag waits for a newer period.
    closed = {(f.cadre_id, f.period) for f in RiskFlag.objects(cadre_id__in=ids, status="closed")
              .only("cadre_id", "period")}
    as_of = today()
    counts = {"cadres": len(cadres), "raised": 0, "updated": 0, "unchanged": 0,
              "lights": {"red": 0, "amber": 0, "green": 0}}
    ordered = [records[c.id] for c in cadres]
    scores = score_batch(ordered, as_of, model)  # features and model for every cadre at once
    for index, cadre in enumerate(cadres):
        assessment = assessment_of(ordered[index], as_of, scores, index)
        counts["lights"][assessment.light] += 1
        fields = _assessed_fields(assessment, cadre.unit_id, model_version)
        flag = flags.get(cadre.id)
        if flag is None and assessment.flagged and (cadre.id, assessment.period) not in closed:
            counts["raised" if _raise(cadre, fields) else "unchanged"] += 1
        elif flag is not None:
            counts["updated" if _update(flag, fields) else "unchanged"] += 1
    return {"unit_id": unit_id, "model_version": model_version, "as_of": as_of, **counts}


def fairness(principal: Principal, unit_id: str | None) -> dict:
    """Flag rates (flags not closed, light amber or red) and the model's mean probability by
    gender, ethnicity and local flag, over active cadres."""
    unit_id = registry.unit_scope(principal, unit_id)
    cadres = cadres_in(unit_id)
    flagged = {f.cadre_id for f in RiskFlag.objects(cadre_id__in=[c.id for c in cadres], status__ne="closed",
                                                    light__in=["red", "amber"]).only("cadre_id")}
    model_version, model = current_model()
    probabilities = {}
    if model is not None:
        records = histories(cadres)
        scores = score_batch([records[c.id] for c in cadres], today(), model)
        probabilities = {c.id: None if np.isnan(p) else round(float(p), 4)
                         for c, p in zip(cadres, scores.probabilities)}
    rows = [AuditRow(c.gender, c.ethnicity, c.is_local, c.id in flagged, probabilities.get(c.id)) for c in cadres]
    return {"unit_id": unit_id, "model_version": model_version, **fairness_audit(rows)}
