"""A cadre beside everyone holding the same position code across the province (PRODUCT.md §3.2, §6),
for a closed period or a closed year: the cadre's total (a year's: the year-end mean), its percentile,
and every total of that position code — the figures the cadre's page draws as a distribution.

The totals are those the closing kept in the scope's comparison (``PeriodComparison``, one document
by ``_id``: rounded to 2 decimals, sorted); the cadre's own comes from their frozen score or year-end
result, also by ``_id`` (handlers.frozen). Totals carry no names: a cadre reading their own
comparison learns nobody's."""
from __future__ import annotations

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...registry import queries as registry
from ..domain.percentile import percentile
from ..models.classifications import PeriodComparison
from ..models.years import YearResultDoc, year_result_id
from .frozen import frozen
from .periods import period_by_code

NO_RESULT = "Cán bộ chưa có điểm đã chốt trong {scope} / no frozen result of the cadre in {scope}"


def _own(cadre: registry.CadreFacts, period: str | None, year: int | None) -> tuple[str, float, str | None] | None:
    """(scope code, the cadre's unrounded total, their position code then) or None."""
    if year is not None:
        doc = YearResultDoc._get_collection().find_one({"_id": year_result_id(year, cadre.id)},
                                                       {"mean": 1, "position_code": 1})
        return (str(year), doc["mean"], doc.get("position_code")) if doc else None
    code = period_by_code(period).code
    row = frozen(code, cadre.id, cadre.unit_id)
    if row is None:
        return None
    return code, row["total"], (row.get("versions") or {}).get("position_code")


def cadre_comparison(principal: Principal, cadre_id: str, period: str | None = None, year: int | None = None) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    own = _own(cadre, period, year)
    if own is None:
        raise ApiError(404, NO_RESULT.format(scope=period or year))
    code, total, position_code = own
    found = PeriodComparison._get_collection().find_one({"_id": code}, {"positions": 1}) or {}
    totals = next((p["totals"] for p in found.get("positions") or [] if position_code and p["code"] == position_code),
                  [])
    shown = round(total, 2)
    return {"cadre_id": cadre.id, "scope": code, "kind": "year" if year is not None else "period",
            "position_code": position_code, "total": shown,
            "percentile": round(percentile(shown, totals), 2) if totals else None,
            "compared_with": len(totals) or None, "totals": totals}
