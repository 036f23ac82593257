"""API fuzzing with schemathesis: every operation of the public OpenAPI (served by the gateway),
called through the gateway with generated requests, grouped by the service that owns it.

Checks: no answer is a 5xx, every 4xx is the platform's JSON error with a message (see
``fuzz_checks``). Each service gets at least ``target`` generated requests (schemathesis is run
again with another seed until it has them). ``make fuzz`` runs the full profile (5,000 requests per
service) on a platform of its own and prints the summary; ``test_api_fuzz.py`` runs the short one
in ``make test``.

The gateway's own operations run as an administrator except ``PATCH /api/v1/users/{user_id}``,
which runs alone as a second administrator: ids the fuzzer learns from listings would otherwise
let it reset the password of the account it signs in with. The kiosk's operations run with a
kiosk's token.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "services" / "gateway"))
from gateway.routing.routes import ROUTES, SERVICE_KEYS  # noqa: E402

KIOSK = "/api/v1/kiosk/"
FUZZ_ADMIN, ACCOUNTS_ADMIN, PASSWORD = "fuzz.admin", "fuzz.accounts", "Kiem-thu-mo-2026!"
# short (make test): random generation only, one pass aiming at ``target`` requests per service;
# full (make fuzz): schemathesis' boundary values too (coverage phase), then random generation
# again with new seeds until each service has had at least ``target`` requests.
PROFILES = {"short": {"target": 250, "phases": "fuzzing", "top_up": False},
            "full": {"target": 5000, "phases": "examples,coverage,fuzzing", "top_up": True}}
METHODS = ("get", "put", "post", "delete", "patch")


def _paths(prefixes) -> str:
    return "^(" + "|".join(re.escape(p.rstrip("/")) for p in prefixes) + ")(/|$)"


@dataclass(frozen=True)
class Run:
    """One schemathesis invocation: the operations it selects and who it signs in as."""
    service: str
    selection: list[str]
    signs_in_as: str | None = FUZZ_ADMIN  # None: the kiosk's token

    def operations(self, spec: dict) -> int:
        """How many operations of ``spec`` the selection takes (the same filters schemathesis applies)."""
        options = dict(zip(self.selection[::2], self.selection[1::2]))
        count = 0
        for path, item in spec["paths"].items():
            for method in (m for m in item if m in METHODS):
                count += (re.search(options["--include-path-regex"], path) is not None
                          and not re.search(options.get("--exclude-path-regex", "(?!)"), path)
                          and options.get("--include-method", method.upper()) == method.upper()
                          and options.get("--exclude-method") != method.upper())
        return count


def runs() -> list[Run]:
    """Every invocation; a service's main one comes last and tops its requests up to the target."""
    owned = {name: [p for p, key in ROUTES if key == service_key and p != KIOSK]
             for name, service_key in SERVICE_KEYS.items()}
    everything_owned = [p for p, _key in ROUTES]
    return [
        Run("survey", ["--include-path-regex", _paths([KIOSK])], signs_in_as=None),
        Run("gateway", ["--include-path-regex", r"^/api/v1/users/\{user_id\}$", "--include-method", "PATCH"],
            signs_in_as=ACCOUNTS_ADMIN),
        *(Run(name, ["--include-path-regex", _paths(prefixes)]) for name, prefixes in owned.items()),
        Run("gateway", ["--include-path-regex", "^/api/v1/", "--exclude-path-regex", _paths(everything_owned),
                        "--exclude-method", "PATCH"]),
    ]


@dataclass
class Tally:
    service: str
    operations: int = 0
    requests: int = 0
    server_errors: dict = field(default_factory=dict)
    failures: dict = field(default_factory=dict)  # schemathesis' unique failures: title → operations

    @property
    def status_5xx(self) -> int:
        return sum(self.server_errors.values())


