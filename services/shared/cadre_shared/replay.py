"""List and re-deliver what a service could not handle, once its cause is fixed.

    python -m cadre_shared.replay <service> list      [--type T] [--key K] [--since ISO] [--until ISO]
    python -m cadre_shared.replay <service> redeliver [--type T] [--key K] [--since ISO] [--until ISO]

Two kinds of events are shown (``--only dead-letters|quarantine`` keeps one):
- dead letters: records a consumer of ``<service>`` gave up on, read from the ``.dlt`` topics of
  the topics it consumes. Re-delivery puts the original key and value back on the origin topic;
  every consumer of that topic dedupes by event id, so only the consumer that failed applies it.
  A record is re-delivered once (``replayed_dead_letters`` in the service's store remembers it);
  one still not a valid envelope is left where it is and said so.
- quarantined events: events of ``<service>``'s outbox the relay could not publish
  (``quarantine``). Re-delivery checks each again and publishes those that now pass; they leave
  quarantine once Kafka has acknowledged them.

Times filter on when an event was dead-lettered or quarantined (ISO 8601, UTC if no zone).
Exit status 0, or 1 when something selected could not be re-delivered.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from datetime import datetime, timezone

from kafka import KafkaConsumer, TopicPartition
from mongoengine import get_db

from . import bus, db, quarantine
from .config import service_config
from .connections import kafka_options
from .dead_letters import DeadLetter
from .envelope import decode
from .topics import dead_letter

REPLAYED = "replayed_dead_letters"


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def read_dead_letters(bootstrap: str, topics: list[str], consumer_prefix: str) -> list[DeadLetter]:
    """Every record of the dead-letter topics of ``topics`` that a consumer named ``consumer_prefix…`` left."""
    reader = KafkaConsumer(bootstrap_servers=bootstrap.split(","), group_id=None, enable_auto_commit=False,
                           **kafka_options())
    found = []
    try:
        for topic in sorted({dead_letter(t) for t in topics}):
            parts = [TopicPartition(topic, p) for p in sorted(reader.partitions_for_topic(topic) or ())]
            if not parts:
                continue
            reader.assign(parts)
            reader.seek_to_beginning(*parts)
            ends = reader.end_offsets(parts)
            while any(reader.position(tp) < ends[tp] for tp in parts):
                for batch in reader.poll(timeout_ms=1000).values():
                    for r in batch:
                        headers = {name: value.decode("utf-8", "replace") for name, value in r.headers or []}
                        if headers.get("consumer", "").startswith(consumer_prefix):
                            found.append(DeadLetter(r.topic, r.partition, r.offset,
                                                    datetime.fromtimestamp(r.timestamp / 1000, timezone.utc),
                                                    r.key.decode("utf-8", "replace") if r.key else None,
                                                    r.value, headers))
    finally:
        reader.close()
    return found


def _selected(args, event_type: str | None, key: str | None, at: datetime) -> bool:
    since, until = _moment(args.since), _moment(args.until)
    return ((args.type is None or event_type == args.type) and (args.key is None or key == args.key)
            and (since is None or at >= since) and (until is None or at <= until))


def dead_letters_of(service: str, cfg: dict, args) -> list[DeadLetter]:
    registry = importlib.import_module(f"{service}.consumers").CONSUMERS
    topics = sorted({t for spec in registry.values() for t in spec.topics})
    letters = read_dead_letters(cfg["KAFKA_BOOTSTRAP"], topics, f"{service}.") if topics else []
    return [d for d in letters if _selected(args, d.event_type, d.key, d.timestamp)]


def quarantined_of(args) -> list[dict]:
    docs = get_db()[quarantine.COLLECTION].find().sort("quarantined_at", 1)
    return [d for d in docs if _selected(args, d.get("event_type"), d.get("key"), _aware(d["quarantined_at"]))]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _letter_id(letter: DeadLetter) -> str:
    return f"{letter.dlt_topic}:{letter.partition}:{letter.offset}"


def redeliver_dead_letters(letters: list[DeadLetter], producer) -> tuple[int, list[str]]:
    replayed = get_db()[REPLAYED]
    done, problems = 0, []
    for letter in letters:
        if replayed.find_one({"_id": _letter_id(letter)}) is not None:
            continue
        try:
            decode(letter.value or b"")
        except Exception as exc:  # still no valid envelope: re-delivering it would only fail again
            problems.append(f"{_letter_id(letter)}: still undecodable ({exc.__class__.__name__})")
            continue
        headers = [("redelivered_from", _letter_id(letter).encode())]
        producer.send(letter.origin_topic, key=letter.key.encode() if letter.key else None, value=letter.value,
                      headers=headers).get(timeout=30)
        replayed.insert_one({"_id": _letter_id(letter), "event_id": letter.event_id,
                             "redelivered_at": datetime.now(timezone.utc)})
        done += 1
    return done, problems


def redeliver_quarantined(docs: list[dict], producer) -> tuple[int, list[str]]:
    store = get_db()[quarantine.COLLECTION]
    done, problems = 0, []
    for doc in docs:
        reason = quarantine.refusal(doc["event"])
        if reason is None:
            try:
                bus.send(producer, doc["event"]).get(timeout=30)
            except quarantine.PERMANENT as exc:
                reason = f"refused by Kafka: {exc.__class__.__name__}: {exc}"
        if reason is not None:
            store.update_one({"_id": doc["_id"]}, {"$set": {"reason": reason}})
            problems.append(f"{doc['_id']}: {reason}")
            continue
        store.delete_one({"_id": doc["_id"]})
        done += 1
    return done, problems


def _print_listing(letters: list[DeadLetter], docs: list[dict], as_json: bool) -> None:
    replayed = {d["_id"] for d in get_db()[REPLAYED].find({}, {"_id": 1})} if letters else set()
    rows = [{"source": "dead-letter", "at": d.timestamp.isoformat(), "type": d.event_type, "key": d.key,
             "event_id": d.event_id, "where": _letter_id(d), "consumer": d.headers.get("consumer"),
             "error": d.headers.get("error"), "redelivered": _letter_id(d) in replayed} for d in letters]
    rows += [{"source": "quarantine", "at": _aware(d["quarantined_at"]).isoformat(), "type": d.get("event_type"),
              "key": d.get("key"), "event_id": d["_id"], "where": f"{d['collection']}/{d['document_id']}",
              "consumer": None, "error": d.get("reason"), "redelivered": False} for d in docs]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return
    for row in rows:
        done = "  (re-delivered)" if row["redelivered"] else ""
        print(f"{row['source']:<11} {row['at'][:19]}  {row['type'] or '-'}  key={row['key'] or '-'}  "
              f"event={row['event_id'] or '-'}  {row['where']}  {row['consumer'] or ''}{done}\n"
              f"            {(row['error'] or '')[:200]}")
    print(f"{len(letters)} dead letter(s), {len(docs)} quarantined event(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("service", choices=("evaluation", "survey", "training", "gateway"))
    parser.add_argument("command", choices=("list", "redeliver"))
    parser.add_argument("--type"), parser.add_argument("--key")
    parser.add_argument("--since"), parser.add_argument("--until")
    parser.add_argument("--only", choices=("dead-letters", "quarantine"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    cfg = service_config(args.service)
    db.connect(cfg["MONGO_URI"])
    letters = dead_letters_of(args.service, cfg, args) if args.only != "quarantine" else []
    docs = quarantined_of(args) if args.only != "dead-letters" else []
    if args.command == "list":
        _print_listing(letters, docs, args.json)
        return 0
    producer = bus.make_producer(cfg["KAFKA_BOOTSTRAP"], f"{args.service}.replay")
    try:
        sent, problems = redeliver_dead_letters(letters, producer)
        published, refused = redeliver_quarantined(docs, producer)
    finally:
        producer.close(timeout=10)
    for problem in problems + refused:
        print(f"not re-delivered: {problem}", file=sys.stderr)
    print(f"re-delivered {sent} dead letter(s), published {published} quarantined event(s)")
    return 1 if problems or refused else 0


if __name__ == "__main__":
    sys.exit(main())
