from gateway.domain.audit_naming import action_of, is_audited_write, outcome_of, target_of

UUID = "3f1c2a9e-8b7d-4c6e-9f00-1a2b3c4d5e6f"


def test_writes_under_the_api_are_audited_reads_are_not():
    assert is_audited_write("POST", "/api/v1/cadres")
    assert is_audited_write("patch", "/api/v1/cadres/x")
    assert not is_audited_write("GET", "/api/v1/cadres")
    assert not is_audited_write("POST", "/login")


def test_citizens_answers_are_their_own_record_refused_devices_are_audited():
    assert not is_audited_write("POST", "/api/v1/kiosk/responses", 201)
    assert not is_audited_write("POST", "/api/v1/kiosk/responses", 409)
    assert not is_audited_write("POST", "/api/v1/kiosk/responses", 429)
    assert is_audited_write("POST", "/api/v1/kiosk/responses", 401)
    assert not is_audited_write("GET", "/api/v1/kiosk/context", 401)
    assert is_audited_write("POST", "/api/v1/kiosks", 201)


def test_action_replaces_ids_target_keeps_them():
    assert action_of("POST", f"/api/v1/periods/{UUID}/close") == "POST /api/v1/periods/{id}/close"
    assert action_of("POST", "/api/v1/kiosk/responses") == "POST /api/v1/kiosk/responses"
    assert action_of("PATCH", "/api/v1/cadres/CB-2026-01") == "PATCH /api/v1/cadres/{id}"
    assert target_of(f"/api/v1/periods/{UUID}/close") == f"periods/{UUID}/close"


def test_target_of_a_create_names_what_was_created():
    assert target_of("/api/v1/cadres", UUID) == f"cadres/{UUID}"
    assert target_of(f"/api/v1/cadres/{UUID}", UUID) == f"cadres/{UUID}"


def test_outcomes_by_status():
    assert [outcome_of(s) for s in (200, 201, 204, 401, 403, 404, 409, 422, 429, 500, 503)] == [
        "success", "success", "success", "denied", "denied", "rejected", "rejected", "rejected", "throttled",
        "error", "error"]


def test_operator_keys_are_found_at_any_depth():
    from gateway.domain.operator_guard import operator_paths, operator_query_names

    assert operator_paths({"username": {"$gt": ""}, "password": "x"}) == ["username"]
    assert operator_paths({"tasks": [{"coefficient": 1}, {"cadre_id": {"$ne": None}}]}) == ["tasks.1.cadre_id"]
    assert operator_paths({"$where": "1"}) == ["$where"]
    assert operator_paths({"comment": "giá $5, {\"$gt\": 1}"}) == []
    assert operator_query_names(["unit_id[$ne]", "q", "$where", "page"]) == ["unit_id[$ne]", "$where"]
