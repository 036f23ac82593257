"""The registry's blueprints (units, positions and standards, competencies, cadres and their
dossier records, imports), registered together by the app factory."""
from pymongo.errors import ConnectionFailure

from cadre_shared.errors import error_body

from . import cadres, competencies, dossier, imports, positions, standards, units

BLUEPRINTS = [units.blp, positions.blp, competencies.blp, standards.blp, cadres.blp, dossier.blp, imports.blp]


def store_busy(_exc: ConnectionFailure):
    """The store did not answer in time: the change may or may not be stored. Every registry
    write can be repeated safely (codes are unique, versions are checked, records and imports
    are idempotent), so the caller is told to try again rather than shown an internal error."""
    body, status = error_body(503, "Cơ sở dữ liệu đang bận, vui lòng thử lại / The store is busy, please retry",
                              code="store_busy")
    body.headers["Retry-After"] = "2"
    return body, status


for _blueprint in BLUEPRINTS:
    _blueprint.register_error_handler(ConnectionFailure, store_busy)
