"""Role-based training requirements (yêu cầu bồi dưỡng theo vị trí việc làm)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from mongoengine.errors import NotUniqueError

from cadre_shared.auth import requires
from cadre_shared.errors import ApiError

from ..models import Course, Requirement
from ..schemas.catalogue import RequirementFields, RequirementIn, RequirementOut
from .roles import ADMIN, READERS

blp = Blueprint("requirements", __name__, url_prefix="/api/v1/training/requirements",
                description="Yêu cầu bồi dưỡng theo vị trí / Training requirements by role")
NOT_FOUND = "Không tìm thấy yêu cầu / Requirement not found"


def _known_course(data: dict) -> None:
    if data.get("course_code") and Course.objects(id=data["course_code"]).first() is None:
        raise ApiError(422, fields={"course_code": ["Không có khóa học với mã này / no course has this code"]})


@blp.route("")
class Requirements(MethodView):
    @requires(*READERS)
    @blp.response(200, RequirementOut(many=True))
    def get(self):
        return list(Requirement.objects.order_by("id"))

    @requires(ADMIN)
    @blp.arguments(RequirementIn)
    @blp.response(201, RequirementOut)
    def post(self, data):
        _known_course(data)
        requirement = Requirement(id=data.pop("code"), **data)
        try:
            requirement.save(force_insert=True)
        except NotUniqueError:
            raise ApiError(409, fields={"code": ["Mã yêu cầu đã có / requirement code already exists"]}) from None
        return requirement


@blp.route("/<code>")
class RequirementByCode(MethodView):
    @requires(*READERS)
    @blp.response(200, RequirementOut)
    def get(self, code):
        return Requirement.objects(id=code).first() or _missing()

    @requires(ADMIN)
    @blp.arguments(RequirementFields)
    @blp.response(200, RequirementOut)
    def put(self, data, code):
        _known_course(data)
        if not Requirement.objects(id=code).update_one(**{f"set__{k}": v for k, v in data.items()}):
            _missing()
        return Requirement.objects(id=code).first()

    @requires(ADMIN)
    @blp.response(204)
    def delete(self, code):
        if not Requirement.objects(id=code).delete():
            _missing()


def _missing():
    raise ApiError(404, NOT_FOUND)
