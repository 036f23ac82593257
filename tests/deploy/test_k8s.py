"""Kubernetes manifests: schema-valid for a pinned Kubernetes version, and wired together.

Every object is validated against the Kubernetes OpenAPI schemas shipped by
kubernetes-validate, in strict mode (an unknown or misspelt field fails). The
rest checks what the schema cannot: names and labels that must match across
objects, probes, limits, security, and the settings the platform relies on.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import kubernetes_validate
import pytest
import yaml
from cadre_shared import kafka_acls

ROOT = Path(__file__).resolve().parents[2]
K8S_DIR = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"
NAMESPACE = "cadre360"
EXAMPLE_SECRETS = "secret.example.yaml"

HTTP_PORTS = {"gateway": 8000, "evaluation": 8001, "survey": 8002, "training": 8003}
WORKER_SERVICES = ("evaluation", "survey", "training", "gateway")


class StrictLoader(yaml.SafeLoader):
    """Refuses a key given twice in one mapping, as kubectl does (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load(path: Path) -> list[dict]:
    return [doc for doc in yaml.load_all(path.read_text(encoding="utf-8"), Loader=StrictLoader) if doc]


MANIFEST_FILES = sorted(p for p in K8S_DIR.glob("*.yaml") if p.name != "kustomization.yaml")
OBJECTS = [(path.name, doc) for path in MANIFEST_FILES for doc in load(path)]
APPLIED = [doc for name, doc in OBJECTS if name != EXAMPLE_SECRETS]


def of_kind(kind: str, objects=None) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in (APPLIED if objects is None else objects) if doc["kind"] == kind}


DEPLOYMENTS = of_kind("Deployment")
EXAMPLE_SECRET_DATA = {doc["metadata"]["name"]: doc["stringData"]
                       for doc in load(K8S_DIR / EXAMPLE_SECRETS) if doc["kind"] == "Secret"}


def container(deployment: dict) -> dict:
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, deployment["metadata"]["name"]
    return containers[0]


def env_list(deployment: dict) -> list[dict]:
    return container(deployment).get("env", [])


def env_values(deployment: dict) -> dict[str, str]:
    return {e["name"]: e.get("value") for e in env_list(deployment)}


def process(deployment: dict) -> list[str]:
    c = container(deployment)
    return c.get("command", []) + c.get("args", [])


def selects(selector: dict, labels: dict) -> bool:
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        if expr["operator"] == "In" and labels.get(expr["key"]) not in expr["values"]:
            return False
    return True


def pod_labels(deployment: dict) -> dict:
    return deployment["spec"]["template"]["metadata"]["labels"]


def quantity(value) -> float:
    """Kubernetes quantity as a number (CPU in cores, memory in bytes)."""
    text = str(value)
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9}
    for suffix, factor in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


def http_deployments() -> dict[str, dict]:
    return {name: d for name, d in DEPLOYMENTS.items() if "gunicorn" in process(d)}


def worker_deployments() -> dict[str, dict]:
    return {name: d for name, d in DEPLOYMENTS.items() if "cadre_shared.workers" in process(d)}


# --- schema ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("filename,doc", OBJECTS,
                         ids=[f"{name}:{doc['kind']}/{doc['metadata']['name']}" for name, doc in OBJECTS])
def test_manifest_validates_against_the_kubernetes_schema(filename, doc):
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        path = ".".join(str(p) for p in error.path)
        pytest.fail(f"{filename}: {doc['kind']}/{doc['metadata']['name']}: {path}: {error.message}")
    except kubernetes_validate.SchemaNotFoundError as error:
        pytest.fail(f"{filename}: {error.message}")


def test_no_two_objects_share_kind_and_name():
    seen = [(doc["kind"], doc["metadata"]["name"]) for _, doc in OBJECTS]
    assert sorted(k for k in seen if seen.count(k) > 1) == []


def test_the_manifests_contain_every_kind_of_object_promised():
    kinds = {doc["kind"] for doc in APPLIED}
    assert {"Namespace", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler",
            "PodDisruptionBudget", "Job", "Ingress"} <= kinds
    assert of_kind("Secret") == {}, "placeholder Secrets must not be applied with the rest"


