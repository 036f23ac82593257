"""The consumer ledger's daily purge on the real store: entries past the retention go, newer ones
stay (they still guard against Kafka delivering an event again); every service's worker runs it."""
import importlib
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from mongoengine.connection import ConnectionFailure, disconnect, get_connection
from mongoengine.context_managers import switch_db

from cadre_shared import db
from cadre_shared.consumer import ProcessedEvent, purge_ledger
from cadre_shared.daily_jobs import LEDGER_PURGE, daily_jobs_of
from cadre_shared.retention import cutoff

pytestmark = pytest.mark.integration


def test_entries_older_than_the_retention_are_purged_and_newer_ones_kept(infra, monkeypatch):
    monkeypatch.delenv("C360_RETAIN_CONSUMER_LEDGER_DAYS", raising=False)
    uri = infra.mongo_uri(f"c360_ledger_purge_{uuid.uuid4().hex[:8]}")
    try:
        get_connection()
        own_default = False
    except ConnectionFailure:  # run alone: switch_db needs a default to switch back to
        db.connect(uri)
        own_default = True
    db.connect(uri, alias="ledger_purge")
    day = date(2026, 12, 7)
    edge = cutoff("consumer_ledger", day)
    with switch_db(ProcessedEvent, "ledger_purge") as Ledger:
        Ledger(id="old", processed_at=edge - timedelta(seconds=1)).save()
        Ledger(id="edge", processed_at=edge).save()
        Ledger(id="new", processed_at=datetime(2026, 12, 6, tzinfo=timezone.utc)).save()
        assert edge == datetime(2026, 11, 6, 17, tzinfo=timezone.utc)  # 30 days, from the Vietnamese day's start
        assert purge_ledger(day) == {"ledger_entries_purged": 1}
        assert sorted(e.id for e in Ledger.objects) == ["edge", "new"]
        assert purge_ledger(day) == {"ledger_entries_purged": 0}
    disconnect(alias="ledger_purge")
    if own_default:
        disconnect()


@pytest.mark.parametrize("service", ["evaluation", "survey", "training", "gateway"])
def test_every_service_runs_the_ledger_purge_daily(service):
    assert daily_jobs_of(importlib.import_module(f"{service}.consumers"))["ledger-purge"] is LEDGER_PURGE
