"""Vietnamese names searchable with or without diacritics ("Nguyễn Thị Hồng" ~ "nguyen thi hong")."""
from __future__ import annotations

import re
import unicodedata

# đ/Đ is a letter of its own, not d plus a mark, so decomposition alone keeps it.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without diacritics, single-spaced: the stored search key of a name."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def clean_name(text: str) -> str:
    """A name as people write it: composed characters (NFC), single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
