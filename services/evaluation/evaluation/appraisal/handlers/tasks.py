"""Output tasks: assigned by province HR or the unit's HR, updated as they are done, listed."""
from __future__ import annotations

from cadre_shared.auth import Principal, ensure_cadre_visible, ensure_unit
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from ...registry import queries as registry
from ..models.tasks import Task
from .periods import ensure_open, period_by_code

COUNTS = (("exempt_quality_failures", "quality_failures"), ("exempt_delays", "delays"))
CADRE_MAY_CHANGE = {"evidence_url"}
MAX_ATTEMPTS = 5
NO_TASK = "Không tìm thấy nhiệm vụ / task not found"


def _cadre_in_scope(principal: Principal, cadre_id: str) -> registry.CadreFacts:
    cadre = registry.cadre(cadre_id)
    if cadre is None:
        raise ApiError(422, fields={"cadre_id": ["Không tìm thấy hồ sơ cán bộ / unknown cadre"]})
    ensure_unit(principal, cadre.unit_id)
    return cadre


def create_task(principal: Principal, data: dict) -> Task:
    period = period_by_code(data["period"])
    cadre = _cadre_in_scope(principal, data["cadre_id"])
    if not cadre.active:
        raise ApiError(422, fields={"cadre_id": ["Cán bộ đã thôi công tác / the cadre has left"]})
    ensure_open(period)
    task = Task(cadre_id=cadre.id, unit_id=cadre.unit_id, period=period.code, title=data["title"],
                coefficient=data["coefficient"], due_on=data["due_on"], evidence_url=data.get("evidence_url"),
                created_by=principal.username, updated_by=principal.username)
    task.save(force_insert=True)
    return task


def visible_task(principal: Principal, task_id: str) -> Task:
    task = Task.objects(id=task_id).first()
    if task is None:
        raise ApiError(404, NO_TASK)
    ensure_cadre_visible(principal, task.cadre_id, task.unit_id, NO_TASK)
    return task


def count_problems(values: dict) -> dict:
    """Exempted failures or delays cannot outnumber those recorded."""
    return {exempt: ["Số được miễn trừ không thể lớn hơn số ghi nhận / cannot exceed the recorded count"]
            for exempt, counted in COUNTS if (values.get(exempt) or 0) > (values.get(counted) or 0)}


def change_task(principal: Principal, task_id: str, changes: dict) -> Task:
    task = visible_task(principal, task_id)
    if principal.role == "cadre" and set(changes) - CADRE_MAY_CHANGE:
        raise ApiError(403, "Cán bộ chỉ bổ sung minh chứng; kết quả do người có thẩm quyền ghi nhận / "
                            "a cadre may only add evidence", code="forbidden")
    ensure_open(period_by_code(task.period))
    for _ in range(MAX_ATTEMPTS):
        merged = {name: changes.get(name, getattr(task, name)) for name in ("quality_failures", "delays",
                                                                            "exempt_quality_failures", "exempt_delays")}
        if problems := count_problems(merged):
            raise ApiError(422, fields=problems)
        update = {f"set__{name}": value for name, value in changes.items()}
        if Task.objects(id=task.id, version=task.version).update_one(
                **update, set__updated_by=principal.username, set__updated_at=utcnow(), inc__version=1):
            return Task.objects(id=task.id).first()
        task = visible_task(principal, task_id)
    raise ApiError(409, "Nhiệm vụ vừa được người khác thay đổi, vui lòng tải lại / changed meanwhile, reload",
                   code="conflict")


def list_tasks(principal: Principal, query: dict) -> tuple[list[Task], int]:
    tasks = Task.objects
    if query.get("cadre_id"):
        registry.visible_cadre(principal, query["cadre_id"])
        tasks = tasks.filter(cadre_id=query["cadre_id"])
    elif principal.role == "cadre":
        tasks = tasks.filter(cadre_id=principal.cadre_id or "")
    elif not principal.is_province_wide:
        tasks = tasks.filter(unit_id=principal.unit_id or "")
    if query.get("period"):
        tasks = tasks.filter(period=query["period"])
    total = tasks.count()
    start = (query["page"] - 1) * query["per_page"]
    return list(tasks.order_by("due_on", "title").skip(start).limit(query["per_page"])), total
