"""Fairness audit of the early warning (PRODUCT §3.5): flag rates and mean probability by
gender, ethnicity, the local/non-local flag and the area of the cadre's unit (urban, rural,
mountain). These attributes are read here only, never by the model. Groups too small to compare
are marked, not hidden."""
from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

AUDITED = ("gender", "ethnicity", "is_local", "area")
MIN_GROUP = 5
# A group flagged at under 80% or over 125% of the overall rate is pointed out (four-fifths rule).
DISPARITY_LOW, DISPARITY_HIGH = 0.8, 1.25
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AuditRow:
    gender: str | None
    ethnicity: str | None
    is_local: bool | None
    flagged: bool
    probability: float | None
    area: str | None = None


def _group_key(value) -> str:
    if value is None or value == "":
        return UNKNOWN
    if isinstance(value, bool):
        return "local" if value else "non_local"
    return str(value)


def group_figures(rows: list[AuditRow], attribute: str, overall_rate: float | None) -> list[dict]:
    groups: dict[str, list[AuditRow]] = {}
    for row in rows:
        groups.setdefault(_group_key(getattr(row, attribute)), []).append(row)
    figures = []
    for name in sorted(groups):
        members = groups[name]
        rate = sum(r.flagged for r in members) / len(members)
        probabilities = [r.probability for r in members if r.probability is not None]
        enough = len(members) >= MIN_GROUP
        ratio = rate / overall_rate if overall_rate else None
        figures.append({"group": name, "cadres": len(members), "flagged": sum(r.flagged for r in members),
                        "flag_rate": round(rate, 4),
                        "mean_probability": round(mean(probabilities), 4) if probabilities else None,
                        "enough": enough, "ratio_to_overall": round(ratio, 4) if ratio is not None else None,
                        "disparity": bool(enough and ratio is not None
                                          and not DISPARITY_LOW <= ratio <= DISPARITY_HIGH)})
    return figures


def fairness_audit(rows: list[AuditRow]) -> dict:
    overall = sum(r.flagged for r in rows) / len(rows) if rows else None
    return {"cadres": len(rows), "flagged": sum(r.flagged for r in rows),
            "flag_rate": round(overall, 4) if overall is not None else None, "min_group": MIN_GROUP,
            "groups": {a: group_figures(rows, a, overall) for a in AUDITED}}
