"""Citizens' satisfaction with a cadre in a period, as the 360 evaluation uses it (nhóm tiêu chí
phục vụ người dân): PRODUCT.md §3.3 — rate = (very satisfied + satisfied) / all, and a figure
from fewer than 5 responses is "not enough responses". The survey service applies the same
rule to its own figures; a unit test holds the two to the same answers."""
from __future__ import annotations

import re
from typing import Mapping

LEVELS = ("very_satisfied", "satisfied", "dissatisfied")
MIN_RESPONSES = 5
NOT_ENOUGH = "Chưa đủ số lượt đánh giá để tính chỉ số (cần ít nhất {n}) / Not enough responses (at least {n} needed)"
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def period_field(code: str) -> str:
    """Which stored period a code names: ``quarter`` (2026-Q4) or ``month`` (2026-11)."""
    if _QUARTER.match(code or ""):
        return "quarter"
    if _MONTH.match(code or ""):
        return "month"
    raise ValueError(f"not a period code: {code!r}")


def satisfaction_figures(counts: Mapping[str, int], minimum: int = MIN_RESPONSES) -> dict:
    per_level = {level: int(counts.get(level, 0)) for level in LEVELS}
    if any(n < 0 for n in per_level.values()):
        raise ValueError("counts cannot be negative")
    total = sum(per_level.values())
    figures = {"responses": total, **per_level}
    if total < minimum:
        return {**figures, "enough": False, "satisfaction_rate": None, "shares": None,
                "message": NOT_ENOUGH.format(n=minimum)}
    return {**figures, "enough": True,
            "satisfaction_rate": round((per_level["very_satisfied"] + per_level["satisfied"]) / total, 4),
            "shares": {level: round(n / total, 4) for level, n in per_level.items()}, "message": None}
