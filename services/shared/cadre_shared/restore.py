"""Making the read copies whole after a restore (issue 18).

A restored database is older than Kafka: the consumers' committed offsets are past events whose
effect the restore took away (copies stay behind their owner), and Kafka may still hold events of
writes the restore lost (copies would move ahead of their owner). So, with every worker stopped:

    python -m cadre_shared.restore prepare <service>

moves each of the service's consumer groups to the end of its topics (nothing Kafka held before the
restore is applied) and empties the read copies its owners publish again (``READ_COPIES`` in
``<service>.consumers``), also those a non-simultaneous backup left ahead of their owner. Then,
with the workers running, each owner stages its current state through its outbox
(``python -m training.rebuild --republish``, ``python -m survey.rebuild --republish``,
``python -m evaluation.rebuild --republish``)
and the consumers, which upsert by id and version, fill the copies again. deploy/README.md has the
whole procedure; tests/integration/test_backup_restore.py runs it.
"""
from __future__ import annotations

import importlib
import json
import sys

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from . import db
from .config import service_config
from .connections import kafka_options
from .outbox import note_staged


def groups_to_end(service: str, bootstrap: str) -> dict[str, int]:
    """Commit the end of every partition for each of ``service``'s consumer groups (none may be
    running: a group with members refuses commits from outside); partitions moved, per group."""
    registry = importlib.import_module(f"{service}.consumers").CONSUMERS
    moved = {}
    for spec in registry.values():
        group = f"{service}.{spec.name}"
        consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), group_id=group, enable_auto_commit=False,
                                 **kafka_options())
        try:
            partitions = [TopicPartition(topic, p) for topic in spec.topics
                          for p in sorted(consumer.partitions_for_topic(topic) or ())]
            ends = consumer.end_offsets(partitions)
            consumer.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in ends.items()})
            moved[group] = len(ends)
        finally:
            consumer.close()
    return moved


def empty_copies(service: str) -> list[str]:
    """Empty the service's re-published read copies; the collections emptied. Each is dropped and
    its indexes made again: FerretDB's SQLite backend deletes a whole collection as one statement with
    a variable per document, which fails beyond ~32,000 documents (the satisfaction facts hold one per
    citizen's answer), and counts by reading every document."""
    copies = getattr(importlib.import_module(f"{service}.consumers"), "READ_COPIES", ())
    for cls in copies:
        cls.drop_collection()
        cls.ensure_indexes()
    return [cls._meta["collection"] for cls in copies]


def stage(document_cls, doc_id: str, events: list[dict]) -> bool:
    """Stage ``events`` in the outbox of the stored document ``doc_id``, changing nothing else."""
    if not events:
        return False
    result = document_cls._get_collection().update_one(
        {"_id": doc_id}, {"$push": {"outbox": {"$each": events}}, "$inc": {"outbox_pending": len(events)}})
    if result.matched_count == 1:
        note_staged(document_cls)
    return result.matched_count == 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "prepare":
        print("usage: python -m cadre_shared.restore prepare <service>", file=sys.stderr)
        return 2
    service = argv[1]
    cfg = service_config(service)
    db.connect(cfg["MONGO_URI"], process="restore")
    print(json.dumps({"groups": groups_to_end(service, cfg["KAFKA_BOOTSTRAP"]), "emptied": empty_copies(service)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
