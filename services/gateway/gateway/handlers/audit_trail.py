"""Appending to, reading and verifying the audit trail.

Chain order is safe with many gunicorn workers and no transactions: the record id *is* the
sequence number, so two writers racing for the same number cannot both insert it; the loser
re-reads the tip and tries the next one. A writer that dies between its insert and the tip
update is repaired by the next writer (it finds the record and moves the tip on)."""
from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone

from pymongo.errors import DuplicateKeyError, PyMongoError

from ..domain.audit_chain import GENESIS, record_hash, verify_chain
from ..models.audit import AuditRecord, AuditTip

log = logging.getLogger("gateway.audit")
TIP_ID = "audit"
ENTRY_FIELDS = ("actor_id", "actor", "role", "unit_id", "action", "target", "outcome", "status", "request_id", "ip")
VN_OFFSET = timedelta(hours=7)


def _now_millis() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def ensure_tip() -> None:
    try:
        AuditTip._get_collection().update_one({"_id": TIP_ID}, {"$setOnInsert": {"seq": 0, "hash": GENESIS}},
                                              upsert=True)
    except DuplicateKeyError:
        pass  # another gunicorn worker created the tip at the same moment


def append(entry: dict, key: bytes, attempts: int = 200) -> int:
    """Add one record at the end of the chain; returns its sequence number."""
    records, tips = AuditRecord._get_collection(), AuditTip._get_collection()
    body = {name: entry.get(name) for name in ENTRY_FIELDS}
    body["detail"] = {str(k): v for k, v in (entry.get("detail") or {}).items()}
    body["at"] = _now_millis()
    for _ in range(attempts):
        tip = tips.find_one({"_id": TIP_ID})
        if tip is None:
            ensure_tip()
            continue
        seq = tip["seq"] + 1
        record = {**body, "seq": seq, "prev_hash": tip.get("hash") or GENESIS}
        record["hash"] = record_hash(key, record)
        stored = {"_id": seq, **{k: v for k, v in record.items() if k != "seq"}}
        try:
            records.insert_one(stored)
        except DuplicateKeyError:
            existing = records.find_one({"_id": seq}, {"hash": 1})
            if existing is not None:
                tips.update_one({"_id": TIP_ID, "seq": tip["seq"]}, {"$set": {"seq": seq, "hash": existing["hash"]}})
            continue
        tips.update_one({"_id": TIP_ID, "seq": tip["seq"]}, {"$set": {"seq": seq, "hash": record["hash"]}})
        # The log is shipped off the machine: it anchors the chain outside the store.
        log.info("audit #%d %s %s", seq, record["action"], record["hash"])
        return seq
    raise RuntimeError("audit trail: could not append after many attempts")


def record_safely(entry: dict, key: bytes) -> int | None:
    """``append`` that never turns a finished request into an error; a failure is logged loudly."""
    try:
        return append(entry, key)
    except (PyMongoError, RuntimeError) as exc:
        log.error("AUDIT RECORD NOT STORED: %s %s by %s (%s)", entry.get("action"), entry.get("target"),
                  entry.get("actor"), exc.__class__.__name__)
        return None


def _day_start_utc(day) -> datetime:
    """Dates in filters are days in Vietnam (UTC+7)."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) - VN_OFFSET


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
        at["$gte"] = _day_start_utc(filters["date_from"])
    if filters.get("date_to"):
        at["$lt"] = _day_start_utc(filters["date_to"]) + timedelta(days=1)
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
