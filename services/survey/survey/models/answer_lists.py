"""The lists HR pages citizens' answers through (``domain.answer_lists``): documents read and written by
``_id`` only, so a listing never reads the ever-growing ``responses`` collection. They need no index
beyond ``_id``, on the embedded store and on MongoDB alike."""
from __future__ import annotations

from mongoengine import DictField, Document, StringField


class AnswerList(Document):
    """The head of one list: ``_id`` ``cadre:<id>``, ``unit:<id>`` or ``province``; ``parts`` maps each part
    (a quarter, month or day) to the summary of its rows."""

    meta = {"collection": "answer_lists"}
    id = StringField(primary_key=True)
    parts = DictField()


class AnswerListPart(Document):
    """One part of a list: ``_id`` ``<list id>|<part>``; ``rows`` maps each answer id to its row."""

    meta = {"collection": "answer_list_parts"}
    id = StringField(primary_key=True)
    rows = DictField()
