"""Storage of the gateway: identity and the audit trail."""

from .identity import User

OUTBOX_DOCUMENTS: list = []
