"""The survey's part of the retention table (cadre_shared.retention): citizens' comments and decided
suspect cases past their periods are removed; answers and their counts stay.

Both filters read the whole collection on the embedded store (no ``_id`` filter): this runs once a day,
in the worker, never on a request. The answers whose comments go are filed again in HR's lists, without
their comments (``answer_lists``), before the comments are removed."""
from __future__ import annotations

from datetime import date

from cadre_shared.retention import cutoff

from ..models import Response, SuspectCase
from . import answer_lists, figures


def purge(day: date) -> dict:
    comments_before, cases_before = cutoff("survey_comments", day), cutoff("suspect_cases", day)
    aged = {"received_at": {"$lt": comments_before}, "comment": {"$nin": [None, ""]}}
    # HR's lists first learn the comments are gone (a crash between leaves them to the next day's purge)
    answer_lists.file_in_batches({**answer, "comment": None} for answer in answer_lists.stored_answers(aged))
    comments = Response._get_collection().update_many(aged, {"$set": {"comment": None}})
    held = SuspectCase._get_collection().update_many(
        {"answered_at": {"$lt": comments_before}, "comment": {"$nin": [None, ""]}}, {"$set": {"comment": None}})
    cases = 0
    for case in SuspectCase._get_collection().find(
            {"status": {"$in": ["cleared", "rejected"]}, "decided_at": {"$lt": cases_before}}, {"outbox": 1}):
        if not case.get("outbox"):  # an event not yet published goes out first
            cases += SuspectCase._get_collection().delete_one({"_id": case["_id"]}).deleted_count
    if cases:
        figures.moved()
    return {"comments_removed": comments.modified_count + held.modified_count, "suspect_cases_removed": cases}
