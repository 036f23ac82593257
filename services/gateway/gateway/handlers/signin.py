"""Sign-in (đăng nhập): password, throttling, the TOTP second factor, and the tokens it earns."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone

from ..domain.accounts import normalise_username
from ..domain.mfa import matching_step, mfa_applies, new_secret, provisioning_uri
from ..domain.passwords import hash_password, needs_rehash, verify_password
from ..domain.tokens import ACCESS_TTL_SECONDS, issue_access_token
from ..auth.keys import private_key
from ..models.identity import User
from ..models.sessions import AuthSession
from . import settings, throttling
from .sessions import open_session, rotate_refresh

WRONG_CREDENTIALS = "Sai tên đăng nhập hoặc mật khẩu / Wrong username or password"


class SignInRefused(Exception):
    def __init__(self, status: int, code: str, message: str, user: User | None = None, retry_after: int = 0,
                 fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.user, self.retry_after, self.fields = user, retry_after, fields


@dataclass(frozen=True)
class SignedIn:
    user: User
    session: AuthSession
    credential: str


def access_token_for(config, user: User, session_id: str, ttl: int = ACCESS_TTL_SECONDS) -> str:
    return issue_access_token(private_key(config), subject=user.id, username=user.username, role=user.role,
                              audience=config["JWT_AUDIENCE"], issuer=config["JWT_ISSUER"], unit_id=user.unit_id,
                              cadre_id=user.cadre_id, session_id=session_id, ttl=ttl)


def _checked_user(config, username: str, password: str, ip: str) -> tuple[User, dict, dict]:
    """The active user these credentials belong to, counting failures; refuses while throttled."""
    policies, keys = settings.throttle_policies(config), throttling.keys_for(username, ip)
    now = datetime.now(timezone.utc)
    wait = throttling.seconds_blocked(keys, policies, now)
    if wait:
        raise SignInRefused(429, "throttled", f"Đăng nhập sai quá nhiều lần từ địa chỉ này, thử lại sau "
                                              f"{wait} giây / too many failed sign-ins from this address, "
                                              f"retry in {wait} s", retry_after=wait)
    user = User.objects(username=username, active=True).first()
    if not verify_password(user.password_hash if user else None, password):
        throttling.count_failure(keys, policies, now)
        raise SignInRefused(401, "invalid_credentials", WRONG_CREDENTIALS, user=user)
    return user, keys, policies


def _check_second_factor(user: User, otp: str | None, keys: dict, policies: dict) -> None:
    secret = user.totp_secret or user.totp_pending
    if not secret:
        raise SignInRefused(401, "mfa_enrollment_required",
                            "Tài khoản quản trị cần đăng ký xác thực hai lớp (TOTP) trước khi đăng nhập / "
                            "set up the TOTP second factor first", user=user)
    if not otp:
        raise SignInRefused(401, "otp_required", "Nhập mã OTP 6 chữ số từ ứng dụng xác thực / "
                                                 "enter the 6-digit code from your authenticator app", user=user)
    step = matching_step(secret, otp, time.time())
    update = {"totp_last_step": step}
    if not user.totp_secret:
        update.update(totp_secret=secret, totp_pending=None)  # the first good code confirms enrolment
    used = step is not None and User._get_collection().update_one(
        {"_id": user.id, "$or": [{"totp_last_step": {"$lt": step}}, {"totp_last_step": None}]},
        {"$set": update}).matched_count == 1
    if not used:
        throttling.count_failure(keys, policies, datetime.now(timezone.utc))
        raise SignInRefused(401, "invalid_otp", "Mã OTP không đúng hoặc đã dùng / wrong or already used code",
                            user=user, fields={"otp": ["Mã OTP không đúng hoặc đã dùng / wrong or already used"]})


def sign_in(config, username: str, password: str, otp: str | None, ip: str, kind: str,
            lang: str | None = None) -> SignedIn:
    username = normalise_username(username)
    user, keys, policies = _checked_user(config, username, password, ip)
    if mfa_applies(user.role, settings.flag("MFA_REQUIRED", config)):
        _check_second_factor(user, otp, keys, policies)
    throttling.clear_pair(keys)
    if needs_rehash(user.password_hash):
        user.update(set__password_hash=hash_password(password))
    session, credential = open_session(user, kind, ip, lang)
    return SignedIn(user, session, credential)


def start_mfa_enrolment(config, username: str, password: str, ip: str) -> tuple[User, str, str]:
    """A new (pending) TOTP secret for a province administrator not yet enrolled: (user, secret, otpauth URI).
    It becomes the user's second factor with the first sign-in that presents a code from it."""
    user, _keys, _policies = _checked_user(config, normalise_username(username), password, ip)
    if not mfa_applies(user.role, settings.flag("MFA_REQUIRED", config)):
        raise SignInRefused(409, "mfa_not_applicable", "Tài khoản này không dùng xác thực hai lớp / "
                                                       "this account does not use a second factor", user=user)
    if user.totp_secret:
        raise SignInRefused(409, "mfa_already_enrolled", "Đã đăng ký xác thực hai lớp; liên hệ quản trị để đặt lại / "
                                                         "already enrolled; ask an administrator to reset it",
                            user=user)
    secret = new_secret()
    user.update(set__totp_pending=secret)
    return user, secret, provisioning_uri(secret, user.username)


def refresh(config, credential: str) -> tuple[User, AuthSession, str]:
    rotated = rotate_refresh(credential)
    if rotated is None:
        raise SignInRefused(401, "invalid_refresh_token", "Mã làm mới không hợp lệ hoặc đã dùng / "
                                                          "refresh token invalid or already used")
    session, new_credential = rotated
    user = User.objects(id=session.user_id, active=True).first()
    if user is None:
        raise SignInRefused(401, "invalid_refresh_token", "Tài khoản đã bị khóa / account disabled")
    return user, session, new_credential
