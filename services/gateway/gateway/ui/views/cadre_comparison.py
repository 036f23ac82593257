"""The cadre's page (/cadres/<id>, issue 13): the cadre beside everyone holding the same position code
across the province, for a closed period and for a closed year — the totals as a distribution in
10-point bands, the cadre's own band marked apart, with the chart's text alternative and its figures
as a table. The period and the year are chosen on the page (``?cmp_period=``, ``?cmp_year=``); by
default the latest closed period the cadre has a score in, and the latest closed year of a period
they worked."""
from __future__ import annotations

from flask import request

from ..api_client import fetch_optional
from ..charts import stacked
from ..i18n import gettext as _
from .satisfaction import period_label

BAND = 10
BANDS = 10  # 0–100: the last band holds 100


def _band(total: float) -> int:
    return min(max(int(total // BAND), 0), BANDS - 1)


def band_labels() -> list[str]:
    """[0; 10), [10; 20) … [90; 100]: the lower bound in the band, the upper one in the next."""
    return [f"[{i * BAND}; {(i + 1) * BAND}{']' if i == BANDS - 1 else ')'}" for i in range(BANDS)]


def bands(totals: list[float], own: float) -> tuple[list[int], list[int]]:
    """(the others' count, the cadre's) per band; ``totals`` holds the cadre's own total once."""
    others, mine = [0] * BANDS, [0] * BANDS
    for total in totals:
        others[_band(total)] += 1
    others[_band(own)] = max(others[_band(own)] - 1, 0)
    mine[_band(own)] = 1
    return others, mine


def distribution_chart(found: dict, scope_name: str):
    others, mine = bands(found["totals"], found["total"])
    return stacked(band_labels(), [(_("Cán bộ khác cùng mã vị trí"), others), (_("Cán bộ này"), mine)],
                   _("Phân bố điểm ({scope}) của cán bộ cùng mã vị trí {code} toàn tỉnh", scope=scope_name,
                     code=found["position_code"]),
                   label_header=_("Khoảng điểm"), horizontal=False, tones=["grey", "blue"])


def _comparison(cadre_id: str, scope_name: str, **scope) -> dict | None:
    found = fetch_optional(f"/api/v1/cadres/{cadre_id}/comparison", **scope)
    if not found or not found.get("totals"):
        return None
    return {**found, "name": scope_name, "chart": distribution_chart(found, scope_name)}


def comparison_section(cadre_id: str) -> dict | None:
    """The section's choices and its charts (None: the cadre has no closed period yet)."""
    results = fetch_optional(f"/api/v1/cadres/{cadre_id}/results")
    periods = [p["period"] for p in (results or {}).get("periods", [])]  # latest first
    if not periods:
        return None
    years = sorted({int(code[:4]) for code in periods}, reverse=True)
    period = request.args.get("cmp_period") if request.args.get("cmp_period") in periods else periods[0]
    asked = request.args.get("cmp_year", "")
    chosen_years = [int(asked)] if asked.isdigit() and int(asked) in years else years
    year = None
    for candidate in chosen_years:
        year = _comparison(cadre_id, _("Năm {year}", year=candidate), year=candidate)
        if year:
            break
    return {"periods": [(code, period_label(code)) for code in periods], "years": years, "period_code": period,
            "year_code": year["scope"] if year else (chosen_years[0] if asked else None),
            "period": _comparison(cadre_id, period_label(period), period=period), "year": year}
