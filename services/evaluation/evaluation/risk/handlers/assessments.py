"""The latest assessment of every active cadre, flagged or not (PRODUCT §6: ``GET
/api/v1/risk/assessments``): one document per unit (``risk_unit_assessments``, by ``_id``), replaced
whole by each assessment of the unit, so cadres who left drop out and a read is one document."""
from __future__ import annotations

from datetime import datetime

from cadre_shared.auth import Principal

from ...registry import queries as registry
from ..domain.model import EXPLANATIONS, Assessment
from ..models import UnitAssessments


def row(assessment: Assessment, model_version: int | None, at: datetime) -> dict:
    return {"probability": assessment.probability, "light": assessment.light, "period": assessment.period,
            "factors": [{"feature": f["feature"], "label_vi": EXPLANATIONS[f["feature"]][0], "value": f["value"]}
                        for f in assessment.factors],
            "triggers": [t["code"] for t in assessment.triggers], "assessed_at": at, "model_version": model_version}


def keep(unit_id: str, rows: dict[str, dict], at: datetime) -> None:
    UnitAssessments._get_collection().replace_one({"_id": unit_id}, {"rows": rows, "assessed_at": at}, upsert=True)


def listed(principal: Principal, unit_id: str | None) -> dict:
    """Every assessed cadre in scope, highest probability (then light) first."""
    unit_id = registry.unit_scope(principal, unit_id)
    units = [unit_id] if unit_id else [u.id for u in registry.units_in_scope(None)]
    items = []
    for unit in units:
        doc = UnitAssessments._get_collection().find_one({"_id": unit}) or {}
        items += [{"cadre_id": cadre_id, "unit_id": unit, **r} for cadre_id, r in (doc.get("rows") or {}).items()]
    rank = {"red": 0, "amber": 1, "green": 2}
    items.sort(key=lambda i: (rank[i["light"]], -(i["probability"] or 0), i["cadre_id"]))
    return {"items": items}
