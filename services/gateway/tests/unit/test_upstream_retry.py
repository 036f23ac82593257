"""The public API's hop to a service: a read whose pooled connection the service had just closed goes
again once on a new one; a write never goes twice (a 503 to retry instead)."""
import pytest
import requests

from cadre_shared.errors import ApiError
from gateway.routing import upstream


class Flaky:
    def __init__(self, failures: int):
        self.failures, self.calls = failures, []

    def request(self, method, url, **_kwargs):
        self.calls.append(method)
        if len(self.calls) <= self.failures:
            raise requests.ConnectionError("connection reset by peer")
        reply = requests.Response()
        reply.status_code = 200
        return reply


def test_a_read_goes_again_once_on_a_closed_connection(monkeypatch):
    flaky = Flaky(failures=1)
    monkeypatch.setattr(upstream, "_session", flaky)
    assert upstream._send("GET", "http://127.0.0.1:1/x", "TRAINING_URL").status_code == 200
    assert flaky.calls == ["GET", "GET"]


def test_a_read_that_fails_twice_and_a_write_that_fails_once_are_503(monkeypatch):
    flaky = Flaky(failures=2)
    monkeypatch.setattr(upstream, "_session", flaky)
    with pytest.raises(ApiError) as failed:
        upstream._send("GET", "http://127.0.0.1:1/x", "TRAINING_URL")
    assert failed.value.status == 503 and flaky.calls == ["GET", "GET"]
    flaky = Flaky(failures=1)
    monkeypatch.setattr(upstream, "_session", flaky)
    with pytest.raises(ApiError) as failed:
        upstream._send("POST", "http://127.0.0.1:1/x", "SURVEY_URL", json={"a": 1})
    assert failed.value.status == 503 and flaky.calls == ["POST"]
