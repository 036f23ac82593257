"""P3 (issue 22): closing a quarter for a province — every cadre's score frozen with its versions and
its score.computed event staged, percentiles against the same position code, each unit's
classification proposal with the quota — for 10,000 and 50,000 cadres with tasks and ratings.
Goal: ≤ 5 s for 10,000, growing linearly (so ≤ 25 s for 50,000).

The province is seeded straight into a store of its own (FerretDB on SQLite, as ``make run`` uses):
units of 100 cadres (a chairman, five departments of a head and 19 staff), five tasks each, and
the 360 ratings the organisation assigns (self, the head and five peers for staff; the staff for a
head). The measured call is the closing job's own work (``handlers.closing.freeze_period``), in
the evaluation app's context, without Kafka (its events wait in the outbox, as they would).

On a machine shared with others the seconds measure the neighbours too; the CPU the closing spends
(this process, all its threads, plus the store's process) does not, so it is reported beside them,
with its growth per cadre: 2 cores × 5 s is the most 10,000 cadres may cost for the goal to be
reachable at all.

Alone: ``python tests/bench/closing.py [--quick]`` (``--quick``: 1,000 and 5,000 cadres). A runner
calls ``run(sizes)``. Writes test-artifacts/bench/closing.json besides printing the report."""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for path in (HERE.parent, *(ROOT / "services" / s for s in ("shared", "evaluation", "survey", "training", "gateway"))):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from evaluation.appraisal.handlers.sheets import encode  # noqa: E402
from evaluation.appraisal.models.sheets import RATINGS, TASKS, collection_name  # noqa: E402
from cpu_cost import snapshot  # noqa: E402
from support.platform import ManagedProcess, free_port, wait_port  # noqa: E402

UNIT_SIZE, DEPARTMENTS, TASKS_EACH = 100, 5, 5
GOAL_10K_S = 5.0
ARTIFACTS = ROOT / "test-artifacts" / "bench"
CODE = "2030-Q4"


def _now():
    return datetime.now(timezone.utc)


