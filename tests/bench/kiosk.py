"""Kiosk profile of `make bench` (issue 19): starts its own broker, store and stack, then
measures citizens' answers through the gateway (kiosk token → gateway → survey → store +
outbox → relay → Kafka → evaluation consumer):

1. P1 saturation (closed loop: N clients, each sending as soon as its previous answer returned),
   with the store round-trips per answer of every service (``store_ops``) and P2, the time from
   an answer to its count in the evaluation service (the consumer's delivery histogram);
2. P1 at a fixed offered load (open loop, 500/s unless --rate: requests start on a fixed schedule
   whatever the answers, latency counted from the scheduled start, so a slow server cannot hide
   its queueing — no coordinated omission; a request more than 5 s late is counted as failed);
3. diagnosis (not QUICK): the survey service alone at saturation (the internal kiosk token the
   gateway would mint), to show what the gateway hop adds;
4. baselines of the same run: a minimal Flask + marshmallow JSON POST under the same gunicorn
   settings, and raw inserts into the same FerretDB (one by one, and in batches of 100);
5. the same saturation and fixed load on a store already holding 1,000,000 answers (QUICK:
   100,000) of past quarters, written straight into the survey's and evaluation's collections.

After each platform run the benchmark waits until the evaluation service's figures equal the
survey service's for every cadre (the event backlog consumed: relay → Kafka → consumer), prints
how long that took, and only then starts the next run, so no run pays for the previous one's
backlog (on the large store it waits for the consumer's count instead: counting figures there
reads every stored answer).

The per-kiosk rate limit and the burst rule are abuse defences; they are lifted here so the
platform's throughput is measured, not the limit: the limit is set out of reach and the burst
window to 0.1 ms, so both still do their store work for every answer but flag nothing.
Options (run_bench.py): --rate, --duration, --clients, --kiosks, --large-store; QUICK=1 runs
each part for 10 s. Writes test-artifacts/bench/kiosk.json.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from common import QUICK, figure, figure_lines, save  # noqa: E402  (puts tests/ on the path)
import cpu_cost  # noqa: E402
import kiosk_store  # noqa: E402
import store_ops  # noqa: E402
HERE = Path(__file__).resolve().parent
from support.kiosks import LEVELS, satisfaction, wait_until_kiosk_lists  # noqa: E402
from support.platform import Infra, ManagedProcess, Stack, free_port, wait_port  # noqa: E402
from support.world import World, names  # noqa: E402

GUNICORN = ["--workers", "2", "--threads", "4", "--timeout", "60"]  # as the stack runs its services


class Client:
    """One keep-alive HTTP/1.1 connection per thread (lighter than requests, same for both targets)."""

    def __init__(self, url: str):
        parsed = urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.local = threading.local()

    def post(self, path: str, body: bytes, headers: dict) -> int:
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
                response = conn.getresponse()
                response.read()
                return response.status
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    return 0
        return 0


class Target:
    """What a run sends: the kiosk endpoint of the gateway, or the minimal app."""

    def __init__(self, client: Client, path: str, make_body, headers_for):
        self.client, self.path, self.make_body, self.headers_for = client, path, make_body, headers_for

    def send(self, i: int) -> tuple[int, float]:
        body = json.dumps(self.make_body(i)).encode()
        started = time.perf_counter()
        status = self.client.post(self.path, body, self.headers_for(i))
        return status, time.perf_counter() - started


def percentiles(samples: list[float]) -> dict:
    if not samples:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None}
    ordered = sorted(samples)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)  # noqa: E731
    return {"p50_ms": pick(0.50), "p95_ms": pick(0.95), "p99_ms": pick(0.99)}


def fixed_load(target: Target, rate: float, duration: float, workers: int = 64, late_after: float = 5.0,
               offset: int = 0) -> dict:
    """Open loop at ``rate`` requests/s; latency measured from each request's scheduled start. A
    request that could not even start ``late_after`` seconds after its time (the platform is far
    below the rate) is not sent: it counts as an error with that latency, so the run ends."""
    total = int(rate * duration)
    latencies, statuses = [], []
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def one(i: int):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        if time.perf_counter() - scheduled > late_after:
            status, finished = 0, time.perf_counter()
        else:
            status, _ = target.send(offset + i)
            finished = time.perf_counter()
        with lock:
            statuses.append(status)
            latencies.append(finished - scheduled)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(total)))
    elapsed = time.perf_counter() - start
    ok = sum(1 for s in statuses if s in (200, 201))
    return {"offered_per_s": rate, "sent": total, "ok": ok, "errors": total - ok,
            "achieved_per_s": round(ok / elapsed, 1), **percentiles(latencies)}


def saturation(target: Target, clients: int, duration: float, offset: int = 10_000_000) -> dict:
    """Closed loop: ``clients`` senders back to back for ``duration`` seconds."""
    latencies, statuses = [], []
    lock = threading.Lock()
    counter = iter(range(offset, offset + 10_000_000))
    deadline = time.perf_counter() + duration

    def loop():
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter)
            status, latency = target.send(i)
            with lock:
                statuses.append(status)
                latencies.append(latency)

    started = time.perf_counter()
    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ok = sum(1 for s in statuses if s in (200, 201))
    return {"clients": clients, "sent": len(statuses), "ok": ok, "errors": len(statuses) - ok,
            "throughput_per_s": round(ok / elapsed, 1), **percentiles(latencies)}


def wait_caught_up(stack: Stack, cadres: list[str], timeout: float = 900.0) -> float:
    """Seconds until the evaluation service counts, for every cadre, exactly what the survey service counts."""
    from survey.domain.periods import periods_of

    quarter = periods_of(datetime.now(timezone.utc))[0]
    session, base, started = stack.session(), stack.url(), time.monotonic()

    def counts(cadre: str, from_evaluation: bool) -> tuple:
        figures = satisfaction(session, base, cadre, quarter, from_evaluation=from_evaluation)
        return tuple(figures[level] for level in LEVELS)

    while time.monotonic() - started < timeout:
        if all(counts(c, False) == counts(c, True) for c in cadres):
            return round(time.monotonic() - started, 1)
        time.sleep(1.0)
    raise RuntimeError(f"the evaluation service had not caught up with the survey service after {timeout:.0f} s")


def prepare_stack(args) -> tuple[Infra, Stack, Target, Target, list[str]]:
    infra = Infra().start()
    stack = Stack(infra, suffix="_bench")
    stack.base_env.update({"C360_KIOSK_RATE_PER_MINUTE": "100000000", "C360_SURVEY_BURST_SECONDS": "0.0001",
                           "C360_LOG_LEVEL": "WARNING", "C360_KEPT_READS_MOVE_EVERY_S": "1.0"})  # production's
    stack.start()
    base, reg = stack.url(), World(stack)
    unit = reg.unit("Phường Đo Tải")["id"]
    cadres = reg.cadres(unit, names(20, seed=3))
    tokens = [reg.kiosk(unit, f"Ki-ốt {i + 1}")["token"] for i in range(args.kiosks)]
    wait_until_kiosk_lists(base, tokens[0], cadres)
    run = uuid.uuid4().hex[:6].upper()

    def body(i: int) -> dict:
        return {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{run}-{i:08d}", "cadre_id": cadres[i % 20],
                "overall": LEVELS[i % 3], "indicators": {"attitude": 1 + i % 5, "time": 1 + (i // 5) % 5},
                "comment": None}

    headers = [{"Authorization": f"Bearer {t}"} for t in tokens]
    through_gateway = Target(Client(base), "/api/v1/kiosk/responses", body, lambda i: headers[i % len(headers)])
    # as many kiosks as through the gateway: each kiosk's recent answers are one document (the burst rule),
    # so funnelling every client through one kiosk would measure contention no real counter has
    direct_headers = [{"Authorization": f"Bearer {internal_kiosk_token(infra, unit, f'bench-direct-{k}')}"}
                      for k in range(args.kiosks)]
    direct = Target(Client(stack.url("survey")), "/api/v1/kiosk/responses", body,
                    lambda i: direct_headers[i % len(direct_headers)])
    return infra, stack, through_gateway, direct, cadres, unit


def internal_kiosk_token(infra: Infra, unit_id: str, kiosk_id: str) -> str:
    """The token the gateway mints for a kiosk on its hop to the survey service (valid 15 min)."""
    from gateway.domain.tokens import issue_access_token

    private = (infra.dir / "keys" / "jwt-private.pem").read_text()
    return issue_access_token(private, subject=f"kiosk:{kiosk_id}", username="bench", role="kiosk",
                              audience="cadre360", issuer="cadre360-gateway", unit_id=unit_id,
                              kiosk_id=kiosk_id)


def minimal_target(logs: Path) -> tuple[ManagedProcess, Target]:
    port = free_port()
    proc = ManagedProcess("minimal-flask", [sys.executable, "-m", "gunicorn", "--chdir", str(HERE), "--bind",
                                            f"127.0.0.1:{port}", *GUNICORN, "minimal_app:app"], logs).start()
    wait_port(port)
    cadres = [str(uuid.uuid4()) for _ in range(20)]

    def body(i: int) -> dict:
        return {"response_id": str(uuid.uuid4()), "dossier_code": f"HS-{i:08d}", "cadre_id": cadres[i % 20],
                "overall": LEVELS[i % 3], "indicators": {"attitude": 1 + i % 5}, "comment": None}

    return proc, Target(Client(f"http://127.0.0.1:{port}"), "/answers", body, lambda i: {})


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def report(result: dict) -> str:
    fixed, sat, ceiling = result["fixed_load"], result["saturation"], result["ceiling"]
    direct = result.get("survey_direct") or {k: "—" for k in ("throughput_per_s", "p50_ms", "p95_ms", "p99_ms",
                                                                "errors")}
    big, big_fixed, raw = result["large_store"]["saturation"], result["large_store"]["fixed_load"], result["raw_store"]
    lines = [
        "Cadre360 — kiosk submissions through the gateway (POST /api/v1/kiosk/responses)",
        f"machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}, "
        f"load average at start {result['machine']['load_average_at_start']}",
        "",
        f"{'run':<34}{'ok/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}",
        f"{'fixed offered load ' + str(fixed['offered_per_s']) + '/s':<34}{fixed['achieved_per_s']:>9}"
        f"{fixed['p50_ms']:>9}{fixed['p95_ms']:>9}{fixed['p99_ms']:>9}{fixed['errors']:>8}",
        f"{'saturation, ' + str(sat['clients']) + ' clients':<34}{sat['throughput_per_s']:>9}"
        f"{sat['p50_ms']:>9}{sat['p95_ms']:>9}{sat['p99_ms']:>9}{sat['errors']:>8}",
        f"{'survey alone (no gateway)':<34}{direct['throughput_per_s']:>9}"
        f"{direct['p50_ms']:>9}{direct['p95_ms']:>9}{direct['p99_ms']:>9}{direct['errors']:>8}",
        f"{'ceiling: minimal Flask+marshmallow':<34}{ceiling['throughput_per_s']:>9}"
        f"{ceiling['p50_ms']:>9}{ceiling['p95_ms']:>9}{ceiling['p99_ms']:>9}{ceiling['errors']:>8}",
        f"{'store of ' + format(result['large_store']['answers'], ',') + ' answers: saturation':<34}"
        f"{big['throughput_per_s']:>9}{big['p50_ms']:>9}{big['p95_ms']:>9}{big['p99_ms']:>9}{big['errors']:>8}",
        f"{'  and fixed ' + str(big_fixed['offered_per_s']) + '/s':<34}{big_fixed['achieved_per_s']:>9}"
        f"{big_fixed['p50_ms']:>9}{big_fixed['p95_ms']:>9}{big_fixed['p99_ms']:>9}{big_fixed['errors']:>8}",
        f"raw store inserts (same FerretDB, 8 writers): {raw['single_per_s']:,}/s one by one, "
        f"{raw['batch_100_docs_per_s']:,} documents/s in batches of 100",
        f"P2 answer → counted by the evaluation service under the saturation load: p50 {result['p2']['p50_ms']} ms, "
        f"p95 {result['p2']['p95_ms']} ms over {result['p2']['n']} answers",
        "",
        f"kiosk saturation / minimal ceiling = {result['ratio_to_ceiling']:.3f} "
        f"({result['ratio_to_ceiling'] * 100:.1f} %)",
        "evaluation service caught up with the survey service (s after the run ended): "
        + ", ".join(f"{run} {seconds}" for run, seconds in result["caught_up_after_s"].items() if run != "warm-up"),
        *store_ops.lines(result["store_round_trips"]),
        *cpu_cost.lines(result["cpu_per_answer"]),
    ]
    return "\n".join(lines)


def large_store_runs(args, stack: Stack, kiosk: Target, unit: str, cadres: list[str]) -> dict:
    """The same saturation and fixed load on a store already holding ``args.large_store`` answers
    (past quarters); the backlog is waited for through the consumer's histogram, since counting
    figures means reading every answer of the collection on this store."""
    print(f"seeding {args.large_store:,} answers of past quarters…", flush=True)
    seconds = kiosk_store.seed_answers(stack.env_for("survey")["C360_MONGO_URI"],
                                       stack.env_for("evaluation")["C360_MONGO_URI"], args.large_store, unit)
    out = {"answers": args.large_store, "seeded_in_s": seconds}
    evaluation = stack.url("evaluation")
    for name, run in (("saturation", lambda: saturation(kiosk, args.clients, args.duration, offset=30_000_000)),
                      ("fixed_load", lambda: fixed_load(kiosk, args.rate, args.duration, offset=40_000_000))):
        print(f"large store: {name}…", flush=True)
        before = kiosk_store.delivery_buckets(evaluation)
        out[name] = run()
        try:
            out[f"{name}_caught_up_after_s"] = kiosk_store.wait_delivered(evaluation, before, out[name]["ok"])
        except LookupError:
            out[f"{name}_caught_up_after_s"] = wait_caught_up(stack, cadres)
        print(f"  consumed after {out[f'{name}_caught_up_after_s']} s", flush=True)
    return out


def figures_of(result: dict, rate: float) -> list[dict]:
    sat, ceiling, big = result["saturation"], result["ceiling"], result["large_store"]["saturation"]
    size = f"{result['large_store']['answers']:,}"
    return [
        figure("P1 kiosk answers/s at saturation", sat["throughput_per_s"], GOAL_PER_S, "/s", lower_is_better=False),
        figure("P1 saturation ÷ minimal Flask POST ceiling (ratio)", round(result["ratio_to_ceiling"], 3), GOAL_RATIO,
               "", lower_is_better=False),
        figure(f"P1 p99 at a fixed {rate:g}/s offered", result["fixed_load"]["p99_ms"], GOAL_P99_MS, "ms"),
        figure(f"P1 answers/s on a store of {size} answers (× empty store)", big["throughput_per_s"],
               round(sat["throughput_per_s"] * (1 - GOAL_LARGE_STORE_SLOWDOWN), 1), "/s",
               baseline=sat["throughput_per_s"], lower_is_better=False),
        figure(f"P1 p99 at {rate:g}/s on a store of {size} answers", result["large_store"]["fixed_load"]["p99_ms"],
               GOAL_P99_MS, "ms"),
        figure("P2 answer → counted by evaluation, p95", result["p2"]["p95_ms"], GOAL_P2_P95_MS, "ms"),
        figure("store round-trips per answer (all services)", result["store_round_trips"]["total"], None, ""),
        figure("CPU per answer, all parts of the platform", result["cpu_per_answer"]["total_ms"], None, "ms"),
        figure("answers/s this CPU cost allows on 2 idle cores", result["cpu_per_answer"]["alone_on_2_cores_per_s"],
               GOAL_PER_S, "/s", lower_is_better=False),
        figure("baseline: minimal Flask POST/s", ceiling["throughput_per_s"], None, "/s", lower_is_better=False),
        figure("baseline: raw store single inserts/s", result["raw_store"]["single_per_s"], None, "/s",
               lower_is_better=False),
    ]


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rate", type=float, default=None,
                        help="kiosk: fixed offered load, answers per second (default 500)")
    parser.add_argument("--large-store", type=int, default=None,
                        help="kiosk: answers already stored for the large-store runs (1,000,000; QUICK 100,000)")
    parser.add_argument("--duration", type=float, default=None, help="kiosk: seconds per measured run (30; QUICK 10)")
    parser.add_argument("--clients", type=int, default=16, help="kiosk: concurrent clients at saturation")
    parser.add_argument("--kiosks", type=int, default=40)


GOAL_PER_S, GOAL_RATIO, GOAL_P99_MS, GOAL_P2_P95_MS, GOAL_LARGE_STORE_SLOWDOWN = 1000, 0.30, 50, 1000, 0.20


def main(args, _shared=None) -> dict:
    args.duration = args.duration or (10.0 if QUICK else 30.0)
    args.rate = args.rate or 500.0
    args.large_store = args.large_store or (100_000 if QUICK else 1_000_000)
    settings = {k: getattr(args, k) for k in ("rate", "duration", "clients", "kiosks", "large_store")}
    result = {"profile": "kiosk", "machine": machine(), "settings": settings}
    print("P1 kiosk: starting broker, store and stack…", flush=True)
    infra, stack, kiosk, survey_direct, cadres, unit = prepare_stack(args)
    caught_up = result["caught_up_after_s"] = {}

    def settle(run: str) -> None:
        print("  waiting for the evaluation service to consume the backlog…", flush=True)
        caught_up[run] = wait_caught_up(stack, cadres)
        print(f"  caught up after {caught_up[run]} s", flush=True)

    try:
        kiosk.send(-1)  # warm-up of connections and caches
        settle("warm-up")
        print(f"saturation with {args.clients} clients for {args.duration}s…", flush=True)
        evaluation, parts = stack.url("evaluation"), cpu_cost.parts_of(infra, stack)
        idle = cpu_cost.idle_rate(parts, 5.0 if QUICK else 15.0)
        before, delivered_before = store_ops.snapshot(stack), kiosk_store.delivery_buckets(evaluation)
        cpu_before = cpu_cost.snapshot(parts)
        result["saturation"] = saturation(kiosk, args.clients, args.duration)
        web_after = store_ops.snapshot(stack)
        # the consumer's count first (it reads nothing from the store), then the figures compared
        try:
            kiosk_store.wait_delivered(evaluation, delivered_before, result["saturation"]["ok"])
        except LookupError:  # measuring an older build: its backlog is waited for by comparing figures
            wait_caught_up(stack, cadres)
        delivered_after = kiosk_store.delivery_buckets(evaluation)
        result["cpu_per_answer"] = cpu_cost.per_answer(cpu_before, cpu_cost.snapshot(parts), result["saturation"]["ok"],
                                                        idle)
        result["store_round_trips"] = store_ops.per_answer(before, web_after, store_ops.snapshot(stack),
                                                           result["saturation"]["ok"])
        result["p2"] = kiosk_store.delivery_percentiles(delivered_before, delivered_after)
        settle("saturation")
        print("\n".join(store_ops.lines(result["store_round_trips"]) + cpu_cost.lines(result["cpu_per_answer"])),
              flush=True)
        rate = args.rate
        print(f"fixed load {rate}/s for {args.duration}s…", flush=True)
        result["fixed_load"] = fixed_load(kiosk, rate, args.duration)
        settle("fixed_load")
        if not QUICK:
            print("survey service alone at saturation…", flush=True)
            result["survey_direct"] = saturation(survey_direct, args.clients, args.duration, offset=20_000_000)
            settle("survey_direct")
        minimal, ceiling_target = minimal_target(infra.logs)
        try:
            ceiling_target.send(-1)
            print("ceiling of a minimal Flask + marshmallow POST…", flush=True)
            result["ceiling"] = saturation(ceiling_target, args.clients, args.duration)
        finally:
            minimal.stop()
        print("raw store inserts…", flush=True)
        scratch = infra.mongo_uri("c360_bench_raw")
        result["raw_store"] = {"single_per_s": kiosk_store.raw_inserts(scratch, args.duration / 2, 1),
                               "batch_100_docs_per_s": kiosk_store.raw_inserts(scratch, args.duration / 2, 100)}
        result["large_store"] = large_store_runs(args, stack, kiosk, unit, cadres)
    finally:
        stack.stop()
        infra.stop()
    result["ratio_to_ceiling"] = result["saturation"]["throughput_per_s"] / max(result["ceiling"]["throughput_per_s"], 1e-9)
    result["figures"] = figures_of(result, rate)
    save("kiosk", result)
    print()
    print(report(result))
    print("\n".join(figure_lines(result["figures"])))
    return result
