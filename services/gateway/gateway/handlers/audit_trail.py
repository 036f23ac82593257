"""Appending to, reading and verifying the audit trail.

Chain order is safe with many gunicorn workers and no transactions: the record id *is* the
sequence number, so two writers racing for the same number cannot both insert it; the loser
re-reads the tip and tries the next one. A writer that dies between its insert and the tip
update is repaired by the next writer (it finds the record and moves the tip on).

Within one worker, requests finishing together share one append (group commit): the first
thread to reach the chain writes every record queued so far in one ordered insert and moves
the tip once, then wakes the others. Each request still returns only after its own record is
stored; only the number of writers racing for the tip (one per worker, not one per thread) and
the round trips per record go down."""
from __future__ import annotations

import logging
import re
import threading
import time
from datetime import datetime, timedelta, timezone

from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from cadre_shared.clock import day_start_utc

from ..domain.audit_chain import GENESIS, record_hash, verify_chain
from ..models.audit import AuditRecord, AuditTip

log = logging.getLogger("gateway.audit")
TIP_ID = "audit"
ENTRY_FIELDS = ("actor_id", "actor", "role", "unit_id", "action", "target", "outcome", "status", "request_id", "ip")


def _now_millis() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def ensure_tip() -> None:
    try:
        AuditTip._get_collection().update_one({"_id": TIP_ID}, {"$setOnInsert": {"seq": 0, "hash": GENESIS}},
                                              upsert=True)
    except DuplicateKeyError:
        pass  # another gunicorn worker created the tip at the same moment


class _Ticket:
    __slots__ = ("body", "seq", "error", "done")

    def __init__(self, body: dict):
        self.body, self.seq, self.error, self.done = body, None, None, False


RECENT = 10  # records the tip keeps for the home pages
SHOWN_FIELDS = ("actor", "role", "action", "target", "outcome", "status", "request_id")
REPAIR_AFTER_LOSSES = 4  # races lost at the same tip before it is taken as left by a dead writer
_queue_lock = threading.Lock()  # guards _queued
_chain_lock = threading.Lock()  # one appender per worker at a time
_queued: list[_Ticket] = []


def _body_of(entry: dict) -> dict:
    body = {name: entry.get(name) for name in ENTRY_FIELDS}
    body["detail"] = {str(k): v for k, v in (entry.get("detail") or {}).items()}
    body["at"] = _now_millis()
    return body


def append(entry: dict, key: bytes, attempts: int = 200) -> int:
    """Add one record at the end of the chain; returns its sequence number once it is stored."""
    ticket = _Ticket(_body_of(entry))
    with _queue_lock:
        _queued.append(ticket)
    with _chain_lock:
        if not ticket.done:  # nobody wrote it while this thread waited: write everything queued
            with _queue_lock:
                batch = _queued[:]
                _queued.clear()
            try:
                seqs = append_batch([t.body for t in batch], key, attempts)
            except Exception as exc:  # noqa: BLE001 — every waiting request learns of the failure
                for t in batch:
                    t.error, t.done = exc, True
            else:
                for t, seq in zip(batch, seqs):
                    t.seq, t.done = seq, True
    if ticket.error is not None:
        raise ticket.error
    return ticket.seq