def seed(db, cadres: int, rnd: random.Random) -> None:
    """Units, positions and cadres (registry) and every cadre's sheet of the period (appraisal)."""
    from evaluation.registry.models import Cadre, Position, Unit

    positions = {kind: Position(code=f"B-{kind.upper()}", title=kind, task_group=group, is_leader=kind != "staff",
                                leadership=lead) for kind, group, lead in
                 (("chair", "Lãnh đạo chủ chốt", "unit_chief"), ("head", "Lãnh đạo phòng", "department_head"),
                  ("staff", "Chuyên môn", "none"))}
    for p in positions.values():
        p.versions = [p.snapshot("bench")]
    db["positions"].insert_many([p.to_mongo().to_dict() for p in positions.values()])
    units, people, task_sheets, rating_sheets = [], [], [], []
    for u in range(max(1, cadres // UNIT_SIZE)):
        unit = Unit(code=f"X-{u:05d}", name=f"Xã Đo {u}", kind="commune", area="rural",
                    departments=[{"code": f"D{d}", "name": f"Phòng {d}"} for d in range(DEPARTMENTS)])
        units.append(unit.to_mongo().to_dict())
        members = [("chair", None)] + [(kind, f"D{d}") for d in range(DEPARTMENTS)
                                       for kind in ["head"] + ["staff"] * (UNIT_SIZE // DEPARTMENTS - 1)]
        made = []
        for i, (kind, dept) in enumerate(members[:UNIT_SIZE]):
            cadre = Cadre(code=f"C{u:05d}{i:03d}", full_name=f"Nguyễn Văn Đo {u}-{i}", name_folded=f"nguyen van do {u}",
                          gender="male", birth_year=1985, unit_id=unit.id, department_code=dept,
                          position_id=positions[kind].id, position_version=1, is_leader=kind != "staff")
            made.append((cadre, kind, dept))
            people.append(cadre.to_mongo().to_dict())
        chair = made[0][0].id
        heads = {dept: c.id for c, kind, dept in made if kind == "head"}
        staff = {dept: [c.id for c, kind, d in made if kind == "staff" and d == dept] for dept in heads}
        for cadre, kind, dept in made:
            given = {cadre.id: "self"}
            if kind == "staff":
                given[heads[dept]] = "subordinate"
                given.update({p: "peer" for p in rnd.sample([s for s in staff[dept] if s != cadre.id], 5)})
            elif kind == "head":
                given.update({s: "leader" for s in staff[dept]})
                given[chair] = "subordinate"
            else:
                given.update({h: "leader" for h in heads.values()})
            task_sheets.append(_tasks(cadre.id, unit.id, rnd))
            rating_sheets.append(_ratings(cadre.id, unit.id, given, rnd))
    db["units"].insert_many(units)
    for chunk in range(0, len(people), 1000):
        db["cadres"].insert_many(people[chunk:chunk + 1000])
        db[collection_name(TASKS, CODE)].insert_many(task_sheets[chunk:chunk + 1000])
        db[collection_name(RATINGS, CODE)].insert_many(rating_sheets[chunk:chunk + 1000])


def _tasks(cadre_id: str, unit_id: str, rnd: random.Random) -> dict:
    now = _now().isoformat()
    tasks = {f"{k:08x}": {"title": f"Nhiệm vụ {k}", "coefficient": rnd.choice((1, 1, 1.5, 2)), "due_on": "2030-12-01",
                          "completed_on": "2030-11-28" if rnd.random() < 0.9 else None,
                          "quality_failures": rnd.choice((0, 0, 0, 1)), "delays": rnd.choice((0, 0, 1)),
                          "exempt_quality_failures": 0, "exempt_delays": 0, "evidence_url": None, "evidence_files": [],
                          "unit_id": unit_id, "created_by": "bench", "created_at": now, "updated_by": "bench",
                          "updated_at": now, "version": 1} for k in range(TASKS_EACH)}
    return {"_id": cadre_id, "unit_id": unit_id, "tasks": encode(tasks)}


def _ratings(cadre_id: str, unit_id: str, given: dict, rnd: random.Random) -> dict:
    now = _now().isoformat()
    ratings = {ratee: {"group": group, **{i: float(rnd.randint(6, 10)) for i in ("service", "coordination",
                                                                                   "discipline")},
                       "submitted_at": now, "first_submitted_at": now, "revision": 1}
               for ratee, group in given.items()}
    return {"_id": cadre_id, "unit_id": unit_id, "given": encode(ratings)}


def measure(mongo_uri: str, cadres: int, preload_rosters: bool = True, store_pid: int | None = None) -> dict:
    """Seed a province of ``cadres`` into a fresh database and time its closing."""
    from pymongo import MongoClient

    from evaluation import create_app
    from evaluation.appraisal.handlers.closing import freeze_period

    name = f"bench_closing_{cadres}"
    client = MongoClient(f"{mongo_uri}/{name}")
    client.drop_database(name)
    started = time.perf_counter()
    seed(client[name], cadres, random.Random(cadres))
    seeded = time.perf_counter() - started
    app = create_app({"MONGO_URI": f"{mongo_uri}/{name}", "JWT_PUBLIC_KEY": "unused",
                      "KAFKA_BOOTSTRAP": "127.0.0.1:1"})
    with app.app_context():
        # the province went straight into the store: its rosters are made as after a restore
        from evaluation.registry.handlers.roster_rebuild import rebuild

        rebuild()
        rosters = Rosters(preload_rosters)
        store_before, cpu_before = snapshot({"store": store_pid or 0}), time.process_time()
        started = time.perf_counter()
        frozen = freeze_period(CODE)
        elapsed = time.perf_counter() - started
        own_cpu, store_cpu = time.process_time() - cpu_before, snapshot({"store": store_pid or 0})["store"]
        store_cpu -= store_before["store"]
        rosters.undo()
    proposals = client[name]["classifications"].count_documents({})
    client.drop_database(name)
    client.close()
    return {"cadres": cadres, "frozen": frozen, "proposals": proposals, "seconds": round(elapsed, 2),
            "rosters": "preloaded" if preload_rosters else "registry", "roster_seconds": round(rosters.spent, 2),
            "appraisal_seconds": round(elapsed - rosters.spent, 2),
            "cpu_seconds": {"closing_process": round(own_cpu, 2), "store": round(store_cpu, 2),
                            "total": round(own_cpu + store_cpu, 2)},
            "seed_seconds": round(seeded, 1), "ms_per_cadre": round(elapsed / cadres * 1000, 3)}


class Rosters:
    """The units' rosters closing reads from the registry (``registry.queries.cadres_in``), timed:
    by default the registry's reads as they are (its per-unit rosters); ``--preloaded-rosters``
    reads every cadre once before the clock starts and serves each unit from that instead."""

    def __init__(self, preload: bool):
        from evaluation.registry import queries

        self.queries, self.original, self.spent = queries, queries.cadres_in, 0.0
        by_unit: dict[str, list] = {}
        if preload:
            for cadre in self.original(None, active_only=False):
                by_unit.setdefault(cadre.unit_id, []).append(cadre)

        def cadres_in(unit_ids=None, active_only=True):
            started = time.perf_counter()
            try:
                if not preload or unit_ids is None:
                    return self.original(unit_ids, active_only)
                return [c for u in unit_ids for c in by_unit.get(u, []) if c.active or not active_only]
            finally:
                self.spent += time.perf_counter() - started

        queries.cadres_in = cadres_in

    def undo(self) -> None:
        self.queries.cadres_in = self.original


def start_store() -> tuple[ManagedProcess, str, Path]:
    work = Path(tempfile.mkdtemp(prefix="c360-bench-closing-"))
    port = free_port()
    store = ManagedProcess("ferretdb", [str(ROOT / "deploy/local/ferretdb-start.sh"), str(work / "mongo"), str(port)],
                           work).start()
    wait_port(port)
    return store, f"mongodb://127.0.0.1:{port}", work


def figures(results: list[dict], goal_first: float) -> list[dict]:
    """Each size's time beside its goal (the first size's goal, then linear from it), and the growth."""
    first = results[0]
    found = []
    for r in results:
        goal = round(goal_first * r["cadres"] / first["cadres"], 2)
        found.append({"name": f"P3 closing + proposals, {r['cadres']:,} cadres", "value": r["seconds"], "unit": "s",
                      "goal": goal, "met": r["seconds"] <= goal})
        found.append({"name": f"  of which the appraisal's own (rosters apart), {r['cadres']:,}",
                      "value": r["appraisal_seconds"], "unit": "s", "goal": goal, "met": r["appraisal_seconds"] <= goal})
        cpu = r["cpu_seconds"]["total"]
        found.append({"name": f"  CPU, closing process + store, {r['cadres']:,} (2 cores × goal)", "value": cpu,
                      "unit": "s", "goal": 2 * goal, "met": cpu <= 2 * goal})
    if len(results) > 1:
        last = results[-1]
        for what, value in (("time", lambda r: r["seconds"]), ("CPU", lambda r: r["cpu_seconds"]["total"])):
            growth = (value(last) / last["cadres"]) / (value(first) / first["cadres"])
            found.append({"name": f"P3 {what} per cadre at {last['cadres']:,} ÷ at {first['cadres']:,} (linear: 1)",
                          "value": round(growth, 2), "unit": "×", "goal": 1.25, "met": growth <= 1.25})
    return found


def run(sizes: tuple[int, ...] = (10_000, 50_000), goal_first: float = GOAL_10K_S,
        preload_rosters: bool = False) -> dict:
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    store, uri, work = start_store()
    try:
        results = []
        for size in sizes:
            results.append(measure(uri, size, preload_rosters, store.proc.pid))
            r = results[-1]
            print(f"  {size:>7,} cadres: closed in {r['seconds']:.2f} s, of which {r['roster_seconds']:.2f} s reading "
                  f"the units' rosters ({r['rosters']}) and {r['appraisal_seconds']:.2f} s the appraisal's own "
                  f"(seeded in {r['seed_seconds']:.0f} s); CPU {r['cpu_seconds']['closing_process']:.2f} s here + "
                  f"{r['cpu_seconds']['store']:.2f} s the store's (load {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        store.stop()
        shutil.rmtree(work, ignore_errors=True)
    report = {"profile": "closing", "at": _now().isoformat(), "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "load_average_at_start": load_at_start, "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "results": results, "figures": figures(results, goal_first),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "closing.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report


def print_report(report: dict) -> None:
    print(f"{'figure':<62}{'value':>10}{'goal':>10}")
    for f in report["figures"]:
        mark = "ok" if f["met"] else "MISS"
        print(f"{f['name']:<62}{f['value']:>8.2f} {f['unit']:<2}{'≤ ' + str(f['goal']):>8} {mark}")
    print(f"peak resident memory of this process: {report['peak_rss_mb']} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 5,000 cadres (goal scaled)")
    parser.add_argument("--preloaded-rosters", action="store_true",
                        help="serve the units' rosters from one read made before the clock starts")
    args = parser.parse_args()
    sizes = (1_000, 5_000) if args.quick else (10_000, 50_000)
    report = run(sizes, GOAL_10K_S * sizes[0] / 10_000, preload_rosters=args.preloaded_rosters)
    print_report(report)
    return 0 if all(f["met"] for f in report["figures"]) else 1


if __name__ == "__main__":
    sys.exit(main())
