"""`make run` (deploy/local/run.py) brings the platform up under supervisord, reports
readiness honestly, and restarts the broker or the store after a `kill -9`."""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from support.platform import ROOT, eventually

sys.path.insert(0, str(ROOT / "deploy" / "local"))
from run import BASE_PORTS, port_free  # noqa: E402  (make run's own port layout and check)

pytestmark = pytest.mark.e2e
SERVICES = ("gateway", "evaluation", "survey", "training")


def free_offset() -> int:
    """An offset whose ports are all free and all below the kernel's ephemeral range, where the
    other stacks' free ports and every outgoing connection's own end are taken from."""
    ephemeral_low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    offsets = [o for o in range(1000, 30000, 10) if max(BASE_PORTS.values()) + o < ephemeral_low]
    random.shuffle(offsets)
    for offset in offsets:
        if all(port_free(base + offset) for base in BASE_PORTS.values()):
            return offset
    raise RuntimeError("no free port offset below the ephemeral range")


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    data = tmp_path_factory.mktemp("make-run-data")
    offset = free_offset()
    env = {**os.environ, "C360_DATA": str(data), "C360_PORT_OFFSET": str(offset), "C360_SEED": "0",
           "ADMIN_PASSWORD": "Thu-nghiem-2026"}
    log = open(data / "run.out", "w+")
    proc = subprocess.Popen([sys.executable, str(ROOT / "deploy/local/run.py")], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
    try:
        eventually(lambda: "address" in (data / "run.out").read_text() or proc.poll() is not None, timeout=240,
                   message="make run prints the address")
        assert proc.poll() is None, (data / "run.out").read_text()
        yield {"data": data, "offset": offset, "proc": proc, "out": data / "run.out"}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=90)


def port(platform, service):
    return BASE_PORTS[service] + platform["offset"]


def ready(platform, service):
    return requests.get(f"http://127.0.0.1:{port(platform, service)}/readyz", timeout=10)


def supervisorctl(platform, *args):
    return subprocess.run([sys.executable, "-m", "supervisor.supervisorctl", "-c",
                           str(platform["data"] / "supervisord.conf"), *args],
                          capture_output=True, text=True, timeout=60)


def test_prints_address_and_login(platform):
    out = platform["out"].read_text()
    assert f"http://127.0.0.1:{8000 + platform['offset']}/" in out
    assert "admin / $ADMIN_PASSWORD" in out


def fully_ready(platform, service) -> bool:
    answer = ready(platform, service)
    return answer.status_code == 200 and answer.json()["status"] == "ready"


def test_every_service_is_alive_and_ready(platform):
    for service in SERVICES:
        assert requests.get(f"http://127.0.0.1:{port(platform, service)}/healthz", timeout=5).status_code == 200
        # each gunicorn worker probes Kafka on its own: one that was never asked may still be checking
        eventually(lambda: fully_ready(platform, service), timeout=30, message=f"{service} ready")


def test_broker_stopped_leaves_every_service_ready_but_degraded_with_the_reason(platform):
    """A Kafka outage must not take the services out of a load balancer: writes wait in the outbox."""
    assert "stopped" in supervisorctl(platform, "stop", "kafka").stdout
    try:
        for service in SERVICES:
            body = eventually(lambda: (r := ready(platform, service)).status_code == 200
                              and r.json()["status"] == "degraded" and r.json(), timeout=60,
                              message=f"{service} degraded without Kafka")
            assert body["checks"]["store"] == "ok" and "kafka" in body["checks"]["kafka"]
    finally:
        supervisorctl(platform, "start", "kafka")
    eventually(lambda: all(fully_ready(platform, s) for s in SERVICES), timeout=90,
               message="ready again after the broker is back")


@pytest.mark.parametrize("program,noticed", [("kafka", "degraded"), ("ferretdb", "not_ready")])
def test_kill_9_is_followed_by_automatic_restart(platform, program, noticed):
    pid = int(supervisorctl(platform, "pid", program).stdout.strip())
    os.kill(pid, signal.SIGKILL)
    eventually(lambda: ready(platform, "evaluation").json()["status"] == noticed, timeout=60,
               message=f"readiness notices the {program} crash")
    eventually(lambda: supervisorctl(platform, "pid", program).stdout.strip() not in ("0", str(pid)), timeout=60,
               message=f"supervisord restarted {program}")
    eventually(lambda: all(fully_ready(platform, s) for s in SERVICES), timeout=120,
               message=f"every service ready again after {program} restarted")


def test_a_services_metrics_show_its_workers_and_a_killed_consumer_process_is_restarted(platform):
    """The survey's /metrics gathers its web workers', relay's and consumers' samples (one
    multiprocess directory per service under make run)."""
    def metrics():
        return requests.get(f"http://127.0.0.1:{port(platform, 'survey')}/metrics", timeout=10).text

    eventually(lambda: all(f"{name}{{" in metrics() for name in ("c360_worker_threads_alive", "c360_outbox_backlog")),
               timeout=30, message="the consume and relay processes' samples on the service's /metrics")
    pid = int(supervisorctl(platform, "pid", "survey-consumers").stdout.strip())
    os.kill(pid, signal.SIGKILL)
    eventually(lambda: supervisorctl(platform, "pid", "survey-consumers").stdout.strip() not in ("0", str(pid)),
               timeout=60, message="supervisord restarted the consumers")


def test_ctrl_c_stops_everything(platform):
    pids = [int(supervisorctl(platform, "pid", name).stdout.strip()) for name in ("kafka", "ferretdb", "gateway")]
    platform["proc"].send_signal(signal.SIGINT)
    assert platform["proc"].wait(timeout=45) == 0, "make run exits cleanly on Ctrl-C"
    assert "Traceback" not in platform["out"].read_text()

    def gone(pid):
        try:
            os.kill(pid, 0)
            return False
        except ProcessLookupError:
            return True

    eventually(lambda: all(gone(p) for p in pids), timeout=30, message="all processes stopped")


def test_a_port_in_use_is_named_before_anything_starts(tmp_path):
    offset = free_offset()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", BASE_PORTS["survey"] + offset))
        holder.listen()
        env = {**os.environ, "C360_DATA": str(tmp_path), "C360_PORT_OFFSET": str(offset), "C360_SEED": "0"}
        done = subprocess.run([sys.executable, str(ROOT / "deploy/local/run.py")], env=env, capture_output=True,
                              text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert f"{BASE_PORTS['survey'] + offset} (survey)" in done.stderr
    assert "C360_PORT_OFFSET" in done.stderr
    assert not (tmp_path / "supervisord.conf").exists(), "nothing was started"

