"""Reading and writing cadres' period sheets (models.sheets): one document per cadre in each of the
period's two collections, read by ``_id`` or, for a whole period, start to end; and the task ids
that name their sheet, ``<key>-<period>-<cadre id>``, so a task is found with one read."""
from __future__ import annotations

import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable, Iterator

from ..models.periods import Period
from ..models.sheets import RATINGS, TASKS, collection_name

TASK_ID = re.compile(r"^([0-9a-f]{8})-(\d{4}-(?:Q[1-4]|\d{2}))-(.{1,64})$")
READ_THREADS = 4  # point reads overlap in the store; more threads than this only queue there


@dataclass
class TaskSheet:
    cadre_id: str
    unit_id: str
    tasks: dict = field(default_factory=dict)   # task key → task fields (days and times as ISO text)
    leader: dict | None = None                  # đ and e as HR recorded them


def collection(kind: str, period: str):
    return Period._get_db()[collection_name(kind, period)]


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not kept in a sheet")


def encode(value: dict | list) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def decode(text: str | None, empty=None):
    return json.loads(text) if text else ({} if empty is None else empty)


def new_task_key() -> str:
    return uuid.uuid4().hex[:8]


def task_id(key: str, period: str, cadre_id: str) -> str:
    return f"{key}-{period}-{cadre_id}"


def parse_task_id(value: str) -> tuple[str, str, str] | None:
    """(task key, period code, cadre id) of a task id, or None for anything else."""
    found = TASK_ID.match(value or "")
    return (found.group(1), found.group(2), found.group(3)) if found else None


def task_sheet(doc: dict) -> TaskSheet:
    return TaskSheet(doc["_id"], doc["unit_id"], decode(doc.get("tasks")), doc.get("leader"))


def read_tasks(period: str, cadre_id: str) -> TaskSheet | None:
    doc = collection(TASKS, period).find_one({"_id": cadre_id})
    return task_sheet(doc) if doc else None


def write_tasks(period: str, cadre_id: str, unit_id: str, tasks: dict | None = None,
                leader: dict | None = None) -> None:
    """Store the cadre's tasks and/or đ and e (HR's writes), creating the sheet when new."""
    changes = {"unit_id": unit_id}
    if tasks is not None:
        changes["tasks"] = encode(tasks)
    if leader is not None:
        changes["leader"] = json.loads(encode(leader))
    collection(TASKS, period).update_one({"_id": cadre_id}, {"$set": changes}, upsert=True)


def read_given(period: str, cadre_id: str) -> dict:
    """The ratings the cadre gave in the period: ratee id → answer."""
    doc = collection(RATINGS, period).find_one({"_id": cadre_id})
    return decode(doc.get("given")) if doc else {}


def write_given(period: str, cadre_id: str, unit_id: str, given: dict) -> None:
    collection(RATINGS, period).update_one({"_id": cadre_id}, {"$set": {"unit_id": unit_id, "given": encode(given)}},
                                           upsert=True)


def read_many(kind: str, period: str, cadre_ids: Iterable[str]) -> dict[str, dict]:
    """The documents of these cadres that exist, by cadre id: one read by ``_id`` each, a few at once."""
    ids = list(dict.fromkeys(cadre_ids))
    target = collection(kind, period)
    if len(ids) < 8:
        found = [target.find_one({"_id": c}) for c in ids]
    else:
        with ThreadPoolExecutor(READ_THREADS) as pool:
            found = list(pool.map(lambda c: target.find_one({"_id": c}), ids))
    return {doc["_id"]: doc for doc in found if doc is not None}


def whole_period(kind: str, period: str) -> Iterator[dict]:
    """Every document of the period's collection, start to end (closing; a province-wide list)."""
    return collection(kind, period).find({}, batch_size=1000)
