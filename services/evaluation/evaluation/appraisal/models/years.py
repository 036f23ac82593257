"""The year-end close (PRODUCT.md §3.2): one document per year (``_id`` the year code, "2026") with
its state, the event that starts its job (``year.closing_requested``) and the job's progress, which
the year page polls; and each cadre's year-end result, ``_id`` ``"{year}|{cadre_id}"``, written once
by the job and read by ``_id``. The unit's proposal, decisions and approval are the period's own
``Classification`` documents, keyed by the year code instead of a period code."""
from __future__ import annotations

from mongoengine import BooleanField, DateTimeField, DictField, Document, FloatField, IntField, ListField, StringField

from cadre_shared.outbox import OutboxDocument

from ...common.ids import utcnow


def year_result_id(year: int | str, cadre_id: str) -> str:
    return f"{year}|{cadre_id}"


class EvaluationYear(OutboxDocument):
    meta = {"collection": "evaluation_years", "strict": False}
    id = StringField(primary_key=True)          # the year code, "2026"
    year = IntField(required=True)
    status = StringField(required=True, default="open", choices=("open", "closing", "closed"))
    open_quarters = ListField(IntField())       # quarters not closed when HR confirmed the close anyway
    closed_by = StringField(null=True)
    closed_at = DateTimeField(null=True)
    results = IntField(null=True)               # year-end results made
    job = DictField(null=True)                  # {id, kind, status, done, total, …} as a period's
    created_at = DateTimeField(default=utcnow)


class YearResultDoc(Document):
    meta = {"collection": "year_results", "strict": False,
            "indexes": [("year", "unit_id"), "cadre_id"]}  # MongoDB in production; reads here go by _id
    id = StringField(primary_key=True)          # year_result_id(year, cadre_id)
    year = IntField(required=True)
    cadre_id = StringField(required=True)
    unit_id = StringField(required=True)        # where the cadre serves at the close (their proposal's unit)
    position_code = StringField(null=True)
    task_group = StringField(null=True)
    is_leader = BooleanField(default=False)
    periods = ListField(DictField())            # {code, unit_id, total}: the periods used, oldest first
    quarters = ListField(DictField())           # {quarter, total, periods}
    mean = FloatField(required=True)            # unrounded: classification uses it as it is
    level = StringField(required=True)
    override = StringField(null=True)
    percentile = FloatField(null=True)
    compared_with = IntField(null=True)
    computed_at = DateTimeField(default=utcnow)
