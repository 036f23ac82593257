"""A browsable page of the public API, rendered on the server from the merged OpenAPI document."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from ..domain.openapi_merge import operations
from ..routing.openapi import merged_spec
from ..ui.web_session import load_session

blueprint = Blueprint("apidocs", __name__)
blueprint.before_request(load_session)


@blueprint.get("/api/docs")
def page():
    spec = merged_spec(current_app.extensions["c360_api"])
    rows = operations(spec)
    tags = sorted({row["tag"] for row in rows})
    schemas = sorted(spec.get("components", {}).get("schemas", {}).items())
    return render_template("ui/api_docs.html", spec=spec, operations=rows, tags=tags, schemas=schemas,
                           breadcrumbs=[])
