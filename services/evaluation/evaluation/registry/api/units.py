"""Units: communes and wards of the province, with area type and departments."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ...common.kept_json import kept_list
from ...common.roles import PROVINCE, READERS
from ...common.schemas import TOTAL_HEADER
from ..handlers.units import change_unit, find_unit, list_units, register_unit, units_kept
from ..models import Unit
from ..schemas.units import UnitIn, UnitOut, UnitPatch, UnitQuery

blp = Blueprint("units", __name__, url_prefix="/api/v1/units",
                description="Đơn vị hành chính: tỉnh, xã, phường / Units: province, communes, wards")


@blp.route("")
class Units(MethodView):
    @requires(*PROVINCE)
    @blp.arguments(UnitIn)
    @blp.response(201, UnitOut)
    def post(self, data):
        """Đăng ký đơn vị / Register a unit (409 duplicate code, 422 invalid)"""
        return register_unit(data)

    @requires(*READERS)
    @blp.arguments(UnitQuery, location="query")
    @blp.response(200, UnitOut(many=True), headers=TOTAL_HEADER)
    def get(self, query):
        """Danh sách đơn vị (người dùng cấp xã chỉ thấy đơn vị mình) / List units in scope"""
        principal = current_principal()
        scope = None if principal.is_province_wide else principal.unit_id or ""
        return kept_list(units_kept, Unit._get_db(), ("list", scope, tuple(sorted(query.items()))),
                         lambda: list_units(principal, query), UnitOut(many=True))


@blp.route("/<unit_id>")
class UnitById(MethodView):
    @requires(*READERS)
    @blp.response(200, UnitOut)
    def get(self, unit_id):
        """Một đơn vị / One unit"""
        return find_unit(current_principal(), unit_id)

    @requires(*PROVINCE)
    @blp.arguments(UnitPatch)
    @blp.response(200, UnitOut)
    def patch(self, data, unit_id):
        """Sửa tên, loại địa bàn, phòng ban / Change name, area type, departments"""
        return change_unit(unit_id, data)
