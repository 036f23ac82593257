"""Training settings read once from ``C360_TRAINING_*`` environment variables (data, not code);
a test overrides them through ``create_app({...})``."""
from __future__ import annotations

from flask import current_app

from cadre_shared.config import env

from ..domain.compliance import DUE_SOON_DAYS

DEFAULTS = {
    "TRAINING_DUE_SOON_DAYS": str(DUE_SOON_DAYS),  # a requirement due within this many days is "due soon"
    "TRAINING_UPLOAD_MAX_ROWS": "50000",  # data rows in one uploaded file (a school's year of results)
}


def init_app(app) -> None:
    for key, default in DEFAULTS.items():
        app.config.setdefault(key, env(key, default))


def due_soon_days() -> int:
    return int(current_app.config["TRAINING_DUE_SOON_DAYS"])


def upload_max_rows() -> int:
    return int(current_app.config["TRAINING_UPLOAD_MAX_ROWS"])
