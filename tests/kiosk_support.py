"""Helpers shared by the kiosk end-to-end, fault and load tests: a unit with counter staff
registered through the public API, kiosks enrolled for it, and citizen answers."""
from __future__ import annotations

import itertools
import random
import time
import uuid

import requests

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Thị", "Văn", "Hữu", "Minh", "Thu", "Đức", "Ngọc", "Quốc", "Thanh", "Hồng"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam",
         "Nhung", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"]
LEVELS = ("very_satisfied", "satisfied", "dissatisfied")


def vietnamese_names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    combos = list(itertools.product(FAMILY, MIDDLE, GIVEN))
    return [" ".join(parts) for parts in rng.sample(combos, count)]


def created(response: requests.Response) -> dict:
    assert response.status_code == 201, f"{response.status_code} {response.text[:500]}"
    return response.json()


def register_unit(admin: requests.Session, base: str, name: str) -> str:
    code = "X-" + uuid.uuid4().hex[:8].upper()
    return created(admin.post(f"{base}/api/v1/units", json={"code": code, "name": name, "kind": "commune",
                                                            "area": "rural"}, timeout=30))["id"]


def register_cadres(admin: requests.Session, base: str, unit_id: str, names: list[str]) -> list[str]:
    return [created(admin.post(f"{base}/api/v1/cadres", json={
        "code": "CB" + uuid.uuid4().hex[:8].upper(), "full_name": name, "gender": "female" if i % 2 else "male",
        "birth_year": 1980 + i % 20, "unit_id": unit_id, "is_local": True}, timeout=30))["id"]
        for i, name in enumerate(names)]


def enrol_kiosk(admin: requests.Session, base: str, unit_id: str, name: str = "Ki-ốt quầy 1") -> dict:
    return created(admin.post(f"{base}/api/v1/kiosks", json={"unit_id": unit_id, "name": name}, timeout=30))


def kiosk_headers(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def wait_until_kiosk_lists(base: str, token: str, cadre_ids: list[str], timeout: float = 60.0) -> dict:
    """The survey service learns of new cadres through events; wait until the kiosk offers them."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        res = requests.get(f"{base}/api/v1/kiosk/context", headers=kiosk_headers(token), timeout=30)
        last = res
        if res.status_code == 200 and set(cadre_ids) <= {s["cadre_id"] for s in res.json()["staff"]}:
            return res.json()
        time.sleep(0.5)
    raise AssertionError(f"kiosk does not list the cadres after {timeout}s: {last.status_code} {last.text[:300]}")


def answer(cadre_id: str, overall: str = "satisfied", **fields) -> dict:
    return {"response_id": str(uuid.uuid4()), "dossier_code": "HS-" + uuid.uuid4().hex[:12].upper(),
            "cadre_id": cadre_id, "overall": overall, **fields}


def satisfaction(session: requests.Session, base: str, cadre_id: str, period: str, *,
                 from_evaluation: bool = False) -> dict:
    path = f"/api/v1/cadres/{cadre_id}/satisfaction" if from_evaluation else "/api/v1/satisfaction"
    params = {"period": period} if from_evaluation else {"cadre_id": cadre_id, "period": period}
    res = session.get(base + path, params=params, timeout=30)
    assert res.status_code == 200, f"{res.status_code} {res.text[:300]}"
    return res.json()
