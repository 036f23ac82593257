"""The evaluation service's settings: read once when the app is made, from the app's config (what
a test passes), else ``C360_EVALUATION_*``, else the defaults; a malformed one stops the start."""
from fractions import Fraction

import pytest

from evaluation import create_app

NO_STORE = {"MONGO_URI": "mongodb://127.0.0.1:1/settings_test", "JWT_PUBLIC_KEY": "unused"}


def test_defaults_are_the_laws_and_the_import_limit(monkeypatch):
    monkeypatch.delenv("C360_EVALUATION_EXCELLENT_RATIO", raising=False)
    monkeypatch.delenv("C360_EVALUATION_IMPORT_MAX_ROWS", raising=False)
    config = create_app(NO_STORE).config
    assert (config["EVALUATION_EXCELLENT_RATIO"], config["EVALUATION_IMPORT_MAX_ROWS"]) == (Fraction(1, 5), 10_000)


def test_the_environment_then_a_tests_config_override_them(monkeypatch):
    monkeypatch.setenv("C360_EVALUATION_EXCELLENT_RATIO", "0.25")
    monkeypatch.setenv("C360_EVALUATION_IMPORT_MAX_ROWS", "500")
    from_env = create_app(NO_STORE).config
    assert (from_env["EVALUATION_EXCELLENT_RATIO"], from_env["EVALUATION_IMPORT_MAX_ROWS"]) == (Fraction(1, 4), 500)
    given = create_app({**NO_STORE, "EVALUATION_IMPORT_MAX_ROWS": "3"}).config
    assert given["EVALUATION_IMPORT_MAX_ROWS"] == 3


def test_a_malformed_setting_stops_the_start(monkeypatch):
    monkeypatch.setenv("C360_EVALUATION_IMPORT_MAX_ROWS", "many")
    with pytest.raises(ValueError):
        create_app(NO_STORE)
