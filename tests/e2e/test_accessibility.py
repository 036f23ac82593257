"""The accessibility check itself (axe-core, WCAG 2.1 A/AA) and the pages no other browser test
visits: each page in headless Chromium, checked and photographed."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from support.browser import axe_violations, follow, sign_in, text_of
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e
BROKEN = ('<img src="/static/ui/app.css" id="no-alt">'
          '<input type="text" id="no-label"><a href="/" style="color:#ccc;background:#fff">nhạt</a>')


def test_the_check_names_each_violation_with_its_elements(stack, browser, assert_accessible):
    browser.get(stack.url() + "/login")
    assert axe_violations(browser) == []
    browser.execute_script("document.querySelector('main').insertAdjacentHTML('beforeend', arguments[0])", BROKEN)
    with pytest.raises(AssertionError) as refused:
        assert_accessible(browser, "a broken sign-in page")
    report = str(refused.value)
    for rule, element in (("image-alt", "#no-alt"), ("label", "#no-label")):
        assert rule in report and element in report, report


def test_pages_no_other_browser_test_visits(stack, browser, screenshot, assert_accessible, tmp_path):
    registry = World(stack)
    unit = registry.unit("Xã Phong Thổ")
    position = registry.position()
    school = registry.user("training_school")
    base = stack.url()

    def visit(path: str, name: str, expected: str) -> None:
        browser.get(base + path)
        assert expected in text_of(browser), path
        screenshot(browser, name)
        assert_accessible(browser, path)

    visit("/mfa-setup", "a11y-01-thiet-lap-xac-thuc", "xác thực hai lớp")
    browser.get(base + "/kiosk")  # a tablet not set up yet asks for its token
    assert browser.find_element(By.ID, "setup-token").is_displayed()
    screenshot(browser, "a11y-02-kiosk-setup")
    assert_accessible(browser, "kiosk setup")

    sign_in(browser, base, "admin", stack.admin_password)
    visit("/account", "a11y-03-tai-khoan-cua-toi", "Tài khoản của tôi")
    visit("/units/new", "a11y-04-them-don-vi", "Thêm đơn vị")
    visit(f"/units/{unit['id']}/edit", "a11y-05-sua-don-vi", "Xã Phong Thổ")
    visit(f"/positions/{position['id']}", "a11y-06-vi-tri-viec-lam", "Công chức Văn phòng - Thống kê")
    visit("/positions/new", "a11y-07-them-vi-tri", "Thêm vị trí việc làm")
    visit("/users/new", "a11y-08-them-tai-khoan", "Tạo tài khoản")
    visit(f"/satisfaction/comments?unit_id={unit['id']}", "a11y-09-gop-y", "Góp ý của người dân")
    visit("/khong-co-trang-nay", "a11y-10-khong-tim-thay", "Không tìm thấy")

    browser.delete_all_cookies()
    sign_in(browser, base, school, USER_PASSWORD)
    screenshot(browser, "a11y-11-trang-chu-co-so-dao-tao")
    assert_accessible(browser, "home of the training school")
    visit("/training/uploads", "a11y-12-tai-len-ket-qua", "Tải lên kết quả bồi dưỡng")
    results = tmp_path / "ket-qua.csv"
    results.write_text("Mã cán bộ;Họ và tên;Mã khóa học;Khóa/Lớp;Ngày hoàn thành;Kết quả;Số giờ\n"
                       "KHONG-CO;Nguyễn Văn A;KHONG-CO;K1;01/12/2026;Đạt;8\n", encoding="utf-8")
    browser.find_element(By.ID, "f-file").send_keys(str(results))
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]"))
    assert "Dòng có lỗi" in text_of(browser)
    screenshot(browser, "a11y-13-bao-cao-tai-len")
    assert_accessible(browser, "upload report with rejected rows")
