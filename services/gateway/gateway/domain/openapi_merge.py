"""One OpenAPI document for the public API: the gateway's own spec plus, from each service's
spec, the paths the gateway routes to that service (schemas renamed on a name clash)."""
from __future__ import annotations

import copy
from typing import Callable

REF_PREFIX = "#/components/schemas/"


def _rewrite_refs(node, renames: dict[str, str]):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                name = value[len(REF_PREFIX):]
                out[key] = REF_PREFIX + renames.get(name, name)
            else:
                out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def merge_specs(gateway_spec: dict, service_specs: dict[str, dict | None],
                owner_of: Callable[[str], str | None], title: str = "Cadre360 API") -> dict:
    """``service_specs`` maps a service name to its spec (None when it could not be fetched);
    ``owner_of(path)`` names the service the gateway routes a path to (None: not routed)."""
    merged = copy.deepcopy(gateway_spec)
    merged.setdefault("info", {})["title"] = title
    merged["info"]["description"] = ("API công khai của Cadre360, qua cổng /api/v1 / Cadre360 public API. "
                                     "Xác thực bằng mã Bearer từ POST /api/v1/auth/token.")
    paths = merged.setdefault("paths", {})
    schemas = merged.setdefault("components", {}).setdefault("schemas", {})
    tags = {tag["name"]: tag for tag in merged.get("tags", [])}
    unavailable = []
    for service, spec in sorted(service_specs.items()):
        if not spec:
            unavailable.append(service)
            continue
        renames: dict[str, str] = {}
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            if name in schemas and schemas[name] != schema:
                renames[name] = f"{service.capitalize()}{name}"
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            schemas[renames.get(name, name)] = _rewrite_refs(schema, renames)
        for path, item in spec.get("paths", {}).items():
            if owner_of(path) == service and path not in paths:
                paths[path] = _rewrite_refs(item, renames)
        for tag in spec.get("tags", []):
            tags.setdefault(tag["name"], tag)
        for name, response in spec.get("components", {}).get("responses", {}).items():
            merged["components"].setdefault("responses", {}).setdefault(name, _rewrite_refs(response, renames))
    merged["tags"] = sorted(tags.values(), key=lambda t: t["name"])
    merged["paths"] = dict(sorted(paths.items()))
    if unavailable:
        merged["x-unavailable-services"] = unavailable
    return merged


def operations(spec: dict) -> list[dict]:
    """A flat, sorted listing for the browsable page: tag, method, path, summary, parameters, codes."""
    rows = []
    for path, item in spec.get("paths", {}).items():
        shared_params = item.get("parameters", [])
        for method in ("get", "post", "put", "patch", "delete"):
            op = item.get(method)
            if not op:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            rows.append({
                "tag": (op.get("tags") or ["—"])[0],
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary") or op.get("description") or "",
                "parameters": [{"name": p.get("name"), "in": p.get("in"), "required": bool(p.get("required"))}
                               for p in shared_params + op.get("parameters", []) if "name" in p],
                "body": body.get("$ref", "")[len(REF_PREFIX):] if "$ref" in body else "",
                "responses": sorted(op.get("responses", {}).keys()),
            })
    rows.sort(key=lambda r: (r["tag"], r["path"], r["method"]))
    return rows
