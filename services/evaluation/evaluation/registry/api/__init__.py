"""The registry's blueprints (units, positions and standards, competencies, cadres and their
dossier records, imports). Every registry write can be repeated, so a store that times out is
a 503 to retry on all of them."""
from ...common.store_busy import retry_when_busy
from . import cadres, competencies, dossier, imports, positions, scrutiny, standards, units

BLUEPRINTS = [units.blp, positions.blp, competencies.blp, standards.blp, cadres.blp, dossier.blp, scrutiny.blp, imports.blp]
retry_when_busy(BLUEPRINTS)
