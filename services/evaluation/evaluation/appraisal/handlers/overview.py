"""The period page's table: every unit in the caller's scope with its round's progress (as the
round documents count it) and, once the period is closed, its classification's state — one read
by ``_id`` of each per unit, a few at once."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

from cadre_shared.auth import Principal

from ...registry import queries as registry
from ..domain.classification import undecided
from ..domain.periods import CLOSED
from ..models.classifications import Classification
from ..models.periods import Period
from ..models.rounds import UnitRound, round_id
from .classification import groups, rows
from .progress import progress_view

READ_THREADS = 4


def _classification_state(doc: dict | None) -> dict | None:
    if doc is None:
        return None
    found = groups(doc)
    levels = [r.score_level for r in rows(doc)]
    return {"status": doc["status"], "cadres": len(levels), "undecided": undecided(found),
            "excellent_proposed": levels.count("excellent"), "approved_at": doc.get("approved_at"),
            "excellent_ratio": float(Fraction(doc["ratio"]))}


def _row(period: Period, unit: registry.UnitFacts) -> dict:
    key = round_id(period.code, unit.id)
    round_doc = UnitRound._get_collection().find_one({"_id": key}, {"outbox": 0})
    row = {"unit_code": unit.code, "unit_name": unit.name, **progress_view(period, unit.id, round_doc)}
    if period.status == CLOSED:
        row["classification"] = _classification_state(
            Classification._get_collection().find_one({"_id": key}, {"outbox": 0}))
    else:
        row["classification"] = None
    return row


def period_units(principal: Principal, period: Period) -> list[dict]:
    units = registry.units_in_scope(registry.unit_scope(principal, None))
    with ThreadPoolExecutor(READ_THREADS) as pool:
        return list(pool.map(lambda unit: _row(period, unit), units))
