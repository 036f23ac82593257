"""Role-based training requirements (yêu cầu bồi dưỡng theo vị trí việc làm)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import requires

from ..handlers.catalogue import (add_requirement, change_requirement, list_requirements, remove_requirement,
                                  requirement)
from ..schemas.catalogue import RequirementFields, RequirementIn, RequirementOut
from .roles import ADMIN, READERS

blp = Blueprint("requirements", __name__, url_prefix="/api/v1/training/requirements",
                description="Yêu cầu bồi dưỡng theo vị trí / Training requirements by role")


@blp.route("")
class Requirements(MethodView):
    @requires(*READERS)
    @blp.response(200, RequirementOut(many=True))
    def get(self):
        return list_requirements()

    @requires(ADMIN)
    @blp.arguments(RequirementIn)
    @blp.response(201, RequirementOut)
    def post(self, data):
        return add_requirement(data)


@blp.route("/<code>")
class RequirementByCode(MethodView):
    @requires(*READERS)
    @blp.response(200, RequirementOut)
    def get(self, code):
        return requirement(code)

    @requires(ADMIN)
    @blp.arguments(RequirementFields)
    @blp.response(200, RequirementOut)
    def put(self, data, code):
        return change_requirement(code, data)

    @requires(ADMIN)
    @blp.response(204)
    def delete(self, code):
        remove_requirement(code)
