"""The province's SMTP server for notification e-mails (one document, ``_id`` "smtp"). The
password is kept for the mail relay and is never returned by the API nor written to the audit."""
from __future__ import annotations

from mongoengine import DateTimeField, Document, IntField, StringField


class MailSettings(Document):
    meta = {"collection": "mail_settings"}
    id = StringField(primary_key=True, default="smtp")
    host = StringField(null=True)  # empty: no e-mail
    port = IntField(required=True)
    security = StringField(required=True, choices=("starttls", "ssl", "none"))
    from_address = StringField(null=True)
    username = StringField(null=True)
    password = StringField(null=True)
    updated_at = DateTimeField(required=True)
    updated_by = StringField(required=True)
