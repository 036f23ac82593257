"""Each unit's training compliance as one document (``UnitCompliance``, read by ``_id``), so a unit's
page and the province's daily job never search the results or the cadre copies:

- a cadre's row changes with their results (``result.recorded``) and their registry events;
- a unit is computed again whole when it is read or visited by the daily job on another day, or after
  the requirements or positions changed (``ComplianceBasis``), or with another due-soon window;
- ``rebuild`` makes every unit again from the stored results and cadre copies.

Only a unit's first computation finds its cadres by searching the cadre copies; afterwards its rows
are its members, joined and left through the cadre events. Every write of a unit's document also
sets its totals in the province's overview (``compliance_overview``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from cadre_shared.by_id import find_by_ids
from cadre_shared.clock import today
from cadre_shared.outbox import note_staged

from ..domain import compliance as rules
from ..models import CadreCopy, ComplianceBasis, Course, PositionCopy, Requirement, UnitCompliance
from . import compliance_overview as overview
from .result_index import results_of, stored_many
from .settings import due_soon_days

BASIS_ID = "compliance"
# (document before the write, each computed cadre's items, their new rows) → ($set, events) added to the write
Extra = Callable[[dict, dict[str, list[rules.Item]], dict[str, dict]], tuple[dict, list[dict]]]


def basis() -> int:
    doc = ComplianceBasis._get_collection().find_one({"_id": BASIS_ID})
    return doc["version"] if doc else 0


def bump_basis() -> None:
    """Every unit is out of date: the requirements or a position changed."""
    try:
        ComplianceBasis._get_collection().update_one({"_id": BASIS_ID}, {"$inc": {"version": 1}}, upsert=True)
    except DuplicateKeyError:  # two writers created the counter at once: it exists now
        ComplianceBasis._get_collection().update_one({"_id": BASIS_ID}, {"$inc": {"version": 1}})


def requirements() -> list[rules.Requirement]:
    return [rules.Requirement(r.id, r.title, r.course_code, r.category, r.due_within_months, r.repeat_every_months,
                              tuple(r.position_codes), tuple(r.task_groups), r.leaders)
            for r in Requirement.objects.order_by("id")]


@dataclass
class Inputs:
    """What every cadre's computation shares: the day, the requirements, the positions read so far."""
    day: date
    soon_days: int
    basis: int
    requirements: list[rules.Requirement]
    courses: dict[str, str]  # course code → title
    positions: dict[str, dict | None] = field(default_factory=dict)

    @classmethod
    def now(cls) -> "Inputs":
        return cls(today(), due_soon_days(), basis(), requirements(),
                   {c.id: c.title for c in Course.objects.only("id", "title")})

    def position(self, position_id: str | None) -> dict | None:
        if position_id and position_id not in self.positions:
            self.positions[position_id] = PositionCopy._get_collection().find_one({"_id": position_id})
        return self.positions.get(position_id) if position_id else None


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def items_of(cadre: dict, inputs: Inputs, results: dict[str, dict] | None = None) -> list[rules.Item]:
    """The cadre's status per requirement of their position (a raw cadre copy; ``results``: their
    stored results when already read)."""
    position = inputs.position(cadre.get("position_id"))
    role = rules.Role(position.get("code"), position.get("task_group"),
                      bool(cadre.get("is_leader") or position.get("is_leader"))) if position else None
    return rules.compliance(inputs.requirements, role, _iso(cadre.get("appointed_on")), results_of(cadre["_id"], results),
                            inputs.day, inputs.soon_days)


def row_of(cadre: dict, items: list[rules.Item]) -> dict:
    return {"code": cadre.get("code"), "full_name": cadre.get("full_name"), "position_id": cadre.get("position_id"),
            "items": [{"requirement": i.requirement.code, "status": i.status,
                       "due_on": i.due_on.isoformat() if i.due_on else None} for i in items]}


def _write(unit_id: str, update: dict, upsert: bool = False) -> None:
    """One write of a unit's document, which moves its revision, then its totals into the overview
    (from the document as this write left it). No document and no ``upsert``: nothing happens."""
    update = {**update, "$inc": {**update.get("$inc", {}), "revision": 1}}
    # no projection: FerretDB's findAndModify does not implement one
    written = UnitCompliance._get_collection().find_one_and_update(
        {"_id": unit_id}, update, upsert=upsert, return_document=ReturnDocument.AFTER)
    if written is not None:
        overview.note(written)


def refresh_cadre(cadre_id: str, left_unit: str | None = None, inputs: Inputs | None = None) -> None:
    """The cadre's row after a change of their record or results: in their unit's document while
    active, out of it otherwise, and out of ``left_unit`` when they moved. A unit never computed yet
    gets no row here: its first read computes it whole. (``inputs``: shared by a run of cadres.)"""
    refresh_cadres({cadre_id: left_unit}, inputs)


