"""Lists that nearly every page asks for (the units, the position catalogue) answered as JSON encoded
once per version of what they list: dumping a hundred units with their departments through
marshmallow and encoding them cost the service 10–20 ms of CPU per page on a province of a hundred
communes, for a list that changes a few times a year. The encoded body is kept per worker with the
list it came from (``cadre_shared.kept_reads``: a write of a unit or position moves the version, so
the next read encodes again); the body is the same JSON the schema's response would have given."""
from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import Response, current_app
from marshmallow import Schema

from cadre_shared.kept_reads import KeptReads


def kept_list(kept: KeptReads, db, key: Hashable, rows: Callable[[], list], schema: Schema) -> Response:
    """``rows()`` dumped by ``schema`` (``many=True``) as a JSON response with ``X-Total-Count``,
    encoded once while ``kept``'s version has not moved (``key``: what else the rows depend on)."""
    def encode() -> tuple[bytes, int]:
        dumped = schema.dump(rows())
        return current_app.json.dumps(dumped).encode(), len(dumped)

    body, total = kept.read(db, ("json", key), encode, shared=True)
    return Response(body, 200, {"X-Total-Count": str(total)}, mimetype="application/json")
