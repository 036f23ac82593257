"""Everything needed to score one unit's cadres in one period, handed to the pure rules: the unit's
organisation (who manages whom, for d), each cadre's sheet (tasks, HR's đ and e, the answers they
gave), citizens' satisfaction, dossier facts and the general-criteria policy of each position's
group. Answers count from the raters who belong to the unit (serving or gone, not moved to another
unit): a rater's sheet is read with their unit's.

Closing loads every unit with one ``RoundContext`` (the policies, positions and citizens' figures
read once for the province); a single unit's provisional scores make their own."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cadre_shared.periods import PeriodSpan
from cadre_shared.satisfaction import SatisfactionIndex, satisfaction_index

from ...registry import queries as registry
from ..domain.dossier_overrides import dossier_overrides
from ..domain.general_criteria import GeneralResult, citizen_score, general_criteria, rater_offsets
from ..domain.scoring import ScoreResult, TaskOutcome
from ..domain.unit_scores import CadreInputs, score_unit
from . import sheets
from .general_policy import Policies, PolicyInForce
from .organisation import UnitOrganisation, organisation_of
from .ratings import answers_of
from .satisfaction import citizen_figures


@dataclass
class RoundContext:
    """What every unit of one scoring run shares."""
    policies: Policies = field(default_factory=Policies)
    positions: dict[str, registry.PositionFacts] | None = None
    citizens: dict[str, SatisfactionIndex] | None = None   # None: read per unit


@dataclass
class UnitRound:
    span: PeriodSpan
    org: UnitOrganisation
    sheets: dict[str, dict]
    task_groups: dict[str, str | None]
    policies: dict[str, PolicyInForce]
    general: dict[str, GeneralResult]
    scores: dict[str, ScoreResult]

    @property
    def cadres(self) -> dict[str, registry.CadreFacts]:
        return self.org.cadres

    def leader_record(self, cadre_id: str) -> dict | None:
        return (self.sheets.get(cadre_id) or {}).get("leader")


def task_outcomes(sheet: dict | None) -> tuple[TaskOutcome, ...]:
    return tuple(TaskOutcome(t["coefficient"], t.get("completed_on") is not None, t.get("quality_failures") or 0,
                             t.get("delays") or 0, t.get("exempt_quality_failures") or 0, t.get("exempt_delays") or 0)
                 for t in ((sheet or {}).get("tasks") or {}).values())


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
    found = sheets.read_sheets(code, ids)
    task_groups = {i: positions[c.position_id].task_group if c.position_id in positions else None
                   for i, c in org.cadres.items()}
    policies = {i: context.policies.for_group(task_groups[i]) for i in ids}
    answers = answers_of(found.values(), set(ids))
    about: dict[str, list] = defaultdict(list)
    for a in answers:
        about[a.ratee_id].append(a)
    offsets = rater_offsets(answers) if any(p.policy.normalise_leniency for p in policies.values()) else {}
    citizens = context.citizens if context.citizens is not None else citizen_figures(ids, code)
    unit_conclusions = [fact for c in org.cadres.values() for fact in c.conclusions]
    general, inputs = {}, []
    for cadre_id, cadre in org.cadres.items():
        figures = citizens.get(cadre_id) or satisfaction_index({})
        general[cadre_id] = general_criteria(
            about[cadre_id], policies[cadre_id].policy,
            citizens=citizen_score(figures.satisfaction_rate if figures.enough else None),
            citizen_responses=figures.responses, offsets=offsets)
        record = (found.get(cadre_id) or {}).get("leader") or {}
        inputs.append(CadreInputs(
            cadre_id, cadre.is_leader, task_outcomes(found.get(cadre_id)), general[cadre_id].points,
            unit_plan_on_time=record.get("unit_plan_on_time", True), unity=record.get("unity", True),
            overrides=dossier_overrides(span, cadre.discipline, cadre.conclusions, unit_conclusions)))
    return UnitRound(span, org, found, task_groups, policies, general, score_unit(inputs, org.managed))
