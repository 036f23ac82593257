"""The year page's table (PRODUCT.md §3.2, issue 13): every unit in the caller's scope with its
year-end classification at a glance — final levels counted, the quota per task group (how many
excellent allowed, a violation still undecided), approval — one read by ``_id`` per unit."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from cadre_shared.auth import Principal

from ...registry import queries as registry
from ..domain.classification import final_levels, undecided
from ..domain.scoring import COMPLETED, EXCELLENT, GOOD, NOT_COMPLETED
from ..models.classifications import Classification
from ..models.rounds import round_id
from .classification import group_view, groups, rows

READ_THREADS = 4
LEVELS = (EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED)


def _state(doc: dict | None) -> dict | None:
    if doc is None:
        return None
    found, listed = groups(doc), rows(doc)
    finals = final_levels(listed, found)
    counted = list(finals.values())
    return {"status": doc["status"], "cadres": len(listed), "levels": {level: counted.count(level) for level in LEVELS},
            "groups": [group_view(g) for g in found], "undecided": undecided(found),
            "leaders_not_completed": sum(1 for r in listed if r.is_leader and finals[r.cadre_id] == NOT_COMPLETED),
            "approved_by": doc.get("approved_by"), "approved_at": doc.get("approved_at")}


def _row(code: str, unit: registry.UnitFacts) -> dict:
    doc = Classification._get_collection().find_one({"_id": round_id(code, unit.id)}, {"outbox": 0})
    return {"unit_id": unit.id, "unit_code": unit.code, "unit_name": unit.name, "classification": _state(doc)}


def year_units(principal: Principal, year: int) -> list[dict]:
    units = registry.units_in_scope(registry.unit_scope(principal, None))
    with ThreadPoolExecutor(READ_THREADS) as pool:
        return list(pool.map(lambda unit: _row(str(year), unit), units))
