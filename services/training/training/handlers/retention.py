"""The training service's part of the retention table (cadre_shared.retention): the per-row problems of
uploads past their period are removed; each upload's totals (rows, accepted, rejected…) stay.
Reads the whole collection on the embedded store: once a day, in the worker."""
from __future__ import annotations

from datetime import date

from cadre_shared.retention import cutoff

from ..models import UploadBatch


def purge(day: date) -> dict:
    batches, purged = UploadBatch._get_collection(), 0
    for batch in batches.find({"uploaded_at": {"$lt": cutoff("upload_reports", day)}}, {"problems": 1}):
        if batch.get("problems"):
            purged += batches.update_one({"_id": batch["_id"]}, {"$set": {"problems": []}}).modified_count
    return {"upload_reports_purged": purged}
