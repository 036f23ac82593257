"""Comparison with equivalent positions across the province (PRODUCT.md §6): a cadre's
percentile is the share of every cadre holding a position of the same code in the same period
whose total is at or below theirs, 0–100 (the best of a position is 100)."""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Iterable


def percentile(total: float, totals: list[float]) -> float:
    """Share of ``totals`` (sorted, including ``total`` itself) at or below ``total``, 0–100."""
    if not totals:
        raise ValueError("no totals to compare with")
    return 100.0 * bisect_right(totals, total) / len(totals)


def distribution(rows: Iterable[tuple[str, str | None, float]]) -> dict[str, list[float]]:
    """Each position code's totals, sorted, from (cadre_id, position code, unrounded total) rows."""
    by_code: dict[str, list[float]] = defaultdict(list)
    for _cadre, code, total in rows:
        if code:
            by_code[code].append(total)
    return {code: sorted(totals) for code, totals in by_code.items()}


def percentiles(rows: Iterable[tuple[str, str | None, float]]) -> dict[str, float | None]:
    """The percentile of every cadre scored in the period within their position code (rows as for
    ``distribution``); None for a cadre without a position."""
    rows = list(rows)
    by_code = distribution(rows)
    return {cadre: percentile(total, by_code[code]) if code else None for cadre, code, total in rows}
