"""Cadre360 survey service: survey forms, kiosks, citizen responses, satisfaction indices,
confidence votes and citizens' reports."""
from __future__ import annotations

from cadre_shared.app_factory import build_app


def create_app(config: dict | None = None):
    app, api = build_app("survey", __name__, config)
    from .api.exports import blp as exports
    from .api.forms import blp as forms
    from .api.kiosk import blp as kiosk
    from .api.responses import blp as responses
    from .api.reports import blp as reports
    from .api.satisfaction import blp as satisfaction
    from .api.votes import blp as votes, settings_blp as vote_settings
    from .handlers import settings

    settings.init_app(app)
    for blueprint in (kiosk, satisfaction, responses, forms, votes, vote_settings, reports, exports):
        api.register_blueprint(blueprint)
    if app.config["SURVEY_SEEDING_DOOR"] == "1":  # the demo's door for past answers (api/seeding.py)
        from .api.seeding import blp as seeding
        api.register_blueprint(seeding)
    return app
