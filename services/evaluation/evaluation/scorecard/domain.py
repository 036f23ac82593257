"""The resolution targets scorecard (PRODUCT §3.6; seed 001, section I.2.2): each figure per unit
and for the province, with its target beside it. Targets and the titles they concern are data."""
from __future__ import annotations

from dataclasses import dataclass

from cadre_shared.satisfaction import MIN_RESPONSES

from ..registry import DISCIPLINE_MEASURES

GOOD_LEVELS = ("excellent", "good")
# Bí thư, chủ tịch UBND, chủ nhiệm UBKT, trưởng công an, chỉ huy trưởng quân sự (target (4)), by the
# key title HR sets on the position.
NON_LOCAL_TITLES = ("party_secretary", "pc_chairman", "inspection_head", "police_chief", "military_commander")
# Party discipline reads "nghiêm trọng" from cảnh cáo up (khiển trách: ít nghiêm trọng).
SERIOUS_FROM = "warning"

TARGETS = {
    "discipline_violations": {
        "name": "Cán bộ bị kỷ luật trong năm (vi phạm nghiêm trọng) / cadres disciplined this year (serious)",
        "comparison": "<=", "target": 0,
        "target_text": "giảm rõ rệt; không có vi phạm nghiêm trọng / a marked fall; no serious violation"},
    "key_cadres_meet_standard": {
        "name": "Cán bộ chủ chốt đạt tiêu chuẩn chức danh / key cadres meeting their title's standard",
        "comparison": ">", "target": 0.90, "target_text": "trên 90% / over 90%"},
    "good_or_better": {"name": "Tỷ lệ cán bộ hoàn thành tốt nhiệm vụ trở lên / rated good or better",
                       "comparison": ">", "target": 0.90, "target_text": "trên 90% hằng năm / over 90% each year"},
    "key_titles_non_local": {"name": "Chức danh chủ chốt không là người địa phương / key titles held by non-locals",
                             "comparison": ">=", "target": 1.0, "target_text": "100%"},
    "women_in_standing_committee": {
        "name": "Có cán bộ nữ trong ban thường vụ (lãnh đạo chủ chốt) / women in the standing committee",
        "comparison": ">=", "target": 1.0,
        "target_text": "đơn vị: ít nhất 1 cán bộ nữ; tỉnh: 100% đơn vị / unit: at least one woman; province: every unit"},
    "key_cadres_trained": {"name": "Cán bộ chủ chốt được đào tạo, bồi dưỡng đủ / key cadres trained",
                           "comparison": ">=", "target": 1.0, "target_text": "100%"},
    "digital_skills": {"name": "Cán bộ đạt chuẩn kỹ năng số / cadres meeting the digital-skill standard",
                       "comparison": ">=", "target": 1.0, "target_text": "100%"},
    "citizen_satisfaction": {"name": "Mức độ hài lòng của người dân / citizen satisfaction",
                             "comparison": ">=", "target": 1.0, "target_text": "100% vào năm 2030 / 100% by 2030"},
    "below_standard_leaders_replaced": {
        "name": "Lãnh đạo không hoàn thành nhiệm vụ đã được thay thế / leaders rated below standard replaced",
        "comparison": ">=", "target": 1.0, "target_text": "100%, kịp thời / 100%, promptly"},
}


@dataclass(frozen=True)
class ScorecardCadre:
    cadre_id: str
    unit_id: str
    gender: str
    is_local: bool
    key: bool                         # holds a key title (see ``is_key_post``)
    non_local_title: bool             # holds a title the resolution wants held by a non-local
    gap_keys: tuple[str, ...]
    discipline: tuple[str, ...] = ()  # measures decided in the period's year, e.g. ("reprimand",)


def is_key_post(key_title: str | None) -> bool:
    """Cán bộ chủ chốt: the holder of a position HR marked with a key title (registry key_titles)."""
    return key_title is not None


def is_non_local_title(key_title: str | None) -> bool:
    """One of the titles resolution target (4) wants held by a non-local."""
    return key_title in NON_LOCAL_TITLES


@dataclass(frozen=True)
class BelowStandardLeader:
    """A leader classified not_completed in a closed period of the year or for the year, and whether
    they still hold a leader post in the same unit."""
    cadre_id: str
    unit_id: str
    period: str                       # a period's code, or the year's ("2026") for the year-end result
    replaced: bool


@dataclass(frozen=True)
class ApprovedResults:
    """What the "tốt or better" share (target (5), "each year") counts: the final levels of approved
    classifications — the year-end classification once the year is closed, before that the chosen
    period's — per unit; a unit not approved yet is absent (its proposal is not a result)."""
    scope: str                         # the year's code ("2026") or the period's ("2026-Q2")
    name: str                          # as a reader says it: "Quý II năm 2026"
    year_closed: bool
    levels: dict[str, dict[str, int]]  # unit → final level → cadres


