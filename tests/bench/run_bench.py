"""`make bench`: every profile in turn, each figure printed beside its goal and, where the profile
measures one, its ratio to a baseline of the same run; each profile also writes
test-artifacts/bench/<profile>.json.

    make bench                       # every profile
    make bench PROFILE=pages         # one (or several: PROFILE="risk upload")
    QUICK=1 make bench               # a short run of each (smaller sizes, shorter loads)

Profiles:
  kiosk    P1  citizens' answers through the gateway (its own small platform)
  closing  P3  closing a quarter for 10,000 and 50,000 cadres (tests/bench/closing.py, its own store)
  risk     P4  the early warning over 200,000 cadres in one batch, and one cadre
  risk-quality  the model against a synthetic province's known truth: held-out AUC beside the
               Bayes-optimal AUC, precision at ten per commune, Brier score, fairness gaps, ten seeds
  upload   P5  a 50,000-row training results upload
  pages    P6  the pages people wait on, with 10,000 cadres and 8 users; memory under kiosk load

``upload`` and ``pages`` share one platform seeded with the large province
(``C360_DEMO=large``; QUICK: the demo province); ``--data-dir DIR`` keeps its store and broker
so a later run measures again without seeding again:

    python tests/bench/run_bench.py pages upload --data-dir ~/.cache/cadre360/bench-large

The first run with a DIR seeds the province there, waits until the platform is idle, stops it and
keeps a copy of its store and broker in ``DIR/pristine``; every later run starts by copying that
back (``tests/bench/province.py``), so each run measures the province as seeded, whatever earlier
runs added (each upload's 50,000 results, the kiosk answers of the memory load). ``pages`` runs
before ``upload`` within a run. Delete ``DIR`` to seed again (after a change to the seeding).
"""
from __future__ import annotations

import argparse
import importlib
import signal
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import QUICK, figure_lines, machine  # noqa: E402
import kiosk  # noqa: E402
from province import SharedPlatform  # noqa: E402

# pages before upload: a 50,000-row upload leaves the platform busy with its events for a while
ORDER = ("kiosk", "closing", "risk", "risk-quality", "pages", "upload")


def available(name: str) -> bool:
    return name != "closing" or (Path(__file__).resolve().parent / "closing.py").exists()


def run_closing(_args, _shared) -> dict:
    """closing.py keeps its own entry point (``run(sizes)``; it writes closing.json itself)."""
    import closing

    sizes = (1_000, 5_000) if QUICK else (10_000, 50_000)
    report = closing.run(sizes, closing.GOAL_10K_S * sizes[0] / 10_000)
    closing.print_report(report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profiles", nargs="*", help=f"profiles to run (default: all of {', '.join(ORDER)})")
    parser.add_argument("--data-dir", help="keep the shared platform's store and broker here between runs")
    kiosk.add_options(parser)
    args = parser.parse_args(argv)
    wanted = [p for p in ORDER if p in (args.profiles or ORDER)]
    unknown = set(args.profiles) - set(ORDER)
    if unknown:
        parser.error(f"unknown profile(s) {sorted(unknown)}; known: {', '.join(ORDER)}")
    print(f"make bench: {', '.join(wanted)} — {machine()}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))  # stop the platforms it started on the way out
    shared, results, failed = SharedPlatform(args.data_dir), {}, []
    try:
        for name in wanted:
            if not available(name):
                print(f"{name}: tests/bench/{name}.py is not there yet — skipped", flush=True)
                continue
            try:
                main_of = run_closing if name == "closing" else importlib.import_module(name.replace("-", "_")).main
                results[name] = main_of(args, shared)
            except Exception:  # noqa: BLE001 — one profile failing still reports the others
                traceback.print_exc()
                failed.append(name)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not leave the store or broker running
        shared.stop()
    print("\n=== make bench ===")
    for name, result in results.items():
        print(f"\n[{name}] load average at start {result['machine']['load_average_at_start']}")
        print("\n".join(figure_lines(result["figures"])))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
