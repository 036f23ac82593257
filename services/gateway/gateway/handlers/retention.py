"""The gateway's part of the retention table (cadre_shared.retention): client addresses in audit records
past their period are erased; the records stay, and so does the chain, which holds each address's keyed
digest (``ip_mac``) rather than the address. Records chained before that digest existed hold their
address in the chain itself: they keep it (counted as ``addresses_kept_in_older_chain``).
Reads the whole trail on the embedded store: once a day, in the worker."""
from __future__ import annotations

from datetime import date

from cadre_shared.retention import cutoff

from ..models import AuditRecord


def purge(day: date) -> dict:
    records, before = AuditRecord._get_collection(), cutoff("audit_ip_addresses", day)
    erased = records.update_many({"at": {"$lt": before}, "ip": {"$ne": None}, "ip_mac": {"$exists": True}},
                                 {"$set": {"ip": None}})
    kept = records.count_documents({"at": {"$lt": before}, "ip": {"$ne": None}, "ip_mac": {"$exists": False}})
    return {"addresses_erased": erased.modified_count, "addresses_kept_in_older_chain": kept}
