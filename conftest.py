"""Session fixtures shared by every test directory: the real infrastructure and the stack."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))
from harness import Infra, Stack  # noqa: E402


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
