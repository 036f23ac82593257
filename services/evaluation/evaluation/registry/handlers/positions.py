"""Positions and their standards: every change is a new version; older versions are kept."""
from __future__ import annotations

from cadre_shared.errors import ApiError
from cadre_shared.kept_reads import KeptReads

from ...common.events import conflict, event, insert, update_where
from ..models import Competency, Position
from ..models.positions import CompetencyRequirement, PositionStandard, PositionVersion

EDITABLE = ("code", "title", "task_group", "is_leader", "leadership", "key_title", "standard")
# The catalogue as each worker last read it, until a position is created or changes (create_position and
# change_position move the version once stored): the lists of most pages name positions by title, and the
# embedded store reads every position, versions and all, for each list.
positions_kept = KeptReads("positions_version", "positions")
HEADS_NEED_LEADER = "Vị trí đứng đầu phòng, ban hay đơn vị phải là vị trí lãnh đạo / a position that heads something is a leader's"


def check_leadership(position: Position) -> None:
    if (position.leadership or "none") != "none" and not position.is_leader:
        raise ApiError(422, fields={"leadership": [HEADS_NEED_LEADER]})


def competency_problems(requirements: list[dict], path: str) -> dict:
    """Field messages for required competencies that do not exist or ask a level off their scale."""
    codes = [r["competency_code"] for r in requirements]
    scales = {c.code: len(c.levels) for c in Competency.objects(code__in=codes).only("code", "levels")}
    problems = {}
    for index, requirement in enumerate(requirements):
        top = scales.get(requirement["competency_code"])
        if top is None:
            problems[f"{path}.{index}.competency_code"] = ["Năng lực không tồn tại / unknown competency"]
        elif requirement["min_level"] > top:
            problems[f"{path}.{index}.min_level"] = [f"Thang năng lực này chỉ có {top} mức / the scale has {top} levels"]
    return problems


def build_standard(data: dict | None) -> PositionStandard:
    data = data or {}
    problems = competency_problems(data.get("required_competencies", []), "standard.required_competencies")
    if problems:
        raise ApiError(422, fields=problems)
    return PositionStandard(
        min_education=data.get("min_education"), min_political_theory=data.get("min_political_theory"),
        min_digital_skill=data.get("min_digital_skill"),
        required_course_categories=list(data.get("required_course_categories", [])),
        required_competencies=[CompetencyRequirement(**r) for r in data.get("required_competencies", [])])


def create_position(data: dict, changed_by: str) -> Position:
    position = Position(**{**data, "standard": build_standard(data.get("standard"))})
    check_leadership(position)
    position.versions = [position.snapshot(changed_by, "Tạo mới / created")]
    insert(position, event("position.versioned", position.id, position.state()))
    positions_kept.moved(Position._get_db())
    return position


def list_positions(query: dict) -> list[Position]:
    """The catalogue, current versions, by code: the documents as the worker keeps them, shared by
    every reader (who must not change them)."""
    return list(positions_kept.read(Position._get_db(), ("list", tuple(sorted(query.items()))),
                                    lambda: list(Position.objects(**query).exclude("outbox", "versions")
                                                 .order_by("code")), shared=True))


def find_position(position_id: str) -> Position:
    position = Position.objects(id=position_id).exclude("outbox").first()
    if position is None:
        raise ApiError(404)
    return position


def position_version(position_id: str, version: int) -> PositionVersion:
    found = find_position(position_id).version_of(version)
    if found is None:
        raise ApiError(404)
    return found


def change_position(position_id: str, data: dict, changed_by: str) -> Position:
    """A new version when anything differs; the same position unchanged otherwise."""
    position = find_position(position_id)
    before = position.state()
    note = data.pop("note", None)
    for name, value in data.items():
        setattr(position, name, build_standard(value) if name == "standard" else value)
    check_leadership(position)
    if position.state() == before:
        return position
    version = position.version
    position.version = version + 1
    snapshot = position.snapshot(changed_by, note)
    fields = position.to_mongo()
    update = {"$set": {**{name: fields.get(name) for name in EDITABLE}, "version": position.version},
              "$push": {"versions": snapshot.to_mongo()}}
    if not update_where(Position, {"_id": position.id, "version": version}, update,
                        [event("position.versioned", position.id, position.state())]):
        raise conflict()
    positions_kept.moved(Position._get_db())
    position.versions.append(snapshot)
    return position