def test_kustomization_applies_every_manifest_but_the_example_secrets():
    kustomization = yaml.safe_load((K8S_DIR / "kustomization.yaml").read_text())
    assert set(kustomization["resources"]) == {p.name for p in MANIFEST_FILES} - {EXAMPLE_SECRETS}
    assert kustomization["namespace"] == NAMESPACE
    images = {image["name"] for image in kustomization["images"]}
    assert {container(d)["image"].split(":")[0] for d in DEPLOYMENTS.values()} <= images


def test_every_namespaced_object_is_in_the_cadre360_namespace():
    for _, doc in OBJECTS:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == NAMESPACE, doc["metadata"]["name"]


# --- Deployments ----------------------------------------------------------------------------------

def test_four_http_services_and_a_relay_and_consumer_per_service_with_workers():
    assert set(http_deployments()) == set(HTTP_PORTS)
    expected = {}
    for service in WORKER_SERVICES:
        expected[f"{service}-relay"] = [service, "relay"]
        expected[f"{service}-consumer"] = [service, "consume"]
    assert {name: process(d)[-2:] for name, d in worker_deployments().items()} == expected
    assert set(DEPLOYMENTS) == set(http_deployments()) | set(expected)


@pytest.mark.parametrize("name", sorted(DEPLOYMENTS))
def test_deployment_has_probes_and_resource_limits(name):
    c = container(DEPLOYMENTS[name])
    assert c.get("readinessProbe"), f"{name}: no readiness probe"
    assert c.get("livenessProbe"), f"{name}: no liveness probe"
    resources = c.get("resources", {})
    for resource in ("cpu", "memory"):
        request = resources.get("requests", {}).get(resource)
        limit = resources.get("limits", {}).get(resource)
        assert request and limit, f"{name}: {resource} needs a request and a limit"
        assert quantity(request) <= quantity(limit), f"{name}: {resource} request above limit"


