"""A receipt's rating link (its QR code) is a bearer credential for one dossier: it must not be written
in the access log of the gateway's gunicorn (production's log format, tests/support/platform.py) while
a phone opens it and the citizen answers."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.e2e


def _screen(driver, name: str) -> None:
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-screen") == name)


def test_the_receipt_token_never_reaches_the_access_log(stack, registry, browser, screenshot):
    unit = registry.unit("Xã Tân Lập")
    cadre = registry.cadre(unit["id"], "Lò Thị Mai")
    link = registry.admin.post(stack.url() + "/api/v1/receipt-links", timeout=30,
                               json={"cadre_id": cadre["id"], "dossier_code": "000.00.12.H12-261207-0518"}).json()
    token = link["token"]
    log = stack.infra.logs / "gateway.log"
    already = log.stat().st_size

    browser.set_window_size(412, 915)  # a phone
    browser.get(link["url"])
    _screen(browser, "faces")
    assert "Lò Thị Mai" in browser.find_element(By.ID, "official-named").text  # the page read its token
    screenshot(browser, "receipt-link-phone-no-token-in-logs")
    browser.find_element(By.CSS_SELECTOR, ".face[data-overall='satisfied']").click()
    _screen(browser, "details")
    browser.find_element(By.ID, "submit-answer").click()
    _screen(browser, "thanks")  # the answer was posted with the token

    with log.open(errors="replace") as lines:
        lines.seek(already)
        visit = lines.read()
    assert '"GET /kiosk HTTP/1.1" 200' in visit and '"POST /api/v1/kiosk/responses HTTP/1.1" 201' in visit
    for part in (token, token.rsplit(".", 1)[-1], token.split(".")[1]):  # whole, signature, claims
        assert part not in visit
