"""General criteria (tiêu chí chung, 30 points) rated 360-degree (Quy định 366-QĐ/TW).

Three index groups of the resolution, 10 points each by default: (2) service to citizens and
businesses (phục vụ Nhân dân, doanh nghiệp), (3) coordination and organising implementation
(phối hợp, tổ chức thực hiện), (4) discipline and integrity (kỷ luật, kỷ cương, liêm chính).
Each rater answers 0–10 per index group. Rater groups: self, direct leader, peers, subordinates
and — for group (2) only — citizens, from the kiosk satisfaction of the cadre's counter work.

- An index group's score (0–10) is the weighted mean of the rater groups' means; a group with
  no raters is left out and the others are re-weighted.
- Peers and subordinates are anonymous: their group counts, and is shown, only when at least
  3 raters of that group answered (fewer could be traced back to a person, so such a group is
  treated as absent rather than hidden inside a total someone could work backwards from).
- Substantiated citizens' reports lower the discipline-and-integrity group's score (``integrity``):
  ``integrity_deduction`` points off its 0–10 score, never below 0.
- Rater leniency: a rater's answers can be normalised against their own mean across the people
  they rated; a unit where nearly everyone gets the top grade is flagged (nể nang, bình quân
  chủ nghĩa).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from .scoring import GENERAL_MAX

INDEX_GROUPS = ("service", "coordination", "discipline")
INDEX_NAMES_VI = {"service": "Phục vụ Nhân dân, doanh nghiệp", "coordination": "Phối hợp, tổ chức thực hiện",
                  "discipline": "Kỷ luật, kỷ cương, liêm chính"}
PERSON_GROUPS = ("self", "leader", "peer", "subordinate")  # answered by a cadre
RATER_GROUPS = (*PERSON_GROUPS, "citizens")
ANONYMOUS_GROUPS = ("peer", "subordinate")
CITIZEN_INDEX = "service"
SCALE_MAX = 10.0
MIN_ANONYMOUS_RATERS = 3
DEFAULT_INDEX_POINTS = MappingProxyType({"service": 10.0, "coordination": 10.0, "discipline": 10.0})
DEFAULT_WEIGHTS = MappingProxyType({"leader": 0.40, "peer": 0.20, "subordinate": 0.10, "self": 0.10,
                                    "citizens": 0.20})
# Leniency: a rater's mean says something about them only over several people.
MIN_RATEES_TO_NORMALISE = 3
# "Nearly everyone gets the top grade": ≥ 90 % of at least 5 rated cadres averaging ≥ 9 of 10
# from others on every index group.
TOP_GRADE = 9.0
LENIENT_SHARE = 0.9
LENIENT_MIN_RATEES = 5
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Policy:
    """The general-criteria policy of a position group (configurable data)."""

    index_points: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_INDEX_POINTS))
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    normalise_leniency: bool = False

    def __post_init__(self):
        if set(self.index_points) != set(INDEX_GROUPS) or any(v < 0 for v in self.index_points.values()):
            raise ValueError("index points: service, coordination, discipline, none negative")
        if abs(sum(self.index_points.values()) - GENERAL_MAX) > _TOLERANCE:
            raise ValueError(f"index points must add up to {GENERAL_MAX:g}")
        if set(self.weights) != set(RATER_GROUPS) or any(v < 0 for v in self.weights.values()):
            raise ValueError("weights: leader, peer, subordinate, self, citizens, none negative")
        if abs(sum(self.weights.values()) - 1.0) > 1e-6:
            raise ValueError("weights must add up to 1")


@dataclass(frozen=True)
class Answer:
    """One rater's answer about one ratee: a score 0–10 per index group."""

    rater_id: str
    ratee_id: str
    group: str
    scores: Mapping[str, float]


@dataclass(frozen=True)
class GroupFigure:
    raters: int
    mean: float | None     # None when absent or not shown
    counted: bool          # took part in the index score
    weight: float          # weight after re-weighting (0 when not counted)
    hidden: bool = False   # anonymous group with fewer than 3 raters


