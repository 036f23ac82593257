"""Many output tasks with their outcome in one request — what a document-management system (or the
demo province's history) sends at once. Each cadre's sheet is read and written once, however many
of their tasks the batch holds; a task's ``key`` is the caller's, so a batch sent again replaces."""
from __future__ import annotations

from collections import defaultdict

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import utcnow
from . import sheets
from .periods import ensure_open, period_by_code
from .progress import note_tasks
from .tasks import _cadre_in_scope

OUTCOME = ("title", "coefficient", "quality_failures", "delays")


def _checked(principal: Principal, rows: list[dict]) -> dict:
    """Cadre id → (the cadre, their rows), every row checked before anything is written."""
    by_cadre: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for number, row in enumerate(rows):
        by_cadre[row["cadre_id"]].append((number, row))
    found, problems = {}, {}
    for cadre_id, numbered in by_cadre.items():
        try:
            cadre = _cadre_in_scope(principal, cadre_id)
        except ApiError as exc:
            if exc.status != 422:
                raise
            cadre = None
        if cadre is None or not cadre.active:
            problems.update({f"tasks.{n}.cadre_id": ["Không tìm thấy cán bộ đang công tác / no serving cadre"]
                             for n, _ in numbered})
        found[cadre_id] = (cadre, [row for _, row in numbered])
    if problems:
        raise ApiError(422, fields=problems)
    return found


def record_batch(principal: Principal, data: dict) -> dict:
    period = ensure_open(period_by_code(data["period"]))
    created = replaced = 0
    now = utcnow().isoformat()
    for cadre, rows in _checked(principal, data["tasks"]).values():
        sheet = sheets.read_tasks(period.code, cadre.id) or sheets.TaskSheet(cadre.id, cadre.unit_id)
        for row in rows:
            earlier = sheet.tasks.get(row["key"])
            replaced, created = replaced + bool(earlier), created + (not earlier)
            sheet.tasks[row["key"]] = {
                **{name: row[name] for name in OUTCOME}, "due_on": row["due_on"].isoformat(),
                "completed_on": row["completed_on"].isoformat() if row["completed_on"] else None,
                "exempt_quality_failures": 0, "exempt_delays": 0, "evidence_url": None,
                "evidence_files": (earlier or {}).get("evidence_files", []), "unit_id": cadre.unit_id,
                "created_by": (earlier or {}).get("created_by", principal.username),
                "created_at": (earlier or {}).get("created_at", now), "updated_by": principal.username,
                "updated_at": now, "version": (earlier or {}).get("version", 0) + 1}
        sheets.write_tasks(period.code, cadre.id, cadre.unit_id, tasks=sheet.tasks)
        note_tasks(period.code, cadre.id, cadre.unit_id, sheet)
    return {"period": period.code, "created": created, "replaced": replaced,
            "cadres": len({row["cadre_id"] for row in data["tasks"]})}
