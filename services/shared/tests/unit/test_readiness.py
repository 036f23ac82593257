"""/readyz: 200 ``ready`` when the store and Kafka answer, 200 ``degraded`` when only Kafka is
missing (writes wait in the outbox), 503 with the reason when the store is down, a background
thread the service needs has died, or its own setup is pending."""
import threading

import pytest

from cadre_shared import app_factory, db


class FakeProbe:
    def __init__(self, reason=None):
        self.reason_now = reason

    def reason(self):
        return self.reason_now


@pytest.fixture()
def app(monkeypatch):
    monkeypatch.setattr(db, "init_app", lambda app: None)
    built, _api = app_factory.build_app("survey", __name__, {"KAFKA_BOOTSTRAP": "127.0.0.1:1"})
    built.extensions["c360_kafka_probe"] = FakeProbe()
    return built


def readiness(app, monkeypatch, store=None, kafka=None):
    monkeypatch.setattr(db, "ping", lambda: store)
    app.extensions["c360_kafka_probe"].reason_now = kafka
    reply = app.test_client().get("/readyz")
    return reply.status_code, reply.get_json()


def test_store_and_kafka_answering_is_ready(app, monkeypatch):
    status, body = readiness(app, monkeypatch)
    assert status == 200 and body["status"] == "ready"
    assert body["checks"] == {"store": "ok", "kafka": "ok", "threads": "ok"}


def test_kafka_down_alone_is_degraded_and_still_200(app, monkeypatch):
    status, body = readiness(app, monkeypatch, kafka="kafka unreachable at k:9092: NoBrokersAvailable")
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["store"] == "ok" and body["checks"]["kafka"].startswith("kafka unreachable")


def test_store_down_is_503_with_the_reason(app, monkeypatch):
    status, body = readiness(app, monkeypatch, store="database unreachable: ServerSelectionTimeoutError",
                             kafka="kafka unreachable")
    assert status == 503 and body["status"] == "not_ready"
    assert body["reasons"] == ["database unreachable: ServerSelectionTimeoutError"]


def test_a_dead_background_thread_is_503(app, monkeypatch):
    from cadre_shared.health import watch_thread

    thread = threading.Thread(target=lambda: None, name="audit-verification")
    thread.start()
    thread.join()
    watch_thread(app, thread)
    status, body = readiness(app, monkeypatch)
    assert status == 503 and body["reasons"] == ["background thread audit-verification stopped"]
    assert body["checks"]["threads"] == "stopped: audit-verification"


def test_a_pending_setup_step_is_503(app, monkeypatch):
    from cadre_shared.health import add_ready_check

    add_ready_check(app, lambda: "first-start setup waits for the store")
    status, body = readiness(app, monkeypatch)
    assert status == 503 and body["reasons"] == ["first-start setup waits for the store"]


def test_the_kafka_probe_answers_from_its_last_check_without_waiting_again():
    from cadre_shared.health import KafkaProbe

    probe = KafkaProbe("127.0.0.1:1", interval=3600)
    calls = []
    probe.check = lambda: calls.append(1) or "kafka unreachable at 127.0.0.1:1: NoBrokersAvailable"
    assert probe.reason() == probe.reason() == "kafka unreachable at 127.0.0.1:1: NoBrokersAvailable"
    assert calls == [1, 1]  # the failure confirmed once, then nothing until the next round


def test_a_failed_check_is_confirmed_by_a_second_before_the_broker_is_called_unreachable(monkeypatch):
    from cadre_shared import health

    answers = iter([None, "kafka unreachable: KafkaTimeoutError", None, "kafka unreachable: A",
                    "kafka unreachable: B"])
    probe = health.KafkaProbe("127.0.0.1:1", interval=0)
    probe.check = lambda: next(answers)
    reported = []

    class Done(Exception):
        pass

    def after_each_round(_seconds):
        reported.append(probe._reason)
        if len(reported) == 3:
            raise Done

    monkeypatch.setattr(probe._closed, "wait", after_each_round)
    with pytest.raises(Done):
        probe._loop()
    assert reported == [None, None, "kafka unreachable: B"]


def test_an_unreachable_broker_is_asked_again_within_a_second_and_a_reachable_one_each_interval(monkeypatch):
    from cadre_shared import health

    answers = iter(["kafka unreachable: A", "kafka unreachable: B", None])
    probe = health.KafkaProbe("127.0.0.1:1", interval=30)
    probe.check = lambda: next(answers)
    waits = []

    class Done(Exception):
        pass

    def after_each_round(seconds):
        waits.append(seconds)
        if len(waits) == 2:
            raise Done

    monkeypatch.setattr(probe._closed, "wait", after_each_round)
    with pytest.raises(Done):
        probe._loop()
    assert waits == [health.UNREACHABLE_RECHECK, 30]
