"""Kiosk devices and receipt links (administration), the kiosk page, and the door through
which kiosks and receipt links — and nothing else — reach the survey service."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint as FlaskBlueprint
from flask import current_app, make_response, render_template, request, send_from_directory, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.errors import ApiError

from ..audit_hook import note
from ..domain.kiosk_access import receipt_claims
from ..guard import TOKEN_CHECKS, authenticated, signed_in
from ..handlers import kiosks
from ..models.kiosk import Kiosk
from ..routing import call, forward
from ..schemas.kiosks import KioskCreated, KioskIn, KioskOut, KioskQuery, ReceiptIn, ReceiptOut

blp = Blueprint("kiosks", __name__, url_prefix="/api/v1",
                description="Ki-ốt khảo sát và liên kết đánh giá trên phiếu hẹn / Kiosks and receipt links")
device = FlaskBlueprint("kiosk_device", __name__)
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            "connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; "
            "form-action 'self'")
# Kiosk-role access tokens exist only on the gateway → survey hop; one presented to the
# gateway from outside is refused (devices hold opaque tokens, citizens hold receipt links).
TOKEN_CHECKS["kiosk"] = lambda _claims: False


def _bearer() -> str:
    return request.headers.get("Authorization", "").partition(" ")[2].strip()


def _registry(path: str, field: str, message: str) -> dict:
    reply = call("GET", path, _bearer())
    if reply.status == 404:
        raise ApiError(422, fields={field: [message]})
    if not reply.ok:
        raise ApiError(503, "Không kiểm tra được danh mục đơn vị, cán bộ / Registry unavailable")
    return reply.body


@blp.route("/kiosks")
class Kiosks(MethodView):
    @signed_in("province_admin")
    @blp.arguments(KioskIn)
    @blp.response(201, KioskCreated)
    def post(self, data):
        """Đăng ký ki-ốt cho một đơn vị / Enrol a kiosk for a unit (the token is shown once)"""
        unit = _registry(f"/api/v1/units/{data['unit_id']}", "unit_id", "Đơn vị không tồn tại / unknown unit")
        kiosk, token = kiosks.enrol(data["unit_id"], unit.get("name"), data["name"], authenticated().username)
        note(action="kiosks.create", target=f"kiosks/{kiosk.id}", detail={"unit_id": kiosk.unit_id,
                                                                           "name": kiosk.name})
        return {"id": kiosk.id, "token": token, "unit_id": kiosk.unit_id, "name": kiosk.name,
                "setup_url": url_for("kiosk_device.page", _external=True) + "#k=" + token}

    @signed_in("province_admin", "unit_hr", "auditor")
    @blp.arguments(KioskQuery, location="query")
    @blp.response(200, KioskOut(many=True))
    def get(self, query):
        """Danh sách ki-ốt / List kiosks"""
        principal = authenticated()
        found = Kiosk.objects.order_by("unit_id", "name")
        unit_id = query.get("unit_id") if principal.is_province_wide else principal.unit_id
        if query.get("unit_id") and not principal.can_see_unit(query["unit_id"]):
            raise ApiError(404)
        if unit_id:
            found = found.filter(unit_id=unit_id)
        if not query["include_revoked"]:
            found = found.filter(revoked_at=None)
        return list(found)


@blp.route("/kiosks/<kiosk_id>/revoke")
class KioskRevoke(MethodView):
    @signed_in("province_admin")
    @blp.response(200, KioskOut)
    def post(self, kiosk_id):
        """Thu hồi ki-ốt: mã của thiết bị không dùng được nữa / Revoke a kiosk"""
        kiosk = Kiosk.objects(id=kiosk_id).first()
        if kiosk is None:
            raise ApiError(404)
        note(action="kiosks.revoke", target=f"kiosks/{kiosk.id}", detail={"unit_id": kiosk.unit_id})
        return kiosks.revoke(kiosk, authenticated().username)


@blp.route("/receipt-links")
class ReceiptLinks(MethodView):
    @signed_in("province_admin", "unit_hr", "cadre")
    @blp.arguments(ReceiptIn)
    @blp.response(201, ReceiptOut)
    def post(self, data):
        """Liên kết đánh giá (mã QR) in trên phiếu hẹn / Signed rating link for a receipt's QR code"""
        principal = authenticated()
        if principal.role == "cadre" and data["cadre_id"] != principal.cadre_id:
            raise ApiError(403, "Cán bộ chỉ tạo liên kết cho hồ sơ mình tiếp nhận / only for yourself")
        cadre = _registry(f"/api/v1/cadres/{data['cadre_id']}", "cadre_id", "Không có cán bộ này / unknown cadre")
        unit_id = data["unit_id"] or cadre.get("unit_id")
        if unit_id != cadre.get("unit_id"):
            raise ApiError(422, fields={"unit_id": ["Cán bộ không thuộc đơn vị này / cadre not in this unit"]})
        cfg = current_app.config
        claims = receipt_claims(unit_id=unit_id, cadre_id=data["cadre_id"], dossier_code=data["dossier_code"],
                                procedure_code=data["procedure_code"], audience=cfg["JWT_AUDIENCE"],
                                issuer=cfg["JWT_ISSUER"])
        token = kiosks.sign_receipt(claims)
        return {"url": url_for("kiosk_device.page", _external=True) + "?r=" + token, "token": token,
                "expires_at": datetime.fromtimestamp(claims["exp"], timezone.utc)}


@device.route("/api/v1/kiosk/<path:_rest>", methods=["GET", "POST"])
def kiosk_request(_rest):
    """A kiosk (opaque device token) or a phone (receipt link) calling the survey service."""
    receipt = request.headers.get("X-C360-Receipt", "").strip()
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    if credential and scheme.lower() == "bearer":
        kiosk = kiosks.kiosk_of_token(credential.strip())
        if request.method == "POST":
            note(actor_id=kiosk["id"], actor=kiosk["name"], role="kiosk", unit_id=kiosk["unit_id"])
            kiosks.count_submission(kiosk["id"])
        token = kiosks.internal_token(f"kiosk:{kiosk['id']}", unit_id=kiosk["unit_id"], kiosk_id=kiosk["id"],
                                      username=kiosk["name"])
    elif receipt and not credential:
        claims = kiosks.verify_receipt(receipt)
        if request.method == "POST":
            note(actor_id=claims["sub"], actor="receipt-link", role="kiosk", unit_id=claims["unit_id"])
        token = kiosks.internal_token(claims["sub"], unit_id=claims["unit_id"], cadre_id=claims["cadre_id"],
                                      username="receipt-link", reuse=False)
    else:
        raise ApiError(401, kiosks.INVALID_DEVICE, code="invalid_kiosk_token")
    return forward("SURVEY_URL", authorization=f"Bearer {token}")


@device.route("/kiosk")
def page():
    """Trang đánh giá cho ki-ốt và điện thoại / The citizen rating page (kiosk and phone)"""
    response = make_response(render_template("kiosk/index.html"))
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers["Cache-Control"] = "no-cache"
    return response


@device.route("/kiosk-sw.js")
def service_worker():
    """Keeps the kiosk page usable when the tablet restarts during an outage."""
    response = send_from_directory(current_app.static_folder, "kiosk/sw.js", mimetype="text/javascript",
                                   max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
