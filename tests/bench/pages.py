"""P6 — the pages people wait on, with a whole province (``C360_DEMO=large``: ten thousand
cadres; QUICK=1: the demo's six hundred), and the platform's memory under the kiosk load.

Every page and API read is measured one request at a time (p50, p95), then with 8 people at
once (each a closed loop over every page in turn, for a fixed time): goal p95 ≤ 300 ms with 8
concurrent users. Then kiosk answers arrive at a steady rate while the resident memory of every
process of the platform (FerretDB, Kafka, gunicorn masters and workers, relays, consumers) is
summed twice a second: goal ≤ 3 GB at the peak. A page added later joins by a line in ``targets``.
A unit's classification needs a closed evaluation period: for a province that has none (the large
one), ``province.evaluation_period`` makes one through the public API before the measurements.

Each page's cost is measured too, one request at a time: the CPU of every part of the platform
(gateway, services, FerretDB, Kafka, workers) and the store round trips of the services' web
processes per request, so the report says where each page's time goes."""
from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

import requests

import cpu_cost
import store_ops
from common import QUICK, figure, figure_lines, machine, percentiles, save
from kiosk_load import KioskLoad
from memory import platform_rss_bytes
from province import Province, SharedPlatform

PROFILE = "pages"
GOAL_MS = 300.0
MEMORY_GOAL_GB = 3.0
USERS = 8


@dataclass(frozen=True)
class Target:
    name: str
    role: str
    kind: str      # "page" (web session) or "api" (bearer token)
    path: str      # may hold {cadre}: a different cadre of the commune each time
    goal: bool = True  # one of the figures the goal is about (others are for diagnosis)


def targets(p: Province) -> list[Target]:
    commune, province = p.commune_id, p.province_id
    # a unit's classification needs an evaluation period (province.evaluation_period makes one)
    classification = [Target("a unit's classification (page)", "province_admin", "page",
                             f"/evaluation/periods/{p.period_id}/units/{commune}")] if p.period_id else []
    return [
        Target("home — province HR", "province_admin", "page", "/"),
        Target("home — commune HR", "unit_hr", "page", "/"),
        Target("home — cadre", "cadre", "page", "/"),
        Target("cadre list of a commune (page)", "province_admin", "page", f"/cadres?unit_id={commune}"),
        Target("cadre list of the province (page)", "province_admin", "page", "/cadres"),
        Target("cadre search by name (page)", "province_admin", "page", "/cadres?q=nguyen+thi"),
        Target("a cadre's page", "province_admin", "page", "/cadres/{cadre}"),
        Target("gap page of the province", "province_admin", "page", "/gaps"),
        Target("gap page of a commune", "province_admin", "page", f"/gaps?unit_id={commune}"),
        Target("scorecard of the province (page)", "province_admin", "page", "/scorecard"),
        Target("a commune's page", "province_admin", "page", f"/units/{commune}"),
        *classification,
        Target("scorecard of the province (API)", "province_admin", "api", "/api/v1/scorecard", goal=False),
        Target("cadre list of a commune (API)", "province_admin", "api", f"/api/v1/cadres?unit_id={commune}",
               goal=False),
        Target("cadre search (API)", "province_admin", "api", "/api/v1/cadres?q=nguyen+thi", goal=False),
        Target("a cadre's dossier (API)", "province_admin", "api", "/api/v1/cadres/{cadre}", goal=False),
        Target("gaps of the province (API)", "province_admin", "api", f"/api/v1/units/{province}/gaps",
               goal=False),
    ]


class Browser:
    """One person's sessions (web and API), for one thread."""

    def __init__(self, base: str, p: Province):
        self.base, self.p = base, p
        self.web = {role: person.web() for role, person in p.people.items()}
        self.api = {role: person.api() for role, person in p.people.items()}
        self.rnd = random.Random()

    def get(self, target: Target) -> tuple[int, float]:
        path = target.path.replace("{cadre}", self.rnd.choice(self.p.cadre_ids))
        session = (self.web if target.kind == "page" else self.api)[target.role]
        started = time.perf_counter()
        reply = session.get(self.base + path, allow_redirects=False, timeout=120)
        return reply.status_code, time.perf_counter() - started


