"""The UI's gettext catalogue outside a web request (the API, the mail relay): one translation
function per language, read once per process from the same files Flask-Babel reads."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from babel.support import Translations

DIRECTORY = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("vi", "en")


@functools.cache
def translator(lang: str) -> Callable[[str], str]:
    """``gettext`` of ``lang``; Vietnamese is the source text, so it is the text itself."""
    if lang not in LANGUAGES or lang == "vi":
        return lambda text: text
    return Translations.load(str(DIRECTORY), [lang]).gettext
