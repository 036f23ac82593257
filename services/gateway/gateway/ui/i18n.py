"""Interface language: Vietnamese (the source text) with an English catalogue. Templates pass the
Vietnamese text itself to ``_``; a text missing from the catalogue stays Vietnamese (a test lists
every text the templates use and checks each has its English)."""
from __future__ import annotations

from flask import g

from ..domain.accounts import ROLE_LABELS
from .catalogue import ENGLISH
from .formatting import in_language


def translate(text: str, lang: str) -> str:
    return ENGLISH.get(text, text) if lang == "en" else text


def gettext(text: str, **values) -> str:
    translated = translate(text, g.get("lang", "vi"))
    return translated.format(**values) if values else translated


def in_current_language(message: str | None) -> str:
    return in_language(message, g.get("lang", "vi"))


def role_label(role: str | None) -> str:
    return in_current_language(ROLE_LABELS.get(role or "", role or ""))


OUTCOME_LABELS = {"success": "Thành công", "rejected": "Bị từ chối", "denied": "Không có quyền",
                  "throttled": "Bị chặn tạm thời", "error": "Lỗi hệ thống"}


def outcome_options() -> list[tuple[str, str]]:
    return [(code, gettext(text)) for code, text in OUTCOME_LABELS.items()]
