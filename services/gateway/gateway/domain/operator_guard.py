"""Refusing NoSQL query operators before they reach any service: no key of a JSON body and no
query-string name may look like an operator (``$gt``, ``unit_id[$ne]``). No legitimate payload
of Cadre360 has such keys — the store does not even accept keys starting with ``$``."""
from __future__ import annotations

MESSAGE = "Không chấp nhận toán tử truy vấn / query operators are not accepted"


def operator_paths(value, path: str = "") -> list[str]:
    """Where, in a decoded JSON value, an object key starts with ``$``."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if str(key).startswith("$"):
                found.append(path or str(key))
            found.extend(operator_paths(item, here))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(operator_paths(item, f"{path}.{index}" if path else str(index)))
    return found


def operator_query_names(names) -> list[str]:
    """Query-string names carrying an operator or a bracket (``a[$gt]``, ``$where``)."""
    return [name for name in names if "$" in name or "[" in name or "]" in name]
