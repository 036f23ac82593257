"""What people's scrutiny found about a cadre (giám sát của Nhân dân), as the survey service reports
it: citizens' reports the inspection concluded (``survey.reports.v1``) and the results of the
People's Council's confidence votes (``survey.confidence.v1``). A read copy, one document per cadre
keyed by the cadre id, each fact under its own key (report id, vote id): a redelivered event sets the
same value again, and every read is by ``_id``."""
from __future__ import annotations

from mongoengine import DictField, Document, StringField


class ScrutinyRecord(Document):
    meta = {"collection": "scrutiny_records"}
    id = StringField(primary_key=True)  # the cadre id
    reports = DictField()  # report id → {substantiated, happened_on, received_on, concluded_on} (ISO dates)
    votes = DictField()    # vote id → {year, ballots, high, medium, low, low_share, outcome, closed_on}
