"""A request answered later than C360_SLOW_REQUEST_MS is logged as a warning with its request id,
its path (never its query string) and how long it took; a quick one is not logged."""
import logging
import time

from flask import Flask

from cadre_shared import request_context


def make_app(slow_ms):
    app = Flask(__name__)
    app.config["SLOW_REQUEST_MS"] = slow_ms
    request_context.init_app(app)

    @app.get("/slow")
    def slow():
        time.sleep(0.12)
        return "ok"

    @app.get("/quick")
    def quick():
        return "ok"

    return app


def test_slow_request_is_logged_with_path_status_and_duration(caplog):
    client = make_app("50").test_client()
    with caplog.at_level(logging.WARNING, logger="cadre360.requests"):
        reply = client.get("/slow?cccd=001203004567", headers={"X-Request-ID": "req-slow-1"})
        client.get("/quick")
    assert reply.status_code == 200 and reply.headers["X-Request-ID"] == "req-slow-1"
    messages = [r.getMessage() for r in caplog.records if r.name == "cadre360.requests"]
    assert len(messages) == 1, messages
    assert messages[0].startswith("slow request: GET /slow answered 200 in ")
    took = float(messages[0].rsplit(" in ", 1)[1].removesuffix(" ms"))
    assert 100 <= took < 5000
    assert "cccd" not in messages[0] and "001203004567" not in messages[0]


def test_zero_turns_the_warning_off(caplog):
    client = make_app("0").test_client()
    with caplog.at_level(logging.WARNING, logger="cadre360.requests"):
        client.get("/slow")
    assert not [r for r in caplog.records if r.name == "cadre360.requests"]
