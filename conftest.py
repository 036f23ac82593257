"""Session fixtures shared by every test directory: the real infrastructure and the stack."""
from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))  # the test support package: tests/support/
# a test reads what it just wrote: the kept reads' hot versions move at once in the apps tests run in
# this process (the stacks' services get the same from support.platform; production: once a second)
os.environ.setdefault("C360_KEPT_READS_MOVE_EVERY_S", "0")
from support.platform import Infra, Stack  # noqa: E402


@pytest.fixture(scope="session")
def infra():
    """Real FerretDB + Kafka for this test session (free ports, temporary data)."""
    started = Infra().start()
    yield started
    started.stop()


@pytest.fixture(scope="session")
def stack(infra):
    """The whole platform (4 services + workers) on the session's infrastructure."""
    running = Stack(infra).start()
    yield running
    running.stop()


def service_log_warnings(log_dir: Path, since: datetime, per_file: int = 20) -> str:
    """Warnings and errors the services and the store logged since ``since``, the Kafka client's
    reconnection chatter left out: what a failed test's report needs to explain a stall or a 5xx."""
    parts = []
    for path in sorted(log_dir.glob("*.log")):
        kept = []
        for line in path.read_text(errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:  # FerretDB's own lines start "2026/11/25 15:52:47 WARN …"
                if path.stem == "ferretdb" and ("WARN" in line or "ERROR" in line):
                    try:
                        at = datetime.strptime(line[:19], "%Y/%m/%d %H:%M:%S").replace(tzinfo=timezone.utc)
                    except ValueError:
                        at = since
                    if at >= since.replace(microsecond=0):
                        kept.append(line[:400])
                continue
            if not isinstance(record, dict) or record.get("level") not in ("WARNING", "ERROR", "CRITICAL"):
                continue
            if str(record.get("logger", "")).startswith("kafka"):
                continue
            try:
                if datetime.fromisoformat(record["ts"]) < since:
                    continue
            except (KeyError, TypeError, ValueError):
                pass
            kept.append(line[:400])
        if kept:
            parts.append(f"--- {path.name} (last {min(len(kept), per_file)} of {len(kept)})\n"
                         + "\n".join(kept[-per_file:]))
    return "\n".join(parts)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    running = item.funcargs.get("infra") if hasattr(item, "funcargs") else None
    if not report.failed or report.when not in ("setup", "call") or running is None:
        return
    since = datetime.fromtimestamp(call.start, timezone.utc)
    text = service_log_warnings(running.logs, since)
    if text:
        report.sections.append(("service warnings and errors during this test", text))
