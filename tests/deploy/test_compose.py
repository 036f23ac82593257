"""The single-host production compose file: valid Compose, and the installation we promise.

No Docker engine here, so the file is read as compose would read it (YAML, then
variable interpolation from .env) and checked against the Compose Specification
schema and the project's rules. Where `docker compose` exists, it parses too.
"""
from __future__ import annotations

import importlib.resources
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE_FILE = COMPOSE_DIR / "docker-compose.yml"

HTTP_PORTS = {"gateway": 8000, "evaluation": 8001, "survey": 8002, "training": 8003}
WORKER_SERVICES = ("evaluation", "survey", "training", "gateway")
KAFKA_USERS = (*HTTP_PORTS, "topics")  # one SCRAM user per process group, and the topic set-up's
# What an operator puts in .env (deploy/compose/env.example lists the names); no secret goes there.
DOTENV = {"C360_PUBLIC_URL": "https://cadre360.tinh.gov.vn"}

_VARIABLE = re.compile(r"\$(?:\$|\{(?P<braced>[^}]*)\}|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>.*))?$", re.S)


class MissingVariable(Exception):
    pass


class StrictLoader(yaml.SafeLoader):
    """Refuses a key given twice in one mapping, as `docker compose` does (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def parse(text: str) -> dict:
    return yaml.load(text, Loader=StrictLoader)


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}."""

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        if match.group("plain"):
            return env.get(match.group("plain"), "")
        braced = _BRACED.match(match.group("braced"))
        if not braced:
            raise ValueError(f"invalid interpolation {match.group(0)!r}")
        name, op, arg = braced.group("name", "op", "arg")
        value = env.get(name)
        unset_or_empty = value is None or (value == "" and op and op.startswith(":"))
        if op in (":?", "?") and unset_or_empty:
            raise MissingVariable(f"{name}: {arg}")
        if op in (":-", "-") and unset_or_empty:
            return arg
        return value or ""

    return _VARIABLE.sub(substitute, text)


def resolve(node, env):
    if isinstance(node, dict):
        return {key: resolve(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(value, env) for value in node]
    if isinstance(node, str):
        return interpolate(node, env)
    return node


def variables_used(text: str) -> set[str]:
    names = set()
    for match in _VARIABLE.finditer(text):
        if match.group("plain"):
            names.add(match.group("plain"))
        elif match.group("braced"):
            names.add(_BRACED.match(match.group("braced")).group("name"))
    return names


@pytest.fixture(scope="module")
def raw_text() -> str:
    return COMPOSE_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def compose(raw_text) -> dict:
    return resolve(parse(raw_text), DOTENV)


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def secret_names(service: dict) -> set[str]:
    return {s if isinstance(s, str) else s["source"] for s in service.get("secrets", [])}


def secret_path(service: dict, name: str) -> str:
    for s in service.get("secrets", []):
        if s == name:
            return f"/run/secrets/{name}"
        if isinstance(s, dict) and s["source"] == name:
            return s.get("target", f"/run/secrets/{name}")
    raise AssertionError(f"secret {name} is not attached")


def jobs(services: dict) -> set[str]:
    """One-shot services: the ones others wait for with service_completed_successfully."""
    return {name for svc in services.values() for name, cond in (svc.get("depends_on") or {}).items()
            if isinstance(cond, dict) and cond.get("condition") == "service_completed_successfully"}


def http_services(services: dict) -> dict[str, dict]:
    return {name: svc for name, svc in services.items() if (svc.get("command") or [None])[0] == "gunicorn"}


def worker_services(services: dict) -> dict[str, dict]:
    return {name: svc for name, svc in services.items()
            if (svc.get("command") or [])[:3] == ["python", "-m", "cadre_shared.workers"]}


def app_services(services: dict) -> dict[str, dict]:
    return {**http_services(services), **worker_services(services)}


# --- the file is valid Compose ----------------------------------------------------------------

def test_no_key_is_given_twice(raw_text):
    parse(raw_text)
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'restart'"):
        parse("services:\n  a:\n    restart: always\n    restart: 'no'\n")


def test_matches_the_compose_specification_schema(compose):
    schema_text = (importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
                   / "compose-spec.json").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(json.loads(schema_text))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []


def test_every_variable_is_documented_in_env_example(raw_text):
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (COMPOSE_DIR / "env.example").read_text(), re.M))
    assert variables_used(raw_text) - documented == set()


def test_required_settings_have_no_default(raw_text):
    """Forgetting the public address in .env must stop `docker compose up`."""
    yaml_doc = parse(raw_text)
    for name in DOTENV:
        with pytest.raises(MissingVariable, match=name):
            resolve(yaml_doc, {k: v for k, v in DOTENV.items() if k != name})


