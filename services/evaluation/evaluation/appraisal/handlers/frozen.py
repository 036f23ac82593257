"""Frozen scores as stored and read (models.scores): one document per (period, unit) with its cadres'
rows as one value, JSON compressed (a tenth of the size: the 360 breakdown repeats its names) — the
embedded store writes and reads it as one value, closing writes one per unit — and the period's
placement (cadre → unit then) in buckets. Every reader of frozen scores goes
through the functions here; each read is by ``_id``.

A row read back is the record domain.snapshot.frozen_record made, with ``computed_at``."""
from __future__ import annotations

import zlib

from ..models.scores import FrozenPlacement, FrozenUnitScores, placement_id, unit_scores_id
from .sheets import decode, encode

KEPT_BY_UNIT = ("period", "unit_id")


def pack(rows: dict[str, dict]) -> bytes:
    return zlib.compress(encode(rows).encode(), 1)


def unpack(stored: bytes) -> dict[str, dict]:
    return decode(zlib.decompress(stored).decode())


def unit_document(code: str, unit_id: str, records: list[dict], computed_at) -> dict:
    """The document of a unit's frozen scores (records: domain.snapshot.frozen_record of its cadres)."""
    rows = {r["cadre_id"]: {k: v for k, v in r.items() if k not in KEPT_BY_UNIT} for r in records}
    return {"_id": unit_scores_id(code, unit_id), "period": code, "unit_id": unit_id, "rows": pack(rows),
            "computed_at": computed_at}


def placement_documents(code: str, placed: dict[str, str]) -> list[dict]:
    """The period's placement buckets: {cadre id: the unit they were frozen in}."""
    buckets: dict[str, dict[str, str]] = {}
    for cadre_id, unit_id in placed.items():
        buckets.setdefault(placement_id(code, cadre_id), {})[cadre_id] = unit_id
    return [{"_id": key, "period": code, "cadres": encode(cadres)} for key, cadres in buckets.items()]


def store_placement(code: str, placed: dict[str, str]) -> None:
    """Write the period's placement (again: a rerun of the closing writes the same)."""
    collection = FrozenPlacement._get_collection()
    for doc in placement_documents(code, placed):
        collection.replace_one({"_id": doc["_id"]}, doc, upsert=True)


def _rows(code: str, unit_id: str, wanted=None) -> dict[str, dict]:
    """{cadre id: row} of the unit's frozen cadres (only those in ``wanted``, when given)."""
    doc = FrozenUnitScores._get_collection().find_one({"_id": unit_scores_id(code, unit_id)})
    if doc is None:
        return {}
    kept = {"period": doc["period"], "unit_id": doc["unit_id"], "computed_at": doc.get("computed_at")}
    return {cadre_id: {**row, "cadre_id": cadre_id, **kept} for cadre_id, row in unpack(doc["rows"]).items()
            if wanted is None or cadre_id in wanted}


def frozen_in_unit(code: str, unit_id: str) -> dict[str, dict]:
    """{cadre id: row} of the cadres frozen in the unit in the period (none: {})."""
    return _rows(code, unit_id)


def placed_units(code: str, cadre_ids) -> dict[str, str]:
    """{cadre id: the unit they were frozen in} for those of ``cadre_ids`` frozen in the period."""
    wanted = set(cadre_ids)
    collection, found = FrozenPlacement._get_collection(), {}
    for key in {placement_id(code, cadre_id) for cadre_id in wanted}:
        doc = collection.find_one({"_id": key}, {"cadres": 1})
        found.update({c: u for c, u in decode(doc["cadres"] if doc else None).items() if c in wanted})
    return found


def frozen(code: str, cadre_id: str, unit_id: str | None = None) -> dict | None:
    """The cadre's frozen row in the period, or None: looked for in ``unit_id`` (their unit now,
    where it usually is), then in the unit the period's placement names."""
    if unit_id is not None:
        row = _rows(code, unit_id, {cadre_id}).get(cadre_id)
        if row is not None:
            return row
    placed = placed_units(code, [cadre_id]).get(cadre_id)
    return _rows(code, placed, {cadre_id}).get(cadre_id) if placed not in (None, unit_id) else None


def frozen_of(code: str, cadre_ids) -> dict[str, dict]:
    """{cadre id: row} of those of ``cadre_ids`` frozen in the period: the placement's buckets, then
    each unit holding some of them once."""
    by_unit: dict[str, set[str]] = {}
    for cadre_id, unit_id in placed_units(code, cadre_ids).items():
        by_unit.setdefault(unit_id, set()).add(cadre_id)
    found = {}
    for unit_id, members in by_unit.items():
        found.update(_rows(code, unit_id, members))
    return found
