"""/metrics: Prometheus text with request counts and latencies per route (the URL rule, never
the raw path, so ids do not explode the series) and status."""
from flask import Flask

from cadre_shared import errors, metrics


def make_app():
    app = Flask(__name__)
    app.config["SERVICE_NAME"] = "metrics-test"
    metrics.init_app(app)
    errors.init_app(app)

    @app.get("/api/v1/things/<thing_id>")
    def thing(thing_id):
        if thing_id == "missing":
            raise errors.ApiError(404)
        return {"id": thing_id}

    return app


def sample(text: str, name: str, **labels) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample {name}{{{wanted}}}")


def test_requests_are_counted_per_route_and_status():
    client = make_app().test_client()
    for thing_id in ("a-1", "b-2", "missing"):
        client.get(f"/api/v1/things/{thing_id}")
    client.get("/no/such/page")
    text = client.get("/metrics").get_data(as_text=True)
    route = "/api/v1/things/<thing_id>"
    assert sample(text, "c360_http_requests_total", service="metrics-test", route=route, status="200") == 2
    assert sample(text, "c360_http_requests_total", service="metrics-test", route=route, status="404") == 1
    assert sample(text, "c360_http_requests_total", service="metrics-test", route="<unmatched>", status="404") == 1
    assert sample(text, "c360_http_request_duration_seconds_count", service="metrics-test", route=route) == 3
    assert "a-1" not in text and "/metrics" not in text.split("c360_http_requests_total", 1)[1].split("\n# ")[0]
