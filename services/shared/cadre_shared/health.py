"""``/healthz`` (the process answers) and ``/readyz`` (its store and Kafka answer)."""
from __future__ import annotations

import threading
import time

from flask import Blueprint, current_app, jsonify
from kafka import KafkaAdminClient

from . import db

blueprint = Blueprint("health", __name__)


class KafkaProbe:
    """Asks the broker for cluster metadata; keeps one client and rebuilds it after a failure."""

    def __init__(self, bootstrap: str):
        self.bootstrap = bootstrap
        self._client = None
        self._lock = threading.Lock()

    def reason(self) -> str | None:
        with self._lock:
            try:
                if self._client is None:
                    self._client = KafkaAdminClient(
                        bootstrap_servers=self.bootstrap.split(","),
                        client_id="readyz",
                        request_timeout_ms=2000,
                        bootstrap_timeout_ms=2000,
                        reconnect_backoff_max_ms=500,
                    )
                cluster = self._client.describe_cluster()
                if not cluster.get("brokers"):
                    raise RuntimeError("no brokers")
                return None
            except Exception as exc:  # any client failure means "not reachable"
                self.close()
                return f"kafka unreachable at {self.bootstrap}: {exc.__class__.__name__}"

    def close(self):
        client, self._client = self._client, None
        if client is not None:
            try:
                client.close()
            except Exception:
                pass


@blueprint.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "service": current_app.config["SERVICE_NAME"]})


@blueprint.get("/readyz")
def readyz():
    started = time.monotonic()
    reasons = []
    db_reason = db.ping()
    if db_reason:
        reasons.append(db_reason)
    probe: KafkaProbe = current_app.extensions["c360_kafka_probe"]
    kafka_reason = probe.reason()
    if kafka_reason:
        reasons.append(kafka_reason)
    for check in current_app.extensions["c360_ready_checks"]:  # a service's own conditions
        reason = check()
        if reason:
            reasons.append(reason)
    body = {
        "service": current_app.config["SERVICE_NAME"],
        "status": "ready" if not reasons else "not_ready",
        "checked_in_ms": round((time.monotonic() - started) * 1000),
    }
    if reasons:
        body["reasons"] = reasons
        return jsonify(body), 503
    return jsonify(body), 200


def add_ready_check(app, check) -> None:
    """``check()`` returns why the service is not ready yet, or None; /readyz lists it with the others."""
    app.extensions["c360_ready_checks"].append(check)


def init_app(app) -> None:
    app.extensions["c360_kafka_probe"] = KafkaProbe(app.config["KAFKA_BOOTSTRAP"])
    app.extensions["c360_ready_checks"] = []
    app.register_blueprint(blueprint)
