"""From an HTML form to an API payload: typed values, dates typed dd/mm/yyyy, and field
messages for what cannot even be sent (the service validates the rest and names its fields)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .formatting import parse_vn_date

NOT_INTEGER = "Phải là số nguyên / must be a whole number"
NOT_NUMBER = "Phải là một số, ví dụ 1,5 / must be a number, e.g. 1.5"
NOT_DATE = "Ngày theo dạng dd/mm/yyyy / date as dd/mm/yyyy"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text | int | number (decimal comma or point) | date | bool | list
    nullable: bool = False  # an emptied field is sent as null (edits), instead of being left out


def to_payload(form, fields: list[Field]) -> tuple[dict, dict]:
    """(payload, errors): empty inputs are left out (or null when ``nullable``), checkboxes are booleans."""
    payload: dict = {}
    errors: dict = {}
    for f in fields:
        if f.kind == "bool":
            payload[f.name] = form.get(f.name) in ("1", "on", "true")
            continue
        if f.kind == "list":
            payload[f.name] = [v for v in form.getlist(f.name) if v]
            continue
        raw = (form.get(f.name) or "").strip()
        if not raw:
            if f.nullable:
                payload[f.name] = None
            continue
        if f.kind == "int":
            try:
                payload[f.name] = int(raw)
            except ValueError:
                errors[f.name] = [NOT_INTEGER]
        elif f.kind == "number":
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                number = math.nan
            if math.isfinite(number):
                payload[f.name] = number
            else:
                errors[f.name] = [NOT_NUMBER]
        elif f.kind == "date":
            day = parse_vn_date(raw)
            if day is None:
                errors[f.name] = [NOT_DATE]
            else:
                payload[f.name] = day.isoformat()
        else:
            payload[f.name] = raw
    return payload, errors


def flat_errors(fields: dict | None) -> dict:
    """Service field messages → {field: [messages]}; nested ones (list items) are shown on their parent."""
    out: dict = {}
    for name, messages in (fields or {}).items():
        if isinstance(messages, dict):
            texts = [m for value in messages.values() for m in (value if isinstance(value, list) else [str(value)])]
            out[name] = [str(t) for t in texts if isinstance(t, str)] or ["Giá trị không hợp lệ / invalid value"]
        elif isinstance(messages, list):
            out[name] = [str(m) for m in messages]
        else:
            out[name] = [str(messages)]
    return out