@dataclass(frozen=True)
class IndexResult:
    max_points: float
    score: float | None    # 0–10; None when nobody counted answered
    points: float
    groups: dict[str, GroupFigure] = field(default_factory=dict)
    reports: int = 0         # substantiated citizens' reports counted (integrity group only)
    deduction: float = 0.0   # points they took off the 0–10 score


@dataclass(frozen=True)
class GeneralResult:
    points: float
    complete: bool         # every index group had at least one counted rater group
    normalised: bool
    indices: dict[str, IndexResult]

    def as_record(self) -> dict:
        """The breakdown as stored and published: index and rater-group codes with their figures."""
        return {"points": self.points, "complete": self.complete, "normalised": self.normalised,
                "indices": {i: {"max_points": r.max_points, "score": r.score, "points": r.points,
                                "groups": {g: vars(r.groups[g]) for g in RATER_GROUPS},
                                **({"reports": r.reports, "deduction": r.deduction} if r.reports else {})}
                            for i, r in ((i, self.indices[i]) for i in INDEX_GROUPS)}}


def shown(group: str, raters: int) -> bool:
    """The ≥ 3 rule: an anonymous group (peers, subordinates) is shown from 3 raters on."""
    if group in ANONYMOUS_GROUPS:
        return raters >= MIN_ANONYMOUS_RATERS
    return raters > 0


def reweighted(weights: Mapping[str, float], present: Iterable[str]) -> dict[str, float]:
    """The weights of the present groups, scaled to add up to 1 (absent groups give theirs away)."""
    kept = {g: weights[g] for g in present if weights.get(g, 0) > 0}
    total = sum(kept.values())
    return {g: w / total for g, w in kept.items()} if total > 0 else {}


def citizen_score(satisfaction_rate: float | None) -> float | None:
    """Citizens' mark on the 0–10 scale: satisfaction rate × 10, only from a figure with enough
    responses (the caller passes None for "not enough responses")."""
    if satisfaction_rate is None:
        return None
    if not 0 <= satisfaction_rate <= 1:
        raise ValueError("a satisfaction rate is within 0–1")
    return satisfaction_rate * SCALE_MAX


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _clamp(value: float) -> float:
    return min(SCALE_MAX, max(0.0, value))


def rater_offsets(answers: Iterable[Answer]) -> dict[str, dict[str, float]]:
    """Leniency of each rater: their mean minus everyone's mean, per index group, over the
    answers they gave about others (self-assessment says nothing about leniency to others).
    Raters who rated fewer than 3 people are not judged (offset 0)."""
    about_others = [a for a in answers if a.group != "self"]
    if not about_others:
        return {}
    reference = {i: _mean([a.scores[i] for a in about_others]) for i in INDEX_GROUPS}
    by_rater: dict[str, list[Answer]] = defaultdict(list)
    for a in about_others:
        by_rater[a.rater_id].append(a)
    offsets = {}
    for rater, given in by_rater.items():
        if len({a.ratee_id for a in given}) >= MIN_RATEES_TO_NORMALISE:
            offsets[rater] = {i: _mean([a.scores[i] for a in given]) - reference[i] for i in INDEX_GROUPS}
    return offsets


def normalised(answers: Iterable[Answer], offsets: Mapping[str, Mapping[str, float]]) -> list[Answer]:
    """Answers with each judged rater's leniency taken out, kept within 0–10; self-assessment as given."""
    out = []
    for a in answers:
        offset = offsets.get(a.rater_id) if a.group != "self" else None
        if offset is None:
            out.append(a)
        else:
            out.append(Answer(a.rater_id, a.ratee_id, a.group,
                              {i: _clamp(a.scores[i] - offset[i]) for i in INDEX_GROUPS}))
    return out


