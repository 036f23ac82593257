"""Sealing the end of the audit trail's chain, so that cutting the newest records off is noticed.

The chain alone shows an edit or a gap anywhere below its tip (audit_chain.py), but whoever can
write the store could delete the newest records and move the tip back. So:
- the tip carries a keyed seal (HMAC of its number and hash): moving it needs the chain key,
  which the store does not hold;
- an anchor outside the store — a file the gateway signs with the same key after each intact
  verification — remembers the furthest point ever verified: putting back an older, genuinely
  sealed tip is caught because the trail then ends before the anchor."""
from __future__ import annotations

import hashlib
import hmac

from .audit_chain import Problem


def seal(key: bytes, *parts: object) -> str:
    return hmac.new(key, "|".join(str(p) for p in parts).encode(), hashlib.sha256).hexdigest()


def tip_seal(key: bytes, seq: int, hash_: str) -> str:
    return seal(key, "tip", seq, hash_)


def signed_anchor(key: bytes, seq: int, hash_: str, at: str) -> dict:
    return {"seq": seq, "hash": hash_, "at": at, "mac": seal(key, "anchor", seq, hash_, at)}


def anchor_is_genuine(key: bytes, anchor: dict) -> bool:
    try:
        expected = seal(key, "anchor", int(anchor["seq"]), anchor["hash"], anchor["at"])
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(expected, str(anchor.get("mac", "")))


def tip_problems(key: bytes, tip: dict, hash_at_tip: str | None) -> list[Problem]:
    """The tip's seal, and that the record it names ends the chain with the hash it says."""
    seq, hash_ = int(tip.get("seq", 0)), str(tip.get("hash") or "")
    if not hmac.compare_digest(tip_seal(key, seq, hash_), str(tip.get("seal") or "")):
        return [Problem(seq, "tip_altered", f"Đầu chuỗi (#{seq}) bị sửa hoặc không có dấu niêm phong / "
                                            f"the chain's tip (#{seq}) was rewritten or is not sealed")]
    if seq and hash_at_tip is not None and hash_at_tip != hash_:
        return [Problem(seq, "tip_altered", f"Đầu chuỗi không khớp bản ghi #{seq} / the tip does not match "
                                            f"record #{seq}")]
    return []


def anchor_problems(key: bytes, anchor: dict | None, tip_seq: int, hash_at_anchor: str | None) -> list[Problem]:
    """The anchor kept outside the store against the trail: a trail ending before it was cut short."""
    if anchor is None:
        return []
    if not anchor_is_genuine(key, anchor):
        return [Problem(0, "anchor_invalid", "Mốc neo ngoài kho không hợp lệ (bị sửa) / the anchor outside the "
                                             "store is not genuine (edited)")]
    seq = int(anchor["seq"])
    if seq > tip_seq:
        return [Problem(tip_seq + 1, "truncated",
                        f"Nhật ký kết thúc ở #{tip_seq} nhưng đã được xác nhận đến #{seq} lúc {anchor['at']}: các "
                        f"bản ghi mới nhất đã bị xóa / the trail ends at #{tip_seq} but reached #{seq} when "
                        f"anchored at {anchor['at']}: the newest records were removed")]
    if seq and hash_at_anchor != anchor["hash"]:
        return [Problem(seq, "altered", f"Bản ghi #{seq} khác với mốc neo / record #{seq} differs from the "
                                        f"anchor kept outside the store")]
    return []
