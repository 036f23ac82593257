"""Survey forms (versioned question sets) and each unit's counter roster shown on its kiosks."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from mongoengine.errors import NotUniqueError
from pymongo.errors import DuplicateKeyError

from cadre_shared.auth import current_principal, ensure_unit, requires
from cadre_shared.errors import ApiError

from ..handlers.forms import current_form, new_version
from ..handlers.kiosk_context import counter_staff, staff_entry
from ..models import CadreCopy, CounterStaff, StaffPhoto, SurveyForm
from ..schemas.forms import FormIn, RosterIn, RosterOut
from ..schemas.kiosk import FormOut

blp = Blueprint("surveys", __name__, url_prefix="/api/v1/surveys",
                description="Phiếu khảo sát, danh sách cán bộ tại quầy / Survey forms and counter staff")
HR = ("province_admin", "unit_hr")
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
MAX_PHOTO_BYTES = 200 * 1024


@blp.route("/forms")
class Forms(MethodView):
    @requires(*HR, "auditor")
    @blp.response(200, FormOut(many=True))
    def get(self):
        current_form()  # seeds the default form on first use
        return list(SurveyForm.objects.order_by("code", "-version"))

    @requires("province_admin")
    @blp.arguments(FormIn)
    @blp.response(201, FormOut)
    def post(self, data):
        keys = [item["key"] for item in data["indicators"]]
        if len(set(keys)) != len(keys):
            raise ApiError(422, fields={"indicators": ["Khoá tiêu chí bị trùng / duplicate indicator key"]})
        try:
            return new_version(data, current_principal().username)
        except NotUniqueError:
            raise ApiError(409, "Phiên bản vừa được tạo đồng thời, hãy thử lại / created concurrently, retry",
                           code="conflict") from None


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
        ensure_unit(current_principal(), unit_id)
        return _roster_view(unit_id)

    @requires(*HR)
    @blp.arguments(RosterIn)
    @blp.response(200, RosterOut)
    def put(self, data, unit_id):
        principal = current_principal()
        ensure_unit(principal, unit_id)
        ids = list(dict.fromkeys(data["cadre_ids"]))
        known = {c.id: c for c in CadreCopy.objects(id__in=ids)}
        errors = {str(i): ["Cán bộ không thuộc đơn vị / not a cadre of this unit"] for i, cid in enumerate(ids)
                  if cid not in known or known[cid].unit_id != unit_id or known[cid].status != "active"}
        if errors:
            raise ApiError(422, fields={"cadre_ids": errors})
        _upsert(CounterStaff, unit_id, cadre_ids=ids, updated_by=principal.username,
                updated_at=datetime.now(timezone.utc))
        return _roster_view(unit_id)


def _upsert(document_cls, doc_id: str, **values) -> None:
    """Create or replace fields; two requests creating the same document at once both succeed."""
    update = {f"set__{name}": value for name, value in values.items()}
    try:
        document_cls.objects(id=doc_id).update_one(upsert=True, **update)
    except (NotUniqueError, DuplicateKeyError):  # the other request created it first: now it exists
        document_cls.objects(id=doc_id).update_one(**update)


def _roster_view(unit_id: str) -> dict:
    staff = counter_staff(unit_id)
    photo_ids = {p.id for p in StaffPhoto.objects(id__in=[c.id for c in staff]).only("id")}
    return {"unit_id": unit_id, "configured": CounterStaff.objects(id=unit_id).first() is not None,
            "staff": [staff_entry(c, photo_ids) for c in staff]}


@blp.route("/cadres/<cadre_id>/photo")
class Photo(MethodView):
    @requires(*HR)
    @blp.response(204)
    def put(self, cadre_id):
        cadre = CadreCopy.objects(id=cadre_id).first()
        if cadre is None:
            raise ApiError(404, "Không tìm thấy cán bộ / Cadre not found")
        ensure_unit(current_principal(), cadre.unit_id)
        content_type = (request.mimetype or "").lower()
        if content_type not in PHOTO_TYPES:
            raise ApiError(415, "Ảnh phải là JPEG, PNG hoặc WebP / photo must be JPEG, PNG or WebP")
        data = request.get_data()
        if not data or len(data) > MAX_PHOTO_BYTES:
            raise ApiError(422, fields={"photo": [f"Ảnh từ 1 byte đến {MAX_PHOTO_BYTES // 1024} KB / photo up to "
                                                  f"{MAX_PHOTO_BYTES // 1024} KB"]})
        _upsert(StaffPhoto, cadre_id, content_type=content_type, data=data, updated_at=datetime.now(timezone.utc))

    @requires(*HR)
    @blp.response(204)
    def delete(self, cadre_id):
        cadre = CadreCopy.objects(id=cadre_id).first()
        if cadre is None:
            raise ApiError(404, "Không tìm thấy cán bộ / Cadre not found")
        ensure_unit(current_principal(), cadre.unit_id)
        StaffPhoto.objects(id=cadre_id).delete()