def index_result(index: str, answers: list[Answer], citizens: float | None, citizen_responses: int,
                 policy: Policy) -> IndexResult:
    by_group: dict[str, list[float]] = defaultdict(list)
    for a in answers:
        by_group[a.group].append(a.scores[index])
    figures: dict[str, tuple[int, float | None]] = {g: (len(v), _mean(v)) for g, v in by_group.items()}
    if index == CITIZEN_INDEX and citizens is not None:
        figures["citizens"] = (citizen_responses, citizens)
    counted = [g for g, (n, _) in figures.items() if shown(g, n)]
    weights = reweighted(policy.weights, counted)
    groups = {}
    for g in RATER_GROUPS:
        n, mean = figures.get(g, (0, None))
        visible = shown(g, n)
        groups[g] = GroupFigure(raters=n, mean=mean if visible else None, counted=g in weights,
                                weight=weights.get(g, 0.0), hidden=n > 0 and not visible)
    score = sum(weights[g] * figures[g][1] for g in weights) if weights else None
    max_points = float(policy.index_points[index])
    points = max_points * score / SCALE_MAX if score is not None else 0.0
    return IndexResult(max_points=max_points, score=score, points=points, groups=groups)


def with_reports(result: IndexResult, reports: int, deduction: float) -> IndexResult:
    """The integrity group's result once substantiated reports took ``deduction`` off its score."""
    if not reports or result.score is None:
        return result
    score = max(0.0, result.score - deduction)
    return IndexResult(max_points=result.max_points, score=score, points=result.max_points * score / SCALE_MAX,
                       groups=result.groups, reports=reports, deduction=result.score - score)


def general_criteria(answers: Iterable[Answer], policy: Policy = Policy(), *, citizens: float | None = None,
                     citizen_responses: int = 0,
                     offsets: Mapping[str, Mapping[str, float]] | None = None,
                     integrity: tuple[int, float] = (0, 0.0)) -> GeneralResult:
    """The general points (0–30) of one ratee from the answers about them.

    ``citizens`` is the citizens' mark (0–10) or None; ``offsets`` the raters' leniency over
    the whole unit (see ``rater_offsets``), used when the policy normalises leniency;
    ``integrity`` the substantiated reports of the period and the points they take off the
    integrity group's score (``domain.integrity``).
    """
    answers = list(answers)
    if policy.normalise_leniency and offsets:
        answers = normalised(answers, offsets)
    indices = {i: index_result(i, answers, citizens, citizen_responses, policy) for i in INDEX_GROUPS}
    indices["discipline"] = with_reports(indices["discipline"], *integrity)
    points = min(GENERAL_MAX, sum(r.points for r in indices.values()))
    return GeneralResult(points=points, complete=all(r.score is not None for r in indices.values()),
                         normalised=bool(policy.normalise_leniency and offsets), indices=indices)


@dataclass(frozen=True)
class LeniencyCheck:
    rated: int
    top_graded: int
    share: float | None
    flagged: bool


def top_graded(answers_about_one: list[Answer]) -> bool:
    """Got the top grade: others' mean ≥ 9 of 10 on every index group."""
    others = [a for a in answers_about_one if a.group != "self"]
    return bool(others) and all(_mean([a.scores[i] for a in others]) >= TOP_GRADE for i in INDEX_GROUPS)


def lenient_unit(answers: Iterable[Answer]) -> LeniencyCheck:
    """Nể nang, bình quân chủ nghĩa: nearly everyone rated in the unit gets the top grade."""
    by_ratee: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        if a.group != "self":
            by_ratee[a.ratee_id].append(a)
    rated = len(by_ratee)
    top = sum(1 for given in by_ratee.values() if top_graded(given))
    share = top / rated if rated else None
    flagged = rated >= LENIENT_MIN_RATEES and share is not None and share >= LENIENT_SHARE
    return LeniencyCheck(rated=rated, top_graded=top, share=share, flagged=flagged)
