"""The OpenAPI document stays valid for Decimal fields with a Range: bounds are numbers, not the
strings JSON makes of Decimals (`maximum: "1"` made the gateway's document invalid)."""
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from cadre_shared import app_factory, db
from cadre_shared.schema_base import StrictSchema


class RatioIn(StrictSchema):
    ratio = fields.Decimal(as_string=False, validate=validate.Range(min=0, max=1))


def test_decimal_bounds_are_numbers(monkeypatch):
    monkeypatch.setattr(db, "init_app", lambda app: None)
    app, api = app_factory.build_app("survey", __name__, {"KAFKA_BOOTSTRAP": "127.0.0.1:1"})
    blp = Blueprint("ratio", __name__, url_prefix="/api/v1/ratio")

    @blp.route("")
    class Ratio(MethodView):
        @blp.arguments(RatioIn)
        @blp.response(200)
        def post(self, data):
            return {}

    api.register_blueprint(blp)
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    ratio = spec["components"]["schemas"]["RatioIn"]["properties"]["ratio"]
    assert (ratio["minimum"], ratio["maximum"]) == (0, 1)
