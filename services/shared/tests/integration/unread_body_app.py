"""A service built like the others (cadre_shared.app_factory) with one endpoint that refuses a
request before reading its body, as the gateway does for a kiosk over its rate limit."""
from cadre_shared.app_factory import build_app
from cadre_shared.errors import ApiError

app, _api = build_app("probe", __name__, {"MONGO_URI": "mongodb://127.0.0.1:1/probe",
                                          "KAFKA_BOOTSTRAP": "127.0.0.1:1"})


@app.post("/refused")
def refused():
    raise ApiError(429, "Quá nhiều yêu cầu / too many requests")


@app.get("/ping")
def ping():
    return {"ok": True}
