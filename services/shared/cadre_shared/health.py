"""``/healthz`` (the process answers) and ``/readyz`` (the service can do its work).

Readiness is what a load balancer or a Kubernetes readiness probe acts on, so it must not turn
one dependency's outage into a whole-platform outage (PRODUCT.md §5): it is 503 only when this
service cannot serve — its own store does not answer, one of its background threads died, or a
setup step of its own is still pending. Kafka unreachable alone is ``degraded`` and still 200:
writes keep their events in the outbox until the broker is back. The body lists every check:
``{"status": "ready"|"degraded"|"not_ready", "checks": {"store": …, "kafka": …}, "reasons"?}``.
"""
from __future__ import annotations

import threading
import time

from flask import Blueprint, current_app, jsonify
from kafka import KafkaAdminClient

from . import db
from .connections import kafka_options

blueprint = Blueprint("health", __name__)
OK = "ok"
# While the broker does not answer (a platform starting: the broker's JVM comes up after the
# services), it is asked again this soon, so readiness follows it within a second, not a round.
UNREACHABLE_RECHECK = 1.0


class KafkaProbe:
    """Asks the broker for cluster metadata from a background thread every ``interval`` seconds,
    so ``/readyz`` answers at once from the last result even while the broker hangs."""

    def __init__(self, bootstrap: str, interval: float = 5.0):
        self.bootstrap = bootstrap
        self.interval = interval
        self._reason: str | None = f"kafka at {bootstrap} not checked yet"
        self._checked = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._client = None

    def reason(self, first_wait: float = 3.0) -> str | None:
        """None when the broker answered the last check, else why not."""
        with self._lock:
            if not self._closed.is_set() and (self._thread is None or not self._thread.is_alive()):
                self._thread = threading.Thread(target=self._loop, name="readyz-kafka-probe", daemon=True)
                self._thread.start()
        self._checked.wait(first_wait)  # the first answer of a process waits for the first check
        return self._reason

    def _loop(self) -> None:
        while not self._closed.is_set():
            # one slow answer on a busy host is not an outage: a failed check is confirmed by a
            # second one, with a new client, before the broker is called unreachable
            self._reason = self.check() and self.check()
            self._checked.set()
            self._closed.wait(self.interval if self._reason is None else min(self.interval, UNREACHABLE_RECHECK))
        self._drop_client()

    def close(self) -> None:
        """Stop checking and let go of the client (an app's end, in tests)."""
        self._closed.set()
        self._drop_client()

    def check(self) -> str | None:
        try:
            if self._client is None:
                self._client = KafkaAdminClient(bootstrap_servers=self.bootstrap.split(","), client_id="readyz",
                                                request_timeout_ms=4000, bootstrap_timeout_ms=4000,
                                                reconnect_backoff_max_ms=500, **kafka_options())
            if not self._client.describe_cluster().get("brokers"):
                raise RuntimeError("no brokers")
            return None
        except Exception as exc:  # any client failure means "not reachable"
            self._drop_client()
            return f"kafka unreachable at {self.bootstrap}: {exc.__class__.__name__}"

    def _drop_client(self) -> None:
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
    store = db.ping()
    kafka = current_app.extensions["c360_kafka_probe"].reason()
    dead = [t.name for t in current_app.extensions["c360_threads"] if not t.is_alive()]
    reasons = ([store] if store else []) + [f"background thread {name} stopped" for name in dead]
    reasons += [r for r in (check() for check in current_app.extensions["c360_ready_checks"]) if r]
    status = "not_ready" if reasons else "degraded" if kafka else "ready"
    body = {"service": current_app.config["SERVICE_NAME"], "status": status,
            "checks": {"store": store or OK, "kafka": kafka or OK,
                       "threads": f"stopped: {', '.join(dead)}" if dead else OK},
            "checked_in_ms": round((time.monotonic() - started) * 1000)}
    if reasons:
        body["reasons"] = reasons
        return jsonify(body), 503
    return jsonify(body), 200


def add_ready_check(app, check) -> None:
    """``check()`` returns why the service cannot serve yet, or None; /readyz is 503 with it."""
    app.extensions["c360_ready_checks"].append(check)


def watch_thread(app, thread: threading.Thread) -> None:
    """A background thread the service needs: once it has died, /readyz answers 503 so the
    process is taken out of service (and restarted by whoever watches it)."""
    app.extensions["c360_threads"].append(thread)


def init_app(app) -> None:
    app.extensions["c360_kafka_probe"] = KafkaProbe(app.config["KAFKA_BOOTSTRAP"])
    app.extensions["c360_ready_checks"] = []
    app.extensions["c360_threads"] = []
    app.register_blueprint(blueprint)
