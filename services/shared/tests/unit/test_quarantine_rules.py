"""Which events the relay can never publish as they are (set aside in quarantine with the reason)."""
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import make_event
from cadre_shared.quarantine import refusal


def event(**changes):
    base = make_event("cadre.registered", 1, "c-1", contract_for("cadre.registered", 1).examples[0], "test")
    return {**base, **changes}


def test_a_valid_event_can_be_published():
    assert refusal(event()) is None


def test_an_unknown_type_is_refused_with_the_reason():
    assert "unknown event type/version cadre.teleported v1" in refusal(event(type="cadre.teleported"))


def test_a_payload_failing_its_contract_is_refused():
    assert refusal(event(payload={"cadre_id": "c-1"})).startswith("contract: ValidationError")


def test_a_malformed_envelope_is_refused():
    broken = event()
    del broken["occurred_at"]
    assert refusal(broken).startswith("contract:")


def test_an_event_larger_than_the_broker_accepts_is_refused():
    big = event()
    big["payload"] = {**big["payload"], "full_name": "N" * 1_100_000}
    assert refusal(big).startswith("too large: ")
