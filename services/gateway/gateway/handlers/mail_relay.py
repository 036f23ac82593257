"""The gateway's relay: it sends the notification e-mails the inbox queued (``MailQueue`` "pending").

Run as ``python -m cadre_shared.workers gateway relay`` (the gateway's outbox holds mails, not
events). A mail server that is down delays mails, never the inbox: each mail is tried again with
growing waits (``domain/mail_policy.py``) and, past the bound, given up — marked on its item, listed
in ``MailQueue`` "failed", shown on the mail settings page and logged as an error. Run one relay
(two would send a mail twice)."""
from __future__ import annotations

import logging
import signal
import smtplib
import ssl
import threading
from datetime import datetime, timezone
from typing import Callable, MutableMapping

from pymongo.errors import PyMongoError

from ..domain.mail_policy import RetryPolicy, compose, is_permanent
from ..domain.notification_texts import N_, render
from ..models.identity import User
from ..models.notifications import MailQueue, NotificationItem
from . import id_lists, settings
from .inbox import PENDING_MAILS
from .mail_settings import FAILED_MAILS, SmtpServer, current
from .translations import translator

log = logging.getLogger(__name__)
FOOTER = N_("Thư tự động của Cadre360 — vui lòng không trả lời thư này.")
NO_SERVER = "no SMTP server is configured"
NO_ADDRESS = "the account has no e-mail address or is disabled"


def send_smtp(server: SmtpServer, message, timeout: float = 20.0) -> None:
    """Hands one message to the SMTP server (STARTTLS or SSL with certificate checks when asked)."""
    context = ssl.create_default_context()
    if server.security == "ssl":
        client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=timeout)
    with client:
        if server.security == "starttls":
            client.starttls(context=context)
        if server.username:
            client.login(server.username, server.password or "")
        client.send_message(message)


def _smtp_code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return next(iter(exc.recipients.values()))[0] if exc.recipients else None
    return getattr(exc, "smtp_code", None)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class MailRelay:
    def __init__(self, config: MutableMapping, sender: Callable = send_smtp, clock: Callable[[], datetime] = _now,
                 idle_s: float = 1.0):
        self.config = config
        self.sender = sender
        self.clock = clock
        self.idle_s = idle_s
        self.policy = RetryPolicy(int(config["MAIL_MAX_ATTEMPTS"]), float(config["MAIL_FIRST_RETRY_SECONDS"]),
                                  float(config["MAIL_MAX_RETRY_SECONDS"]))
        self._not_before: dict[str, datetime] = {}  # items known to wait: not read again before then
        self._stop = threading.Event()

    def stop(self, *_args) -> None:
        self._stop.set()

    def deliver_due(self) -> int:
        """One pass over the queued mails; returns how many were sent or given up."""
        queue = MailQueue._get_collection()
        ids = id_lists.ids_in(queue, PENDING_MAILS, "ids")
        if not ids:
            return 0
        server, now, done = current(self.config), self.clock(), 0
        for doc_id in ids:
            if self._not_before.get(doc_id, now) > now:
                continue
            done += self._deliver(doc_id, server, now)
        return done

    def _deliver(self, doc_id: str, server: SmtpServer, now: datetime) -> int:
        items, queue = NotificationItem._get_collection(), MailQueue._get_collection()
        item = items.find_one({"_id": doc_id})
        mail = (item or {}).get("mail") or {}
        if mail.get("state") != "pending":  # sent or given up already (a replayed event queued it again)
            id_lists.remove(queue, PENDING_MAILS, doc_id, "ids")
            return 0
        due = mail.get("next_try_at")
        due = due.replace(tzinfo=due.tzinfo or timezone.utc) if due is not None else None
        if due is not None and due > now:
            self._not_before[doc_id] = due
            return 0
        user = User.objects(id=item["user_id"]).first()
        if not server.usable:
            return self._give_up(doc_id, mail, NO_SERVER, now)
        if user is None or not user.active or not user.email:
            return self._give_up(doc_id, mail, NO_ADDRESS, now)
        translate = translator(user.language or "vi")
        title, body = render(item["kind"], item.get("params") or {}, translate)
        message = compose(sender=server.from_address, to=user.email, subject=title, body=body,
                          link=self.config["PUBLIC_URL"].rstrip("/") + item["link"], footer=translate(FOOTER))
        try:
            self.sender(server, message)
        except (OSError, smtplib.SMTPException) as exc:
            return self._failed(doc_id, mail, exc, now)
        items.update_one({"_id": doc_id}, {"$set": {"mail.state": "sent", "mail.sent_at": now,
                                                    "mail.attempts": mail.get("attempts", 0) + 1}})
        id_lists.remove(queue, PENDING_MAILS, doc_id, "ids")
        self._not_before.pop(doc_id, None)
        return 1

    def _failed(self, doc_id: str, mail: dict, exc: Exception, now: datetime) -> int:
        attempts = mail.get("attempts", 0) + 1
        error = f"{exc.__class__.__name__}: {exc}"[:300]
        later = None if is_permanent(_smtp_code(exc)) else self.policy.next_try(attempts, now)
        if later is None:
            return self._give_up(doc_id, {**mail, "attempts": attempts}, error, now)
        NotificationItem._get_collection().update_one({"_id": doc_id}, {"$set": {
            "mail.attempts": attempts, "mail.next_try_at": later, "mail.last_error": error}})
        self._not_before[doc_id] = later
        log.warning("notification mail %s not sent (attempt %d, %s); next try at %s", doc_id, attempts, error,
                    later.isoformat(timespec="seconds"))
        return 0

    def _give_up(self, doc_id: str, mail: dict, error: str, now: datetime) -> int:
        queue = MailQueue._get_collection()
        NotificationItem._get_collection().update_one({"_id": doc_id}, {"$set": {
            "mail.state": "failed", "mail.attempts": mail.get("attempts", 0), "mail.last_error": error,
            "mail.failed_at": now}})
        id_lists.add(queue, FAILED_MAILS, doc_id, "ids")
        id_lists.remove(queue, PENDING_MAILS, doc_id, "ids")
        self._not_before.pop(doc_id, None)
        log.error("notification mail %s given up after %d attempt(s): %s", doc_id, mail.get("attempts", 0), error)
        return 1

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        backoff = 0.5
        log.info("notification mail relay started")
        while not self._stop.is_set():
            try:
                busy = self.deliver_due()
                backoff = 0.5
                self._stop.wait(0 if busy else self.idle_s)
            except PyMongoError as exc:
                log.warning("mail relay: store unavailable (%s), retrying in %.1fs", exc.__class__.__name__, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 10.0)
        log.info("notification mail relay stopped")


def make_relay(cfg: MutableMapping) -> MailRelay:
    """The gateway's relay for ``cadre_shared.workers``: the gateway's settings on top of the shared ones."""
    settings.load(cfg)
    return MailRelay(cfg)
