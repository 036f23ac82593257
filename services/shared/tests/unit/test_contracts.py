"""Every event contract's examples validate, travel through the envelope and back."""
import uuid

import pytest
from marshmallow import ValidationError

from cadre_shared.contracts import all_contracts, contract_for
from cadre_shared.envelope import decode, encode, make_event
from cadre_shared.topics import TOPICS

CONTRACTS = all_contracts()


def test_there_are_contracts_for_each_service():
    producers = {topic.split(".")[0] for c in CONTRACTS for topic in c.topics()}
    assert producers == {"evaluation", "survey", "training"}


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: f"{c.type}.v{c.version}")
def test_examples_validate_and_round_trip(contract):
    assert contract.examples, "every contract ships at least one example message"
    for topic in contract.topics():
        assert topic in TOPICS, f"every contract publishes to a declared topic ({topic})"
    for example in contract.examples:
        event = make_event(contract.type, contract.version, "key-1", example, "test")
        assert decode(encode(event))["payload"] == example


def test_envelope_carries_all_fields():
    contract = contract_for("cadre.registered", 1)
    event = make_event("cadre.registered", 1, "c-1", contract.examples[0], "evaluation", correlation_id="req-9")
    assert set(event) == {"event_id", "type", "schema_version", "occurred_at", "producer", "correlation_id",
                          "key", "payload"}
    uuid.UUID(event["event_id"])
    assert event["occurred_at"].endswith("+00:00")
    assert event["correlation_id"] == "req-9"


def test_payload_not_matching_contract_is_refused():
    payload = {**contract_for("cadre.registered", 1).examples[0], "gender": "unknown"}
    with pytest.raises(ValidationError):
        make_event("cadre.registered", 1, "c-1", payload, "evaluation")


def test_unknown_type_or_version_is_refused_on_decode():
    raw = encode({**make_event("cadre.registered", 1, "c-1", contract_for("cadre.registered", 1).examples[0], "t"),
                  "schema_version": 9})
    with pytest.raises(ValidationError):
        decode(raw)


@pytest.mark.parametrize("raw", [b"\xff\xfe", b"not json", b"[1,2]", b'{"event_id": "x"}'])
def test_garbage_is_refused_on_decode(raw):
    with pytest.raises((ValueError, ValidationError)):
        decode(raw)
