"""`make run`: start the whole platform under supervisord, wait until it is ready,
seed the demo data once, print the address and how to sign in; Ctrl-C stops it all.

Data (store, broker logs, keys, the generated admin password) lives in C360_DATA
(default ./.data), kept between runs; `make clean-data` wipes it.
"""
from __future__ import annotations

import getpass
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "services" / "shared"))
from cadre_shared.auth import generate_keypair, generate_secret_file  # noqa: E402
from cadre_shared.sealing import generate_key_file  # noqa: E402

# C360_PORT_OFFSET shifts every port (a second copy for tests beside a running `make run`).
OFFSET = int(os.environ.get("C360_PORT_OFFSET", "0"))
BASE_PORTS = {"gateway": 8000, "evaluation": 8001, "survey": 8002, "training": 8003,
              "ferretdb": 27017, "kafka": 9092, "kafka-controller": 9093}
PORTS = {name: base + OFFSET for name, base in BASE_PORTS.items()}
SERVICES = {name: PORTS[name] for name in ("gateway", "evaluation", "survey", "training")}
MONGO_PORT, KAFKA_PORT, CONTROLLER_PORT = PORTS["ferretdb"], PORTS["kafka"], PORTS["kafka-controller"]
WORKER_SERVICES = ("evaluation", "survey", "training", "gateway")


