"""Cadre360 evaluation service: registry, evaluation periods, scores, classification, risk."""
from __future__ import annotations

from cadre_shared.app_factory import build_app

from .common import settings


def create_app(config: dict | None = None):
    app, api = build_app("evaluation", __name__, config)
    settings.init_app(app)
    from .registry.api import BLUEPRINTS as registry
    from .api.satisfaction import blp as satisfaction
    from .api.scoring import blp as scoring
    from .api import periods, ratings, scores, tasks
    from .api import risk, scorecard

    for blueprint in registry:
        api.register_blueprint(blueprint)
    api.register_blueprint(satisfaction)
    api.register_blueprint(scoring)
    for module in (periods, tasks, ratings, scores):
        api.register_blueprint(module.blp)
    api.register_blueprint(risk.blp)
    api.register_blueprint(scorecard.blp)
    return app
