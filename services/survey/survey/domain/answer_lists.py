"""The lists of citizens' answers HR pages through (``GET /api/v1/responses``), kept as small documents
read by ``_id`` (``handlers.answer_lists``), so a page costs the same with a hundred answers or a million.

Every answer is filed in three lists: its cadre's, its unit's and the province's. A list is a small tree
cut by the time the answer was given (on Vietnam's calendar): a cadre's list holds parts by quarter, a
unit's by month, the province's quarters, each of them its days, each of those its hours — a part holds
tens to a few hundred answers, since every filing writes its part (and each node above it) whole again.
A part maps each answer id to a short row; a node maps each child to the summary of the rows beneath it
(how many of each month, level and "has a comment"), so a page knows its total and which children hold
it without reading any other. Node and part ids are ``<list>|<key>`` (the top node: ``<list>``).

A row changes only one way (its comment removed by the retention purge), and rows are written with
``$max``: ``c`` (has a comment) < ``n`` (has none), so no late write brings a comment back. A summary
starts with a stamp that grows with every change beneath it (rows + rows without a comment), also
written with ``$max``: of two writers of one part, the one that read it later wins."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from cadre_shared.clock import in_vietnam

from .periods import Period

PROVINCE = "province"
WITH_COMMENT, WITHOUT_COMMENT = "c", "n"


def lists_of(answer: dict) -> list[tuple[str, tuple[str, ...], str]]:
    """(list, the keys from its top node down to the part, row) of each list a stored answer (as stored:
    ``_id``, ``cadre_id``, ``unit_id``, ``answered_at``, ``month``, ``quarter``, ``overall``, ``comment``) is in."""
    row = row_of(answer)
    hour = in_vietnam(_aware(answer["answered_at"])).strftime("%Y-%m-%dT%H")
    return [(f"cadre:{answer['cadre_id']}", (answer["quarter"],), f"{row}|{answer['unit_id']}"),
            (f"unit:{answer['unit_id']}", (answer["month"],), row),
            (PROVINCE, (answer["quarter"], hour[:10], hour), row)]


def depth_of(list_id: str) -> int:
    """How many keys lead from a list's top node to its parts."""
    return 3 if list_id == PROVINCE else 1


def node_id(list_id: str, key: str | None) -> str:
    return list_id if key is None else f"{list_id}|{key}"


def row_of(answer: dict) -> str:
    state = WITH_COMMENT if answer.get("comment") not in (None, "") else WITHOUT_COMMENT
    millis = int(_aware(answer["answered_at"]).timestamp() * 1000)
    return f"{state}|{millis}|{answer['month']}|{answer['overall']}"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Row:
    response_id: str
    state: str
    millis: int
    month: str
    overall: str
    unit_id: str | None


def parse_row(response_id: str, row: str) -> Row:
    state, millis, month, overall, *unit = row.split("|", 4)
    return Row(response_id, state, int(millis), month, overall, unit[0] if unit else None)


def summary_of(rows: dict[str, str]) -> str:
    """A part's summary: ``<stamp>|<json {"month|overall|state": count}>``."""
    counts = Counter("|".join(row.split("|", 4)[i] for i in (2, 3, 0)) for row in rows.values())
    return _summary(len(rows) + counts_without_comment(rows), counts)


def combined(summaries) -> str:
    """A node's summary: the sum of its children's (their stamps too, each only ever growing)."""
    stamp, counts = 0, Counter()
    for summary in summaries:
        stamp += int(summary.partition("|")[0])
        counts.update(parse_summary(summary))
    return _summary(stamp, counts)


def _summary(stamp: int, counts) -> str:
    return f"{stamp:012d}|{json.dumps(dict(sorted(counts.items())), separators=(',', ':'))}"


def counts_without_comment(rows: dict[str, str]) -> int:
    return sum(1 for row in rows.values() if row.startswith(WITHOUT_COMMENT))


def parse_summary(summary: str) -> dict[str, int]:
    return json.loads(summary.partition("|")[2])


def quarter_of_month(month: str) -> str:
    year, number = month.split("-")
    return f"{year}-Q{(int(number) - 1) // 3 + 1}"


@dataclass(frozen=True)
class Wanted:
    """The listing's filters (what the counts of a summary can tell, and the unit of a cadre's rows)."""
    period: Period | None = None
    overall: str | None = None
    with_comment: bool = False
    unit_id: str | None = None

    def month_fits(self, month: str) -> bool:
        if self.period is None:
            return True
        return (quarter_of_month(month) if self.period.kind == "quarter" else month) == self.period.code

    def key_fits(self, key: str) -> bool:
        month, overall, state = key.split("|")
        return (self.month_fits(month) and (self.overall is None or overall == self.overall)
                and (not self.with_comment or state == WITH_COMMENT))

    def row_fits(self, row: Row) -> bool:
        return (self.key_fits(f"{row.month}|{row.overall}|{row.state}")
                and (self.unit_id is None or row.unit_id == self.unit_id))

    def counted(self, summary: str) -> int:
        return sum(n for key, n in parse_summary(summary).items() if self.key_fits(key))


def children_newest_first(list_id: str, parts: dict[str, str], wanted: Wanted) -> list[tuple[str, int]]:
    """(child node or part id, answers beneath it that fit, as its summary counts them), newest first, those
    without any left out. A node's children are all of one kind (quarters, months, days or hours), whose
    keys sort as time does."""
    counted = ((key, wanted.counted(summary)) for key, summary in parts.items())
    return [(node_id(list_id, key), n) for key, n in sorted(counted, reverse=True) if n]


def fitting_rows(rows: dict[str, str], wanted: Wanted) -> list[Row]:
    """The rows of a part that fit, newest first (answers given in the same millisecond: by id, descending)."""
    fit = [r for r in (parse_row(i, row) for i, row in rows.items()) if wanted.row_fits(r)]
    return sorted(fit, key=lambda r: (r.millis, r.response_id), reverse=True)


def page_of(counted: list[tuple[str, int]], read: Callable[[str, int, int], list[Row]], skip: int,
            limit: int) -> list[Row]:
    """The ``limit`` fitting rows after the first ``skip``, newest first, from children counted as
    ``children_newest_first`` gives them: the children before the page are skipped by their counts, unread;
    ``read(child, skip, limit)`` gives that slice of a child's fitting rows, newest first."""
    page: list[Row] = []
    for child, n in counted:
        if len(page) >= limit:
            break
        if n <= skip:
            skip -= n
            continue
        page.extend(read(child, skip, limit - len(page)))
        skip = 0
    return page
