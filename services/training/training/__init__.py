"""Cadre360 training service: courses, role-based requirements, results, uploads, compliance."""
from __future__ import annotations

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("training", __name__, config)
    return app
