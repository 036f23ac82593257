"""CPU time per answer of every part of the platform (each started in a session of its own:
gunicorn master and workers, relays, consumers, FerretDB, Kafka), read from /proc. On a shared
machine the answers/s say how busy the neighbours were as much as how fast the path is; the CPU
an answer costs does not depend on them, and 2 cores ÷ that cost is what this machine could do
alone (an upper bound: it ignores waiting on the store's single writer). What the platform burns
while idle (the broker, consumers polling, relays) is measured first and taken off, so the
figure is what one more answer costs, not the idle time shared out over few answers."""
from __future__ import annotations

import os
import time
from collections import Counter

TICKS = os.sysconf("SC_CLK_TCK")


def _sessions() -> Counter:
    """CPU seconds (user + system) of the live processes, per session id."""
    spent: Counter = Counter()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after "pid (comm)": state ppid pgrp session ... utime is the 12th, stime the 13th
        spent[int(fields[3])] += (int(fields[11]) + int(fields[12])) / TICKS
    return spent


def snapshot(platform_parts: dict[str, int]) -> dict[str, float]:
    """``platform_parts``: name → pid of the process leading its session; "at": when."""
    spent = _sessions()
    return {"at": time.monotonic(), **{name: spent.get(pid, 0.0) for name, pid in platform_parts.items()}}


def idle_rate(platform_parts: dict[str, int], seconds: float) -> dict[str, float]:
    """CPU seconds per second each part spends with no load."""
    before = snapshot(platform_parts)
    time.sleep(seconds)
    after = snapshot(platform_parts)
    elapsed = after["at"] - before["at"]
    return {name: (after[name] - before[name]) / elapsed for name in platform_parts}


def parts_of(infra, stack) -> dict[str, int]:
    parts = {"ferretdb": infra.ferretdb.proc.pid, "kafka": infra.kafka.proc.pid}
    parts.update({name: proc.proc.pid for name, proc in stack.processes.items() if proc.proc is not None})
    return parts


def per_answer(before: dict, after: dict, answers: int, idle: dict[str, float]) -> dict:
    answers, elapsed = max(answers, 1), after["at"] - before["at"]
    spent = {name: after[name] - before.get(name, 0.0) for name in idle}
    rows = {name: round(max(spent[name] - idle[name] * elapsed, 0.0) * 1000 / answers, 2) for name in idle}
    total = round(sum(rows.values()), 2)
    return {"total_ms": total, "alone_on_2_cores_per_s": round(2000 / total, 0) if total else None,
            "idle_cores": round(sum(idle.values()), 3), "gross_ms": round(sum(spent.values()) * 1000 / answers, 2),
            "by_part_ms": dict(sorted(rows.items(), key=lambda kv: -kv[1]))}


def lines(result: dict) -> list[str]:
    parts = ", ".join(f"{k} {v}" for k, v in result["by_part_ms"].items() if v >= 0.05)
    return [f"CPU per answer (all parts of the platform, idle use taken off): {result['total_ms']} ms → at most "
            f"{result['alone_on_2_cores_per_s']:,.0f} answers/s on 2 idle cores (gross {result['gross_ms']} ms; "
            f"idle platform {result['idle_cores']} cores)", f"  by part (ms): {parts}"]
