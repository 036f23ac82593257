"""Sign-in, sign-out, the second-factor setup and the language switch."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, g, redirect, render_template, request, url_for

from ...audit.hook import note
from ...domain.audit_naming import outcome_of
from ...handlers import sessions, signin, users
from ...auth.client_address import client_ip
from ..pages import blueprint as bp
from ..web_session import LANG_COOKIE, LANGUAGES, SESSION_COOKIE, set_cookie

REQUIRED = ["Bắt buộc nhập / required"]


def safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, not protocol-relative) may be the next page."""
    if not target:
        return url_for("ui.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("ui.home")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if g.web_user is not None:
            return redirect(url_for("ui.home"))
        return render_template("ui/login.html", errors={}, general="", username="", ask_otp=False, enrol=False,
                               next_url=request.args.get("next", ""))
    form = request.form
    username, password, otp = form.get("username", "").strip(), form.get("password", ""), form.get("otp", "").strip()
    errors = {name: REQUIRED for name, value in (("username", username), ("password", password)) if not value}
    context = {"username": username, "next_url": form.get("next", ""), "ask_otp": bool(otp), "enrol": False}
    if errors:
        return render_template("ui/login.html", errors=errors, general="", **context), 422
    try:
        done = signin.sign_in(current_app.config, username, password, otp or None, client_ip(), "web", g.lang)
    except signin.SignInRefused as exc:
        user = exc.user
        note(action="auth.sign_in", actor=username.lower()[:64], actor_id=user.id if user else None,
             role=user.role if user else None, unit_id=user.unit_id if user else None, outcome=outcome_of(exc.status),
             status=exc.status, target="web", detail={"reason": exc.code, "channel": "web"})
        context.update(ask_otp=exc.code in ("otp_required", "invalid_otp"), enrol=exc.code == "mfa_enrollment_required")
        return render_template("ui/login.html", errors=exc.fields or {}, general=exc.message, **context), exc.status
    note(action="auth.sign_in", actor=done.user.username, actor_id=done.user.id, role=done.user.role,
         unit_id=done.user.unit_id, outcome="success", status=200, target=f"sessions/{done.session.id}",
         detail={"channel": "web"})
    response = redirect(safe_next(form.get("next")))
    set_cookie(response, SESSION_COOKIE, done.credential)
    return response


@bp.post("/logout")
def logout():
    if g.web_session is not None:
        sessions.revoke(g.web_session.id)
        user = g.web_user
        note(action="auth.sign_out", actor=user.username, actor_id=user.id, role=user.role, unit_id=user.unit_id,
             outcome="success", status=303, target=f"sessions/{g.web_session.id}", detail={"channel": "web"})
    response = redirect(url_for("ui.login"))
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@bp.get("/lang/<code>")
def language(code):
    response = redirect(safe_next(request.args.get("next")))
    if code in LANGUAGES:
        set_cookie(response, LANG_COOKIE, code, max_age=365 * 24 * 3600)
        if g.web_user is not None and g.web_user.language != code:
            users.set_language(g.web_user.id, code)  # their notification e-mails follow
    return response


@bp.route("/mfa-setup", methods=["GET", "POST"])
def mfa_setup():
    if request.method == "GET":
        return render_template("ui/mfa_setup.html", errors={}, general="", username="", secret=None)
    username, password = request.form.get("username", "").strip(), request.form.get("password", "")
    try:
        user, secret, uri = signin.start_mfa_enrolment(current_app.config, username, password, client_ip())
    except signin.SignInRefused as exc:
        note(action="auth.mfa_enrolment", actor=username.lower()[:64], outcome=outcome_of(exc.status),
             status=exc.status, target="web", detail={"reason": exc.code, "channel": "web"})
        return render_template("ui/mfa_setup.html", errors={}, general=exc.message, username=username,
                               secret=None), exc.status
    note(action="auth.mfa_enrolment", actor=user.username, actor_id=user.id, role=user.role, outcome="success",
         status=200, target=f"users/{user.id}", detail={"channel": "web"})
    return render_template("ui/mfa_setup.html", secret=secret, uri=uri, errors={}, general="", username=username)
