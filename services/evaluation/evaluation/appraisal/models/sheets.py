"""A cadre's sheet of one period (phiếu kỳ đánh giá): the output tasks assigned to them, the 360
ratings they gave, and HR's record of their criteria đ and e when they lead. One document per
(period, cadre), read and written by its ``_id``: closing a period reads each cadre's sheet once,
and a cadre's /ratings page reads only their own.

The ratings a cadre gives live in the rater's sheet (``given``: ratee id → answer), not the
ratee's: only the rater writes them, so on a store whose update is read-then-write (FerretDB v1)
two colleagues rating the same person at once cannot overwrite each other. Tasks are written by
the unit's HR (and their evidence by the cadre too); both are rare next to the ratings.

Stored as plain values (dates as ISO text) and read with the driver, not as mongoengine objects:
closing reads ten thousand of them and object building would cost more than the store.
"""
from __future__ import annotations

from mongoengine import DictField, Document, StringField



def sheet_id(period: str, cadre_id: str) -> str:
    return f"{period}|{cadre_id}"


class Sheet(Document):
    meta = {"collection": "appraisal_sheets", "strict": False,
            # MongoDB in production: a unit's sheets of a period (the embedded store reads them by _id)
            "indexes": [("period", "unit_id")]}
    id = StringField(primary_key=True)         # sheet_id(period, cadre_id)
    period = StringField(required=True)
    cadre_id = StringField(required=True)
    unit_id = StringField(required=True)       # the cadre's unit at the sheet's last write
    tasks = DictField()                        # task key → the task (see handlers.tasks.TASK_FIELDS)
    given = DictField()                        # ratee id → {group, service, coordination, discipline, …}
    leader = DictField(null=True)              # đ and e as HR recorded them, with reasons