def one_at_a_time(base: str, p: Province, repeat: int) -> dict[str, dict]:
    browser, out = Browser(base, p), {}
    for target in targets(p):
        browser.get(target)  # warm the caches the first request fills
        samples, statuses = [], set()
        for _ in range(repeat):
            status, seconds = browser.get(target)
            samples.append(seconds)
            statuses.add(status)
        out[target.name] = {**percentiles(samples), "statuses": sorted(statuses)}
        print(f"    {target.name:<45} p50 {out[target.name]['p50_ms']:>8} ms  p95 {out[target.name]['p95_ms']:>8} ms"
              f"  {sorted(statuses)}", flush=True)
    return out


def costs(parts: dict[str, int], stack, base: str, p: Province, repeat: int) -> dict[str, dict]:
    """What one request of each target costs, one at a time: the CPU of every part of the platform
    (gateway, services, their workers, FerretDB, Kafka; what the idle platform burns taken off) and
    the store round trips of every service's web processes — where each page's time goes. Meeting
    the goal with 8 people on 2 cores needs pages of about 35 ms of CPU in all."""
    idle = cpu_cost.idle_rate(parts, 5.0 if QUICK else 10.0)
    browser, out = Browser(base, p), {}
    for target in targets(p):
        browser.get(target)  # warm
        ops_before = store_ops.snapshot(stack)
        cpu_before = cpu_cost.snapshot(parts)
        for _ in range(repeat):
            browser.get(target)
        cpu = cpu_cost.per_answer(cpu_before, cpu_cost.snapshot(parts), repeat, idle)
        ops_after = store_ops.snapshot(stack)
        ops = store_ops.per_answer(ops_before, ops_after, ops_after, repeat)
        web_ops = {k: v for k, v in ops["by_command"].items() if "/web/" in k}
        out[target.name] = {"cpu_ms": cpu["total_ms"], "cpu_by_part_ms": cpu["by_part_ms"],
                            "store_round_trips": round(sum(web_ops.values()), 1), "store_by_command": web_ops}
        print(f"    {target.name:<45} CPU {cpu['total_ms']:>7} ms  store {out[target.name]['store_round_trips']:>6}"
              f"  ({_parts_line(cpu['by_part_ms'])})", flush=True)
    return out


def _parts_line(by_part: dict) -> str:
    return ", ".join(f"{name} {ms:g}" for name, ms in by_part.items() if ms >= 0.5)


def writes_one_at_a_time(base: str, p: Province, repeat: int) -> dict:
    """HR changing a dossier (PATCH, which also rewrites the cadre's row), for diagnosis: the
    write whose optimistic check used to read every cadre."""
    api, cadre_id, samples = p.people["province_admin"].api(), p.cadre_ids[-1], []
    original = api.get(f"{base}/api/v1/cadres/{cadre_id}", timeout=60).json()["birth_year"]
    for number in range(repeat + 1):
        started = time.perf_counter()
        reply = api.patch(f"{base}/api/v1/cadres/{cadre_id}", json={"birth_year": original + (number % 2)},
                          timeout=120)
        if number:  # the first one warms the caches
            samples.append(time.perf_counter() - started)
        assert reply.status_code == 200, (reply.status_code, reply.text[:300])
    api.patch(f"{base}/api/v1/cadres/{cadre_id}", json={"birth_year": original}, timeout=120)
    return percentiles(samples)


