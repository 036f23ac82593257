"""Vietnamese names searchable with or without diacritics ("Nguyễn Thị Hồng" ~ "nguyen thi hong")."""
from __future__ import annotations

import re
import unicodedata

from cadre_shared.sheet_cells import fold  # noqa: F401  (the stored search key of a name: name_folded)

_SPACES = re.compile(r"\s+")


def clean_name(text: str) -> str:
    """A name as people write it: composed characters (NFC), single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
