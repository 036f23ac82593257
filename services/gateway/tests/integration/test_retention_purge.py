"""The gateway's retention purge: client addresses in the audit trail are erased when their period
ends, the records stay and the chain still verifies (it holds each address's keyed digest)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from cadre_shared.clock import today
from cadre_shared.retention import days
from gateway.auth.keys import audit_key
from gateway.consumers import JOBS
from gateway.handlers import audit_trail
from gateway.models import AuditRecord

from .conftest import sign_in

pytestmark = pytest.mark.integration
PURGE = JOBS["retention-purge"]


def test_addresses_in_the_audit_trail_are_erased_after_their_period_and_the_chain_holds(client, gateway_app):
    assert sign_in(client, ip="10.9.8.7").status_code == 200
    record = AuditRecord.objects(ip="10.9.8.7").first()
    assert record is not None and record.action == "auth.sign_in"
    last_day_kept = today() + timedelta(days=days("audit_ip_addresses"))
    assert PURGE.run(last_day_kept)["addresses_erased"] == 0
    assert PURGE.run(last_day_kept + timedelta(days=1))["addresses_erased"] >= 1
    erased = AuditRecord.objects(seq=record.seq).first()
    assert erased.ip is None and erased.action == "auth.sign_in" and erased.ip_mac == record.ip_mac
    key = audit_key(gateway_app.config)
    assert audit_trail.verify(key).problems == []
    AuditRecord._get_collection().update_one({"_id": record.seq}, {"$set": {"ip": "10.0.0.1"}})
    try:  # an address put back by hand is not the one recorded
        assert [(p.seq, p.kind) for p in audit_trail.verify(key).problems] == [(record.seq, "altered")]
    finally:
        AuditRecord._get_collection().update_one({"_id": record.seq}, {"$set": {"ip": None}})
