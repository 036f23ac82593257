"""Account management pages (province administrators)."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from cadre_shared.errors import ApiError

from ...audit.hook import note
from ...domain.accounts import ASSIGNABLE_ROLES
from ...handlers import users
from ...schemas.users import UserIn, UserPatch
from ..pages import blueprint as bp
from ..api_client import fetch_optional, registry_lookup
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..i18n import role_label
from ..web_session import login_required

NOTICES = {"created": N_("Đã tạo tài khoản."), "updated": N_("Đã lưu thay đổi.")}
PER_PAGE = 50


def _unit_options() -> list[tuple[str, str]]:
    return [(u["id"], f'{u["name"]} ({u["code"]})') for u in fetch_optional("/api/v1/units") or []]


def _audit(action: str, outcome: str, status: int, target: str, detail: dict | None = None) -> None:
    admin = g.web_user
    note(action=action, actor=admin.username, actor_id=admin.id, role=admin.role, unit_id=admin.unit_id,
         outcome=outcome, status=status, target=target, detail={"channel": "web", **(detail or {})})


@bp.get("/users")
@login_required("province_admin")
def users_list():
    filters = {"role": request.args.get("role") or None, "q": request.args.get("q", "").strip() or None}
    if filters["role"] not in ASSIGNABLE_ROLES:
        filters["role"] = None
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    found = users.list_users(filters)
    total = found.count()
    units = dict(_unit_options())
    return render_template("ui/users_list.html", users=list(found.skip((page - 1) * PER_PAGE).limit(PER_PAGE)),
                           total=total, page=page, total_pages=max(1, -(-total // PER_PAGE)), units=units,
                           filters=filters, roles=[(r, role_label(r)) for r in ASSIGNABLE_ROLES],
                           notice=notice_of(NOTICES),
                           page_url=lambda n: url_for("ui.users_list", page=n, **{k: v for k, v in filters.items()
                                                                                   if v}),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Tài khoản"), None)])


@bp.route("/users/new", methods=["GET", "POST"])
@login_required("province_admin")
def user_new():
    source = request.form if request.method == "POST" else request.args
    form = {k: source.get(k, "").strip() for k in ("username", "full_name", "email", "role", "unit_id", "cadre_id")}
    errors: dict = {}
    if request.method == "POST":
        data = {k: v for k, v in form.items() if v}
        data["password"] = request.form.get("password", "")
        try:
            user = users.create_user(UserIn().load(data), g.web_user.id, registry_lookup)
        except ValidationError as exc:
            errors = exc.messages
        except ApiError as exc:
            errors = exc.fields or {"username": [exc.message]}
        else:
            _audit("users.create", "success", 201, f"users/{user.id}",
                   {"username": user.username, "role": user.role, "unit_id": user.unit_id})
            return redirect(url_for("ui.users_list", notice="created"))
        _audit("users.create", "rejected", 422, "users", {"username": form["username"][:64]})
    return render_template("ui/user_form.html", form=form, errors=errors, units=_unit_options(),
                           roles=[(r, role_label(r)) for r in ASSIGNABLE_ROLES],
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Tài khoản"),
                                        url_for("ui.users_list")), (_("Tạo tài khoản"), None)]), \
        (422 if errors else 200)


@bp.route("/users/<user_id>", methods=["GET", "POST"])
@login_required("province_admin")
def user_detail(user_id):
    user = users.find_user(user_id)
    errors: dict = {}
    if request.method == "POST":
        change = request.form.get("change")
        data = {"activate": {"active": True}, "deactivate": {"active": False}, "reset_mfa": {"reset_mfa": True},
                "password": {"password": request.form.get("password", "")},
                "unit": {"unit_id": request.form.get("unit_id") or None},
                "email": {"email": request.form.get("email", "").strip() or None}}.get(change)
        if data is None:
            return redirect(url_for("ui.user_detail", user_id=user_id))
        try:
            users.update_user(user_id, UserPatch().load(data), g.web_user.id, registry_lookup)
        except ValidationError as exc:
            errors = exc.messages
        except ApiError as exc:
            errors = exc.fields or {"_schema": [exc.message]}
        else:
            _audit("users.update", "success", 200, f"users/{user_id}", {"changed": change})
            return redirect(url_for("ui.user_detail", user_id=user_id, notice="updated"))
        _audit("users.update", "rejected", 422, f"users/{user_id}", {"changed": change})
    units = _unit_options()
    return render_template("ui/user_detail.html", user=user, errors=errors, units=units, unit_names=dict(units),
                           notice=notice_of(NOTICES),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Tài khoản"),
                                        url_for("ui.users_list")), (user.username, None)]), (422 if errors else 200)
