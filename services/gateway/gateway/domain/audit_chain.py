"""The audit trail as a hash chain (chuỗi băm): each record carries the previous record's
hash and its own keyed hash (HMAC-SHA256), so editing, deleting or inserting a record
anywhere breaks the chain, and rewriting the chain needs a key the store does not hold."""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

GENESIS = "0" * 64
HASHED_FIELDS = ("seq", "at", "actor_id", "actor", "role", "unit_id", "action", "target", "outcome", "status",
                 "request_id", "ip", "detail", "prev_hash")


def iso_millis(moment: datetime) -> str:
    """UTC, millisecond precision: what the store keeps of a datetime, so the hash survives a round trip."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def canonical(record: dict) -> bytes:
    body = {name: record.get(name) for name in HASHED_FIELDS}
    body["at"] = iso_millis(record["at"])
    if "ip_mac" in record:  # the chain holds the address's keyed digest, so the address can be erased
        body["ip"], body["ip_mac"] = None, record["ip_mac"]  # when its retention ends (retention.py)
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def record_hash(key: bytes, record: dict) -> str:
    return hmac.new(key, canonical(record), hashlib.sha256).hexdigest()


def ip_mac(key: bytes, ip: str | None) -> str | None:
    return hmac.new(key, b"ip\x00" + ip.encode(), hashlib.sha256).hexdigest() if ip else None


def derive_key(secret_material: bytes) -> bytes:
    """The chain key from a secret only the gateway holds (its own key file or the token-signing key)."""
    return hashlib.sha256(b"cadre360-audit-chain-v1\x00" + secret_material).digest()


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str  # altered | missing | broken_link
    message: str


def _missing(first: int, last: int) -> Problem:
    span = f"#{first}" if first == last else f"#{first}–#{last}"
    return Problem(first, "missing", f"Thiếu bản ghi {span} (đã bị xóa) / record {span} missing (deleted)")


def verify_chain(records: Iterable[dict], key: bytes, tip_seq: int = 0) -> tuple[int, list[Problem]]:
    """Check records given in ascending ``seq``; returns (records checked, problems found).

    ``tip_seq`` is the highest sequence number ever handed out, so that deleting the newest
    records is noticed too."""
    problems: list[Problem] = []
    expected, prev_hash, checked = 1, GENESIS, 0
    for record in records:
        checked += 1
        seq = record["seq"]
        if seq > expected:
            problems.append(_missing(expected, seq - 1))
        elif record.get("prev_hash") != prev_hash:
            problems.append(Problem(seq, "broken_link",
                                    f"Bản ghi #{seq} không nối với bản ghi liền trước (bản ghi trước bị sửa hoặc "
                                    f"chèn) / record #{seq} does not link to the previous one"))
        address_changed = "ip_mac" in record and record.get("ip") is not None and \
            ip_mac(key, record["ip"]) != record["ip_mac"]
        if address_changed or not hmac.compare_digest(record_hash(key, record), str(record.get("hash", ""))):
            problems.append(Problem(seq, "altered",
                                    f"Bản ghi #{seq} đã bị sửa (mã băm không khớp) / record #{seq} was altered "
                                    f"(hash mismatch)"))
        prev_hash, expected = str(record.get("hash", "")), seq + 1
    if tip_seq >= expected:
        problems.append(_missing(expected, tip_seq))
    return checked, problems
