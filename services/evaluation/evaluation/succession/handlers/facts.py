"""What eligibility and the shares read about candidates, gathered from the registry and the
appraisal in a few calls for a batch of entries, as the domain's plain values."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...appraisal import queries as appraisal
from ...registry import DISCIPLINE_MEASURES
from ...registry import queries as registry
from ..domain.eligibility import Candidate, Check, Discipline, Gap, YearResult, check, years_checked
from ..domain.rules import PlanningRules, Term


@dataclass(frozen=True)
class Proposal:
    """One cadre for one title of one unit, with what the entry plans for them."""
    cadre_id: str
    position_id: str
    unit_id: str
    standard_met_by: date | None = None
    courses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessed:
    cadre: registry.PlanningFacts
    check: Check
    trained: bool


def _latest_vote(facts: registry.ScrutinyFacts | None) -> tuple[int, str] | None:
    return (facts.votes[-1].year, facts.votes[-1].outcome) if facts and facts.votes else None


def assess(proposals: list[Proposal], rules: PlanningRules, term: Term, on: date) -> dict[Proposal, Assessed]:
    """Each proposal whose cadre exists, checked against the rules; trained = no course the title's
    standard asks is missing and every course the entry plans is passed."""
    cadres = {p.cadre_id: registry.planning_facts(p.cadre_id) for p in proposals}
    cadres = {cid: c for cid, c in cadres.items() if c is not None}
    years = years_checked(rules, on)
    results = appraisal.year_means(list(cadres), years) if years else {}
    gaps = registry.title_gaps((p.cadre_id, p.position_id, p.unit_id) for p in proposals if p.cadre_id in cadres)
    passed = registry.courses_passed(cadres)
    scrutiny = registry.scrutiny(cadres)
    found = {}
    for p in proposals:
        cadre = cadres.get(p.cadre_id)
        if cadre is None:
            continue
        title_gaps = gaps.get((p.cadre_id, p.position_id, p.unit_id), ())
        facts = scrutiny.get(p.cadre_id)
        candidate = Candidate(
            active=cadre.status == "active", gender=cadre.gender, birth_year=cadre.birth_year,
            discipline=tuple(Discipline(d.measure, DISCIPLINE_MEASURES.label(d.measure) or d.measure, d.decided_on)
                             for d in cadre.discipline),
            results=tuple(YearResult(y.year, y.mean, y.level) for y in results.get(p.cadre_id, {}).values()),
            gaps=tuple(Gap(g.key, g.label) for g in title_gaps), standard_met_by=p.standard_met_by,
            courses=p.courses, substantiated_reports=len(facts.substantiated()) if facts else 0,
            last_vote=_latest_vote(facts))
        trained = not any(g.kind == "course" for g in title_gaps) and set(p.courses) <= passed.get(p.cadre_id, set())
        found[p] = Assessed(cadre, check(candidate, rules, term, on), trained)
    return found
