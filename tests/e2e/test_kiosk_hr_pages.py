"""HR pages of citizen satisfaction in headless Chromium: a unit's index with its distribution,
trend and officials, an official's comments shown as text, the suspect queue where a decision
counts a held answer (and is audited), and the kiosk administration page."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from support.browser import follow, sign_in, text_of
from support.kiosks import answer, kiosk_headers, satisfaction, wait_until_kiosk_lists
from support.platform import eventually
from support.world import USER_PASSWORD, World
from survey.domain.periods import periods_of

pytestmark = pytest.mark.e2e


def minutes_ago(n: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(minutes=n)).isoformat()


@pytest.fixture(scope="module")
def place(stack):
    registry = World(stack)
    unit = registry.unit("Xã Đồng Tâm")
    an = registry.cadre(unit["id"], "Trương Thị Ngọc Ánh")
    bao = registry.cadre(unit["id"], "Lâm Quốc Bảo")
    base = stack.url()
    calm, busy = (registry.kiosk(unit["id"], name)["token"] for name in ("Quầy 1", "Quầy 2"))
    wait_until_kiosk_lists(base, calm, [an["id"], bao["id"]])

    def send(token, body):
        res = requests.post(base + "/api/v1/kiosk/responses", json=body, headers=kiosk_headers(token), timeout=30)
        assert res.status_code == 201, res.text
        return res.json()

    levels = ["very_satisfied", "very_satisfied", "satisfied", "satisfied", "satisfied", "dissatisfied"]
    for i, level in enumerate(levels):  # answers given over the last hour, one every ten minutes
        send(calm, answer(an["id"], level, answered_at=minutes_ago(60 - 10 * i),
                          comment="Phải chờ <b>rất lâu</b> & đi lại 2 lần" if level == "dissatisfied" else None))
    send(calm, answer(bao["id"], "satisfied", answered_at=minutes_ago(5)))
    statuses = [send(busy, answer(an["id"], "very_satisfied"))["status"] for _ in range(5)]
    assert statuses.count("suspect") == 2
    hr = registry.user("unit_hr", unit["id"])
    return {"registry": registry, "base": base, "unit": unit, "an": an, "bao": bao, "hr": hr}


def test_unit_overview_with_officials_and_charts(place, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], place["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Hài lòng của người dân"))
    page = text_of(browser)
    assert "Xã Đồng Tâm" in page and "Tỷ lệ hài lòng" in page
    assert re.fullmatch(r"Xã Đồng Tâm — Quý [1-4]/20\d\d", browser.find_element(By.CSS_SELECTOR, "main h2").text)
    officials = "div.table-wrap[aria-label='Theo cán bộ'] table.data tbody tr"  # not the charts' data tables
    rows = {r.find_element(By.TAG_NAME, "a").text: r.text for r in browser.find_elements(By.CSS_SELECTOR, officials)}
    assert "88.9%" in rows["Trương Thị Ngọc Ánh"]  # 9 counted: 5 very satisfied, 3 satisfied, 1 dissatisfied
    assert "Chưa đủ" in rows["Lâm Quốc Bảo"]  # a single answer is not a figure
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) >= 2
    screenshot(browser, "satisfaction-01-unit")
    assert_accessible(browser, "satisfaction of a unit")
    follow(browser, browser.find_element(By.LINK_TEXT, "Trương Thị Ngọc Ánh"))
    comment = browser.find_element(By.CSS_SELECTOR, "td.comment-text")
    assert comment.text == "Phải chờ <b>rất lâu</b> & đi lại 2 lần"  # shown as text, never as markup
    assert not browser.find_elements(By.CSS_SELECTOR, "td.comment-text b")
    screenshot(browser, "satisfaction-02-official")
    assert_accessible(browser, "satisfaction with an official")


def test_suspect_queue_decision_counts_the_answer(place, browser, screenshot, assert_accessible):
    registry, an = place["registry"], place["an"]
    period = periods_of(datetime.now(timezone.utc))[0]
    before = satisfaction(registry.admin, place["base"], an["id"], period)
    sign_in(browser, place["base"], place["hr"], USER_PASSWORD)
    browser.get(place["base"] + "/satisfaction/suspects")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 2 and all("Trương Thị Ngọc Ánh" in r.text for r in rows)
    screenshot(browser, "satisfaction-03-suspects")
    assert_accessible(browser, "suspect answers")
    rows[0].find_element(By.NAME, "note").send_keys("Đã đối chiếu sổ tiếp nhận")
    follow(browser, rows[0].find_element(By.CSS_SELECTOR, "button[value=clear]"))
    assert "Đã tính lượt đánh giá vào chỉ số." in text_of(browser)
    assert_accessible(browser, "suspect answers after a decision")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")) == 1
    after = satisfaction(registry.admin, place["base"], an["id"], period)
    assert after["responses"] == before["responses"] + 1 and after["held_as_suspect"] == before["held_as_suspect"] - 1
    audit = registry.admin.get(place["base"] + "/api/v1/audit", timeout=30).json()
    records = audit["items"] if isinstance(audit, dict) else audit
    assert any("/review" in (r.get("action") or "") and r.get("actor") == place["hr"] for r in records)
    browser.get(place["base"] + "/satisfaction/suspects?status=cleared")
    assert "Đã đối chiếu sổ tiếp nhận" in text_of(browser)
    assert_accessible(browser, "suspect answers already cleared")


def test_admin_enrols_a_kiosk_in_the_ui_and_the_tablet_starts_from_its_link(place, stack, browser, screenshot,
                                                                            assert_accessible):
    sign_in(browser, place["base"], "admin", stack.admin_password)
    follow(browser, browser.find_element(By.LINK_TEXT, "Ki-ốt đánh giá"))
    assert_accessible(browser, "kiosk administration")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))  # nothing filled in
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert_accessible(browser, "kiosk enrolment with errors")
    Select(browser.find_element(By.ID, "f-unit_id")).select_by_value(place["unit"]["id"])
    browser.find_element(By.ID, "f-name").send_keys("Quầy 3 — tiếp nhận hồ sơ đất đai")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    setup_url = browser.find_element(By.ID, "setup-url").text
    assert "/kiosk#k=kiosk_" in setup_url
    screenshot(browser, "satisfaction-04-kiosk-enrolled")
    assert_accessible(browser, "kiosk enrolled, its setup link shown")
    browser.get(setup_url)
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-screen") == "faces")
    assert "Xã Đồng Tâm" in browser.find_element(By.ID, "unit-name").text
    browser.get(place["base"] + "/kiosks")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
               if "Quầy 3 — tiếp nhận hồ sơ đất đai" in r.text)
    follow(browser, row.find_element(By.CSS_SELECTOR, "button"))
    assert "Đã thu hồi ki-ốt Quầy 3" in text_of(browser)
    assert_accessible(browser, "kiosk administration after a revocation")
    token = setup_url.split("#k=")[1]
    eventually(lambda: requests.get(place["base"] + "/api/v1/kiosk/context", headers=kiosk_headers(token),
                                    timeout=30).status_code == 401, timeout=30, message="revoked token refused")
