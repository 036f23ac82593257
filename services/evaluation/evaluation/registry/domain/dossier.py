"""Rules of the cadre e-dossier (hồ sơ điện tử): who sees its sensitive parts, who may change
it, probation, the birth-year bounds, and the work history kept when a cadre moves."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Only roles that need them see these (PRODUCT.md §5 roles): never a cadre's peers.
SENSITIVE_FIELDS = ("ethnicity", "discipline", "conclusions")
EARLIEST_BIRTH_YEAR = 1940
MINIMUM_WORKING_AGE = 16



@dataclass(frozen=True)
class DisciplineFact:
    """A disciplinary measure (kỷ luật) on the dossier, as rules read it."""
    measure: str
    decided_on: date
    duty_related: bool


@dataclass(frozen=True)
class ConclusionFact:
    """A competent body's formal conclusion (kết luận) on the dossier, as rules read it."""
    type: str
    concluded_on: date

def may_see_sensitive(role: str, viewer_unit_id: str | None, viewer_cadre_id: str | None,
                      cadre_unit_id: str, cadre_id: str) -> bool:
    """Province HR and auditors see every dossier in full; a unit's HR sees its own unit's;
    a cadre sees their own. Nobody else (another cadre, another unit, the training school)."""
    if role in ("province_admin", "auditor"):
        return True
    if role == "unit_hr":
        return viewer_unit_id is not None and viewer_unit_id == cadre_unit_id
    if role == "cadre":
        return viewer_cadre_id is not None and viewer_cadre_id == cadre_id
    return False


def may_manage(role: str, viewer_unit_id: str | None, cadre_unit_id: str) -> bool:
    """Who may change a dossier: province HR anywhere, a unit's HR in their own unit."""
    if role == "province_admin":
        return True
    return role == "unit_hr" and viewer_unit_id is not None and viewer_unit_id == cadre_unit_id


def birth_year_bounds(today: date) -> tuple[int, int]:
    """Plausible birth years of a serving cadre: from 1940 to 16 years before this year."""
    return EARLIEST_BIRTH_YEAR, today.year - MINIMUM_WORKING_AGE


def on_probation(probation_until: date | None, today: date) -> bool:
    """Thời gian thử thách: on probation up to and including its last day."""
    return probation_until is not None and probation_until >= today


def history_after_move(history: list[dict], new_entry: dict, effective_on: date) -> list[dict]:
    """Work history once a cadre takes ``new_entry`` from ``effective_on``: the open entry
    (no end date) is closed that day, the new one appended open."""
    closed = [{**entry, "to_date": effective_on} if entry.get("to_date") is None else entry for entry in history]
    return closed + [{**new_entry, "from_date": effective_on, "to_date": None}]


def history_closed(history: list[dict], on: date) -> list[dict]:
    """Work history when a cadre leaves on ``on``: the open entry ends that day."""
    return [{**entry, "to_date": on} if entry.get("to_date") is None else entry for entry in history]
