"""Evidence files of a task: uploaded by the unit's HR or the cadre, checked by content (domain.
evidence), stored in chunks read by ``_id``, downloaded by whoever may see the task, removed while
the period is open."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.ids import new_id, utcnow
from ..domain.evidence import evidence_problem
from ..models.evidence import CHUNK_BYTES, EvidenceChunk, EvidenceFile, chunk_id
from . import sheets
from .periods import ensure_open, period_by_code
from .tasks import find_task, visible_task

MAX_FILES = 10
NO_FILE = "Không tìm thấy tệp minh chứng / evidence file not found"


@dataclass(frozen=True)
class Download:
    name: str
    content_type: str
    size: int
    chunks: list[str]

    def content(self):
        collection = EvidenceChunk._get_collection()
        for key in self.chunks:
            yield bytes(collection.find_one({"_id": key})["data"])


def _writable(principal: Principal, task_id: str) -> tuple[str, sheets.TaskSheet, dict]:
    period, sheet, key = find_task(principal, task_id)
    ensure_open(period_by_code(period))
    return period, sheet, sheet.tasks[key]


def upload(principal: Principal, task_id: str, name: str, content: bytes) -> dict:
    period, sheet, task = _writable(principal, task_id)
    if len(task.get("evidence_files") or []) >= MAX_FILES:
        raise ApiError(422, fields={"file": [f"Tối đa {MAX_FILES} tệp mỗi nhiệm vụ / at most {MAX_FILES} files"]})
    kind, problem = evidence_problem(name, content)
    if problem:
        raise ApiError(422, fields={"file": [problem]})
    file_id = new_id()
    pieces = [content[i:i + CHUNK_BYTES] for i in range(0, len(content), CHUNK_BYTES)]
    chunks = EvidenceChunk._get_collection()
    for number, piece in enumerate(pieces):
        chunks.insert_one({"_id": chunk_id(file_id, number), "data": piece})
    described = {"id": file_id, "name": name[-200:], "content_type": kind.content_type, "size": len(content),
                 "uploaded_by": principal.username, "uploaded_at": utcnow()}
    EvidenceFile._get_collection().insert_one({"_id": file_id, "task_id": task_id, "chunks": len(pieces),
                                               "sha256": hashlib.sha256(content).hexdigest(),
                                               **{k: v for k, v in described.items() if k != "id"}})
    task.setdefault("evidence_files", []).append({**described, "uploaded_at": described["uploaded_at"].isoformat()})
    sheets.write_tasks(period, sheet.cadre_id, sheet.unit_id, tasks=sheet.tasks)
    return described


def download(principal: Principal, task_id: str, file_id: str) -> Download:
    """The file, to whoever may see the task (404 to anyone else, and for a file of another task)."""
    task = visible_task(principal, task_id)
    if file_id not in {f["id"] for f in task["evidence_files"]}:
        raise ApiError(404, NO_FILE)
    doc = EvidenceFile._get_collection().find_one({"_id": file_id})
    if doc is None or doc["task_id"] != task_id:
        raise ApiError(404, NO_FILE)
    return Download(doc["name"], doc["content_type"], doc["size"],
                    [chunk_id(file_id, n) for n in range(doc["chunks"])])


def remove(principal: Principal, task_id: str, file_id: str) -> None:
    period, sheet, task = _writable(principal, task_id)
    kept = [f for f in task.get("evidence_files") or [] if f["id"] != file_id]
    if len(kept) == len(task.get("evidence_files") or []):
        raise ApiError(404, NO_FILE)
    task["evidence_files"] = kept
    sheets.write_tasks(period, sheet.cadre_id, sheet.unit_id, tasks=sheet.tasks)
    doc = EvidenceFile._get_collection().find_one_and_delete({"_id": file_id}) or {}
    chunks = EvidenceChunk._get_collection()
    for number in range(doc.get("chunks", 0)):
        chunks.delete_one({"_id": chunk_id(file_id, number)})
