"""Starts and stops the real parts for integration and end-to-end tests: FerretDB, a
Kafka broker, the four services under gunicorn and their workers — on free ports and
in a temporary data directory, so a running `make run` is never disturbed."""
from __future__ import annotations

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("C360_CACHE", Path.home() / ".cache" / "cadre360"))
SERVICES = ("gateway", "evaluation", "survey", "training")
WORKER_SERVICES = ("evaluation", "survey", "training", "gateway")


def deploy_access_log_format() -> str:
    """The access-log format of the production gunicorn (deploy/docker/gunicorn.conf.py), read without running
    that file, so the tests' gateway logs each request exactly as production does."""
    tree = ast.parse((ROOT / "deploy" / "docker" / "gunicorn.conf.py").read_text())
    return next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(t, "id", None) == "access_log_format" for t in node.targets))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


class ManagedProcess:
    def __init__(self, name: str, argv: list[str], log_dir: Path, env: dict | None = None):
        self.name, self.argv, self.env = name, argv, env
        self.log_path = log_dir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "ManagedProcess":
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                     env={**os.environ, **(self.env or {})}, start_new_session=True)
        return self

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill9(self) -> None:
        if self.running:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self, timeout: float = 20.0) -> None:
        if not self.running:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill9()

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Infra:
    """A FerretDB store and a Kafka broker of this test session."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="c360-test-"))
        self.logs = self.dir / "logs"
        self.logs.mkdir()
        self.mongo_port = free_port()
        self.kafka_port, self.controller_port = free_port(), free_port()
        self.bootstrap = f"127.0.0.1:{self.kafka_port}"
        self.ferretdb = ManagedProcess("ferretdb", [str(ROOT / "deploy/local/ferretdb-start.sh"),
                                                    str(self.dir / "mongo"), str(self.mongo_port)], self.logs)
        self.kafka = ManagedProcess("kafka", [str(ROOT / "deploy/local/kafka-start.sh"), str(self.dir / "kafka"),
                                              str(self.kafka_port), str(self.controller_port)], self.logs)

    def mongo_uri(self, database: str) -> str:
        return f"mongodb://127.0.0.1:{self.mongo_port}/{database}"

    def start(self) -> "Infra":
        try:
            self.ferretdb.start()
            self.start_kafka()
            wait_port(self.mongo_port)
            sys.path.insert(0, str(ROOT / "services" / "shared"))
            from cadre_shared.topics import ensure

            ensure(self.bootstrap, timeout_s=90)
        except BaseException:
            self.stop()  # a broker or store that did start must not outlive the failed session
            raise
        return self

    def start_kafka(self) -> None:
        self.kafka.start()
        try:
            wait_port(self.kafka_port, timeout=90)
        except TimeoutError:
            raise RuntimeError("Kafka did not start:\n" + self.kafka.tail()) from None

    def stop(self) -> None:
        self.kafka.stop()
        self.ferretdb.stop()
        if os.environ.get("C360_KEEP_TEST_DATA") != "1":
            shutil.rmtree(self.dir, ignore_errors=True)


class Stack:
    """The four services (gunicorn) and their workers, wired to an Infra."""

    def __init__(self, infra: Infra, admin_password: str = "Quantri@2026-test", suffix: str = ""):
        sys.path.insert(0, str(ROOT / "services" / "shared"))
        from cadre_shared.auth import generate_keypair, generate_secret_file
        from cadre_shared.sealing import generate_key_file

        self.infra = infra
        self.admin_password = admin_password
        self.ports = {s: free_port() for s in SERVICES}
        private, public = generate_keypair(infra.dir / "keys")
        pythonpath = os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", *SERVICES))
        self.base_env = {
            "PYTHONPATH": pythonpath, "PYTHONUNBUFFERED": "1",
            "C360_KAFKA_BOOTSTRAP": infra.bootstrap,
            "C360_JWT_PRIVATE_KEY_FILE": str(private), "C360_JWT_PUBLIC_KEY_FILE": str(public),
            "C360_EVALUATION_URL": f"http://127.0.0.1:{self.ports['evaluation']}",
            "C360_SURVEY_URL": f"http://127.0.0.1:{self.ports['survey']}",
            "C360_TRAINING_URL": f"http://127.0.0.1:{self.ports['training']}",
            "ADMIN_PASSWORD": admin_password,
            "C360_SURVEY_CONTACT_KEY_FILE": str(generate_secret_file(infra.dir / "keys" / "survey-contact.key")),
            "C360_SURVEY_BALLOT_KEY_FILE": str(generate_secret_file(infra.dir / "keys" / "survey-ballot.key")),
            "C360_FIELD_KEY_FILE": str(generate_key_file(infra.dir / "keys" / "field.keys")),
            # a test reads what it just wrote from any worker: the kept reads' hot versions move at once
            # (production: at most once a second per process, cadre_shared/kept_reads.py moved_soon)
            "C360_KEPT_READS_MOVE_EVERY_S": "0",
            # every test calls from 127.0.0.1: the per-address limits of public endpoints would count
            # the whole session; the per-device ones keep their defaults (tests/integration checks them)
            "C360_REPORT_LIMIT_PER_ADDRESS": "100000", "C360_BALLOT_LIMIT_PER_ADDRESS": "100000",
            # a results file of more than 20 rows is taken as a job (202), so the tests see the job's page
            # with a small file; the tests' other files (a few rows) are answered with their report (201)
            "C360_TRAINING_UPLOAD_SYNC_ROWS": "20",
        }
        # a test reading the stores directly opens the sealed fields with the services' key
        os.environ.setdefault("C360_FIELD_KEY_FILE", self.base_env["C360_FIELD_KEY_FILE"])
        self.suffix = suffix
        self.processes: dict[str, ManagedProcess] = {}

    def env_for(self, service: str) -> dict:
        # one metrics directory per service: its web workers, relay and consumers all show on its /metrics
        return {**self.base_env, "C360_MONGO_URI": self.infra.mongo_uri(f"c360{self.suffix}_{service}"),
                "PROMETHEUS_MULTIPROC_DIR": str(self.infra.dir / f"metrics{self.suffix}" / service)}

    def url(self, service: str = "gateway") -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def process(self, name: str) -> ManagedProcess:
        return self.processes[name]

    def _add(self, name: str, argv: list[str], service: str) -> ManagedProcess:
        proc = ManagedProcess(name, argv, self.infra.logs, self.env_for(service))
        self.processes[name] = proc
        return proc

    def start(self, workers: bool = True) -> "Stack":
        """The services, and their relays and consumers unless ``workers`` is False (API-only tests)."""
        py = sys.executable
        for service in SERVICES:
            Path(self.env_for(service)["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
        for service in SERVICES:
            # the gateway is what a client reaches: its access log, as in production (tests/security reads it)
            access_log = ["--access-logfile", "-", "--access-logformat", deploy_access_log_format()] \
                if service == "gateway" else []
            self._add(service, [py, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.ports[service]}", "--workers", "2",
                                "--threads", "4", "--timeout", "60", *access_log, f"{service}.wsgi:app"],
                      service).start()
        for service in WORKER_SERVICES if workers else ():
            self._add(f"{service}-relay", [py, "-m", "cadre_shared.workers", service, "relay"], service).start()
            self._add(f"{service}-consumers", [py, "-m", "cadre_shared.workers", service, "consume"],
                      service).start()
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 90.0) -> None:
        """Until every service answers /readyz 200 "ready" (not "degraded": Kafka answers too)."""
        deadline = time.monotonic() + timeout
        pending = set(SERVICES)
        while pending and time.monotonic() < deadline:
            dead = [s for s in pending if not self.processes[s].running]
            if dead:
                break
            for service in list(pending):
                try:
                    answer = requests.get(self.url(service) + "/readyz", timeout=5)
                    if answer.status_code == 200 and answer.json()["status"] == "ready":
                        pending.discard(service)
                except requests.RequestException:
                    pass
            time.sleep(0.3)
        if pending:
            logs = "\n".join(f"--- {s}\n{self.processes[s].tail()}" for s in pending)
            raise RuntimeError(f"services not ready: {pending}\n{logs}")

    def restart(self, name: str) -> None:
        proc = self.processes[name]
        proc.stop()
        proc.start()

    def stop(self) -> None:
        for proc in self.processes.values():
            proc.stop()

    def token(self, username: str = "admin", password: str | None = None) -> str:
        res = requests.post(self.url() + "/api/v1/auth/token",
                            json={"username": username, "password": password or self.admin_password}, timeout=10)
        res.raise_for_status()
        return res.json()["access_token"]

    def session(self, username: str = "admin", password: str | None = None) -> requests.Session:
        s = requests.Session()
        s.headers["Authorization"] = "Bearer " + self.token(username, password)
        return s


def eventually(check, timeout: float = 30.0, interval: float = 0.2, message: str = "condition"):
    """Poll ``check`` until it returns a truthy value; returns it, or fails with ``message``."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{message} not reached within {timeout}s (last: {last!r})")