@pytest.mark.parametrize("name", sorted(DEPLOYMENTS) + ["job:cadre360-kafka-topics"])
def test_pods_run_as_non_root_with_restricted_privileges(name):
    owner = of_kind("Job")[name[4:]] if name.startswith("job:") else DEPLOYMENTS[name]
    pod = owner["spec"]["template"]["spec"]
    pod_security = pod["securityContext"]
    assert pod_security["runAsNonRoot"] is True
    assert pod_security["runAsUser"] != 0
    assert pod_security["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    c = pod["containers"][0]
    assert c["securityContext"]["allowPrivilegeEscalation"] is False
    assert c["securityContext"]["readOnlyRootFilesystem"] is True
    assert c["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert c["command"] == ["/usr/local/bin/cadre360-entrypoint"]


def test_namespace_enforces_the_restricted_pod_security_standard():
    labels = of_kind("Namespace")[NAMESPACE]["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


@pytest.mark.parametrize("service", sorted(HTTP_PORTS))
def test_http_service_runs_its_wsgi_module_and_probes_readyz_and_healthz(service):
    deployment = DEPLOYMENTS[service]
    c = container(deployment)
    args = process(deployment)
    assert args[-1] == f"{service}.wsgi:app"
    assert args[args.index("--bind") + 1] == f"0.0.0.0:{HTTP_PORTS[service]}"
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": HTTP_PORTS[service]}
    assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}


def test_deployment_selectors_match_their_pods():
    for name, deployment in DEPLOYMENTS.items():
        assert selects(deployment["spec"]["selector"], pod_labels(deployment)), name
        others = [n for n, d in DEPLOYMENTS.items() if n != name and selects(deployment["spec"]["selector"], pod_labels(d))]
        assert others == [], f"{name}'s selector also takes the pods of {others}"


@pytest.mark.parametrize("service", sorted(HTTP_PORTS))
def test_http_service_has_a_service_an_autoscaler_and_a_disruption_budget(service):
    deployment = DEPLOYMENTS[service]
    svc = of_kind("Service")[service]
    assert svc["spec"]["selector"] == pod_labels(deployment)
    assert [(p["port"], p["targetPort"]) for p in svc["spec"]["ports"]] == [(HTTP_PORTS[service], "http")]
    hpa = of_kind("HorizontalPodAutoscaler")[service]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": service}
    assert hpa["spec"]["minReplicas"] >= 2
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    assert "replicas" not in deployment["spec"], "the autoscaler owns the replica count"
    pdbs = [p for p in of_kind("PodDisruptionBudget").values() if selects(p["spec"]["selector"], pod_labels(deployment))]
    assert len(pdbs) == 1 and pdbs[0]["spec"].get("minAvailable") == 1


def test_relays_are_single_and_never_overlap_consumers_have_a_budget():
    for name, deployment in worker_deployments().items():
        if name.endswith("-relay"):
            assert deployment["spec"]["replicas"] == 1, name
            assert deployment["spec"]["strategy"]["type"] == "Recreate", name
        else:
            assert deployment["spec"]["replicas"] >= 2, name
            pdbs = [p for p in of_kind("PodDisruptionBudget").values()
                    if selects(p["spec"]["selector"], pod_labels(deployment))]
            assert len(pdbs) == 1, name


def test_workers_are_probed_by_c360_probe():
    for name, deployment in worker_deployments().items():
        c = container(deployment)
        assert c["readinessProbe"]["exec"]["command"] == ["c360-probe", "worker-ready"], name
        assert c["livenessProbe"]["exec"]["command"] == ["c360-probe", "worker-alive"], name


def test_all_pods_run_the_same_pinned_image():
    images = {container(d)["image"] for d in DEPLOYMENTS.values()}
    images.add(of_kind("Job")["cadre360-kafka-topics"]["spec"]["template"]["spec"]["containers"][0]["image"])
    assert len(images) == 1
    image = images.pop()
    assert re.fullmatch(r"[\w./-]+:[\w.-]+", image) and not image.endswith(":latest")


# --- configuration each process needs ---------------------------------------------------------

@pytest.mark.parametrize("name", sorted(DEPLOYMENTS))
def test_app_process_gets_its_store_kafka_key_and_log_level(name):
    deployment = DEPLOYMENTS[name]
    service = name.split("-")[0]
    env = env_list(deployment)
    names = [e["name"] for e in env]
    for required in ("C360_MONGO_URI", "C360_KAFKA_BOOTSTRAP", "C360_JWT_PUBLIC_KEY_FILE", "C360_LOG_LEVEL"):
        assert required in names, f"{name} lacks {required}"
    # $(VAR) in a value expands only variables defined earlier in the list.
    for position, entry in enumerate(env):
        for reference in re.findall(r"\$\((\w+)\)", entry.get("value") or ""):
            assert reference in names[:position], f"{name}: {entry['name']} uses $({reference}) before it is defined"
    secret_refs = {e["name"]: e["valueFrom"]["secretKeyRef"]["name"]
                   for e in env if "secretKeyRef" in e.get("valueFrom", {})}
    assert secret_refs["C360_MONGO_USERNAME"] == f"cadre360-mongo-{service}", "each service logs in as its own user"
    values = env_values(deployment)
    for setting in ("C360_JWT_PUBLIC_KEY_FILE", "C360_MONGO_PASSWORD_FILE"):
        assert values[setting] in mounted_secret_files(deployment), f"{name}: {values[setting]} is not mounted"
    assert secret_of(deployment, values["C360_MONGO_PASSWORD_FILE"]) == f"cadre360-mongo-{service}"


def secret_of(workload: dict, path: str) -> str:
    """The Secret whose item is mounted at ``path``."""
    pod = workload["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for mount in pod["containers"][0].get("volumeMounts", []):
        secret = volumes[mount["name"]].get("secret")
        if secret and path.startswith(mount["mountPath"] + "/"):
            return secret["secretName"]
    raise AssertionError(f"{path} is not mounted from a Secret")


def kafka_clients() -> dict[str, tuple[str, dict]]:
    """Every process that talks to Kafka: (its user's suffix, its workload)."""
    clients = {name: (name.split("-")[0], d) for name, d in DEPLOYMENTS.items()}
    clients["cadre360-kafka-topics"] = ("topics", of_kind("Job")["cadre360-kafka-topics"])
    return clients


@pytest.mark.parametrize("name", sorted(kafka_clients()))
def test_every_kafka_client_uses_scram_over_tls_as_its_own_user_with_files(name):
    user, workload = kafka_clients()[name]
    env = {e["name"]: e for e in workload["spec"]["template"]["spec"]["containers"][0]["env"]}
    values = {key: entry.get("value") for key, entry in env.items()}
    assert values["C360_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert values["C360_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
    assert values["C360_KAFKA_USERNAME"] == f"cadre360-kafka-{user}"
    assert secret_of(workload, values["C360_KAFKA_PASSWORD_FILE"]) == f"cadre360-kafka-{user}"
    assert secret_of(workload, values["C360_KAFKA_CA_FILE"]) == "cadre360-cluster-ca-cert"
    assert of_kind("ConfigMap")["cadre360-config"]["data"]["kafka-bootstrap"].endswith(":9093"), "the TLS listener"
    users = {doc["metadata"]["name"]: doc for doc in load(K8S_DIR / "strimzi" / "kafka-users.yaml")}
    assert users[values["C360_KAFKA_USERNAME"]]["spec"]["authentication"] == {"type": "scram-sha-512"}


@pytest.mark.parametrize("service", kafka_acls.SERVICES)
def test_each_strimzi_user_may_do_exactly_what_the_acl_table_grants(service):
    user = {doc["metadata"]["name"]: doc for doc in load(K8S_DIR / "strimzi" / "kafka-users.yaml")}[
        f"cadre360-kafka-{service}"]
    authorization = user["spec"]["authorization"]
    assert authorization["type"] == "simple"
    granted = {(acl["resource"]["type"], acl["resource"]["name"],
                "prefix" if acl["resource"]["patternType"] == "prefix" else "literal", operation.lower())
               for acl in authorization["acls"] for operation in acl["operations"]}
    assert granted == {(g.resource, g.name, g.pattern, g.operation) for g in kafka_acls.grants(service)}


def test_the_acl_table_lets_no_service_write_another_owners_topic():
    for service, grants in kafka_acls.table().items():
        written = {g.name for g in grants if g.resource == "topic" and g.operation == "write"}
        assert {t for t in written if not t.endswith(".dlt")} == set(kafka_acls.owned_topics(service))
    assert kafka_acls.owned_topics("gateway") == []


@pytest.mark.parametrize("name", sorted(kafka_clients()))
def test_no_secret_reaches_a_process_as_an_environment_value(name):
    """Secrets are mounted files: environment values show in `kubectl describe`, crash reports and /proc."""
    _user, workload = kafka_clients()[name]
    for entry in workload["spec"]["template"]["spec"]["containers"][0]["env"]:
        reference = entry.get("valueFrom", {}).get("secretKeyRef")
        assert reference is None or reference["key"] == "username", (name, entry["name"])
        assert "PASSWORD" not in entry["name"] or entry["name"].endswith("_FILE"), (name, entry["name"])


@pytest.mark.parametrize("name", sorted(DEPLOYMENTS))
def test_mongo_uri_targets_the_services_database_on_the_replica_set_with_majority(name):
    service = name.split("-")[0]
    uri = urlsplit(env_values(DEPLOYMENTS[name])["C360_MONGO_URI"])
    query = parse_qs(uri.query)
    assert uri.scheme == "mongodb"
    assert uri.path == f"/cadre360_{service}"
    assert uri.netloc == "$(MONGO_HOSTS)", "no credentials in the URI"
    assert query["replicaSet"] == ["$(MONGO_REPLICA_SET)"]
    assert query["w"] == ["majority"]
    assert len(of_kind("ConfigMap")["cadre360-config"]["data"]["mongo-hosts"].split(",")) >= 3, "a province install runs a 3-member replica set"


def mounted_secret_files(deployment: dict) -> set[str]:
    pod = deployment["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    files = set()
    for mount in container(deployment).get("volumeMounts", []):
        secret = volumes[mount["name"]].get("secret")
        if secret:
            files.update(f"{mount['mountPath']}/{item['path']}" for item in secret["items"])
    return files


def test_survey_reads_its_contact_and_ballot_keys_from_a_mounted_secret():
    survey = DEPLOYMENTS["survey"]
    env = env_values(survey)
    for name in ("C360_SURVEY_CONTACT_KEY_FILE", "C360_SURVEY_BALLOT_KEY_FILE"):
        assert env[name] in mounted_secret_files(survey), name


def test_gateway_gets_signing_key_service_urls_admin_password_and_mfa():
    gateway = DEPLOYMENTS["gateway"]
    env = env_values(gateway)
    assert env["C360_JWT_PRIVATE_KEY_FILE"] in mounted_secret_files(gateway)
    assert env["C360_AUDIT_KEY_FILE"] in mounted_secret_files(gateway)
    assert env["C360_MFA_REQUIRED"] == "true"
    assert secret_of(gateway, env["ADMIN_PASSWORD_FILE"]) == "cadre360-admin"
    services = of_kind("Service")
    for service in ("evaluation", "survey", "training"):
        url = urlsplit(env[f"C360_{service.upper()}_URL"])
        assert url.hostname in services, f"no Service {url.hostname}"
        assert url.port in [p["port"] for p in services[url.hostname]["spec"]["ports"]]


def test_survey_gets_its_dossier_pepper_from_a_secret():
    survey = DEPLOYMENTS["survey"]
    assert secret_of(survey, env_values(survey)["C360_SURVEY_DOSSIER_PEPPER_FILE"]) == "cadre360-survey"


def test_only_the_gateway_mounts_the_signing_and_audit_keys():
    for name, deployment in DEPLOYMENTS.items():
        private = {f for f in mounted_secret_files(deployment) if f.endswith(("private.pem", "audit.key"))}
        assert len(private) == (2 if name == "gateway" else 0), name


def test_every_referenced_configmap_and_secret_key_exists():
    configmaps = {name: doc["data"] for name, doc in of_kind("ConfigMap").items()}
    for name, deployment in list(DEPLOYMENTS.items()) + [("job", of_kind("Job")["cadre360-kafka-topics"]),
                                                         ("backup", backup_job())]:
        for entry in deployment["spec"]["template"]["spec"]["containers"][0].get("env", []):
            ref = entry.get("valueFrom", {})
            if "configMapKeyRef" in ref:
                assert ref["configMapKeyRef"]["key"] in configmaps[ref["configMapKeyRef"]["name"]], (name, entry)
            if "secretKeyRef" in ref:
                assert ref["secretKeyRef"]["key"] in EXAMPLE_SECRET_DATA[ref["secretKeyRef"]["name"]], (name, entry)
        for volume in deployment["spec"]["template"]["spec"].get("volumes", []):
            if "secret" in volume:
                keys = EXAMPLE_SECRET_DATA[volume["secret"]["secretName"]]
                assert {item["key"] for item in volume["secret"]["items"]} <= set(keys), (name, volume)


def backup_job() -> dict:
    """The nightly backup's job template (a Job's shape: spec.template)."""
    return of_kind("CronJob")["cadre360-backup"]["spec"]["jobTemplate"]


def test_the_nightly_backup_dumps_every_service_database_with_a_backup_only_user_into_its_volume():
    cronjob = of_kind("CronJob")["cadre360-backup"]
    assert cronjob["spec"]["concurrencyPolicy"] == "Forbid", "two dumps never overlap"
    pod = backup_job()["spec"]["template"]["spec"]
    backup = pod["containers"][0]
    assert backup["args"][:4] == ["python", "-m", "cadre_shared.backup", "dump"]  # what the restore test reads
    env = {e["name"]: e for e in backup["env"]}
    assert set(env["C360_BACKUP_DATABASES"]["value"].split(",")) == {
        f"cadre360_{service}" for service in WORKER_SERVICES}
    assert "@" not in env["C360_BACKUP_MONGO_URI"]["value"], "no credentials in the URI"
    assert secret_of(backup_job(), env["C360_MONGO_PASSWORD_FILE"]["value"]) == "cadre360-mongo-backup"
    assert EXAMPLE_SECRET_DATA["cadre360-mongo-backup"]["username"] == "cadre360-backup"
    root = backup["args"][backup["args"].index("--root") + 1]
    mounts = {m["mountPath"]: m["name"] for m in backup["volumeMounts"]}
    claim = {v["name"]: v for v in pod["volumes"]}[mounts[root]]["persistentVolumeClaim"]["claimName"]
    assert claim in of_kind("PersistentVolumeClaim")
    assert pod["securityContext"]["runAsNonRoot"] and backup["securityContext"]["readOnlyRootFilesystem"]


def test_example_secrets_hold_placeholders_only():
    for name, data in EXAMPLE_SECRET_DATA.items():
        for key, value in data.items():
            if key != "username":
                assert value.startswith("REPLACE_ME"), f"{name}.{key} looks like a real value"


# --- topics, ingress, network -----------------------------------------------------------------------

def test_topic_job_creates_topics_with_replication_3_and_min_isr_2():
    job = of_kind("Job")["cadre360-kafka-topics"]
    c = job["spec"]["template"]["spec"]["containers"][0]
    assert c["command"] + c["args"] == ["/usr/local/bin/cadre360-entrypoint", "python", "-m", "cadre_shared.topics", "ensure"]
    env = {e["name"]: e.get("value") for e in c["env"]}
    assert env["C360_TOPIC_REPLICATION"] == "3"
    assert env["C360_TOPIC_MIN_ISR"] == "2"
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "OnFailure"
    assert any(e["name"] == "C360_KAFKA_BOOTSTRAP" for e in c["env"])


def test_ingress_serves_the_gateway_over_tls():
    ingress = of_kind("Ingress")["cadre360"]
    rules = ingress["spec"]["rules"]
    backends = {path["backend"]["service"]["name"] for rule in rules for path in rule["http"]["paths"]}
    assert backends == {"gateway"}
    port_names = {p["name"] for p in of_kind("Service")["gateway"]["spec"]["ports"]}
    for rule in rules:
        for path in rule["http"]["paths"]:
            assert path["backend"]["service"]["port"]["name"] in port_names
    tls_hosts = {host for tls in ingress["spec"]["tls"] for host in tls["hosts"]}
    assert {rule["host"] for rule in rules} <= tls_hosts


def test_the_ingress_limits_requests_per_address_and_sign_in_more_strictly():
    ingresses = of_kind("Ingress")
    pages, signin = ingresses["cadre360"]["metadata"]["annotations"], ingresses["cadre360-signin"]
    assert int(pages["nginx.ingress.kubernetes.io/limit-rps"]) <= 20
    limits = signin["metadata"]["annotations"]
    assert int(limits["nginx.ingress.kubernetes.io/limit-rpm"]) <= 10
    assert limits["nginx.ingress.kubernetes.io/ssl-redirect"] == "true"
    paths = {path["path"] for rule in signin["spec"]["rules"] for path in rule["http"]["paths"]}
    assert paths == {"/api/v1/auth/token", "/login"}


def test_network_policies_let_through_only_ingress_to_gateway_and_gateway_to_services():
    policies = of_kind("NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress"]}
    admitted = {}
    for name, policy in policies.items():
        if name == "metrics-from-monitoring":
            continue  # Prometheus only, checked below
        for rule in policy["spec"].get("ingress", []):
            ports = {p["port"] for p in rule["ports"]}
            for name, deployment in DEPLOYMENTS.items():
                if selects(policy["spec"]["podSelector"], pod_labels(deployment)):
                    admitted.setdefault(name, set()).update(ports & {HTTP_PORTS.get(name)})
    assert admitted == {name: {port} for name, port in HTTP_PORTS.items()}
    from_gateway = policies["services-from-gateway"]["spec"]["ingress"][0]["from"][0]["podSelector"]
    assert selects(from_gateway, pod_labels(DEPLOYMENTS["gateway"]))


def test_prometheus_alone_may_scrape_every_pod_on_its_metrics_port():
    policy = of_kind("NetworkPolicy")["metrics-from-monitoring"]["spec"]
    [rule] = policy["ingress"]
    assert rule["from"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
    allowed = {p["port"] for p in rule["ports"]}
    for name, deployment in DEPLOYMENTS.items():
        assert selects(policy["podSelector"], pod_labels(deployment)), name
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true" and annotations["prometheus.io/path"] == "/metrics"
        assert int(annotations["prometheus.io/port"]) in allowed, name


def test_workers_serve_their_metrics_on_the_port_prometheus_scrapes():
    for name, deployment in worker_deployments().items():
        c = container(deployment)
        port = env_values(deployment)["C360_METRICS_PORT"]
        assert {p["name"]: p["containerPort"] for p in c["ports"]} == {"metrics": int(port)}, name
        assert deployment["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"] == port


@pytest.mark.parametrize("name", sorted(DEPLOYMENTS))
def test_every_evaluation_process_seals_sensitive_fields_with_keys_from_a_secret(name):
    deployment = DEPLOYMENTS[name]
    key_file = env_values(deployment).get("C360_FIELD_KEY_FILE")
    if name.split("-")[0] == "evaluation":
        assert secret_of(deployment, key_file) == "cadre360-fields"
    else:
        assert key_file is None, f"{name} has no sealed field to open"
