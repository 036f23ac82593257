"""Base marshmallow schema for HTTP input: unknown fields are refused, strings are
plain strings (so NoSQL operators such as ``{"$gt": ""}`` never reach a query)."""
from marshmallow import RAISE, Schema

from . import messages  # noqa: F401  (Vietnamese default messages)


class StrictSchema(Schema):
    error_messages = {"unknown": "Trường không được chấp nhận / unknown field",
                      "type": "Dữ liệu phải là đối tượng JSON / invalid input type"}

    class Meta:
        unknown = RAISE
        ordered = True
