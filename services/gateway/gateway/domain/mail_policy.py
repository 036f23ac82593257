"""When a notification e-mail is tried again, when it is given up, and what it looks like.

A mail server that does not answer (or answers 4xx) is tried again later, each wait twice the one
before up to a cap; after ``max_attempts`` the mail is given up and shown as failed. A server
that refuses for good (5xx: unknown recipient, refused sender) is not asked again."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 12
    first_wait_s: float = 5.0
    max_wait_s: float = 3600.0

    def next_try(self, attempts: int, now: datetime) -> datetime | None:
        """After ``attempts`` failed tries: when to try again, or None to give up."""
        if attempts >= self.max_attempts:
            return None
        return now + timedelta(seconds=min(self.first_wait_s * 2 ** (attempts - 1), self.max_wait_s))


def is_permanent(smtp_code: int | None) -> bool:
    """An SMTP reply code that asking again cannot change (5xx)."""
    return smtp_code is not None and 500 <= smtp_code < 600


def compose(*, sender: str, to: str, subject: str, body: str, link: str, footer: str) -> EmailMessage:
    """A plain-text UTF-8 message; non-ASCII headers (a Vietnamese subject) are encoded by the
    standard library as RFC 2047 words."""
    message = EmailMessage()
    message["From"] = formataddr(("Cadre360", sender))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(f"{body}\n\n{link}\n\n-- \n{footer}\n", charset="utf-8")
    return message
