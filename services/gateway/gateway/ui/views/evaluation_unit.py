"""A unit's page in a period: while the period is open, its round's exact progress and the ways to
its tasks and raters; once closed, its classification (xếp loại) — each cadre's total, level from
the score, final level, override reason and percentile; the quota per task group with the unit
HR's decision of who stays xuất sắc (a tie at the cut is theirs to break); approval by the province
(a refusal, 409, is shown as the service words it); the exports; the levels as a chart."""
from __future__ import annotations

from flask import Response, abort, g, redirect, render_template, request, url_for

from cadre_shared.errors import ApiError

from ..pages import blueprint as bp
from ..api_client import api, fetch, fetch_optional
from ..charts import bars
from ..forms import flat_errors
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import names
from .periods import HR, HR_READERS, crumbs, period_crumb
from .satisfaction import period_label

READERS = (*HR_READERS, "cadre")
NOTICES = {"decided": N_("Đã ghi quyết định của đơn vị."), "approved": N_("Đã phê duyệt và công bố kết quả xếp loại.")}


def level_chart(cadres: list[dict], unit_name: str):
    """How many cadres end at each level (the final level, after the unit's decisions)."""
    labels = names()
    counts = [(labels.level[code], sum(1 for c in cadres if c["final_level"] == code)) for code in labels.level_order]
    return bars(counts, _("Phân bố xếp loại — {unit}", unit=unit_name), label_header=_("Xếp loại"),
                value_header=_("Số cán bộ"))


def quota_groups(classification: dict) -> list[dict]:
    """Each task group with its excellent proposals (highest first) marked as kept, at the cut or not kept."""
    cadres = classification["cadres"]
    found = []
    for group in classification["groups"]:
        proposals = sorted((c for c in cadres if c["task_group"] == group["task_group"]
                            and c["score_level"] == "excellent"), key=lambda c: (-c["total"], c["full_name"]))
        tie = [c for c in proposals if c["cadre_id"] in group["to_review"]]
        found.append({**group, "proposals": proposals, "tie": tie,
                      "key": group["task_group"] or "", "anchor": f"g-{len(found) + 1}"})
    return found


def _classification(period: dict, unit_id: str) -> tuple[dict | None, str]:
    """(the classification, or None with why it cannot be shown)."""
    if period["status"] != "closed":
        return None, _("Đề xuất xếp loại được lập khi khóa kỳ.")
    reply = api("GET", f"/api/v1/periods/{period['id']}/classification", params={"unit_id": unit_id})
    if reply.ok:
        return reply.body, ""
    if g.web_user.role == "cadre" and reply.status in (403, 404):
        raise ApiError(reply.status, reply.error_message() or None)  # not published yet, or not their unit
    if reply.status in (403, 404, 409):
        return None, reply.error_message() or _("Đơn vị không có cán bộ nào được chấm điểm trong kỳ.")
    abort(502 if reply.status < 500 else reply.status)


def _unit_page(period_id: str, unit_id: str, general: str = "", errors: dict | None = None, status: int = 200):
    period = fetch(f"/api/v1/periods/{period_id}")
    role = g.web_user.role
    if role == "cadre" and period["status"] != "closed":
        abort(404)
    classification, missing = _classification(period, unit_id)
    unit = fetch(f"/api/v1/units/{unit_id}") if role != "cadre" else {"id": unit_id,
                                                                       "name": classification["unit_name"]}
    progress = fetch_optional(f"/api/v1/periods/{period_id}/progress", unit_id=unit_id) if role != "cadre" else None
    people = {c["cadre_id"]: c for c in (classification or {}).get("cadres", [])}
    proposed = (classification or {}).get("status") == "proposed"
    back = [period_crumb(period)] if role != "cadre" else [(period_label(period["code"]), None)]
    return render_template(
        "evaluation/unit.html", period=period, unit=unit, progress=progress, classification=classification,
        missing=missing, people=people, groups=quota_groups(classification) if classification else [],
        chart=level_chart(classification["cadres"], unit["name"]) if classification else "",
        names=names(), name=period_label(period["code"]), general=general, errors=errors or {},
        notice=notice_of(NOTICES), can_decide=role in HR and proposed, can_approve=role == "province_admin" and proposed,
        can_manage=role in HR_READERS,
        breadcrumbs=(crumbs(*back, (unit["name"], None)) if role != "cadre"
                     else [(_("Trang chủ"), url_for("ui.home")), (_("Kết quả của tôi"), url_for("ui.my_results")),
                           (unit["name"], None)])), status


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>")
@login_required(*READERS)
def evaluation_unit(period_id, unit_id):
    return _unit_page(period_id, unit_id)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/decisions")
@login_required(*HR)
def evaluation_unit_decide(period_id, unit_id):
    task_group = request.form.get("task_group", "")
    keep = [c for c in request.form.getlist("keep_excellent") if c]
    reply = api("POST", f"/api/v1/periods/{period_id}/classification/decisions",
                json={"unit_id": unit_id, "task_group": task_group or None, "keep_excellent": keep})
    if reply.ok:
        return redirect(url_for("ui.evaluation_unit", period_id=period_id, unit_id=unit_id, notice="decided")
                        + "#quota")
    if reply.status == 404:
        abort(404)
    errors = {task_group: sum(flat_errors(reply.error_fields()).values(), [])} if reply.status == 422 else {}
    return _unit_page(period_id, unit_id, "" if errors else reply.error_message(), errors, reply.status)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/approve")
@login_required("province_admin")
def evaluation_unit_approve(period_id, unit_id):
    reply = api("POST", f"/api/v1/periods/{period_id}/classification/approve", json={"unit_id": unit_id})
    if reply.ok:
        return redirect(url_for("ui.evaluation_unit", period_id=period_id, unit_id=unit_id, notice="approved"))
    if reply.status == 404:
        abort(404)
    return _unit_page(period_id, unit_id, reply.error_message(), status=reply.status)


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/classification.<kind>")
@login_required(*READERS)
def evaluation_unit_export(period_id, unit_id, kind):
    """The unit's classification as XLSX or PDF, from the evaluation service, handed on as it came."""
    if kind not in ("xlsx", "pdf"):
        abort(404)
    period = fetch(f"/api/v1/periods/{period_id}")
    reply = api("GET", f"/api/v1/exports/classification.{kind}", params={"period": period["code"], "unit_id": unit_id})
    return hand_on(reply)


def hand_on(reply) -> Response:
    """A file the service answered, passed to the browser with its type and name (errors as pages
    with the service's reason)."""
    if not reply.ok:
        raise ApiError(reply.status if reply.status < 500 else 502, reply.error_message() or None)
    response = Response(reply.content, mimetype=reply.headers.get("Content-Type", "application/octet-stream"))
    response.headers["Content-Disposition"] = reply.headers.get("Content-Disposition", "attachment")
    response.headers["Cache-Control"] = "private, no-store"
    return response
