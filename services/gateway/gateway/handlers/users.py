"""Accounts: created and managed by province administrators; each person changes their own password."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Callable

from mongoengine.errors import NotUniqueError

from cadre_shared.errors import ApiError

from ..domain.accounts import normalise_username, scope_problems, username_problem
from ..domain.passwords import hash_password, password_problem, verify_password
from ..models.identity import User
from . import recipient_index
from .sessions import revoke_all

# (path) -> (status, body): reads the registry as the calling administrator.
Lookup = Callable[[str], tuple[int, object]]


def _invalid(fields: dict) -> ApiError:
    return ApiError(422, fields=fields)


def _resolve_scope(role: str, unit_id: str | None, cadre_id: str | None, lookup: Lookup) -> str | None:
    """Check the unit / cadre exist in the registry; a cadre account takes the cadre's unit."""
    if unit_id:
        status, _ = lookup(f"/api/v1/units/{unit_id}")
        if status == 404:
            raise _invalid({"unit_id": ["Đơn vị không tồn tại / unknown unit"]})
    if cadre_id:
        status, cadre = lookup(f"/api/v1/cadres/{cadre_id}")
        if status == 404 or not isinstance(cadre, dict):
            raise _invalid({"cadre_id": ["Không tìm thấy hồ sơ cán bộ / unknown cadre"]})
        if unit_id and cadre.get("unit_id") != unit_id:
            raise _invalid({"unit_id": ["Cán bộ không thuộc đơn vị này / the cadre is not in this unit"]})
        unit_id = cadre.get("unit_id")
    return unit_id


def create_user(data: dict, created_by: str, lookup: Lookup) -> User:
    username = normalise_username(data["username"])
    problems = scope_problems(data["role"], data.get("unit_id"), data.get("cadre_id"))
    if problem := username_problem(username):
        problems["username"] = [problem]
    if problem := password_problem(data["password"], username):
        problems["password"] = [problem]
    if problems:
        raise _invalid(problems)
    unit_id = _resolve_scope(data["role"], data.get("unit_id"), data.get("cadre_id"), lookup)
    user = User(username=username, password_hash=hash_password(data["password"]), role=data["role"],
                unit_id=unit_id, cadre_id=data.get("cadre_id"), full_name=data.get("full_name"),
                email=data.get("email"), created_by=created_by)
    try:
        user.save(force_insert=True)
    except NotUniqueError:
        raise ApiError(409, "Tên đăng nhập đã tồn tại / Username already taken",
                       {"username": ["Tên đăng nhập đã tồn tại / already taken"]}, code="duplicate") from None
    recipient_index.list_user(user)
    return user


def find_user(user_id: str) -> User:
    user = User.objects(id=user_id).first()
    if user is None:
        raise ApiError(404)
    return user


def list_users(filters: dict):
    users = User.objects.order_by("username")
    for name in ("role", "unit_id"):
        if filters.get(name):
            users = users.filter(**{name: filters[name]})
    if filters.get("active") is not None:
        users = users.filter(active=filters["active"])
    if filters.get("q"):
        # a raw $regex: mongoengine's icontains sends Python's "u" flag, which FerretDB refuses
        # (every search answered 500); usernames are lower-case already
        users = users.filter(__raw__={"username": {"$regex": re.escape(normalise_username(filters["q"]))}})
    return users


def update_user(user_id: str, changes: dict, acting_user_id: str, lookup: Lookup) -> User:
    """Deactivate / reactivate, reset the password or the second factor, move a unit HR account,
    change the name or e-mail address."""
    user = find_user(user_id)
    update: dict = {}
    if "active" in changes:
        if user.id == acting_user_id and not changes["active"]:
            raise _invalid({"active": ["Không thể tự khóa tài khoản của mình / you cannot disable yourself"]})
        update["active"] = changes["active"]
    if "password" in changes:
        if problem := password_problem(changes["password"], user.username):
            raise _invalid({"password": [problem]})
        update["password_hash"] = hash_password(changes["password"])
        update["password_changed_at"] = datetime.now(timezone.utc)
    if changes.get("reset_mfa"):
        update.update(totp_secret=None, totp_pending=None)
    if "unit_id" in changes:
        if problems := scope_problems(user.role, changes["unit_id"], user.cadre_id):
            raise _invalid(problems)
        update["unit_id"] = _resolve_scope(user.role, changes["unit_id"], None, lookup)
    for name in ("full_name", "email"):
        if name in changes:
            update[name] = changes[name]
    if update:
        user.update(**{f"set__{k}": v for k, v in update.items()})
    if update.keys() & {"active", "password_hash", "totp_secret", "unit_id"}:
        revoke_all(user.id)  # the old role/unit/password must not outlive the change in open tokens
    changed = find_user(user_id)
    if update.keys() & {"active", "unit_id"}:
        recipient_index.list_user(changed, before=recipient_index.keys_of(user))  # who its notifications reach
    return changed


def set_language(user_id: str, lang: str) -> None:
    """The language the person chose in the web UI; their notification e-mails are written in it."""
    User.objects(id=user_id).update_one(set__language=lang)


def change_own_password(user_id: str, current: str, new: str, keep_session: str | None) -> None:
    user = find_user(user_id)
    if not verify_password(user.password_hash, current):
        raise _invalid({"current_password": ["Mật khẩu hiện tại không đúng / current password is wrong"]})
    if problem := password_problem(new, user.username):
        raise _invalid({"new_password": [problem]})
    user.update(set__password_hash=hash_password(new), set__password_changed_at=datetime.now(timezone.utc))
    revoke_all(user.id, except_session=keep_session)
