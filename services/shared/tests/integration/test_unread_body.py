"""A body the application never read must not leave a gunicorn thread waiting on its connection.

Under a real gunicorn threaded worker with one thread (as a worker whose threads are all taken):
a client sends a POST's headers, is slowed, sends the body after the answer was written, and
keeps the connection open as browsers and proxies do. The next client must still be answered. Before the body was drained,
the thread skipped the late body and then waited for a next request on the idle connection, so
the next client hung until the first one went away."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from support.platform import ROOT, free_port, wait_port

pytestmark = pytest.mark.integration
HERE = Path(__file__).parent


def read_response(sock: socket.socket) -> bytes:
    sock.settimeout(15)
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(rest) < length:
        rest += sock.recv(4096)
    return head


@pytest.fixture
def gunicorn_one_thread(tmp_path):
    port = free_port()
    pythonpath = f"{HERE}:{ROOT / 'services' / 'shared'}"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
               "--workers", "1", "--threads", "1", "unread_body_app:app"]  # the services' worker, one thread
    proc = subprocess.Popen(command, cwd=HERE, env={"PYTHONPATH": pythonpath, "PATH": "/usr/bin:/bin"},
                            stdout=open(tmp_path / "gunicorn.log", "wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_port(port, timeout=60)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_late_unread_body_does_not_hold_the_worker(gunicorn_one_thread):
    port = gunicorn_one_thread
    body = b'{"response_id": "not-a-uuid"}'
    slow = socket.create_connection(("127.0.0.1", port))
    try:
        slow.sendall(b"POST /refused HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        time.sleep(0.5)  # the client is preempted between its two packets
        slow.sendall(body)
        assert read_response(slow).startswith(b"HTTP/1.1 429")
        time.sleep(0.5)  # the connection stays open, idle, as a browser's keep-alive does
        answer = requests.get(f"http://127.0.0.1:{port}/ping", timeout=10)
        assert answer.status_code == 200 and answer.json() == {"ok": True}
    finally:
        slow.close()
