"""The answer when the store does not answer in time, for endpoints whose writes can be repeated."""
from pymongo.errors import ConnectionFailure

from cadre_shared.errors import error_body


def store_busy(_exc: ConnectionFailure):
    """The store did not answer in time: the change may or may not be stored. Every registry
    write can be repeated safely (codes are unique, versions are checked, records and imports
    are idempotent), so the caller is told to try again rather than shown an internal error."""
    body, status = error_body(503, "Cơ sở dữ liệu đang bận, vui lòng thử lại / The store is busy, please retry",
                              code="store_busy")
    body.headers["Retry-After"] = "2"
    return body, status


def retry_when_busy(blueprints) -> None:
    """Answer ``store_busy`` (503, Retry-After) on these blueprints when the store times out."""
    for blueprint in blueprints:
        blueprint.register_error_handler(ConnectionFailure, store_busy)
