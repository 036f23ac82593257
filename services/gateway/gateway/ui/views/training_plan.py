"""A cadre's own training plan (kế hoạch bồi dưỡng) as a part of a page: what their position still
requires (overdue, expired, due soon first), what would close their competency gaps, the courses for
each, and their latest results. The cadre's home page shows it; so does ``/me``::

    from .training_plan import training_plan_context

    return render_template("me.html", **training_plan_context(cadre_id), ...)

    {# in me.html, where the plan goes: #}
    {% include "training/_plan.html" %}

Each part reads the training service as the signed-in user; a part the service cannot give (it is
down, the cadre is not known there yet) is left out, never an error of the whole page."""
from __future__ import annotations

from ..api_client import fetch_optional
from ..i18n import N_
from ..i18n import gettext as _
from . import lookups
from .training_compliance import status_labels

LATEST_RESULTS = 5
REASONS = {"requirement": N_("Yêu cầu của vị trí việc làm"), "gap": N_("Khoảng trống năng lực"),
           "intervention": N_("Biện pháp hỗ trợ được giao (cảnh báo sớm)")}


def training_plan_context(cadre_id: str) -> dict:
    """The template variables ``training/_plan.html`` reads, for one cadre."""
    plan = fetch_optional(f"/api/v1/training/cadres/{cadre_id}/plan")
    compliance = fetch_optional(f"/api/v1/training/cadres/{cadre_id}/compliance")
    results = fetch_optional(f"/api/v1/training/cadres/{cadre_id}/results") or []
    return {"training_plan": plan, "training_compliance": compliance,
            "training_results": results[:LATEST_RESULTS], "training_status_labels": status_labels(),
            "training_reasons": {key: _(text) for key, text in REASONS.items()},
            "training_categories": dict(lookups.options("course_categories"))}
