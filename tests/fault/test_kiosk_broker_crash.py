"""Fault test: 5,000 citizen answers through the gateway while the Kafka broker is killed
(SIGKILL) and restarted midway. Every answer the platform acknowledged is counted exactly
once by the survey service and — once the stream has caught up — by the evaluation service;
replays (200), conflicts (409) and invalid answers (422) are never counted.

It runs on its own broker, store and stack: it kills the broker, and it lifts the per-kiosk
rate limit and the burst rule, which are abuse defences, not what is tested here."""
from __future__ import annotations

import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
import requests

from support.kiosks import LEVELS, answer, kiosk_headers, satisfaction, wait_until_kiosk_lists
from support.platform import Infra, Stack, eventually
from support.world import World, names
from survey.domain.periods import periods_of

# Long on a shared 2-core machine (the whole stack, Kafka and the store share it with the client).
pytestmark = [pytest.mark.integration, pytest.mark.timeout(7200)]
TOTAL = 5000
KILL_AT, RESTART_AT = 0.35, 0.65  # fractions of TOTAL answered when the broker dies / comes back


@pytest.fixture(scope="module")
def isolated_stack():
    infra = Infra().start()
    stack = Stack(infra, suffix="_fault")
    stack.base_env.update({"C360_KIOSK_RATE_PER_MINUTE": "1000000", "C360_SURVEY_BURST_SIZE": "1000000"})
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        infra.stop()
        infra.stop()


class Submitter:
    """Sends answers like the kiosk page does: a transport failure is retried with the same UUID
    until the server gives a definite answer."""

    def __init__(self, base: str):
        self.base = base
        self.local = threading.local()
        self.lock = threading.Lock()
        self.answered = 0
        self.transport_retries = 0

    def session(self) -> requests.Session:
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        return self.local.session

    def send(self, token: str, body: dict) -> int:
        for attempt in range(60):
            try:
                res = self.session().post(self.base + "/api/v1/kiosk/responses", json=body,
                                          headers=kiosk_headers(token), timeout=30)
            except requests.RequestException:
                res = None
            if res is not None and res.status_code < 500:
                with self.lock:
                    self.answered += 1
                return res.status_code
            with self.lock:
                self.transport_retries += 1
            time.sleep(min(0.2 * 2 ** attempt, 5))
        raise AssertionError(f"no definite answer for {body['response_id']}")


def test_every_acknowledged_answer_counted_once_across_a_broker_crash(isolated_stack):
    stack, infra = isolated_stack, isolated_stack.infra
    base, reg = stack.url(), World(stack)
    unit = reg.unit("Phường Chịu Lỗi")["id"]
    cadres = reg.cadres(unit, names(10, seed=5))
    kiosks = [reg.kiosk(unit, f"Ki-ốt {i + 1}")["token"] for i in range(20)]
    wait_until_kiosk_lists(base, kiosks[0], cadres)

    rng = random.Random(2026)
    # (kind, token, body, index of the answer it refers to): fresh answers, with replays, conflicts,
    # second answers for a rated dossier and invalid answers mixed in
    plan: list[tuple[str, str, dict, int | None]] = []
    fresh: list[int] = []
    for i in range(TOTAL):
        token = kiosks[i % len(kiosks)]
        roll = rng.random()
        ref = rng.choice(fresh) if fresh else None
        if ref is not None and roll < 0.03:
            plan.append(("replay", plan[ref][1], plan[ref][2], ref))
        elif ref is not None and roll < 0.05:
            original = plan[ref][2]
            other = "dissatisfied" if original["overall"] != "dissatisfied" else "satisfied"
            plan.append(("conflict", plan[ref][1], {**original, "overall": other}, ref))
        elif ref is not None and roll < 0.06:
            plan.append(("dossier", token, answer(rng.choice(cadres), dossier_code=plan[ref][2]["dossier_code"]), ref))
        elif roll < 0.07:
            plan.append(("invalid", token, answer("not-a-cadre-of-this-unit"), None))
        else:
            fresh.append(len(plan))
            plan.append(("fresh", token, answer(rng.choice(cadres), rng.choice(LEVELS)), None))
    done = [threading.Event() for _ in plan]

    submitter = Submitter(base)
    outcomes: dict[str, list] = {}
    broker_events = []

    def saboteur():
        while submitter.answered < TOTAL * KILL_AT:
            time.sleep(0.05)
        infra.kafka.kill9()
        broker_events.append(("killed", submitter.answered))
        while submitter.answered < TOTAL * RESTART_AT:
            time.sleep(0.05)
        infra.start_kafka()
        broker_events.append(("restarted", submitter.answered))

    sabotage = threading.Thread(target=saboteur, daemon=True)
    sabotage.start()
    started = time.monotonic()
    def run(index: int) -> int:
        kind, token, body, ref = plan[index]
        if ref is not None:
            done[ref].wait()  # a replay or a conflict is sent once its original has been answered
        try:
            return submitter.send(token, body)
        finally:
            done[index].set()

    with ThreadPoolExecutor(max_workers=12) as pool:  # tasks start in order, so an original is never queued behind
        statuses = list(pool.map(run, range(len(plan))))
    elapsed = time.monotonic() - started
    sabotage.join(timeout=120)
    assert [e[0] for e in broker_events] == ["killed", "restarted"], broker_events
    for (kind, _token, body, _ref), status in zip(plan, statuses):
        outcomes.setdefault(kind, []).append((status, body))

    accepted = {body["response_id"]: body for status, body in outcomes["fresh"] if status in (201, 200)}
    first_answers = Counter(status for status, _ in outcomes["fresh"])
    assert set(first_answers) <= {201, 200}, first_answers  # 200: the first answer was lost, the retry found it
    assert first_answers[201] >= len(outcomes["fresh"]) * 0.9
    assert {s for s, _ in outcomes["replay"]} == {200}
    assert {s for s, _ in outcomes["conflict"]} == {409}
    assert {s for s, _ in outcomes["dossier"]} == {409}
    assert {s for s, _ in outcomes["invalid"]} == {422}

    expected: dict[tuple[str, str], Counter] = {}
    quarter = periods_of(datetime.now(timezone.utc))[0]
    for body in accepted.values():
        expected.setdefault((body["cadre_id"], quarter), Counter())[body["overall"]] += 1
    assert sum(sum(c.values()) for c in expected.values()) == len(accepted)

    def figures_of(from_evaluation: bool) -> dict:
        reader = stack.session()  # a fresh sign-in: access tokens last 15 minutes, this test longer
        return {key: satisfaction(reader, base, key[0], key[1], from_evaluation=from_evaluation)
                for key in expected}

    for key, figures in figures_of(False).items():
        assert {level: figures[level] for level in LEVELS} == {level: expected[key][level] for level in LEVELS}, key

    caught_up = time.monotonic()

    def evaluation_agrees():
        current = figures_of(True)
        return all({level: f[level] for level in LEVELS} == {level: expected[key][level] for level in LEVELS}
                   for key, f in current.items())

    eventually(evaluation_agrees, timeout=2400, interval=5, message="evaluation counts every accepted answer once")
    print(f"\nfault test: {len(plan)} submissions ({len(accepted)} accepted) in {elapsed:.1f}s "
          f"({len(plan) / elapsed:.1f}/s), broker {broker_events}, {submitter.transport_retries} transport "
          f"retries, evaluation caught up {time.monotonic() - caught_up:.1f}s after the last answer")
