"""Resident memory of a whole platform: every process of every session the harness started
(FerretDB, Kafka, each gunicorn master and its workers, relays, consumers), summed."""
from __future__ import annotations

import os
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


TICKS = os.sysconf("SC_CLK_TCK")


def _process(pid: str) -> tuple[int, int, float] | None:
    """(session id, resident bytes, CPU seconds used) of a process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        statm = Path(f"/proc/{pid}/statm").read_text()
    except OSError:  # gone meanwhile
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
    return int(fields[3]), int(statm.split()[1]) * PAGE, (int(fields[11]) + int(fields[12])) / TICKS


def _platform(stack) -> list[tuple[int, int, float]]:
    managed = [*stack.processes.values(), stack.infra.ferretdb, stack.infra.kafka]
    sessions = {m.proc.pid for m in managed if m.running}
    found = (_process(pid) for pid in filter(str.isdigit, os.listdir("/proc")))
    return [p for p in found if p and p[0] in sessions]


def platform_rss_bytes(stack) -> int:
    """Sum of the resident set sizes of all processes of ``stack`` and its infrastructure."""
    return sum(rss for _session, rss, _cpu in _platform(stack))


def platform_cpu_seconds(stack) -> float:
    return sum(cpu for _session, _rss, cpu in _platform(stack))


IDLE_BELOW = 0.45  # cores: at rest the platform uses 0.23-0.36 here (Kafka, consumers' and relays' polls)


def wait_until_idle(stack, busy_below: float = IDLE_BELOW, timeout: float = 1800.0) -> float:
    """Seconds until the platform uses less than ``busy_below`` of a core over 5 s (its relays and
    consumers have caught up with what seeding sent: working through a backlog keeps the store alone
    at a core or more), so a measurement pays for no backlog. Below its floor at rest it can never
    go: 0.15, the figure before, was under it, and the large province's wait never ended."""
    started = time.monotonic()
    last = platform_cpu_seconds(stack)
    while time.monotonic() - started < timeout:
        time.sleep(5.0)
        now = platform_cpu_seconds(stack)
        if (now - last) / 5.0 < busy_below:
            return round(time.monotonic() - started, 1)
        last = now
    raise RuntimeError(f"the platform was still busy after {timeout:.0f} s")