def run_schemathesis(base: str, run: Run, kiosk_token: str, phases: str, examples: int, seed: int,
                     out: Path) -> dict:
    tally_path, report_dir = out / f"tally-{run.service}-{seed}.json", out / f"report-{run.service}-{seed}"
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "fuzz_checks", "C360_FUZZ_TALLY": str(tally_path),
           "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/v1/openapi.json", *run.selection,
               "--checks", "not_a_server_error,json_error_with_message", "--max-examples", str(examples),
               "--phases", phases, "--seed", str(seed), "--workers", "2",
               "--suppress-health-check", "all", "--request-timeout", "30", "--continue-on-failure",
               "--report", "json", "--report-dir", str(report_dir)]
    if run.signs_in_as:
        env.update(C360_FUZZ_BASE=base, C360_FUZZ_USERNAME=run.signs_in_as, C360_FUZZ_PASSWORD=PASSWORD)
    else:
        command += ["--header", f"Authorization: Bearer {kiosk_token}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, cwd=out)
    reports = sorted(report_dir.glob("*.json"))
    if not reports or not tally_path.exists():
        raise RuntimeError(f"schemathesis did not finish ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    report = json.loads(reports[-1].read_text())
    return {"report": report, "tally": json.loads(tally_path.read_text()), "output": done.stdout}


def prepare(base: str, admin_password: str) -> str:
    """The fuzzing accounts and a kiosk (with its unit); returns the kiosk's token."""
    admin = requests.Session()
    token = admin.post(f"{base}/api/v1/auth/token", json={"username": "admin", "password": admin_password},
                       timeout=30).json()["access_token"]
    admin.headers["Authorization"] = f"Bearer {token}"
    for username in (FUZZ_ADMIN, ACCOUNTS_ADMIN):
        reply = admin.post(f"{base}/api/v1/users", json={"username": username, "password": PASSWORD,
                                                         "role": "province_admin"}, timeout=30)
        assert reply.status_code in (201, 409), reply.text
    unit = admin.post(f"{base}/api/v1/units", json={"code": "FUZZ-XA", "name": "Xã Kiểm Thử", "kind": "commune",
                                                     "area": "rural"}, timeout=30)
    unit_id = unit.json()["id"] if unit.status_code == 201 else admin.get(f"{base}/api/v1/units", timeout=30).json()[0]["id"]
    kiosk = admin.post(f"{base}/api/v1/kiosks", json={"unit_id": unit_id, "name": "Ki-ốt kiểm thử mờ"}, timeout=30)
    assert kiosk.status_code == 201, kiosk.text
    return kiosk.json()["token"]


def fuzz(base: str, admin_password: str, profile: str, out: Path, log=print) -> list[Tally]:
    settings = PROFILES[profile]
    kiosk_token = prepare(base, admin_password)
    tallies = {name: Tally(name) for name in ("evaluation", "survey", "training", "gateway")}
    plan = runs()
    last = {run.service: run for run in plan}
    spec = requests.get(f"{base}/api/v1/openapi.json", timeout=30).json()
    for run in plan:
        tally = tallies[run.service]
        share = settings["target"] / sum(r.service == run.service for r in plan)
        examples = min(max(3, -(-int(share) // max(run.operations(spec), 1))), 200)
        for seed in range(1, 21):
            result = run_schemathesis(base, run, kiosk_token, settings["phases"], examples, seed, out)
            made = sum(result["tally"]["statuses"].values())
            tally.requests += made
            if seed == 1:
                tally.operations += result["report"]["operations"]["tested"]
            for label, count in result["tally"]["server_errors"].items():
                tally.server_errors[label] = tally.server_errors.get(label, 0) + count
            for failure in result["report"]["failures"]:
                tally.failures.setdefault(f"{failure['code']} {failure['title']}", set()).update(failure["operations"])
            log(f"  {run.service:<10} {' '.join(run.selection)[:80]:<80} seed {seed:>2}: {made} requests")
            if not settings["top_up"] or run is not last[run.service] or tally.requests >= settings["target"] \
                    or made == 0:
                break
    return list(tallies.values())


def openapi_problem(base: str) -> str | None:
    """Why the public OpenAPI document is not a valid OpenAPI 3.0 document, or None."""
    import schemathesis

    try:
        schemathesis.openapi.from_dict(requests.get(f"{base}/api/v1/openapi.json", timeout=30).json()).validate()
    except Exception as exc:  # jsonschema_rs.ValidationError: the message names the faulty part
        return str(exc)[:1000]
    return None


def summary(tallies: list[Tally]) -> str:
    lines = [f"{'service':<11}{'operations':>11}{'requests':>10}{'5xx':>6}  failures"]
    for t in tallies:
        failures = "; ".join(f"{title}: {', '.join(sorted(ops))}" for title, ops in t.failures.items()) or "none"
        lines.append(f"{t.service:<11}{t.operations:>11}{t.requests:>10}{t.status_5xx:>6}  {failures}")
    lines.append(f"{'total':<11}{sum(t.operations for t in tallies):>11}{sum(t.requests for t in tallies):>10}"
                 f"{sum(t.status_5xx for t in tallies):>6}")
    return "\n".join(lines)


def main() -> int:
    """``make fuzz``: the full profile on a platform of its own (API only: no relays or consumers)."""
    from support.platform import Infra, Stack

    infra = Infra().start()
    stack = Stack(infra, suffix="_fuzz")
    stack.base_env.update(FUZZ_PLATFORM_SETTINGS)
    try:
        stack.start(workers=False)
        out = Path(tempfile.mkdtemp(prefix="c360-fuzz-"))
        print(f"Fuzzing {stack.url()} (full profile, reports in {out})", flush=True)
        problem = openapi_problem(stack.url())
        tallies = fuzz(stack.url(), stack.admin_password, "full", out, log=lambda line: print(line, flush=True))
    finally:
        stack.stop()
        infra.stop()
    print("\n" + summary(tallies))
    print(f"OpenAPI document: {'INVALID: ' + problem if problem else 'valid'}")
    return 1 if problem or any(t.failures or t.status_5xx for t in tallies) else 0


# Sign-in throttling and the kiosk rate limit are abuse defences: thousands of generated requests
# would only meet 429s.
FUZZ_PLATFORM_SETTINGS = {"C360_SIGNIN_PAIR_FREE_FAILURES": "1000000", "C360_SIGNIN_IP_LIMIT": "1000000",
                          "C360_KIOSK_RATE_PER_MINUTE": "1000000"}

if __name__ == "__main__":
    sys.exit(main())
