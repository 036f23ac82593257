"""Ordered scales and closed vocabularies of the registry, with Vietnamese labels.

A standard says "at least X" on an ordered scale (trình độ chuyên môn, lý luận chính trị,
kỹ năng số); ``Scale.meets`` is the one place that comparison is made.
"""
from __future__ import annotations

from dataclasses import dataclass

from .key_titles import KEY_TITLES


@dataclass(frozen=True)
class Scale:
    """Levels from lowest to highest, each a stable code and a label (Vietnamese / English)."""

    name: str
    levels: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.levels]

    def rank(self, code: str | None) -> int | None:
        for index, (known, _) in enumerate(self.levels):
            if known == code:
                return index
        return None

    def label(self, code: str | None) -> str | None:
        return dict(self.levels).get(code) if code else None

    def vi(self, code: str | None) -> str | None:
        """The Vietnamese half of a level's label."""
        label = self.label(code)
        return label.partition(" / ")[0] if label else None

    def en(self, code: str | None) -> str | None:
        label = self.label(code)
        return label.partition(" / ")[2] if label else None

    def meets(self, actual: str | None, required: str | None) -> bool:
        """True when ``actual`` is at or above ``required``; nothing required is always met,
        an unknown or missing ``actual`` never meets a requirement."""
        if required is None:
            return True
        actual_rank, required_rank = self.rank(actual), self.rank(required)
        return actual_rank is not None and required_rank is not None and actual_rank >= required_rank


EDUCATION = Scale("education", (
    ("upper_secondary", "Tốt nghiệp THPT / Upper secondary"),
    ("vocational", "Trung cấp / Vocational"),
    ("college", "Cao đẳng / College"),
    ("university", "Đại học / University"),
    ("master", "Thạc sĩ / Master"),
    ("doctorate", "Tiến sĩ / Doctorate"),
))

POLITICAL_THEORY = Scale("political_theory", (
    ("none", "Chưa qua đào tạo / None"),
    ("elementary", "Sơ cấp / Elementary"),
    ("intermediate", "Trung cấp / Intermediate"),
    ("advanced", "Cao cấp / Advanced"),
))

DIGITAL_SKILL = Scale("digital_skill", (
    ("none", "Chưa đạt chuẩn / Below basic"),
    ("basic", "Cơ bản / Basic"),
    ("proficient", "Thành thạo / Proficient"),
    ("advanced", "Nâng cao / Advanced"),
))

# Lightest first: "khiển trách hoặc nặng hơn" is rank >= rank("reprimand").
DISCIPLINE_MEASURES = Scale("discipline_measure", (
    ("reprimand", "Khiển trách / Reprimand"),
    ("warning", "Cảnh cáo / Warning"),
    ("salary_demotion", "Hạ bậc lương / Salary step demotion"),
    ("demotion", "Giáng chức / Demotion"),
    ("removal", "Cách chức / Removal from post"),
    ("dismissal", "Buộc thôi việc / Dismissal"),
))

# The five content categories of training (PRODUCT.md §3.4), same codes as training events.
COURSE_CATEGORIES: dict[str, str] = {
    "political_theory": "Lý luận chính trị / Political theory",
    "defence_security": "Quốc phòng và an ninh / Defence and security",
    "state_management": "Quản lý nhà nước / State management",
    "position_skills": "Kỹ năng theo vị trí việc làm / Job-position skills",
    "digital_skills": "Khoa học, công nghệ và kỹ năng số / Science, technology and digital skills",
}

CONCLUSION_TYPES: dict[str, str] = {
    "degradation": "Suy thoái về tư tưởng chính trị, đạo đức, lối sống / Degradation",
    "self_evolution": "Biểu hiện \"tự diễn biến\" / Self-evolution",
    "self_transformation": "Biểu hiện \"tự chuyển hóa\" / Self-transformation",
    "corruption_waste": "Tham nhũng, lãng phí, tiêu cực / Corruption or waste",
    "other": "Kết luận khác / Other conclusion",
}

# Competency groups of the resolution (khung năng lực, mục II.2.1).
COMPETENCY_GROUPS: dict[str, str] = {
    "political_ethics": "Phẩm chất chính trị, đạo đức, tinh thần phục vụ Nhân dân / "
                        "Political quality and service ethics",
    "public_duty": "Năng lực thực thi công vụ / Execution of public duties",
    "development": "Năng lực phát triển, thích ứng (tư duy chiến lược, chuyển đổi số, huy động nguồn lực, "
                   "phối hợp liên ngành, xử lý tình huống phức tạp) / Development and adaptation",
}

AREAS: dict[str, str] = {
    "urban": "Đô thị (phường) / Urban",
    "rural": "Nông thôn (xã đồng bằng) / Rural",
    "mountain": "Miền núi, vùng đồng bào dân tộc thiểu số / Mountain and ethnic-minority",
}

UNIT_KINDS: dict[str, str] = {
    "province": "Tỉnh / Province",
    "commune": "Xã / Commune",
    "ward": "Phường / Ward",
}

MOVE_KINDS: dict[str, str] = {
    "appointment": "Bổ nhiệm / Appointment",
    "rotation": "Luân chuyển / Rotation",
    "transfer": "Điều động / Transfer",
    "secondment": "Biệt phái / Secondment",
    "reassignment": "Bố trí lại / Reassignment",
}

GENDERS: dict[str, str] = {"female": "Nữ / Female", "male": "Nam / Male", "other": "Khác / Other"}

ORDERED_SCALES = (EDUCATION, POLITICAL_THEORY, DIGITAL_SKILL, DISCIPLINE_MEASURES)
VOCABULARIES = {
    "course_categories": COURSE_CATEGORIES,
    "conclusion_types": CONCLUSION_TYPES,
    "competency_groups": COMPETENCY_GROUPS,
    "areas": AREAS,
    "unit_kinds": UNIT_KINDS,
    "move_kinds": MOVE_KINDS,
    "genders": GENDERS,
    "key_titles": KEY_TITLES,
}


def listed_vocabularies() -> dict[str, list[dict]]:
    """Every closed list and ordered scale as forms offer them: code and label, scales lowest first."""
    listed = {scale.name: [{"code": c, "label": label} for c, label in scale.levels] for scale in ORDERED_SCALES}
    listed.update({name: [{"code": c, "label": label} for c, label in items.items()]
                   for name, items in VOCABULARIES.items()})
    return listed
