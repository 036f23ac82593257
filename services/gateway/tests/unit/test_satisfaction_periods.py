"""Period codes of the API (2026-Q4, 2026-11) are shown to people as words, in their language."""
import pytest
from flask import Flask, g

from gateway.ui import i18n
from gateway.ui.views.satisfaction import period_label, period_options


@pytest.fixture(scope="module")
def app():
    ui = Flask("gateway")  # the package's root path: the app reads gateway/translations
    i18n.init_app(ui)
    return ui


def test_quarters_and_months_read_as_words(app):
    with app.test_request_context():
        assert period_label("2026-Q4") == "Quý 4/2026"
        assert period_label("2026-03") == "Tháng 03/2026"
    with app.test_request_context():
        g.lang = "en"
        assert period_label("2026-Q1") == "Quarter 1/2026"
        assert period_label("2025-12") == "Month 12/2025"


def test_an_unknown_code_is_shown_as_it_is(app):
    with app.test_request_context():
        for code in ("2026-Q5", "2026-13", "năm 2026", ""):
            assert period_label(code) == code


def test_the_choices_are_eight_quarters_then_twelve_months_each_with_its_words(app):
    with app.test_request_context():
        options = period_options()
        assert all(period_label(code) == label for code, label in options)
    assert len(options) == 20
    assert all(code[5] == "Q" and label.startswith("Quý ") for code, label in options[:8])
    assert all(code[5] != "Q" and label.startswith("Tháng ") for code, label in options[8:])
