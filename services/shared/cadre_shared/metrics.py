"""Prometheus metrics of a Cadre360 service (``GET /metrics``, text format).

One service runs as several processes: gunicorn's workers, its outbox relay and its consumers.
When ``PROMETHEUS_MULTIPROC_DIR`` is set (make run, the test harness and the container image
set it; it must be set before this module is imported), every process writes its samples to
files in that directory and ``/metrics`` of any of them reads them all, so one scrape of the
service shows its requests, its relay's backlog and its consumers' lag. Locally the relay and
the consumers share the directory of their service's web processes. A worker in a container or
pod of its own (compose, Kubernetes) cannot share files with the web pods: it serves the same
text on ``C360_METRICS_PORT`` (see ``serve_worker_metrics``). Without the directory (``flask
run``, unit tests) each process serves its own samples.

Gauges use the ``mostrecent`` mode: the value written last by any process wins, so a worker
restarted after a crash replaces what its dead predecessor wrote."""
from __future__ import annotations

import os
import time

from flask import Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Gauge, Histogram,
                               generate_latest, multiprocess, start_http_server)

MULTIPROC = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
UNMATCHED = "<unmatched>"
_NOT_TIMED = {"/metrics", "/healthz", "/readyz"}

HTTP_REQUESTS = Counter("c360_http_requests_total", "HTTP requests answered, per route (URL rule) and status",
                        ["service", "route", "method", "status"])
HTTP_LATENCY = Histogram("c360_http_request_duration_seconds", "Time to answer an HTTP request, per route",
                         ["service", "route", "method"],
                         buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
CONSUMER_LAG = Gauge("c360_consumer_lag", "Records on a partition not yet processed by a consumer group",
                     ["service", "group", "topic", "partition"], multiprocess_mode="mostrecent")
CONSUMER_EVENTS = Counter("c360_consumer_events_total", "Records a consumer finished with, per outcome",
                          ["service", "group", "outcome"])
DEAD_LETTERED = Counter("c360_consumer_dead_lettered_total", "Records sent to a dead-letter topic",
                        ["service", "group", "topic"])
OUTBOX_BACKLOG = Gauge("c360_outbox_backlog", "Events stored and not yet published, per collection",
                       ["service", "collection"], multiprocess_mode="mostrecent")
OUTBOX_OLDEST_AGE = Gauge("c360_outbox_oldest_age_seconds", "Age of the oldest unpublished event, per collection",
                          ["service", "collection"], multiprocess_mode="mostrecent")
OUTBOX_PUBLISHED = Counter("c360_outbox_published_total", "Events published to Kafka by the relay", ["service"])
QUARANTINED = Counter("c360_outbox_quarantined_total", "Events the relay could not publish and set aside",
                      ["service"])
QUARANTINE_SIZE = Gauge("c360_outbox_quarantine_size", "Events waiting in quarantine", ["service"],
                        multiprocess_mode="mostrecent")
KIOSK_ANSWERS = Counter("c360_kiosk_answers_total", "Citizens' answers, accepted (new or replayed) or refused",
                        ["outcome", "status"])
EVENT_DELIVERY = Histogram("c360_event_delivery_seconds", "From an event's occurrence (its envelope's occurred_at) "
                           "to its effect stored by a consumer", ["service", "group"],
                           buckets=(0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300))
STORE_COMMANDS = Counter("c360_store_commands_total", "Commands sent to the store (round-trips), per process "
                         "kind (web, relay, consume) and command name", ["process", "command"])
WORKER_THREADS = Gauge("c360_worker_threads_alive", "Consumer threads alive in a worker process",
                       ["service", "process"], multiprocess_mode="mostrecent")


def registry():
    """What a scrape of this process shows: every process of the service in multiprocess mode."""
    if not MULTIPROC:
        return REGISTRY
    collected = CollectorRegistry()
    multiprocess.MultiProcessCollector(collected)
    return collected


def exposition() -> Response:
    return Response(generate_latest(registry()), mimetype=CONTENT_TYPE_LATEST)


def serve_worker_metrics() -> None:
    """A worker process on a host of its own serves /metrics on ``C360_METRICS_PORT`` (when set)."""
    port = os.environ.get("C360_METRICS_PORT")
    if port:
        start_http_server(int(port), addr=os.environ.get("C360_METRICS_ADDR", "0.0.0.0"), registry=registry())


def init_app(app) -> None:
    service = app.config["SERVICE_NAME"]

    @app.before_request
    def _start_timer():
        g.metrics_started = time.perf_counter()

    @app.after_request
    def _count(response):
        started = g.pop("metrics_started", None)
        if started is None or request.path in _NOT_TIMED:
            return response
        route = request.url_rule.rule if request.url_rule is not None else UNMATCHED
        HTTP_REQUESTS.labels(service, route, request.method, str(response.status_code)).inc()
        HTTP_LATENCY.labels(service, route, request.method).observe(time.perf_counter() - started)
        return response

    app.add_url_rule("/metrics", "metrics", exposition)
