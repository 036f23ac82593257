"""Idempotent Kafka consumer runner.

- auto-commit off; offset + 1 is committed only after the effect is stored;
- each effect happens once: a ledger of processed event ids per consumer is checked
  first, and handlers key their writes by event id or version so a redelivery after
  a crash (effect stored, ledger/commit not yet) changes nothing; event types whose
  handler is idempotent on its own (``ledger_free_types``: a write keyed by the event's
  subject, which a repeat cannot change) skip the ledger and its two store round trips;
- a record that cannot be decoded — null value, not JSON, nested too deep to parse, not an
  envelope, an unknown type, a payload failing its contract — goes to ``<topic>.dlt`` with
  headers (origin topic, partition, offset, consumer, error, see ``dead_letters``) and
  consumption goes on;
- a store outage is waited out (the offset is not committed, the message is retried);
  any other handler error is retried a bounded number of times, then dead-lettered;
- survives rebalances (CommitFailedError: redelivery is absorbed) and stops on SIGTERM;
- anything else ends ``run`` loudly (logged with its trace, kept in ``failure``): the worker
  process watching its runners' threads then exits, so its supervisor restarts it, rather
  than a dead thread leaving a process that looks alive and consumes nothing.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable

from kafka import KafkaConsumer, KafkaProducer
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata
from mongoengine import DateTimeField, Document, StringField
from pymongo.errors import ConnectionFailure, DuplicateKeyError

from . import dead_letters
from .connections import kafka_options
from .envelope import decode
from .metrics import CONSUMER_EVENTS, CONSUMER_LAG, DEAD_LETTERED, EVENT_DELIVERY
from .retention import cutoff

log = logging.getLogger(__name__)
GATHER_BYTES = 64 * 1024  # what a gathering consumer's fetch waits for (``ConsumerSpec.gather_ms``): ~100 events


class PoisonMessage(Exception):
    """A handler's verdict that this event can never be applied (goes to the dead-letter topic)."""


def insert_once(collection, document: dict) -> bool:
    """Insert ``document`` whose ``_id`` is derived from the event (event id, response id…).
    False when it is already there: the effect of a redelivered event is not repeated."""
    try:
        collection.insert_one(document)
        return True
    except DuplicateKeyError:
        return False


class ProcessedEvent(Document):
    """Ledger: ``<consumer>:<event id>`` of every event whose effect is stored."""

    meta = {"collection": "processed_events", "indexes": ["processed_at"]}
    id = StringField(primary_key=True)
    processed_at = DateTimeField(required=True)


def purge_ledger(day: date) -> dict:
    """The ledger's entries older than its retention (cadre_shared.retention "consumer_ledger", well
    beyond the topics' 14 days): an event that old is never delivered again. Every service's worker
    runs it daily (``ledger-purge``); it reads the whole ledger on the embedded store, once a day."""
    removed = ProcessedEvent.objects(processed_at__lt=cutoff("consumer_ledger", day)).delete()
    return {"ledger_entries_purged": removed}


@dataclass
class ConsumerSpec:
    name: str
    topics: list[str]
    handler: Callable[[dict], None]
    max_attempts: int = 5
    event_types: set[str] | None = field(default=None)  # None: all types on the topics
    ledger_free_types: frozenset[str] = frozenset()  # handled idempotently without the ledger
    # runs of events of these (ledger-free) types applied in one go: a few store round trips for a
    # whole poll instead of one or more per event; as idempotent as ``handler``
    batch_handler: Callable[[list[dict]], None] | None = None
    batch_types: frozenset[str] = frozenset()
    # a read model that need not be current to the moment (HR's lists of answers): the broker may hold
    # a fetch up to this long to gather more events, so each batch is larger and costs fewer round
    # trips per event (0: each fetch answered as soon as there is anything)
    gather_ms: int = 0


