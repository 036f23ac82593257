"""Cadre360 evaluation service: registry, evaluation periods, scores, classification, risk."""
from __future__ import annotations

from cadre_shared.app_factory import build_app

from .common import settings


def create_app(config: dict | None = None):
    app, api = build_app("evaluation", __name__, config)
    settings.init_app(app)
    from .registry.api import BLUEPRINTS as registry
    from .appraisal.api import BLUEPRINTS as appraisal
    from .risk import api as risk
    from .api import scorecard

    for blueprint in (*registry, *appraisal):
        api.register_blueprint(blueprint)
    api.register_blueprint(risk.blp)
    api.register_blueprint(scorecard.blp)
    return app
