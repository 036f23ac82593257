"""A consumer of a read model that need not be current to the moment lets the broker gather its events
(``ConsumerSpec.gather_ms``); every other consumer's fetch is answered as soon as there is anything."""
from cadre_shared import consumer
from cadre_shared.consumer import GATHER_BYTES, ConsumerRunner, ConsumerSpec


def connected_with(monkeypatch, spec: ConsumerSpec) -> dict:
    seen = {}
    monkeypatch.setattr(consumer, "KafkaConsumer", lambda *topics, **options: seen.update(options) or object())
    ConsumerRunner("survey", spec, "127.0.0.1:9092")._connect()
    return seen


def test_a_gathering_consumer_waits_for_a_batch_and_others_do_not(monkeypatch):
    gathering = connected_with(monkeypatch, ConsumerSpec("lists", ["t.v1"], lambda _e: None, gather_ms=1000))
    assert (gathering["fetch_min_bytes"], gathering["fetch_max_wait_ms"]) == (GATHER_BYTES, 1000)
    plain = connected_with(monkeypatch, ConsumerSpec("facts", ["t.v1"], lambda _e: None))
    assert "fetch_min_bytes" not in plain and "fetch_max_wait_ms" not in plain


def test_hr_lists_of_answers_are_kept_by_a_gathering_consumer():
    from survey.consumers import CONSUMERS

    assert CONSUMERS["answer-lists"].gather_ms == 1000
