"""First-start setup: the demo administrator account."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mongoengine.errors import NotUniqueError

from .domain.passwords import hash_password, verify_password
from .models.identity import User

log = logging.getLogger(__name__)


def ensure_admin(password: str | None) -> None:
    """Create ``admin`` (province_admin) with ``password``; align its password when the env var changes."""
    if not password:
        return
    user = User.objects(username="admin").first()
    if user is None:
        try:
            User(username="admin", password_hash=hash_password(password), role="province_admin",
                 full_name="Quản trị hệ thống").save(force_insert=True)
        except NotUniqueError:
            pass  # another worker created it first
    elif not verify_password(user.password_hash, password):
        user.update(set__password_hash=hash_password(password))


def admin_password_from_env() -> str | None:
    if os.environ.get("ADMIN_PASSWORD"):
        return os.environ["ADMIN_PASSWORD"]
    path = os.environ.get("ADMIN_PASSWORD_FILE")
    if path and Path(path).is_file():
        return Path(path).read_text().strip() or None
    return None
