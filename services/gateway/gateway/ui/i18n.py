"""Interface language: Vietnamese is the source text (each message's msgid), English comes from
the gettext catalogue ``translations/en/LC_MESSAGES/messages.po`` through Flask-Babel. Templates
and views pass the Vietnamese text itself to ``_``; a text with no English entry stays Vietnamese,
and a unit test fails on it (tests/unit/test_catalogue.py)."""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import Babel
from flask_babel import gettext as translated

from ..domain.accounts import ROLE_LABELS
from .formatting import in_language

babel = Babel(configure_jinja=False)  # the templates' ``_`` is ``gettext`` below, not Jinja's i18n extension


def N_(text: str) -> str:
    """Marks a text where a table defines it, so ``pybabel extract`` finds it; ``_`` translates
    it where it is shown."""
    return text


def gettext(text: str, **values) -> str:
    """``text`` in the reader's language, its ``{name}`` placeholders filled from ``values`` with
    ``str.format`` after translation, as templates write it: ``_("Trang {page}/{pages}", page=2, pages=5)``.
    (Flask-Babel's own gettext fills ``%(name)s`` placeholders and would leave ``{page}`` as it is.)"""
    text = translated(text)
    return text.format(**values) if values else text


def notice_of(notices: dict[str, str]) -> str | None:
    """The notice a redirect asked for (``?notice=created``) in the reader's language, when it is one of ``notices``."""
    key = request.args.get("notice", "")
    return gettext(notices[key]) if key in notices else None


def init_app(app: Flask) -> None:
    babel.init_app(app, default_locale="vi", locale_selector=lambda: g.get("lang", "vi"))


def in_current_language(message: str | None) -> str:
    return in_language(message, g.get("lang", "vi"))


def role_label(role: str | None) -> str:
    return in_current_language(ROLE_LABELS.get(role or "", role or ""))


OUTCOME_LABELS = {"success": N_("Thành công"), "rejected": N_("Bị từ chối"), "denied": N_("Không có quyền"),
                  "throttled": N_("Bị chặn tạm thời"), "error": N_("Lỗi hệ thống")}


def outcome_options() -> list[tuple[str, str]]:
    return [(code, gettext(text)) for code, text in OUTCOME_LABELS.items()]
