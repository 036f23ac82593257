"""A consumer process for fault tests: it dies like `kill -9` (os._exit, nothing flushed or
committed) once, at a chosen point, the first time it handles an event.

Env: C360_MONGO_URI, C360_KAFKA_BOOTSTRAP, GROUP, CRASH_AT (after_effect | before_commit),
HANDLER (counter | fact), MARKER (file created when the crash happens, so it happens once).
"""
import json
import os
import sys
import uuid
from pathlib import Path

from pymongo import MongoClient

from cadre_shared import db
from cadre_shared.consumer import ConsumerRunner, ConsumerSpec, insert_once

store = MongoClient(os.environ["C360_MONGO_URI"]).get_default_database()
marker = Path(os.environ["MARKER"])


def counter_effect(event):
    """Deliberately not idempotent: only the runner's ledger protects it."""
    store.effects.update_one({"_id": event["event_id"]}, {"$inc": {"applied": 1}}, upsert=True)


def fact_effect(event):
    """Idempotent by construction: one fact keyed by the event id."""
    store.calls.insert_one({"_id": str(uuid.uuid4()), "event_id": event["event_id"]})
    insert_once(store.effects, {"_id": event["event_id"], "applied": 1})


def crash(event):
    if not marker.exists():
        marker.write_text(event["event_id"])
        os._exit(9)


class RecordingRunner(ConsumerRunner):
    def _process(self, record):
        try:
            event_id = json.loads(record.value)["event_id"]
        except (ValueError, KeyError, TypeError):
            event_id = None
        store.deliveries.insert_one({"_id": str(uuid.uuid4()), "event_id": event_id})
        return super()._process(record)


def main():
    db.connect(os.environ["C360_MONGO_URI"])
    handler = counter_effect if os.environ["HANDLER"] == "counter" else fact_effect
    crash_at = os.environ["CRASH_AT"]
    spec = ConsumerSpec(os.environ["GROUP"], ["evaluation.cadres.v1"], handler)
    runner = RecordingRunner("backbone-test", spec, os.environ["C360_KAFKA_BOOTSTRAP"],
                             after_effect=crash if crash_at == "after_effect" else None,
                             before_commit=crash if crash_at == "before_commit" else None)
    runner.run()


if __name__ == "__main__":
    sys.exit(main())
