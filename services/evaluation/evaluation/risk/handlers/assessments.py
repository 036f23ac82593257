"""The latest assessment of every active cadre, flagged or not (PRODUCT §6: ``GET
/api/v1/risk/assessments``): one document per unit (``risk_unit_assessments``, by ``_id``), replaced
whole by each assessment of the unit, so cadres who left drop out and a read is one document."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from cadre_shared.auth import Principal

from ...registry import queries as registry
from ..domain.features import CadreHistory
from ..domain.model import EXPLANATIONS, Assessment
from ..models import UnitAssessments


def row(assessment: Assessment, history: CadreHistory, model_version: int | None, at: datetime) -> dict:
    """A cadre's row; ``satisfaction`` keeps the counted answers of their closed periods, which a
    re-assessment of this cadre alone reuses instead of reading every answer (one object a period:
    FerretDB stores no nested arrays)."""
    return {"probability": assessment.probability, "light": assessment.light, "period": assessment.period,
            "factors": [{"feature": f["feature"], "label_vi": EXPLANATIONS[f["feature"]][0], "value": f["value"]}
                        for f in assessment.factors],
            "triggers": [t["code"] for t in assessment.triggers], "assessed_at": at, "model_version": model_version,
            "satisfaction": [asdict(s) for s in history.satisfaction]}


def keep(unit_id: str, rows: dict[str, dict], at: datetime) -> None:
    UnitAssessments._get_collection().replace_one({"_id": unit_id}, {"rows": rows, "assessed_at": at}, upsert=True)


def kept(unit_id: str, cadre_id: str) -> dict | None:
    doc = UnitAssessments._get_collection().find_one({"_id": unit_id}) or {}
    return (doc.get("rows") or {}).get(cadre_id)


def put(unit_id: str, cadre_id: str, entry: dict | None) -> None:
    """One cadre's row set (or, None, removed: the cadre left) in their unit's document."""
    change = {"$set": {f"rows.{cadre_id}": entry}} if entry is not None else {"$unset": {f"rows.{cadre_id}": ""}}
    UnitAssessments._get_collection().update_one({"_id": unit_id}, change, upsert=entry is not None)


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
