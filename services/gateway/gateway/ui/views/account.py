"""The signed-in person's own account: who they are, change of password."""
from __future__ import annotations

from flask import g, render_template, request

from cadre_shared.errors import ApiError

from ...audit.hook import note
from ...handlers import users
from ..pages import blueprint as bp
from ..i18n import gettext as _
from ..web_session import login_required


@bp.route("/account", methods=["GET", "POST"])
@login_required()
def account():
    user = g.web_user
    if request.method == "GET":
        return render_template("ui/account.html", errors={}, notice=None)
    try:
        users.change_own_password(user.id, request.form.get("current_password", ""),
                                  request.form.get("new_password", ""), g.web_session.id)
    except ApiError as exc:
        note(action="auth.password_change", actor=user.username, actor_id=user.id, role=user.role, outcome="rejected",
             status=exc.status, target=f"users/{user.id}", detail={"channel": "web"})
        return render_template("ui/account.html", errors=exc.fields or {}, notice=None), exc.status
    note(action="auth.password_change", actor=user.username, actor_id=user.id, role=user.role, outcome="success",
         status=200, target=f"users/{user.id}", detail={"channel": "web"})
    return render_template("ui/account.html", errors={}, notice=_("Đã đổi mật khẩu."))
