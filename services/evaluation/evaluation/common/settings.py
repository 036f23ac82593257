"""Settings of the evaluation service, read once from ``C360_EVALUATION_*`` environment variables
when the app is made (a test passes its own in ``create_app(config)``): data, not code."""
from __future__ import annotations

from fractions import Fraction

from flask import current_app, has_app_context

from cadre_shared.config import env

DEFAULTS = {
    "EVALUATION_IMPORT_MAX_ROWS": "10000",   # data rows one cadre-list file may hold
    "EVALUATION_EXCELLENT_RATIO": "1/5",     # at most this share of "good" may be "excellent" (Decree 335)
    "EVALUATION_REPORT_DEDUCTION": "2",      # points of the 0–10 integrity group per substantiated report
}
PARSERS = {"EVALUATION_IMPORT_MAX_ROWS": int, "EVALUATION_EXCELLENT_RATIO": Fraction,
           "EVALUATION_REPORT_DEDUCTION": float}


def init_app(app) -> None:
    """Each setting from the app's config, else the environment, else its default; a malformed
    value stops the service at start rather than at the first request that needs it."""
    for key, default in DEFAULTS.items():
        app.config[key] = PARSERS[key](str(app.config.get(key) or env(key, default)))


def _setting(key: str):
    """The app's value; a worker process (relay, consumers) has no app and reads the environment."""
    if has_app_context():
        return current_app.config[key]
    return PARSERS[key](str(env(key, DEFAULTS[key])))


def import_max_rows() -> int:
    return _setting("EVALUATION_IMPORT_MAX_ROWS")


def excellent_ratio() -> Fraction:
    return _setting("EVALUATION_EXCELLENT_RATIO")


def report_deduction() -> float:
    """Points of the integrity group per substantiated report; a consumer worker scoring a unit reads it too."""
    return _setting("EVALUATION_REPORT_DEDUCTION")