def append_batch(bodies: list[dict], key: bytes, attempts: int = 200) -> list[int]:
    """Chain ``bodies`` in order after the tip; returns their sequence numbers. Safe against
    other workers appending at the same moment (see the module notes)."""
    records, tips = AuditRecord._get_collection(), AuditTip._get_collection()
    seqs: list[int] = []
    remaining = list(bodies)
    lost_at, losses = None, 0  # the tip at which the last race for the next number was lost, and how often
    for _ in range(attempts):
        if not remaining:
            return seqs
        tip = tips.find_one({"_id": TIP_ID})
        if tip is None:
            ensure_tip()
            continue
        chained, prev_hash, seq = [], tip.get("hash") or GENESIS, tip["seq"]
        for body in remaining:
            seq += 1
            record = {**body, "seq": seq, "prev_hash": prev_hash}
            record["hash"] = prev_hash = record_hash(key, record)
            chained.append(record)
        stored = [{"_id": r["seq"], **{k: v for k, v in r.items() if k != "seq"}} for r in chained]
        try:
            records.insert_many(stored, ordered=True)
            inserted = len(stored)
        except BulkWriteError as exc:
            if any(e.get("code") != 11000 for e in exc.details.get("writeErrors", [])):
                raise  # not a race for the next number
            inserted = int(exc.details.get("nInserted", 0))
        done, remaining = chained[:inserted], remaining[inserted:]
        if done:
            recent = (tip.get("recent") or []) + [_shown(r) for r in done]
            tips.update_one({"_id": TIP_ID, "seq": tip["seq"]}, {"$set": {
                "seq": done[-1]["seq"], "hash": done[-1]["hash"], "recent": recent[-RECENT:]}})
            for record in done:
                # The log is shipped off the machine: it anchors the chain outside the store.
                log.info("audit #%d %s %s", record["seq"], record["action"], record["hash"])
            seqs.extend(r["seq"] for r in done)
        else:  # another writer took the next number: it moves the tip right after its insert
            losses = losses + 1 if lost_at == tip["seq"] else 1
            lost_at = tip["seq"]
            if losses < REPAIR_AFTER_LOSSES:
                time.sleep(0.002 * losses)
                continue
            # the tip stays put: that writer died between its insert and the tip update. Repair
            # it by reading its record (a read by number scans the trail here, hence the wait).
            existing = records.find_one({"_id": tip["seq"] + 1}, {"hash": 1})
            if existing is not None:
                tips.update_one({"_id": TIP_ID, "seq": tip["seq"]},
                                {"$set": {"seq": tip["seq"] + 1, "hash": existing["hash"]}})
    if remaining:
        raise RuntimeError("audit trail: could not append after many attempts")
    return seqs


def _shown(record: dict) -> dict:
    """A record as the recent list keeps it (what the pages' table shows)."""
    detail = record.get("detail") or {}
    return {**{name: record.get(name) for name in ("seq", "at", *SHOWN_FIELDS)},
            "detail": {k: detail[k] for k in ("channel", "reason") if k in detail}}


def recent(count: int) -> list[dict]:
    """The newest ``count`` records, newest first, from the tip (read by ``_id``); an installation
    whose tip does not keep them yet reads the trail."""
    tip = AuditTip._get_collection().find_one({"_id": TIP_ID}) or {}
    if "recent" not in tip:
        return [r.as_dict() for r in query({})[:count]]
    return list(reversed(tip["recent"][-count:]))


def record_safely(entry: dict, key: bytes) -> int | None:
    """``append`` that never turns a finished request into an error; a failure is logged loudly."""
    try:
        return append(entry, key)
    except (PyMongoError, RuntimeError) as exc:
        log.error("AUDIT RECORD NOT STORED: %s %s by %s (%s)", entry.get("action"), entry.get("target"),
                  entry.get("actor"), exc.__class__.__name__)
        return None


def query(filters: dict):
    """Records matching the filters, newest first."""
    q = {}
    for exact in ("actor", "outcome", "request_id", "role", "unit_id"):
        if filters.get(exact):
            q[exact] = filters[exact]
    for partial in ("action", "target"):
        if filters.get(partial):
            q[partial] = {"$regex": re.escape(filters[partial]), "$options": "i"}
    at = {}
    if filters.get("date_from"):
        at["$gte"] = day_start_utc(filters["date_from"])
    if filters.get("date_to"):
        at["$lt"] = day_start_utc(filters["date_to"]) + timedelta(days=1)
    if at:
        q["at"] = at
    return AuditRecord.objects(__raw__=q).order_by("-seq")


def _records_ascending(batch: int = 1000):
    records = AuditRecord._get_collection()
    last = 0
    while True:
        chunk = list(records.find({"_id": {"$gt": last}}).sort("_id", 1).limit(batch))
        if not chunk:
            return
        for doc in chunk:
            doc["seq"] = doc.pop("_id")
            yield doc
        last = chunk[-1]["seq"]


def verify(key: bytes):
    """(records checked, problems, highest sequence handed out)."""
    tip = AuditTip._get_collection().find_one({"_id": TIP_ID}) or {"seq": 0}
    checked, problems = verify_chain(_records_ascending(), key, tip.get("seq", 0))
    return checked, problems, tip.get("seq", 0)
