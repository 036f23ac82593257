"""The application image: what the Dockerfile installs, what its context sends, and the
helpers it ships (entrypoint, c360-probe), run here without Docker."""
from __future__ import annotations

import http.server
import importlib.util
import os
import re
import subprocess
import threading
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKER_DIR = ROOT / "deploy" / "docker"
DOCKERFILE = DOCKER_DIR / "Dockerfile"
PACKAGES = ("shared", "evaluation", "survey", "training", "gateway")


def instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (k, _) in enumerate(steps) if k == "FROM")
    return steps[last_from:]


def context_sources() -> set[str]:
    """Paths the Dockerfile copies from the build context (not from another stage)."""
    sources = set()
    for keyword, rest in instructions():
        if keyword == "COPY" and "--from=" not in rest:
            parts = [p for p in rest.split() if not p.startswith("--")]
            sources.update(parts[:-1])
    return sources


def _pattern(pattern: str) -> re.Pattern:
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    return re.compile(regex)


def ignored(path: str) -> bool:
    """Docker's rule: a pattern matching the path or a parent excludes it; the last match wins,
    and `!` re-includes."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    result = False
    for line in (DOCKER_DIR / "Dockerfile.dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        regex = _pattern(line.lstrip("!").rstrip("/"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            result = not negate
    return result


def test_runtime_stage_is_python_311_slim_and_non_root():
    stage = final_stage()
    assert stage[0] == ("FROM", "${PYTHON_IMAGE}")
    assert any(keyword == "ARG" and rest.startswith("PYTHON_IMAGE=python:3.11-slim@sha256:")
               for keyword, rest in instructions())
    users = [rest for keyword, rest in stage if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root"), "the image must not run as root"


DIGEST = re.compile(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}")


def test_every_base_image_is_pinned_by_digest():
    """FROM lines name a digest (directly or through an ARG default), so a rebuild gets the same base;
    the tag stays beside it for the reader."""
    arguments = dict(rest.split("=", 1) for keyword, rest in instructions() if keyword == "ARG" and "=" in rest)
    bases = [rest.split()[0] for keyword, rest in instructions() if keyword == "FROM"]
    stages = {rest.split()[-1] for keyword, rest in instructions() if keyword == "FROM" and " AS " in rest.upper()}
    assert bases
    for base in bases:
        if base in stages:
            continue
        image = re.sub(r"\$\{(\w+)\}", lambda m: arguments[m.group(1)], base)
        assert DIGEST.fullmatch(image), f"{base} -> {image} is not pinned by digest"


def test_installs_runtime_requirements_and_the_five_packages_only():
    text = DOCKERFILE.read_text()
    assert "requirements-dev" not in text
    assert "pip install --no-index --find-links /wheels/deps -r /tmp/requirements.txt" in text
    assert "pip check" in text
    for package in PACKAGES:
        assert f"COPY services/{package} services/{package}" in text
        assert re.search(rf"pip wheel --no-deps[^\n]*(\\\n[^\n]*)*services/{package}\b", text), package
    for package in PACKAGES:
        assert (ROOT / "services" / package / "pyproject.toml").exists(), f"{package} is not installable"


def distribution(requirement: str) -> str:
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_dependency_is_pinned_in_requirements_txt():
    """The image installs the packages with --no-deps, then `pip check` fails the build on a gap."""
    pinned = {distribution(line) for line in (ROOT / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.lstrip().startswith(("#", "-"))}
    projects = {package: tomllib.loads((ROOT / "services" / package / "pyproject.toml").read_text())["project"]
                for package in PACKAGES}
    own = {distribution(project["name"]) for project in projects.values()}
    for package, project in projects.items():
        missing = {distribution(dep) for dep in project.get("dependencies", [])} - pinned - own
        assert missing == set(), f"services/{package} needs {missing}, which requirements.txt does not pin"


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock: distribution -> (version, its sha256 hashes)."""
    entries = {}
    text = re.sub(r"\\\n", " ", (ROOT / "requirements.lock").read_text())
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = line.split("--hash")[0].strip()
            name, version = requirement.split("==")
            entries[distribution(name)] = (version.strip(), re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return entries


def test_the_image_downloads_only_files_whose_hashes_are_locked():
    text = DOCKERFILE.read_text()
    assert "COPY requirements.lock ./" in text
    assert "pip wheel --require-hashes --wheel-dir /wheels/deps -r requirements.lock" in text
    assert not ignored("requirements.lock")
    entries = locked()
    assert all(hashes for _version, hashes in entries.values()), "every locked package has its sha256 hashes"


def test_the_lock_pins_what_requirements_txt_pins_at_the_versions_the_tests_ran_with():
    """A requirement changed without `make lock`, or a virtualenv of other versions, fails here."""
    from importlib.metadata import PackageNotFoundError, version

    entries = locked()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith(("#", "-")):
            name, wanted = re.sub(r"\[.*?\]", "", line).split("==")
            assert entries[distribution(name)][0] == wanted.strip(), name
    for name, (pinned, _hashes) in entries.items():
        try:
            assert version(name) == pinned, f"{name}: the tests ran with {version(name)}, the lock says {pinned}"
        except PackageNotFoundError:
            pytest.fail(f"{name} is locked but not installed where the tests run")


def test_build_context_sends_what_the_dockerfile_copies_and_no_tests():
    for source in context_sources():
        assert (ROOT / source).exists(), f"COPY {source}: no such path"
        assert not ignored(source), f"COPY {source} is excluded by Dockerfile.dockerignore"
    assert ignored("services/evaluation/tests/test_x.py")
    assert ignored("deploy/local/run.py")
    assert ignored(".git/config")


def test_entrypoint_and_probe_are_shipped_and_used():
    stage = " ".join(rest for _, rest in final_stage())
    assert "deploy/docker/entrypoint.sh /usr/local/bin/cadre360-entrypoint" in stage
    assert "deploy/docker/c360_probe.py /usr/local/bin/c360-probe" in stage
    assert "deploy/docker/gunicorn.conf.py /etc/cadre360/gunicorn.conf.py" in stage
    assert ("ENTRYPOINT", '["/usr/local/bin/cadre360-entrypoint"]') in final_stage()


def run_entrypoint(env: dict[str, str], shown: str = "ADMIN_PASSWORD") -> subprocess.CompletedProcess:
    """The entrypoint running a command that prints the variable ``shown`` as the process sees it."""
    return subprocess.run(["sh", str(DOCKER_DIR / "entrypoint.sh"), "sh", "-c", f'printf %s "${shown}"'],
                          env={"PATH": os.environ["PATH"], **env}, capture_output=True, text=True)


def test_entrypoint_reads_the_admin_password_from_its_secret_file(tmp_path):
    secret = tmp_path / "admin_password"
    secret.write_text("s3cret-từ-file")
    result = run_entrypoint({"ADMIN_PASSWORD_FILE": str(secret)})
    assert (result.returncode, result.stdout) == (0, "s3cret-từ-file")


def test_entrypoint_reads_the_survey_dossier_pepper_from_its_secret_file(tmp_path):
    secret = tmp_path / "survey_dossier_pepper"
    secret.write_text("9f86d081884c7d65")
    result = run_entrypoint({"C360_SURVEY_DOSSIER_PEPPER_FILE": str(secret)}, shown="C360_SURVEY_DOSSIER_PEPPER")
    assert (result.returncode, result.stdout) == (0, "9f86d081884c7d65")


def test_entrypoint_refuses_a_password_given_twice(tmp_path):
    secret = tmp_path / "admin_password"
    secret.write_text("a")
    result = run_entrypoint({"ADMIN_PASSWORD_FILE": str(secret), "ADMIN_PASSWORD": "b"})
    assert result.returncode != 0 and "both" in result.stderr


def test_entrypoint_passes_a_plain_password_through():
    assert run_entrypoint({"ADMIN_PASSWORD": "plain"}).stdout == "plain"


@pytest.fixture(scope="module")
def probe():
    spec = importlib.util.spec_from_file_location("c360_probe", DOCKER_DIR / "c360_probe.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def http_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/readyz" else 503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_probe_http_is_healthy_only_on_200(probe, http_server):
    assert probe.main(["http", f"{http_server}/readyz"]) == 0
    assert probe.main(["http", f"{http_server}/other"]) == 1
    assert probe.main(["http", "http://127.0.0.1:9/readyz"]) == 1


def fake_proc(root: Path, processes: dict[int, tuple[str, str]]) -> Path:
    for pid, (cmdline, state) in processes.items():
        (root / str(pid)).mkdir(parents=True)
        (root / str(pid) / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode())
        (root / str(pid) / "stat").write_text(f"{pid} (python3) {state} 1 1 1")
    return root


def test_probe_finds_a_running_worker(probe, tmp_path):
    proc = fake_proc(tmp_path, {1: ("docker-init -- python -m x", "S"),
                                7: ("python -m cadre_shared.workers survey consume", "S")})
    assert probe.check_worker_alive(str(proc)) is None


def test_probe_reports_a_missing_or_dead_worker(probe, tmp_path):
    assert probe.check_worker_alive(str(fake_proc(tmp_path / "a", {1: ("gunicorn x", "S")}))) is not None
    zombie = fake_proc(tmp_path / "b", {7: ("python -m cadre_shared.workers survey relay", "Z")})
    assert "not running" in probe.check_worker_alive(str(zombie))


def test_worker_readiness_needs_the_store_but_not_kafka(probe, monkeypatch):
    """A broker outage must not fail every worker's readiness at once (events wait in the outbox)."""
    monkeypatch.setenv("C360_KAFKA_BOOTSTRAP", "127.0.0.1:9")
    monkeypatch.setattr(probe, "check_worker_alive", lambda: None)
    monkeypatch.setattr(probe, "check_mongo", lambda uri: None)
    assert probe.check_worker_ready() is None
    monkeypatch.setattr(probe, "check_mongo", lambda uri: "mongo unreachable: ServerSelectionTimeoutError")
    assert probe.check_worker_ready() == "mongo unreachable: ServerSelectionTimeoutError"


def test_gunicorn_workers_share_a_fresh_metrics_directory(tmp_path, monkeypatch):
    """/metrics of a container shows all its gunicorn workers: one multiprocess directory, emptied
    when gunicorn starts, a dead worker's live gauges removed."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    spec = importlib.util.spec_from_file_location("gunicorn_conf", DOCKER_DIR / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "counter_1.db").write_bytes(b"stale")
    conf.on_starting(server=None)
    assert (tmp_path / "metrics").is_dir() and not any((tmp_path / "metrics").iterdir())
    assert callable(conf.child_exit)
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    spec.loader.exec_module(conf)
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == "/tmp/c360-metrics"