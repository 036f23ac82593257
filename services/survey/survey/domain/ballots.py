"""Confidence votes (lấy phiếu tín nhiệm, PRODUCT.md §3.8): one-time ballot codes and the outcome.

A code is ``RRRR-XXXX-XXXX-XXXX``: the vote's public reference (4 characters), then 60 bits of an
HMAC of the vote and the ballot's number under the service's ballot key. Codes are therefore never
stored — the organiser can print them again, the service recognises them by computing them — and
nobody without the key can make one. A used code is remembered only as another keyed hash, in a
collection of its own; the answers only ever add to the vote's tallies, so no record links a code
(or a person) to an answer.

Outcome per official, from the share of "low" among the ballots cast (thresholds are data, by
default those of Regulation 96-QĐ/TW): more than 1/2 → the competent authority must consider the
post (``consider``); 2/3 or more → the system proposes replacement (``replace``).
"""
from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from fractions import Fraction

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
ANSWERS = ("high", "medium", "low")
DEFAULT_CONSIDER_ABOVE = 0.5
DEFAULT_REPLACE_AT = 2 / 3
_CODE = re.compile(r"^[0-9A-Z]{16}$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, 32)
        chars.append(ALPHABET[index])
    return "".join(chars)


def normalise(code: str) -> str:
    """What a person typed → the code's 16 characters (spaces, dashes and case ignored, O read as 0,
    I and L as 1); empty when it cannot be a code."""
    text = re.sub(r"[\s\-_.]", "", (code or "").upper()).translate(_CONFUSABLE)
    return text if _CODE.match(text) else ""


def grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, 16, 4))


def ballot_code(key: bytes, vote_id: str, ref: str, number: int) -> str:
    """The code of ballot ``number`` (0-based) of the vote, grouped for reading."""
    digest = hmac.new(key, f"ballot|{vote_id}|{number}".encode(), hashlib.sha256).digest()
    return grouped(ref + base32(digest[:8], 12))


def ballot_codes(key: bytes, vote_id: str, ref: str, count: int) -> list[str]:
    return [ballot_code(key, vote_id, ref, n) for n in range(count)]


def is_ballot_code(key: bytes, vote_id: str, ref: str, count: int, code: str) -> bool:
    """Whether the normalised ``code`` is one of the vote's ``count`` codes."""
    return any(hmac.compare_digest(normalise(c), code) for c in ballot_codes(key, vote_id, ref, count))


def used_code_id(key: bytes, vote_id: str, code: str) -> str:
    """The keyed hash a used code is remembered by (the code itself is never stored)."""
    return hmac.new(key, f"used|{vote_id}|{code}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Thresholds:
    consider_above: float = DEFAULT_CONSIDER_ABOVE  # share of "low" strictly above which: consider
    replace_at: float = DEFAULT_REPLACE_AT          # share of "low" at or above which: replace

    def __post_init__(self):
        if not 0 <= self.consider_above <= self.replace_at <= 1:
            raise ValueError("0 ≤ consider_above ≤ replace_at ≤ 1")


def _exact(share: float) -> Fraction:
    return Fraction(share).limit_denominator(1000)  # 0.666… is the 2/3 the law writes


def outcome(low: int, ballots: int, thresholds: Thresholds) -> str:
    """``none``, ``consider`` (more than ``consider_above`` low) or ``replace`` (``replace_at`` or more)."""
    if ballots <= 0:
        return "none"
    share = Fraction(low, ballots)
    if share >= _exact(thresholds.replace_at):
        return "replace"
    if share > _exact(thresholds.consider_above):
        return "consider"
    return "none"


def result(cadre_id: str, tally: dict, ballots: int, thresholds: Thresholds) -> dict:
    """One official's figures when the vote closes."""
    counts = {answer: int(tally.get(answer, 0)) for answer in ANSWERS}
    return {"cadre_id": cadre_id, "ballots": ballots, **counts,
            "low_share": counts["low"] / ballots if ballots else None,
            "outcome": outcome(counts["low"], ballots, thresholds)}


def answers_problems(answers: dict, officials: list[str]) -> dict:
    """Field messages when a ballot does not rate exactly the vote's officials, each once."""
    problems = {}
    for cadre_id in officials:
        if answers.get(cadre_id) not in ANSWERS:
            problems[f"answers.{cadre_id}"] = ["Chọn một mức tín nhiệm / choose high, medium or low"]
    for cadre_id in answers:
        if cadre_id not in officials:
            problems[f"answers.{cadre_id}"] = ["Không có trong phiếu / not on this ballot"]
    return problems
