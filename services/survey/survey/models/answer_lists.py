"""The lists HR pages citizens' answers through (``domain.answer_lists``): documents read and written by
``_id`` only, so a listing never reads the ever-growing ``responses`` collection. They need no index
beyond ``_id``, on the embedded store and on MongoDB alike."""
from __future__ import annotations

from mongoengine import DictField, Document, StringField


class AnswerList(Document):
    """A node of a list: its top (``_id`` ``cadre:<id>``, ``unit:<id>`` or ``province``) or, in the province's,
    a quarter's or a day's (``province|2026-Q4``, ``province|2026-11-07``); ``parts`` maps each child's key
    (a quarter, month, day or hour) to the summary of the rows beneath it."""

    meta = {"collection": "answer_lists"}
    id = StringField(primary_key=True)
    parts = DictField()


class AnswerListPart(Document):
    """One part of a list: ``_id`` ``<list>|<key>`` (``cadre:<id>|2026-Q4``, ``unit:<id>|2026-11``,
    ``province|2026-11-07T09``); ``rows`` maps each answer id to its row."""

    meta = {"collection": "answer_list_parts"}
    id = StringField(primary_key=True)
    rows = DictField()
