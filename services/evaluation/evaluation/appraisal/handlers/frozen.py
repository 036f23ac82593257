"""Frozen scores as stored: the figures and codes other contexts filter on as fields, the bulky rest
(the 360 breakdown, the versions used, the leaders' reasons) as one JSON text, which the embedded
store writes and reads as one value instead of a hundred — closing writes one per cadre."""
from __future__ import annotations

from ..domain.snapshot import FIGURES
from ..models.scores import DETAIL, FrozenScore, score_id
from .sheets import decode, encode

FIELDS = ("period", "cadre_id", "unit_id", "task_group", "is_leader", *FIGURES, "level", "override")


def stored(record: dict, computed_at) -> dict:
    """The document of one frozen score (domain.snapshot.frozen_record → store)."""
    return {"_id": score_id(record["period"], record["cadre_id"]), **{name: record[name] for name in FIELDS},
            "detail": encode({name: record[name] for name in DETAIL}), "computed_at": computed_at}


def expanded(doc: dict) -> dict:
    """A stored frozen score with its detail as fields again (a score frozen before the detail
    became one text already has them)."""
    return {**doc, **decode(doc.get("detail"))}


def frozen(code: str, cadre_id: str) -> dict | None:
    doc = FrozenScore._get_collection().find_one({"_id": score_id(code, cadre_id)})
    return expanded(doc) if doc else None
