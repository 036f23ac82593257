"""The course-result sheet's own cells (pass/fail, hours), names compared with their marks, and
months added to a date. Text, dates and yes/no words are read by ``cadre_shared.sheet_cells``."""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from cadre_shared.sheet_cells import CellError, parse_yes_no, text_of

_SPACES = re.compile(r"\s+")
_PASSED = {"co", "x", "yes", "true", "1", "dat", "passed", "pass", "y"}
_FAILED = {"khong", "khong dat", "no", "false", "0", "failed", "fail", "n", "chua dat"}


def same_name(written: str, registered: str) -> bool:
    """A name as the school wrote it matches the registry's: case and spacing aside, diacritics count
    (Vietnamese names differ by their marks: Lê ≠ Lệ)."""
    def key(text: str) -> str:
        return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return key(written) == key(registered)


def parse_passed(raw) -> bool | None:
    """Đạt / Không đạt (also Có / Không, pass / fail, x) in the result column."""
    return parse_yes_no(raw, yes=_PASSED, no=_FAILED,
                        message="Chỉ nhận Đạt/Có hoặc Không đạt/Không / expected Đạt/Có or Không đạt/Không")


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
