"""Kafka locked down as in production (issue 18): a real broker started from the production
deploy/compose/kafka/server.properties — only SASL/SCRAM-SHA-512 over TLS, also between its own
listeners; only the addresses and ports are this test's — and the platform's every kind of Kafka client — the
topic set-up, the outbox relay's producer, the consumer runner, readiness — reaching it with the
settings of deploy/compose and deploy/k8s (password and CA from files). A client without
credentials, with a wrong password or trusting another CA gets nothing. The broker authorises too:
the topic set-up user creates each service's ACLs (cadre_shared.kafka_acls), after which a service
writes its own topics and reads those it consumes, and is refused on another's."""
from __future__ import annotations

import datetime
import ipaddress
import os
import secrets
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError, TopicAuthorizationFailedError

from cadre_shared import bus, kafka_acls, topics
from cadre_shared.connections import kafka_options
from cadre_shared.consumer import ConsumerRunner, ConsumerSpec
from cadre_shared.contracts import contract_for
from cadre_shared.envelope import decode, make_event
from cadre_shared.health import KafkaProbe
from support.platform import ROOT, ManagedProcess, free_port, wait_port

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]
MECHANISM = "SCRAM-SHA-512"
USERS = ("topics", "evaluation", "survey")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _authority(directory: Path, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(name, key, _name(name), key, ca=True)
    path = directory / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert, path


def _broker_keystore(directory: Path, ca_key, ca_cert) -> Path:
    """The broker's key (PKCS#8) and certificate chain in one PEM file, Kafka's PEM keystore."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate("kafka", key, ca_cert.subject, ca_key, ca=False)
    path = directory / "kafka_keystore"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
                     + cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture(scope="module")
def broker():
    directory = Path(tempfile.mkdtemp(prefix="c360-kafka-sasl-"))
    ca_key, ca_cert, ca_file = _authority(directory, "cadre360-test-ca")
    ca_file = ca_file.rename(directory / "kafka_ca")  # the names of the production secrets
    _other_key, _other_cert, other_ca_file = _authority(directory, "someone-else-ca")
    _broker_keystore(directory, ca_key, ca_cert)
    broker_password = secrets.token_hex(16)
    passwords = {user: secrets.token_hex(16) for user in USERS}
    port, controller_port = free_port(), free_port()
    data = directory / "kafka"
    data.mkdir()
    production = (ROOT / "deploy/compose/kafka/server.properties").read_text()
    (data / "extra.properties").write_text(
        production.replace("@BROKER_PASSWORD@", broker_password).replace("@SECRETS@", str(directory))
        + "\n".join(["# this test's addresses, ports and directory",
                     f"listeners=SASL_SSL://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller_port}",
                     f"advertised.listeners=SASL_SSL://127.0.0.1:{port}",
                     f"controller.quorum.voters=1@127.0.0.1:{controller_port}",
                     f"log.dirs={data / 'logs'}", ""]))
    (data / "format-args").write_text(f"--add-scram\n{MECHANISM}=[name=broker,password={broker_password}]\n" + "".join(
        f"--add-scram\n{MECHANISM}=[name={user},password={password}]\n" for user, password in passwords.items()))
    for user, password in passwords.items():
        (directory / f"kafka_{user}_password").write_text(password + "\n")
    process = ManagedProcess("kafka-sasl", [str(ROOT / "deploy/local/kafka-start.sh"), str(data), str(port),
                                            str(controller_port)], directory).start()
    try:
        wait_port(port, timeout=90)
    except TimeoutError:
        process.stop()
        raise RuntimeError("the SASL/TLS broker did not start:\n" + process.tail()) from None
    settings = {"C360_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "C360_KAFKA_CA_FILE": str(ca_file),
                "C360_KAFKA_USERNAME": "", "C360_KAFKA_PASSWORD_FILE": ""}  # restored after the module
    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        _login("topics")  # as the compose "kafka-topics" job (kafka_acls ensure): topics, then every service's ACLs
        topics.ensure(f"127.0.0.1:{port}", timeout_s=90, then=kafka_acls.apply)  # returns once the broker enforces them
        _login("evaluation")
        yield {"bootstrap": f"127.0.0.1:{port}", "other_ca": str(other_ca_file), "directory": directory}
    process.stop()
    subprocess.run(["rm", "-rf", str(directory)], check=False)


def _login(user: str) -> None:
    """The next clients log in as ``user`` (its password file, as a production process reads it)."""
    directory = Path(os.environ["C360_KAFKA_CA_FILE"]).parent
    os.environ.update({"C360_KAFKA_USERNAME": user, "C360_KAFKA_PASSWORD_FILE": str(directory / f"kafka_{user}_password")})


def _admin(bootstrap: str, **options) -> KafkaAdminClient:
    return KafkaAdminClient(bootstrap_servers=[bootstrap], request_timeout_ms=3000, bootstrap_timeout_ms=3000,
                            **options)


def _response_event() -> dict:
    return make_event("response.recorded", 1, "cadre-1", contract_for("response.recorded", 1).examples[0], "survey")


def test_the_platform_sets_up_topics_produces_and_consumes_over_sasl_and_tls(broker):
    _login("topics")
    assert topics.ensure(broker["bootstrap"], timeout_s=90, then=kafka_acls.apply) == []  # all there, ACLs again: no error
    _login("survey")  # the survey's relay publishes its own topic
    producer = bus.make_producer(broker["bootstrap"], "test-relay")
    event = _response_event()
    metadata = bus.send(producer, event).get(timeout=30)
    producer.close()
    assert metadata.topic == "survey.responses.v1"

    _login("evaluation")  # which consumes it, in its own consumer group
    runner = ConsumerRunner("evaluation", ConsumerSpec("sasl-test", ["survey.responses.v1"], lambda _e: None),
                            broker["bootstrap"])
    runner._connect()
    received, deadline = [], time.monotonic() + 60
    while not received and time.monotonic() < deadline:
        for records in runner._consumer.poll(timeout_ms=1000).values():
            received += [decode(record.value) for record in records]
    runner._consumer.close()
    assert [e["event_id"] for e in received] == [event["event_id"]]


def test_a_service_is_refused_on_a_topic_it_does_not_own_or_consume(broker):
    _login("evaluation")  # evaluation reads survey.responses.v1 but may not write it
    producer = bus.make_producer(broker["bootstrap"], "test-intruder")
    try:
        with pytest.raises(TopicAuthorizationFailedError):
            bus.send(producer, _response_event()).get(timeout=30)
    finally:
        producer.close(timeout=5)
    _login("survey")  # the survey reads the cadres (its copies) but no evaluation score
    assert _read_all(broker["bootstrap"], "evaluation.cadres.v1") == []  # allowed, and empty
    with pytest.raises(TopicAuthorizationFailedError):
        _read_all(broker["bootstrap"], "evaluation.scores.v1")


def _read_all(bootstrap: str, topic: str) -> list:
    """Every record of partition 0 of ``topic``, read by the logged-in user's consumer group."""
    reader = KafkaConsumer(bootstrap_servers=[bootstrap], group_id="survey.acl-test", enable_auto_commit=False,
                           **kafka_options())
    try:
        partition = TopicPartition(topic, 0)
        reader.end_offsets([partition])  # the broker's answer for a topic the user may not describe: refused
        reader.assign([partition])
        reader.seek_to_beginning(partition)
        records = []
        for _ in range(3):
            records += [r for batch in reader.poll(timeout_ms=1000).values() for r in batch]
        return records
    finally:
        reader.close()


def test_readiness_reaches_the_broker_with_the_same_settings(broker):
    _login("evaluation")
    probe = KafkaProbe(broker["bootstrap"])
    try:
        assert probe.check() is None
    finally:
        probe.close()


def test_a_client_without_credentials_or_with_a_wrong_password_or_another_ca_gets_nothing(broker, tmp_path):
    _login("evaluation")
    with pytest.raises(KafkaError):  # plaintext against the TLS listener: no broker ever answers
        _admin(broker["bootstrap"]).close()
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password")
    base = {"security_protocol": "SASL_SSL", "sasl_mechanism": MECHANISM, "sasl_plain_username": "evaluation",
            "ssl_cafile": os.environ["C360_KAFKA_CA_FILE"], "ssl_check_hostname": True}
    with pytest.raises(KafkaError):
        _admin(broker["bootstrap"], **{**base, "sasl_plain_password": wrong.read_text()}).close()
    with pytest.raises(KafkaError):
        _admin(broker["bootstrap"], **{**base, "sasl_plain_password": Path(
            os.environ["C360_KAFKA_PASSWORD_FILE"]).read_text().strip(), "ssl_cafile": broker["other_ca"]}).close()
