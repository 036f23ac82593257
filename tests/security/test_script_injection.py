"""Script typed into any text field is shown as text, never run (server-side escaping and a
Content-Security-Policy without inline script)."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from support.browser import sign_in
from support.world import unique

pytestmark = pytest.mark.e2e
PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
SHORT = "<script>window.__xss = 3</script>"


def test_script_in_names_is_displayed_not_executed(browser, screenshot, stack, registry):
    unit = registry.unit("Xã " + PAYLOAD)
    cadre = registry.cadre(unit["id"], "Nguyễn " + PAYLOAD, ethnicity=SHORT)
    registry.admin.post(stack.url() + "/api/v1/users", timeout=30, json={
        "username": unique("xss").lower(), "password": "Rừng-thông-2026!", "role": "auditor",
        "full_name": PAYLOAD})
    sign_in(browser, stack.url(), "admin", stack.admin_password)
    for page in (f"/cadres/{cadre['id']}", f"/cadres?q=nguyen", f"/units/{unit['id']}", "/units", "/users",
                 f"/gaps?unit_id={unit['id']}", f"/cadres/{cadre['id']}/edit"):
        browser.get(stack.url() + page)
        assert browser.execute_script("return window.__xss === undefined"), page
        assert "<script>window.__xss = 1</script>" in browser.find_element(By.TAG_NAME, "body").text, page
    screenshot(browser, "16_van_ban_co_ma_script")


def test_html_pages_carry_a_strict_content_security_policy(stack):
    reply = stack.session().get(stack.url() + "/login", timeout=30)
    policy = reply.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_api_answers_are_json_never_html(stack):
    reply = stack.session().get(stack.url() + "/api/v1/cadres", params={"q": "<script>"}, timeout=30)
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
