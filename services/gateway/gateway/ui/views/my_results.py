"""The signed-in cadre's own results (/me): each closed period's frozen score with its breakdown
(a, b, c — d, đ, e for leaders — and the general criteria per index group and rater group, a group
under its minimum of raters shown as "not enough raters"), the final level once the unit's
classification is published, and the percentile against the same position across the province.
The year result and the training plan are other sections of the page (``evaluation/me.html``'s
blocks). Notifications open it as ``/me?period=<code>``."""
from __future__ import annotations

from flask import g, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import fetch
from ..charts import bars
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import names
from .evaluation_year import my_year_result
from .satisfaction import period_label


def breakdown_rows(result: dict) -> list[dict]:
    """The general criteria as a table: one row per index group, one cell per rater group."""
    labels = names()
    indices = (result.get("general") or {}).get("indices") or {}
    return [{"code": code, "name": labels.index.get(code, code), **indices[code]}
            for code in labels.indices if code in indices]


def percentile_chart(periods: list[dict]):
    """The cadre's percentile against the same position province-wide, period by period (oldest first)."""
    rows = [(period_label(p["period"]), p["percentile"]) for p in reversed(periods) if p.get("percentile") is not None]
    return bars(rows, _("Phân vị so với cán bộ cùng vị trí trong tỉnh qua các kỳ"), label_header=_("Kỳ"),
                value_header=_("Phân vị"), unit="%", max_value=100)


def rater_groups(rows: list[dict]) -> list[str]:
    """The rater groups present in any index, in the page's order."""
    present = {group for row in rows for group in row.get("groups", {})}
    return [group for group in names().group_order if group in present]


@bp.get("/me")
@login_required("cadre")
def my_results():
    crumbs = [(_("Trang chủ"), url_for("ui.home")), (_("Kết quả của tôi"), None)]
    if not g.web_user.cadre_id:
        return render_template("evaluation/me.html", results=None, chosen=None, breadcrumbs=crumbs)
    results = fetch(f"/api/v1/cadres/{g.web_user.cadre_id}/results")
    chosen = next((p for p in results["periods"] if p["period"] == request.args.get("period")), None) \
        or (results["periods"][0] if results["periods"] else None)
    rows = breakdown_rows(chosen) if chosen else []
    return render_template(
        "evaluation/me.html", results=results, chosen=chosen, rows=rows, groups=rater_groups(rows), names=names(),
        label=period_label, cadre_id=g.web_user.cadre_id, breadcrumbs=crumbs, chart=percentile_chart(results["periods"]),
        period_options=[(p["period"], period_label(p["period"])) for p in results["periods"]],
        year_result=my_year_result(g.web_user.cadre_id))
