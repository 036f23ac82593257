"""Cadre360 gateway: identity, the public API (routing to the services), the HR web UI and kiosk page, audit."""
from __future__ import annotations

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("gateway", __name__, config)
    from .api.auth import blp as auth
    from .api.proxy import blueprint as proxy
    from .bootstrap import admin_password_from_env, ensure_admin

    api.register_blueprint(auth)
    app.register_blueprint(proxy)
    ensure_admin(app.config.get("ADMIN_PASSWORD") or admin_password_from_env())
    return app
