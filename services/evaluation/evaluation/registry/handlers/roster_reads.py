"""Reading the rosters. Each worker holds the decoded rows of the units it has read; every call
reads the index (one small document, by ``_id``) and re-reads only the rosters whose counter
moved since, so a list, a search or a province-wide count costs a few milliseconds whatever the
province's size, and still shows every write made before the call (the writer moves the counter
after its row is stored). A roster held longer than ``MAX_AGE`` is read again anyway: the only
case it could miss is a writer that died between its row and the counter (the heal consumer's
row then changes nothing, so it moves no counter either)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from cadre_shared.sealing import unseal

from ..domain import roster as rules
from ..models import Roster, RosterIndex
from ..models.roster import INDEX_ID, ROW_SEALED_AS

MAX_AGE = 300.0
DERIVED_KEPT = 512
BULK = 20  # more stale rosters than this: one pass over the collection instead of reads by _id


class _Held:
    def __init__(self, key=None):
        self.key = key
        self.units: dict[str, tuple[int, float, dict[str, dict]]] = {}  # unit → (counter, read at, rows)
        self.generation = 0  # moves whenever a roster is read again
        self.by_id: tuple[int, dict[str, dict]] | None = None
        self.derived: dict = {}  # key → (generation, what ``kept`` computed from the rows of that generation)


_lock = threading.Lock()
_held = _Held()


def opened(stored: str) -> dict | None:
    """A row as stored (its body sealed) decoded, or None for a tombstone."""
    stamp, bar, body = stored.partition("|")
    return rules.decode(f"{stamp}{bar}{unseal(body, ROW_SEALED_AS)}")


def _decoded(stored_rows: dict) -> dict[str, dict]:
    rows = {}
    for cadre_id, stored in stored_rows.items():
        row = opened(stored)
        if row is not None:
            rows[cadre_id] = row
    return rows


def _read(unit_ids: list[str]) -> dict[str, dict[str, dict]]:
    collection = Roster._get_collection()
    if len(unit_ids) > BULK:
        wanted = set(unit_ids)
        docs = (doc for doc in collection.find({}) if doc["_id"] in wanted)
    else:
        docs = filter(None, (collection.find_one({"_id": unit_id}) for unit_id in unit_ids))
    found = {doc["_id"]: _decoded(doc.get("rows") or {}) for doc in docs}
    return {unit_id: found.get(unit_id, {}) for unit_id in unit_ids}


def _units() -> tuple[int, dict[str, dict[str, dict]]]:
    """(generation, unit id → {cadre id → row}) for every unit with a roster, current as of this call."""
    _holder, generation, units = _current()
    return generation, units


def version() -> tuple:
    """What the rosters are as of this call, for results kept outside ``kept``: (store, epoch,
    generation); it moves whenever a roster this worker holds is read again (a write, or MAX_AGE)."""
    holder, generation, _units_now = _current()
    return holder.key, generation


def _current() -> tuple[_Held, int, dict[str, dict[str, dict]]]:
    global _held
    index_collection = RosterIndex._get_collection()
    index = index_collection.find_one({"_id": INDEX_ID}) or {}
    key, counters, now = (index_collection.database.name, index.get("epoch")), index.get("units") or {}, time.monotonic()
    with _lock:
        if _held.key != key:
            _held = _Held(key)
        held = _held
        units, generation = dict(held.units), held.generation
    stale = [u for u, counter in counters.items()
             if u not in units or units[u][0] != counter or now - units[u][1] > MAX_AGE]
    if stale:
        fresh = _read(stale)
        with _lock:
            for unit_id in stale:
                held.units[unit_id] = (counters[unit_id], now, fresh[unit_id])
            held.generation += 1
            units, generation = dict(held.units), held.generation
    return held, generation, {unit_id: units[unit_id][2] for unit_id in counters}


def rows(unit_ids: Iterable[str] | None = None) -> list[dict]:
    """The rows (live cadres, who left included) of these units, or of every unit."""
    _generation, units = _units()
    chosen = units.keys() if unit_ids is None else [u for u in dict.fromkeys(unit_ids) if u in units]
    return [row for unit_id in chosen for row in units[unit_id].values()]


def kept(key, compute: Callable[[Callable[[Iterable[str] | None], list[dict]]], object]):
    """``compute(rows_of)``'s result, kept by the worker while no roster has changed (``rows_of``: as
    ``rows``, of this call's rosters): for counts over the whole province's rows (the gap pages), made
    again only after a write. Shared by every caller, who must not change it."""
    generation, units = _units()
    with _lock:
        held = _held
        hit = held.derived.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]

    def rows_of(unit_ids: Iterable[str] | None) -> list[dict]:
        chosen = units.keys() if unit_ids is None else [u for u in dict.fromkeys(unit_ids) if u in units]
        return [row for unit_id in chosen for row in units[unit_id].values()]

    value = compute(rows_of)
    with _lock:
        if held.generation == generation:
            if len(held.derived) >= DERIVED_KEPT:
                held.derived.clear()
            held.derived[key] = (generation, value)
    return value


def rows_by_id(cadre_ids: Iterable[str] | None = None) -> dict[str, dict]:
    """cadre id → row (of ``cadre_ids``, or of every cadre)."""
    generation, units = _units()
    with _lock:
        held = _held
        by_id = held.by_id[1] if held.by_id and held.by_id[0] == generation else None
    if by_id is None:
        by_id = {}
        for unit_rows in units.values():
            for cadre_id, row in unit_rows.items():
                seen = by_id.get(cadre_id)
                # a cadre who just moved may show in both units until the old one's tombstone is read
                if seen is None or (row["version"], row["gaps_version"]) > (seen["version"], seen["gaps_version"]):
                    by_id[cadre_id] = row
        with _lock:
            if held.generation == generation:
                held.by_id = (generation, by_id)
    if cadre_ids is None:
        return dict(by_id)
    return {cid: by_id[cid] for cid in cadre_ids if cid in by_id}
