"""Keeping the rosters right. Every handler that writes a cadre puts the cadre's row in its unit's
roster right after (so HR reads their own write); the roster-heal consumer does it again for every
event of ``evaluation.cadres.v1`` from the cadre as stored (so a crash between the two writes is
repaired); ``rebuild`` makes them all again from the cadres. Rows go in with ``$max`` on their
stamp, so the order of these writes never matters: the newest row stays."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pymongo.errors import DuplicateKeyError

from cadre_shared.sealing import seal

from ..domain import roster as rules
from ..models import Cadre, Roster, RosterIndex
from ..models.roster import INDEX_ID, ROW_SEALED_AS

ROW_SOURCE = tuple(name for name in rules.FIELDS if name not in ("discipline", "conclusions", "registered_on"))


def row_of(cadre: Cadre) -> dict:
    row = {name: getattr(cadre, name) for name in ROW_SOURCE}
    row["is_leader"], row["is_local"] = bool(cadre.is_leader), bool(cadre.is_local)
    row["gap_keys"] = list(cadre.gap_keys or ())
    row["gaps_version"] = cadre.gaps_version or 0
    row["registered_on"] = cadre.created_at.date() if cadre.created_at else None  # entered the platform
    row["discipline"] = [[d.measure, d.decided_on, bool(d.duty_related)] for d in cadre.discipline]
    row["conclusions"] = [[c.type, c.concluded_on] for c in cadre.conclusions]
    return row


def former_units(cadre: Cadre) -> set[str]:
    """Units of the cadre's work history other than the current one: their rosters get a tombstone."""
    return {entry.unit_id for entry in cadre.work_history if entry.unit_id} - {cadre.unit_id}


def publish(cadre: Cadre, left_unit: str | None = None) -> None:
    """The cadre's row in their unit's roster; a tombstone in ``left_unit`` (the unit they just left)."""
    changed = put_rows({cadre.unit_id: {cadre.id: rules.encode(row_of(cadre))}})
    if left_unit and left_unit != cadre.unit_id:
        changed += put_rows({left_unit: {cadre.id: rules.tombstone(cadre.version, cadre.gaps_version or 0)}})
    touch(changed)


def publish_many(cadres: Iterable[Cadre]) -> None:
    """Rows of many new cadres at once (an import): one write per unit."""
    by_unit: dict[str, dict[str, str]] = defaultdict(dict)
    for cadre in cadres:
        by_unit[cadre.unit_id][cadre.id] = rules.encode(row_of(cadre))
    touch(put_rows(by_unit))


def heal(event: dict) -> None:
    heal_all([event])


def heal_all(events: list[dict]) -> None:
    """Consumer of the registry's own cadre events: the rows as each stored cadre has them now
    (an old event finds the newer cadre, so it never brings an old row back); a run of events
    reads each cadre once and writes each roster once."""
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    for cadre_id in dict.fromkeys(event["key"] for event in events):
        cadre = Cadre.objects(id=cadre_id).exclude("outbox", "assessments").first()
        if cadre is None:
            continue
        rows[cadre.unit_id][cadre.id] = rules.encode(row_of(cadre))
        for unit_id in former_units(cadre):
            rows[unit_id][cadre.id] = rules.tombstone(cadre.version, cadre.gaps_version or 0)
    touch(put_rows(rows))


def put_rows(rows_by_unit: dict[str, dict[str, str]]) -> list[str]:
    """``$max`` each row into its unit's roster; the units whose roster changed."""
    collection, changed = Roster._get_collection(), []
    for unit_id, rows in rows_by_unit.items():
        result = _upsert(collection, unit_id, {"$max": {f"rows.{cid}": sealed(row) for cid, row in rows.items()}})
        if result.modified_count or result.upserted_id is not None:
            changed.append(unit_id)
    return changed


def sealed(stored: str) -> str:
    """The row with its body sealed (it holds ethnicity, discipline and conclusions); the stamp stays
    in clear before it, so ``$max`` still keeps the newest row."""
    stamp, bar, body = stored.partition("|")
    return f"{stamp}{bar}{seal(body, ROW_SEALED_AS, deterministic=True)}" if body else stored


def touch(unit_ids: list[str]) -> None:
    """Move the index counter of each changed roster, so every reader re-reads it."""
    if unit_ids:
        _upsert(RosterIndex._get_collection(), INDEX_ID, {"$inc": {f"units.{u}": 1 for u in unit_ids}})


def _upsert(collection, doc_id: str, update: dict):
    try:
        return collection.update_one({"_id": doc_id}, update, upsert=True)
    except DuplicateKeyError:  # created by another writer at the same moment: it exists now
        return collection.update_one({"_id": doc_id}, update)
