"""Keeping and reading the lists of citizens' answers (``domain.answer_lists``), every command by ``_id``.

Every stored answer is filed here from its own ``response.recorded`` event, by the survey's
``answer-lists`` consumer (``consumers/answer_lists.py``), a poll's answers at once: the event is
written with the answer (its carrier first), so no stored answer is left out by a crash, and the
kiosk's request writes nothing more than the answer and its carrier (filing an answer costs a write
per list part and node it touches: in the request it made the group commit's batches several round
trips longer). The retention purge files the answers whose comments it removes itself
(``retention``). Filing is idempotent — rows and summaries go in with
``$max`` — so writing again is always safe. A review changes nothing here: an answer's status is read from
its suspect case when a page is shown. ``rebuild`` files every stored answer again (``python -m
survey.rebuild --lists``: an installation from before these lists, or any doubt)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..domain.answer_lists import (PROVINCE, Row, Wanted, children_newest_first, combined, depth_of, fitting_rows,
                                   lists_of, node_id, page_of, quarter_of_month, summary_of)
from ..domain.periods import Period
from ..models import AnswerList, AnswerListPart, Response

FIELDS = ("cadre_id", "unit_id", "answered_at", "month", "quarter", "overall", "comment")


def file_answers(answers: Iterable[dict]) -> None:
    """File stored answers (as stored, ``FIELDS`` at least) in their cadre's, unit's and province's lists:
    one write per part touched (which answers the part as it now is), then one per node above it, level by
    level up (each answers the node as it now is, but the top's)."""
    rows: dict[str, dict[str, str]] = defaultdict(dict)  # answer ids are UUIDs: safe in a field's path
    parent: dict[str, tuple[str, str]] = {}  # node or part id → (the node above, its key there)
    for answer in answers:
        for list_id, keys, row in lists_of(answer):
            ids = [list_id, *(node_id(list_id, key) for key in keys)]
            rows[ids[-1]][answer["_id"]] = row
            parent.update({ids[level + 1]: (ids[level], keys[level]) for level in range(len(keys))})
    parts, nodes = AnswerListPart._get_collection(), AnswerList._get_collection()
    summaries = {}
    for part_id, part_rows in rows.items():
        stored = _upsert_after(parts, part_id, {"$max": {f"rows.{i}": row for i, row in part_rows.items()}})
        summaries[part_id] = summary_of(stored.get("rows") or {})
    while summaries:
        above: dict[str, dict[str, str]] = defaultdict(dict)
        for child, summary in summaries.items():
            node, key = parent[child]
            above[node][f"parts.{key}"] = summary
        summaries = {}
        for node, fields in above.items():
            if node in parent:
                summaries[node] = combined((_upsert_after(nodes, node, {"$max": fields}).get("parts") or {}).values())
            else:
                _upsert(nodes, node, {"$max": fields})


def _upsert_after(collection, doc_id: str, update: dict) -> dict:
    try:
        return collection.find_one_and_update({"_id": doc_id}, update, upsert=True,
                                              return_document=ReturnDocument.AFTER)
    except DuplicateKeyError:  # created by another writer at the same moment: it exists now
        return collection.find_one_and_update({"_id": doc_id}, update, return_document=ReturnDocument.AFTER)


def _upsert(collection, doc_id: str, update: dict) -> None:
    try:
        collection.update_one({"_id": doc_id}, update, upsert=True)
    except DuplicateKeyError:
        collection.update_one({"_id": doc_id}, update)


def page(*, unit_id: str | None, cadre_id: str | None, period: Period | None, overall: str | None,
         with_comment: bool, skip: int, limit: int) -> tuple[int, list[Row]]:
    """(total, the rows of the page) of the answers that fit, newest first: from the list's top node (the
    province's asked for a period: its quarter's node) down through only the children the page falls in
    (a cadre's list asked for one unit: each of its parts that could fit is read)."""
    list_id = f"cadre:{cadre_id}" if cadre_id else f"unit:{unit_id}" if unit_id else PROVINCE
    wanted = Wanted(period, overall, with_comment, unit_id if cadre_id else None)
    start, level = list_id, 0
    if list_id == PROVINCE and period is not None:
        start, level = node_id(PROVINCE, period.code if period.kind == "quarter" else quarter_of_month(period.code)), 1
    nodes, parts, depth = AnswerList._get_collection(), AnswerListPart._get_collection(), depth_of(list_id)

    def children(node: str) -> list[tuple[str, int]]:
        return children_newest_first(list_id, (nodes.find_one({"_id": node}) or {}).get("parts") or {}, wanted)

    def part_rows(part: str) -> list[Row]:
        return fitting_rows((parts.find_one({"_id": part}) or {}).get("rows") or {}, wanted)

    def read(level_of_child: int):
        def read_child(child: str, skip_in: int, limit_in: int) -> list[Row]:
            if level_of_child == depth:
                return part_rows(child)[skip_in:skip_in + limit_in]
            return page_of(children(child), read(level_of_child + 1), skip_in, limit_in)
        return read_child

    counted = children(start)
    if wanted.unit_id is not None:  # the summaries do not count by unit: a cadre's few parts are read whole
        fitting = {part: part_rows(part) for part, _n in counted}
        counted = [(part, len(rows)) for part, rows in fitting.items() if rows]
        return sum(n for _part, n in counted), page_of(counted, lambda part, s, n: fitting[part][s:s + n], skip, limit)
    return sum(n for _part, n in counted), page_of(counted, read(level + 1), skip, limit)


def file_in_batches(answers: Iterable[dict], batch: int = 20000,
                    progress: Callable[[str], None] | None = None) -> int:
    """``file_answers`` for a long run of answers (a purge, a rebuild), ``batch`` at a time; the answers filed."""
    filed, pending = 0, []
    for answer in answers:
        pending.append(answer)
        if len(pending) >= batch:
            file_answers(pending)
            filed, pending = filed + len(pending), []
            if progress:
                progress(f"{filed} answers filed")
    file_answers(pending)
    return filed + len(pending)


def stored_answers(match: dict | None = None):
    """The stored answers (``FIELDS``) matching ``match`` — a read of the whole collection: workers and rebuilds only."""
    return Response._get_collection().find(match or {}, dict.fromkeys(FIELDS, 1)).batch_size(2000)


def rebuild(progress: Callable[[str], None]) -> int:
    """File every stored answer again (safe while the platform runs: filing is idempotent); the answers filed."""
    filed = file_in_batches(stored_answers(), progress=progress)
    progress(f"{filed} answers filed")
    return filed