class ConsumerRunner:
    def __init__(self, service: str, spec: ConsumerSpec, bootstrap: str, *,
                 after_effect: Callable[[dict], None] | None = None,
                 before_commit: Callable[[dict], None] | None = None, poll_timeout_ms: int = 500):
        self.service = service
        self.spec = spec
        self.bootstrap = bootstrap
        self.group_id = f"{service}.{spec.name}"
        # fault-injection hooks for tests: between the effect and the ledger, and between the ledger and the commit
        self.after_effect = after_effect
        self.before_commit = before_commit
        self.poll_timeout_ms = poll_timeout_ms
        self._stop = threading.Event()
        self._consumer: KafkaConsumer | None = None
        self._dlt_producer: KafkaProducer | None = None
        self._lag_measured_at = 0.0
        self.failure: BaseException | None = None  # what ended ``run`` other than a stop

    # lifecycle -----------------------------------------------------------------
    def stop(self, *_args) -> None:
        self._stop.set()

    def _connect(self) -> None:
        self._consumer = KafkaConsumer(
            *self.spec.topics,
            bootstrap_servers=self.bootstrap.split(","),
            group_id=self.group_id,
            client_id=f"{self.group_id}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=200,
            **({"fetch_min_bytes": GATHER_BYTES, "fetch_max_wait_ms": self.spec.gather_ms} if self.spec.gather_ms else {}),
            session_timeout_ms=15000,
            heartbeat_interval_ms=3000,
            max_poll_interval_ms=300000,
            **kafka_options(),
        )

    def run(self, install_signal_handlers: bool = True) -> None:
        if install_signal_handlers:
            signal.signal(signal.SIGTERM, self.stop)
            signal.signal(signal.SIGINT, self.stop)
        log.info("consumer %s started on %s", self.group_id, self.spec.topics)
        try:
            while not self._stop.is_set():
                try:
                    if self._consumer is None:
                        self._connect()
                    self.poll_once()
                except KafkaError as exc:
                    log.warning("consumer %s: Kafka error %s, reconnecting", self.group_id, exc)
                    self._close()
                    self._stop.wait(1.0)
        except Exception as exc:
            self.failure = exc
            log.critical("consumer %s stopped by an unexpected error", self.group_id, exc_info=True)
        finally:
            self._close()
        log.info("consumer %s stopped", self.group_id)

    def _close(self) -> None:
        for client in (self._consumer, self._dlt_producer):
            if client is not None:
                try:
                    client.close()
                except Exception:
                    pass
        self._consumer = self._dlt_producer = None

    # processing ----------------------------------------------------------------
    def poll_once(self) -> int:
        started = time.monotonic()
        batches = self._consumer.poll(timeout_ms=self.poll_timeout_ms)
        if not batches and time.monotonic() - started < self.poll_timeout_ms / 10_000:
            # kafka-python 3.0 can answer an idle poll at once, again and again (a fetch future
            # that keeps waking its wait): seen holding a core at 77% for a whole test run.
            # An idle consumer then waits a tenth of its poll timeout before asking again.
            self._stop.wait(self.poll_timeout_ms / 10_000)
        done, commits = 0, {}
        for tp, records in batches.items():
            finished = None  # offset of the last record finished with
            pending: list = []  # (record, event) of a run of events the batch handler takes
            for record in records:
                if self._stop.is_set():
                    break
                event = self._batchable(record)
                if event is not None:
                    pending.append((record, event))
                    continue
                if pending:
                    target, finished, pending = pending[-1][0].offset, self._apply_batch(pending, finished), []
                    if finished != target:
                        break  # the run stopped at an outage: retried from there on the next poll
                if not self._process(record):
                    break
                finished = record.offset
            if pending and not self._stop.is_set():
                finished = self._apply_batch(pending, finished)
            if finished is not None:
                commits[tp] = OffsetAndMetadata(finished + 1, "", -1)
                done += sum(1 for r in records if r.offset <= finished)
            last = records[-1].offset
            if finished is None or finished < last:
                # store outage or stop: rewind to the first record not finished, retried on the next poll
                self._consumer.seek(tp, records[0].offset if finished is None else finished + 1)
        # one commit per poll for every partition it finished with (a busy topic's poll spans many
        # partitions: a commit each was most of the broker's work per event); a crash before it
        # redelivers the poll's events, which the ledger and the idempotent handlers absorb
        if commits:
            self._commit(commits)
        self._measure_lag()
        return done

    def _batchable(self, record) -> dict | None:
        """The event of ``record`` when the batch handler may take it, else None (``_process`` then
        handles the record, undecodable ones included)."""
        if self.spec.batch_handler is None or record.value is None:
            return None
        try:
            event = decode(record.value)
        except Exception:  # noqa: BLE001 — _process dead-letters it with the reason
            return None
        kind = event["type"]
        return event if kind in self.spec.batch_types and kind in self.spec.ledger_free_types else None

    def _apply_batch(self, pending: list, finished: int | None) -> int | None:
        """Apply a run of batchable events at once; on any failure, one by one through ``_process``
        (its retries, outage wait and dead-lettering). Returns the last offset finished with."""
        try:
            self.spec.batch_handler([event for _record, event in pending])
            for _record, event in pending:
                if self.after_effect is not None:
                    self.after_effect(event)
                if self.before_commit is not None:
                    self.before_commit(event)
            CONSUMER_EVENTS.labels(self.service, self.group_id, "applied").inc(len(pending))
            self._delivered([event for _record, event in pending])
            return pending[-1][0].offset
        except Exception as exc:  # noqa: BLE001
            log.warning("consumer %s: batch of %d failed (%s), applying one by one", self.group_id, len(pending),
                        exc.__class__.__name__)
        for record, _event in pending:
            if not self._process(record):
                return finished
            finished = record.offset
        return finished

    def _measure_lag(self, every: float = 5.0) -> None:
        """Records behind the end of each assigned partition (from what the broker last told)."""
        if time.monotonic() - self._lag_measured_at < every:
            return
        self._lag_measured_at = time.monotonic()
        for tp in self._consumer.assignment():
            try:
                end, position = self._consumer.highwater(tp), self._consumer.position(tp, timeout_ms=0)
            except KafkaError:
                continue  # revoked meanwhile
            if end is not None and position is not None:
                CONSUMER_LAG.labels(self.service, self.group_id, tp.topic, str(tp.partition)).set(max(end - position, 0))

    def _commit(self, offsets: dict) -> None:
        try:
            self._consumer.commit(offsets)
        except CommitFailedError as exc:
            # partition moved to another member during a rebalance; it will redeliver
            # from the last committed offset and the ledger absorbs the repeat
            log.warning("consumer %s: commit failed after rebalance (%s)", self.group_id, exc)

    def _process(self, record) -> bool:
        """True when the record is finished with (applied, skipped or dead-lettered)."""
        if record.value is None:
            self._dead_letter(record, "null value (tombstone): no envelope")
            return True
        try:
            event = decode(record.value)
        except RecursionError:
            self._dead_letter(record, "undecodable: JSON nested too deeply")
            return True
        except Exception as exc:  # not UTF-8, not JSON, not an envelope, unknown type, invalid payload
            self._dead_letter(record, f"undecodable or invalid: {exc.__class__.__name__}: {exc}")
            return True
        if self.spec.event_types is not None and event["type"] not in self.spec.event_types:
            CONSUMER_EVENTS.labels(self.service, self.group_id, "skipped").inc()
            return True
        ledger_id = None if event["type"] in self.spec.ledger_free_types else f"{self.spec.name}:{event['event_id']}"
        backoff = 0.2
        attempt = 0
        while not self._stop.is_set():
            attempt += 1
            try:
                if ledger_id is not None and ProcessedEvent.objects(id=ledger_id).first() is not None:
                    CONSUMER_EVENTS.labels(self.service, self.group_id, "duplicate").inc()
                    return True
                self.spec.handler(event)
                if self.after_effect is not None:
                    self.after_effect(event)
                if ledger_id is not None:
                    try:
                        ProcessedEvent(id=ledger_id, processed_at=datetime.now(timezone.utc)).save(force_insert=True)
                    except DuplicateKeyError:
                        pass
                if self.before_commit is not None:
                    self.before_commit(event)
                CONSUMER_EVENTS.labels(self.service, self.group_id, "applied").inc()
                self._delivered([event])
                return True
            except PoisonMessage as exc:
                self._dead_letter(record, f"rejected by handler: {exc}")
                return True
            except ConnectionFailure as exc:
                log.warning("consumer %s: store unavailable (%s), waiting", self.group_id, exc.__class__.__name__)
                self._stop.wait(min(backoff, 5.0))
                backoff *= 2
                if backoff > 10:
                    return False
            except Exception as exc:
                if attempt >= self.spec.max_attempts:
                    log.exception("consumer %s: giving up on event %s", self.group_id, event["event_id"])
                    self._dead_letter(record, f"handler failed {attempt} times: {exc.__class__.__name__}: {exc}")
                    return True
                log.warning("consumer %s: attempt %d failed (%s), retrying", self.group_id, attempt, exc)
                self._stop.wait(min(0.2 * 2 ** attempt, 5.0))
        return False

    def _delivered(self, events: list[dict]) -> None:
        """How long each event took from its occurrence to its effect here (P2 of the benchmark)."""
        now = datetime.now(timezone.utc)
        histogram = EVENT_DELIVERY.labels(self.service, self.group_id)
        for event in events:
            try:
                histogram.observe(max((now - datetime.fromisoformat(event["occurred_at"])).total_seconds(), 0.0))
            except (KeyError, TypeError, ValueError):
                pass  # no usable time: nothing to measure

    def _dead_letter(self, record, error: str) -> None:
        if self._dlt_producer is None:
            self._dlt_producer = KafkaProducer(bootstrap_servers=self.bootstrap.split(","),
                                               client_id=f"{self.group_id}.dlt", acks="all",
                                               **kafka_options())
        dead_letters.send(self._dlt_producer, record, self.group_id, error)
        DEAD_LETTERED.labels(self.service, self.group_id, record.topic).inc()
        CONSUMER_EVENTS.labels(self.service, self.group_id, "dead_lettered").inc()
        log.error("consumer %s: dead-lettered %s/%d@%d: %s", self.group_id, record.topic,
                  record.partition, record.offset, error[:200])
