"""One command for a service's background workers.

``python -m cadre_shared.workers <service> relay``    publish the service's outbox
``python -m cadre_shared.workers <service> consume [NAME ...]``  run its consumers (all by default)

A service package declares ``OUTBOX_DOCUMENTS`` in ``<service>.models`` and
``CONSUMERS`` (name → ConsumerSpec) in ``<service>.consumers``. A service whose outbox is
not for Kafka (the gateway's notification e-mails) names its own relay instead:
``RELAY = "module:factory"`` in ``<service>.models``, ``factory(cfg)`` returning an object with ``run()``.

Each consumer runs in a thread of the ``consume`` process. A thread that ends without being
asked to (see ``ConsumerRunner.run``) makes the whole process stop the others and exit with
status 1: the supervisor (supervisord under make run, the container runtime, Kubernetes)
restarts it, and the restarted consumers resume from their committed offsets. A process that
kept running with one consumer dead would look healthy while that consumer's events pile up.
The ``consume`` process also runs the service's daily jobs (``JOBS`` in ``<service>.consumers``,
``cadre_shared.daily_jobs``) when it runs all its consumers.
"""
from __future__ import annotations

import importlib
import logging
import signal
import sys
import threading

from . import db, logging_setup, metrics
from .bus import make_producer
from .config import service_config
from .consumer import ConsumerRunner
from .daily_jobs import daily_jobs_of
from .relay import OutboxRelay

log = logging.getLogger(__name__)
SERVICES = ("evaluation", "survey", "training", "gateway")


def run_relay(service: str, cfg: dict) -> None:
    models = importlib.import_module(f"{service}.models")
    own = getattr(models, "RELAY", None)
    if own:
        module, _, factory = own.partition(":")
        relay = getattr(importlib.import_module(module), factory)(cfg)
    else:
        relay = OutboxRelay(models.OUTBOX_DOCUMENTS,
                            lambda: make_producer(cfg["KAFKA_BOOTSTRAP"], f"{service}.relay"), service=service)
    relay.run()


def run_consumers(service: str, cfg: dict, names: list[str], **hooks) -> int:
    """Runs the named consumers (all by default) until SIGTERM; returns the process's exit status:
    0 after a stop, 1 when a consumer thread died (``hooks``: the runner's fault-injection hooks)."""
    module = importlib.import_module(f"{service}.consumers")
    registry = module.CONSUMERS
    jobs = [] if names else list(daily_jobs_of(module).values())
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise SystemExit(f"unknown consumer(s) {unknown}; known: {sorted(registry)}")
    runners = [ConsumerRunner(service, registry[n], cfg["KAFKA_BOOTSTRAP"], **hooks)
               for n in (names or sorted(registry))]
    stop = threading.Event()

    def _stop(*_args):
        stop.set()
        for r in runners:
            r.stop()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    threads = [threading.Thread(target=r.run, kwargs={"install_signal_handlers": False}, name=r.group_id,
                                daemon=True) for r in runners]
    for t in threads:
        t.start()
    for job in jobs:  # a job's thread never ends on its own; it stops with the process
        threading.Thread(target=job.run_forever, args=(stop,), name=f"{service}.{job.name}", daemon=True).start()
    if not runners:
        log.info("%s has no consumers yet; idling until stopped", service)
    alive = metrics.WORKER_THREADS.labels(service, "consume")
    while not stop.wait(1.0):
        dead = [t.name for t in threads if not t.is_alive()]
        alive.set(len(threads) - len(dead))
        if dead:
            log.critical("consumer thread(s) %s died: stopping the process so that it is restarted", dead)
            _stop()
            for t in threads:
                t.join(timeout=30)
            return 1
    for t in threads:
        t.join()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in SERVICES or argv[1] not in ("relay", "consume"):
        print(__doc__, file=sys.stderr)
        return 2
    service, command, names = argv[0], argv[1], argv[2:]
    cfg = service_config(service)
    logging_setup.configure(f"{service}-{command}", cfg["LOG_LEVEL"])
    db.connect(cfg["MONGO_URI"], process=command)
    importlib.import_module(f"{service}.models")
    metrics.serve_worker_metrics()
    if command == "relay":
        run_relay(service, cfg)
        return 0
    return run_consumers(service, cfg, names)


if __name__ == "__main__":
    sys.exit(main())
