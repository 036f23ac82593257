"""A position's required competencies (năng lực yêu cầu của vị trí việc làm) set on their own, as
the competency framework's page edits them: the rest of the position's standard stays as it is, and
the change is a new version of the position like any other."""
from __future__ import annotations

from ..models import Position
from ...common.events import conflict
from .positions import change_position, find_position

NOTE = "Năng lực yêu cầu / required competencies"


def _standard_of(position: Position) -> dict:
    s = position.standard
    if s is None:
        return {}
    return {"min_education": s.min_education, "min_political_theory": s.min_political_theory,
            "min_digital_skill": s.min_digital_skill, "required_course_categories": list(s.required_course_categories),
            "required_competencies": [{"competency_code": r.competency_code, "min_level": r.min_level}
                                      for r in s.required_competencies]}


def set_position_competencies(position_id: str, data: dict, changed_by: str) -> Position:
    """409 when the position changed since the form was made (``data["version"]``)."""
    position = find_position(position_id)
    if position.version != data["version"]:
        raise conflict()
    standard = {**_standard_of(position), "required_competencies": data["required_competencies"]}
    return change_position(position_id, {"standard": standard, "note": data.get("note") or NOTE}, changed_by)
