"""The evaluation service's settings: read once when the app is made, from the app's config (what
a test passes), else ``C360_EVALUATION_*``, else the defaults; a malformed one stops the start."""
from fractions import Fraction

import mongoengine
import pytest
from flask import Flask

from evaluation import create_app
from evaluation.common import settings


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("C360_EVALUATION_EXCELLENT_RATIO", "C360_EVALUATION_IMPORT_MAX_ROWS",
                 "C360_EVALUATION_REPORT_DEDUCTION"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _read(config: dict | None = None) -> dict:
    app = Flask(__name__)
    app.config.update(config or {})
    settings.init_app(app)
    return {key: app.config[key] for key in settings.DEFAULTS}


def test_defaults_are_the_laws_ratio_the_import_limit_and_the_report_deduction(clean_env):
    assert _read() == {"EVALUATION_EXCELLENT_RATIO": Fraction(1, 5), "EVALUATION_IMPORT_MAX_ROWS": 10_000,
                       "EVALUATION_REPORT_DEDUCTION": 2.0}


def test_the_environment_then_a_tests_config_override_them(clean_env):
    clean_env.setenv("C360_EVALUATION_EXCELLENT_RATIO", "0.25")
    clean_env.setenv("C360_EVALUATION_IMPORT_MAX_ROWS", "500")
    clean_env.setenv("C360_EVALUATION_REPORT_DEDUCTION", "1.5")
    assert _read() == {"EVALUATION_EXCELLENT_RATIO": Fraction(1, 4), "EVALUATION_IMPORT_MAX_ROWS": 500,
                       "EVALUATION_REPORT_DEDUCTION": 1.5}
    assert settings.report_deduction() == 1.5  # where no app runs (a consumer worker)
    assert _read({"EVALUATION_IMPORT_MAX_ROWS": "3"})["EVALUATION_IMPORT_MAX_ROWS"] == 3


def test_a_malformed_setting_stops_the_start(clean_env):
    clean_env.setenv("C360_EVALUATION_IMPORT_MAX_ROWS", "many")
    with pytest.raises(ValueError):
        _read()


def test_the_app_reads_them_when_it_is_made(clean_env):
    app = create_app({"MONGO_URI": "mongodb://127.0.0.1:1/settings_test", "JWT_PUBLIC_KEY": "unused",
                      "EVALUATION_EXCELLENT_RATIO": "1/10"})
    mongoengine.disconnect()  # leave no default connection to a store that does not exist
    assert app.config["EVALUATION_EXCELLENT_RATIO"] == Fraction(1, 10)


def test_a_worker_without_an_app_reads_the_environment(clean_env):
    clean_env.setenv("C360_EVALUATION_EXCELLENT_RATIO", "1/4")
    assert settings.excellent_ratio() == Fraction(1, 4)
    clean_env.delenv("C360_EVALUATION_EXCELLENT_RATIO")
    assert settings.excellent_ratio() == Fraction(1, 5)
