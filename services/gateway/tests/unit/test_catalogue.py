"""Every interface text has its English, and the English differs from the Vietnamese."""
import re
from pathlib import Path

from gateway.ui import ERROR_TEXT
from gateway.ui.catalogue import ENGLISH
from gateway.ui.i18n import OUTCOME_LABELS
from gateway.ui.views import cadres, positions, units, users
from gateway.ui.views.nav import NAV

PACKAGE = Path(__file__).resolve().parents[2] / "gateway"
CALL = re.compile(r"""\b_\(\s*(["'])(.+?)\1\s*[,)]""")


def interface_texts() -> set[str]:
    texts = set()
    for path in list((PACKAGE / "templates" / "ui").rglob("*.html")) + list((PACKAGE / "ui").rglob("*.py")):
        texts.update(match.group(2) for match in CALL.finditer(path.read_text()))
    texts.update(label for _, label, _, _ in NAV)
    texts.update(ERROR_TEXT.values(), OUTCOME_LABELS.values())
    for module in (cadres, positions, units, users):
        texts.update(module.NOTICES.values())
    return texts


def test_every_text_has_an_english_translation():
    missing = sorted(interface_texts() - set(ENGLISH))
    assert missing == [], "missing English for:\n" + "\n".join(missing)


def test_vietnamese_texts_carry_their_diacritics():
    bare = [t for t in interface_texts() if re.search(r"\b(Dang nhap|Can bo|Don vi|Tai khoan)\b", t)]
    assert bare == []


def test_placeholders_survive_translation():
    for vi, en in ENGLISH.items():
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), vi