def concurrently(base: str, p: Province, users: int, seconds: float) -> dict[str, dict]:
    """``users`` threads, each requesting every target in turn (its own order) until time is up."""
    samples: dict[str, list[float]] = {t.name: [] for t in targets(p)}
    errors: dict[str, int] = {t.name: 0 for t in targets(p)}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def person(number: int) -> None:
        browser, order = Browser(base, p), targets(p)
        random.Random(number).shuffle(order)
        while time.perf_counter() < deadline:
            for target in order:
                status, took = browser.get(target)
                with lock:
                    samples[target.name].append(took)
                    errors[target.name] += status != 200
                if time.perf_counter() >= deadline:
                    break

    threads = [threading.Thread(target=person, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {name: {**percentiles(values), "errors": errors[name]} for name, values in samples.items()}


def memory_under_kiosk_load(stack, p: Province, seconds: float, rate: float) -> dict:
    load = KioskLoad(stack, p.commune_id, p.people["province_admin"].token)
    peak, idle = 0, platform_rss_bytes(stack)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, platform_rss_bytes(stack))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        sent = load.run(rate, seconds)
    finally:
        stop.set()
        sampler.join()
    return {"idle_bytes": idle, "peak_bytes": peak, "kiosk": sent}


def training_day_computed(stack, p: Province) -> float:
    """The training compliance of every unit computed for today, as the daily job does after midnight:
    a province restored from a copy seeded on an earlier day has it for that day, and the province
    HR's home then computes a hundred units again inside its call (timed out at the gateway's 30 s,
    request after request, while the load lasted). Asked of the training service directly, without
    the gateway's timeout; returns the seconds it took."""
    started = time.perf_counter()
    reply = requests.get(f"{stack.url('training')}/api/v1/training/compliance/units", timeout=1800,
                         headers={"Authorization": f"Bearer {p.people['province_admin'].token}"})
    assert reply.status_code == 200, (reply.status_code, reply.text[:300])
    return time.perf_counter() - started


def run(shared: SharedPlatform) -> dict:
    repeat, seconds = (5, 20.0) if QUICK else (20, 60.0)
    stack, p = shared.ready()
    base = stack.url()
    print(f"  training compliance of every unit computed for today in {training_day_computed(stack, p):.0f} s",
          flush=True)
    print(f"P6 pages: {p.cadres} cadres; one request at a time ({repeat} each):", flush=True)
    single = one_at_a_time(base, p, repeat)
    print(f"  CPU and store round trips per request ({repeat} each):", flush=True)
    cost = costs(cpu_cost.parts_of(shared.infra, stack), stack, base, p, repeat)
    print(f"  {USERS} people at once for {seconds:.0f} s…", flush=True)
    loaded = concurrently(base, p, USERS, seconds)
    # after the reads: each write also wakes the outbox relay, which reads the whole collection
    write = writes_one_at_a_time(base, p, repeat)
    print(f"    a dossier changed (PATCH)                     p50 {write['p50_ms']:>8} ms  p95 {write['p95_ms']:>8} ms",
          flush=True)
    print("  memory under the kiosk load…", flush=True)
    memory = memory_under_kiosk_load(stack, p, 15.0 if QUICK else 30.0, 10.0)
    figures = [figure(f"{t.name}, p95 with {USERS} users", loaded[t.name]["p95_ms"], GOAL_MS if t.goal else None,
                      "ms") for t in targets(p)]
    if not p.period_id:
        figures.append(figure("a unit's classification (page): not measured, no evaluation period", None, GOAL_MS,
                              "ms"))
    figures.append(figure("a dossier changed (PATCH), one at a time, p95", write["p95_ms"], None, "ms"))
    figures.append(figure("platform resident memory under kiosk load", round(memory["peak_bytes"] / 2 ** 30, 2),
                          MEMORY_GOAL_GB, "GB"))
    return {"profile": PROFILE, "machine": machine(), "cadres": p.cadres, "one_at_a_time": single, "cost": cost,
            "write": write,
            f"{USERS}_users": loaded, "memory": memory, "figures": figures}


def report(result: dict) -> str:
    lines = [f"P6 pages — {result['cadres']} cadres, {USERS} concurrent users "
             f"(load average at start {result['machine']['load_average_at_start']})"]
    lines += [f"  one at a time: {name:<45} p50 {r['p50_ms']:>8} ms  p95 {r['p95_ms']:>8} ms"
              for name, r in result["one_at_a_time"].items()]
    lines += [f"  cost of one: {name:<45} CPU {r['cpu_ms']:>7} ms  store round trips {r['store_round_trips']:>6}"
              f"  ({_parts_line(r['cpu_by_part_ms'])})" for name, r in result.get("cost", {}).items()]
    return "\n".join(lines + figure_lines(result["figures"]))


def main(args, shared: SharedPlatform) -> dict:
    result = run(shared)
    save(PROFILE, result)
    print(report(result))
    return result