def good_or_better(results: ApprovedResults | None, unit_ids: list[str]) -> dict:
    """The share rated tốt or better over the approved results of these units, with what it counted."""
    approved = [results.levels[u] for u in unit_ids if u in results.levels] if results else []
    good = sum(counts.get(level, 0) for counts in approved for level in GOOD_LEVELS)
    note = None
    if results is not None:
        if results.year_closed:
            vi, en = f"Kết quả cuối năm {results.scope} đã phê duyệt", f"approved year-end results of {results.scope}"
        else:
            vi, en = (f"Năm chưa khóa: xếp loại đã phê duyệt của {results.name}",
                      f"year not closed: the approved classification of {results.scope}")
        note = f"{vi} ({len(approved)}/{len(unit_ids)} đơn vị) / {en} ({len(approved)}/{len(unit_ids)} units)"
    return figure("good_or_better", good, sum(sum(counts.values()) for counts in approved), note)


@dataclass(frozen=True)
class CounterSatisfaction:
    unit_id: str
    responses: int
    satisfied: int


def _met(value: float | None, comparison: str, target: float) -> bool | None:
    if value is None:
        return None
    if comparison == "<=":
        return value <= target
    return value > target if comparison == ">" else value >= target


def figure(key: str, numerator: int, denominator: int, note: str | None = None) -> dict:
    spec = TARGETS[key]
    value = numerator / denominator if denominator else None
    if value is None and note is None:
        note = "Chưa có dữ liệu / no data"
    return {"key": key, "name": spec["name"], "kind": "share", "value": round(value, 4) if value is not None else None,
            "numerator": numerator, "denominator": denominator, "target": spec["target"],
            "comparison": spec["comparison"], "target_text": spec["target_text"],
            "met": _met(value, spec["comparison"], spec["target"]), "note": note}


def _women_figure(members: list[ScorecardCadre], unit_level: bool, units_with_women: int, units: int) -> dict:
    """A unit: how many women among its key cadres (target: at least one); the province: the
    share of units whose key cadres include a woman (target: every unit)."""
    if not unit_level:
        return figure("women_in_standing_committee", units_with_women, units)
    women = sum(c.gender == "female" for c in members)
    result = figure("women_in_standing_committee", women, len(members))
    result.update(kind="count", value=women if members else None,
                  met=women >= 1 if members else None)
    return result


def _satisfaction(counts: list[CounterSatisfaction]) -> dict:
    responses, satisfied = sum(c.responses for c in counts), sum(c.satisfied for c in counts)
    if responses < MIN_RESPONSES:
        result = figure("citizen_satisfaction", satisfied, 0,
                        note=f"Chưa đủ phiếu (dưới {MIN_RESPONSES}) / not enough responses")
        result.update(numerator=satisfied, denominator=responses)
        return result
    return figure("citizen_satisfaction", satisfied, responses)


def _discipline(cadres: list[ScorecardCadre]) -> dict:
    """How many cadres were disciplined in the year (to fall markedly); met while none of it was serious."""
    disciplined = [c for c in cadres if c.discipline]
    serious = sum(any(DISCIPLINE_MEASURES.meets(m, SERIOUS_FROM) for m in c.discipline) for c in disciplined)
    result = figure("discipline_violations", len(disciplined), len(cadres))
    result.update(kind="count", value=len(disciplined) if cadres else None, met=serious == 0 if cadres else None)
    if disciplined:
        result["note"] = f"Nghiêm trọng (cảnh cáo trở lên): {serious} / serious (warning or heavier): {serious}"
    return result


def scorecard(cadres: list[ScorecardCadre], satisfaction: list[CounterSatisfaction],
              leaders: list[BelowStandardLeader], unit_level: bool, good: dict) -> list[dict]:
    """The figures of one unit (``unit_level``) or of the whole province, in the resolution's order;
    ``good``: the tốt-or-better figure (``good_or_better``)."""
    titled = [c for c in cadres if c.non_local_title]
    key = [c for c in cadres if c.key]
    committees: dict[str, list[ScorecardCadre]] = {}
    for cadre in key:
        committees.setdefault(cadre.unit_id, []).append(cadre)
    with_women = sum(any(c.gender == "female" for c in members) for members in committees.values())
    return [
        _discipline(cadres),                                                                   # (1)
        figure("key_cadres_meet_standard", sum(not c.gap_keys for c in key), len(key)),        # (2)
        _women_figure(key, unit_level, with_women, len(committees)),                           # (3)
        figure("key_titles_non_local", sum(not c.is_local for c in titled), len(titled)),      # (4)
        good,                                                                                  # (5)
        figure("below_standard_leaders_replaced", sum(lead.replaced for lead in leaders), len(leaders)),
        figure("digital_skills", sum("digital_skill" not in c.gap_keys for c in cadres), len(cadres)),  # (6)
        figure("key_cadres_trained", sum(not any(k.startswith("course:") for k in c.gap_keys) for c in key),
               len(key)),                                                                      # (7)
        _satisfaction(satisfaction),                                                           # (8)
    ]


LEVELS = ("excellent", "good", "completed", "not_completed")


def classification_summary(approved: list[dict[str, int]], units: int) -> dict:
    """The final levels of the approved classifications among ``units``: how many units approved,
    and the cadres per level (every level present, 0 when none)."""
    return {"units": units, "approved_units": len(approved),
            "levels": {level: sum(counts.get(level, 0) for counts in approved) for level in LEVELS}}
