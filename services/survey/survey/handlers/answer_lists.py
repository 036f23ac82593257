"""Keeping and reading the lists of citizens' answers (``domain.answer_lists``), every command by ``_id``.

Every write of an answer files it here once the answer is stored: a batch of new answers
(``answer_batch``: the kiosk path's group commit and the seeding door), an answer stored one by one
(``recording``), a re-send of a stored answer (which mends a filing a crash left undone), and the retention
purge (its comments removed: ``retention``). Filing is idempotent — rows and summaries go in with
``$max`` — so writing again is always safe. A review changes nothing here: an answer's status is read from
its suspect case when a page is shown. ``rebuild`` files every stored answer again (``python -m
survey.rebuild --lists``: an installation from before these lists, or any doubt)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from ..domain.answer_lists import PROVINCE, Row, Wanted, fitting_rows, page_of, parts_newest_first, scopes_of, \
    summary_of
from ..domain.periods import Period
from ..models import AnswerList, AnswerListPart, Response

FIELDS = ("cadre_id", "unit_id", "answered_at", "month", "quarter", "overall", "comment")


def file_answers(answers: Iterable[dict]) -> None:
    """File stored answers (as stored, ``FIELDS`` at least) in their cadre's, unit's and province's lists:
    one write per part touched (which answers the part as it now is) and one per list head."""
    rows: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for answer in answers:
        for list_id, part, row in scopes_of(answer):
            rows[(list_id, part)][answer["_id"]] = row
    parts_coll, heads = AnswerListPart._get_collection(), defaultdict(dict)
    for (list_id, part), part_rows in rows.items():
        stored = _upsert_after(parts_coll, f"{list_id}|{part}",
                               {"$max": {f"rows.{answer_id}": row for answer_id, row in part_rows.items()}})
        heads[list_id][f"parts.{part}"] = summary_of(stored.get("rows") or {})
    heads_coll = AnswerList._get_collection()
    for list_id, summaries in heads.items():
        _upsert(heads_coll, list_id, {"$max": summaries})


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
    """(total, the rows of the page) of the answers that fit, newest first: the list's head, then only the
    parts the page falls in (a cadre's list asked for one unit: each of its parts that could fit)."""
    list_id = f"cadre:{cadre_id}" if cadre_id else f"unit:{unit_id}" if unit_id else PROVINCE
    wanted = Wanted(period, overall, with_comment, unit_id if cadre_id else None)
    head = AnswerList._get_collection().find_one({"_id": list_id}) or {}
    counted = parts_newest_first(head.get("parts") or {}, wanted)
    parts, read = AnswerListPart._get_collection(), {}

    def read_part(part: str) -> list[Row]:
        if part not in read:
            read[part] = fitting_rows((parts.find_one({"_id": f"{list_id}|{part}"}) or {}).get("rows") or {}, wanted)
        return read[part]

    if wanted.unit_id is not None:  # the summaries do not count by unit: a cadre's few parts are read whole
        counted = [(part, len(read_part(part))) for part, _n in counted]
        counted = [(part, n) for part, n in counted if n]
    return sum(n for _part, n in counted), page_of(counted, read_part, skip, limit)


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
