"""How values read in the web UI: dates dd/mm/yyyy, times in Vietnam (UTC+7), bilingual messages."""
from __future__ import annotations

from datetime import date, datetime

from cadre_shared.clock import in_vietnam


def _parse(value) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def vn_date(value) -> str:
    """``2026-03-05`` (or a datetime) → ``05/03/2026``; datetimes are shown on Vietnam's calendar."""
    parsed = _parse(value)
    if parsed is None:
        return ""
    if isinstance(parsed, datetime):
        parsed = in_vietnam(parsed).date()
    return parsed.strftime("%d/%m/%Y")


def vn_datetime(value) -> str:
    """A UTC moment → ``05/03/2026 14:07`` in Vietnam time."""
    parsed = _parse(value)
    if parsed is None:
        return ""
    if not isinstance(parsed, datetime):
        return vn_date(parsed)
    moment = in_vietnam(parsed)
    return moment.strftime("%d/%m/%Y %H:%M")


def parse_vn_date(text: str | None) -> date | None:
    """``05/03/2026`` (or ISO ``2026-03-05``, as a date input sends it) → a date; None when empty or invalid."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def in_language(message: str | None, lang: str) -> str:
    """Messages of the API read "Tiếng Việt / English": keep the half of the chosen language."""
    if not message:
        return ""
    vi, sep, en = message.partition(" / ")
    if not sep:
        return message
    return en.strip() if lang == "en" else vi.strip()
