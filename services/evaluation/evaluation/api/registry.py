"""The registry's blueprints (units, positions and standards, competencies, cadres and their
dossier records, imports), registered together by the app factory."""
from . import cadres, competencies, dossier, imports, positions, standards, units

BLUEPRINTS = [units.blp, positions.blp, competencies.blp, standards.blp, cadres.blp, dossier.blp, imports.blp]
