"""Everything needed to score one unit's cadres in one period, loaded in a few queries and
handed to the pure rules: tasks, 360 answers, citizens' satisfaction, HR's leader records,
dossier facts and the general-criteria policy of each cadre's position group."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cadre_shared.periods import PeriodSpan
from cadre_shared.satisfaction import SatisfactionIndex

from ...registry import queries as registry
from ..domain.dossier_overrides import dossier_overrides
from ..domain.general_criteria import GeneralResult, citizen_score, general_criteria, rater_offsets
from ..domain.scoring import ScoreResult, TaskOutcome
from ..domain.unit_scores import CadreInputs, score_unit
from ..models.ratings import Rating
from ..models.scores import LeaderCriteriaRecord, score_id
from ..models.tasks import Task
from .general_policy import policies_for
from .ratings import answer_of
from .satisfaction import citizen_figures


@dataclass
class UnitRound:
    span: PeriodSpan
    cadres: dict[str, registry.CadreFacts]
    task_groups: dict[str, str | None]
    citizens: dict[str, SatisfactionIndex]
    general: dict[str, GeneralResult]
    leader_records: dict[str, LeaderCriteriaRecord]
    scores: dict[str, ScoreResult]


def load_unit_round(unit_id: str, span: PeriodSpan) -> UnitRound:
    code = span.code
    cadres = {c.id: c for c in registry.cadres_in([unit_id], active_only=False)}
    ids = list(cadres)
    positions = registry.positions_by_id(c.position_id for c in cadres.values())
    task_groups = {i: positions[c.position_id].task_group if c.position_id in positions else None
                   for i, c in cadres.items()}
    policies = policies_for(task_groups.values())
    tasks: dict[str, list[TaskOutcome]] = defaultdict(list)
    for t in Task.objects(period=code, cadre_id__in=ids):
        tasks[t.cadre_id].append(TaskOutcome(t.coefficient, t.completed_on is not None, t.quality_failures or 0,
                                             t.delays or 0, t.exempt_quality_failures or 0, t.exempt_delays or 0))
    answers = [answer_of(r) for r in Rating.objects(period=code, ratee_id__in=ids)]
    about: dict[str, list] = defaultdict(list)
    for a in answers:
        about[a.ratee_id].append(a)
    offsets = rater_offsets(answers) if any(p.normalise_leniency for p in policies.values()) else {}
    citizens = citizen_figures(ids, code)
    records = {r.cadre_id: r for r in LeaderCriteriaRecord.objects(id__in=[score_id(code, i) for i in ids])}
    unit_conclusions = [fact for c in cadres.values() for fact in c.conclusions]
    general, inputs = {}, []
    for cadre_id, cadre in cadres.items():
        figures = citizens[cadre_id]
        general[cadre_id] = general_criteria(
            about[cadre_id], policies[task_groups[cadre_id]],
            citizens=citizen_score(figures.satisfaction_rate if figures.enough else None),
            citizen_responses=figures.responses, offsets=offsets)
        record = records.get(cadre_id)
        inputs.append(CadreInputs(
            cadre_id, cadre.is_leader, tuple(tasks.get(cadre_id, ())), general[cadre_id].points,
            unit_plan_on_time=record.unit_plan_on_time if record else True, unity=record.unity if record else True,
            overrides=dossier_overrides(span, cadre.discipline, cadre.conclusions, unit_conclusions)))
    return UnitRound(span, cadres, task_groups, citizens, general, records, score_unit(inputs))
