"""Survey forms (versioned question sets) and each unit's counter roster shown on its kiosks."""
from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import current_principal, requires

from ..handlers.forms import current_form, form_versions, new_version
from ..handlers.photos import remove_photo, store_photo
from ..handlers.procedures import procedure_list, set_procedures
from ..handlers.roster import roster_of, set_roster
from ..schemas.forms import FormIn, ProceduresIn, ProceduresOut, RosterIn, RosterOut
from ..schemas.kiosk import FormOut

blp = Blueprint("surveys", __name__, url_prefix="/api/v1/surveys",
                description="Phiếu khảo sát, danh sách cán bộ tại quầy / Survey forms and counter staff")
HR = ("province_admin", "unit_hr")


@blp.route("/forms")
class Forms(MethodView):
    @requires(*HR, "auditor")
    @blp.response(200, FormOut(many=True))
    def get(self):
        return form_versions()

    @requires("province_admin")
    @blp.arguments(FormIn)
    @blp.response(201, FormOut)
    def post(self, data):
        return new_version(data, current_principal().username)


@blp.route("/forms/current")
class CurrentForm(MethodView):
    @requires(*HR, "auditor")
    @blp.response(200, FormOut)
    def get(self):
        return current_form()


@blp.route("/units/<unit_id>/counter-staff")
class Roster(MethodView):
    @requires(*HR, "auditor")
    @blp.response(200, RosterOut)
    def get(self, unit_id):
        return roster_of(current_principal(), unit_id)

    @requires(*HR)
    @blp.arguments(RosterIn)
    @blp.response(200, RosterOut)
    def put(self, data, unit_id):
        return set_roster(current_principal(), unit_id, data["cadre_ids"])


@blp.route("/units/<unit_id>/procedures")
class Procedures(MethodView):
    @requires(*HR, "auditor", "cadre")
    @blp.response(200, ProceduresOut)
    def get(self, unit_id):
        """Thủ tục hành chính tại quầy của đơn vị / the procedures the unit's counter serves"""
        return procedure_list(current_principal(), unit_id)

    @requires(*HR)
    @blp.arguments(ProceduresIn)
    @blp.response(200, ProceduresOut)
    def put(self, data, unit_id):
        """Đặt danh mục thủ tục (theo thứ tự ki-ốt hiển thị) / set the list, in the kiosk's order"""
        return set_procedures(current_principal(), unit_id, data["procedures"])


@blp.route("/cadres/<cadre_id>/photo")
class Photo(MethodView):
    @requires(*HR)
    @blp.response(204)
    def put(self, cadre_id):
        store_photo(current_principal(), cadre_id, (request.mimetype or "").lower(), request.get_data())

    @requires(*HR)
    @blp.response(204)
    def delete(self, cadre_id):
        remove_photo(current_principal(), cadre_id)
