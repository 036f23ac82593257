"""Registry endpoints: thin views that parse, call a handler, dump."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from mongoengine.errors import NotUniqueError

from cadre_shared.auth import current_principal, ensure_unit, requires
from cadre_shared.envelope import make_event
from cadre_shared.errors import ApiError

from ..models import Cadre, Position, Unit
from ..schemas.registry import CadreIn, CadreOut, CadreQuery, PositionIn, PositionOut, UnitIn, UnitOut

blp = Blueprint("registry", __name__, url_prefix="/api/v1", description="Đơn vị, vị trí việc làm, cán bộ / Registry")
READERS = ("province_admin", "unit_hr", "auditor", "cadre")
PRODUCER = "evaluation"


def _duplicate(field: str) -> ApiError:
    return ApiError(409, "Mã đã tồn tại / Code already exists", {field: ["Mã đã tồn tại / already exists"]},
                    code="duplicate")


def _save_new(doc, event_type: str, key: str) -> None:
    doc.stage_event(make_event(event_type, 1, key, doc.state(), PRODUCER))
    try:
        doc.save(force_insert=True)
    except NotUniqueError:
        raise _duplicate("code") from None


@blp.route("/units")
class Units(MethodView):
    @requires("province_admin")
    @blp.arguments(UnitIn)
    @blp.response(201, UnitOut)
    def post(self, data):
        if data["parent_id"] and not Unit.objects(id=data["parent_id"]).first():
            raise ApiError(422, fields={"parent_id": ["Đơn vị cấp trên không tồn tại / unknown parent unit"]})
        unit = Unit(**data)
        _save_new(unit, "unit.registered", unit.id)
        return unit

    @requires(*READERS)
    @blp.response(200, UnitOut(many=True))
    def get(self):
        principal = current_principal()
        units = Unit.objects.order_by("code")
        if not principal.is_province_wide:
            units = units.filter(id=principal.unit_id)
        return list(units)


@blp.route("/units/<unit_id>")
class UnitById(MethodView):
    @requires(*READERS)
    @blp.response(200, UnitOut)
    def get(self, unit_id):
        ensure_unit(current_principal(), unit_id)
        unit = Unit.objects(id=unit_id).first()
        if unit is None:
            raise ApiError(404)
        return unit


@blp.route("/positions")
class Positions(MethodView):
    @requires("province_admin")
    @blp.arguments(PositionIn)
    @blp.response(201, PositionOut)
    def post(self, data):
        position = Position(**data)
        _save_new(position, "position.versioned", position.id)
        return position

    @requires(*READERS)
    @blp.response(200, PositionOut(many=True))
    def get(self):
        return list(Position.objects.order_by("code"))


@blp.route("/positions/<position_id>")
class PositionById(MethodView):
    @requires(*READERS)
    @blp.response(200, PositionOut)
    def get(self, position_id):
        position = Position.objects(id=position_id).first()
        if position is None:
            raise ApiError(404)
        return position


@blp.route("/cadres")
class Cadres(MethodView):
    @requires("province_admin", "unit_hr")
    @blp.arguments(CadreIn)
    @blp.response(201, CadreOut)
    def post(self, data):
        principal = current_principal()
        ensure_unit(principal, data["unit_id"])
        if not Unit.objects(id=data["unit_id"]).first():
            raise ApiError(422, fields={"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
        position = None
        if data["position_id"]:
            position = Position.objects(id=data["position_id"]).first()
            if position is None:
                raise ApiError(422, fields={"position_id": ["Vị trí việc làm không tồn tại / unknown position"]})
        cadre = Cadre(**data, position_version=position.version if position else None,
                      is_leader=bool(position and position.is_leader))
        _save_new(cadre, "cadre.registered", cadre.id)
        return cadre

    @requires(*READERS)
    @blp.arguments(CadreQuery, location="query")
    @blp.response(200, CadreOut(many=True))
    def get(self, query):
        principal = current_principal()
        cadres = Cadre.objects.order_by("code")
        if principal.role == "cadre":
            cadres = cadres.filter(id=principal.cadre_id)
        elif not principal.is_province_wide:
            cadres = cadres.filter(unit_id=principal.unit_id)
        if query.get("unit_id"):
            cadres = cadres.filter(unit_id=query["unit_id"])
        start = (query["page"] - 1) * query["per_page"]
        return list(cadres.skip(start).limit(query["per_page"]))


@blp.route("/cadres/<cadre_id>")
class CadreById(MethodView):
    @requires(*READERS)
    @blp.response(200, CadreOut)
    def get(self, cadre_id):
        principal = current_principal()
        cadre = Cadre.objects(id=cadre_id).first()
        if cadre is None or (principal.role == "cadre" and principal.cadre_id != cadre_id):
            raise ApiError(404)
        ensure_unit(principal, cadre.unit_id)
        return cadre
