"""What the kiosk profile needs of the store itself: the raw insert baselines of this machine
(the same FerretDB as the platform, a scratch database), a store already holding many answers
(the survey's answers and the evaluation's facts of past quarters, written straight into the
collections), and P2 read from the evaluation consumer's delivery histogram."""
from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import requests
from prometheus_client.parser import text_string_to_metric_families
from pymongo import MongoClient

DELIVERY = "c360_event_delivery_seconds"
GROUP = "evaluation.satisfaction"


def raw_inserts(uri: str, seconds: float, batch: int, threads: int = 8) -> float:
    """Documents/s inserted by ``threads`` writers into a scratch collection, ``batch`` a call."""
    client = MongoClient(uri, serverSelectionTimeoutMS=5000)
    collection = client.get_default_database()[f"raw_{batch}_{uuid.uuid4().hex[:6]}"]
    done, lock, deadline = [0], threading.Lock(), time.perf_counter() + seconds

    def writer():
        while time.perf_counter() < deadline:
            docs = [{"_id": str(uuid.uuid4()), "cadre_id": "c", "overall": "satisfied", "n": i} for i in range(batch)]
            if batch == 1:
                collection.insert_one(docs[0])
            else:
                collection.insert_many(docs, ordered=False)
            with lock:
                done[0] += batch

    started = time.perf_counter()
    workers = [threading.Thread(target=writer) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    rate = done[0] / (time.perf_counter() - started)
    collection.drop()
    client.close()
    return round(rate, 1)


def seed_answers(survey_uri: str, evaluation_uri: str, count: int, unit_id: str, batch: int = 2000) -> float:
    """``count`` answers of past quarters (other cadres, so today's figures are untouched) in the
    survey's answers and the evaluation's facts, as the platform would have stored them; seconds taken."""
    survey = MongoClient(survey_uri).get_default_database()
    evaluation = MongoClient(evaluation_uri).get_default_database()
    started, base = time.perf_counter(), datetime(2024, 1, 1, tzinfo=timezone.utc)
    levels = ("very_satisfied", "satisfied", "dissatisfied")
    for first in range(0, count, batch):
        answers, facts = [], []
        for i in range(first, min(first + batch, count)):
            at = base + timedelta(minutes=i)
            quarter, month = f"{at.year}-Q{(at.month - 1) // 3 + 1}", f"{at.year}-{at.month:02d}"
            rid, cadre = str(uuid.uuid4()), f"seed-cadre-{i % 5000}"
            answers.append({"_id": rid, "content_hash": uuid.uuid4().hex, "dossier_key": uuid.uuid4().hex,
                            "unit_id": unit_id, "cadre_id": cadre, "kiosk_id": f"seed-kiosk-{i % 2000}",
                            "channel": "kiosk", "procedure_code": None, "form_code": "default", "form_version": 1,
                            "overall": levels[i % 3], "indicators": {"attitude": 1 + i % 5}, "comment": None,
                            "answered_at": at, "received_at": at, "quarter": quarter, "month": month,
                            "suspect": False, "suspect_reason": None})
            facts.append({"_id": rid, "cadre_id": cadre, "unit_id": unit_id, "quarter": quarter, "month": month,
                          "overall": levels[i % 3], "counted": True, "reviewed": False})
        survey.responses.insert_many(answers, ordered=False)
        evaluation.satisfaction_facts.insert_many(facts, ordered=False)
    return round(time.perf_counter() - started, 1)


def delivery_buckets(evaluation_url: str) -> dict[float, float]:
    """Cumulative bucket counts (upper bound → events) of the satisfaction consumer's delivery times."""
    text = requests.get(f"{evaluation_url}/metrics", timeout=30).text
    buckets: dict[float, float] = {}
    for family in text_string_to_metric_families(text):
        if family.name != DELIVERY:
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket") and sample.labels.get("group") == GROUP:
                bound = float(sample.labels["le"])
                buckets[bound] = buckets.get(bound, 0.0) + sample.value
    return buckets


def delivered_since(before: dict, after: dict) -> int:
    return int(after.get(float("inf"), 0) - before.get(float("inf"), 0))


def delivery_percentiles(before: dict, after: dict) -> dict:
    """p50/p95 (ms) of the events delivered between two scrapes, interpolated within buckets."""
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0.0) for b in bounds]
    total = counts[-1] if counts else 0
    if total <= 0:
        return {"n": 0, "p50_ms": None, "p95_ms": None}

    def pick(q: float) -> float:
        target, lower, below = q * total, 0.0, 0.0
        for bound, cumulative in zip(bounds, counts):
            if cumulative >= target:
                if bound == float("inf"):
                    return lower * 1000
                share = (target - below) / max(cumulative - below, 1e-9)
                return round((lower + share * (bound - lower)) * 1000, 1)
            lower, below = bound, cumulative
        return lower * 1000

    return {"n": int(total), "p50_ms": pick(0.50), "p95_ms": pick(0.95)}


def wait_delivered(evaluation_url: str, before: dict, answers: int, timeout: float = 900.0) -> float:
    """Seconds until the evaluation consumer has applied ``answers`` more answers' events (a check
    that costs the store nothing, for the run on a large store)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        now = delivery_buckets(evaluation_url)
        if not now:
            raise LookupError("the evaluation consumer does not measure its deliveries (a build before issue 19)")
        if delivered_since(before, now) >= answers:
            return round(time.monotonic() - started, 1)
        time.sleep(1.0)
    raise RuntimeError(f"the evaluation consumer had not applied {answers} answers after {timeout:.0f} s")
