"""Sealed fields: AES-GCM with the field's name authenticated, keys from a file, rotation by key id,
clear values still readable, and a mongoengine field whose stored form is sealed."""
import base64
import os

import pytest
from mongoengine import Document

from cadre_shared import sealing
from cadre_shared.sealing import PREFIX, Keyring, SealedStringField, SealingError


@pytest.fixture()
def key_file(tmp_path, monkeypatch):
    path = sealing.generate_key_file(tmp_path / "field.keys", key_id="k1")
    monkeypatch.setenv("C360_FIELD_KEY_FILE", str(path))
    return path


def test_a_sealed_value_hides_the_text_and_opens_only_as_its_own_field(key_file):
    sealed = sealing.seal("Chăm", "cadre.ethnicity")
    assert sealed.startswith(PREFIX + "k1:") and "Chăm" not in sealed
    assert sealing.unseal(sealed, "cadre.ethnicity") == "Chăm"
    assert sealing.seal("Chăm", "cadre.ethnicity") != sealed, "a fresh nonce every time"
    with pytest.raises(SealingError, match="another field"):
        sealing.unseal(sealed, "discipline.reason")


def test_deterministic_sealing_gives_the_same_text_for_the_same_value(key_file):
    one = sealing.seal('{"a":1}', "roster.row", deterministic=True)
    assert one == sealing.seal('{"a":1}', "roster.row", deterministic=True)
    assert one != sealing.seal('{"a":2}', "roster.row", deterministic=True)
    assert sealing.unseal(one, "roster.row") == '{"a":1}'


def test_an_altered_value_does_not_open(key_file):
    sealed = sealing.seal("Khiển trách vì vi phạm quy chế", "discipline.reason")
    raw = bytearray(base64.b64decode(sealed.rsplit(":", 1)[1]))
    raw[-1] ^= 1
    altered = sealed.rsplit(":", 1)[0] + ":" + base64.b64encode(bytes(raw)).decode()
    with pytest.raises(SealingError):
        sealing.unseal(altered, "discipline.reason")


def test_rotation_new_key_first_old_values_still_open(key_file, tmp_path, monkeypatch):
    old = sealing.seal("Tày", "cadre.ethnicity")
    rotated = tmp_path / "rotated.keys"
    rotated.write_text(f"k2 {base64.b64encode(os.urandom(32)).decode()}\n" + key_file.read_text())
    monkeypatch.setenv("C360_FIELD_KEY_FILE", str(rotated))
    assert sealing.unseal(old, "cadre.ethnicity") == "Tày"
    assert sealing.seal("Tày", "cadre.ethnicity").startswith(PREFIX + "k2:")
    dropped = tmp_path / "dropped.keys"  # after the reseal, the old key dropped
    dropped.write_text(rotated.read_text().splitlines()[0] + "\n")
    monkeypatch.setenv("C360_FIELD_KEY_FILE", str(dropped))
    with pytest.raises(SealingError, match="no longer holds"):
        sealing.unseal(old, "cadre.ethnicity")


@pytest.mark.parametrize("content", ["", "k1 not-base64!\n", f"k1 {base64.b64encode(b'short').decode()}\n",
                                     f"a:b {base64.b64encode(os.urandom(32)).decode()}\n"])
def test_a_bad_key_file_is_refused_with_its_line(tmp_path, content):
    path = tmp_path / "bad.keys"
    path.write_text(content)
    with pytest.raises(SealingError):
        Keyring.from_file(str(path))


def test_without_a_key_values_stay_in_clear_and_clear_values_read_as_they_are(monkeypatch):
    monkeypatch.delenv("C360_FIELD_KEY_FILE", raising=False)
    assert sealing.seal("Kinh", "cadre.ethnicity") == "Kinh"
    assert sealing.unseal("Kinh", "cadre.ethnicity") == "Kinh"


class Person(Document):
    meta = {"collection": "people"}
    ethnicity = SealedStringField(null=True, max_length=10, seal_as="cadre.ethnicity")


def test_the_field_stores_sealed_and_reads_clear_and_refuses_filters(key_file):
    person = Person(ethnicity="Ê Đê")
    person.validate()
    stored = person.to_mongo()["ethnicity"]
    assert stored.startswith(PREFIX) and "Ê Đê" not in stored
    assert Person._from_son({"_id": "x", "ethnicity": stored}).ethnicity == "Ê Đê"
    assert Person._fields["ethnicity"].prepare_query_value("set", "Mường").startswith(PREFIX)
    with pytest.raises(SealingError, match="cannot be filtered"):
        Person._fields["ethnicity"].prepare_query_value(None, "Mường")
