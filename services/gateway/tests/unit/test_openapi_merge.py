from gateway.domain.openapi_merge import merge_specs, operations

GATEWAY = {"openapi": "3.0.3", "info": {"title": "gw", "version": "v1"},
           "paths": {"/api/v1/auth/token": {"post": {"tags": ["auth"], "summary": "Đăng nhập"}}},
           "components": {"schemas": {"Error": {"type": "object", "properties": {"code": {"type": "string"}}}}},
           "tags": [{"name": "auth"}]}
EVALUATION = {"paths": {
    "/api/v1/cadres": {"get": {"tags": ["registry"], "responses": {"200": {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}}}},
    "/api/v1/internal/rebuild": {"post": {}}},
    "components": {"schemas": {"Error": {"type": "object", "properties": {"msg": {"type": "string"}}},
                               "CadreOut": {"type": "object"}}},
    "tags": [{"name": "registry"}]}


def owner(path):
    return "evaluation" if path.startswith("/api/v1/cadres") else None


def test_routed_paths_are_merged_unrouted_ones_are_not():
    merged = merge_specs(GATEWAY, {"evaluation": EVALUATION, "survey": None}, owner)
    assert set(merged["paths"]) == {"/api/v1/auth/token", "/api/v1/cadres"}
    assert merged["x-unavailable-services"] == ["survey"]
    assert {t["name"] for t in merged["tags"]} == {"auth", "registry"}


def test_clashing_schema_names_are_renamed_and_refs_follow():
    merged = merge_specs(GATEWAY, {"evaluation": EVALUATION}, owner)
    schemas = merged["components"]["schemas"]
    assert schemas["Error"] == GATEWAY["components"]["schemas"]["Error"]
    assert "msg" in schemas["EvaluationError"]["properties"]
    ref = merged["paths"]["/api/v1/cadres"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ref == {"$ref": "#/components/schemas/EvaluationError"}
    assert "CadreOut" in schemas


def test_merge_leaves_the_inputs_untouched():
    merge_specs(GATEWAY, {"evaluation": EVALUATION}, owner)
    assert set(GATEWAY["paths"]) == {"/api/v1/auth/token"}


def test_operations_listing():
    rows = operations(merge_specs(GATEWAY, {"evaluation": EVALUATION}, owner))
    assert [(r["method"], r["path"]) for r in rows] == [("POST", "/api/v1/auth/token"), ("GET", "/api/v1/cadres")]
