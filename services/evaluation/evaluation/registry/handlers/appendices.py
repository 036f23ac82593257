"""Priority appendices per area type: set (a new version when it differs), read."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.errors import ApiError

from ...common.events import conflict, event, update_where
from ..domain.scales import AREAS
from ..models import AreaAppendix
from ..models.appendices import AppendixRequirement
from .positions import competency_problems


def known_area(area: str) -> str:
    """An area type of the vocabulary; any other is a 404 (no such appendix can exist)."""
    if area not in AREAS:
        raise ApiError(404)
    return area


def list_appendices() -> list[dict]:
    return [a.state() for a in AreaAppendix.objects.exclude("outbox", "versions").order_by("id")]


def find_appendix(area: str) -> dict:
    appendix = AreaAppendix.objects(id=known_area(area)).exclude("outbox", "versions").first()
    if appendix is None:
        raise ApiError(404)
    return appendix.state()


def set_appendix(area: str, data: dict, changed_by: str) -> dict:
    """The appendix as it stands after the change (a new version when it differs)."""
    return _set(known_area(area), data, changed_by).state()


def _set(area: str, data: dict, changed_by: str) -> AreaAppendix:
    problems = competency_problems(data["requirements"], "requirements")
    if problems:
        raise ApiError(422, fields=problems)
    appendix = AreaAppendix.objects(id=area).exclude("outbox").first()
    expected = data.get("version")
    if expected is not None and (appendix is None or appendix.version != expected):
        raise conflict()  # the form was made from another version than the current one
    requirements = [AppendixRequirement(**r) for r in data["requirements"]]
    if appendix is None:
        appendix = AreaAppendix(id=area, title=data["title"], requirements=requirements, version=1)
        appendix.versions = [appendix.snapshot(changed_by)]
        appendix.stage_event(event("appendix.versioned", area, appendix.state()))
        try:
            appendix.save(force_insert=True)
        except NotUniqueError:
            raise conflict() from None
        return appendix
    before = appendix.state()
    appendix.title, appendix.requirements = data["title"], requirements
    if appendix.state() == before:
        return appendix
    version = appendix.version
    appendix.version = version + 1
    snapshot = appendix.snapshot(changed_by)
    stored = appendix.to_mongo()
    update = {"$set": {"title": appendix.title, "requirements": stored["requirements"], "version": appendix.version},
              "$push": {"versions": snapshot.to_mongo()}}
    if not update_where(AreaAppendix, {"_id": area, "version": version}, update,
                        [event("appendix.versioned", area, appendix.state())]):
        raise conflict()
    return appendix
