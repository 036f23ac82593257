"""The ACL set-up returns only once the broker lists every ACL it created (KRaft applies them a moment
after CreateAcls answers) and says which are missing when they never appear."""
from __future__ import annotations

import pytest

from cadre_shared import kafka_acls


class _Broker:
    """An admin client whose broker lists the created ACLs only after ``lag`` DescribeAcls calls."""

    def __init__(self, lag: int, refused: list | None = None):
        self.lag, self.refused, self.created, self.describes = lag, refused or [], [], 0

    def create_acls(self, acls):
        self.created = list(acls)
        return {"succeeded": [], "failed": self.refused}

    def describe_acls(self, _filter):
        self.describes += 1
        listed = self.created if self.describes > self.lag else self.created[: len(self.created) // 2]
        return listed, None


def test_apply_waits_until_the_broker_lists_every_acl(monkeypatch):
    monkeypatch.setattr(kafka_acls.time, "sleep", lambda _s: None)
    broker = _Broker(lag=3)
    count = kafka_acls.apply(broker)
    assert count == sum(len(kafka_acls.grants(service)) for service in kafka_acls.SERVICES)
    assert broker.describes == 4  # three answers with half the ACLs, then all of them


def test_apply_names_the_missing_acls_when_the_broker_never_lists_them(monkeypatch):
    monkeypatch.setattr(kafka_acls.time, "sleep", lambda _s: None)
    with pytest.raises(RuntimeError, match=r"lists \d+ of the \d+ ACLs after 0 s; missing"):
        kafka_acls.apply(_Broker(lag=10**9), timeout_s=0)


def test_apply_fails_at_once_when_the_broker_refuses_an_acl():
    broker = _Broker(lag=0, refused=["refused"])
    with pytest.raises(RuntimeError, match="1 Kafka ACLs were refused"):
        kafka_acls.apply(broker)
    assert broker.describes == 0
