"""Output tasks: assigned by province HR or the unit's HR, updated as they are done, listed. Each
lives in its cadre's sheet of the period (handlers.sheets), keyed there by a short key."""
from __future__ import annotations

from datetime import date, datetime

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from . import sheets
from .periods import ensure_open, list_periods, period_by_code
from .progress import note_tasks

COUNTS = (("exempt_quality_failures", "quality_failures"), ("exempt_delays", "delays"))
CADRE_MAY_CHANGE = {"evidence_url"}
NO_TASK = "Không tìm thấy nhiệm vụ / task not found"
DATES = ("due_on", "completed_on")
TIMES = ("created_at", "updated_at")


def _cadre_in_scope(principal: Principal, cadre_id: str) -> registry.CadreFacts:
    cadre = registry.cadre(cadre_id)
    if cadre is None:
        raise ApiError(422, fields={"cadre_id": ["Không tìm thấy hồ sơ cán bộ / unknown cadre"]})
    ensure_unit(principal, cadre.unit_id)
    return cadre


def task_view(period: str, sheet: sheets.TaskSheet, key: str) -> dict:
    task = sheet.tasks[key]
    view = {**task, "id": sheets.task_id(key, period, sheet.cadre_id), "cadre_id": sheet.cadre_id,
            "unit_id": task.get("unit_id") or sheet.unit_id, "period": period,
            "completed": task.get("completed_on") is not None, "evidence_files": task.get("evidence_files") or []}
    for name in DATES:
        view[name] = date.fromisoformat(task[name]) if task.get(name) else None
    for name in TIMES:
        view[name] = datetime.fromisoformat(task[name]) if task.get(name) else None
    for file in view["evidence_files"]:
        file["uploaded_at"] = datetime.fromisoformat(file["uploaded_at"]) if file.get("uploaded_at") else None
    return view


def create_task(principal: Principal, data: dict) -> dict:
    period = period_by_code(data["period"])
    cadre = _cadre_in_scope(principal, data["cadre_id"])
    if not cadre.active:
        raise ApiError(422, fields={"cadre_id": ["Cán bộ đã thôi công tác / the cadre has left"]})
    ensure_open(period)
    key, now = sheets.new_task_key(), utcnow().isoformat()
    sheet = sheets.read_tasks(period.code, cadre.id) or sheets.TaskSheet(cadre.id, cadre.unit_id)
    sheet.tasks[key] = {"title": data["title"], "coefficient": data["coefficient"],
                        "due_on": data["due_on"].isoformat(), "completed_on": None, "quality_failures": 0,
                        "delays": 0, "exempt_quality_failures": 0, "exempt_delays": 0,
                        "evidence_url": data.get("evidence_url"), "evidence_files": [], "unit_id": cadre.unit_id,
                        "created_by": principal.username, "created_at": now, "updated_by": principal.username,
                        "updated_at": now, "version": 1}
    sheets.write_tasks(period.code, cadre.id, cadre.unit_id, tasks=sheet.tasks)
    note_tasks(period.code, cadre.id, cadre.unit_id, sheet)
    return task_view(period.code, sheet, key)


def find_task(principal: Principal, task_id: str) -> tuple[str, sheets.TaskSheet, str]:
    """(the period, the sheet holding the task, the task's key) when the caller may see it; else 404."""
    parsed = sheets.parse_task_id(task_id)
    sheet = sheets.read_tasks(parsed[1], parsed[2]) if parsed else None
    if sheet is None or parsed[0] not in sheet.tasks:
        raise ApiError(404, NO_TASK)
    task = sheet.tasks[parsed[0]]
    ensure_cadre_visible(principal, sheet.cadre_id, task.get("unit_id") or sheet.unit_id, NO_TASK)
    return parsed[1], sheet, parsed[0]


def visible_task(principal: Principal, task_id: str) -> dict:
    return task_view(*find_task(principal, task_id))


def count_problems(values: dict) -> dict:
    """Exempted failures or delays cannot outnumber those recorded."""
    return {exempt: ["Số được miễn trừ không thể lớn hơn số ghi nhận / cannot exceed the recorded count"]
            for exempt, counted in COUNTS if (values.get(exempt) or 0) > (values.get(counted) or 0)}


def change_task(principal: Principal, task_id: str, changes: dict) -> dict:
    period, sheet, key = find_task(principal, task_id)
    if principal.role == "cadre" and set(changes) - CADRE_MAY_CHANGE:
        raise ApiError(403, "Cán bộ chỉ bổ sung minh chứng; kết quả do người có thẩm quyền ghi nhận / "
                            "a cadre may only add evidence", code="forbidden")
    ensure_open(period_by_code(period))
    task = sheet.tasks[key]
    if problems := count_problems({name: changes.get(name, task.get(name)) for name in
                                   ("quality_failures", "delays", "exempt_quality_failures", "exempt_delays")}):
        raise ApiError(422, fields=problems)
    task.update({name: value.isoformat() if isinstance(value, date) else value for name, value in changes.items()})
    task.update(updated_by=principal.username, updated_at=utcnow().isoformat(), version=task.get("version", 1) + 1)
    sheets.write_tasks(period, sheet.cadre_id, sheet.unit_id, tasks=sheet.tasks)
    if "completed_on" in changes:
        note_tasks(period, sheet.cadre_id, sheet.unit_id, sheet)
    return task_view(period, sheet, key)


def _cadres_listed(principal: Principal, query: dict) -> list[str] | None:
    """Whose tasks a list shows: one cadre, the caller, or a unit's — the one asked for, else a
    unit-scoped caller's own (None: every unit's)."""
    if query.get("cadre_id"):
        return [registry.visible_cadre(principal, query["cadre_id"]).id]
    if principal.role == "cadre":
        return [principal.cadre_id or ""]
    unit_id = registry.unit_scope(principal, query.get("unit_id"))
    return [c.id for c in registry.cadres_in([unit_id], active_only=False)] if unit_id else None


def list_tasks(principal: Principal, query: dict) -> tuple[list[dict], int]:
    cadre_ids = _cadres_listed(principal, query)
    codes = [query["period"]] if query.get("period") else [p.code for p in list_periods({})]
    found = []
    for code in codes:
        if cadre_ids is None:
            docs = sheets.whole_period(sheets.TASKS, code)  # province-wide: the period's every sheet
        else:
            docs = sheets.read_many(sheets.TASKS, code, cadre_ids).values()
        for doc in docs:
            sheet = sheets.task_sheet(doc)
            found += [task_view(code, sheet, key) for key in sheet.tasks]
    found.sort(key=lambda t: (t["due_on"], t["title"], t["id"]))
    start = (query["page"] - 1) * query["per_page"]
    return found[start:start + query["per_page"]], len(found)
