"""Verifying the audit trail's hash chain in the background; readers get the last result.

Verifying reads every record of the trail, which takes longer than a request may once the trail
is large (over 10 s was measured). So a background thread in each gateway worker verifies, one
worker at a time (a lease in the store), every ``C360_AUDIT_VERIFY_SECONDS`` (300 by default)
and whenever someone asks for a fresh check (``request_run``); the result is stored, and every
worker answers with the latest one and when it was made. The thread is watched by /readyz: a
gateway whose verifier died is taken out of service rather than serving an ever older result.

Each verification also checks the anchor kept outside the store (``C360_AUDIT_ANCHOR_FILE``), and an
intact one moves that anchor to the tip it verified (audit_anchor.py)."""
from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

from pymongo.errors import DuplicateKeyError, PyMongoError

from cadre_shared.health import watch_thread

from ..models.audit import AuditRecord
from . import audit_anchor, settings
from .audit_trail import verify

log = logging.getLogger("gateway.audit")
RESULT, LEASE, REQUEST = "latest", "lease", "request"
LEASE_SECONDS = 900  # longer than a verification can take; a holder that died frees it after that
POLL_SECONDS = 5.0


def _store():
    return AuditRecord._get_collection().database["audit_verifications"]


def latest() -> dict | None:
    """The last verification: intact, checked, last_seq, problems, verified_at, took_ms (None before the first)."""
    return _store().find_one({"_id": RESULT}, {"_id": 0})


def requested_at() -> datetime | None:
    doc = _store().find_one({"_id": REQUEST})
    return doc["at"] if doc else None


class Verifier:
    def __init__(self, key: bytes, every: float, anchor_file: str = ""):
        self.key, self.every, self.anchor_file = key, every, anchor_file
        self.holder = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.wake = threading.Event()
        self.stopped = False
        self.thread: threading.Thread | None = None

    def start(self) -> threading.Thread:
        self.thread = threading.Thread(target=self.loop, name="audit-verification", daemon=True)
        self.thread.start()
        return self.thread

    def close(self, timeout_s: float = 30.0) -> None:
        """Ends the loop and waits for it (the in-process test apps call it before their store goes: a
        round still running would otherwise meet a closed connection and die with a traceback)."""
        self.stopped = True
        self.wake.set()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout_s)

    def request_run(self) -> None:
        _store().update_one({"_id": REQUEST}, {"$set": {"at": datetime.now(timezone.utc)}}, upsert=True)
        self.wake.set()

    def due(self) -> bool:
        result, asked = latest(), requested_at()
        if result is None:
            return True
        done_at = _aware(result["verified_at"])
        return datetime.now(timezone.utc) - done_at >= timedelta(seconds=self.every) or \
            (asked is not None and _aware(asked) > _aware(result["started_at"]))

    def take_lease(self) -> bool:
        now = datetime.now(timezone.utc)
        try:
            taken = _store().update_one({"_id": LEASE, "until": {"$lt": now}},
                                        {"$set": {"holder": self.holder, "until": now + timedelta(seconds=LEASE_SECONDS)}},
                                        upsert=True)
        except DuplicateKeyError:
            return False  # another worker holds it
        return taken.matched_count == 1 or taken.upserted_id is not None

    def run_once(self) -> None:
        started, clock = datetime.now(timezone.utc), time.monotonic()
        checked, problems, last_seq, last_hash = verify(self.key, audit_anchor.read(self.anchor_file))
        if not problems:
            audit_anchor.advance(self.anchor_file, self.key, last_seq, last_hash)
        _store().replace_one({"_id": RESULT}, {
            "intact": not problems, "checked": checked, "last_seq": last_seq,
            "problems": [{"seq": p.seq, "kind": p.kind, "message": p.message} for p in problems],
            "started_at": started, "verified_at": datetime.now(timezone.utc),
            "took_ms": round((time.monotonic() - clock) * 1000)}, upsert=True)
        if problems:
            log.error("audit trail verification: %d problem(s) in %d records", len(problems), checked)

    def loop(self) -> None:
        while not self.stopped:
            try:
                if self.due() and self.take_lease():
                    try:
                        self.run_once()
                    finally:
                        _store().update_one({"_id": LEASE, "holder": self.holder},
                                            {"$set": {"until": datetime.now(timezone.utc)}})
            except PyMongoError as exc:  # the store is away: try again on the next round
                log.warning("audit trail verification waits for the store: %s", exc.__class__.__name__)
            self.wake.wait(POLL_SECONDS)
            self.wake.clear()
        log.info("audit trail verification stopped")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def init_app(app, key: bytes) -> None:
    verifier = Verifier(key, settings.number("AUDIT_VERIFY_SECONDS", app.config), app.config["AUDIT_ANCHOR_FILE"])
    app.extensions["c360_audit_verifier"] = verifier
    watch_thread(app, verifier.start())
