"""Storage of the gateway: identity, sessions, sign-in throttling and the audit trail."""

from .audit import AuditRecord, AuditTip
from .identity import User
from .sessions import AuthSession
from .throttle import SignInCounter

OUTBOX_DOCUMENTS: list = []
