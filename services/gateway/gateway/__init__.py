"""Cadre360 gateway: identity, the public API (routing to the services), the HR web UI and kiosk page, audit."""
from __future__ import annotations

from flask import g, jsonify

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("gateway", __name__, config)
    from .handlers import settings

    settings.init_app(app)
    from .audit import hook as audit_hook
    from .auth import keys
    from .api.api_keys import blp as api_keys
    from .api.audit import blp as audit
    from .api.auth import blp as auth
    from .api.kiosks import blp as kiosks, device as kiosk_device
    from .api.notifications import blp as notifications
    from .api.docs import blueprint as docs
    from .api.proxy import blueprint as proxy
    from .api.users import blp as users
    from .handlers import audit_verification
    from .handlers.first_start import first_start
    from .routing.openapi import merged_spec
    from .ui import init_app as init_ui

    app.config["JWT_PUBLIC_KEY"] = keys.public_key(app.config)
    app.extensions["c360_api"] = api
    for blueprint in (auth, users, audit, notifications, api_keys):
        api.register_blueprint(blueprint)
    api.register_blueprint(kiosks)
    app.register_blueprint(kiosk_device)
    app.register_blueprint(proxy)
    app.register_blueprint(docs)
    init_ui(app)
    audit_hook.init_app(app)
    app.view_functions["api-docs.openapi_json"] = lambda: jsonify(merged_spec(api))

    @app.after_request
    def _retry_after(response):
        if g.get("retry_after"):
            response.headers["Retry-After"] = str(g.retry_after)
        return response

    first_start(app)
    audit_verification.init_app(app, keys.audit_key(app.config))
    return app
