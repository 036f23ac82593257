"""Kiosks at work, for the kiosk end-to-end, fault and load tests: a kiosk's requests, citizens'
answers, and the satisfaction figures they make in the survey and evaluation services."""
from __future__ import annotations

import time
import uuid

import requests

LEVELS = ("very_satisfied", "satisfied", "dissatisfied")


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
