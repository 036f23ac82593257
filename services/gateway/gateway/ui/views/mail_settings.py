"""The province's SMTP server for notification e-mails (province administrators): the form, and
how the e-mails are doing (waiting, given up and why)."""
from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from cadre_shared.errors import ApiError

from ...audit.hook import note
from ...handlers import mail_settings
from ...schemas.mail_settings import SECURITY, MailSettingsIn
from ..pages import blueprint as bp
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required

NOTICES = {"saved": N_("Đã lưu máy chủ thư.")}
SECURITY_LABELS = {"starttls": N_("STARTTLS (thường dùng cổng 587)"), "ssl": N_("SSL/TLS (thường dùng cổng 465)"),
                   "none": N_("Không mã hóa (chỉ máy chủ nội bộ)")}
FIELDS = ("host", "port", "security", "from_address", "username")


def _form_data(form) -> dict:
    data = {name: form.get(name, "").strip() or None for name in FIELDS}
    data["port"] = int(data["port"]) if (data["port"] or "").isdigit() else data["port"] or 587
    data["security"] = data["security"] or "starttls"
    if form.get("password"):
        data["password"] = form["password"]
    elif form.get("clear_password"):
        data["password"] = None
    return data


@bp.route("/settings/mail", methods=["GET", "POST"])
@login_required("province_admin")
def mail_settings_page():
    errors: dict = {}
    view = mail_settings.view(current_app.config)
    form = {name: view[name] for name in FIELDS}
    if request.method == "POST":
        data = _form_data(request.form)
        try:
            mail_settings.save(MailSettingsIn().load(data), g.web_user.id, current_app.config)
        except ValidationError as exc:
            errors = exc.messages
        except ApiError as exc:
            errors = exc.fields or {"host": [exc.message]}
        else:
            _audit("success", 200, data)
            return redirect(url_for("ui.mail_settings_page", notice="saved"))
        _audit("rejected", 422, data)
        form = {name: request.form.get(name, "") for name in FIELDS}
    return render_template("ui/mail_settings.html", form=form, view=view, errors=errors, notice=notice_of(NOTICES),
                           security=[(code, _(label)) for code, label in SECURITY_LABELS.items() if code in SECURITY],
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Máy chủ thư"), None)]), \
        (422 if errors else 200)


def _audit(outcome: str, status: int, data: dict) -> None:
    user = g.web_user
    note(action="settings.mail", actor=user.username, actor_id=user.id, role=user.role, outcome=outcome,
         status=status, target="settings/mail",
         detail={"channel": "web", "host": str(data.get("host") or "")[:100], "security": data.get("security"),
                 "password": "changed" if "password" in data else "kept"})
