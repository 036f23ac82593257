"""Jobs a service's worker runs once a day (Vietnam's calendar), beside its consumers.

A service names them in ``<service>.consumers`` as ``JOBS`` (name → ``DailyJob``); ``python -m
cadre_shared.workers <service> consume`` runs each in a thread: once when the worker starts (if that
day's run is not done yet), then shortly after each local midnight. Several workers of a service
(replicas) may run: the first to insert the day's ``JobRun`` (``_id`` "<job>|<day>") runs it, the
others skip that day. A run that fails gives its day back (the next check, a few minutes later,
tries again); a worker killed in the middle of a run leaves the day taken, and the next day's run
catches up — so a job must be idempotent and judge by dates, never by "since the last run".

``python -m cadre_shared.daily_jobs <service> <job> [yyyy-mm-dd]`` runs a job now for a day (today by
default), whether or not a worker ran it that day: an operator catching up, a test.
"""
from __future__ import annotations

import importlib
import json
import logging
import sys
import threading
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable

from mongoengine import DateTimeField, DictField, Document, StringField
from mongoengine.errors import NotUniqueError

from .clock import today, vietnam_now
from .consumer import purge_ledger

log = logging.getLogger(__name__)
AFTER_MIDNIGHT = timedelta(minutes=5)
RETRY_AFTER_FAILURE = timedelta(minutes=10)


class JobRun(Document):
    """One day's run of one job."""
    meta = {"collection": "job_runs"}
    id = StringField(primary_key=True)  # "<job>|<ISO day>"
    started_at = DateTimeField(required=True)
    finished_at = DateTimeField(null=True)
    outcome = DictField()


@dataclass
class DailyJob:
    name: str
    run: Callable[[date], dict]  # the day → a summary of what it did (logged and kept with the run)

    def run_once(self, day: date) -> dict | None:
        """Run for ``day`` unless a worker already took it; the run's summary, None when skipped."""
        run_id = f"{self.name}|{day.isoformat()}"
        try:
            JobRun(id=run_id, started_at=datetime.now(timezone.utc)).save(force_insert=True)
        except NotUniqueError:
            return None
        try:
            outcome = self.run(day)
        except Exception:
            JobRun.objects(id=run_id).delete()  # the day is free again for the next try
            raise
        JobRun.objects(id=run_id).update_one(set__finished_at=datetime.now(timezone.utc), set__outcome=outcome)
        log.info("daily job %s ran for %s: %s", self.name, day.isoformat(), outcome)
        return outcome

    def run_forever(self, stop: threading.Event) -> None:
        """Until ``stop``: today's run now, then one after each local midnight; failures are logged and
        retried, never end the thread (a consumer process must not stop for a job)."""
        while not stop.is_set():
            wait = self._seconds_until_next(vietnam_now())
            try:
                self.run_once(today())
            except Exception:  # noqa: BLE001 — logged, tried again later
                log.exception("daily job %s failed; trying again in %s", self.name, RETRY_AFTER_FAILURE)
                wait = RETRY_AFTER_FAILURE.total_seconds()
            stop.wait(wait)

    @staticmethod
    def _seconds_until_next(now: datetime) -> float:
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)
        return max(60.0, (midnight + AFTER_MIDNIGHT - now).total_seconds())


LEDGER_PURGE = DailyJob("ledger-purge", purge_ledger)  # every service's: its consumers' ledger


def daily_jobs_of(consumers_module) -> dict[str, DailyJob]:
    """A service's daily jobs: its own (``JOBS`` of ``<service>.consumers``) and every service's."""
    return {LEDGER_PURGE.name: LEDGER_PURGE, **getattr(consumers_module, "JOBS", {})}


def main(argv: list[str] | None = None) -> int:
    from . import db, logging_setup
    from .config import service_config

    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    service, name = argv[0], argv[1]
    cfg = service_config(service)
    logging_setup.configure(f"{service}-job", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"])
    importlib.import_module(f"{service}.models")
    job = daily_jobs_of(importlib.import_module(f"{service}.consumers")).get(name)
    if job is None:
        print(f"{service} has no daily job {name!r}", file=sys.stderr)
        return 2
    print(json.dumps(job.run(date.fromisoformat(argv[2]) if len(argv) == 3 else today())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
