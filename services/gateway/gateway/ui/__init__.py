"""The HR web UI (server-rendered, Vietnamese first, English switchable)."""
from __future__ import annotations

from flask import Flask, g, render_template, request

from cadre_shared.errors import ApiError, error_body

from . import i18n
from .audit_labels import describe as describe_action
from .charts import number
from .formatting import in_language, vn_date, vn_datetime
from .i18n import N_
from .pages import blueprint
from .web_session import check_csrf, csrf_token, load_session, persist_csrf_cookie

UI_BLUEPRINTS = {"ui", "apidocs"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
SOMETHING_WRONG = N_("Đã có lỗi xảy ra")
ERROR_TEXT = {
    400: N_("Yêu cầu không hợp lệ hoặc biểu mẫu đã hết hạn, vui lòng tải lại trang"),
    403: N_("Bạn không có quyền xem trang này"),
    404: N_("Không tìm thấy trang hoặc hồ sơ này"),
    405: N_("Thao tác này không được hỗ trợ"),
    502: N_("Dịch vụ trả lời không như mong đợi"),
    503: N_("Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại"),
    504: N_("Dịch vụ trả lời quá chậm, vui lòng thử lại"),
}


def error_page(status: int, message: str | None = None):
    text = message or i18n.gettext(ERROR_TEXT.get(status, SOMETHING_WRONG))
    return render_template("ui/error.html", status=status, message=text), status


def _api_error(exc: ApiError):
    return error_page(exc.status, in_language(exc.message, g.get("lang", "vi")))


def _http_error(exc):
    return error_page(exc.code or 500)


blueprint.before_request(load_session)
blueprint.before_request(check_csrf)
blueprint.after_request(persist_csrf_cookie)
for _status in (400, 403, 404, 405, 502, 503, 504):
    blueprint.register_error_handler(_status, _http_error)
blueprint.register_error_handler(ApiError, _api_error)

from . import views  # noqa: E402,F401  (routes of the blueprint)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint)
    i18n.init_app(app)
    app.jinja_env.globals.update(_=i18n.gettext, csrf_token=csrf_token,
                                 role_label=i18n.role_label, nav_items=views.nav.nav_items,
                                 outcome_labels=i18n.OUTCOME_LABELS, outcome_options=i18n.outcome_options,
                                 action_label=describe_action,
                                 unread_notifications=views.notifications.unread_notifications)
    app.jinja_env.filters.update(vn_date=vn_date, vn_datetime=vn_datetime, in_lang=i18n.in_current_language,
                                 num=number)

    @app.errorhandler(404)
    def _not_found(_exc):
        """Unknown addresses: JSON for the API, a page for people."""
        if request.path.startswith("/api/"):
            return error_body(404)
        load_session()
        return error_page(404)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.blueprint in UI_BLUEPRINTS or response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
