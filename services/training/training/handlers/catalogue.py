"""The course catalogue and the role requirements, kept by the province (each keyed by its code).
A change of the requirements makes every unit's compliance out of date (computed again when read)."""
from __future__ import annotations

from mongoengine.errors import NotUniqueError

from cadre_shared.errors import ApiError

from ..models import Course, Requirement
from .unit_compliance import bump_basis

NO_COURSE = "Không tìm thấy khóa học / Course not found"
NO_REQUIREMENT = "Không tìm thấy yêu cầu / Requirement not found"


def _set(fields: dict) -> dict:
    return {f"set__{name}": value for name, value in fields.items()}


# courses ----------------------------------------------------------------------------------
def list_courses(category: str | None = None) -> list[Course]:
    return list((Course.objects(category=category) if category else Course.objects).order_by("id"))


def course(code: str) -> Course:
    found = Course.objects(id=code).first()
    if found is None:
        raise ApiError(404, NO_COURSE)
    return found


def add_course(data: dict) -> Course:
    new = Course(id=data["code"], **{k: v for k, v in data.items() if k != "code"})
    try:
        new.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, fields={"code": ["Mã khóa học đã có / course code already exists"]}) from None
    return new


def change_course(code: str, fields: dict) -> Course:
    """Results already stored keep the category they were recorded with."""
    if not Course.objects(id=code).update_one(**_set(fields)):
        raise ApiError(404, NO_COURSE)
    return course(code)


# requirements -----------------------------------------------------------------------------
def _known_course(data: dict) -> None:
    if data.get("course_code") and Course.objects(id=data["course_code"]).first() is None:
        raise ApiError(422, fields={"course_code": ["Không có khóa học với mã này / no course has this code"]})


def list_requirements() -> list[Requirement]:
    return list(Requirement.objects.order_by("id"))


def requirement(code: str) -> Requirement:
    found = Requirement.objects(id=code).first()
    if found is None:
        raise ApiError(404, NO_REQUIREMENT)
    return found


def add_requirement(data: dict) -> Requirement:
    _known_course(data)
    new = Requirement(id=data["code"], **{k: v for k, v in data.items() if k != "code"})
    try:
        new.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, fields={"code": ["Mã yêu cầu đã có / requirement code already exists"]}) from None
    bump_basis()
    return new


def change_requirement(code: str, fields: dict) -> Requirement:
    _known_course(fields)
    if not Requirement.objects(id=code).update_one(**_set(fields)):
        raise ApiError(404, NO_REQUIREMENT)
    bump_basis()
    return requirement(code)


def remove_requirement(code: str) -> None:
    if not Requirement.objects(id=code).delete():
        raise ApiError(404, NO_REQUIREMENT)
    bump_basis()
