"""Storage of the gateway: identity, sessions, sign-in throttling, the audit trail, notifications, API keys."""
from .api_keys import ApiKey

from .audit import AuditRecord, AuditTip
from .identity import User
from .mail_settings import MailSettings
from .notifications import Inbox, InboxPage, MailQueue, NotificationItem, RecipientIndex
from .public_limits import PublicWindow
from .sessions import AuthSession
from .throttle import SignInCounter

OUTBOX_DOCUMENTS: list = []  # the gateway publishes no events
RELAY = "gateway.handlers.mail_relay:make_relay"  # its relay delivers the notification e-mails instead
