"""Cadre360 evaluation service, by bounded context: the registry (units, positions and standards,
competencies, cadres' dossiers, gaps), the appraisal (periods, tasks, 360 ratings, scores and
classification), the early warning (risk), the resolution targets scorecard and succession planning;
``common`` holds the plumbing they share."""
from __future__ import annotations

from cadre_shared.app_factory import build_app

from .common import settings


def create_app(config: dict | None = None):
    # The views are imported here, not with the package: the relay and consumer processes import
    # evaluation.models and evaluation.consumers and need neither the views nor scikit-learn.
    from .appraisal.api import BLUEPRINTS as appraisal
    from .registry.api import BLUEPRINTS as registry
    from .risk.api import blp as risk
    from .scorecard.api import blp as scorecard
    from .scorecard.api import exports as scorecard_exports
    from .succession.api import BLUEPRINTS as succession

    app, api = build_app("evaluation", __name__, config)
    settings.init_app(app)
    for blueprint in (*registry, *appraisal, risk, scorecard, scorecard_exports, *succession):
        api.register_blueprint(blueprint)
    return app
