"""The province's SMTP server for notification e-mails: set by a province administrator (stored),
else the ``C360_SMTP_*`` settings; no host means no e-mail. The password is kept for the relay and
never shown: views say only whether one is set."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping

from cadre_shared.errors import ApiError

from ..models.identity import User
from ..models.mail_settings import MailSettings
from ..models.notifications import MailQueue, NotificationItem
from . import id_lists

FAILED_MAILS = "failed"
CLEAR_LOGIN = "Đăng nhập máy chủ thư cần STARTTLS hoặc SSL / signing in to the mail server needs STARTTLS or SSL"


@dataclass(frozen=True)
class SmtpServer:
    host: str | None
    port: int
    security: str  # starttls | ssl | none
    from_address: str | None
    username: str | None
    password: str | None
    source: str  # stored | environment

    @property
    def usable(self) -> bool:
        return bool(self.host and self.from_address)


def current(config: Mapping) -> SmtpServer:
    stored = MailSettings.objects(id="smtp").first()
    if stored is not None:
        return SmtpServer(stored.host, stored.port, stored.security, stored.from_address, stored.username,
                          stored.password, "stored")
    return SmtpServer(config["SMTP_HOST"] or None, int(config["SMTP_PORT"]), config["SMTP_SECURITY"],
                      config["SMTP_FROM"] or None, config["SMTP_USER"] or None, config["SMTP_PASSWORD"] or None,
                      "environment")


def save(data: dict, actor_id: str, config: Mapping) -> SmtpServer:
    """Stores the server; a password left out is kept, ``null`` removes it."""
    before = current(config)
    password = data["password"] if "password" in data else before.password
    if data.get("username") and data["security"] == "none":
        raise ApiError(422, fields={"security": [CLEAR_LOGIN]})
    MailSettings(id="smtp", host=data.get("host"), port=data["port"], security=data["security"],
                 from_address=data.get("from_address"), username=data.get("username"),
                 password=password if data.get("username") else None,
                 updated_at=datetime.now(timezone.utc), updated_by=actor_id).save()
    return current(config)


def view(config: Mapping) -> dict:
    """The settings as an administrator sees them, with how the e-mails are doing."""
    server = current(config)
    return {"host": server.host, "port": server.port, "security": server.security,
            "from_address": server.from_address, "username": server.username,
            "password_set": bool(server.password), "source": server.source, "enabled": server.usable,
            **delivery_status()}


def delivery_status(recent: int = 10) -> dict:
    """Mails waiting, mails given up, and the last ones given up (to whom, why)."""
    queue = MailQueue._get_collection()
    pending = id_lists.ids_in(queue, "pending", "ids")
    failed = id_lists.ids_in(queue, FAILED_MAILS, "ids")
    rows = []
    for doc_id in reversed(failed[-recent:]):
        item = NotificationItem._get_collection().find_one({"_id": doc_id}, {"user_id": 1, "kind": 1, "mail": 1})
        if item is None:
            continue
        user = User.objects(id=item["user_id"]).only("username", "email").first()
        mail = item.get("mail") or {}
        rows.append({"username": user.username if user else None, "email": user.email if user else None,
                     "kind": item["kind"], "attempts": mail.get("attempts", 0), "error": mail.get("last_error"),
                     "failed_at": mail.get("failed_at")})
    return {"pending": len(pending), "failed": len(failed), "recent_failures": rows}
