"""The year-end results (PRODUCT.md §3.2, §6): made by the year's closing job and read per cadre.

The job follows each cadre, not the unit: it gathers every cadre's frozen totals of the year's
closed periods, each with the unit it was scored in, from the (period, unit) documents the closing
wrote (every unit that had a proposal, as the period's comparison lists them: units × periods reads
by ``_id``, not cadres × periods), so a cadre rotated mid-year brings the quarters of the previous
unit along to the unit whose roster holds them now. Each result is classified like a period
(domain.year_end), and the units' proposals, percentiles and comparison are written by the very
function that writes a period's (closing.store_classifications), under the year's code — the quota,
decisions, approval and exports that follow are the period's own."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..domain.classification import Row, final_levels
from ..domain.periods import CLOSED
from ..domain.year_end import PeriodTotal, YearResult, year_result
from ..models.classifications import Classification, PeriodComparison
from ..models.periods import Period
from ..models.rounds import round_id
from ..models.years import YearResultDoc, year_result_id
from .classification import groups, rows
from .closing import Progress, store_classifications, store_once
from .frozen import frozen
from .settings import excellent_ratio
from .sheets import decode

READ_THREADS = 4


def closed_codes(year: int) -> list[str]:
    return [p.code for p in Period.objects(year=year, status=CLOSED).only("code")]


def _unit_totals(code: str, unit_id: str) -> list[tuple[str, PeriodTotal]]:
    doc = Classification._get_collection().find_one({"_id": round_id(code, unit_id)}, {"rows": 1, "folded_rows": 1})
    if doc is None:
        return []
    listed = decode(doc.get("rows"), []) + decode(doc.get("folded_rows"), [])
    return [(r["cadre_id"], PeriodTotal(code, unit_id, r["total"], r.get("override"))) for r in listed]


def period_totals(codes: list[str], pool: ThreadPoolExecutor) -> dict[str, list[PeriodTotal]]:
    """Every cadre's totals in these closed periods, with the unit of each (a period closed before the
    comparison listed its units: today's units)."""
    pairs = []
    for code in codes:
        comparison = PeriodComparison._get_collection().find_one({"_id": code}, {"units": 1}) or {}
        units = comparison.get("units") or [u.id for u in registry.units_in_scope(None)]
        pairs += [(code, unit_id) for unit_id in units]
    found: dict[str, list[PeriodTotal]] = {}
    for totals in pool.map(lambda pair: _unit_totals(*pair), pairs):
        for cadre_id, total in totals:
            found.setdefault(cadre_id, []).append(total)
    return found


def periods_worked(cadre: registry.CadreFacts, codes: list[str]) -> list[PeriodTotal]:
    """The cadre's frozen scores in these periods, wherever they worked them (handlers.frozen.frozen)."""
    found = []
    for code in codes:
        row = frozen(code, cadre.id, cadre.unit_id)
        if row is not None:
            found.append(PeriodTotal(code, row["unit_id"], row["total"], row.get("override")))
    return found


def _stored(year: int, row: Row, unit_id: str, result: YearResult, compared: tuple) -> dict:
    return {"_id": year_result_id(year, row.cadre_id), "year": year, "cadre_id": row.cadre_id, "unit_id": unit_id,
            "position_code": row.position_code, "task_group": row.task_group, "is_leader": bool(row.is_leader),
            "periods": [{"code": p.code, "unit_id": p.unit_id, "total": p.total} for p in result.periods],
            "quarters": [{"quarter": q.quarter, "total": q.total, "periods": list(q.periods)} for q in result.quarters],
            "mean": result.mean, "level": result.level, "override": result.override,
            "percentile": compared[0], "compared_with": compared[1], "computed_at": utcnow()}


