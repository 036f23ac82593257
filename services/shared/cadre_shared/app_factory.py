"""Common wiring of a Cadre360 Flask service: config, logs, request ids, JSON errors,
the store, health and metrics endpoints and a flask-smorest Api for OpenAPI."""
from __future__ import annotations

from decimal import Decimal

from flask import Flask
from flask_smorest import Api
from flask_smorest.arguments import ArgumentsMixin

from . import db, errors, health, logging_setup, metrics, request_body, request_context
from .config import service_config


# webargs excludes unknown query-string fields by default; let each schema's Meta.unknown
# (RAISE in StrictSchema) decide instead, so `?unit_id[$ne]=x` is refused with 422.
ArgumentsMixin.ARGUMENTS_PARSER.unknown = None


def build_app(service: str, import_name: str, config: dict | None = None) -> tuple[Flask, Api]:
    app = Flask(import_name)
    app.config.update(service_config(service, config))
    app.config.update(
        API_TITLE=f"Cadre360 {service} API",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
    )
    app.json.ensure_ascii = False
    logging_setup.configure(service, app.config["LOG_LEVEL"])
    request_context.init_app(app)
    metrics.init_app(app)
    request_body.init_app(app)
    db.init_app(app)
    api = Api(app, spec_kwargs={"components": {"securitySchemes": {
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}, "security": [{"bearer": []}]})
    api.ma_plugin.converter.add_attribute_function(_numeric_bounds)
    errors.init_app(app)  # after Api: our JSON error shape replaces flask-smorest's
    health.init_app(app)
    return app, api


def _numeric_bounds(self, field, ret, **_kwargs) -> dict:
    """apispec writes a Decimal field's Range bounds as Decimals, which JSON turns into strings
    (``maximum: "1"``), an invalid OpenAPI document: keep them numbers."""
    return {name: float(value) for name, value in ret.items()
            if name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") and isinstance(value, Decimal)}
