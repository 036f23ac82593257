"""Cadre360 training service: courses, role-based requirements, results, uploads, compliance."""
from __future__ import annotations

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("training", __name__, config)
    from .api.courses import blp as courses
    from .api.exports import blp as exports
    from .api.requirements import blp as requirements
    from .api.standing import blp as standing
    from .api.uploads import blp as uploads
    from .handlers import seeding, settings

    settings.init_app(app)
    seeding.init_app(app)
    for blueprint in (courses, requirements, uploads, standing, exports):
        api.register_blueprint(blueprint)
    return app
