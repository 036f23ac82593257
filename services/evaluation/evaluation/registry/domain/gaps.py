"""Gap analysis (khoảng trống năng lực): what a cadre lacks against the standard of the
position they hold, and what would close it; and how many cadres of a unit lack each item.

Pure functions over plain values. One rule per item of the standard:
- education, political theory, digital skill: the cadre's level is at least the minimum;
- required course categories: a passed course of the category whose certificate has not
  expired on the day of the analysis;
- required competencies (position standard, plus the priority appendix of the unit's area):
  the latest assessed level is at least the minimum; a competency never assessed is a gap.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .scales import COURSE_CATEGORIES, DIGITAL_SKILL, EDUCATION, POLITICAL_THEORY, Scale


@dataclass(frozen=True)
class CompetencyRequirement:
    code: str
    min_level: int


@dataclass(frozen=True)
class AppendixItem:
    """An area's priority requirement (phụ lục năng lực ưu tiên theo địa bàn)."""
    code: str
    min_level: int
    leaders_only: bool = False


@dataclass(frozen=True)
class Standard:
    """Tiêu chuẩn of one version of a position."""
    min_education: str | None = None
    min_political_theory: str | None = None
    min_digital_skill: str | None = None
    required_course_categories: tuple[str, ...] = ()
    required_competencies: tuple[CompetencyRequirement, ...] = ()


@dataclass(frozen=True)
class TrainingRecord:
    category: str
    passed: bool
    certificate_expires_on: date | None = None


@dataclass(frozen=True)
class CadreProfile:
    education: str | None = None
    political_theory: str | None = None
    digital_skill: str | None = None
    competency_levels: Mapping[str, int] = field(default_factory=dict)
    completed_categories: frozenset[str] = frozenset()
    is_leader: bool = False


@dataclass(frozen=True)
class Gap:
    key: str            # stable id of the item: "education", "course:digital_skills", "competency:NL-PT-02"
    kind: str           # education | political_theory | digital_skill | course | competency
    code: str | None    # course category or competency code
    required: str | int
    actual: str | int | None
    source: str         # position | appendix
    title: str          # the item of the standard
    label: str          # what this cadre lacks, Vietnamese / English
    remedy: str         # what would close it

    def as_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "code": self.code, "required": self.required,
                "actual": self.actual, "source": self.source, "title": self.title, "label": self.label,
                "remedy": self.remedy}

    def as_fact(self) -> dict:
        """The item as events carry it: what is unmet, not the wording shown to people."""
        return {"key": self.key, "kind": self.kind, "code": self.code, "required": self.required,
                "actual": self.actual, "source": self.source, "title": self.title}


def completed_categories(records: Iterable[TrainingRecord], on: date) -> frozenset[str]:
    """Course categories a cadre holds on ``on``: passed, and the certificate (if it expires)
    still valid that day (expiring on ``on`` itself still counts)."""
    return frozenset(r.category for r in records
                     if r.passed and (r.certificate_expires_on is None or r.certificate_expires_on >= on))


def assessment_in_force(assessed: Sequence[tuple[str, date]]) -> dict[str, int]:
    """Per competency, the position (index) of the assessment in force among (code, assessed
    on) in recording order: the latest; on the same day, the one recorded last."""
    chosen: dict[str, int] = {}
    for index, (code, assessed_on) in enumerate(assessed):
        if code not in chosen or assessed_on >= assessed[chosen[code]][1]:
            chosen[code] = index
    return chosen


def required_competencies(standard: Standard, appendix: Sequence[AppendixItem],
                          is_leader: bool) -> dict[str, tuple[int, str]]:
    """Competency code → (minimum level, source). The appendix adds items of the area; where
    it names a competency the position already requires, the higher minimum applies."""
    required = {r.code: (r.min_level, "position") for r in standard.required_competencies}
    for item in appendix:
        if item.leaders_only and not is_leader:
            continue
        if item.code not in required or item.min_level > required[item.code][0]:
            required[item.code] = (item.min_level, "appendix")
    return required


SCALE_ITEMS = {scale.name: (scale, what) for scale, what in (
    (EDUCATION, ("Trình độ chuyên môn", "Education")), (POLITICAL_THEORY, ("Lý luận chính trị", "Political theory")),
    (DIGITAL_SKILL, ("Kỹ năng số", "Digital skill")))}


def _course_titles(category: str) -> tuple[str, str]:
    vi_title, _, en_title = COURSE_CATEGORIES.get(category, category).partition(" / ")
    return vi_title, en_title


def item_of(key: str, competency_names: Mapping[str, str]) -> tuple[str, str | None, str]:
    """(kind, code, title) of an item of a standard named by its gap key, as ``cadre_gaps`` titles it."""
    if key in SCALE_ITEMS:
        what = SCALE_ITEMS[key][1]
        return key, None, f"{what[0]} / {what[1]}"
    kind, _, code = key.partition(":")
    if kind == "course":
        vi_title, en_title = _course_titles(code)
        return kind, code, f"Khóa bắt buộc: {vi_title} / Required course: {en_title}"
    return kind, code, competency_names.get(code, code)