def refresh_cadres(left_units: dict[str, str | None], inputs: Inputs | None = None) -> None:
    """``refresh_cadre`` for a run of cadres (cadre id → the unit they may have left): their copies
    and results read by ``_id`` (``find_by_ids``), then one write per unit whose rows change."""
    if not left_units:
        return
    inputs = inputs or Inputs.now()
    cadres = find_by_ids(CadreCopy._get_collection(), left_units)
    results = stored_many([cadre_id for cadre_id, cadre in cadres.items() if cadre.get("status") == "active"])
    updates: dict[str, dict[str, dict]] = {}
    for cadre_id, left_unit in left_units.items():
        cadre = cadres.get(cadre_id)
        if left_unit and (cadre is None or cadre.get("unit_id") != left_unit):
            updates.setdefault(left_unit, {}).setdefault("$unset", {})[f"rows.{cadre_id}"] = ""
        if cadre is None:
            continue
        if cadre.get("status") != "active":
            updates.setdefault(cadre["unit_id"], {}).setdefault("$unset", {})[f"rows.{cadre_id}"] = ""
            continue
        row = row_of(cadre, items_of(cadre, inputs, results[cadre_id]))
        updates.setdefault(cadre["unit_id"], {}).setdefault("$set", {})[f"rows.{cadre_id}"] = row
    for unit_id, update in updates.items():
        _write(unit_id, update)


def members_by_unit() -> dict[str, list[str]]:
    """Active cadres per unit, from one pass over the cadre copies (first computations, rebuilds)."""
    members: dict[str, list[str]] = {}
    for cadre in CadreCopy._get_collection().find({"status": "active"}, {"unit_id": 1}):
        members.setdefault(cadre.get("unit_id"), []).append(cadre["_id"])
    return members


def compute_unit(unit_id: str, inputs: Inputs | None = None, members: list[str] | None = None,
                 extra: Extra | None = None) -> dict[str, list[rules.Item]]:
    """Every member's row again (members: the document's rows, plus ``members`` when given, else the
    active cadre copies of a unit never computed), in one write with what ``extra`` adds; returns each
    computed cadre's items."""
    inputs = inputs or Inputs.now()
    units = UnitCompliance._get_collection()
    doc = units.find_one({"_id": unit_id}, {"outbox": 0}) or {}
    known = list(doc.get("rows") or {})
    if members is None and not doc.get("as_of"):
        members = [c["_id"] for c in CadreCopy._get_collection().find({"unit_id": unit_id, "status": "active"},
                                                                       {"_id": 1})]
    sets, unsets, computed, rows = {}, {}, {}, {}
    wanted = list(dict.fromkeys(known + list(members or [])))
    # the members' copies and results read by _id each (find_by_ids: FerretDB scans for $in), once (a unit of a hundred
    # cadres cost 200 round trips; a hundred units computed for a new day, 30 s)
    cadres = find_by_ids(CadreCopy._get_collection(), wanted)
    results = stored_many(wanted)
    for cadre_id in wanted:
        cadre = cadres.get(cadre_id)
        if cadre is None or cadre.get("unit_id") != unit_id or cadre.get("status") != "active":
            if cadre_id in known:
                unsets[f"rows.{cadre_id}"] = ""
            continue
        computed[cadre_id] = items_of(cadre, inputs, results[cadre_id])
        rows[cadre_id] = sets[f"rows.{cadre_id}"] = row_of(cadre, computed[cadre_id])
    sets.update(as_of=inputs.day.isoformat(), basis=inputs.basis, soon_days=inputs.soon_days,
                computed_at=datetime.now(timezone.utc))
    more, events = extra(doc, computed, rows) if extra is not None else ({}, [])
    update: dict = {"$set": {**sets, **more}}
    if unsets:
        update["$unset"] = unsets
    if events:
        update.update({"$push": {"outbox": {"$each": events}}, "$inc": {"outbox_pending": len(events)}})
    _write(unit_id, update, upsert=True)
    if events:
        note_staged(UnitCompliance, [unit_id])
    return computed


def stamp() -> tuple[str, int, int]:
    """What a current document was computed for: (day, due-soon window, basis)."""
    return today().isoformat(), due_soon_days(), basis()


def current(unit_id: str, now: tuple[str, int, int] | None = None, inputs: Callable[[], Inputs] | None = None) -> dict:
    """The unit's document, computed again first when out of date (``now``: a ``stamp()`` shared by
    the reads of one request; ``inputs``: gives the ``Inputs`` shared by them, read once)."""
    day, soon_days, basis_now = now or stamp()
    units = UnitCompliance._get_collection()
    doc = units.find_one({"_id": unit_id}, {"outbox": 0, "notified": 0})
    if not (doc and (doc.get("as_of"), doc.get("soon_days"), doc.get("basis")) == (day, soon_days, basis_now)):
        compute_unit(unit_id, inputs() if inputs is not None else None)
        doc = units.find_one({"_id": unit_id}, {"outbox": 0, "notified": 0})
    return doc


def rebuild() -> dict:
    """Every cadre's results index, then every unit with cadres, from the stored records."""
    from .result_index import rebuild_index

    results = rebuild_index()
    overview.clear()  # the documents made again may start their revisions again
    inputs, members = Inputs.now(), members_by_unit()
    known = [d["_id"] for d in UnitCompliance._get_collection().find({}, {"_id": 1})]
    for unit_id in dict.fromkeys([u for u in members if u] + known):
        compute_unit(unit_id, inputs, members.get(unit_id, []))
    return {"results": results, "units": len(set(members) | set(known)),
            "cadres": sum(len(ids) for ids in members.values())}
