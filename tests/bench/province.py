"""A whole platform with a seeded province for the benchmarks that need one (pages, memory):
broker, store, the four services and their workers, the demo province (``large``: ten thousand
cadres) seeded through the public API exactly as ``make run`` seeds it, and the accounts of the
people whose pages are measured. ``--data-dir DIR`` keeps the store and broker between runs, so a
province seeded once is measured again without seeding it again: the first run seeds the province,
waits until the platform is idle, stops it and copies its store and broker to ``DIR/pristine``;
every later run starts by copying them back, so each run measures the same seeded province
whatever the runs before it wrote (an upload's 50,000 results, the kiosk load's answers)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from common import QUICK, ROOT
from memory import wait_until_idle
from support.platform import Infra, ManagedProcess, Stack

PASSWORD = "Bench-Đo-2026!"
SUFFIX = "_bench"
PRISTINE = "pristine"  # DIR/pristine: the store and broker as the seeding left them
NOT_KEPT = shutil.ignore_patterns("*.sock")  # FerretDB's socket, if a stop left it behind
STATE = ("mongo", "kafka")  # what a run changes (the keys in DIR/keys stay: the store's fields are sealed with them)
SEED_IDLE_S = 4 * 3600  # at most this long for the platform to finish what the seed sent


def infra_in(directory: Path | None) -> Infra:
    """An Infra in ``directory`` (kept afterwards), or in a fresh temporary one (removed)."""
    infra = Infra()
    if directory is None:
        return infra
    shutil.rmtree(infra.dir, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    infra.dir, infra.logs = directory, directory / "logs"
    infra.logs.mkdir(exist_ok=True)
    infra.ferretdb = ManagedProcess("ferretdb", [str(ROOT / "deploy/local/ferretdb-start.sh"),
                                                str(directory / "mongo"), str(infra.mongo_port)], infra.logs)
    infra.kafka = ManagedProcess("kafka", [str(ROOT / "deploy/local/kafka-start.sh"), str(directory / "kafka"),
                                           str(infra.kafka_port), str(infra.controller_port)], infra.logs)
    infra.stop = _stop_keeping(infra)
    return infra


def _stop_keeping(infra: Infra):
    def stop() -> None:
        infra.kafka.stop()
        infra.ferretdb.stop()
    return stop


def start_platform(directory: Path | None = None, extra_env: dict | None = None) -> tuple[Infra, Stack]:
    infra = infra_in(directory).start()
    stack = Stack(infra, admin_password=PASSWORD, suffix=SUFFIX)
    # abuse defences off: the platform's speed is measured, not its limits
    stack.base_env.update({"C360_KIOSK_RATE_PER_MINUTE": "100000000", "C360_SURVEY_BURST_SIZE": "100000000",
                           "C360_SIGNIN_PAIR_FREE_FAILURES": "100000", "C360_SIGNIN_IP_LIMIT": "100000",
                           "C360_LOG_LEVEL": "WARNING", "C360_SLOW_REQUEST_MS": "0",
                           "C360_KEPT_READS_MOVE_EVERY_S": "1.0",  # production's (the tests' stacks: 0)
                           # the demo province's past answers go in through the survey's seeding door
                           "C360_SURVEY_SEEDING_DOOR": "1", **(extra_env or {})})
    try:
        stack.start()
    except BaseException:
        stack.stop()
        infra.stop()
        raise
    return infra, stack


def seed(stack: Stack, size: str) -> None:
    """The demo province (``size`` "large": ten thousand cadres) through ``deploy/local/seed_demo.py``."""
    env = {**os.environ, "C360_DEMO": size, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "deploy/local/seed_demo.py"), "--base-url", stack.url(),
                    "--password", stack.admin_password, "--survey-url", stack.url("survey")], env=env, check=True)
    print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)


def restore_pristine(directory: Path) -> bool:
    """The store and broker of ``directory`` put back as the seeding left them, if a copy was kept."""
    snapshot = directory / PRISTINE
    if not (snapshot / "complete").exists():
        return False
    started = time.monotonic()
    for name in STATE:
        shutil.rmtree(directory / name, ignore_errors=True)
        shutil.copytree(snapshot / name, directory / name, symlinks=True, ignore=NOT_KEPT)
    print(f"  store and broker restored from {snapshot} in {time.monotonic() - started:.0f} s", flush=True)
    return True


def keep_pristine(directory: Path) -> None:
    """A copy of the (stopped) store and broker of ``directory``, marked complete only once whole."""
    snapshot, partial = directory / PRISTINE, directory / f"{PRISTINE}.partial"
    for stale in (snapshot, partial):
        shutil.rmtree(stale, ignore_errors=True)
    for name in STATE:
        shutil.copytree(directory / name, partial / name, symlinks=True, ignore=NOT_KEPT)
    (partial / "complete").write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + "\n")
    partial.rename(snapshot)


@dataclass
class Person:
    """Someone whose pages are measured: a role, a web session (cookie) and an API token."""
    role: str
    username: str
    password: str
    cookies: dict = field(default_factory=dict)
    token: str = ""

    def web(self) -> requests.Session:
        session = requests.Session()
        session.cookies.update(self.cookies)
        return session

    def api(self) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.token}"
        return session


def sign_in(base: str, person: Person) -> Person:
    """Both ways a person signs in: the web form (CSRF token of the sign-in page) and the API."""
    web = requests.Session()
    page = web.get(f"{base}/login", timeout=30)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    reply = web.post(f"{base}/login", data={"username": person.username, "password": person.password,
                                            "csrf_token": csrf}, allow_redirects=False, timeout=30)
    assert reply.status_code in (302, 303), (reply.status_code, reply.text[:300])
    person.cookies = web.cookies.get_dict()
    reply = requests.post(f"{base}/api/v1/auth/token", json={"username": person.username,
                                                             "password": person.password}, timeout=30)
    reply.raise_for_status()
    person.token = reply.json()["access_token"]
    return person


def account(admin: requests.Session, base: str, role: str, unit_id: str | None = None,
            cadre_id: str | None = None) -> Person:
    """The bench account of ``role`` (created once; a kept store already has it)."""
    username = f"bench-{role.replace('_', '-')}"
    body = {"username": username, "password": PASSWORD, "role": role, "unit_id": unit_id, "cadre_id": cadre_id}
    reply = admin.post(f"{base}/api/v1/users", json={k: v for k, v in body.items() if v}, timeout=30)
    assert reply.status_code in (201, 409), (reply.status_code, reply.text[:300])
    return sign_in(base, Person(role, username, PASSWORD))


@dataclass
class Province:
    """The ids the measured pages name, and the people who look at them."""
    province_id: str
    commune_id: str
    cadre_ids: list[str]
    cadres: int
    people: dict[str, Person]
    period_id: str | None = None  # the newest evaluation period, if the province has one


class SharedPlatform:
    """The platform with the province, started once per run for every profile that needs it (pages,
    upload) and stopped at the end; ``--data-dir`` keeps its store for the next run."""

    def __init__(self, data_dir: str | None):
        self.data_dir = Path(data_dir) if data_dir else None
        self.size = "demo" if QUICK else "large"
        self.infra = self.stack = self.province = None
        self.failed = False

    def ready(self) -> tuple[Stack, Province]:
        if self.failed:  # a profile after one whose seeding failed must not measure a half-seeded province
            raise RuntimeError("the platform with the province could not be made ready (see above)")
        if self.province is None:
            self.failed = True  # until the province is there
            print(f"starting the platform with the {self.size} province…", flush=True)
            restored = self.data_dir is not None and restore_pristine(self.data_dir)
            self.infra, self.stack = start_platform(self.data_dir)
            if not restored:  # a restored copy is kept only once its seed had finished (DIR/pristine/complete)
                seed(self.stack, self.size)
            if self.data_dir is not None and not restored:
                # the course results the seed sent keep the training consumers busy for a long while
                idle = wait_until_idle(self.stack, timeout=SEED_IDLE_S)
                print(f"  platform idle after {idle} s; keeping a copy of the seeded province in "
                      f"{self.data_dir / PRISTINE}…", flush=True)
                self.stop()
                keep_pristine(self.data_dir)
                self.infra, self.stack = start_platform(self.data_dir)
            self.province = province_of(self.stack)
            if self.province.period_id is None:  # the large province: a unit's classification needs one
                self.province.period_id = evaluation_period(self.stack, self.province)
            self.failed = False
        print(f"  platform idle after {wait_until_idle(self.stack)} s", flush=True)
        return self.stack, self.province

    def stop(self) -> None:
        if self.stack is not None:
            try:
                self.stack.stop()
            finally:  # even when stopping the services is interrupted (SIGTERM): no store or broker left running
                self.infra.stop()


def province_of(stack: Stack) -> Province:
    base, admin = stack.url(), stack.session(password=PASSWORD)
    units = admin.get(f"{base}/api/v1/units", timeout=60).json()
    province = next(u for u in units if u["kind"] == "province")
    commune = next(u for u in units if u["kind"] == "commune")
    listed = admin.get(f"{base}/api/v1/cadres", params={"unit_id": commune["id"], "per_page": 500}, timeout=120)
    in_commune = listed.json()
    total = admin.get(f"{base}/api/v1/cadres", params={"per_page": 1}, timeout=120).headers["X-Total-Count"]
    people = {"province_admin": sign_in(base, Person("province_admin", "admin", PASSWORD)),
              "unit_hr": account(admin, base, "unit_hr", unit_id=commune["id"]),
              "cadre": account(admin, base, "cadre", unit_id=commune["id"], cadre_id=in_commune[0]["id"])}
    periods = sorted(admin.get(f"{base}/api/v1/periods", timeout=60).json(), key=lambda p: p["ends_on"])
    return Province(province["id"], commune["id"], [c["id"] for c in in_commune[:20]], int(total), people,
                    periods[-1]["id"] if periods else None)


PERIOD_JOB_S = 1800  # opening and closing a period of the whole province run as jobs


def _wait_job(api: requests.Session, base: str, period_id: str, closed: bool) -> dict:
    deadline = time.monotonic() + PERIOD_JOB_S
    while time.monotonic() < deadline:
        period = api.get(f"{base}/api/v1/periods/{period_id}", timeout=60).json()
        job = period.get("job") or {}
        if job.get("status") == "failed":
            raise RuntimeError(f"the period's job failed: {job.get('error')}")
        if job.get("status") not in ("queued", "running") and (not closed or period["status"] == "closed"):
            return period
        time.sleep(1.0)
    raise RuntimeError(f"the period's job did not finish in {PERIOD_JOB_S} s")


def evaluation_period(stack: Stack, p: Province, quarter_of: tuple[int, int] | None = None) -> str:
    """A closed evaluation period with its classification proposals, made through the public API as
    HR makes one, for a province that has none (the large one): the quarter before today's opened,
    three output tasks with their outcome for each cadre of the measured commune, closed (the closing
    job scores every cadre and proposes each unit's classification). The 360 round is left out (each
    rater answers with their own token); the scores come from the tasks. Returns the period's id
    (``quarter_of``: (year, quarter) of another quarter)."""
    base, api = stack.url(), p.people["province_admin"].api()
    started = time.monotonic()
    today = time.gmtime()
    year, quarter = quarter_of or (today.tm_year, (today.tm_mon - 1) // 3)  # the quarter before today's
    if quarter == 0:
        year, quarter = year - 1, 4
    reply = api.post(f"{base}/api/v1/periods", json={"year": year, "quarter": quarter}, timeout=120)
    assert reply.status_code == 201, (reply.status_code, reply.text[:300])
    period = _wait_job(api, base, reply.json()["id"], closed=False)
    listed = api.get(f"{base}/api/v1/cadres", params={"unit_id": p.commune_id, "per_page": 500}, timeout=120).json()
    first_month = 3 * quarter - 2
    due = [f"{year}-{first_month + month:02d}-{day:02d}" for month, day in ((0, 20), (1, 15), (2, 10))]
    tasks = [{"cadre_id": cadre["id"], "key": f"{number:08x}", "title": f"Sản phẩm quý {quarter} số {number + 1}",
              "coefficient": 1 + (index + number) % 3, "due_on": due[number],
              "completed_on": None if (index + number) % 7 == 0 else due[number],
              "quality_failures": (index * 3 + number) % 3, "delays": (index + 2 * number) % 2}
             for index, cadre in enumerate(listed) for number in range(3)]
    for begin in range(0, len(tasks), 900):
        reply = api.post(f"{base}/api/v1/tasks/batch", json={"period": period["code"], "tasks": tasks[begin:begin + 900]},
                         timeout=300)
        assert reply.status_code in (200, 201), (reply.status_code, reply.text[:300])
    reply = api.post(f"{base}/api/v1/periods/{period['id']}/close", timeout=300)
    assert reply.status_code in (200, 202), (reply.status_code, reply.text[:300])
    _wait_job(api, base, period["id"], closed=True)
    reply = api.get(f"{base}/api/v1/periods/{period['id']}/classification", params={"unit_id": p.commune_id},
                    timeout=120)
    assert reply.status_code == 200, (reply.status_code, reply.text[:300])
    print(f"  evaluation period {period['code']} opened, {len(tasks)} tasks of {len(listed)} cadres, closed with "
          f"the commune's classification proposed ({time.monotonic() - started:.0f} s)", flush=True)
    return period["id"]
