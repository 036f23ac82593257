"""Training compliance (tình trạng bồi dưỡng) for HR: per unit, who has done what their position
requires, who is due soon, overdue or holds an expired certificate — per cadre and per requirement,
with a chart and a printable list; and, for the province, every unit side by side."""
from __future__ import annotations

from flask import Response, abort, g, render_template, request, url_for

from cadre_shared.clock import today

from ..api_client import api, fetch
from ..charts import stacked
from ..i18n import N_
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups

READERS = ("province_admin", "unit_hr", "auditor")
# The statuses of the training API, most urgent first, each with its label and chart tone.
STATUSES = (("overdue", N_("Quá hạn"), "red"), ("expired", N_("Chứng chỉ hết hạn"), "purple"),
            ("due_soon", N_("Sắp đến hạn"), "amber"), ("not_due", N_("Chưa đến hạn"), "grey"),
            ("done", N_("Đã hoàn thành"), "green"))


def status_labels() -> dict[str, str]:
    return {code: _(label) for code, label, _tone in STATUSES}


def status_chart(rows: list[tuple[str, dict]], title: str, label_header: str):
    """One stacked bar per row (a requirement, a unit): its items by status."""
    return stacked([name for name, _s in rows],
                   [(_(label), [summary[code] for _n, summary in rows]) for code, label, _tone in STATUSES],
                   title, label_header=label_header, tones=[tone for _c, _l, tone in STATUSES])


def _crumbs(*tail):
    return [(_("Trang chủ"), url_for("ui.home")), (_("Tình trạng bồi dưỡng"), url_for("ui.training_compliance")),
            *tail]


def _province_page():
    overview = fetch("/api/v1/training/compliance/units")
    chart = status_chart([(u["name"], u["summary"]) for u in overview if u["summary"]["required"]],
                         _("Tình trạng bồi dưỡng theo đơn vị"), _("Đơn vị"))
    day = today().isoformat()
    earlier = sorted(u["as_of"] for u in overview if (u.get("as_of") or day) < day)
    return render_template("training/compliance_province.html", overview=overview, chart=chart,
                           earlier=len(earlier), earliest=earlier[0] if earlier else None,
                           labels=status_labels(), units=lookups.unit_options(),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Tình trạng bồi dưỡng"), None)])


@bp.get("/training/compliance")
@login_required(*READERS)
def training_compliance():
    unit_id = g.web_user.unit_id or request.args.get("unit_id")
    if not unit_id:
        return _province_page()
    unit = fetch(f"/api/v1/units/{unit_id}")
    figures = fetch(f"/api/v1/training/units/{unit_id}/compliance")
    chart = status_chart([(r["title"], r) for r in figures["by_requirement"]],
                         _("Tình trạng bồi dưỡng theo yêu cầu — {unit}", unit=unit["name"]), _("Yêu cầu"))
    return render_template("training/compliance_unit.html", unit=unit, figures=figures, chart=chart,
                           labels=status_labels(), units=lookups.unit_options(),
                           breadcrumbs=_crumbs((unit["name"], None)))


@bp.get("/training/compliance/export.<kind>")
@login_required(*READERS)
def training_compliance_export(kind: str):
    """The unit's compliance as XLSX or PDF, from the training service, handed on as it came."""
    unit_id = g.web_user.unit_id or request.args.get("unit_id")
    if kind not in ("xlsx", "pdf") or not unit_id:
        abort(404)
    reply = api("GET", f"/api/v1/exports/training-compliance.{kind}", params={"unit_id": unit_id}, timeout=120)
    if reply.status in (403, 404):
        abort(reply.status)
    if not reply.ok:
        abort(502 if reply.status < 500 else reply.status)
    response = Response(reply.content, mimetype=reply.headers.get("Content-Type"))
    response.headers["Content-Disposition"] = reply.headers.get("Content-Disposition", "attachment")
    response.headers["Cache-Control"] = "private, no-store"
    return response
