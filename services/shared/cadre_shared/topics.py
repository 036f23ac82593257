"""Kafka topics of Cadre360, with partition counts chosen on purpose, and ``ensure``.

Every topic is keyed by cadre id (or unit/position id for registry topics) so one
cadre's events stay in order; each has a dead-letter topic ``<topic>.dlt``.
Usage: ``python -m cadre_shared.topics ensure`` (``python -m cadre_shared.kafka_acls ensure``: the
topics, then each service's ACLs, where the broker authorises as in deploy/compose).
"""
from __future__ import annotations

import logging
import sys
import time
from typing import Callable

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from .config import env
from .connections import kafka_options

log = logging.getLogger(__name__)

# Partitions: registry topics are low-volume (3), and so are a period's own events (opened,
# closing requested: each starts a job of the evaluation service); citizen responses are the
# busiest stream and scale consumers furthest (12); per-cadre results/scores 6.
# Notification requests (one topic per producer, read by the gateway alone) are few — a burst of
# one per rater when a period opens — and each costs the gateway a handful of store writes, so 3
# partitions each: three gateway consumer replicas at most, plenty for a province.
# An upload taken as a job (its file stored, the training service's own worker validates and stores
# it) is a few a day: 3, like a period's jobs.
# Succession entries, confidence-vote results and citizens' report conclusions are a few
# thousand a year province-wide: 3 each.
TOPICS: dict[str, int] = {
    "evaluation.units.v1": 3,
    "evaluation.positions.v1": 3,
    "evaluation.cadres.v1": 6,
    "evaluation.gaps.v1": 6,
    "evaluation.standards.v1": 3,
    "evaluation.scores.v1": 6,
    "evaluation.risk-flags.v1": 3,
    "evaluation.periods.v1": 3,
    "evaluation.succession.v1": 3,
    "survey.responses.v1": 12,
    "survey.confidence.v1": 3,
    "survey.reports.v1": 3,
    "training.results.v1": 6,
    "training.uploads.v1": 3,
    "evaluation.notifications.v1": 3,
    "training.notifications.v1": 3,
    "survey.notifications.v1": 3,
}
DLT_PARTITIONS = 1


def dead_letter(topic: str) -> str:
    return f"{topic}.dlt"


def wanted() -> dict[str, int]:
    topics = dict(TOPICS)
    topics.update({dead_letter(t): DLT_PARTITIONS for t in TOPICS})
    return topics


def ensure(bootstrap: str, replication: int = 1, min_isr: int = 1, timeout_s: float = 60.0,
           then: Callable[[KafkaAdminClient], object] | None = None) -> list[str]:
    """Create the missing topics, then call ``then`` with the same admin client; returns the names
    created. Retries until the broker answers."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), client_id="topics-ensure",
                                     request_timeout_ms=10000, bootstrap_timeout_ms=5000, **kafka_options())
            break
        except Exception as exc:  # broker still starting: try again until the deadline
            if time.monotonic() > deadline:
                raise
            log.warning("waiting for Kafka at %s: %s", bootstrap, exc.__class__.__name__)
            time.sleep(1)
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(name, parts, replication, topic_configs={"min.insync.replicas": str(min_isr)})
                   for name, parts in wanted().items() if name not in existing]
        if missing:
            try:
                admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass
        if then is not None:
            then(admin)
        return [t.name for t in missing]
    finally:
        admin.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["ensure"]:
        print("usage: python -m cadre_shared.topics ensure", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("kafka").setLevel(logging.CRITICAL)  # connection refusals while the broker starts
    created = ensure(env("KAFKA_BOOTSTRAP"), int(env("TOPIC_REPLICATION")), int(env("TOPIC_MIN_ISR")),
                     timeout_s=300)
    print(f"topics: {len(wanted())} wanted, {len(created)} created")
    return 0


if __name__ == "__main__":
    sys.exit(main())
