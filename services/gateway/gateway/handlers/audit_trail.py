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
import time
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from cadre_shared.clock import day_start_utc
from cadre_shared.errors import ApiError
from cadre_shared.group_commit import GroupCommit

from ..domain.audit_chain import GENESIS, ip_mac, record_hash, verify_chain
from ..domain.audit_seal import anchor_problems, tip_problems, tip_seal
from ..models.audit import AuditRecord, AuditTip

log = logging.getLogger("gateway.audit")
TIP_ID = "audit"
ENTRY_FIELDS = ("actor_id", "actor", "role", "unit_id", "action", "target", "outcome", "status", "request_id", "ip")


def _now_millis() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def ensure_tip(key: bytes) -> None:
    try:
        AuditTip._get_collection().update_one(
            {"_id": TIP_ID}, {"$setOnInsert": {"seq": 0, "hash": GENESIS, "seal": tip_seal(key, 0, GENESIS)}},
            upsert=True)
    except DuplicateKeyError:
        pass  # another gunicorn worker created the tip at the same moment


RECENT = 10  # records the tip keeps for the home pages
SHOWN_FIELDS = ("actor", "role", "action", "target", "outcome", "status", "request_id")
REPAIR_AFTER_LOSSES = 4  # races lost at the same tip before it is taken as left by a dead writer


def _body_of(entry: dict) -> dict:
    body = {name: entry.get(name) for name in ENTRY_FIELDS}
    body["detail"] = {str(k): v for k, v in (entry.get("detail") or {}).items()}
    body["at"] = _now_millis()
    return body


def append(entry: dict, key: bytes, attempts: int = 200) -> int:
    """Add one record at the end of the chain; returns its sequence number once it is stored. The
    records a worker's requests add together are chained in one batch (cadre_shared.group_commit)."""
    return _appender.submit((_body_of(entry), key, attempts))


def _append_queued(items: list[tuple[dict, bytes, int]]) -> list[int]:
    _body, key, attempts = items[0]  # one audit key per worker; the committing request's attempts
    return append_batch([body for body, _key, _attempts in items], key, attempts)


_appender = GroupCommit(_append_queued)


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
            ensure_tip(key)
            continue
        chained, prev_hash, seq = [], tip.get("hash") or GENESIS, tip["seq"]
        for body in remaining:
            seq += 1
            record = {**body, "seq": seq, "prev_hash": prev_hash, "ip_mac": ip_mac(key, body.get("ip"))}
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
            last = done[-1]
            tips.update_one({"_id": TIP_ID, "seq": tip["seq"]}, {"$set": {
                "seq": last["seq"], "hash": last["hash"], "seal": tip_seal(key, last["seq"], last["hash"]),
                "recent": recent[-RECENT:]}})
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
                                {"$set": {"seq": tip["seq"] + 1, "hash": existing["hash"],
                                          "seal": tip_seal(key, tip["seq"] + 1, existing["hash"])}})
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


AUDIT_UNAVAILABLE = ("Không ghi được nhật ký kiểm toán nên thao tác chưa được thực hiện; thử lại sau / "
                     "the audit trail cannot be written, so nothing was changed; try again later")


def ensure_writable() -> None:
    """Before a write goes to a service: the trail's tip is there and the store takes a write on it now.
    A write whose audit record could not be stored is refused (fail closed) rather than done unrecorded;
    the record itself is appended once the answer is known."""
    try:
        moved = AuditTip._get_collection().update_one({"_id": TIP_ID},
                                                      {"$set": {"writable_at": datetime.now(timezone.utc)}})
    except PyMongoError as exc:
        log.error("audit trail not writable (%s): a write is refused", exc.__class__.__name__)
        raise ApiError(503, AUDIT_UNAVAILABLE, code="audit_unavailable") from None
    if moved.matched_count != 1:
        log.error("audit trail has no tip: a write is refused")
        raise ApiError(503, AUDIT_UNAVAILABLE, code="audit_unavailable")


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


class Verification(NamedTuple):
    checked: int
    problems: list
    last_seq: int  # the tip: the highest sequence number handed out…
    last_hash: str  # …and its record's hash


def verify(key: bytes, anchor: dict | None = None) -> Verification:
    """The records checked, the problems found and the tip. Besides the chain,
    the tip's seal and, when given, the anchor kept outside the store (audit_seal.py)."""
    stored_tip = AuditTip._get_collection().find_one({"_id": TIP_ID})
    tip = stored_tip or {"seq": 0, "hash": GENESIS}
    tip_seq = int(tip.get("seq", 0))
    anchored_seq = int(anchor.get("seq") or 0) if anchor and str(anchor.get("seq", "")).isdigit() else 0
    hashes: dict[int, str] = {}

    def watched(records):
        for record in records:  # the hashes the tip and the anchor name, seen on the way
            if record["seq"] in (tip_seq, anchored_seq):
                hashes[record["seq"]] = record.get("hash")
            yield record

    checked, problems = verify_chain(watched(_records_ascending()), key, tip_seq)
    if stored_tip is not None or checked:  # a store never written to has no tip yet
        problems += tip_problems(key, tip, hashes.get(tip_seq))
    problems += anchor_problems(key, anchor, tip_seq, hashes.get(anchored_seq))
    return Verification(checked, problems, tip_seq, str(tip.get("hash") or GENESIS))
