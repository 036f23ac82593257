"""Which service owns which part of the public API."""
from __future__ import annotations

# Longest prefix wins. Paths under /api/v1/ not listed here are answered by the gateway or 404.
ROUTES: list[tuple[str, str]] = [
    ("/api/v1/units", "EVALUATION_URL"),
    ("/api/v1/positions", "EVALUATION_URL"),
    ("/api/v1/cadres", "EVALUATION_URL"),
    ("/api/v1/competencies", "EVALUATION_URL"),
    ("/api/v1/standards", "EVALUATION_URL"),
    ("/api/v1/imports", "EVALUATION_URL"),
    ("/api/v1/periods", "EVALUATION_URL"),
    ("/api/v1/years", "EVALUATION_URL"),
    ("/api/v1/tasks", "EVALUATION_URL"),
    ("/api/v1/ratings", "EVALUATION_URL"),
    ("/api/v1/scoring", "EVALUATION_URL"),
    ("/api/v1/classification", "EVALUATION_URL"),
    ("/api/v1/risk", "EVALUATION_URL"),
    ("/api/v1/scorecard", "EVALUATION_URL"),
    ("/api/v1/settings/classification", "EVALUATION_URL"),  # the other settings are the gateway's own
    ("/api/v1/exports/classification", "EVALUATION_URL"),
    ("/api/v1/succession", "EVALUATION_URL"),
    ("/api/v1/settings/succession", "EVALUATION_URL"),  # the other settings are the gateway's own
    ("/api/v1/exports/scorecard", "EVALUATION_URL"),
    ("/api/v1/exports/satisfaction", "SURVEY_URL"),
    ("/api/v1/kiosk/", "SURVEY_URL"),
    ("/api/v1/satisfaction", "SURVEY_URL"),
    ("/api/v1/surveys", "SURVEY_URL"),
    ("/api/v1/responses", "SURVEY_URL"),
    ("/api/v1/confidence-votes", "SURVEY_URL"),
    ("/api/v1/settings/confidence-votes", "SURVEY_URL"),
    ("/api/v1/reports", "SURVEY_URL"),
    ("/api/v1/courses", "TRAINING_URL"),
    ("/api/v1/training", "TRAINING_URL"),
    ("/api/v1/exports/training-compliance", "TRAINING_URL"),
]
SERVICE_KEYS = {"evaluation": "EVALUATION_URL", "survey": "SURVEY_URL", "training": "TRAINING_URL"}


def owner_of(path: str) -> str | None:
    """The setting holding the owning service's address (``EVALUATION_URL``…) of a public path."""
    best = None
    for prefix, key in ROUTES:
        if (path == prefix.rstrip("/") or path.startswith(prefix.rstrip("/") + "/") or path.startswith(prefix)) \
                and (best is None or len(prefix) > len(best[0])):
            best = (prefix, key)
    return best[1] if best else None


def service_of(path: str) -> str | None:
    """The owning service's name (evaluation, survey, training) of a public path."""
    key = owner_of(path)
    return next((name for name, k in SERVICE_KEYS.items() if k == key), None)
