"""The resolution targets scorecard (PRODUCT §3.6; seed 001, section I.2.2): each figure per unit
and for the province, with its target beside it. Targets and the titles they concern are data."""
from __future__ import annotations

from dataclasses import dataclass

from cadre_shared.satisfaction import MIN_RESPONSES

# Chức danh chủ chốt that must not be held by a local (bí thư, chủ tịch UBND, chủ nhiệm UBKT,
# trưởng công an, chỉ huy trưởng quân sự), by position code of the catalogue.
NON_LOCAL_TITLE_CODES = ("BT-DU", "CT-UBND", "CN-UBKT", "TCA", "CHT-QS")
# The similar-task group of the key posts (cán bộ chủ chốt), which make up the standing committee.
KEY_TASK_GROUP = "Lãnh đạo chủ chốt"
GOOD_LEVELS = ("excellent", "good")

TARGETS = {
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
    position_code: str | None
    task_group: str | None
    gap_keys: tuple[str, ...]
    level: str | None                 # final level in the period (None: not rated)


@dataclass(frozen=True)
class BelowStandardLeader:
    """A leader classified not_completed in a closed period of the year or for the year, and whether
    they still hold a leader post in the same unit."""
    cadre_id: str
    unit_id: str
    period: str                       # a period's code, or the year's ("2026") for the year-end result
    replaced: bool


@dataclass(frozen=True)
class CounterSatisfaction:
    unit_id: str
    responses: int
    satisfied: int


def _met(value: float | None, comparison: str, target: float) -> bool | None:
    if value is None:
        return None
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


def scorecard(cadres: list[ScorecardCadre], satisfaction: list[CounterSatisfaction],
              leaders: list[BelowStandardLeader], unit_level: bool) -> list[dict]:
    """The figures of one unit (``unit_level``) or of the whole province, in the resolution's order."""
    rated = [c for c in cadres if c.level is not None]
    titled = [c for c in cadres if c.position_code in NON_LOCAL_TITLE_CODES]
    key = [c for c in cadres if c.task_group == KEY_TASK_GROUP]
    committees: dict[str, list[ScorecardCadre]] = {}
    for cadre in key:
        committees.setdefault(cadre.unit_id, []).append(cadre)
    with_women = sum(any(c.gender == "female" for c in members) for members in committees.values())
    return [
        figure("good_or_better", sum(c.level in GOOD_LEVELS for c in rated), len(rated)),
        figure("key_titles_non_local", sum(not c.is_local for c in titled), len(titled)),
        _women_figure(key, unit_level, with_women, len(committees)),
        figure("key_cadres_trained", sum(not any(k.startswith("course:") for k in c.gap_keys) for c in key), len(key)),
        figure("digital_skills", sum("digital_skill" not in c.gap_keys for c in cadres), len(cadres)),
        _satisfaction(satisfaction),
        figure("below_standard_leaders_replaced", sum(lead.replaced for lead in leaders), len(leaders)),
    ]
