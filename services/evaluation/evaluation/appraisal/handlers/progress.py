"""The round's progress per unit (answered / expected per rater group, tasks assigned and done),
counted exactly from the unit's sheets when a unit is looked at or reminded, and kept on the
unit's round document with each rater's and each cadre's latest counts, which the province
overview adds up without reading any sheet. Never who answered what."""
from __future__ import annotations

import threading

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal, ensure_unit
from cadre_shared.errors import ApiError

from ...common.events import update_where
from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.general_criteria import PERSON_GROUPS
from ..domain.periods import CLOSED
from ..domain.round_progress import RoundProgress, round_progress
from ..models.periods import Period
from ..models.rounds import UnitRound, round_id
from . import sheets
from .organisation import assignment, organisation_of
from .ratings import given_counts
from .round_notices import rating_requested


def task_counts(sheet: sheets.TaskSheet) -> list[int]:
    tasks = list(sheet.tasks.values())
    return [len(tasks), sum(1 for t in tasks if t.get("completed_on"))]


def note_tasks(period: str, cadre_id: str, unit_id: str, sheet: sheets.TaskSheet) -> None:
    """Keep the unit's task counts of this cadre current after a task changed (no round yet: nothing)."""
    UnitRound._get_collection().update_one({"_id": round_id(period, unit_id)},
                                           {"$set": {f"tasks.{cadre_id}": task_counts(sheet)}})


def counted(period: Period, unit_id: str) -> tuple[RoundProgress, dict, list[str]]:
    """(the exact progress, the figures stored for the overview, the unit's raters)."""
    org = organisation_of(unit_id)
    pairs = assignment(period.code, org)
    given = {c: sheets.decode(d.get("given")) for c, d in _sheets(period, sheets.RATINGS, org.cadres).items()}
    task_sheets = [sheets.task_sheet(d) for d in _sheets(period, sheets.TASKS, org.cadres).values()]
    progress = round_progress(pairs, {c: list(g) for c, g in given.items()})
    serving = [c for c in org.cadres.values() if c.active]
    figures = {"progress": {"groups": {g: list(v) for g, v in progress.groups.items()}, "raters": progress.raters,
                            "cadres": len(serving), "counted_at": utcnow()},
               "given": {c: given_counts(g) for c, g in given.items() if g},
               "tasks": {s.cadre_id: task_counts(s) for s in task_sheets if s.tasks}}
    raters = sorted({rater for rater, _ in pairs})
    return progress, figures, raters


# (database, kind, closed period, cadre) → the cadre's sheet (None: they have none). A closed period's
# sheets take no more writes (ratings, tasks, đ and e need the period open), so a worker reads each
# once: a closed period's unit page counts its progress from them on every visit (two reads by ``_id``
# per member, two hundred for a commune). At most CLOSED_SHEETS_KEPT are held.
_closed_sheets: dict[tuple[str, str, str, str], dict | None] = {}
_closed_sheets_lock = threading.Lock()
CLOSED_SHEETS_KEPT = 20000


def _sheets(period: Period, kind: str, cadre_ids) -> dict[str, dict]:
    """sheets.read_many, each sheet of a closed period read once per worker."""
    if period.status != CLOSED:
        return sheets.read_many(kind, period.code, cadre_ids)
    db = Period._get_db().name
    ids = list(dict.fromkeys(cadre_ids))
    with _closed_sheets_lock:
        held = {c: _closed_sheets[key] for c in ids if (key := (db, kind, period.code, c)) in _closed_sheets}
    missing = [c for c in ids if c not in held]
    if missing:
        found = sheets.read_many(kind, period.code, missing)
        with _closed_sheets_lock:
            if len(_closed_sheets) + len(missing) > CLOSED_SHEETS_KEPT:
                _closed_sheets.clear()
            for cadre_id in missing:
                _closed_sheets[(db, kind, period.code, cadre_id)] = held[cadre_id] = found.get(cadre_id)
    return {c: doc for c, doc in held.items() if doc is not None}


def open_unit_round(period: Period, unit_id: str) -> bool:
    """Count the unit's round and tell its raters what to rate, once; False when they were told."""
    key = round_id(period.code, unit_id)
    existing = UnitRound._get_collection().find_one({"_id": key}, {"notified_at": 1})
    if existing is not None and existing.get("notified_at"):
        return False
    _, figures, raters = counted(period, unit_id)
    told = {"notified_at": utcnow() if raters else None, "raters_notified": len(raters)}
    requests = rating_requested(period, unit_id, raters) if raters else []
    if existing is None:
        doc = UnitRound(id=key, period=period.code, unit_id=unit_id, **told, **figures)
        for request in requests:
            doc.stage_event(request)
        try:
            doc.save(force_insert=True)
            return True
        except NotUniqueError:
            pass  # made meanwhile by another opener: told below (the same key reaches each inbox once)
    return update_where(UnitRound, {"_id": key}, {"$set": {**told, **figures}}, requests)


def progress_view(period: Period, unit_id: str, doc: dict | None) -> dict:
    """A unit's figures from its round document (the overview's row, and the unit page's)."""
    doc = doc or {}
    stored = doc.get("progress") or {}
    answered = {g: 0 for g in PERSON_GROUPS}
    for counts in (doc.get("given") or {}).values():
        for group, n in counts.items():
            answered[group] = answered.get(group, 0) + n
    expected = {g: (stored.get("groups") or {}).get(g, [0, 0])[1] for g in PERSON_GROUPS}
    tasks = list((doc.get("tasks") or {}).values())
    return {"period": period.code, "unit_id": unit_id,
            "groups": {g: {"answered": min(answered[g], expected[g]), "expected": expected[g]} for g in PERSON_GROUPS},
            "raters": stored.get("raters", 0), "cadres": stored.get("cadres", 0),
            "cadres_with_tasks": sum(1 for t in tasks if t[0]), "tasks": sum(t[0] for t in tasks),
            "tasks_completed": sum(t[1] for t in tasks), "counted_at": stored.get("counted_at"),
            "notified_at": doc.get("notified_at"), "reminders": doc.get("reminders", 0),
            "last_reminded_at": doc.get("last_reminded_at")}


def unit_progress(principal: Principal, period: Period, unit_id: str) -> dict:
    """The exact progress of one unit (counted now and kept for the overview)."""
    ensure_unit(principal, unit_id)
    if not registry.units_in_scope(unit_id):
        raise ApiError(422, fields={"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    if period.status == "open":
        open_unit_round(period, unit_id)  # a unit registered after the opening is told now
    progress, figures, _ = counted(period, unit_id)
    collection = UnitRound._get_collection()
    collection.update_one({"_id": round_id(period.code, unit_id)}, {"$set": figures})
    view = progress_view(period, unit_id, {**(collection.find_one({"_id": round_id(period.code, unit_id)}) or {}),
                                           **figures})
    view.update(raters_finished=progress.finished,
                groups={g: {"answered": a, "expected": e} for g, (a, e) in progress.groups.items()})
    return view
