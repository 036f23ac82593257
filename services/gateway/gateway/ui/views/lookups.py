"""Reference data the registry pages show by name: vocabularies, units, positions (per request)."""
from __future__ import annotations

from flask import g

from ..api_client import fetch_optional
from ..i18n import in_current_language


def vocabularies() -> dict[str, list[dict]]:
    if "vocabularies" not in g:
        g.vocabularies = fetch_optional("/api/v1/standards/vocabularies") or {}
    return g.vocabularies


def options(name: str) -> list[tuple[str, str]]:
    """(code, label in the current language) of one vocabulary or scale."""
    return [(item["code"], in_current_language(item["label"])) for item in vocabularies().get(name, [])]


def label(name: str, code: str | None) -> str:
    if not code:
        return ""
    return dict(options(name)).get(code, code)


def units() -> list[dict]:
    if "units" not in g:
        g.units = fetch_optional("/api/v1/units") or []
    return g.units


def unit_names() -> dict[str, str]:
    return {u["id"]: u["name"] for u in units()}


def unit_options() -> list[tuple[str, str]]:
    return [(u["id"], f'{u["name"]} ({u["code"]})') for u in units() if u.get("kind") != "province"]


def positions() -> list[dict]:
    if "positions" not in g:
        g.positions = fetch_optional("/api/v1/positions") or []
    return g.positions


def position_titles() -> dict[str, str]:
    return {p["id"]: p["title"] for p in positions()}


def position_options() -> list[tuple[str, str]]:
    return [(p["id"], f'{p["title"]} ({p["code"]})') for p in positions()]
