"""Reading and writing cadres' period sheets (models.sheets) by ``_id``, and the task ids that
name their sheet: ``<key>-<period>-<cadre id>``, so a task is found with one read."""
from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable

from ..models.sheets import Sheet, sheet_id

TASK_ID = re.compile(r"^([0-9a-f]{8})-(\d{4}-(?:Q[1-4]|\d{2}))-(.{1,64})$")
READ_THREADS = 4  # point reads overlap in the store; more threads than this only queue there


def collection():
    return Sheet._get_collection()


def new_task_key() -> str:
    return uuid.uuid4().hex[:8]


def task_id(key: str, period: str, cadre_id: str) -> str:
    return f"{key}-{period}-{cadre_id}"


def parse_task_id(value: str) -> tuple[str, str, str] | None:
    """(task key, period code, cadre id) of a task id, or None for anything else."""
    found = TASK_ID.match(value or "")
    return (found.group(1), found.group(2), found.group(3)) if found else None


def read_sheet(period: str, cadre_id: str, fields: Iterable[str] | None = None) -> dict | None:
    projection = {name: 1 for name in fields} if fields else None
    return collection().find_one({"_id": sheet_id(period, cadre_id)}, projection)


def read_sheets(period: str, cadre_ids: Iterable[str], fields: Iterable[str] | None = None) -> dict[str, dict]:
    """The sheets of these cadres that exist, by cadre id: one read by ``_id`` each, a few at once
    (a filter on anything else would make the embedded store decode every sheet of every period)."""
    ids = list(dict.fromkeys(cadre_ids))
    if len(ids) < 8:
        found = [read_sheet(period, c, fields) for c in ids]
    else:
        with ThreadPoolExecutor(READ_THREADS) as pool:
            found = list(pool.map(lambda c: read_sheet(period, c, fields), ids))
    return {doc["cadre_id"]: doc for doc in found if doc is not None}


def write_sheet(period: str, cadre_id: str, unit_id: str, update: dict) -> None:
    """Apply ``update`` (``$set``/``$unset``/``$push``…) to the cadre's sheet, creating it when new."""
    update = {key: dict(value) for key, value in update.items()}
    update.setdefault("$set", {})["unit_id"] = unit_id
    update.setdefault("$setOnInsert", {}).update({"period": period, "cadre_id": cadre_id})
    collection().update_one({"_id": sheet_id(period, cadre_id)}, update, upsert=True)
