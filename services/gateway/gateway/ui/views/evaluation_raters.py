"""Who rates whom in a unit's 360 round (phân công đánh giá), as the organisation gives it, with the
unit HR's adjustments (add or remove a pair, with a reason; applied from when made); and a
leader's criteria đ (the unit's planned tasks on time and to quality) and e (internal unity), each
needing a reason when marked 50."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for

from ..pages import blueprint as bp
from ..api_client import api, fetch
from ..forms import Field, flat_errors, to_payload
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..web_session import login_required
from .appraisal_labels import names
from .evaluation_tasks import unit_context, unit_crumbs
from .periods import HR, HR_READERS

ADJUST_FIELDS = [Field("action"), Field("rater_id"), Field("ratee_id"), Field("group"), Field("reason")]
CRITERIA_FIELDS = [Field("unit_plan_on_time", "bool"), Field("unit_plan_reason"), Field("unity", "bool"),
                   Field("unity_reason")]
ADJUSTABLE = ("leader", "peer", "subordinate")
NOTICES = {"adjusted": N_("Đã điều chỉnh phân công. Điều chỉnh áp dụng từ bây giờ.")}


def raters_by_ratee(roster: dict) -> list[dict]:
    """Each member with their raters per group (names), adjustments marked."""
    people = {m["cadre_id"]: m for m in roster["members"]}
    rows = []
    for member in sorted(roster["members"], key=lambda m: m["full_name"]):
        groups: dict[str, list[dict]] = {}
        for pair in roster["pairs"]:
            if pair["ratee_id"] == member["cadre_id"] and pair["group"] != "self":
                rater = people.get(pair["rater_id"], {"full_name": pair["rater_id"]})
                groups.setdefault(pair["group"], []).append({"name": rater["full_name"],
                                                             "adjusted": pair["source"] != "organisation"})
        rates_self = any(p["rater_id"] == p["ratee_id"] == member["cadre_id"] for p in roster["pairs"])
        rows.append({**member, "groups": {k: sorted(v, key=lambda r: r["name"]) for k, v in groups.items()},
                     "rates_self": rates_self})
    return rows


def _raters_page(period_id: str, unit_id: str, values: dict | None = None, errors: dict | None = None,
                 general: str = "", status: int = 200):
    period, unit, roster = unit_context(period_id, unit_id)
    labels = names()
    people = {m["cadre_id"]: m["full_name"] for m in roster["members"]}
    return render_template(
        "evaluation/raters.html", period=period, unit=unit, roster=roster, rows=raters_by_ratee(roster),
        people=people, names=labels, values=values or {"action": "add"}, errors=errors or {}, general=general,
        member_options=sorted(people.items(), key=lambda item: item[1]),
        group_options=[(code, labels.group[code]) for code in ADJUSTABLE],
        action_options=[("add", _("Thêm cặp đánh giá")), ("remove", _("Bỏ cặp đánh giá"))],
        can_adjust=g.web_user.role in HR and roster["editable"], notice=notice_of(NOTICES),
        breadcrumbs=unit_crumbs(period, unit, (_("Phân công đánh giá 360"), None))), status


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/raters")
@login_required(*HR_READERS)
def evaluation_raters(period_id, unit_id):
    return _raters_page(period_id, unit_id)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/raters")
@login_required(*HR)
def evaluation_raters_adjust(period_id, unit_id):
    payload, errors = to_payload(request.form, ADJUST_FIELDS)
    if payload.get("action") == "remove":
        payload.pop("group", None)  # a removed pair is named by its two people
    if errors:
        return _raters_page(period_id, unit_id, request.form.to_dict(), errors, "", 422)
    reply = api("POST", f"/api/v1/periods/{period_id}/assignments", json={**payload, "unit_id": unit_id})
    if reply.ok:
        return redirect(url_for("ui.evaluation_raters", period_id=period_id, unit_id=unit_id, notice="adjusted")
                        + "#adjustments")
    if reply.status == 404:
        abort(404)
    return _raters_page(period_id, unit_id, request.form.to_dict(), flat_errors(reply.error_fields()),
                        reply.error_message(), reply.status if reply.status < 500 else 502)


def _leader(period_id: str, unit_id: str, cadre_id: str) -> tuple[dict, dict, dict]:
    period, unit, roster = unit_context(period_id, unit_id)
    leader = next((m for m in roster["members"] if m["cadre_id"] == cadre_id and m["is_leader"]), None)
    if leader is None:
        abort(404)
    return period, unit, leader


def _leader_page(period_id: str, unit_id: str, cadre_id: str, values: dict | None = None,
                 errors: dict | None = None, general: str = "", status: int = 200):
    period, unit, leader = _leader(period_id, unit_id, cadre_id)
    recorded = fetch(f"/api/v1/cadres/{cadre_id}/leader-criteria", period=period["code"])
    return render_template(
        "evaluation/leader.html", period=period, unit=unit, leader=leader, recorded=recorded,
        values=values if values is not None else recorded, errors=errors or {}, general=general,
        can_edit=g.web_user.role in HR and period["status"] == "open",
        breadcrumbs=unit_crumbs(period, unit, (_("Nhiệm vụ"), url_for("ui.evaluation_tasks", period_id=period_id,
                                                                         unit_id=unit_id)),
                                (leader["full_name"], None))), status


@bp.get("/evaluation/periods/<period_id>/units/<unit_id>/leaders/<cadre_id>")
@login_required(*HR_READERS)
def evaluation_leader(period_id, unit_id, cadre_id):
    return _leader_page(period_id, unit_id, cadre_id)


@bp.post("/evaluation/periods/<period_id>/units/<unit_id>/leaders/<cadre_id>")
@login_required(*HR)
def evaluation_leader_record(period_id, unit_id, cadre_id):
    period, _unit, _member = _leader(period_id, unit_id, cadre_id)
    payload, _errors = to_payload(request.form, CRITERIA_FIELDS)
    reply = api("PUT", f"/api/v1/cadres/{cadre_id}/leader-criteria", json={**payload, "period": period["code"]})
    if reply.ok:
        return redirect(url_for("ui.evaluation_tasks", period_id=period_id, unit_id=unit_id, notice="criteria")
                        + "#leaders")
    values = {**payload, "unit_plan_reason": request.form.get("unit_plan_reason", ""),
              "unity_reason": request.form.get("unity_reason", "")}
    return _leader_page(period_id, unit_id, cadre_id, values, flat_errors(reply.error_fields()),
                        reply.error_message(), reply.status if reply.status < 500 else 502)
