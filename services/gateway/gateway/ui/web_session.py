"""The web UI's sign-in state: an HttpOnly, SameSite=Strict cookie naming a server-side session
(nothing else is kept in the browser), CSRF tokens on every form, and short access tokens minted
per request for the calls the UI makes to the services."""
from __future__ import annotations

import functools
import hmac
import secrets

from flask import abort, current_app, g, redirect, request, url_for

from cadre_shared.auth import Principal

from ..handlers import settings
from ..handlers.sessions import web_visitor
from ..handlers.signin import access_token_for

SESSION_COOKIE = "c360_session"
CSRF_COOKIE = "c360_csrf"
LANG_COOKIE = "c360_lang"
LANGUAGES = ("vi", "en")
UI_TOKEN_SECONDS = 300


def set_cookie(response, name: str, value: str, max_age: int | None = None, http_only: bool = True) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=http_only, samesite="Strict",
                        secure=settings.flag("COOKIE_SECURE") or request.is_secure, path="/")


def load_session() -> None:
    """before_request: who is signed in on this browser (g.web_user / g.web_session, or None)."""
    g.lang = request.cookies.get(LANG_COOKIE) if request.cookies.get(LANG_COOKIE) in LANGUAGES else "vi"
    g.web_session, g.web_user = web_visitor(request.cookies.get(SESSION_COOKIE))


def web_principal() -> Principal:
    user = g.web_user
    return Principal(user_id=user.id, username=user.username, role=user.role, unit_id=user.unit_id,
                     cadre_id=user.cadre_id)


def api_token() -> str:
    """A short-lived access token of the signed-in user, tied to the web session."""
    if "ui_token" not in g:
        g.ui_token = access_token_for(current_app.config, g.web_user, g.web_session.id, ttl=UI_TOKEN_SECONDS)
    return g.ui_token


def login_required(*roles: str):
    """Pages for signed-in users (of ``roles`` when given); others go to the sign-in page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if g.get("web_user") is None:
                return redirect(url_for("ui.login", next=request.full_path.rstrip("?")))
            if roles and g.web_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def csrf_token() -> str:
    """The token forms carry: the session's own, or (before sign-in) a double-submit cookie's."""
    if g.get("web_session") is not None:
        return g.web_session.csrf_token
    if "csrf_cookie" not in g:
        g.csrf_cookie = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    return g.csrf_cookie


def check_csrf() -> None:
    """before_request on form posts: the form's token must match, or the post is refused."""
    if request.method != "POST":
        return
    sent = request.form.get("csrf_token", "")
    expected = g.web_session.csrf_token if g.get("web_session") is not None else request.cookies.get(CSRF_COOKIE)
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        abort(400, description="csrf")


def persist_csrf_cookie(response):
    """after_request: hand out the pre-sign-in CSRF cookie when a page used one."""
    if g.get("csrf_cookie") and request.cookies.get(CSRF_COOKIE) != g.csrf_cookie:
        set_cookie(response, CSRF_COOKIE, g.csrf_cookie)
    return response