def make_year_results(year: int, progress: Progress = lambda done, total: None) -> int:
    """Every cadre's year-end result with its unit's proposal; how many results."""
    codes, ratio = closed_codes(year), excellent_ratio()
    units = registry.units_in_scope(None)
    positions: dict = {}
    rows_by_unit: dict[str, list[Row]] = {}
    results: dict[str, tuple[str, Row, YearResult]] = {}
    with ThreadPoolExecutor(READ_THREADS) as pool:
        worked = period_totals(codes, pool)
    for done, unit in enumerate(units, start=1):
        cadres = [c for c in registry.cadres_in([unit.id], active_only=False) if c.id in worked and c.id not in results]
        missing = {c.position_id for c in cadres if c.position_id and c.position_id not in positions}
        if missing:
            positions.update(registry.positions_by_id(missing))
        for cadre in cadres:
            result, position = year_result(worked[cadre.id]), positions.get(cadre.position_id)
            row = Row(cadre.id, cadre.full_name, cadre.position_id, position.code if position else None,
                      position.task_group if position else None, result.mean, result.level, result.override,
                      None, is_leader=cadre.is_leader)
            rows_by_unit.setdefault(unit.id, []).append(row)
            results[cadre.id] = (unit.id, row, result)
        progress(done, len(units))
    compared = store_classifications(str(year), rows_by_unit, ratio)
    store_once([_stored(year, row, unit_id, result, compared[cadre_id])
                for cadre_id, (unit_id, row, result) in results.items()], YearResultDoc)
    return len(results)


def _unit_names(unit_ids) -> dict[str, str]:
    names = {}
    for unit_id in set(unit_ids):
        unit = next(iter(registry.units_in_scope(unit_id)), None)
        names[unit_id] = unit.name if unit else None
    return names


def _classified(year: int, unit_id: str, cadre_id: str, principal: Principal) -> dict:
    doc = Classification._get_collection().find_one({"_id": round_id(str(year), unit_id)}, {"outbox": 0})
    if doc is None:
        return {"classification_status": None, "final_level": None}
    listed = rows(doc)
    shown = doc["status"] == "approved" or principal.role != "cadre"
    final = final_levels(listed, groups(doc)).get(cadre_id) if shown else None
    return {"classification_status": doc["status"], "final_level": final}


def cadre_year_result(principal: Principal, cadre_id: str, year: int) -> dict:
    """The year-end result as the closing made it ("final"); before the year is closed, the same
    calculation on the periods closed so far ("provisional", without percentile)."""
    cadre = registry.visible_cadre(principal, cadre_id)
    doc = YearResultDoc._get_collection().find_one({"_id": year_result_id(year, cadre.id)})
    if doc is not None:
        body = {"status": "final", "unit_id": doc["unit_id"], "periods": doc["periods"], "quarters": doc["quarters"],
                "mean": doc["mean"], "level": doc["level"], "override": doc.get("override"),
                "percentile": doc.get("percentile"), "compared_with": doc.get("compared_with"),
                **_classified(year, doc["unit_id"], cadre.id, principal)}
    else:
        worked = periods_worked(cadre, closed_codes(year))
        if not worked:
            raise ApiError(404, f"Chưa có điểm kỳ nào đã khóa trong năm {year} / no closed period score in {year}")
        result = year_result(worked)
        body = {"status": "provisional", "unit_id": cadre.unit_id,
                "periods": [{"code": p.code, "unit_id": p.unit_id, "total": p.total} for p in result.periods],
                "quarters": [{"quarter": q.quarter, "total": q.total, "periods": list(q.periods)}
                             for q in result.quarters],
                "mean": result.mean, "level": result.level, "override": result.override, "percentile": None,
                "compared_with": None, "classification_status": None, "final_level": None}
    names = _unit_names([p["unit_id"] for p in body["periods"]])
    body["periods"] = [{**p, "unit_name": names[p["unit_id"]]} for p in body["periods"]]
    return {"year": year, "cadre_id": cadre.id, "full_name": cadre.full_name, "is_leader": cadre.is_leader,
            "mean_shown": body["mean"], **body}
