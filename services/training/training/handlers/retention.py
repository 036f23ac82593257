"""The training service's part of the retention table (cadre_shared.retention): the per-row problems of
uploads past their period are removed; each upload's totals (rows, accepted, rejected…) stay.
Reads the whole collection on the embedded store: once a day, in the worker."""
from __future__ import annotations

from datetime import date

from cadre_shared.retention import cutoff

from ..models import UploadBatch, UploadProblems


def purge(day: date) -> dict:
    batches, reports, purged = UploadBatch._get_collection(), UploadProblems._get_collection(), 0
    for batch in batches.find({"uploaded_at": {"$lt": cutoff("upload_reports", day)}}, {"problems": 1}):
        purged += reports.delete_one({"_id": batch["_id"]}).deleted_count
        if batch.get("problems"):  # a batch stored before the problems were kept apart
            purged += batches.update_one({"_id": batch["_id"]}, {"$set": {"problems": []}}).modified_count
    return {"upload_reports_purged": purged}
