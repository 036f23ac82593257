"""Citizens' reports about an official's conduct. The reporter's contact details, when given, are
stored sealed (AES-GCM, handlers.keys) and opened only for the inspection. A report is never deleted:
it is received, then concluded once, with the conclusion's event in its outbox."""
from __future__ import annotations

from datetime import datetime, timezone

from mongoengine import BooleanField, DateTimeField, DictField, StringField

from cadre_shared.outbox import OutboxDocument


def _now():
    return datetime.now(timezone.utc)


class CitizenReport(OutboxDocument):
    meta = {"collection": "citizen_reports", "indexes": ["status", "cadre_id", "unit_id", "-received_at"]}
    id = StringField(primary_key=True)  # the reference (domain.reports.new_reference)
    cadre_id = StringField(required=True)
    cadre_name = StringField(null=True)
    unit_id = StringField(required=True)
    unit_name = StringField(null=True)
    what = StringField(required=True)
    where = StringField(null=True)
    happened_on = StringField(null=True)  # ISO date
    channel = StringField(required=True, choices=("web", "kiosk", "receipt"))
    contact_sealed = StringField(null=True)
    has_contact = BooleanField(default=False)
    status = StringField(required=True, choices=("received", "concluded"), default="received")
    received_at = DateTimeField(default=_now)
    conclusion = DictField(null=True)  # {substantiated, note, by, at}
