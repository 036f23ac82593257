"""What the other contexts may know of the registry, as plain values: cadres, positions and units,
and who may see or manage them, and (for succession plans) ages, title standards and scrutiny facts.
The appraisal, the early warning, the scorecard and succession read the registry through these
functions only, never its documents. Cadres come from the rosters (``handlers/roster_reads.py``):
a unit's members or the whole province in milliseconds, current as of the call."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cadre_shared.auth import Principal

from .domain import roster
from .domain.dossier import ConclusionFact, DisciplineFact, may_manage
from .handlers import access, roster_reads
from .handlers.planning_reads import (PlanningFacts, ReportFact, ScrutinyFacts, TitleFacts, TitleGap,  # noqa: F401
                                      UnitRef, VoteFact, courses_passed, key_title_positions, planning_facts,
                                      scrutiny, title_gaps, title_position, unit_ref)
from .handlers.positions import positions_kept
from .handlers.roster_writes import row_of
from .handlers.units import every_unit, units_kept
from .models import Cadre, Position, Unit


@dataclass(frozen=True)
class CadreFacts:
    """A cadre as the other contexts use it (ethnicity, discipline and conclusions are sensitive:
    for rules and the fairness audit, never shown by another context)."""
    id: str
    code: str
    full_name: str
    unit_id: str
    position_id: str | None
    is_leader: bool
    status: str
    department_code: str | None
    reports_to: str | None          # the direct leader HR named (see registry.direct_leaders)
    gender: str
    ethnicity: str | None
    is_local: bool
    appointed_on: date | None
    probation_until: date | None
    gap_keys: tuple[str, ...]
    discipline: tuple[DisciplineFact, ...]
    conclusions: tuple[ConclusionFact, ...]
    birth_year: int | None = None   # sensitive like gender: the fairness audit's age bands only
    # whether the training service has reported on the cadre (None: a row kept before this was)
    training_reported: bool | None = None
    registered_on: date | None = None       # the day the cadre entered the platform (None: a row kept before)

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class PositionFacts:
    id: str
    code: str
    task_group: str
    title: str = ""
    leadership: str = "none"         # what a holder heads (registry.LEADERSHIP)
    version: int = 1                 # the current version (it carries the standard)


@dataclass(frozen=True)
class UnitFacts:
    id: str
    code: str
    name: str
    departments: tuple[tuple[str, str], ...] = ()  # (code, name) of its phòng, ban, trung tâm


def _facts(row: dict) -> CadreFacts:
    return CadreFacts(
        id=row["id"], code=row["code"], full_name=row["full_name"], unit_id=row["unit_id"],
        position_id=row["position_id"], is_leader=row["is_leader"], status=row["status"],
        department_code=row["department_code"], reports_to=row["reports_to"], gender=row["gender"],
        ethnicity=row["ethnicity"], is_local=row["is_local"], appointed_on=row["appointed_on"],
        probation_until=row["probation_until"], gap_keys=row["gap_keys"],
        discipline=tuple(DisciplineFact(*d) for d in row["discipline"]),
        conclusions=tuple(ConclusionFact(*c) for c in row["conclusions"]), birth_year=row.get("birth_year"),
        training_reported=row.get("training_reported"), registered_on=row.get("registered_on"))


# Each roster row's facts, built once: a worker's rows stay the same objects until their unit's roster
# is read again (handlers/roster_reads.py), and a province-wide read (the scorecard, the early warning)
# built ten thousand facts a call. Keyed by the row object (kept beside its facts, so the key is not
# reused while held); at most FACTS_KEPT, rows of rosters read again since included.
_row_facts: dict[int, tuple[dict, CadreFacts]] = {}
FACTS_KEPT = 120_000


def _facts_of_row(row: dict) -> CadreFacts:
    held = _row_facts.get(id(row))
    if held is not None and held[0] is row:
        return held[1]
    facts = _facts(row)
    if len(_row_facts) >= FACTS_KEPT:
        _row_facts.clear()
    _row_facts[id(row)] = (row, facts)
    return facts


def _facts_of(doc: Cadre) -> CadreFacts:
    """A stored cadre's facts, by the same path as a roster row's."""
    return _facts(roster.decode(roster.encode(row_of(doc))))


def cadre(cadre_id: str | None) -> CadreFacts | None:
    row = roster_reads.rows_by_id([cadre_id]).get(cadre_id) if cadre_id else None
    return _facts_of_row(row) if row is not None else None


def cadres_by_id(cadre_ids) -> dict[str, CadreFacts]:
    return {cid: _facts_of_row(row) for cid, row in roster_reads.rows_by_id(set(cadre_ids)).items()}


def cadres_in(unit_ids: list[str] | None = None, active_only: bool = True) -> list[CadreFacts]:
    """The cadres of these units (None: of every unit), serving ones only unless ``active_only`` is off."""
    return [_facts_of_row(row) for row in roster_reads.rows(unit_ids) if row["status"] == "active" or not active_only]


def kept_while_rosters_unchanged(key, compute):
    """``compute()`` (which reads cadres through these functions) kept by the worker while no roster has
    changed: another context's figures over a whole province's cadres. Shared: callers do not change it."""
    return roster_reads.kept(("queries", key), lambda _rows_of: compute())


def versions() -> tuple:
    """The versions of what the cadres (the rosters), ``units_in_scope`` and ``key_title_positions``
    read, as of this call (three reads by ``_id``): a result kept over them is current while they match."""
    return roster_reads.version(), units_kept.version(Unit._get_db()), positions_kept.version(Position._get_db())


def visible_cadre(principal: Principal, cadre_id: str, not_found: str | None = None) -> CadreFacts:
    """The cadre, when the caller may see them; otherwise 404 (their existence is not revealed)."""
    return _facts_of(access.visible_cadre(principal, cadre_id, not_found))


def managed_cadre(principal: Principal, cadre_id: str) -> CadreFacts:
    """The cadre, when the caller may change their records (404 unseen, 403 seen but not theirs)."""
    return _facts_of(access.managed_cadre(principal, cadre_id))


def may_manage_unit(principal: Principal, unit_id: str) -> bool:
    """Province HR anywhere, a unit's HR in their own unit."""
    return may_manage(principal.role, principal.unit_id, unit_id)


def unit_scope(principal: Principal, unit_id: str | None) -> str | None:
    """The unit to work on: the one asked for (it must exist and be in scope), else a unit-scoped
    caller's own, else None (province-wide callers: every unit)."""
    if unit_id:
        access.existing_unit(principal, unit_id)
        return unit_id
    return None if principal.is_province_wide else principal.unit_id


def positions_by_id(position_ids) -> dict[str, PositionFacts]:
    wanted = list({p for p in position_ids if p})
    return {p.id: PositionFacts(p.id, p.code, p.task_group, p.title, p.leadership or "none", p.version)
            for p in Position.objects(id__in=wanted).only("id", "code", "task_group", "title", "leadership", "version")}


def units_in_scope(unit_id: str | None) -> list[UnitFacts]:
    """One unit, or (None) every commune and ward of the province, by code."""
    return [UnitFacts(u.id, u.code, u.name, tuple((d.code, d.name) for d in u.departments))
            for u in every_unit() if (u.id == unit_id if unit_id else u.kind in ("commune", "ward"))]


def unit_areas() -> dict[str, str | None]:
    """Each unit's area (urban, rural, mountain)."""
    return {u.id: u.area for u in every_unit()}


def unit_names() -> dict[str, str]:
    """Each unit's name, the province's included."""
    return {u.id: u.name for u in every_unit()}
