"""A service's notification request: the event its helper builds, and what the contract refuses."""
import pytest
from marshmallow import ValidationError

from cadre_shared.bus import headers_of
from cadre_shared.contracts import topic_for
from cadre_shared.envelope import decode, encode
from cadre_shared.notify import notification


def _rating_requested(**changes):
    args = {"about": "c-7", "cadre_ids": ["c-7"], "params": {"period": "2026-Q4", "count": 4},
            "link": "/ratings?period=2026-Q4", "dedupe_key": "rating_requested|p-1|c-7", **changes}
    return notification("evaluation", "rating_requested", **args)


def test_the_helper_builds_a_valid_envelope_keyed_by_the_cadre():
    event = _rating_requested(unit_roles=[("u-1", "unit_hr")], roles=["province_admin"])
    assert event["type"] == "notification.requested" and event["schema_version"] == 1
    assert event["producer"] == "evaluation" and event["key"] == "c-7"
    assert event["payload"]["recipients"] == {"cadre_ids": ["c-7"], "unit_roles": [{"unit_id": "u-1",
                                                                                      "role": "unit_hr"}],
                                              "roles": ["province_admin"]}
    assert decode(encode(event))["payload"] == event["payload"]
    assert dict(headers_of(event))["event_type"] == b"notification.requested"


def test_each_producer_has_its_own_topic():
    assert topic_for("notification.requested", 1, "evaluation") == "evaluation.notifications.v1"
    assert topic_for("notification.requested", 1, "training") == "training.notifications.v1"
    assert topic_for("cadre.registered", 1) == "evaluation.cadres.v1"  # other contracts: one fixed topic


def test_a_producer_without_a_topic_is_refused_before_anything_is_stored():
    with pytest.raises(ValueError):
        notification("gateway", "rating_requested", about="c-7", cadre_ids=["c-7"], link="/ratings",
                     dedupe_key="k")


@pytest.mark.parametrize("changes", [
    {"cadre_ids": []},  # nobody to tell
    {"link": "https://phishing.example/ratings"},  # another site
    {"link": "//phishing.example/ratings"},  # protocol-relative: another site too
    {"link": "/ratings\\@x"},
    {"params": {"period": {"nested": 1}}},
    {"params": {"ok": True}},  # a flag is not a value a text shows
    {"params": {"Bad-Name": "x"}},
    {"params": {"big": "x" * 501}},
    {"dedupe_key": ""},
])
def test_the_contract_refuses(changes):
    with pytest.raises(ValidationError):
        _rating_requested(**changes)


def test_unknown_kind_and_role_are_refused():
    with pytest.raises(ValidationError):
        notification("training", "party_invitation", about="c-7", cadre_ids=["c-7"], link="/", dedupe_key="k")
    with pytest.raises(ValidationError):
        notification("training", "training_due", about="u-1", unit_roles=[("u-1", "auditor")], link="/",
                     dedupe_key="k")
