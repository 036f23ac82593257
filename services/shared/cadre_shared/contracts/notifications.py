"""Contract of ``notification.requested``: a service asks that people be told something.

Services decide WHEN someone must be told (their business rules); the gateway decides WHO that is
(users, roles, unit scopes), keeps each user's inbox and delivers it (web, e-mail). The payload
names recipients by what the service knows (cadres, units, roles), never by user account, and
carries values, never UI texts: the gateway renders each ``kind`` in the reader's language.

Each producer publishes on its own topic, ``<producer>.notifications.v1``, keyed by the cadre the
notification is about, else the unit. Build and stage one with ``cadre_shared.notify``.
"""
import math

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from .registry import Contract, register

# Adding a kind = adding it here and its texts in the gateway (gateway/domain/notification_texts.py).
KINDS = ("rating_requested", "rating_reminder", "classification_published", "risk_flag_raised", "training_due",
         "report_received", "confidence_outcome")
PRODUCERS = ("evaluation", "training", "survey")
PROVINCE_ROLES = ("province_admin", "auditor", "inspector", "training_school")  # ``roles``: every such user
UNIT_ROLES = ("unit_hr", "cadre")  # ``unit_roles``: such users scoped to the unit
MAX_PARAMS = 30
MAX_CADRES = 2000


class ParamValue(fields.Field):
    """A text (up to 500 characters) or a finite number: what a text template can show."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) <= 500:
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return value
        raise ValidationError("a text of at most 500 characters or a finite number")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class UnitRoleV1(_Strict):
    unit_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    role = fields.String(required=True, validate=validate.OneOf(UNIT_ROLES))


class RecipientsV1(_Strict):
    cadre_ids = fields.List(fields.String(validate=validate.Length(min=1, max=64)),
                            validate=validate.Length(max=MAX_CADRES))
    unit_roles = fields.List(fields.Nested(UnitRoleV1), validate=validate.Length(max=500))
    roles = fields.List(fields.String(validate=validate.OneOf(PROVINCE_ROLES)))

    @validates_schema
    def _someone(self, data, **_kwargs):
        if not any(data.get(name) for name in ("cadre_ids", "unit_roles", "roles")):
            raise ValidationError("name at least one cadre, unit role or role")


class NotificationRequestedV1(_Strict):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    recipients = fields.Nested(RecipientsV1, required=True)
    params = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[a-z][a-z0-9_]{0,39}$")),
                         values=ParamValue(), required=True, validate=validate.Length(max=MAX_PARAMS))
    # a path of this site only: the gateway's web UI opens it (never another site)
    link = fields.String(required=True, validate=validate.Regexp(r"^/(?![/\\])[^\s\\]{0,499}$"))
    # one inbox item per user and key: a re-sent or replayed event changes nothing
    dedupe_key = fields.String(required=True, validate=validate.Length(min=1, max=200))


TOPIC_TEMPLATE = "{producer}.notifications.v1"
register(Contract("notification.requested", 1, TOPIC_TEMPLATE, NotificationRequestedV1, [
    {"kind": "rating_requested", "recipients": {"cadre_ids": ["c-7"]},
     "params": {"period": "2026-Q4", "count": 4, "due_on": "2026-12-10"},
     "link": "/ratings?period=2026-Q4", "dedupe_key": "rating_requested|p-2026-Q4|c-7"},
    {"kind": "risk_flag_raised", "recipients": {"unit_roles": [{"unit_id": "u-1", "role": "unit_hr"}],
                                                "roles": ["province_admin"]},
     "params": {"cadre_name": "Nguyễn Thị Hoa", "unit_name": "Xã Tân Lập", "light": "red"},
     "link": "/risk?unit_id=u-1", "dedupe_key": "risk_flag_raised|f-31"},
    {"kind": "training_due", "recipients": {"cadre_ids": ["c-7"], "unit_roles": [{"unit_id": "u-1",
                                                                                  "role": "unit_hr"}]},
     "params": {"cadre_name": "Nguyễn Thị Hoa", "course": "Bồi dưỡng kỹ năng số", "due_on": "2027-01-15"},
     "link": "/training/compliance?unit_id=u-1", "dedupe_key": "training_due|c-7|BD-CDS-01|2027-01-15"},
    {"kind": "classification_published", "recipients": {"unit_roles": [{"unit_id": "u-1", "role": "cadre"}]},
     "params": {"period": "2026-Q4", "unit_name": "Xã Tân Lập"},
     "link": "/me?period=2026-Q4", "dedupe_key": "classification_published|p-2026-Q4|u-1"},
], producers=PRODUCERS))
