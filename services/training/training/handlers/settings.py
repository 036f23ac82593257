"""Training settings read once from ``C360_TRAINING_*`` environment variables (data, not code);
a test overrides them through ``create_app({...})``. The worker (consumers, the daily job) has no
app: it reads the same variables."""
from __future__ import annotations

from flask import current_app, has_app_context

from cadre_shared.config import env

from ..domain.compliance import DUE_SOON_DAYS
from ..domain.reminders import NOTICE_DAYS

DEFAULTS = {
    "TRAINING_DUE_SOON_DAYS": str(DUE_SOON_DAYS),  # a requirement due within this many days is "due soon"
    "TRAINING_UPLOAD_MAX_ROWS": "50000",  # data rows in one uploaded file (a school's year of results)
    "TRAINING_UPLOAD_SYNC_ROWS": "5000",  # a file of at most this many rows is answered with its report (201)
    "TRAINING_NOTICE_DAYS": str(NOTICE_DAYS),  # training_due: this many days before a deadline
}


def init_app(app) -> None:
    for key, default in DEFAULTS.items():
        app.config.setdefault(key, env(key, default))


def _setting(key: str) -> int:
    return int(current_app.config[key] if has_app_context() else env(key, DEFAULTS[key]))


def due_soon_days() -> int:
    return _setting("TRAINING_DUE_SOON_DAYS")


def upload_max_rows() -> int:
    return _setting("TRAINING_UPLOAD_MAX_ROWS")


def upload_sync_rows() -> int:
    return _setting("TRAINING_UPLOAD_SYNC_ROWS")


def notice_days() -> int:
    return _setting("TRAINING_NOTICE_DAYS")
