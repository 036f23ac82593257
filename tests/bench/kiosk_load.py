"""Citizens' answers at a steady rate through the kiosk API, from a kiosk enrolled for one unit
(the load under which P6 measures the platform's memory)."""
from __future__ import annotations

import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests

from support.kiosks import LEVELS, kiosk_headers


class KioskLoad:
    def __init__(self, stack, unit_id: str, admin_token: str):
        self.base = stack.url()
        admin = requests.Session()
        admin.headers["Authorization"] = f"Bearer {admin_token}"
        enrolled = admin.post(f"{self.base}/api/v1/kiosks", json={"unit_id": unit_id,
                                                                    "name": f"Ki-ốt đo {uuid.uuid4().hex[:4]}"},
                              timeout=60)
        enrolled.raise_for_status()
        self.token = enrolled.json()["token"]
        self.staff = self._staff()

    def _staff(self, timeout: float = 1200.0) -> list[str]:
        """The cadres the kiosk offers (the survey service learns them from events)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = requests.get(f"{self.base}/api/v1/kiosk/context", headers=kiosk_headers(self.token), timeout=30)
            if reply.status_code == 200 and reply.json()["staff"]:
                return [s["cadre_id"] for s in reply.json()["staff"]]
            time.sleep(1.0)
        raise RuntimeError("the kiosk lists nobody")

    def run(self, rate: float, seconds: float) -> dict:
        """Open loop: answer i leaves at start + i/rate whatever the earlier ones did."""
        local, lock, statuses = threading.local(), threading.Lock(), []
        start, total = time.perf_counter() + 0.2, int(rate * seconds)

        def one(i: int) -> None:
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            session = getattr(local, "session", None) or requests.Session()
            local.session = session
            body = {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:12].upper()}",
                    "cadre_id": self.staff[i % len(self.staff)], "overall": LEVELS[i % 3],
                    "indicators": {"attitude": 1 + i % 5, "time": 1 + (i // 5) % 5}, "comment": None}
            reply = session.post(f"{self.base}/api/v1/kiosk/responses", data=json.dumps(body),
                                 headers={**kiosk_headers(self.token), "Content-Type": "application/json"},
                                 timeout=60)
            with lock:
                statuses.append(reply.status_code)

        with ThreadPoolExecutor(16) as pool:
            list(pool.map(one, range(total)))
        return {"rate_per_s": rate, "seconds": seconds, "sent": total,
                "accepted": sum(s in (200, 201) for s in statuses)}
