"""Fixtures of the security tests: one account (and token) per role, on the running platform."""
from __future__ import annotations

import pytest

from support.browser import browser, screenshot  # noqa: F401  (the same headless Chromium)
from support.world import World

PERSON_ROLES = ("province_admin", "unit_hr", "cadre", "auditor", "training_school", "inspector")


@pytest.fixture(scope="module")
def registry(stack):
    return World(stack)


@pytest.fixture(scope="module")
def world(registry):
    """Two units, a cadre in each, and a signed-in session for every role (unit HR and cadre in unit A)."""
    unit_a = registry.unit("Xã Thanh Bình")
    unit_b = registry.unit("Phường Đông Hải", kind="ward", area="urban")
    cadre_a = registry.cadre(unit_a["id"], "Đinh Thị Hạnh")
    cadre_b = registry.cadre(unit_b["id"], "Vũ Minh Khôi")
    accounts = {"province_admin": "admin",
                "unit_hr": registry.user("unit_hr", unit_id=unit_a["id"]),
                "cadre": registry.user("cadre", cadre_id=cadre_a["id"]),
                "auditor": registry.user("auditor"),
                "training_school": registry.user("training_school"),
                "inspector": registry.user("inspector")}
    sessions = {role: (registry.admin if role == "province_admin" else registry.session_of(name))
                for role, name in accounts.items()}
    return {"unit_a": unit_a, "unit_b": unit_b, "cadre_a": cadre_a, "cadre_b": cadre_b, "accounts": accounts,
            "sessions": sessions}
