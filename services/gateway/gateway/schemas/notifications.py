"""HTTP contracts of the signed-in user's notifications (PRODUCT.md §6)."""
from marshmallow import fields, validate

from cadre_shared.contracts.notifications import KINDS
from cadre_shared.schema_base import StrictSchema


class NotificationQuery(StrictSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class NotificationOut(StrictSchema):
    id = fields.String()
    kind = fields.String(validate=validate.OneOf(KINDS))
    title = fields.String()
    body = fields.String()
    link = fields.String(metadata={"description": "địa chỉ trong giao diện web / a path of the web UI"})
    created_at = fields.DateTime()
    read = fields.Boolean()


class NotificationPage(StrictSchema):
    """Newest first; the header ``X-Total-Count`` gives how many the inbox holds."""
    items = fields.List(fields.Nested(NotificationOut))
    unread = fields.Integer()


class UnreadOut(StrictSchema):
    unread = fields.Integer()
