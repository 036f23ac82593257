"""Reading the cells of spreadsheets people fill in by hand: Vietnamese text with or without
diacritics, dates ("15/03/2024", "2024-03-15" or a date cell) and yes/no words. One reader for
every upload (the cadre list, course results), so a fix reaches them all; what a column means
(its headers, its scale, its yes/no words) stays with the service that reads it.

Pure: a cell comes in as str, int, float, bool, date, datetime or None.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import date, datetime

# đ/Đ is a letter of its own, not d plus a mark, so decomposition alone keeps it.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # dd/mm/yyyy, also with . or -
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class CellError(ValueError):
    """A cell's value cannot be read; the message says why, in Vietnamese / English."""


def fold(text: str) -> str:
    """Lower case, without diacritics, single-spaced ("Đặng Thị Lệ" → "dang thi le"): for matching
    headers and words however they are typed. Evaluation also stores it as the search key of cadre
    names, so a change here means recomputing those keys."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def text_of(raw) -> str | None:
    """The cell as text without surrounding spaces; None when empty. A whole number the spreadsheet
    keeps as a float (a code typed as 123) reads "123", not "123.0"."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return text or None


def parse_date(raw) -> date | None:
    """dd/mm/yyyy (also with . or -), ISO yyyy-mm-dd, or a spreadsheet date cell; None when empty."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = text_of(raw)
    if text is None:
        return None
    dmy, iso = DAY_MONTH_YEAR.match(text), _ISO_DATE.match(text)
    try:
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        pass  # no such day (31/02)
    raise CellError("Ngày không hợp lệ, cần dạng dd/mm/yyyy / invalid date, expected dd/mm/yyyy")


def parse_yes_no(raw, *, yes: Collection[str], no: Collection[str], message: str) -> bool | None:
    """A spreadsheet TRUE/FALSE cell, or a word of ``yes`` or ``no`` (folded: "co", "khong dat");
    None when empty. Each column says which words it takes and, in ``message``, how to write it."""
    if isinstance(raw, bool):
        return raw
    text = text_of(raw)
    if text is None:
        return None
    folded = fold(text)
    if folded in yes:
        return True
    if folded in no:
        return False
    raise CellError(message)
