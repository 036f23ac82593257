"""Fairness audit of the early warning (PRODUCT §3.5): flag rates and mean probability by
gender, ethnicity, the local/non-local flag, the area of the cadre's unit (urban, rural,
mountain) and age band; and, on the model's held-out rows (where the outcome is known), the
true- and false-positive rate of each group and the largest gap between groups. These attributes
are read here only, never by the model. Groups too small to compare are marked, not hidden."""
from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

AUDITED = ("gender", "ethnicity", "is_local", "area", "age_band")
MIN_GROUP = 5
# Age bands (data): the lower bound of each, in years reached during the year audited.
AGE_BANDS = ((50, "50_and_over"), (35, "35_to_49"), (0, "under_35"))
GAP_SHOWN = 0.05   # a gap between groups' rates above this is pointed out
# A group flagged at under 80% or over 125% of the overall rate is pointed out (four-fifths rule).
DISPARITY_LOW, DISPARITY_HIGH = 0.8, 1.25
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AuditRow:
    flagged: bool
    probability: float | None
    gender: str | None = None
    ethnicity: str | None = None
    is_local: bool | None = None
    area: str | None = None
    age_band: str | None = None


def age_band(birth_year: int | None, year: int) -> str | None:
    if birth_year is None:
        return None
    return next(name for lowest, name in AGE_BANDS if year - birth_year >= lowest)


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


def _rate(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def _largest_gap(figures: list[dict], rate: str) -> float | None:
    values = [g[rate] for g in figures if g["enough"] and g[rate] is not None]
    return round(max(values) - min(values), 4) if len(values) >= 2 else None


def outcome_rates(labels, flagged, groups: dict[str, list]) -> dict:
    """Per attribute, on rows whose outcome is known (the model's held-out rows): each group's rows,
    positives, flag rate, true-positive rate (flagged among those who did fail) and false-positive
    rate (flagged among those who did not); a group is ``enough`` with at least ``MIN_GROUP`` of
    each outcome. ``gaps``: the largest difference of each rate between groups that are enough."""
    out = {}
    for attribute, values in groups.items():
        members: dict[str, list[tuple[bool, bool]]] = {}
        for label, flag, value in zip(labels, flagged, values):
            members.setdefault(_group_key(value), []).append((bool(label), bool(flag)))
        figures = []
        for name in sorted(members):
            pairs = members[name]
            positives = [f for y, f in pairs if y]
            negatives = [f for y, f in pairs if not y]
            figures.append({"group": name, "rows": len(pairs), "positives": len(positives),
                            "flag_rate": _rate([f for _, f in pairs]), "true_positive_rate": _rate(positives),
                            "false_positive_rate": _rate(negatives),
                            "enough": min(len(positives), len(negatives)) >= MIN_GROUP})
        gaps = {rate: _largest_gap(figures, rate) for rate in ("flag_rate", "true_positive_rate", "false_positive_rate")}
        out[attribute] = {"groups": figures, "gaps": gaps,
                          "notable": any(g is not None and g > GAP_SHOWN for g in gaps.values())}
    return out
