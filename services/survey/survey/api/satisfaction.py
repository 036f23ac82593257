"""Satisfaction indices per cadre, unit, procedure and period (the survey service's own figures)."""
from __future__ import annotations

from dataclasses import asdict

from flask.views import MethodView
from flask_smorest import Blueprint

from cadre_shared.auth import Principal, current_principal, ensure_cadre_visible, ensure_unit, requires
from cadre_shared.errors import ApiError

from ..domain.periods import parse_period
from ..handlers import figures
from ..models import CadreCopy
from ..schemas.satisfaction import (BreakdownOut, BreakdownQuery, IndexOut, IndexQuery, TrendOut,
                                    TrendQuery)

blp = Blueprint("satisfaction", __name__, url_prefix="/api/v1/satisfaction",
                description="Chỉ số hài lòng của người dân / Citizen satisfaction indices")
READERS = ("province_admin", "auditor", "unit_hr", "cadre")
NO_CADRE = "Không tìm thấy cán bộ / Cadre not found"


def _index_body(index, pending: int, **labels) -> dict:
    return {**labels, **asdict(index), "held_as_suspect": pending}


def authorize_scope(principal: Principal, cadre_id: str | None, unit_id: str | None) -> str | None:
    """Check the caller may see this scope; returns the unit to restrict to (None: province-wide)."""
    if cadre_id:
        cadre = CadreCopy.objects(id=cadre_id).first()
        if cadre is None:
            raise ApiError(404, NO_CADRE)
        ensure_cadre_visible(principal, cadre_id, cadre.unit_id, NO_CADRE)
        return None
    if principal.role == "cadre":
        raise ApiError(403, code="forbidden")
    if unit_id:
        ensure_unit(principal, unit_id)
        return unit_id
    if not principal.is_province_wide:
        return principal.unit_id  # a unit's HR sees its own unit by default
    return None


@blp.route("")
class SatisfactionIndex(MethodView):
    @requires(*READERS)
    @blp.arguments(IndexQuery, location="query")
    @blp.response(200, IndexOut)
    def get(self, query):
        if not any(query.get(k) for k in ("cadre_id", "unit_id", "procedure_code")):
            raise ApiError(422, fields={"cadre_id": ["Cần cadre_id, unit_id hoặc procedure_code / give cadre_id, "
                                                     "unit_id or procedure_code"]})
        period = parse_period(query["period"])
        unit_id = authorize_scope(current_principal(), query.get("cadre_id"), query.get("unit_id"))
        scope = {"cadre_id": query.get("cadre_id"), "unit_id": unit_id,
                 "procedure_code": query.get("procedure_code")}
        index, pending = figures.index_for(figures.scope_match(period, **scope))
        return _index_body(index, pending, period=period.code, **scope)


@blp.route("/breakdown")
class SatisfactionBreakdown(MethodView):
    @requires("province_admin", "auditor", "unit_hr")
    @blp.arguments(BreakdownQuery, location="query")
    @blp.response(200, BreakdownOut)
    def get(self, query):
        period = parse_period(query["period"])
        unit_id = authorize_scope(current_principal(), None, query.get("unit_id"))
        field = "cadre_id" if query["by"] == "cadre" else "procedure_code"
        rows = figures.breakdown(figures.scope_match(period, unit_id=unit_id), field)
        names = {c.id: c.full_name for c in CadreCopy.objects(id__in=list(rows))} if field == "cadre_id" else {}
        items = [{"key": key, "name": names.get(key), **_index_body(index, 0, period=period.code)}
                 for key, index in rows.items()]
        items.sort(key=lambda item: (-item["responses"], item["name"] or item["key"]))
        return {"period": period.code, "unit_id": unit_id, "by": query["by"], "items": items}


@blp.route("/trend")
class SatisfactionTrend(MethodView):
    @requires(*READERS)
    @blp.arguments(TrendQuery, location="query")
    @blp.response(200, TrendOut)
    def get(self, query):
        if query.get("cadre_id") and query.get("unit_id"):
            raise ApiError(422, fields={"cadre_id": ["Chỉ chọn cán bộ hoặc đơn vị / cadre_id or unit_id"]})
        unit_id = authorize_scope(current_principal(), query.get("cadre_id"), query.get("unit_id"))
        scope = {"cadre_id": query.get("cadre_id"), "unit_id": unit_id}
        items = [_index_body(index, 0, period=period.code, **scope)
                 for period, index in figures.trend(parse_period(query["period"]), query["count"], **scope)]
        return {**scope, "items": items}
