"""Connection settings: nothing set is plaintext without credentials; production's settings give
SCRAM over TLS with the password read from its file; a half-set configuration stops the process."""
import pytest

from cadre_shared.connections import ConnectionSettingError, kafka_options, mongo_options

KAFKA = ("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_USERNAME", "KAFKA_PASSWORD_FILE", "KAFKA_CA_FILE",
         "MONGO_USERNAME", "MONGO_PASSWORD_FILE")


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    for name in KAFKA:
        monkeypatch.delenv(f"C360_{name}", raising=False)


@pytest.fixture()
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text("s3cret-hex\n")
    return str(path)


def test_nothing_set_means_plaintext_and_no_login():
    assert kafka_options() == {}
    assert mongo_options() == {}


def test_sasl_ssl_reads_the_password_from_its_file_and_checks_the_host(monkeypatch, password_file):
    monkeypatch.setenv("C360_KAFKA_SECURITY_PROTOCOL", "sasl_ssl")
    monkeypatch.setenv("C360_KAFKA_USERNAME", "survey")
    monkeypatch.setenv("C360_KAFKA_PASSWORD_FILE", password_file)
    monkeypatch.setenv("C360_KAFKA_CA_FILE", "/run/secrets/kafka_ca")
    assert kafka_options() == {"security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512",
                               "sasl_plain_username": "survey", "sasl_plain_password": "s3cret-hex",
                               "ssl_cafile": "/run/secrets/kafka_ca", "ssl_check_hostname": True}


@pytest.mark.parametrize("missing,named", [("C360_KAFKA_USERNAME", "C360_KAFKA_USERNAME"),
                                           ("C360_KAFKA_PASSWORD_FILE", "C360_KAFKA_PASSWORD_FILE"),
                                           ("C360_KAFKA_CA_FILE", "C360_KAFKA_CA_FILE")])
def test_a_half_set_kafka_configuration_names_what_is_missing(monkeypatch, password_file, missing, named):
    for name, value in {"C360_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "C360_KAFKA_USERNAME": "survey",
                        "C360_KAFKA_PASSWORD_FILE": password_file, "C360_KAFKA_CA_FILE": "/ca"}.items():
        if name != missing:
            monkeypatch.setenv(name, value)
    with pytest.raises(ConnectionSettingError, match=named):
        kafka_options()


@pytest.mark.parametrize("name,value", [("C360_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"),
                                        ("C360_KAFKA_SASL_MECHANISM", "PLAIN")])
def test_weaker_protocols_and_mechanisms_are_refused(monkeypatch, password_file, name, value):
    for setting, default in {"C360_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "C360_KAFKA_USERNAME": "survey",
                             "C360_KAFKA_PASSWORD_FILE": password_file, "C360_KAFKA_CA_FILE": "/ca"}.items():
        monkeypatch.setenv(setting, default)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConnectionSettingError, match=name):
        kafka_options()


def test_mongo_credentials_come_from_the_user_and_the_password_file(monkeypatch, password_file, tmp_path):
    monkeypatch.setenv("C360_MONGO_USERNAME", "evaluation")
    monkeypatch.setenv("C360_MONGO_PASSWORD_FILE", password_file)
    assert mongo_options() == {"username": "evaluation", "password": "s3cret-hex"}
    empty = tmp_path / "empty"
    empty.write_text("\n")
    monkeypatch.setenv("C360_MONGO_PASSWORD_FILE", str(empty))
    with pytest.raises(ConnectionSettingError, match="is empty"):
        mongo_options()
    monkeypatch.setenv("C360_MONGO_PASSWORD_FILE", str(tmp_path / "absent"))
    with pytest.raises(ConnectionSettingError, match="cannot read"):
        mongo_options()
    monkeypatch.delenv("C360_MONGO_USERNAME")
    monkeypatch.setenv("C360_MONGO_PASSWORD_FILE", password_file)
    with pytest.raises(ConnectionSettingError, match="C360_MONGO_USERNAME"):
        mongo_options()
