"""The demo province of `make run`: ``roster`` makes its people from the data files here and a
fixed seed (pure, no I/O), ``seeder`` sends them through the public API step by step
(``deploy/local/seed_demo.py`` is the command)."""
from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent


def load(name: str) -> dict:
    """One of the data files: ``catalogue`` (units, positions, competencies, appendices, staffing)
    or ``people`` (names, ethnicities, texts)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
