"""Gap analysis (khoảng trống năng lực) per unit and across the province, with charts."""
from __future__ import annotations

from flask import g, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import fetch, fetch_optional
from ..charts import bars
from ..i18n import gettext as _
from ..i18n import in_current_language
from ..web_session import login_required
from . import lookups


def gap_chart(gaps: dict, unit_name: str):
    """Cadres lacking each item of the standard, most frequent first."""
    items = sorted(gaps.get("items", []), key=lambda i: -i["count"])
    return bars([(in_current_language(i["title"]), i["count"]) for i in items],
                _("Số cán bộ còn thiếu từng mục tiêu chuẩn — {unit}", unit=unit_name),
                label_header=_("Mục tiêu chuẩn"), value_header=_("Số cán bộ còn thiếu"))


def _share_chart(rows: list[tuple[str, dict]]):
    """Share of each unit's cadres with at least one gap."""
    data = [(name, round(100 * gaps["cadres_with_gaps"] / gaps["cadres"], 1) if gaps["cadres"] else 0.0)
            for name, gaps in rows]
    data.sort(key=lambda row: -row[1])
    return bars(data, _("Tỷ lệ cán bộ còn khoảng trống năng lực theo đơn vị"), label_header=_("Đơn vị"),
                value_header=_("Còn khoảng trống"), unit="%", max_value=100)


@bp.get("/gaps")
@login_required("province_admin", "unit_hr")
def gaps():
    units = lookups.units()
    default = g.web_user.unit_id or next((u["id"] for u in units if u["kind"] == "province"),
                                         units[0]["id"] if units else "")
    unit_id = request.args.get("unit_id") or default
    unit = next((u for u in units if u["id"] == unit_id), None) or (fetch(f"/api/v1/units/{unit_id}")
                                                                     if unit_id else None)
    summary = fetch(f"/api/v1/units/{unit_id}/gaps", ids="false") if unit_id else None
    per_unit = []
    if unit and unit["kind"] == "province":  # one call for every commune and ward of the province
        members = fetch_optional(f"/api/v1/units/{unit_id}/gaps/by-unit") or []
        per_unit = [(m["name"], m, m["unit_id"]) for m in members]
    return render_template("ui/gaps.html", unit=unit, summary=summary,
                           chart=gap_chart(summary, unit["name"]) if summary else "",
                           share_chart=_share_chart([(n, s) for n, s, _i in per_unit]) if per_unit else "",
                           per_unit=per_unit, units=[(u["id"], u["name"]) for u in units],
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Khoảng trống năng lực"), None)])
