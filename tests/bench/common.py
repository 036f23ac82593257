"""What every benchmark profile shares: the short-profile switch, percentiles, the machine's
description, the figure-beside-its-goal report lines and the result file."""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for path in (HERE.parent, *(ROOT / "services" / s for s in ("shared", "evaluation", "survey", "training", "gateway"))):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

QUICK = os.environ.get("QUICK", "") not in ("", "0")
ARTIFACTS = ROOT / "test-artifacts" / "bench"


def percentiles(samples: list[float]) -> dict:
    """p50/p95/p99 in milliseconds of ``samples`` in seconds (nearest rank)."""
    if not samples:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None}
    ordered = sorted(samples)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)  # noqa: E731
    return {"n": len(ordered), "p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99)}


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()], "quick": QUICK}


def timed(call, repeat: int = 1) -> float:
    """The best of ``repeat`` runs of ``call()``, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def figure(name: str, value: float | None, goal: float | None, unit: str, baseline: float | None = None,
           lower_is_better: bool = True) -> dict:
    """One measured figure with its goal (met or not) and its ratio to a baseline of the same run."""
    met = None if value is None or goal is None else (value <= goal if lower_is_better else value >= goal)
    ratio = round(value / baseline, 2) if value is not None and baseline else None
    return {"name": name, "value": value, "goal": goal, "unit": unit, "met": met, "baseline": baseline,
            "ratio_to_baseline": ratio, "lower_is_better": lower_is_better}


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.3g}"


def figure_lines(figures: list[dict]) -> list[str]:
    lines = [f"{'figure':<66}{'value':>12}{'goal':>12}{'':>5}{'× baseline':>11}"]
    for f in figures:
        value = "—" if f["value"] is None else f"{_number(f['value'])} {f['unit']}"
        sign = "≤" if f.get("lower_is_better", True) else "≥"
        goal = "" if f["goal"] is None else f"{sign} {_number(f['goal'])} {f['unit']}"
        mark = {True: " ok", False: " MISS", None: ""}[f.get("met")]
        ratio = "" if f.get("ratio_to_baseline") is None else f"{f['ratio_to_baseline']:,.2f}"
        lines.append(f"{f['name'][:65]:<66}{value:>12}{goal:>12}{mark:<5}{ratio:>11}")
    return lines


def save(profile: str, result: dict) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{profile}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return path
