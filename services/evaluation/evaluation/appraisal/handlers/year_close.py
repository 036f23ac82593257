"""Closing the year (xếp loại cuối năm, PRODUCT.md §3.2), a first-class step like closing a period:
the request writes the year's new state with its event (``year.closing_requested``), the service's
own consumer (consumers.PERIOD_JOBS) runs the job (handlers.year_results) and the job's progress is
kept on the year's document, which the year page polls. Refused while a quarter of the year is not
closed, unless province HR confirms closing with the quarters as they are."""
from __future__ import annotations

import logging

from mongoengine.errors import NotUniqueError

from cadre_shared.auth import Principal
from cadre_shared.errors import ApiError

from ...common.events import event, update_where
from ...common.ids import utcnow
from ..domain.periods import CLOSED, CLOSING, OPEN
from ..domain.year_end import unclosed_quarters
from ..models.periods import Period
from ..models.years import EvaluationYear
from .period_jobs import run_job
from .periods import new_job
from .year_results import make_year_results

log = logging.getLogger(__name__)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_statuses(year: int) -> dict[str, str]:
    """code → status of the year's periods (periods are a few dozen documents)."""
    return {p.code: p.status for p in Period.objects(year=year).only("code", "status")}


def year_view(year: int) -> dict:
    doc = EvaluationYear._get_collection().find_one({"_id": str(year)}, {"outbox": 0}) or {}
    statuses = quarter_statuses(year)
    missing = unclosed_quarters(year, statuses)
    return {"year": year, "status": doc.get("status", OPEN), "closed_at": doc.get("closed_at"),
            "closed_by": doc.get("closed_by"), "results": doc.get("results"), "job": doc.get("job"),
            "open_quarters": doc.get("open_quarters") or [],
            "quarters": [{"quarter": q, "closed": q not in missing} for q in (1, 2, 3, 4)],
            "periods": [{"code": code, "status": status} for code, status in sorted(statuses.items())]}


def _refuse_open_quarters(year: int, missing: list[int]) -> None:
    names_vi = ", ".join(f"Quý {ROMAN[q]}" for q in missing)
    names_en = ", ".join(f"Q{q}" for q in missing)
    raise ApiError(409, f"Năm {year} còn quý chưa khóa kỳ đánh giá: {names_vi}. Hãy khóa các kỳ đó trước, hoặc xác nhận "
                        f"khóa năm với các quý như hiện có (confirm_open_quarters: true) / {year} has quarters not "
                        f"closed yet: {names_en}. Close them first, or confirm closing the year as it stands "
                        f"(confirm_open_quarters: true)", code="open_quarters")


def request_close_year(principal: Principal, year: int, confirm_open_quarters: bool) -> dict:
    """Open → closing with the job queued (202). Asking again while it runs answers the same job;
    after a failed job a new one is queued; a closed year is a 409."""
    code = str(year)
    doc = EvaluationYear._get_collection().find_one({"_id": code}, {"outbox": 0})
    status, job = (doc or {}).get("status", OPEN), (doc or {}).get("job") or {}
    if status == CLOSED:
        raise ApiError(409, f"Năm {year} đã khóa / {year} is already closed", code="year_closed")
    if status == CLOSING and job.get("kind") == "close" and job.get("status") != "failed":
        return year_view(year)
    missing = unclosed_quarters(year, quarter_statuses(year))
    if missing and not confirm_open_quarters:
        _refuse_open_quarters(year, missing)
    job = new_job("close")
    requested = event("year.closing_requested", code, {"year": year, "code": code, "job_id": job["id"],
                                                        "requested_by": principal.username, "open_quarters": missing})
    changes = {"status": CLOSING, "closed_by": principal.username, "open_quarters": missing, "job": job}
    if doc is None:
        created = EvaluationYear(id=code, year=year, **changes)
        created.stage_event(requested)
        try:
            created.save(force_insert=True)
        except NotUniqueError:
            pass  # another request made it first: that one's job runs
    else:
        # conditional on the status read: two requests at once queue one job (one document per year)
        update_where(EvaluationYear, {"_id": code, "status": status}, {"$set": changes}, [requested])
    return year_view(year)


def _save(code: str):
    def save(job: dict, events=(), **changes) -> bool:  # the year's job announces nothing when done
        return EvaluationYear._get_collection().update_one({"_id": code, "job.id": job["id"]},
                                                           {"$set": {"job": job, **changes}}).matched_count == 1
    return save


def close_year(envelope: dict) -> None:
    """The consumer's handler of ``year.closing_requested``: run the job it names, once."""
    payload = envelope["payload"]
    doc = EvaluationYear._get_collection().find_one({"_id": payload["code"]}, {"outbox": 0})
    if doc is None or (doc.get("job") or {}).get("id") != payload["job_id"]:
        log.warning("year %s: no job %s to run", payload["code"], payload["job_id"])
        return

    def work(progress):
        results = make_year_results(payload["year"], progress)
        return {"status": CLOSED, "closed_at": utcnow(), "results": results}
    run_job(doc.get("job"), "close", _save(payload["code"]), work)
