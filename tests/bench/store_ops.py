"""Store round-trips per answer: every service counts the commands it sends to the store
(``c360_store_commands_total`` on its /metrics, per process kind and command); the difference
of two scrapes of all four services, divided by the answers sent in between, is the cost of
one answer along the whole path (gateway → survey → relay → evaluation consumer)."""
from __future__ import annotations

from collections import Counter

import requests
from prometheus_client.parser import text_string_to_metric_families

SERVICES = ("gateway", "survey", "evaluation", "training")


def snapshot(stack) -> Counter:
    """(service, process, command) → commands sent so far."""
    counts: Counter = Counter()
    for service in SERVICES:
        text = requests.get(f"{stack.url(service)}/metrics", timeout=30).text
        for family in text_string_to_metric_families(text):
            if family.name != "c360_store_commands":
                continue
            for sample in family.samples:
                if sample.name.endswith("_total"):
                    labels = sample.labels
                    counts[(service, labels["process"], labels["command"])] += sample.value
    return counts


def per_answer(before: Counter, web_after: Counter, workers_after: Counter, answers: int) -> dict:
    """Web processes counted up to the end of the load (later scrapes and checks are not the
    answers' cost); the relay and consumers up to the end of the backlog they had to work off."""
    answers = max(answers, 1)
    rows = {}
    for key in set(web_after) | set(workers_after):
        after = web_after if key[1] == "web" else workers_after
        spent = after.get(key, 0) - before.get(key, 0)
        if spent > 0:
            rows["/".join(key)] = round(spent / answers, 3)
    by_service: Counter = Counter()
    for key, value in rows.items():
        service, process, _ = key.split("/")
        by_service[f"{service}/{process}"] += value
    return {"total": round(sum(rows.values()), 2), "answers": answers,
            "by_process": {k: round(v, 2) for k, v in sorted(by_service.items())},
            "by_command": dict(sorted(rows.items(), key=lambda kv: -kv[1]))}


def lines(result: dict) -> list[str]:
    out = [f"store round-trips per answer (all services): {result['total']} over {result['answers']} answers"]
    out += [f"  {name:<32}{value:>8}" for name, value in result["by_process"].items()]
    out += ["  by command: " + ", ".join(f"{k} {v}" for k, v in list(result["by_command"].items())[:12])]
    return out
