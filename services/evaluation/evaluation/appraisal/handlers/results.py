"""What a cadre's /me page shows of their evaluations: every closed period's frozen score with its
breakdown (a, b, c, the general criteria per index and rater group, "not enough raters" where a
group had too few), the final level once the unit's classification is approved, and the
percentile against the same position province-wide; the periods still open are named."""
from __future__ import annotations

from cadre_shared.auth import Principal

from ...registry import queries as registry
from ..domain.periods import CLOSED
from ..models.classifications import Classification
from ..domain.classification import final_levels
from ..models.rounds import round_id
from .classification import groups, rows
from .frozen import frozen
from .period_scores import frozen_view
from .periods import list_periods


def _classified(code: str, unit_id: str, cadre_id: str) -> tuple[dict, dict | None]:
    doc = Classification._get_collection().find_one({"_id": round_id(code, unit_id)}, {"outbox": 0}) or {}
    listed = rows(doc) if doc else []
    row = next((r for r in listed if r.cadre_id == cadre_id), None)
    if row is None:
        return doc, None
    return doc, {**vars(row), "final_level": final_levels(listed, groups(doc))[cadre_id]}


def cadre_results(principal: Principal, cadre_id: str) -> dict:
    cadre = registry.visible_cadre(principal, cadre_id)
    closed, still_open = [], []
    for period in list_periods({}):
        if period.status != CLOSED:
            still_open.append({"period": period.code, "period_id": period.id, "status": period.status})
            continue
        found = frozen(period.code, cadre.id, cadre.unit_id)
        if found is None:
            continue
        doc, row = _classified(period.code, found["unit_id"], cadre.id)
        approved = doc.get("status") == "approved"
        shown = approved or principal.role != "cadre"
        closed.append({**frozen_view(found), "period_id": period.id, "classification_status": doc.get("status"),
                       "final_level": row["final_level"] if row and shown else None,
                       "percentile": row["percentile"] if row else None,
                       "compared_with": row["compared_with"] if row else None})
    return {"cadre_id": cadre.id, "full_name": cadre.full_name, "periods": closed, "open_periods": still_open}
