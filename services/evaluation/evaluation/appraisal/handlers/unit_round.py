"""Everything needed to score one unit's cadres in one period, handed to the pure rules: the unit's
organisation (who manages whom, for d), each cadre's tasks and HR's đ and e, the 360 answers about
them, citizens' satisfaction, substantiated citizens' reports (group 4), dossier facts and the
general-criteria policy of each position's group.

Closing loads every unit with one ``RoundContext``: the policies, positions, citizens' figures and
reports read once for the province, and the period's sheets read once, start to end (``PeriodSheets``), so
every answer given in the period counts, also one whose rater has since moved to another unit. A
single unit's provisional scores read its own cadres' sheets by ``_id`` (the answers of its present
cadres)."""
from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from cadre_shared.periods import PeriodSpan
from cadre_shared.satisfaction import SatisfactionIndex, satisfaction_index

from ...common.settings import report_deduction
from ...registry import queries as registry
from ..domain.dossier_overrides import dossier_overrides
from ..domain.general_criteria import Answer, GeneralResult, citizen_score, general_criteria, rater_offsets
from ..domain.integrity import integrity_deduction, reports_in_period
from ..domain.scoring import ScoreResult, TaskOutcome
from ..domain.unit_scores import CadreInputs, score_unit
from . import sheets
from .general_policy import Policies, PolicyInForce
from .organisation import UnitOrganisation, organisation_of
from .ratings import answers_of
from .satisfaction import citizen_figures


@dataclass
class PeriodSheets:
    """The sheets of a period as the rules need them: each cadre's task outcomes and đ, e record, and
    the answers about each ratee (compact: a province's worth is held at closing)."""
    outcomes: dict[str, tuple[TaskOutcome, ...]]  # cadre → their tasks as the rules count them
    leaders: dict[str, dict | None]               # cadre → HR's đ and e record
    about: dict[str, list[Answer]]                # ratee → the answers about them

    @classmethod
    def of(cls, task_docs, rating_docs, ratees: set[str] | None = None) -> "PeriodSheets":
        return cls(*_task_records(task_docs), _by_ratee(answers_of(rating_docs, ratees)))

    @classmethod
    def of_cadres(cls, code: str, cadre_ids: list[str]) -> "PeriodSheets":
        """These cadres' sheets, each read by ``_id``; answers among them only."""
        return cls.of(sheets.read_many(sheets.TASKS, code, cadre_ids).values(),
                      sheets.read_many(sheets.RATINGS, code, cadre_ids).values(), set(cadre_ids))

    @classmethod
    def whole(cls, code: str) -> "PeriodSheets":
        """Every sheet of the period, each collection read once start to end, the two at once: the store
        reads and sends one while this process decodes the other (measured: the reads are a third of
        closing a province)."""
        with ThreadPoolExecutor(1) as pool:
            tasks = pool.submit(lambda: _task_records(sheets.whole_period(sheets.TASKS, code)))
            about = _by_ratee(answers_of(sheets.whole_period(sheets.RATINGS, code), None))
            return cls(*tasks.result(), about)


def _task_records(task_docs) -> tuple[dict[str, tuple[TaskOutcome, ...]], dict[str, dict | None]]:
    outcomes, leaders = {}, {}
    for doc in task_docs:
        sheet = sheets.task_sheet(doc)
        outcomes[sheet.cadre_id], leaders[sheet.cadre_id] = task_outcomes(sheet), sheet.leader
    return outcomes, leaders


def _by_ratee(answers: list[Answer]) -> dict[str, list[Answer]]:
    about: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        about[a.ratee_id].append(a)
    return about


@dataclass
class RoundContext:
    """What every unit of one scoring run shares."""
    policies: Policies = field(default_factory=Policies)
    positions: dict[str, registry.PositionFacts] | None = None
    citizens: dict[str, SatisfactionIndex] | None = None   # None: read per unit
    sheets: PeriodSheets | None = None                    # None: read per unit
    integrity: dict[str, tuple[int, float]] | None = None  # None: read per unit (see integrity_of)


