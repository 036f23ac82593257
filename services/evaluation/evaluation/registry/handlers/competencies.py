"""The competency framework: competencies on their own scales, versioned."""
from __future__ import annotations

from marshmallow import ValidationError

from cadre_shared.errors import ApiError

from ...common.events import conflict, event, insert, update_where
from ..models import AreaAppendix, Competency, Position
from ..models.competencies import ScaleLevel
from ..schemas.competencies import check_scale

EDITABLE = ("name", "group", "description", "levels", "proficient_level")


def create_competency(data: dict, changed_by: str) -> Competency:
    competency = Competency(**{**data, "levels": [ScaleLevel(**lv) for lv in data["levels"]]})
    competency.versions = [competency.snapshot(changed_by)]
    insert(competency, event("competency.versioned", competency.id, competency.state()))
    return competency


def list_competencies(query: dict) -> list[Competency]:
    return list(Competency.objects(**query).exclude("outbox", "versions").order_by("group", "code"))


def find_competency(competency_id: str) -> Competency:
    competency = Competency.objects(id=competency_id).exclude("outbox", "versions").first()
    if competency is None:
        raise ApiError(404)
    return competency


def highest_required_level(code: str) -> int:
    """The highest minimum level any position standard or area appendix asks of ``code``."""
    levels = [r.min_level for p in Position.objects(standard__required_competencies__competency_code=code)
              .only("standard") for r in p.standard.required_competencies if r.competency_code == code]
    levels += [r.min_level for a in AreaAppendix.objects.only("requirements") for r in a.requirements
               if r.competency_code == code]
    return max(levels, default=0)


def _editable(competency: Competency) -> tuple:
    """What an edit may change: the event's state and the description (which the event does not carry)."""
    return competency.state(), competency.description


def change_competency(competency_id: str, data: dict, changed_by: str) -> Competency:
    """A new version when anything differs; 409 when ``data["version"]`` (the form's) is not the current one."""
    data = dict(data)
    expected = data.pop("version", None)
    competency = Competency.objects(id=competency_id).exclude("outbox").first()
    if competency is None:
        raise ApiError(404)
    if expected is not None and expected != competency.version:
        raise conflict()
    before = _editable(competency)
    for name, value in data.items():
        setattr(competency, name, [ScaleLevel(**lv) for lv in value] if name == "levels" else value)
    scale = [{"level": lv.level} for lv in competency.levels]
    try:
        check_scale(scale, competency.proficient_level)
    except ValidationError as exc:
        raise ApiError(422, fields=exc.messages) from None
    needed = highest_required_level(competency.code)
    if len(competency.levels) < needed:
        raise ApiError(422, fields={"levels": [f"Tiêu chuẩn đang yêu cầu mức {needed} / standards require level {needed}"]})
    if _editable(competency) == before:
        return competency
    version = competency.version
    competency.version = version + 1
    snapshot = competency.snapshot(changed_by)
    fields = competency.to_mongo()
    update = {"$set": {**{name: fields.get(name) for name in EDITABLE}, "version": competency.version},
              "$push": {"versions": snapshot.to_mongo()}}
    if not update_where(Competency, {"_id": competency.id, "version": version}, update,
                        [event("competency.versioned", competency.id, competency.state())]):
        raise conflict()
    return competency
