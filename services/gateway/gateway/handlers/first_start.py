"""First-start setup: the audit trail's tip and the administrator account."""
from __future__ import annotations

import logging
import threading
import time

from mongoengine.errors import NotUniqueError
from pymongo.errors import PyMongoError

from cadre_shared.health import add_ready_check

from ..auth.keys import audit_key
from ..domain.passwords import hash_password, verify_password
from ..models.identity import User
from . import audit_trail, recipient_index

log = logging.getLogger(__name__)


def ensure_admin(password: str | None) -> None:
    """Create ``admin`` (province_admin) with ``password``; align its password when the env var changes."""
    if not password:
        return
    user = User.objects(username="admin").first()
    if user is None:
        try:
            admin = User(username="admin", password_hash=hash_password(password), role="province_admin",
                         full_name="Quản trị hệ thống").save(force_insert=True)
        except NotUniqueError:
            return  # another worker created it first
        recipient_index.list_user(admin)
    elif not verify_password(user.password_hash, password):
        user.update(set__password_hash=hash_password(password))


def first_start(app, retry_every: float = 2.0) -> None:
    """Creates the audit trail's tip and the admin account. When the store does not answer at
    boot, the gateway starts anyway (its pages, and the kiosk page a tablet reloads, are served)
    and keeps trying in the background; until it succeeds /readyz says what is pending."""
    password = app.config["ADMIN_PASSWORD"]

    def attempt() -> bool:
        try:
            audit_trail.ensure_tip(audit_key(app.config))
            ensure_admin(password)
            return True
        except PyMongoError as exc:
            log.warning("first-start setup waits for the store: %s", exc.__class__.__name__)
            return False

    if attempt():
        return
    done = threading.Event()
    add_ready_check(app, lambda: None if done.is_set() else "first-start setup (audit tip, admin account) "
                                                             "waits for the store")

    def keep_trying():
        while not attempt():
            time.sleep(retry_every)
        done.set()
        log.info("first-start setup done")

    threading.Thread(target=keep_trying, name="first-start", daemon=True).start()
