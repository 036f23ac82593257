"""HR's lists of citizens' answers (domain.answer_lists, handlers.answer_lists) without a store: the filing
into a cadre's, a unit's and the province's lists, the pages read from them, and the writes that must not
undo one another (a late writer, a comment removed)."""
from __future__ import annotations

import copy
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from survey.domain.answer_lists import (Wanted, children_newest_first, combined, fitting_rows, lists_of, page_of,
                                        parse_row, summary_of)
from survey.domain.periods import parse_period, periods_of
from survey.handlers import answer_lists
from survey.models import AnswerList, AnswerListPart

START = datetime(2026, 10, 30, 2, 0, tzinfo=timezone.utc)  # 09:00 in Vietnam, Q4's first month


def answer(at: datetime, cadre="c1", unit="u1", overall="satisfied", comment=None) -> dict:
    quarter, month = periods_of(at)
    return {"_id": str(uuid.uuid4()), "cadre_id": cadre, "unit_id": unit, "answered_at": at, "month": month,
            "quarter": quarter, "overall": overall, "comment": comment}


class FakeCollection:
    """The commands the lists use, by ``_id`` only, with ``$max`` on ``field.key`` paths."""

    def __init__(self):
        self.docs: dict[str, dict] = {}
        self.filters: list[dict] = []

    def _apply(self, doc_id, update, upsert):
        assert set(update) == {"$max"}
        doc = self.docs.get(doc_id)
        if doc is None and not upsert:
            return None
        doc = self.docs.setdefault(doc_id, {"_id": doc_id})
        for path, value in update["$max"].items():
            field, key = path.split(".", 1)
            held = doc.setdefault(field, {})
            if key not in held or held[key] < value:
                held[key] = value
        return copy.deepcopy(doc)

    def find_one_and_update(self, flt, update, upsert=False, return_document=None):
        self.filters.append(flt)
        return self._apply(flt["_id"], update, upsert)

    def update_one(self, flt, update, upsert=False):
        self.filters.append(flt)
        self._apply(flt["_id"], update, upsert)

    def find_one(self, flt, projection=None):
        self.filters.append(flt)
        return copy.deepcopy(self.docs.get(flt["_id"]))


@pytest.fixture
def store(monkeypatch):
    heads, parts = FakeCollection(), FakeCollection()
    monkeypatch.setattr(AnswerList, "_get_collection", classmethod(lambda cls: heads))
    monkeypatch.setattr(AnswerListPart, "_get_collection", classmethod(lambda cls: parts))
    return heads, parts


def listed(**asked) -> tuple[int, list[str]]:
    query = {"unit_id": None, "cadre_id": None, "period": None, "overall": None, "with_comment": False,
             "skip": 0, "limit": 50, **asked}
    total, rows = answer_lists.page(**query)
    return total, [row.response_id for row in rows]


def test_an_answer_is_filed_under_its_cadre_quarter_unit_month_and_province_quarter_day_hour():
    given = answer(datetime(2026, 12, 31, 18, 30, tzinfo=timezone.utc), comment="Tốt")  # 1 Jan 01:30 in Vietnam
    lists = lists_of(given)
    assert [(list_id, keys) for list_id, keys, _row in lists] == [
        ("cadre:c1", ("2027-Q1",)), ("unit:u1", ("2027-01",)), ("province", ("2027-Q1", "2027-01-01", "2027-01-01T01"))]
    cadre_row = parse_row(given["_id"], lists[0][2])
    assert (cadre_row.state, cadre_row.month, cadre_row.overall, cadre_row.unit_id) == ("c", "2027-01", "satisfied", "u1")
    assert parse_row(given["_id"], lists[2][2]).unit_id is None
    assert parse_row(given["_id"], lists[1][2]).millis == int(given["answered_at"].timestamp() * 1000)


def test_a_summary_counts_by_month_level_and_comment_and_its_stamp_grows_with_every_change():
    rows = {"a": "c|1|2026-10|satisfied", "b": "n|2|2026-10|satisfied", "c": "c|3|2026-11|dissatisfied"}
    first = summary_of(rows)
    wanted = Wanted(parse_period("2026-Q4"), None, True)
    assert wanted.counted(first) == 2
    assert Wanted(parse_period("2026-11"), "dissatisfied").counted(first) == 1
    assert Wanted(parse_period("2026-Q3")).counted(first) == 0
    purged = summary_of({**rows, "a": "n|1|2026-10|satisfied"})
    grown = summary_of({**rows, "d": "c|4|2026-11|satisfied"})
    assert first < purged and first < grown  # ``$max`` keeps the later state
    assert Wanted(with_comment=True).counted(purged) == 1
    both = combined([first, summary_of({"e": "n|5|2026-12|satisfied"})])
    assert Wanted(parse_period("2026-Q4")).counted(both) == 4 and both > combined([first])


