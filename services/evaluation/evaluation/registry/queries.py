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
from .handlers import access, roster_reads, title_fit
from .handlers import scrutiny as scrutiny_records
from .handlers.catalogue import courses_passed as passed_courses
from .handlers.roster_writes import row_of
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
        conclusions=tuple(ConclusionFact(*c) for c in row["conclusions"]))


def _facts_of(doc: Cadre) -> CadreFacts:
    """A stored cadre's facts, by the same path as a roster row's."""
    return _facts(roster.decode(roster.encode(row_of(doc))))


def cadre(cadre_id: str | None) -> CadreFacts | None:
    row = roster_reads.rows_by_id([cadre_id]).get(cadre_id) if cadre_id else None
    return _facts(row) if row is not None else None


def cadres_by_id(cadre_ids) -> dict[str, CadreFacts]:
    return {cid: _facts(row) for cid, row in roster_reads.rows_by_id(set(cadre_ids)).items()}


def cadres_in(unit_ids: list[str] | None = None, active_only: bool = True) -> list[CadreFacts]:
    """The cadres of these units (None: of every unit), serving ones only unless ``active_only`` is off."""
    return [_facts(row) for row in roster_reads.rows(unit_ids) if row["status"] == "active" or not active_only]


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
    query = {"id": unit_id} if unit_id else {"kind__in": ["commune", "ward"]}
    return [UnitFacts(u.id, u.code, u.name, tuple((d.code, d.name) for d in u.departments))
            for u in Unit.objects(**query).only("id", "code", "name", "departments").order_by("code")]


# Succession planning (quy hoạch) reads the registry through the functions below; they are kept
# apart from CadreFacts because planning needs what the other contexts must not (age, the title's
# standard, what people's scrutiny found).

@dataclass(frozen=True)
class PlanningFacts:
    """A cadre as a succession plan checks them."""
    id: str
    code: str
    full_name: str
    unit_id: str
    position_id: str | None
    gender: str
    birth_year: int
    status: str
    discipline: tuple[DisciplineFact, ...]


@dataclass(frozen=True)
class TitleFacts:
    """A position as a key title of a plan."""
    id: str
    code: str
    title: str
    is_leader: bool
    key_title: str | None


@dataclass(frozen=True)
class UnitRef:
    id: str
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class TitleGap:
    """An unmet item of a title's standard: its key, kind (course, education, …) and what is lacking."""
    key: str
    kind: str
    code: str | None
    label: str


@dataclass(frozen=True)
class ReportFact:
    report_id: str
    substantiated: bool
    happened_on: date | None
    concluded_on: date


@dataclass(frozen=True)
class VoteFact:
    vote_id: str
    year: int
    ballots: int
    low_share: float | None
    outcome: str


@dataclass(frozen=True)
class ScrutinyFacts:
    """What citizens' reports and confidence votes found about a cadre (giám sát của Nhân dân)."""
    reports: tuple[ReportFact, ...] = ()
    votes: tuple[VoteFact, ...] = ()

    def substantiated(self) -> tuple[ReportFact, ...]:
        return tuple(r for r in self.reports if r.substantiated)


def planning_facts(cadre_id: str | None) -> PlanningFacts | None:
    doc = Cadre.objects(id=cadre_id).only("id", "code", "full_name", "unit_id", "position_id", "gender",
                                          "birth_year", "status", "discipline").first() if cadre_id else None
    if doc is None:
        return None
    return PlanningFacts(doc.id, doc.code, doc.full_name, doc.unit_id, doc.position_id, doc.gender, doc.birth_year,
                         doc.status, tuple(DisciplineFact(d.measure, d.decided_on, bool(d.duty_related))
                                           for d in doc.discipline))


def title_position(position_id: str | None) -> TitleFacts | None:
    doc = Position.objects(id=position_id).only("id", "code", "title", "is_leader", "key_title").first() \
        if position_id else None
    return TitleFacts(doc.id, doc.code, doc.title, bool(doc.is_leader), doc.key_title) if doc else None


def key_title_positions() -> list[TitleFacts]:
    """The positions HR marked as key titles, by code (the position catalogue is small)."""
    return [TitleFacts(p.id, p.code, p.title, bool(p.is_leader), p.key_title)
            for p in Position.objects.only("id", "code", "title", "is_leader", "key_title").order_by("code")
            if p.key_title]


def unit_ref(unit_id: str | None) -> UnitRef | None:
    doc = Unit.objects(id=unit_id).only("id", "code", "name", "kind").first() if unit_id else None
    return UnitRef(doc.id, doc.code, doc.name, doc.kind) if doc else None


def title_gaps(pairs) -> dict[tuple[str, str, str], tuple[TitleGap, ...]]:
    """(cadre id, position id, unit id) → the unmet items of the title's standard for that cadre."""
    return {pair: tuple(TitleGap(g.key, g.kind, g.code, g.label) for g in gaps)
            for pair, gaps in title_fit.gaps_for_titles(pairs).items()}


def courses_passed(cadre_ids) -> dict[str, frozenset[str]]:
    """The course codes each cadre passed, as the training results the registry keeps say."""
    return passed_courses(cadre_ids)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def scrutiny(cadre_ids) -> dict[str, ScrutinyFacts]:
    """Each cadre's concluded reports and confidence-vote results (cadres with none are absent;
    ``cadre_ids`` None: every cadre that has some)."""
    found = {}
    for cadre_id, record in scrutiny_records.records_of(cadre_ids).items():
        reports = tuple(ReportFact(rid, bool(f["substantiated"]), _date(f.get("happened_on")),
                                   date.fromisoformat(f["concluded_on"])) for rid, f in sorted(record.reports.items()))
        votes = tuple(VoteFact(vid, int(f["year"]), int(f["ballots"]), f.get("low_share"), f["outcome"])
                      for vid, f in sorted(record.votes.items(), key=lambda item: (item[1]["year"], item[0])))
        found[cadre_id] = ScrutinyFacts(reports, votes)
    return found