def _scale_gap(scale: Scale, actual: str | None, required: str | None,
               remedy: tuple[str, str]) -> Gap | None:
    if scale.meets(actual, required):
        return None
    what = SCALE_ITEMS[scale.name][1]
    vi_have, en_have = (scale.vi(actual), scale.en(actual)) if scale.label(actual) else ("chưa có", "none")
    vi_need, en_need = scale.vi(required), scale.en(required)
    return Gap(key=scale.name, kind=scale.name, code=None, required=required, actual=actual, source="position",
               title=item_of(scale.name, {})[2],
               label=f"{what[0]}: {vi_have}, yêu cầu {vi_need} / {what[1]}: {en_have}, {en_need} required",
               remedy=f"{remedy[0].format(vi_need)} / {remedy[1].format(en_need)}")


def cadre_gaps(profile: CadreProfile, standard: Standard, appendix: Sequence[AppendixItem] = (),
               competency_names: Mapping[str, str] | None = None) -> list[Gap]:
    """Every unmet item of ``standard`` (and the area ``appendix``) for one cadre, in the
    order of the standard: education, political theory, digital skill, courses, competencies."""
    names = competency_names or {}
    gaps = [g for g in (
        _scale_gap(EDUCATION, profile.education, standard.min_education,
                   ("Học nâng trình độ chuyên môn lên {}", "Raise education to {}")),
        _scale_gap(POLITICAL_THEORY, profile.political_theory, standard.min_political_theory,
                   ("Học chương trình lý luận chính trị {}", "Attend the {} political theory programme")),
        _scale_gap(DIGITAL_SKILL, profile.digital_skill, standard.min_digital_skill,
                   ("Bồi dưỡng kỹ năng số đạt mức {}", "Train digital skills to {}")),
    ) if g is not None]
    for category in standard.required_course_categories:
        if category not in profile.completed_categories:
            vi_title, en_title = _course_titles(category)
            gaps.append(Gap(key=f"course:{category}", kind="course", code=category, required=category, actual=None,
                            source="position", title=item_of(f"course:{category}", {})[2],
                            label=f"Chưa có khóa «{vi_title}» còn hiệu lực / No valid {en_title} course",
                            remedy=f"Hoàn thành một khóa nhóm «{vi_title}» / Complete a {en_title} course"))
    for code, (min_level, source) in required_competencies(standard, appendix, profile.is_leader).items():
        actual = profile.competency_levels.get(code)
        if actual is not None and actual >= min_level:
            continue
        name = names.get(code, code)
        if actual is None:
            label = f"{name}: chưa được đánh giá — yêu cầu mức {min_level} / not assessed, level {min_level} required"
            remedy = (f"Đánh giá năng lực có minh chứng; bồi dưỡng nếu chưa đạt mức {min_level} / "
                      f"Assess with evidence; train if below level {min_level}")
        else:
            label = f"{name}: mức {actual} — yêu cầu mức {min_level} / level {actual}, {min_level} required"
            remedy = (f"Bồi dưỡng, kèm cặp để nâng từ mức {actual} lên mức {min_level} / "
                      f"Training or mentoring from level {actual} to {min_level}")
        gaps.append(Gap(key=f"competency:{code}", kind="competency", code=code, required=min_level, actual=actual,
                        source=source, title=item_of(f"competency:{code}", names)[2], label=label, remedy=remedy))
    return gaps


@dataclass(frozen=True)
class ItemCount:
    key: str
    kind: str
    code: str | None
    title: str
    count: int
    cadre_ids: tuple[str, ...]


@dataclass(frozen=True)
class UnitGapSummary:
    cadres: int
    cadres_with_gaps: int
    items: tuple[ItemCount, ...]


def unit_gap_summary(keys_by_cadre: Mapping[str, Sequence[str]],
                     competency_names: Mapping[str, str] | None = None) -> UnitGapSummary:
    """How many cadres miss each item (each cadre counted once per item), most-missed first, from
    each cadre's gap keys as last analysed (``Cadre.gap_keys``)."""
    holders: dict[str, list[str]] = {}
    for cadre_id, keys in keys_by_cadre.items():
        for key in dict.fromkeys(keys):
            holders.setdefault(key, []).append(cadre_id)
    items = [ItemCount(key, *item_of(key, competency_names or {}), count=len(ids), cadre_ids=tuple(ids))
             for key, ids in holders.items()]
    items.sort(key=lambda item: (-item.count, item.key))
    return UnitGapSummary(cadres=len(keys_by_cadre), cadres_with_gaps=sum(1 for k in keys_by_cadre.values() if k),
                          items=tuple(items))

