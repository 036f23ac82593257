"""A person's notifications in a real browser: the unread counter in every page's header, the
/notifications page, marking one read, opening what another is about (issue 12, item 8)."""
from __future__ import annotations

import uuid

import pytest
from selenium.webdriver.common.by import By

from cadre_shared.notify import notification
from support.browser import follow, sign_in, text_of
from support.mail import publish
from support.platform import eventually
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e


def _counter(browser) -> str:
    """The header's link as a screen reader reads it (the count's "unread" is visually hidden)."""
    link = browser.find_element(By.CSS_SELECTOR, "header a.notifications-link")
    return " ".join(link.get_attribute("textContent").split())


def test_the_counter_and_the_notifications_page(browser, screenshot, assert_accessible, stack):
    registry = World(stack)
    unit = registry.unit("Phường Hòa Bình")
    cadre = registry.cadre(unit["id"], "Phạm Thu Trang")
    username = registry.user("cadre", cadre_id=cadre["id"])
    tag = uuid.uuid4().hex[:8]
    publish(stack.infra.bootstrap, [
        notification("evaluation", "rating_requested", about=cadre["id"], cadre_ids=[cadre["id"]],
                     params={"period": "2026-Q4", "due_on": "2026-12-10"}, link="/account",
                     dedupe_key=f"rating_requested|{tag}"),
        notification("training", "training_due", about=cadre["id"], cadre_ids=[cadre["id"]],
                     params={"cadre_name": "Phạm Thu Trang", "course": "Bồi dưỡng kỹ năng số", "due_on": "2027-01-15"},
                     link="/", dedupe_key=f"training_due|{tag}")])
    api = registry.session_of(username)
    eventually(lambda: api.get(stack.url() + "/api/v1/notifications", timeout=30).json()["unread"] == 2,
               timeout=60, message="both notifications in the inbox")

    sign_in(browser, stack.url(), username, USER_PASSWORD)
    assert _counter(browser) == "Thông báo (2 chưa đọc)"
    screenshot(browser, "notif_01_dau_trang_co_thong_bao")
    assert_accessible(browser, "home with unread notifications in the header")

    follow(browser, browser.find_element(By.CSS_SELECTOR, "header a.notifications-link"))
    body = text_of(browser)
    assert "2 thông báo, 2 chưa đọc" in body
    assert "Mời đánh giá cán bộ kỳ Quý 4/2026" in body and "Hạn hoàn thành: 10/12/2026." in body
    assert "Cán bộ Phạm Thu Trang cần hoàn thành Bồi dưỡng kỹ năng số trước ngày 15/01/2027." in body
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".notification h2 a")]
    assert titles == ["Sắp đến hạn bồi dưỡng: Bồi dưỡng kỹ năng số", "Mời đánh giá cán bộ kỳ Quý 4/2026"]  # newest first
    screenshot(browser, "notif_02_trang_thong_bao")
    assert_accessible(browser, "notifications page")

    first = browser.find_elements(By.CSS_SELECTOR, ".notification")[0]
    follow(browser, first.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert _counter(browser) == "Thông báo (1 chưa đọc)"
    assert "2 thông báo, 1 chưa đọc" in text_of(browser)
    read, unread = browser.find_elements(By.CSS_SELECTOR, ".notification")
    assert "Đã đọc" in read.text and "Chưa đọc" in unread.text

    follow(browser, browser.find_element(By.LINK_TEXT, "Mời đánh giá cán bộ kỳ Quý 4/2026"))
    assert browser.current_url == stack.url() + "/account"  # the page the notification is about
    assert _counter(browser) == "Thông báo"  # nothing unread any more

    follow(browser, browser.find_element(By.LINK_TEXT, "English"))
    follow(browser, browser.find_element(By.CSS_SELECTOR, "header a.notifications-link"))
    assert "Ratings to give for Quarter 4/2026" in text_of(browser)
    screenshot(browser, "notif_03_notifications_in_english")
    assert_accessible(browser, "notifications page in English")
