"""Who may do what on Kafka: each service writes only the topics it owns and reads only the topics
its consumers read, with its own consumer groups (issue 18).

The table is computed from the code — topic ownership is the topic's first name part
(``survey.responses.v1`` is the survey's), what a service reads is its ``CONSUMERS`` registry — so
a new consumer or topic changes it in one place:

- a service **writes** its own topics (the outbox relay) and the dead-letter topic of every topic it
  reads (its consumers dead-letter there);
- it **reads** the topics it consumes and their dead-letter topics (``replay list``);
- its consumer groups are ``<service>.<consumer name>`` (``ConsumerRunner``): Read on the prefix.

Nothing else: the gateway owns no topic. The broker's own user and the topic set-up user are super
users (deploy/compose/kafka/server.properties); re-delivering a dead letter to another owner's topic
(``replay redeliver``) is therefore run as the set-up user. Applied by
``python -m cadre_shared.kafka_acls ensure`` (the topics, then the ACLs: compose's topic job); on Kubernetes the same table is the
``authorization`` of each Strimzi KafkaUser (deploy/k8s/strimzi/kafka-users.yaml, checked equal by
tests/deploy/test_k8s.py).
"""
from __future__ import annotations

import importlib
import logging
import sys
import time
from dataclasses import dataclass

from kafka.admin import (ACL, ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern,
                         ResourcePatternFilter, ResourceType)

from . import topics
from .config import env
from .topics import TOPICS, dead_letter

SERVICES = ("evaluation", "survey", "training", "gateway")


@dataclass(frozen=True)
class Grant:
    """One allowed operation: ``resource`` is "topic" or "group", ``pattern`` "literal" or "prefix"."""
    resource: str
    name: str
    pattern: str
    operation: str


def consumed_topics(service: str) -> list[str]:
    registry = importlib.import_module(f"{service}.consumers").CONSUMERS
    return sorted({topic for spec in registry.values() for topic in spec.topics})


def owned_topics(service: str) -> list[str]:
    return sorted(topic for topic in TOPICS if topic.split(".", 1)[0] == service)


def grants(service: str) -> list[Grant]:
    """The operations ``service``'s Kafka user is allowed, and no more."""
    consumed = consumed_topics(service)
    written = owned_topics(service) + [dead_letter(t) for t in consumed]
    read = consumed + [dead_letter(t) for t in consumed]
    return ([Grant("topic", t, "literal", "write") for t in sorted(set(written))]
            + [Grant("topic", t, "literal", "read") for t in sorted(set(read))]
            + [Grant("group", f"{service}.", "prefix", "read")])


def table() -> dict[str, list[Grant]]:
    return {service: grants(service) for service in SERVICES}


def kafka_acls(principal: str, service: str) -> list[ACL]:
    """``grants(service)`` as the admin client's ACL objects for ``User:<principal>``."""
    kinds = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}
    patterns = {"literal": ACLResourcePatternType.LITERAL, "prefix": ACLResourcePatternType.PREFIXED}
    return [ACL(f"User:{principal}", "*", ACLOperation[g.operation.upper()], ACLPermissionType.ALLOW,
                ResourcePattern(kinds[g.resource], g.name, patterns[g.pattern]))
            for g in grants(service)]


def apply(admin, principal_of=lambda service: service, timeout_s: float = 120.0) -> int:
    """Create every service's ACLs (creating one that exists changes nothing) and return how many once
    the broker enforces them all.

    In KRaft, CreateAcls answers when the controller has committed the ACLs; each broker applies them
    when it replays its metadata log, a moment later (seconds on a busy machine). The services start
    when the set-up job has finished, so the job waits until the broker lists every ACL: otherwise a
    service's first produce can be refused as if it had no rights (seen in CI)."""
    acls = [acl for service in SERVICES for acl in kafka_acls(principal_of(service), service)]
    result = admin.create_acls(acls)
    failed = result.get("failed") or []
    if failed:
        raise RuntimeError(f"{len(failed)} Kafka ACLs were refused: {failed[:3]}")
    _wait_until_listed(admin, acls, timeout_s)
    return len(acls)


def _key(acl: ACL) -> tuple:
    pattern = acl.resource_pattern
    return (acl.principal, acl.operation, acl.permission_type, pattern.resource_type, pattern.resource_name,
            pattern.pattern_type)


def _wait_until_listed(admin, acls: list[ACL], timeout_s: float) -> None:
    every = ACLFilter(principal=None, host="*", operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                      resource_pattern=ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY))
    wanted = {_key(acl) for acl in acls}
    deadline = time.monotonic() + timeout_s
    while True:
        listed, _error = admin.describe_acls(every)
        missing = wanted - {_key(acl) for acl in listed}
        if not missing:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the broker lists {len(wanted) - len(missing)} of the {len(wanted)} ACLs after "
                               f"{timeout_s:.0f} s; missing e.g. {sorted(map(str, missing))[:3]}")
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["ensure"]:
        print("usage: python -m cadre_shared.kafka_acls ensure", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("kafka").setLevel(logging.CRITICAL)  # connection refusals while the broker starts
    applied = []
    created = topics.ensure(env("KAFKA_BOOTSTRAP"), int(env("TOPIC_REPLICATION")), int(env("TOPIC_MIN_ISR")),
                            timeout_s=300, then=lambda admin: applied.append(apply(admin)))
    print(f"topics: {len(topics.wanted())} wanted, {len(created)} created; ACLs: {applied[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
