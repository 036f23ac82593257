"""What succession planning (quy hoạch) reads of the registry, as plain values, kept apart from
``queries.CadreFacts`` because planning needs what the other contexts must not: age, the title's
standard, what people's scrutiny found. ``queries`` re-exports these names: the other contexts
still read the registry through it only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dossier import DisciplineFact
from ..models import Cadre, Position, Unit
from . import scrutiny as scrutiny_records
from . import title_fit
from .catalogue import courses_passed as passed_courses


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
