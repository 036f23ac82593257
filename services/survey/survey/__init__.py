"""Cadre360 survey service: survey forms, kiosks, citizen responses, satisfaction indices."""
from __future__ import annotations

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("survey", __name__, config)
    return app
