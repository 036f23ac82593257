"""The home page, one per role."""
from __future__ import annotations

from flask import g, render_template

from cadre_shared.errors import ApiError

from ...handlers import audit_trail, audit_verification
from ..pages import blueprint as bp
from ..api_client import api, fetch_optional, total_of
from ..web_session import login_required
from .province_home import province_overview
from .training_plan import training_plan_context


def _cadre_total(**params) -> int | None:
    try:
        reply = api("GET", "/api/v1/cadres", params={"per_page": 1, **params})
    except ApiError:
        return None  # the registry is unreachable: the figure shows as a blank
    return total_of(reply) if reply.ok else None


@bp.get("/")
@login_required()
def home():
    user = g.web_user
    context: dict = {"breadcrumbs": []}
    if user.role == "province_admin":
        units = fetch_optional("/api/v1/units") or []
        context.update(units=units, positions=fetch_optional("/api/v1/positions") or [], cadre_total=_cadre_total(),
                       recent=audit_trail.recent(8), **province_overview())
    elif user.role == "unit_hr":
        context.update(unit=fetch_optional(f"/api/v1/units/{user.unit_id}"),
                       cadre_total=_cadre_total(unit_id=user.unit_id))
    elif user.role == "cadre":
        context.update(cadre=fetch_optional(f"/api/v1/cadres/{user.cadre_id}") if user.cadre_id else None)
        if user.cadre_id:
            context.update(training_plan_context(user.cadre_id))
    elif user.role == "inspector":
        context.update(reports=fetch_optional("/api/v1/reports", status="received", per_page=10) or [])
    elif user.role == "auditor":
        context.update(recent=audit_trail.recent(10), verification=audit_verification.latest())
    return render_template(f"ui/home_{user.role}.html", **context)
