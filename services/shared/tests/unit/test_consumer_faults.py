"""The consumer runner on records that cannot be applied: decoding failures of every shape go to
the dead-letter topic at once with their origin, a failing handler is retried a bounded number of
times and then dead-lettered, and an unexpected error ends the runner loudly (``failure``), which
makes its worker process exit instead of living on with a dead consumer."""
import json
import time
from types import SimpleNamespace

import pytest

from cadre_shared.consumer import ConsumerRunner, ConsumerSpec, PoisonMessage
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import encode, make_event


class FakeFuture:
    def get(self, timeout=None):
        return None


class FakeProducer:
    def __init__(self):
        self.sent = []

    def send(self, topic, key=None, value=None, headers=None):
        self.sent.append({"topic": topic, "key": key, "value": value, "headers": dict(headers)})
        return FakeFuture()


def record(value, offset=7):
    return SimpleNamespace(topic="survey.responses.v1", partition=3, offset=offset, key=b"c-1", value=value,
                           headers=[])


def envelope(**changes):
    event = make_event("response.recorded", 1, "c-1", contract_for("response.recorded", 1).examples[0], "test")
    return {**event, **changes}


@pytest.fixture()
def runner(monkeypatch):
    applied = []
    spec = ConsumerSpec("facts", ["survey.responses.v1"], applied.append, max_attempts=3,
                        ledger_free_types=frozenset({"response.recorded"}))
    built = ConsumerRunner("test", spec, "127.0.0.1:1")
    built._dlt_producer = FakeProducer()
    built.applied = applied
    monkeypatch.setattr(built._stop, "wait", lambda seconds=None: False)  # no real backoff sleeps
    return built


POISON = {
    "null value": None,
    "not json": b"\x00\xffnot json",
    "100,000-deep array": b"[" * 100_000 + b"]" * 100_000,
    "not an object": b"[1, 2, 3]",
    "wrong schema": json.dumps(envelope(payload={"response_id": "x"})).encode(),
    "unknown type": json.dumps(envelope(type="response.teleported")).encode(),
}


@pytest.mark.parametrize("shape", POISON)
def test_an_undecodable_record_is_dead_lettered_with_its_origin_and_consumption_goes_on(runner, shape):
    assert runner._process(record(POISON[shape])) is True
    [dead] = runner._dlt_producer.sent
    assert dead["topic"] == "survey.responses.v1.dlt" and dead["value"] == POISON[shape] and dead["key"] == b"c-1"
    headers = dead["headers"]
    assert headers["origin_topic"] == b"survey.responses.v1"
    assert (headers["origin_partition"], headers["origin_offset"]) == (b"3", b"7")
    assert headers["consumer"] == b"test.facts" and headers["error"]
    good = envelope()
    assert runner._process(record(encode(good), offset=8)) is True
    assert [e["event_id"] for e in runner.applied] == [good["event_id"]]


def test_a_handler_failing_every_time_is_retried_then_dead_lettered(runner):
    calls = []

    def broken(event):
        calls.append(event["event_id"])
        raise KeyError("cadre_id")

    runner.spec.handler = broken
    event = envelope()
    assert runner._process(record(encode(event))) is True
    assert calls == [event["event_id"]] * 3
    [dead] = runner._dlt_producer.sent
    assert b"handler failed 3 times: KeyError" in dead["headers"]["error"]
    assert dead["headers"]["event_id"] == event["event_id"].encode()
    assert dead["headers"]["event_type"] == b"response.recorded"


def test_a_handler_verdict_of_poison_is_dead_lettered_at_once(runner):
    def refuse(event):
        raise PoisonMessage("payload names no known cadre")

    runner.spec.handler = refuse
    assert runner._process(record(encode(envelope()))) is True
    assert b"rejected by handler" in runner._dlt_producer.sent[0]["headers"]["error"]


def test_an_unexpected_error_ends_the_runner_with_its_failure_kept(runner, monkeypatch):
    monkeypatch.setattr(ConsumerRunner, "_connect", lambda self: setattr(self, "_consumer", object()))

    def explode(self):
        raise RuntimeError("bug in the runner")

    monkeypatch.setattr(ConsumerRunner, "poll_once", explode)
    runner.run(install_signal_handlers=False)
    assert isinstance(runner.failure, RuntimeError)


def test_a_worker_process_exits_1_when_one_of_its_consumer_threads_dies(monkeypatch):
    from cadre_shared import workers

    stopped = []

    class Runner:
        def __init__(self, service, spec, bootstrap, **hooks):
            self.group_id, self.name = f"{service}.{spec.name}", spec.name

        def run(self, install_signal_handlers=True):
            while self.name != "dies" and not stopped:  # "dies" ends as a runner does after a failure
                time.sleep(0.01)

        def stop(self):
            stopped.append(self.name)

    registry = {name: ConsumerSpec(name, ["t"], lambda e: None) for name in ("dies", "lives")}
    monkeypatch.setattr(workers, "ConsumerRunner", Runner)
    monkeypatch.setattr(workers.importlib, "import_module", lambda name: SimpleNamespace(CONSUMERS=registry))
    monkeypatch.setattr(workers.signal, "signal", lambda *args: None)
    assert workers.run_consumers("survey", {"KAFKA_BOOTSTRAP": "x"}, []) == 1
    assert "lives" in stopped


def test_a_dead_letter_too_large_for_the_broker_is_kept_truncated_with_its_size():
    from kafka.errors import MessageSizeTooLargeError

    from cadre_shared import dead_letters

    class Refusing(FakeProducer):
        def send(self, topic, key=None, value=None, headers=None):
            if len(value) > dead_letters.KEPT_WHEN_TOO_LARGE:
                raise MessageSizeTooLargeError("too large")
            return super().send(topic, key, value, headers)

    producer = Refusing()
    huge = b'{"x":"' + b"a" * 2_000_000 + b'"}'
    dead_letters.send(producer, record(huge), "test.facts", "undecodable")
    [dead] = producer.sent
    assert len(dead["value"]) == dead_letters.KEPT_WHEN_TOO_LARGE and dead["headers"]["truncated_from"] == b"2000008"
