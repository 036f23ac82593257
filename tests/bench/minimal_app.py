"""The ceiling of this machine for a JSON POST through Flask + marshmallow under gunicorn:
the same validation work as a kiosk answer, with no auth, no store, no forwarding."""
from flask import Flask, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields, validate


class AnswerIn(Schema):
    class Meta:
        unknown = RAISE

    response_id = fields.UUID(required=True)
    dossier_code = fields.String(required=True, validate=validate.Length(min=2, max=64))
    cadre_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    overall = fields.String(required=True, validate=validate.OneOf(["very_satisfied", "satisfied", "dissatisfied"]))
    indicators = fields.Dict(keys=fields.String(), values=fields.Integer(validate=validate.Range(1, 5)),
                             load_default=dict)
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


app = Flask(__name__)
schema = AnswerIn()


@app.post("/answers")
def answers():
    try:
        data = schema.load(request.get_json())
    except ValidationError as exc:
        return jsonify({"error": exc.messages}), 422
    return jsonify({"response_id": str(data["response_id"]), "status": "counted"}), 201