def test_no_secret_is_an_environment_value_or_a_dotenv_setting(services):
    """Secrets are files: environment values show in `docker inspect`, process listings and crash reports."""
    secret_words = ("PASSWORD", "SECRET", "PEPPER", "_KEY")
    for name, svc in services.items():
        for variable, value in environment(svc).items():
            if any(word in variable for word in secret_words):
                assert variable.endswith(("_FILE", "_DIR")), (name, variable)
                assert value.startswith(("/run/secrets", "/var/lib/cadre360/")), (name, variable)
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (COMPOSE_DIR / "env.example").read_text(), re.M))
    assert {v for v in documented if any(word in v for word in secret_words)} == set()


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker CLI on this machine")
def test_docker_compose_accepts_the_file(tmp_path):
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("docker CLI without the compose plugin")
    result = subprocess.run(["docker", "compose", "-f", str(COMPOSE_FILE), "config", "--quiet"],
                            capture_output=True, text=True, env={**os.environ, **DOTENV})
    assert result.returncode == 0, result.stderr


# --- what runs ----------------------------------------------------------------------------------

def test_the_four_services_run_under_gunicorn_with_their_wsgi_module(services):
    found = {}
    for name, svc in http_services(services).items():
        command = svc["command"]
        found[name] = command[-1]
        bind = command[command.index("--bind") + 1]
        assert bind == f"0.0.0.0:{HTTP_PORTS[name]}", f"{name} binds {bind} inside its container"
        assert "/etc/cadre360/gunicorn.conf.py" in command
    assert found == {name: f"{name}.wsgi:app" for name in HTTP_PORTS}


def test_each_service_with_workers_has_one_relay_and_one_consumer(services):
    commands = {name: svc["command"][3:] for name, svc in worker_services(services).items()}
    expected = {}
    for service in WORKER_SERVICES:
        expected[f"{service}-relay"] = [service, "relay"]
        expected[f"{service}-consumer"] = [service, "consume"]
    assert commands == expected


def test_topics_job_creates_topics_for_a_single_broker(services):
    job = services["kafka-topics"]
    assert job["command"] == ["python", "-m", "cadre_shared.kafka_acls", "ensure"], "and the ACLs"
    env = environment(job)
    # One broker: more replicas could not be placed, and min ISR above RF would refuse every write.
    assert env["C360_TOPIC_REPLICATION"] == "1"
    assert int(env["C360_TOPIC_MIN_ISR"]) <= int(env["C360_TOPIC_REPLICATION"])
    assert env["C360_KAFKA_BOOTSTRAP"] == "kafka:9093"
    assert broker_properties()["auto.create.topics.enable"] == "false"


def broker_properties() -> dict[str, str]:
    lines = (COMPOSE_DIR / "kafka" / "server.properties").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_kafka_is_a_single_kraft_node_of_the_pinned_version(services):
    kafka = services["kafka"]
    props = broker_properties()
    assert kafka["image"].startswith("apache/kafka:4.1.1@sha256:")
    assert set(props["process.roles"].split(",")) == {"broker", "controller"}
    assert props["offsets.topic.replication.factor"] == "1"
    assert any(v.startswith("kafka-data:") for v in kafka["volumes"]), "Kafka data must survive a restart"
    assert kafka["entrypoint"] == ["/etc/cadre360/kafka/start.sh"]
    assert "./kafka:/etc/cadre360/kafka:ro" in kafka["volumes"]


def test_kafka_takes_only_scram_over_tls_from_clients_and_from_itself(services):
    """The listeners of tests/security/test_kafka_sasl_tls.py, which runs a real broker on this file."""
    props = broker_properties()
    listeners = dict(item.split("://") for item in props["listeners"].split(","))
    protocols = dict(item.split(":") for item in props["listener.security.protocol.map"].split(","))
    assert protocols == {"SASL_SSL": "SASL_SSL", "CONTROLLER": "PLAINTEXT"}
    assert listeners["CONTROLLER"].startswith("127.0.0.1:"), "the only plaintext listener stays on loopback"
    assert props["advertised.listeners"] == "SASL_SSL://kafka:9093"
    assert props["inter.broker.listener.name"] == "SASL_SSL"
    assert props["sasl.enabled.mechanisms"] == props["sasl.mechanism.inter.broker.protocol"] == "SCRAM-SHA-512"
    assert props["ssl.endpoint.identification.algorithm"] == "https"
    kafka = services["kafka"]
    start = (COMPOSE_DIR / "kafka" / "start.sh").read_text()
    users = re.search(r"for user in ([\w ]+); do", start).group(1).split()
    assert sorted(users) == sorted(KAFKA_USERS)
    for user in users:
        assert f"kafka_{user}_password" in secret_names(kafka), user
    assert {"kafka_keystore", "kafka_ca", "kafka_broker_password"} <= secret_names(kafka)


