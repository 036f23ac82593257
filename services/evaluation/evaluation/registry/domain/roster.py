"""A unit's roster (danh sách cán bộ của đơn vị) as the registry stores it for reading: one
summary row per cadre, what lists, searches, gap counts and the other contexts need.

A row is kept as one string, ``"<stamp>|<json>"``: the store decodes a string as one value
(a roster of a hundred rows reads in milliseconds, where the same rows as sub-documents take
tens), and the stamp — the cadre's version and gaps version, zero-padded — makes a newer row
compare greater than an older one, so writing it with ``$max`` never puts an old row back over
a newer one, whatever order the writes arrive in. A row with nothing after the bar is a
tombstone: the cadre's row in a unit they have left, stamped like the live row elsewhere."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .dossier import on_probation
from .names import fold

FIELDS = ("id", "code", "full_name", "name_folded", "gender", "birth_year", "ethnicity", "unit_id",
          "department_code", "position_id", "position_version", "is_leader", "reports_to", "is_local", "education",
          "political_theory", "digital_skill", "appointed_on", "probation_until", "status", "left_on", "gap_keys",
          "version", "gaps_version", "discipline", "conclusions", "training_reported", "registered_on")
DATES = ("appointed_on", "probation_until", "left_on", "registered_on")


def stamp(version: int, gaps_version: int) -> str:
    return f"{version:010d}.{gaps_version:010d}"


def encode(row: dict) -> str:
    """The stored form of a live row (dates as ISO strings; discipline and conclusions as lists of
    [measure, decided_on, duty_related] and [type, concluded_on])."""
    body = json.dumps({name: row[name] for name in FIELDS}, ensure_ascii=False, separators=(",", ":"),
                      default=date.isoformat)
    return f"{stamp(row['version'], row['gaps_version'])}|{body}"


def tombstone(version: int, gaps_version: int) -> str:
    return f"{stamp(version, gaps_version)}|"


def decode(stored: str) -> dict | None:
    """The row, or None for a tombstone."""
    body = stored.partition("|")[2]
    if not body:
        return None
    row = dict.fromkeys(FIELDS) | json.loads(body)  # a field added since the row was written reads as None
    for name in DATES:
        if row[name]:
            row[name] = date.fromisoformat(row[name])
    row["gap_keys"] = tuple(row["gap_keys"] or ())
    row["discipline"] = tuple((m, date.fromisoformat(d), bool(r)) for m, d, r in row["discipline"] or ())
    row["conclusions"] = tuple((t, date.fromisoformat(d)) for t, d in row["conclusions"] or ())
    return row


@dataclass(frozen=True)
class Filters:
    """A cadre list's filters (all optional), as the list API takes them."""
    status: str = "active"             # active | left | all
    unit_ids: frozenset[str] | None = None
    position_id: str | None = None
    is_local: bool | None = None
    is_leader: bool | None = None
    on_probation: bool | None = None
    has_gaps: bool | None = None
    gap: str | None = None
    q: str | None = None               # words of the name (with or without diacritics), or the start of the code


def _matches_text(row: dict, words: list[str], code_start: str) -> bool:
    return all(word in row["name_folded"] for word in words) or row["code"].lower().startswith(code_start)


def select(rows: Iterable[dict], f: Filters, today: date) -> list[dict]:
    """The rows matching ``f``, by code."""
    words = fold(f.q or "").split()
    code_start = (f.q or "").strip().lower()
    found = []
    for row in rows:
        if f.status != "all" and row["status"] != f.status:
            continue
        if f.unit_ids is not None and row["unit_id"] not in f.unit_ids:
            continue
        if f.position_id is not None and row["position_id"] != f.position_id:
            continue
        if f.is_local is not None and bool(row["is_local"]) != f.is_local:
            continue
        if f.is_leader is not None and bool(row["is_leader"]) != f.is_leader:
            continue
        if f.on_probation is not None and on_probation(row["probation_until"], today) != f.on_probation:
            continue
        if f.has_gaps is not None and bool(row["gap_keys"]) != f.has_gaps:
            continue
        if f.gap is not None and f.gap not in row["gap_keys"]:
            continue
        if words and not _matches_text(row, words, code_start):
            continue
        found.append(row)
    found.sort(key=lambda row: row["code"])
    return found
