"""The satisfaction figures a caller asks for, within what they may see: one index, a breakdown
by cadre or procedure, and a trend over consecutive periods."""
from __future__ import annotations

from dataclasses import asdict

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ..domain.periods import parse_period
from ..models import CadreCopy
from . import figures
from .scope import authorize_scope


def _index_body(index, pending: int, **labels) -> dict:
    return {**labels, **asdict(index), "held_as_suspect": pending}


def index_of(principal: Principal, query: dict) -> dict:
    """The index of one cadre, unit or procedure (or their intersection) in one period."""
    if not any(query.get(k) for k in ("cadre_id", "unit_id", "procedure_code")):
        raise ApiError(422, fields={"cadre_id": ["Cần cadre_id, unit_id hoặc procedure_code / give cadre_id, "
                                                 "unit_id or procedure_code"]})
    period = parse_period(query["period"])
    unit_id = authorize_scope(principal, query.get("cadre_id"), query.get("unit_id"))
    scope = {"cadre_id": query.get("cadre_id"), "unit_id": unit_id, "procedure_code": query.get("procedure_code")}
    index, pending = figures.index_for(figures.scope_match(period, **scope))
    return _index_body(index, pending, period=period.code, **scope)


def breakdown_of(principal: Principal, query: dict) -> dict:
    """One index per cadre or per procedure, most answered first."""
    period = parse_period(query["period"])
    unit_id = authorize_scope(principal, None, query.get("unit_id"))
    field = "cadre_id" if query["by"] == "cadre" else "procedure_code"
    rows = figures.breakdown(figures.scope_match(period, unit_id=unit_id), field)
    names = {c.id: c.full_name for c in CadreCopy.objects(id__in=list(rows))} if field == "cadre_id" else {}
    items = [{"key": key, "name": names.get(key), **_index_body(index, 0, period=period.code)}
             for key, index in rows.items()]
    items.sort(key=lambda item: (-item["responses"], item["name"] or item["key"]))
    return {"period": period.code, "unit_id": unit_id, "by": query["by"], "items": items}


def trend_of(principal: Principal, query: dict) -> dict:
    """The index of each of the ``count`` periods ending with ``period``."""
    if query.get("cadre_id") and query.get("unit_id"):
        raise ApiError(422, fields={"cadre_id": ["Chỉ chọn cán bộ hoặc đơn vị / cadre_id or unit_id"]})
    unit_id = authorize_scope(principal, query.get("cadre_id"), query.get("unit_id"))
    scope = {"cadre_id": query.get("cadre_id"), "unit_id": unit_id}
    items = [_index_body(index, 0, period=period.code, **scope)
             for period, index in figures.trend(parse_period(query["period"]), query["count"], **scope)]
    return {**scope, "items": items}
