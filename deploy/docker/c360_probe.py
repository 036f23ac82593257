#!/usr/bin/env python3
"""Container health probe for Cadre360 (docker compose healthchecks, Kubernetes exec probes).

    c360-probe http URL        200 from URL (the services' /healthz or /readyz)
    c360-probe worker-alive    a `cadre_shared.workers` process runs and is not a zombie or stopped
    c360-probe worker-ready    worker-alive, and MongoDB (C360_MONGO_URI) answers

Kafka is deliberately not part of readiness: while the broker is down a relay keeps the
events in the outbox and consumers wait, and a probe failing every pod at once would only
stall rollouts and restarts (the workers' metrics show the broker's absence instead).

Exit 0 when healthy, 1 otherwise with the reason on stderr. Standard library only,
except pymongo, which the image already has; the slim image has no curl.
"""
from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_S = 3.0
WORKER_MARKER = b"cadre_shared.workers"


def check_http(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError) as exc:
        return f"{url}: {exc}"
    return None if status == 200 else f"{url}: HTTP {status}"


def worker_states(proc: str = "/proc") -> list[str]:
    """State letters (R, S, D, Z, T, ...) of the processes running a Cadre360 worker."""
    states = []
    own = str(os.getpid())
    for pid in os.listdir(proc):
        if not pid.isdigit() or pid == own:
            continue
        try:
            with open(f"{proc}/{pid}/cmdline", "rb") as f:
                cmdline = f.read()
            with open(f"{proc}/{pid}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if WORKER_MARKER in cmdline:
            states.append(stat.rsplit(")", 1)[1].split()[0])
    return states


def check_worker_alive(proc: str = "/proc") -> str | None:
    states = worker_states(proc)
    if not states:
        return "no cadre_shared.workers process"
    if all(state in ("Z", "T", "t", "X") for state in states):
        return f"worker process not running (states {','.join(states)})"
    return None


def check_mongo(uri: str) -> str | None:
    if not uri:
        return "C360_MONGO_URI is empty"
    from pymongo import MongoClient

    client = MongoClient(uri, serverSelectionTimeoutMS=int(TIMEOUT_S * 1000), connect=False)
    try:
        client.admin.command("ping")
    except Exception as exc:  # any driver error means "not reachable"
        return f"mongo unreachable: {exc.__class__.__name__}"
    finally:
        client.close()
    return None


def check_worker_ready() -> str | None:
    return check_worker_alive() or check_mongo(os.environ.get("C360_MONGO_URI", ""))


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "http":
        reason = check_http(argv[1])
    elif argv == ["worker-alive"]:
        reason = check_worker_alive()
    elif argv == ["worker-ready"]:
        reason = check_worker_ready()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    if reason:
        print(reason, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
