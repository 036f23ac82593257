"""The web UI's English catalogue (gettext, read by Flask-Babel) against the texts the templates
and views use, found by Babel's own extraction with the translator's configuration (babel.cfg)."""
import re
from gettext import GNUTranslations
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import Flask, g

from gateway.ui import i18n

SERVICE = Path(__file__).resolve().parents[2]
PO = SERVICE / "gateway" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"{(\w+)}")


def used_texts() -> dict[str, str]:
    """Each text the UI uses → the first file using it (what ``pybabel extract -F babel.cfg`` finds)."""
    with open(SERVICE / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    used: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(SERVICE), method_map, options_map):
        used.setdefault(message, f"{filename}:{line}")
    return used


def catalogue() -> dict[str, object]:
    with open(PO, "rb") as po:
        return {m.id: m for m in read_po(po, locale="en") if m.id}


def test_every_text_the_ui_uses_has_an_english_entry():
    entries = catalogue()
    missing = [f"{where}: {text}" for text, where in sorted(used_texts().items()) if text not in entries]
    assert missing == [], "no English entry (run pybabel update, see README) for:\n" + "\n".join(missing)


def test_no_entry_is_left_empty_or_fuzzy():
    unfinished = [m.id for m in catalogue().values() if not m.string or m.fuzzy]
    assert unfinished == [], "translate (and unmark fuzzy):\n" + "\n".join(unfinished)


def test_the_catalogue_holds_no_text_the_ui_no_longer_uses():
    stale = sorted(set(catalogue()) - set(used_texts()))
    assert stale == [], "entries nothing uses (pybabel update marks them obsolete):\n" + "\n".join(stale)


def test_the_compiled_catalogue_is_the_po_compiled():
    with open(PO.with_suffix(".mo"), "rb") as mo:
        compiled = {k: v for k, v in GNUTranslations(mo)._catalog.items() if k}
    assert compiled == {text: m.string for text, m in catalogue().items()}, \
        "messages.mo is stale: pybabel compile -d gateway/translations"


def test_placeholders_survive_translation():
    for text, message in catalogue().items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(message.string)), text


def test_vietnamese_texts_carry_their_diacritics():
    bare = [t for t in used_texts() if re.search(r"\b(Dang nhap|Can bo|Don vi|Tai khoan)\b", t)]
    assert bare == []


def test_named_values_fill_the_translated_text():
    app = Flask("gateway")  # the package's root path: the app reads gateway/translations
    i18n.init_app(app)
    for lang, expected in (("en", "Page 2 of 5"), ("vi", "Trang 2/5")):
        with app.test_request_context():
            g.lang = lang
            assert i18n.gettext("Trang {page}/{pages}", page=2, pages=5) == expected
            assert i18n.gettext("Trang chủ") == ("Home" if lang == "en" else "Trang chủ")
