"""The consumer runner's ledger on the real store: kept for ordinary event types, skipped for
the types a spec declares idempotent on their own (two store round trips fewer per event)."""
import uuid
from types import SimpleNamespace

import pytest
from mongoengine.connection import ConnectionFailure as MongoEngineConnectionFailure
from mongoengine.connection import disconnect, get_connection
from mongoengine.context_managers import switch_db

from cadre_shared import db
from cadre_shared.consumer import ConsumerRunner, ConsumerSpec, ProcessedEvent
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import encode, make_event

pytestmark = pytest.mark.integration


@pytest.fixture()
def ledger(infra):
    """The runner's ledger, switched to a database of this test (the default connection of
    other modules' apps is left alone)."""
    uri = infra.mongo_uri(f"c360_ledger_{uuid.uuid4().hex[:8]}")
    try:
        get_connection()
        own_default = False
    except MongoEngineConnectionFailure:  # run alone: switch_db needs a default to switch back to
        db.connect(uri)
        own_default = True
    db.connect(uri, alias="ledger_test")
    with switch_db(ProcessedEvent, "ledger_test") as switched:
        yield switched._get_collection()
    disconnect(alias="ledger_test")
    if own_default:
        disconnect()


def _record(event_type: str) -> SimpleNamespace:
    example = contract_for(event_type, 1).examples[0]
    event = make_event(event_type, 1, "cadre-1", example, "test")
    return SimpleNamespace(value=encode(event), topic="t", partition=0, offset=0, key=None, headers=[]), event


def test_an_ordinary_event_is_applied_once_thanks_to_the_ledger(ledger):
    applied = []
    spec = ConsumerSpec("ordinary", ["survey.responses.v1"], applied.append)
    runner = ConsumerRunner("test", spec, "127.0.0.1:1")
    record, event = _record("response.recorded")
    assert runner._process(record) and runner._process(record)
    assert len(applied) == 1
    assert ledger.count_documents({"_id": f"ordinary:{event['event_id']}"}) == 1


def test_a_ledger_free_type_skips_the_ledger_and_leaves_repeats_to_its_handler(ledger):
    applied = []
    spec = ConsumerSpec("self-idempotent", ["survey.responses.v1"], applied.append,
                        ledger_free_types=frozenset({"response.recorded"}))
    runner = ConsumerRunner("test", spec, "127.0.0.1:1")
    record, event = _record("response.recorded")
    assert runner._process(record) and runner._process(record)
    assert len(applied) == 2  # the handler sees the repeat and must absorb it itself
    assert ledger.count_documents({}) == 0
    other, reviewed = _record("response.reviewed")
    assert runner._process(other) and runner._process(other)
    assert len(applied) == 3 and ledger.count_documents({"_id": f"self-idempotent:{reviewed['event_id']}"}) == 1
