"""The one way a cadre's dossier is written: a change applied at the version read, the gap
analysis recomputed with it, and both stored with their events in a single document write,
after the write of that version is claimed (``models/write_claims.py``); then the cadre's row
in the rosters lists read."""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from mongoengine.errors import NotUniqueError

from cadre_shared.clock import today
from cadre_shared.errors import ApiError

from ...common.events import conflict, event, stored_fields, update_where
from ...common.ids import utcnow
from ..domain import gaps as rules
from ..domain.dossier import history_after_move, history_closed
from ..domain.names import clean_name, fold
from ..models import Cadre, Position, Unit, WriteClaim
from ..models.cadres import Assignment
from . import roster_writes
from .catalogue import Catalogue, training_records

MAX_ATTEMPTS = 5
CLAIM_ABANDONED_AFTER = timedelta(minutes=2)  # requests end within a minute (gunicorn's timeout)
# A mutation changes the cadre in memory and names the event that describes it (None: no change).
Mutation = Callable[[Cadre], "str | None"]


def gaps_digest(listed: list[dict]) -> str:
    return hashlib.sha256(json.dumps(listed, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


NO_GAPS = gaps_digest([])


def refresh_gap_cache(cadre: Cadre, gaps: list[rules.Gap], previous_version: int,
                      training_reported: bool) -> dict | None:
    """Note ``gaps`` on the cadre when they differ from the analysis last published, or when the
    training service reported on a cadre with course items unmet for the first time (those items
    are known from then on: the early warning judges them); the gaps event carrying the whole
    list, or None. Whether it reported is noted in any case: it is written with the cadre's next
    write, and one comes with any course item unmet."""
    listed = [g.as_fact() for g in gaps]
    digest = gaps_digest(listed)
    reported_changed = cadre.training_reported is not training_reported and any(g["kind"] == "course" for g in listed)
    cadre.training_reported = training_reported
    if digest == (cadre.gaps_digest or NO_GAPS) and not reported_changed:
        return None
    cadre.gap_keys, cadre.gaps_digest = [g["key"] for g in listed], digest
    cadre.gaps_version = previous_version + 1
    return event("cadre.gaps.changed", cadre.id, cadre.gaps_state(listed))


def change_cadre(cadre: Cadre, mutate: Mutation, catalogue: Catalogue | None = None,
                 records: Sequence[rules.TrainingRecord] | None = None) -> tuple[Cadre, bool]:
    """Apply ``mutate`` and write; retried on a concurrent change. Returns (cadre, written).
    Without a ``catalogue`` (one cadre's change), the one the changed cadre needs is read."""
    given = catalogue
    for attempt in range(MAX_ATTEMPTS):
        if attempt:
            time.sleep(0.02 * attempt)  # let the writer holding the claim finish
            cadre = Cadre.objects(id=cadre.id).exclude("outbox").first()
            if cadre is None:
                raise ApiError(404)
        version, gaps_version, unit_before = cadre.version, cadre.gaps_version, cadre.unit_id
        event_type = mutate(cadre)
        events = []
        if event_type:
            cadre.version = version + 1
            events.append(event(event_type, cadre.id, cadre.state()))
        held = records if records is not None else training_records([cadre.id]).get(cadre.id, [])
        catalogue = given or Catalogue.of(cadre)
        gaps_event = refresh_gap_cache(cadre, catalogue.gaps_of(cadre, held, today()), gaps_version, bool(held))
        if gaps_event:
            events.append(gaps_event)
        if not events:
            return cadre, False
        cadre.validate()
        if claim_write(cadre.id, version, gaps_version):
            update_where(Cadre, {"_id": cadre.id}, {"$set": stored_fields(cadre, exclude=("created_at",))}, events)
            roster_writes.publish(cadre, left_unit=unit_before)
            return cadre, True
        records = None  # reload everything on the next attempt
    raise conflict()


def claim_write(cadre_id: str, version: int, gaps_version: int) -> bool:
    """Whether this writer is the one to move the cadre on from (version, gaps_version): a second
    writer that read the same version finds the claim taken. A claim whose writer died before
    writing (older than any request or event may take) is taken over."""
    claim_id = f"{cadre_id}|{version}|{gaps_version}"
    for _ in range(2):
        try:
            WriteClaim(id=claim_id).save(force_insert=True)
            return True
        except NotUniqueError:
            held = WriteClaim.objects(id=claim_id).first()
            if held is None or utcnow() - held.at < CLAIM_ABANDONED_AFTER:
                return False
            WriteClaim._get_collection().delete_one({"_id": claim_id})
    return False


def new_cadre(values: dict, unit: Unit, position: Position | None, catalogue: Catalogue) -> tuple[Cadre, list[dict]]:
    """A cadre not yet stored, with its first work-history line, its gaps and its events."""
    name = clean_name(values["full_name"])
    cadre = Cadre(**{k: v for k, v in values.items() if k not in ("full_name", "unit_id", "position_id")},
                  full_name=name, name_folded=fold(name), unit_id=unit.id,
                  position_id=position.id if position else None,
                  position_version=position.version if position else None,
                  is_leader=bool(position and position.is_leader))
    cadre.work_history = [Assignment(unit_id=unit.id, unit_name=unit.name, department_code=cadre.department_code,
                                     position_id=cadre.position_id, position_title=position.title if position else None,
                                     position_version=cadre.position_version, kind="appointment",
                                     from_date=cadre.appointed_on, to_date=None)]
    events = [event("cadre.registered", cadre.id, cadre.state())]
    gaps_event = refresh_gap_cache(cadre, catalogue.gaps_of(cadre, [], today()), 0, False)
    if gaps_event:
        events.append(gaps_event)
    return cadre, events


def department_problem(unit: Unit, department_code: str | None) -> str | None:
    if department_code and department_code not in {d.code for d in unit.departments}:
        return "Đơn vị không có phòng ban này / no such department in the unit"
    return None


def set_fields(cadre: Cadre, values: dict) -> bool:
    """Set dossier fields; True when any value differs from what the cadre holds."""
    changed = False
    for name, value in values.items():
        if name == "full_name":
            value = clean_name(value)
            cadre.name_folded = fold(value)
        if getattr(cadre, name) != value:
            setattr(cadre, name, value)
            changed = True
    return changed


def _history(cadre: Cadre) -> list[dict]:
    return [{name: getattr(entry, name) for name in Assignment._fields} for entry in cadre.work_history]


def assign(cadre: Cadre, unit: Unit, position: Position | None, department_code: str | None, kind: str,
           effective_on, note: str | None = None) -> None:
    """The cadre takes a new post from ``effective_on`` (luân chuyển, điều động, bổ nhiệm)."""
    post = {"unit_id": unit.id, "unit_name": unit.name, "department_code": department_code,
            "position_id": position.id if position else None, "position_title": position.title if position else None,
            "position_version": position.version if position else None, "kind": kind, "note": note}
    cadre.work_history = [Assignment(**entry) for entry in history_after_move(_history(cadre), post, effective_on)]
    cadre.unit_id, cadre.department_code = unit.id, department_code
    cadre.position_id, cadre.position_version = post["position_id"], post["position_version"]
    cadre.is_leader = bool(position and position.is_leader)
    cadre.reports_to = None  # named for the post left
    cadre.appointed_on = effective_on


def close_history(cadre: Cadre, on) -> None:
    cadre.work_history = [Assignment(**entry) for entry in history_closed(_history(cadre), on)]
