"""Reading spreadsheet cells: Vietnamese text with or without diacritics, dates, yes/no."""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime

# đ/Đ is a letter of its own, not d plus a mark, so decomposition alone keeps it.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YES = {"co", "x", "yes", "true", "1", "dat", "passed", "pass", "y"}
_NO = {"khong", "khong dat", "no", "false", "0", "failed", "fail", "n", "chua dat"}


class CellError(ValueError):
    """A cell's value cannot be read; the message says why, in Vietnamese / English."""


def fold(text: str) -> str:
    """Lower case, without diacritics, single-spaced (for matching headers and yes/no words)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def same_name(written: str, registered: str) -> bool:
    """A name as the school wrote it matches the registry's: case and spacing aside, diacritics count
    (Vietnamese names differ by their marks: Lê ≠ Lệ)."""
    def key(text: str) -> str:
        return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return key(written) == key(registered)


def text_of(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    return text or None


def parse_date(raw) -> date | None:
    """dd/mm/yyyy (also with . or -), ISO yyyy-mm-dd, or a spreadsheet date cell."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = text_of(raw)
    if text is None:
        return None
    dmy, iso = _DMY.match(text), _ISO.match(text)
    try:
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        pass
    raise CellError("Ngày không hợp lệ, cần dạng dd/mm/yyyy / invalid date, expected dd/mm/yyyy")


def parse_yes_no(raw) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = text_of(raw)
    if text is None:
        return None
    folded = fold(text)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError("Chỉ nhận Đạt/Có hoặc Không đạt/Không / expected Đạt/Có or Không đạt/Không")


def parse_hours(raw) -> float | None:
    if isinstance(raw, bool):
        raise CellError("Số giờ phải là số không âm / hours must be a non-negative number")
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = text_of(raw)
        if text is None:
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise CellError("Số giờ phải là số không âm / hours must be a non-negative number") from None
    if value != value or value < 0 or value > 5000:
        raise CellError("Số giờ phải là số từ 0 đến 5000 / hours must be between 0 and 5000")
    return value


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31/01 + 1 month = 28/02 or 29/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
