"""Who may hold which account: roles, their scope (one unit, one cadre, or the province), usernames."""
from __future__ import annotations

import re

ASSIGNABLE_ROLES = ("province_admin", "unit_hr", "cadre", "auditor", "training_school", "inspector")
ROLE_LABELS = {
    "province_admin": "Quản trị cấp tỉnh / Province administrator",
    "unit_hr": "Cán bộ tổ chức đơn vị / Unit HR",
    "cadre": "Cán bộ, công chức / Cadre",
    "auditor": "Kiểm tra, giám sát / Auditor",
    "training_school": "Cơ sở đào tạo / Training school",
    "inspector": "Ủy ban kiểm tra / Inspection committee",
    "kiosk": "Thiết bị khảo sát / Kiosk",
}
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    if not USERNAME_PATTERN.match(username):
        return ("Tên đăng nhập 3–64 ký tự: chữ không dấu, số, '.', '_', '-' / "
                "3–64 characters: letters, digits, '.', '_', '-'")
    return None


def scope_problems(role: str, unit_id: str | None, cadre_id: str | None) -> dict[str, list[str]]:
    """Field messages when the scope does not fit the role: unit HR needs exactly one unit,
    a cadre account needs the cadre it belongs to, province-wide roles carry neither."""
    problems: dict[str, list[str]] = {}
    if role == "unit_hr":
        if not unit_id:
            problems["unit_id"] = ["Cán bộ tổ chức đơn vị phải gắn với một đơn vị / unit HR needs a unit"]
        if cadre_id:
            problems["cadre_id"] = ["Chỉ tài khoản cán bộ mới gắn với hồ sơ / only cadre accounts link a dossier"]
    elif role == "cadre":
        if not cadre_id:
            problems["cadre_id"] = ["Tài khoản cán bộ phải gắn với hồ sơ cán bộ / a cadre account needs cadre_id"]
    else:
        if unit_id:
            problems["unit_id"] = ["Vai trò này không gắn với đơn vị / this role has no unit"]
        if cadre_id:
            problems["cadre_id"] = ["Chỉ tài khoản cán bộ mới gắn với hồ sơ / only cadre accounts link a dossier"]
    return problems
