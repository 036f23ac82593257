"""Kiosk devices and receipt links (administration), the kiosk page, and the door through
which kiosks and receipt links — and nothing else — reach the survey service."""
from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import current_app, make_response, render_template, request, send_from_directory
from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.errors import ApiError
from cadre_shared.receipts import HEADER as RECEIPT_HEADER

from ..audit.hook import note
from ..auth.guard import TOKEN_CHECKS, authenticated, signed_in
from ..domain.kiosk_access import KIOSK_MANAGERS
from ..handlers import kiosk_admin, kiosk_devices, receipt_links
from ..routing.upstream import forward, lookup_as_caller
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


@blp.route("/kiosks")
class Kiosks(MethodView):
    @signed_in(*KIOSK_MANAGERS)
    @blp.arguments(KioskIn)
    @blp.response(201, KioskCreated)
    def post(self, data):
        """Đăng ký ki-ốt cho một đơn vị / Enrol a kiosk for a unit (unit HR: their own; the token is shown once)"""
        kiosk, token = kiosk_admin.enrol(authenticated(), data["unit_id"], data["name"], lookup_as_caller)
        note(action="kiosks.create", target=f"kiosks/{kiosk.id}", detail={"unit_id": kiosk.unit_id,
                                                                           "name": kiosk.name})
        return {"id": kiosk.id, "token": token, "unit_id": kiosk.unit_id, "name": kiosk.name,
                "setup_url": kiosk_admin.setup_url(token)}

    @signed_in("province_admin", "unit_hr", "auditor")
    @blp.arguments(KioskQuery, location="query")
    @blp.response(200, KioskOut(many=True))
    def get(self, query):
        """Danh sách ki-ốt / List kiosks"""
        return kiosk_admin.kiosks_in_scope(authenticated(), query.get("unit_id"), query["include_revoked"])


@blp.route("/kiosks/<kiosk_id>/revoke")
class KioskRevoke(MethodView):
    @signed_in(*KIOSK_MANAGERS)
    @blp.response(200, KioskOut)
    def post(self, kiosk_id):
        """Thu hồi ki-ốt: mã của thiết bị không dùng được nữa / Revoke a kiosk"""
        kiosk = kiosk_admin.revoke(authenticated(), kiosk_id)
        note(action="kiosks.revoke", target=f"kiosks/{kiosk.id}", detail={"unit_id": kiosk.unit_id})
        return kiosk


@blp.route("/receipt-links")
class ReceiptLinks(MethodView):
    @signed_in("province_admin", "unit_hr", "cadre")
    @blp.arguments(ReceiptIn)
    @blp.response(201, ReceiptOut)
    def post(self, data):
        """Liên kết đánh giá (mã QR) in trên phiếu hẹn / Signed rating link for a receipt's QR code"""
        token, expires_at = receipt_links.issue(authenticated(), data, lookup_as_caller)
        return {"url": receipt_links.link_for(token), "token": token,
                "expires_at": expires_at}


@device.route("/api/v1/kiosk/<path:_rest>", methods=["GET", "POST"])
def kiosk_request(_rest):
    """A kiosk (opaque device token) or a phone (receipt link) calling the survey service."""
    receipt = request.headers.get(RECEIPT_HEADER, "").strip()
    scheme, _, credential = request.headers.get("Authorization", "").partition(" ")
    if credential and scheme.lower() == "bearer":
        kiosk = kiosk_devices.kiosk_of_token(credential.strip())  # its rate limit: counted by the survey
        token = kiosk_devices.internal_token(f"kiosk:{kiosk['id']}", unit_id=kiosk["unit_id"],
                                             kiosk_id=kiosk["id"], username=kiosk["name"])
    elif receipt and not credential:
        claims = receipt_links.verify(receipt)
        token = kiosk_devices.internal_token(claims["sub"], unit_id=claims["unit_id"],
                                             cadre_id=claims["cadre_id"], username="receipt-link", reuse=False)
    else:
        raise ApiError(401, kiosk_devices.INVALID_DEVICE, code="invalid_kiosk_token")
    return forward("SURVEY_URL", authorization=f"Bearer {token}", kept_connection=True)


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
