"""Long work run as a job, never inside a request, with its progress kept where the page reads it.

The request stores what the job needs with an event naming the job (an outbox event in the same
write); the service's own consumer of that event runs the job through ``run_job``, which keeps the
job's state (queued, running, done, failed; done of total) through the caller's ``save``. A job
stopped by a restart runs again when its event is delivered again, so ``work`` must resume: every
step written once (the period's closing in the evaluation service, a large course-results upload in
the training service)."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime, timezone
from typing import Callable

log = logging.getLogger(__name__)
REPORT_EVERY = 10  # steps between two progress writes, by default


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_job(kind: str, **extra) -> dict:
    return {"id": uuid.uuid4().hex, "kind": kind, "status": "queued", "done": 0, "total": None, "queued_at": utcnow(),
            "started_at": None, "finished_at": None, "error": None, **extra}


class Superseded(Exception):
    """The job is no longer the one its document names (a newer job replaced it, or another runner
    took it over): its progress is not written over the other's, and it stops."""


def run_job(job: dict | None, kind: str, save: Callable[..., bool], work,
            done_events: tuple[dict, ...] = (), report_every: int = REPORT_EVERY) -> None:
    """Run ``work(progress)`` as the job ``job`` of kind ``kind`` (nothing when it is another's or done),
    keeping its state with ``save(job, events=(), **changes)`` (False: the job is no longer the
    current one, and it stops): the changes ``work`` returns are saved with "done", together with
    ``done_events``. ``progress(done, total, force=False, **fields)`` saves every ``report_every``
    steps (always at the last one, or with ``force``), with any other fields of the job."""
    job = dict(job or {})
    if job.get("kind") != kind or job.get("status") == "done":
        return
    job.update(status="running", started_at=job.get("started_at") or utcnow(), error=None)
    if not save(job):
        return

    def progress(done: int, total: int, force: bool = False, **fields) -> None:
        job.update(fields)
        if force or done % report_every == 0 or done == total:
            job.update(done=done, total=total)
            if not save(job):
                raise Superseded

    try:
        changes = work(progress) or {}
    except Superseded:
        log.info("job %s (%s) was replaced by a newer one: stopped", job.get("id"), kind)
        return
    except Exception as exc:  # the consumer retries; the page shows what happened meanwhile
        job.update(status="failed", error=f"{exc.__class__.__name__}: {exc}"[:500])
        save(job)
        raise
    job.update(status="done", finished_at=utcnow())
    save(job, done_events, **changes)