def test_kafka_authorises_every_request_and_only_its_own_and_the_set_up_user_are_super_users():
    """What tests/security/test_kafka_sasl_tls.py shows a real broker doing with this file."""
    props = broker_properties()
    assert props["authorizer.class.name"] == "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
    assert props["allow.everyone.if.no.acl.found"] == "false"
    # ANONYMOUS: the broker reaching its own controller on the loopback-only plaintext listener
    assert set(props["super.users"].split(";")) == {"User:broker", "User:topics", "User:ANONYMOUS"}


def test_every_kafka_client_is_its_own_scram_user_with_its_password_and_the_ca_from_secrets(services):
    clients = {**app_services(services), "kafka-topics": services["kafka-topics"]}
    for name, svc in clients.items():
        env = environment(svc)
        user = "topics" if name == "kafka-topics" else name.split("-")[0]
        assert env["C360_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL", name
        assert env["C360_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512", name
        assert env["C360_KAFKA_USERNAME"] == user, name
        assert env["C360_KAFKA_PASSWORD_FILE"] == secret_path(svc, f"kafka_{user}_password"), name
        assert env["C360_KAFKA_CA_FILE"] == secret_path(svc, "kafka_ca"), name


def test_every_long_running_service_has_a_healthcheck_and_restarts(services):
    one_shot = jobs(services)
    for name, svc in services.items():
        if svc.get("profiles"):  # an operator's tool, run by hand (`docker compose run`), never by `up`
            continue
        if name in one_shot:
            assert svc.get("restart") == "on-failure", f"job {name} must retry until it succeeds"
            continue
        assert svc.get("restart") in ("always", "unless-stopped"), f"{name} has no restart policy"
        check = svc.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name} has no healthcheck"


def test_http_healthchecks_probe_readyz_on_the_bound_port(services):
    for name, svc in http_services(services).items():
        assert svc["healthcheck"]["test"] == [
            "CMD", "c360-probe", "http", f"http://127.0.0.1:{HTTP_PORTS[name]}/readyz"]


def test_workers_healthcheck_looks_at_the_worker_and_its_dependencies(services):
    for name, svc in worker_services(services).items():
        assert svc["healthcheck"]["test"] == ["CMD", "c360-probe", "worker-ready"], name


def test_workers_serve_metrics_and_the_proxy_keeps_metrics_and_readiness_inside(services):
    for name, svc in worker_services(services).items():
        assert svc["environment"]["C360_METRICS_PORT"] == "9100", name
    conf = (COMPOSE_DIR / "nginx.conf").read_text()
    for path in ("/metrics", "/readyz"):
        assert re.search(rf"location = {path} {{\s*return 404;", conf), path


def test_start_order_waits_for_stores_topics_and_gateway(services):
    for name, svc in services.items():
        for dependency in svc.get("depends_on") or {}:
            assert dependency in services, f"{name} depends on unknown {dependency}"
    for name, svc in app_services(services).items():
        deps = svc["depends_on"]
        assert deps["mongo-init"]["condition"] == "service_completed_successfully", name
        assert deps["kafka-topics"]["condition"] == "service_completed_successfully", name
    assert services["mongo-init"]["depends_on"]["mongo"]["condition"] == "service_healthy"
    assert services["kafka-topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert services["proxy"]["depends_on"]["gateway"]["condition"] == "service_healthy"


# --- configuration each process needs -------------------------------------------------------------

def test_every_app_process_gets_its_store_kafka_key_and_log_level(services):
    apps = app_services(services)
    assert len(apps) == 4 + 2 * len(WORKER_SERVICES)
    for name, svc in apps.items():
        env = environment(svc)
        service = name.split("-")[0]
        assert urlsplit(env["C360_MONGO_URI"]).path == f"/cadre360_{service}", name
        assert env["C360_KAFKA_BOOTSTRAP"] == "kafka:9093", name
        assert env["C360_JWT_PUBLIC_KEY_FILE"] == secret_path(svc, "jwt_public_key"), name
        assert env["C360_LOG_LEVEL"], name


def test_mongo_uris_use_the_replica_set_majority_and_the_services_own_user(services):
    for name, svc in app_services(services).items():
        service = name.split("-")[0]
        uri = urlsplit(environment(svc)["C360_MONGO_URI"])
        query = parse_qs(uri.query)
        assert uri.scheme == "mongodb" and uri.hostname == "mongo" and uri.port == 27017, name
        assert query["replicaSet"] == ["rs0"], name
        assert query["w"] == ["majority"], name
        assert (uri.username, uri.password) == (None, None), f"{name}: no credentials in the URI"
        env = environment(svc)
        assert env["C360_MONGO_USERNAME"] == service, name
        assert env["C360_MONGO_PASSWORD_FILE"] == secret_path(svc, f"mongo_{service}_password"), name
        assert query["authSource"] == [f"cadre360_{service}"], name


def test_mongo_runs_replica_set_rs0_with_authentication(services):
    mongo = services["mongo"]
    command = mongo["command"]
    assert command[command.index("--replSet") + 1] == "rs0"
    assert "--keyFile" in command
    assert environment(mongo)["MONGO_INITDB_ROOT_PASSWORD_FILE"] == secret_path(mongo, "mongo_root_password")
    assert any(v.startswith("mongo-data:/data/db") for v in mongo["volumes"])
    init_script = (COMPOSE_DIR / "mongo-init.js").read_text()
    assert re.search(r'rs\.initiate\(\{\s*_id:\s*"rs0",\s*members:\s*\[\{\s*_id:\s*0,\s*host:\s*"mongo:27017"', init_script)
    init = services["mongo-init"]
    assert environment(init)["MONGO_PASSWORDS_DIR"] == "/run/secrets"
    assert "`${process.env.MONGO_PASSWORDS_DIR}/mongo_${name}_password`" in init_script
    for service in HTTP_PORTS:  # mongo-init creates the users the services log in as, with their files
        assert f"mongo_{service}_password" in secret_names(init), service


def test_gateway_gets_signing_key_service_urls_admin_password_and_mfa(services):
    gateway = services["gateway"]
    env = environment(gateway)
    assert env["C360_JWT_PRIVATE_KEY_FILE"] == secret_path(gateway, "jwt_private_key")
    assert env["C360_AUDIT_KEY_FILE"] == secret_path(gateway, "audit_key")
    assert env["ADMIN_PASSWORD_FILE"] == secret_path(gateway, "admin_password")
    assert "ADMIN_PASSWORD" not in env, "the password belongs in a secret, not in the compose file"
    assert env["C360_MFA_REQUIRED"] == "true"
    anchor = env["C360_AUDIT_ANCHOR_FILE"]  # on a volume of its own, not in the database
    assert any(anchor.startswith(v.split(":")[1] + "/") for v in gateway["volumes"] if v.startswith("audit-anchor:"))
    for service in ("evaluation", "survey", "training"):
        assert env[f"C360_{service.upper()}_URL"] == f"http://{service}:{HTTP_PORTS[service]}"


def test_survey_gets_its_dossier_pepper_from_a_secret(services):
    survey = services["survey"]
    env = environment(survey)
    assert env["C360_SURVEY_DOSSIER_PEPPER_FILE"] == secret_path(survey, "survey_dossier_pepper")
    assert "C360_SURVEY_DOSSIER_PEPPER" not in env, "the pepper belongs in a secret, not in the compose file"


def test_survey_gets_its_contact_and_ballot_keys_from_secrets(services):
    survey = services["survey"]
    env = environment(survey)
    assert env["C360_SURVEY_CONTACT_KEY_FILE"] == secret_path(survey, "survey_contact_key")
    assert env["C360_SURVEY_BALLOT_KEY_FILE"] == secret_path(survey, "survey_ballot_key")


def test_only_the_gateway_holds_the_signing_key_audit_key_and_admin_password(services):
    for name, svc in services.items():
        if name != "gateway":
            assert not secret_names(svc) & {"jwt_private_key", "audit_key", "admin_password"}, name


def test_secrets_come_from_files_git_ignores(compose):
    ignored = (COMPOSE_DIR / ".gitignore").read_text().split()
    for name, secret in compose["secrets"].items():
        top = Path(secret["file"]).parts[0] + "/"  # "./secrets/x" -> "secrets/"
        assert top in ignored, f"secret {name} lives in {top}, which git would track"
    for svc in compose["services"].values():
        assert secret_names(svc) <= set(compose["secrets"])


# --- exposure -------------------------------------------------------------------------------------

def test_only_the_proxy_publishes_ports(services):
    for name, svc in services.items():
        assert svc.get("network_mode") != "host", name
        if name != "proxy":
            assert not svc.get("ports"), f"{name} publishes {svc.get('ports')}; only the proxy may"
    published = sorted(str(p).split(":")[-2] for p in services["proxy"]["ports"])
    assert published == ["443", "80"]


def test_everything_but_the_proxy_sits_on_the_internal_network(compose, services):
    assert compose["networks"]["backend"].get("internal") is True
    for name, svc in services.items():
        # the proxy faces the outside, the gateway relay reaches the SMTP server
        expected = {"proxy": ["edge", "backend"], "gateway-relay": ["backend", "mail"]}.get(name, ["backend"])
        assert sorted(svc.get("networks", [])) == sorted(expected), name


def test_app_containers_are_locked_down(services):
    for name, svc in {**app_services(services), "kafka-topics": services["kafka-topics"]}.items():
        assert svc.get("read_only") is True, name
        assert svc.get("cap_drop") == ["ALL"], name
        assert "no-new-privileges:true" in svc.get("security_opt", []), name
        assert svc.get("init") is True, name


def test_images_are_pinned_and_the_app_image_is_built_once(services):
    app_image = services["evaluation"]["image"]
    built = [name for name, svc in services.items() if "build" in svc]
    assert built == ["evaluation"]
    build = services["evaluation"]["build"]
    assert (COMPOSE_DIR / build["context"] / build["dockerfile"]).resolve() == ROOT / "deploy/docker/Dockerfile"
    for name, svc in services.items():
        image = svc["image"]
        if name in app_services(services) or name in ("kafka-topics", "backup", "restore"):
            assert image == app_image, name
        else:
            # a third-party image: its tag for the reader and its digest for the bytes
            assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), image
            assert ":latest@" not in image, image


def test_the_nightly_backup_dumps_every_service_database_as_a_backup_only_user(services):
    """The command tests/integration/test_backup_restore.py runs, on a schedule, into a host directory."""
    backup = services["backup"]
    assert backup["command"][:4] == ["python", "-m", "cadre_shared.backup", "daily"]
    env = environment(backup)
    assert set(env["C360_BACKUP_DATABASES"].split(",")) == {f"cadre360_{s}" for s in WORKER_SERVICES}
    assert env["C360_MONGO_USERNAME"] == "backup" and "@" not in env["C360_BACKUP_MONGO_URI"]
    assert env["C360_MONGO_PASSWORD_FILE"] == secret_path(backup, "mongo_backup_password")
    assert "mongo_backup_password" in secret_names(services["mongo-init"])
    init = (COMPOSE_DIR / "mongo-init.js").read_text()
    assert 'keepUser(admin, "backup", [{ role: "backup", db: "admin" }])' in init
    assert any(v.endswith(":/backups") for v in backup["volumes"])
    assert backup["healthcheck"]["test"][:4] == ["CMD", "python", "-m", "cadre_shared.backup"]
    restore = services["restore"]  # by hand only, as root, reading the same directory
    assert restore["profiles"] == ["restore"]
    assert restore["entrypoint"] == ["python", "-m", "cadre_shared.backup", "restore"]
    assert environment(restore)["C360_MONGO_PASSWORD_FILE"] == secret_path(restore, "mongo_root_password")
    assert "mongo_root_password" not in secret_names(backup), "the nightly job never holds the root password"
    assert [v.rsplit(":", 2)[1] for v in restore["volumes"]] == ["/backups"]


# --- the proxy's own configuration --------------------------------------------------------------

def test_nginx_forwards_to_the_gateway_with_the_attached_certificate(services):
    proxy = services["proxy"]
    mounted = {v.split(":")[1]: v.split(":")[0] for v in proxy["volumes"]}
    conf_path = COMPOSE_DIR / mounted["/etc/nginx/nginx.conf"]
    conf = conf_path.read_text()
    assert re.search(rf"server gateway:{HTTP_PORTS['gateway']}\b", conf)
    assert f"ssl_certificate {secret_path(proxy, 'tls_certificate')};" in conf
    assert f"ssl_certificate_key {secret_path(proxy, 'tls_private_key')};" in conf
    health_url = proxy["healthcheck"]["test"][-1]
    assert f"listen {urlsplit(health_url).netloc};" in conf
    assert f"location = {urlsplit(health_url).path}" in conf
    assert "return 301 https://" in conf, "plain HTTP must redirect to HTTPS"


def test_every_evaluation_process_seals_sensitive_fields_with_keys_from_a_secret(services):
    """Ethnicity, discipline and conclusions live in the evaluation service's database only."""
    for name, svc in app_services(services).items():
        env = environment(svc)
        if name.split("-")[0] == "evaluation":
            assert env["C360_FIELD_KEY_FILE"] == secret_path(svc, "field_keys"), name
        else:
            assert "field_keys" not in secret_names(svc), f"{name} has no sealed field to open"
