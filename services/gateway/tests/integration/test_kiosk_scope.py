"""Kiosk administration has one scoping rule whichever way it is reached: a province administrator
manages every unit's kiosks, a unit's HR only their own unit's — the public API and the web page
refuse the same out-of-scope request (a real HTTP server stands in for the registry)."""
from __future__ import annotations

import json
import re
import threading

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from support.platform import free_port

from .conftest import ADMIN_PASSWORD, bearer, make_gateway

pytestmark = pytest.mark.integration
UNITS = {"unit-a": "Xã Thanh Bình", "unit-b": "Phường Đông Hải"}
HR_PASSWORD = "Kiểm-tra-2026"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
OTHER_UNIT = "Chỉ quản lý ki-ốt của đơn vị mình"


@Request.application
def registry(request: Request) -> Response:
    if request.path == "/api/v1/units":
        body = [{"id": i, "code": i.upper(), "name": n, "kind": "commune"} for i, n in UNITS.items()]
        return Response(json.dumps(body), mimetype="application/json")
    unit_id = request.path.removeprefix("/api/v1/units/")
    if unit_id in UNITS:
        return Response(json.dumps({"id": unit_id, "name": UNITS[unit_id]}), mimetype="application/json")
    return Response(json.dumps({"error": {"code": "not_found", "message": "Không tìm thấy"}}), status=404,
                    mimetype="application/json")


@pytest.fixture(scope="module")
def gateway_app(infra, tmp_path_factory):
    port = free_port()
    server = make_server("127.0.0.1", port, registry, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield make_gateway(infra, tmp_path_factory.mktemp("keys"), EVALUATION_URL=f"http://127.0.0.1:{port}")
    server.shutdown()


@pytest.fixture(scope="module")
def hr(gateway_app):
    """A unit HR account of unit A, created by the administrator."""
    client = gateway_app.test_client()
    reply = client.post("/api/v1/users", headers=bearer(client), json={
        "username": "hr.thanhbinh", "password": HR_PASSWORD, "role": "unit_hr", "unit_id": "unit-a"})
    assert reply.status_code == 201, reply.get_json()
    return "hr.thanhbinh"


def on_the_api(app, username, password):
    client = app.test_client()
    headers = bearer(client, username, password)
    return lambda method, path, **kw: client.open(path, method=method, headers=headers, **kw)


def on_the_web(app, username, password):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    signed_in = client.post("/login", data={"csrf_token": CSRF.search(page).group(1), "username": username,
                                            "password": password})
    assert signed_in.status_code == 302
    token = CSRF.search(client.get("/kiosks").get_data(as_text=True)).group(1)
    return lambda path, **form: client.post(path, data={"csrf_token": token, **form})


def kiosks_of(app, unit_id):
    from gateway.models.kiosk import Kiosk

    with app.app_context():
        return [k.name for k in Kiosk.objects(unit_id=unit_id)]


def test_api_and_web_refuse_a_unit_hr_enrolling_for_another_unit(gateway_app, hr):
    api, web = on_the_api(gateway_app, hr, HR_PASSWORD), on_the_web(gateway_app, hr, HR_PASSWORD)
    by_api = api("POST", "/api/v1/kiosks", json={"unit_id": "unit-b", "name": "Quầy lạ"})
    by_web = web("/kiosks", unit_id="unit-b", name="Quầy lạ")
    assert by_api.status_code == 403 and OTHER_UNIT in by_api.get_json()["error"]["message"]
    assert by_web.status_code == 403 and OTHER_UNIT in by_web.get_data(as_text=True)
    assert "Quầy lạ" not in kiosks_of(gateway_app, "unit-b")


def test_a_unit_hr_enrols_for_their_own_unit_on_either_path(gateway_app, hr):
    api, web = on_the_api(gateway_app, hr, HR_PASSWORD), on_the_web(gateway_app, hr, HR_PASSWORD)
    by_api = api("POST", "/api/v1/kiosks", json={"unit_id": "unit-a", "name": "Quầy 1"})
    by_web = web("/kiosks", unit_id="unit-a", name="Quầy 2")
    assert by_api.status_code == 201 and by_api.get_json()["token"].startswith("kiosk_")
    assert by_web.status_code == 200 and 'id="kiosk-token">kiosk_' in by_web.get_data(as_text=True)
    assert {"Quầy 1", "Quầy 2"} <= set(kiosks_of(gateway_app, "unit-a"))


def test_the_province_administrator_enrols_for_any_unit(gateway_app):
    api, web = on_the_api(gateway_app, "admin", ADMIN_PASSWORD), on_the_web(gateway_app, "admin", ADMIN_PASSWORD)
    assert api("POST", "/api/v1/kiosks", json={"unit_id": "unit-b", "name": "Quầy B1"}).status_code == 201
    assert web("/kiosks", unit_id="unit-b", name="Quầy B2").status_code == 200
    unknown = api("POST", "/api/v1/kiosks", json={"unit_id": "unit-z", "name": "Quầy Z"})
    assert unknown.status_code == 422 and "unit_id" in unknown.get_json()["error"]["fields"]
    assert web("/kiosks", unit_id="unit-z", name="Quầy Z").status_code == 422
    assert {"Quầy B1", "Quầy B2"} <= set(kiosks_of(gateway_app, "unit-b"))
    assert "Quầy Z" not in kiosks_of(gateway_app, "unit-z")


def test_another_units_kiosks_are_neither_listed_nor_revoked_for_a_unit_hr(gateway_app, hr):
    admin = on_the_api(gateway_app, "admin", ADMIN_PASSWORD)
    theirs = admin("POST", "/api/v1/kiosks", json={"unit_id": "unit-b", "name": "Quầy B3"}).get_json()["id"]
    api, web = on_the_api(gateway_app, hr, HR_PASSWORD), on_the_web(gateway_app, hr, HR_PASSWORD)
    assert api("POST", f"/api/v1/kiosks/{theirs}/revoke").status_code == 404
    assert web(f"/kiosks/{theirs}/revoke").status_code == 404
    assert api("GET", "/api/v1/kiosks", query_string={"unit_id": "unit-b"}).status_code == 404
    listed = api("GET", "/api/v1/kiosks").get_json()
    assert listed and {k["unit_id"] for k in listed} == {"unit-a"}
    still = admin("GET", "/api/v1/kiosks", query_string={"unit_id": "unit-b"}).get_json()
    assert theirs in {k["id"] for k in still if k["active"]}
