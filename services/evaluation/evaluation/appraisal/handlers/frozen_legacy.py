"""Frozen scores stored by an earlier version, one document per (period, cadre) in
``period_scores``, regrouped into the documents per (period, unit) and the placement that
handlers.frozen reads (``python -m evaluation.appraisal.regroup_scores``, once after the upgrade).
Running it again changes nothing: a unit already regrouped stays as it was, and the old collection
is dropped only once every unit is written."""
from __future__ import annotations

from ..models.scores import FrozenUnitScores
from .closing import store_once
from .frozen import store_placement, unit_document
from .sheets import decode

LEGACY = "period_scores"
NOT_KEPT = ("_id", "detail", "computed_at", "outbox", "outbox_pending")


def legacy_record(doc: dict) -> dict:
    """A stored per-cadre score as the record domain.snapshot.frozen_record makes (its detail, one JSON
    text, or its fields inline in the oldest documents)."""
    return {**{k: v for k, v in doc.items() if k not in NOT_KEPT}, **decode(doc.get("detail"))}


def regroup() -> dict:
    legacy = FrozenUnitScores._get_db()[LEGACY]
    units: dict[tuple[str, str], list[dict]] = {}
    computed: dict[tuple[str, str], object] = {}
    for doc in legacy.find():
        key = (doc["period"], doc["unit_id"])
        units.setdefault(key, []).append(legacy_record(doc))
        computed.setdefault(key, doc.get("computed_at"))
    store_once([unit_document(code, unit_id, records, computed[(code, unit_id)])
                for (code, unit_id), records in units.items()])
    placed: dict[str, dict[str, str]] = {}
    for (code, unit_id), records in units.items():
        placed.setdefault(code, {}).update({r["cadre_id"]: unit_id for r in records})
    for code, cadres in placed.items():
        store_placement(code, cadres)
    legacy.drop()
    return {"periods": len(placed), "units": len(units), "scores": sum(len(r) for r in units.values())}
