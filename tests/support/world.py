"""A test's world on the running platform, made through the public API as a person would (no back
doors): units, positions, cadres, accounts and kiosks, created by the administrator with the
same API client the demo seeder uses."""
from __future__ import annotations

import uuid

import requests

from c360_client import Client
from demo import load
from demo.roster import vietnamese_names

USER_PASSWORD = "Rừng-thông-2026!"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}".upper()


def names(count: int, seed: int = 7) -> list[str]:
    """``count`` different Vietnamese full names, the same for the same seed."""
    return vietnamese_names(load("people"), count, seed)


class World:
    def __init__(self, stack):
        self.stack = stack
        self.client = Client(stack.url()).sign_in("admin", stack.admin_password)
        self.admin: requests.Session = self.client.session  # the administrator's own calls in a test
        self.base = stack.url() + "/api/v1"

    def created(self, path: str, body: dict) -> dict:
        return self.client.created(path, body)

    def province(self) -> dict:
        existing = self.client.get("/units", kind="province")
        if existing:
            return existing[0]
        return self.created("/units", {"code": unique("TINH"), "name": "Tỉnh Kiểm Thử", "kind": "province"})

    def unit(self, name: str, kind: str = "commune", area: str = "rural") -> dict:
        return self.created("/units", {"code": unique("XA"), "name": name, "kind": kind, "area": area,
                                       "parent_id": self.province()["id"]})

    def position(self, title: str = "Công chức Văn phòng - Thống kê", **standard) -> dict:
        return self.created("/positions", {"code": unique("VT"), "title": title, "task_group": "Văn phòng",
                                           "is_leader": False, "standard": standard})

    def cadre(self, unit_id: str, full_name: str, **extra) -> dict:
        return self.created("/cadres", {"code": unique("CB"), "full_name": full_name, "gender": "female",
                                        "birth_year": 1988, "unit_id": unit_id, **extra})

    def cadres(self, unit_id: str, full_names: list[str]) -> list[str]:
        """Ids of new local cadres of ``unit_id``, one per name."""
        return [self.cadre(unit_id, name, is_local=True)["id"] for name in full_names]

    def user(self, role: str, unit_id: str | None = None, cadre_id: str | None = None) -> str:
        username = unique(role.replace("_", ""))[:30].lower()
        body = {"username": username, "password": USER_PASSWORD, "role": role}
        if unit_id:
            body["unit_id"] = unit_id
        if cadre_id:
            body["cadre_id"] = cadre_id
        self.created("/users", body)
        return username

    def session_of(self, username: str) -> requests.Session:
        return self.stack.session(username, USER_PASSWORD)

    def kiosk(self, unit_id: str, name: str = "Ki-ốt quầy 1") -> dict:
        """A kiosk enrolled for ``unit_id``: its id, name and device ``token`` (shown once)."""
        return self.created("/kiosks", {"unit_id": unit_id, "name": name})
