"""Succession planning's blueprints (plans, candidates, the rules). A store that times out is a 503
to retry: creating a plan is unique by term, and an entry write is conditional on the unit plan's
version, so a repeated request never adds a candidate twice."""
from ...common.store_busy import retry_when_busy
from . import plans, settings

BLUEPRINTS = [plans.blp, settings.blp]
retry_when_busy(BLUEPRINTS)
