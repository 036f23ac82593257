"""JSON error shape: field-level messages without the webargs location level; no traces."""
from flask import Flask
from marshmallow import fields

from cadre_shared import errors
from cadre_shared.errors import ApiError, flatten_messages
from cadre_shared.schema_base import StrictSchema


def test_flatten_removes_location_level():
    assert flatten_messages({"json": {"name": ["x"]}, "query": {"page": ["y"]}}) == {"name": ["x"], "page": ["y"]}
    assert flatten_messages({"name": ["x"]}) == {"name": ["x"]}


def _app():
    app = Flask(__name__)
    errors.init_app(app)

    class Body(StrictSchema):
        name = fields.String(required=True)

    @app.post("/things")
    def things():
        from flask import request

        Body().load(request.get_json())
        return {}, 201

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/conflict")
    def conflict():
        raise ApiError(409, "Trùng / duplicate", {"code": ["đã tồn tại"]})

    return app


def test_validation_error_is_422_with_fields_in_vietnamese():
    res = _app().test_client().post("/things", json={"name": {"$gt": ""}, "extra": 1})
    assert res.status_code == 422
    body = res.get_json()["error"]
    assert body["code"] == "validation_error"
    assert "chuỗi" in body["fields"]["name"][0]
    assert "extra" in body["fields"]


def test_unexpected_error_hides_the_trace():
    res = _app().test_client().get("/boom")
    assert res.status_code == 500
    assert "secret internals" not in res.get_data(as_text=True)
    assert res.get_json()["error"]["code"] == "internal_error"


def test_malformed_json_and_unknown_route_are_json():
    client = _app().test_client()
    res = client.post("/things", data="{not json", content_type="application/json")
    assert res.status_code == 400 and res.get_json()["error"]["code"] == "bad_request"
    res = client.get("/nope")
    assert res.status_code == 404 and res.get_json()["error"]["code"] == "not_found"


def test_api_error_keeps_status_and_fields():
    res = _app().test_client().get("/conflict")
    assert res.status_code == 409
    assert res.get_json()["error"]["fields"] == {"code": ["đã tồn tại"]}


def test_range_and_length_messages_are_vietnamese_and_formatted():
    from marshmallow import validate

    class Body(StrictSchema):
        score = fields.Integer(validate=validate.Range(min=0, max=10))
        low = fields.Integer(validate=validate.Range(min=1))
        name = fields.String(validate=validate.Length(min=2, max=5))

    errs = Body().validate({"score": 11, "low": 0, "name": "x"})
    assert errs["score"] == ["Phải trong khoảng 0–10 / must be between 0 and 10"]
    assert errs["low"] == ["Phải ≥ 1 / must be greater than or equal to 1"]
    assert "2" in errs["name"][0] and "5" in errs["name"][0]


def test_json_nested_too_deep_is_a_400_not_a_500():
    reply = _app().test_client().post("/things", data=b"[" * 100_000 + b"]" * 100_000,
                                      content_type="application/json")
    assert reply.status_code == 400
    assert reply.get_json()["error"]["message"].startswith("Nội dung JSON lồng quá sâu")


def test_input_the_model_refuses_is_a_422_and_a_retry_after_travels_with_a_503():
    from mongoengine import Document, ListField, StringField

    class Form(Document):
        meta = {"abstract": True}
        indicators = ListField(StringField(), required=True)

    app = _app()

    @app.get("/model")
    def model():
        Form(indicators=[]).validate()

    @app.get("/busy")
    def busy():
        raise ApiError(503, "Bận / busy", retry_after=2)

    client = app.test_client()
    refused = client.get("/model")
    assert refused.status_code == 422 and "indicators" in refused.get_json()["error"]["fields"]
    busy_reply = client.get("/busy")
    assert busy_reply.status_code == 503 and busy_reply.headers["Retry-After"] == "2"


def test_numbers_too_large_and_taken_keys_are_client_errors():
    from mongoengine.errors import NotUniqueError
    from pymongo.errors import OperationFailure

    app = _app()

    @app.get("/page")
    def page():
        raise OverflowError("MongoDB can only handle up to 8-byte ints")

    @app.get("/taken")
    def taken():
        raise NotUniqueError("E11000")

    @app.get("/taken-on-update")
    def taken_on_update():  # FerretDB's words for a unique index refusing an update
        raise OperationFailure("constraint failed: UNIQUE constraint failed: index 'positions_code_1' (2067)", 1)

    @app.get("/store-error")
    def store_error():
        raise OperationFailure("something else", 2)

    client = app.test_client()
    assert client.get("/page").status_code == 422
    for path in ("/taken", "/taken-on-update"):
        reply = client.get(path)
        assert reply.status_code == 409 and reply.get_json()["error"]["code"] == "conflict", path
    assert client.get("/store-error").status_code == 500


def test_a_lone_surrogate_in_a_json_body_is_refused_before_any_handler_runs():
    from cadre_shared import request_body

    app = _app()
    request_body.init_app(app)
    client = app.test_client()
    refused = client.post("/things", data=b'{"name": "x\\ud800y"}', content_type="application/json")
    assert refused.status_code == 422 and "lone surrogate" in refused.get_json()["error"]["message"]
    fine = client.post("/things", data='{"name": "Nguyễn \\ud83d\\ude00"}'.encode(), content_type="application/json")
    assert fine.status_code == 201