@dataclass
class UnitRound:
    span: PeriodSpan
    org: UnitOrganisation
    leaders: dict[str, dict | None]                       # cadre → HR's đ and e record
    task_groups: dict[str, str | None]
    policies: dict[str, PolicyInForce]
    general: dict[str, GeneralResult]
    scores: dict[str, ScoreResult]

    @property
    def cadres(self) -> dict[str, registry.CadreFacts]:
        return self.org.cadres

    def leader_record(self, cadre_id: str) -> dict | None:
        return self.leaders.get(cadre_id)


def task_outcomes(sheet: sheets.TaskSheet | None) -> tuple[TaskOutcome, ...]:
    return tuple(TaskOutcome(t["coefficient"], t.get("completed_on") is not None, t.get("quality_failures") or 0,
                             t.get("delays") or 0, t.get("exempt_quality_failures") or 0, t.get("exempt_delays") or 0)
                 for t in (sheet.tasks.values() if sheet else ()))


def integrity_of(cadre_ids: list[str] | None, span: PeriodSpan) -> dict[str, tuple[int, float]]:
    """Substantiated citizens' reports concluded in the period, and the points they take off group 4
    (None: of every cadre who has a scrutiny record, for closing the whole province)."""
    per_report = report_deduction()
    found = {}
    for cadre_id, facts in registry.scrutiny(cadre_ids).items():
        count = reports_in_period((r.concluded_on for r in facts.substantiated()), span)
        if count:
            found[cadre_id] = (count, integrity_deduction(count, per_report))
    return found


def load_unit_round(unit_id: str, span: PeriodSpan, context: RoundContext | None = None,
                    cadres: list[registry.CadreFacts] | None = None) -> UnitRound:
    context = context or RoundContext()
    code = span.code
    if cadres is None:
        cadres = registry.cadres_in([unit_id], active_only=False)
    positions = context.positions
    if positions is None:
        positions = registry.positions_by_id(c.position_id for c in cadres)
    org = organisation_of(unit_id, cadres, positions)
    ids = list(org.cadres)
    period = context.sheets or PeriodSheets.of_cadres(code, ids)
    task_groups = {i: positions[c.position_id].task_group if c.position_id in positions else None
                   for i, c in org.cadres.items()}
    policies = {i: context.policies.for_group(task_groups[i]) for i in ids}
    about = {i: period.about.get(i, []) for i in ids}
    normalise = any(p.policy.normalise_leniency for p in policies.values())
    offsets = rater_offsets([a for i in ids for a in about[i]]) if normalise else {}
    citizens = context.citizens if context.citizens is not None else citizen_figures(ids, code)
    integrity = context.integrity if context.integrity is not None else integrity_of(ids, span)
    unit_conclusions = [fact for c in org.cadres.values() for fact in c.conclusions]
    general, inputs = {}, []
    for cadre_id, cadre in org.cadres.items():
        figures = citizens.get(cadre_id) or satisfaction_index({})
        general[cadre_id] = general_criteria(
            about[cadre_id], policies[cadre_id].policy,
            citizens=citizen_score(figures.satisfaction_rate if figures.enough else None),
            citizen_responses=figures.responses, offsets=offsets, integrity=integrity.get(cadre_id, (0, 0.0)))
        record = period.leaders.get(cadre_id) or {}
        inputs.append(CadreInputs(
            cadre_id, cadre.is_leader, period.outcomes.get(cadre_id, ()), general[cadre_id].points,
            unit_plan_on_time=record.get("unit_plan_on_time", True), unity=record.get("unity", True),
            overrides=dossier_overrides(span, cadre.discipline, cadre.conclusions, unit_conclusions)))
    leaders = {i: period.leaders.get(i) for i in ids}
    return UnitRound(span, org, leaders, task_groups, policies, general, score_unit(inputs, org.managed))