def test_a_page_skips_whole_parts_by_their_counts_and_reads_only_the_parts_it_shows():
    parts = {"2026-10-03": {f"x{i}": f"n|{1000 + i}|2026-10|satisfied" for i in range(3)},
             "2026-10-02": {f"y{i}": f"n|{500 + i}|2026-10|satisfied" for i in range(3)},
             "2026-10-01": {f"z{i}": f"n|{100 + i}|2026-10|satisfied" for i in range(3)}}
    counted = children_newest_first("unit:u1", {key: summary_of(rows) for key, rows in parts.items()}, Wanted())
    assert counted == [("unit:u1|2026-10-03", 3), ("unit:u1|2026-10-02", 3), ("unit:u1|2026-10-01", 3)]
    read = []

    def read_part(part, skip, limit):
        read.append(part)
        return fitting_rows(parts[part.split("|")[1]], Wanted())[skip:skip + limit]

    page = page_of(counted, read_part, skip=4, limit=3)
    assert [row.response_id for row in page] == ["y1", "y0", "z2"]
    assert read == ["unit:u1|2026-10-02", "unit:u1|2026-10-01"]


def test_listing_by_cadre_unit_and_province_newest_first_with_filters_and_paging(store):
    answers = [answer(START + timedelta(days=day, minutes=i), cadre=cadre, unit=unit, overall=overall,
                      comment=comment)
               for day, (cadre, unit) in enumerate([("c1", "u1"), ("c2", "u1"), ("c3", "u2")] * 20)
               for i, (overall, comment) in enumerate([("satisfied", None), ("dissatisfied", "Chờ lâu")])]
    answer_lists.file_answers(answers[:70])
    answer_lists.file_answers(answers[70:])  # a second batch
    answer_lists.file_answers([next_year := answer(datetime(2027, 1, 5, 3, tzinfo=timezone.utc), cadre="c3", unit="u2")])
    answers.append(next_year)
    newest_first = sorted(answers, key=lambda a: a["answered_at"], reverse=True)

    def expected(keep):
        return [a["_id"] for a in newest_first if keep(a)]

    assert listed() == (121, expected(lambda a: True)[:50])  # province-wide: every quarter
    assert listed(skip=100, limit=50) == (121, expected(lambda a: True)[100:])
    assert listed(period=parse_period("2027-01")) == (1, [next_year["_id"]])
    assert listed(cadre_id="c2") == (40, expected(lambda a: a["cadre_id"] == "c2"))
    in_u1 = expected(lambda a: a["unit_id"] == "u1")
    assert listed(unit_id="u1", skip=10, limit=20) == (80, in_u1[10:30])
    q4_comments = expected(lambda a: a["quarter"] == "2026-Q4" and a["comment"])
    assert listed(period=parse_period("2026-Q4"), with_comment=True, limit=200) == (len(q4_comments), q4_comments)
    november = expected(lambda a: a["month"] == "2026-11" and a["overall"] == "dissatisfied" and a["unit_id"] == "u2")
    assert listed(unit_id="u2", period=parse_period("2026-11"), overall="dissatisfied") == (len(november), november)
    assert listed(cadre_id="c1", unit_id="u2") == (0, [])  # this cadre never answered for u2
    assert listed(unit_id="u9") == (0, [])


def test_a_cadre_who_moved_is_listed_per_unit_from_their_own_list(store):
    before, after = answer(START, unit="u1"), answer(START + timedelta(days=40), unit="u2")
    answer_lists.file_answers([before, after])
    assert listed(cadre_id="c1") == (2, [after["_id"], before["_id"]])
    assert listed(cadre_id="c1", unit_id="u1") == (1, [before["_id"]])


def test_filing_again_changes_nothing_and_a_removed_comment_stays_removed(store):
    heads, parts = store
    given = answer(START, comment="Cán bộ nhiệt tình")
    answer_lists.file_answers([given])
    snapshot = copy.deepcopy((heads.docs, parts.docs))
    answer_lists.file_answers([given])  # a re-send, or a rebuild
    assert (heads.docs, parts.docs) == snapshot
    answer_lists.file_answers([{**given, "comment": None}])  # the retention purge
    assert listed(with_comment=True) == (0, [])
    answer_lists.file_answers([given])  # a late writer that read the answer before the purge
    assert listed(with_comment=True) == (0, []) and listed() == (1, [given["_id"]])


def test_a_writer_late_with_its_summary_does_not_hide_answers_filed_after_it(store):
    heads, _parts = store
    first, second = answer(START), answer(START + timedelta(minutes=1))
    answer_lists.file_answers([first])
    stale = copy.deepcopy(heads.docs)
    answer_lists.file_answers([second])
    for list_id, head in stale.items():  # the first writer's summaries arrive last
        if "parts" in head:
            heads.update_one({"_id": list_id}, {"$max": {f"parts.{p}": s for p, s in head["parts"].items()}})
    assert listed() == (2, [second["_id"], first["_id"]])


def test_every_command_names_one_document_by_id(store):
    heads, parts = store
    answer_lists.file_answers([answer(START + timedelta(hours=i), cadre=f"c{i % 3}") for i in range(10)])
    listed(unit_id="u1", with_comment=True)
    listed(cadre_id="c1", unit_id="u1")
    assert all(set(flt) == {"_id"} and isinstance(flt["_id"], str) for flt in heads.filters + parts.filters)
