"""Sign-in: username + password (+ TOTP where required) → a signed access token; refresh; sign-out."""
from __future__ import annotations

from flask import current_app, g
from flask_smorest import Blueprint

from cadre_shared.errors import ApiError

from ..audit.hook import note
from ..domain.tokens import ACCESS_TTL_SECONDS
from ..domain.accounts import ASSIGNABLE_ROLES
from ..auth.guard import authenticated, signed_in
from ..handlers import sessions, signin, users
from ..auth.client_address import client_ip
from ..schemas.auth import (LogoutRequest, MeOut, MfaEnrolmentRequest, MfaEnrolmentResponse, PasswordChange,
                            RefreshRequest, TokenRequest, TokenResponse)

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Đăng nhập / Sign-in")


def _refused(exc: signin.SignInRefused, action: str, username: str) -> ApiError:
    user = exc.user
    note(action=action, actor=username[:64], actor_id=user.id if user else None, role=user.role if user else None,
         unit_id=user.unit_id if user else None, detail={"reason": exc.code, "channel": "api"})
    if exc.retry_after:
        g.retry_after = exc.retry_after
    return ApiError(exc.status, exc.message, exc.fields, code=exc.code)


def _tokens(user, session, credential) -> dict:
    return {"access_token": signin.access_token_for(current_app.config, user, session.id), "token_type": "Bearer",
            "expires_in": ACCESS_TTL_SECONDS, "refresh_token": credential}


@blp.post("/token")
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
def issue_token(data):
    """Đăng nhập, nhận mã truy cập / Sign in for an access token"""
    try:
        done = signin.sign_in(current_app.config, data["username"], data["password"], data.get("otp"), client_ip(),
                              "api")
    except signin.SignInRefused as exc:
        raise _refused(exc, "auth.sign_in", data["username"]) from None
    note(action="auth.sign_in", actor=done.user.username, actor_id=done.user.id, role=done.user.role,
         unit_id=done.user.unit_id, target=f"sessions/{done.session.id}", detail={"channel": "api"})
    return _tokens(done.user, done.session, done.credential)


@blp.post("/refresh")
@blp.arguments(RefreshRequest)
@blp.response(200, TokenResponse)
def refresh_token(data):
    """Đổi mã làm mới lấy mã truy cập mới / Exchange a refresh token"""
    try:
        user, session, credential = signin.refresh(current_app.config, data["refresh_token"])
    except signin.SignInRefused as exc:
        raise _refused(exc, "auth.refresh", "") from None
    note(action="auth.refresh", actor=user.username, actor_id=user.id, role=user.role, unit_id=user.unit_id,
         target=f"sessions/{session.id}")
    return _tokens(user, session, credential)


@blp.post("/logout")
@signed_in(*ASSIGNABLE_ROLES)
@blp.arguments(LogoutRequest)
@blp.response(204)
def logout(data):
    """Đăng xuất: mã truy cập và mã làm mới của phiên hết hiệu lực / Sign out (closes the session)"""
    session_id = g.token_claims.get("sid")
    if session_id:
        sessions.revoke(session_id)
    note(action="auth.sign_out", target=f"sessions/{session_id}")


@blp.post("/mfa/enrolment")
@blp.arguments(MfaEnrolmentRequest)
@blp.response(200, MfaEnrolmentResponse)
def mfa_enrolment(data):
    """Đăng ký xác thực hai lớp (quản trị tỉnh) / Set up the TOTP second factor"""
    try:
        user, secret, uri = signin.start_mfa_enrolment(current_app.config, data["username"], data["password"],
                                                       client_ip())
    except signin.SignInRefused as exc:
        raise _refused(exc, "auth.mfa_enrolment", data["username"]) from None
    note(action="auth.mfa_enrolment", actor=user.username, actor_id=user.id, role=user.role,
         target=f"users/{user.id}")
    return {"secret": secret, "otpauth_uri": uri}


@blp.post("/password")
@signed_in(*ASSIGNABLE_ROLES)
@blp.arguments(PasswordChange)
@blp.response(204)
def change_password(data):
    """Đổi mật khẩu của chính mình / Change your own password"""
    principal = authenticated()
    users.change_own_password(principal.user_id, data["current_password"], data["new_password"],
                              g.token_claims.get("sid"))
    note(action="auth.password_change", target=f"users/{principal.user_id}")


@blp.get("/me")
@signed_in(*ASSIGNABLE_ROLES)
@blp.response(200, MeOut)
def me():
    """Người đang đăng nhập / Who the token belongs to"""
    p = authenticated()
    return {"user_id": p.user_id, "username": p.username, "role": p.role, "unit_id": p.unit_id,
            "cadre_id": p.cadre_id}