def port_free(port: int) -> bool:
    """Whether no other process holds ``port`` (a listener, or a connection's own end), tested the
    way the servers bind it: SO_REUSEADDR, so a closed run's TIME_WAIT is no obstacle."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def busy_ports() -> dict[str, int]:
    return {name: port for name, port in PORTS.items() if not port_free(port)}


def program(name: str, command: str, env: dict | None = None, *, autorestart: str = "true",
            priority: int = 50, startsecs: int = 3, stopsignal: str = "TERM") -> str:
    lines = [f"[program:{name}]", f"command={command}", f"directory={ROOT}", f"priority={priority}",
             f"autorestart={autorestart}", f"startsecs={startsecs}", "startretries=100",
             f"stopsignal={stopsignal}", "stopwaitsecs=20", "stopasgroup=true", "killasgroup=true",
             "redirect_stderr=true", f"stdout_logfile=%(here)s/logs/{name}.log", "stdout_logfile_maxbytes=20MB",
             "stdout_logfile_backups=2"]
    if env:
        def quoted(value: str) -> str:  # supervisord interpolates %(name)s and splits on quotes
            return '"' + value.replace("%", "%%").replace("\\", "\\\\").replace('"', '\\"') + '"'

        lines.append("environment=" + ",".join(f"{k}={quoted(v)}" for k, v in env.items()))
    return "\n".join(lines) + "\n"


def metrics_dir(data: Path, service: str) -> Path:
    """Where the processes of ``service`` (web workers, relay, consumers) write their metrics, so
    that /metrics of the service shows them all."""
    return data / "metrics" / service


def topics_ready(data: Path) -> Path:
    """Written once the topics exist (removed at each start)."""
    return data / "topics-ready"


def supervisor_config(data: Path, python: str, env: dict) -> str:
    secret = secrets.token_hex(8)  # the control socket is private to this run
    parts = [f"[supervisord]\nlogfile=%(here)s/logs/supervisord.log\npidfile=%(here)s/supervisord.pid\n"
             f"nodaemon=true\nsilent=true\nloglevel=warn\nuser={getpass.getuser()}\n",
             f"[unix_http_server]\nfile=%(here)s/supervisor.sock\nchmod=0700\nusername=c360\npassword={secret}\n",
             "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = "
             "supervisor.rpcinterface:make_main_rpcinterface\n",
             f"[supervisorctl]\nserverurl=unix://%(here)s/supervisor.sock\nusername=c360\npassword={secret}\n",
             program("ferretdb", f"{ROOT}/deploy/local/ferretdb-start.sh {data}/mongo {MONGO_PORT}", priority=10),
             program("kafka", f"{ROOT}/deploy/local/kafka-start.sh {data}/kafka {KAFKA_PORT} {CONTROLLER_PORT}",
                     priority=10,
                     startsecs=5),
             program("topics", f"sh -c '{python} -m cadre_shared.topics ensure && touch {topics_ready(data)}'", env,
                     autorestart="unexpected", priority=20, startsecs=0)]
    def env_of(service: str) -> dict:
        return {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir(data, service))}

    for service, port in SERVICES.items():
        parts.append(program(service, f"{python} -m gunicorn --bind 127.0.0.1:{port} --workers 2 --threads 4 "
                                      f"--timeout 60 --graceful-timeout 20 {service}.wsgi:app", env_of(service),
                             priority=30))
    # a consumer that subscribed before its topic existed may never be given its partitions (on a
    # cold start the period jobs then never ran): the workers start once every topic is there
    wait = f"until [ -e {topics_ready(data)} ]; do sleep 0.5; done; exec"
    for service in WORKER_SERVICES:
        for kind, name in (("relay", "relay"), ("consume", "consumers")):
            parts.append(program(f"{service}-{name}", f"sh -c '{wait} {python} -m cadre_shared.workers {service} {kind}'",
                                 env_of(service), priority=40))
    return "\n".join(parts)


def wait_until_stopped(supervisord: subprocess.Popen, code: int) -> int:
    while supervisord.poll() is None:
        time.sleep(0.3)
    return code


def wait_ready(timeout: float, give_up, ready_at: dict[str, float] | None = None) -> dict[str, str]:
    """Polls every service's /readyz until each is "ready" — not only serving but with Kafka
    reachable too ("degraded" is not enough to call the platform started); returns the services
    still not ready, each with its last answer (``ready_at``: when each became ready, monotonic)."""
    ready_at = {} if ready_at is None else ready_at
    deadline = time.monotonic() + timeout
    pending = dict(SERVICES)
    last = {service: "no answer yet" for service in SERVICES}
    while pending and time.monotonic() < deadline and not give_up():
        for service, port in list(pending.items()):
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/readyz", timeout=3)
                if answer.status_code == 200 and answer.json().get("status") == "ready":
                    del pending[service]
                    ready_at[service] = time.monotonic()
                else:
                    last[service] = f"HTTP {answer.status_code} {answer.text.strip()[:300]}"
            except requests.RequestException as exc:
                last[service] = f"{exc.__class__.__name__}: {exc}"[:300]
        if pending:
            time.sleep(0.5)
    return {service: last[service] for service in sorted(pending)}


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"({exc.__class__.__name__}: {exc})"


def main() -> int:
    started = time.monotonic()
    data = Path(os.environ.get("C360_DATA", ROOT / ".data")).resolve()
    busy = busy_ports()
    if busy:
        listed = ", ".join(f"{port} ({name})" for name, port in busy.items())
        print(f"Cổng đang bận / ports already in use: {listed}.\n"
              f"Dừng chương trình đang giữ cổng, hoặc đặt C360_PORT_OFFSET (ví dụ 100) / stop what holds them, "
              f"or set C360_PORT_OFFSET (e.g. 100) to shift every port.", file=sys.stderr)
        return 2
    (data / "logs").mkdir(parents=True, exist_ok=True)
    for service in SERVICES:  # samples of an earlier run are stale: every process starts again now
        shutil.rmtree(metrics_dir(data, service), ignore_errors=True)
        metrics_dir(data, service).mkdir(parents=True)
    private, public = generate_keypair(data / "keys")
    password = os.environ.get("ADMIN_PASSWORD")
    generated = False
    if not password:
        secret_file = data / "admin-password"
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(12))
            secret_file.chmod(0o600)
            generated = True
        password = secret_file.read_text().strip()
    pythonpath = os.pathsep.join(str(ROOT / "services" / s) for s in ("shared", *SERVICES))
    # make run starts its own store and broker: their addresses are its own to set;
    # any other C360_* setting of the caller (log level, MFA…) passes through.
    own = {"C360_DATA", "C360_PORT_OFFSET", "C360_KAFKA_BOOTSTRAP", "C360_MONGO_URI", "C360_EVALUATION_URL",
           "C360_SURVEY_URL", "C360_TRAINING_URL"}
    env = {k: v for k, v in os.environ.items() if k.startswith("C360_") and k not in own}
    env.setdefault("C360_AUDIT_ANCHOR_FILE", str(data / "audit-anchor.json"))  # outside the store's files
    env.update({"PYTHONPATH": pythonpath, "PYTHONUNBUFFERED": "1", "ADMIN_PASSWORD": password,
                "C360_JWT_PRIVATE_KEY_FILE": str(private), "C360_JWT_PUBLIC_KEY_FILE": str(public),
                "C360_KAFKA_BOOTSTRAP": f"127.0.0.1:{KAFKA_PORT}",
                "C360_MONGO_URI": f"mongodb://127.0.0.1:{MONGO_PORT}/cadre360_{{service}}"})
    env.update({f"C360_{name.upper()}_URL": f"http://127.0.0.1:{port}" for name, port in SERVICES.items()
                if name != "gateway"})
    for secret in ("CONTACT", "BALLOT"):  # the survey's keys: reporters' contacts, ballot codes
        env.setdefault(f"C360_SURVEY_{secret}_KEY_FILE",
                       str(generate_secret_file(data / "keys" / f"survey-{secret.lower()}.key")))
    env.setdefault("C360_FIELD_KEY_FILE", str(generate_key_file(data / "keys" / "field.keys")))  # sealed fields
    if os.environ.get("C360_SEED", "1") != "0" and os.environ.get("C360_DEMO", "demo") == "demo":
        # the demo's past answers go through the survey's seeding door (deploy/local/demo/counters.py),
        # open on this local run only: outside /api/v1, never routed by the gateway, admin token only
        env["C360_SURVEY_SEEDING_DOOR"] = "1"
    topics_ready(data).unlink(missing_ok=True)
    conf = data / "supervisord.conf"
    conf.write_text(supervisor_config(data, sys.executable, env))
    supervisord = subprocess.Popen([sys.executable, "-m", "supervisor.supervisord", "-c", str(conf)],
                                   start_new_session=True)

    stopping = []

    def request_stop(*_args):
        # only signal here: the main loop below does the waiting (a Popen.wait inside a
        # signal handler would contend with the main thread's own wait)
        if not stopping:
            stopping.append(True)
            print("\nĐang dừng Cadre360 / stopping…", flush=True)
            supervisord.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print("Đang khởi động / starting Kafka, FerretDB, 4 services and their workers…", flush=True)
    ready_at: dict[str, float] = {}
    missing = wait_ready(180, lambda: bool(stopping) or supervisord.poll() is not None, ready_at)
    if missing:
        if not stopping:
            print(f"Not ready after 180 s: {sorted(missing)}. Logs: {data}/logs/", file=sys.stderr)
            for service, answer in missing.items():
                print(f"--- {service}: last /readyz answer: {answer}\n--- {service}.log, last lines:\n"
                      f"{log_tail(data / 'logs' / f'{service}.log')}", file=sys.stderr)
            request_stop()
        return wait_until_stopped(supervisord, 1)
    ready_s = time.monotonic() - started
    print("Dịch vụ sẵn sàng / services ready: " + ", ".join(
        f"{service} {at - started:.1f} s" for service, at in sorted(ready_at.items(), key=lambda item: item[1])),
        flush=True)
    seed = ROOT / "deploy" / "local" / "seed_demo.py"
    if seed.exists() and os.environ.get("C360_SEED", "1") != "0" and not stopping:
        subprocess.run([sys.executable, str(seed), "--base-url", f"http://127.0.0.1:{SERVICES['gateway']}", "--password", password],
                       env={**os.environ, **env}, check=False)
    print("\n" + "=" * 64)
    print(f"  Cadre360 sẵn sàng / ready in {ready_s:.1f} s")
    print(f"  Địa chỉ / address : http://127.0.0.1:{SERVICES['gateway']}/")
    if os.environ.get("ADMIN_PASSWORD"):
        login = "admin / $ADMIN_PASSWORD"
    elif generated:
        login = f"admin / {password}   (mật khẩu tạo mới, chỉ in một lần / generated, printed once)"
    else:
        login = f"admin / (mật khẩu trong / password in {data}/admin-password)"
    print(f"  Đăng nhập / login : {login}")
    print(f"  Nhật ký / logs    : {data}/logs/   —   Ctrl-C để dừng / to stop")
    print("=" * 64, flush=True)
    return wait_until_stopped(supervisord, 0)


if __name__ == "__main__":
    sys.exit(main())
