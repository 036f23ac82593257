"""The survey app on the session's real FerretDB (one database per test module), called through
Flask's test client with tokens signed like the gateway's; registry read copies are written
as the consumers keep them."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt
import pytest
from pymongo import MongoClient

from cadre_shared.auth import generate_keypair
from gateway.domain.tokens import issue_access_token
from survey import create_app

AUD, ISS = "cadre360", "cadre360-gateway"


@dataclass
class Survey:
    client: object
    private_key: str
    db: object

    def token(self, role: str, **claims) -> str:
        return issue_access_token(self.private_key, subject=f"user-{role}-{uuid.uuid4().hex[:6]}",
                                  username=f"{role}.test", role=role, audience=AUD, issuer=ISS, **claims)

    def as_role(self, role: str, **claims) -> dict:
        return {"Authorization": "Bearer " + self.token(role, **claims)}

    def kiosk(self, unit_id: str, kiosk_id: str | None = None) -> dict:
        kiosk_id = kiosk_id or f"k-{uuid.uuid4().hex[:8]}"
        return self.as_role("kiosk", unit_id=unit_id, kiosk_id=kiosk_id)

    def receipt(self, unit_id: str, cadre_id: str, dossier_code: str, procedure_code: str | None = None,
                key: str | None = None, ttl: int = 3600) -> dict:
        """Headers of a phone opened from a receipt link, as the gateway forwards it."""
        now = int(time.time())
        claims = {"typ": "receipt", "sub": f"receipt:{uuid.uuid4()}", "aud": AUD, "iss": ISS, "iat": now,
                  "nbf": now, "exp": now + ttl, "unit_id": unit_id, "cadre_id": cadre_id,
                  "dossier_code": dossier_code}
        if procedure_code:
            claims["procedure_code"] = procedure_code
        signed = jwt.encode(claims, key or self.private_key, algorithm="EdDSA")
        internal = self.token("kiosk", unit_id=unit_id, cadre_id=cadre_id)
        return {"Authorization": "Bearer " + internal, "X-C360-Receipt": signed}

    def add_unit(self, name: str) -> str:
        unit_id = str(uuid.uuid4())
        self.db.unit_copies.insert_one({"_id": unit_id, "code": name[:10], "name": name, "kind": "commune",
                                        "area": "rural", "version": 1})
        return unit_id

    def add_cadre(self, unit_id: str, full_name: str, status: str = "active") -> str:
        cadre_id = str(uuid.uuid4())
        self.db.cadre_copies.insert_one({"_id": cadre_id, "code": cadre_id[:8], "full_name": full_name,
                                         "unit_id": unit_id, "position_id": None, "position_version": None,
                                         "is_leader": False, "status": status, "version": 1})
        return cadre_id

    def move_cadre(self, cadre_id: str, unit_id: str) -> None:
        self.db.cadre_copies.update_one({"_id": cadre_id}, {"$set": {"unit_id": unit_id}, "$inc": {"version": 1}})

    def answer(self, headers: dict, **fields):
        body = {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{uuid.uuid4().hex[:10]}",
                "overall": "satisfied", **fields}
        return self.client.post("/api/v1/kiosk/responses", json=body, headers=headers), body


@pytest.fixture(scope="module")
def survey(infra, tmp_path_factory):
    private, public = generate_keypair(tmp_path_factory.mktemp("keys"))
    name = f"survey_{uuid.uuid4().hex[:10]}"
    app = create_app({"MONGO_URI": infra.mongo_uri(name), "JWT_PUBLIC_KEY": public.read_text(),
                      "KAFKA_BOOTSTRAP": infra.bootstrap})
    store = MongoClient(infra.mongo_uri(name), tz_aware=True)
    yield Survey(app.test_client(), private.read_text(), store[name])
    store.close()
