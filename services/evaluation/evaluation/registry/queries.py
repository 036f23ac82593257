"""What the other contexts may know of the registry, as plain values: cadres, positions and units,
and who may see or manage them. The appraisal, the early warning and the scorecard read the
registry through these functions only, never its documents."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cadre_shared.auth import Principal

from .domain.dossier import ConclusionFact, DisciplineFact, may_manage
from .handlers import access
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


FIELDS = ("id", "code", "full_name", "unit_id", "position_id", "is_leader", "status", "department_code", "reports_to",
          "gender", "ethnicity", "is_local", "appointed_on", "probation_until", "gap_keys", "discipline", "conclusions")


def _facts(doc: Cadre) -> CadreFacts:
    return CadreFacts(
        id=doc.id, code=doc.code, full_name=doc.full_name, unit_id=doc.unit_id, position_id=doc.position_id,
        is_leader=bool(doc.is_leader), status=doc.status, department_code=doc.department_code,
        reports_to=doc.reports_to, gender=doc.gender, ethnicity=doc.ethnicity,
        is_local=bool(doc.is_local), appointed_on=doc.appointed_on, probation_until=doc.probation_until,
        gap_keys=tuple(doc.gap_keys or ()),
        discipline=tuple(DisciplineFact(d.measure, d.decided_on, bool(d.duty_related)) for d in doc.discipline),
        conclusions=tuple(ConclusionFact(c.type, c.concluded_on) for c in doc.conclusions))


def cadre(cadre_id: str | None) -> CadreFacts | None:
    doc = Cadre.objects(id=cadre_id).only(*FIELDS).first() if cadre_id else None
    return _facts(doc) if doc is not None else None


def cadres_by_id(cadre_ids) -> dict[str, CadreFacts]:
    return {doc.id: _facts(doc) for doc in Cadre.objects(id__in=list(set(cadre_ids))).only(*FIELDS)}


def cadres_in(unit_ids: list[str] | None = None, active_only: bool = True) -> list[CadreFacts]:
    """The cadres of these units (None: of every unit), serving ones only unless ``active_only`` is off."""
    query = {"unit_id__in": unit_ids} if unit_ids is not None else {}
    if active_only:
        query["status"] = "active"
    return [_facts(doc) for doc in Cadre.objects(**query).only(*FIELDS)]


def visible_cadre(principal: Principal, cadre_id: str, not_found: str | None = None) -> CadreFacts:
    """The cadre, when the caller may see them; otherwise 404 (their existence is not revealed)."""
    return _facts(access.visible_cadre(principal, cadre_id, not_found))


def managed_cadre(principal: Principal, cadre_id: str) -> CadreFacts:
    """The cadre, when the caller may change their records (404 unseen, 403 seen but not theirs)."""
    return _facts(access.managed_cadre(principal, cadre_id))


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
