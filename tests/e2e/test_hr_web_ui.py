"""The HR web UI in a real browser (headless Chromium) against the whole running platform."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from support.browser import follow, sign_in, text_of
from support.world import USER_PASSWORD, World, unique

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def registry(stack):
    return World(stack)


def test_sign_in_create_a_cadre_find_it_without_diacritics(browser, screenshot, assert_accessible, stack, registry):
    unit = registry.unit("Xã Tả Van Chư")
    position = registry.position(min_education="university")
    browser.get(stack.url() + "/")
    assert "/login" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    screenshot(browser, "01_dang_nhap")
    assert_accessible(browser, "sign-in page")
    sign_in(browser, stack.url(), "admin", stack.admin_password)
    assert "Toàn tỉnh" in text_of(browser)
    screenshot(browser, "02_trang_chu_quan_tri")
    assert_accessible(browser, "home of the province administrator")

    code = unique("CB")
    browser.get(stack.url() + f"/cadres/new?unit_id={unit['id']}")
    assert_accessible(browser, "new cadre form")
    browser.find_element(By.ID, "f-code").send_keys(code)
    browser.find_element(By.ID, "f-full_name").send_keys("Hoàng Thị Thùy Dương")
    Select(browser.find_element(By.ID, "f-gender")).select_by_value("female")
    browser.find_element(By.ID, "f-birth_year").send_keys("1800")
    Select(browser.find_element(By.ID, "f-position_id")).select_by_value(position["id"])
    Select(browser.find_element(By.ID, "f-education")).select_by_value("college")
    browser.find_element(By.ID, "f-appointed_on").send_keys("01/07/2025")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#cadre-form button[type=submit]"))

    message = browser.find_element(By.ID, "e-birth_year")
    assert message.is_displayed()
    assert "Năm sinh phải trong khoảng" in message.text
    birth_year = browser.find_element(By.ID, "f-birth_year")
    assert birth_year.get_attribute("aria-invalid") == "true"
    assert "e-birth_year" in birth_year.get_attribute("aria-describedby")
    assert browser.find_element(By.ID, "f-full_name").get_attribute("value") == "Hoàng Thị Thùy Dương"
    screenshot(browser, "03_loi_nhap_lieu")
    assert_accessible(browser, "new cadre form with an error")

    birth_year.clear()
    birth_year.send_keys("1990")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#cadre-form button[type=submit]"))
    assert "Đã thêm cán bộ." in text_of(browser)
    body = text_of(browser)
    assert "Hoàng Thị Thùy Dương" in body and code in body
    assert "01/07/2025" in body  # dates read dd/mm/yyyy
    assert "Trình độ chuyên môn" in body  # the gap against the position's standard
    screenshot(browser, "04_ho_so_can_bo")
    assert_accessible(browser, "cadre dossier")

    browser.get(stack.url() + "/cadres")
    search = browser.find_element(By.ID, "f-q")
    search.send_keys("hoang thi thuy duong")
    follow(browser, search, Keys.ENTER)
    rows = browser.find_elements(By.CSS_SELECTOR, "#cadre-table tbody tr")
    assert any(code in row.text and "Hoàng Thị Thùy Dương" in row.text for row in rows)
    screenshot(browser, "05_tim_kiem_khong_dau")
    assert_accessible(browser, "cadre list, searched")

    follow(browser, browser.find_element(By.LINK_TEXT, "English"))
    assert "Cadres and civil servants" in text_of(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert_accessible(browser, "cadre list in English")
    follow(browser, browser.find_element(By.LINK_TEXT, "Tiếng Việt"))
    assert "Cán bộ, công chức" in text_of(browser)


def test_unit_hr_never_sees_another_units_cadre(browser, screenshot, assert_accessible, stack, registry):
    unit_a, unit_b = registry.unit("Xã Bản Hồ"), registry.unit("Phường Sa Pa", kind="ward", area="urban")
    ours = registry.cadre(unit_a["id"], "Lò Văn Chiến")
    theirs = registry.cadre(unit_b["id"], "Giàng Thị Mỷ")
    hr = registry.user("unit_hr", unit_id=unit_a["id"])

    api = registry.session_of(hr)
    base = stack.url() + "/api/v1"
    assert api.get(f"{base}/cadres/{theirs['id']}", timeout=30).status_code in (403, 404)
    assert api.get(f"{base}/cadres/{theirs['id']}/gaps", timeout=30).status_code in (403, 404)
    assert api.get(f"{base}/units/{unit_b['id']}", timeout=30).status_code in (403, 404)
    assert api.patch(f"{base}/cadres/{theirs['id']}", json={"full_name": "Đổi Tên"},
                     timeout=30).status_code in (403, 404)
    listed = api.get(f"{base}/cadres", params={"per_page": 500}, timeout=30).json()
    assert ours["id"] in {c["id"] for c in listed} and theirs["id"] not in {c["id"] for c in listed}
    other_unit = api.get(f"{base}/cadres", params={"unit_id": unit_b["id"]}, timeout=30)
    assert other_unit.status_code in (403, 404) or other_unit.json() == []

    sign_in(browser, stack.url(), hr, USER_PASSWORD)
    assert "Xã Bản Hồ" in text_of(browser)
    screenshot(browser, "06_trang_chu_can_bo_to_chuc")
    assert_accessible(browser, "home of a unit's HR")
    browser.get(stack.url() + "/cadres")
    body = text_of(browser)
    assert "Lò Văn Chiến" in body and "Giàng Thị Mỷ" not in body
    screenshot(browser, "07_danh_sach_can_bo_don_vi")
    assert_accessible(browser, "cadre list of a unit's HR")
    browser.get(stack.url() + "/cadres?q=giang+thi+my")
    assert "Giàng Thị Mỷ" not in text_of(browser)
    for page in (f"/cadres/{theirs['id']}", f"/units/{unit_b['id']}", f"/gaps?unit_id={unit_b['id']}"):
        browser.get(stack.url() + page)
        body = text_of(browser)
        assert "Giàng Thị Mỷ" not in body and "Phường Sa Pa" not in body, page
        assert "Không tìm thấy" in body or "không có quyền" in body.lower(), page
        assert_accessible(browser, f"refusal of {page}")
    browser.get(stack.url() + "/units")
    assert "Phường Sa Pa" not in text_of(browser)
    assert_accessible(browser, "unit list of a unit's HR")

    trail = registry.admin.get(base + "/audit", params={"target": "users/", "action": "users.create"},
                               timeout=30).json()
    assert any(r["detail"].get("username") == hr and r["actor"] == "admin" for r in trail)
    sign_ins = registry.admin.get(base + "/audit", params={"actor": hr, "action": "auth.sign_in"}, timeout=30).json()
    assert {r["detail"].get("channel") for r in sign_ins} >= {"api", "web"}


def test_a_cadre_sees_their_own_dossier_only(browser, screenshot, assert_accessible, stack, registry):
    unit = registry.unit("Xã Ngũ Chỉ Sơn")
    me = registry.cadre(unit["id"], "Tẩn Thị Mẩy")
    colleague = registry.cadre(unit["id"], "Lý Láo Lở")
    account = registry.user("cadre", cadre_id=me["id"])
    sign_in(browser, stack.url(), account, USER_PASSWORD)
    assert "Xin chào, Tẩn Thị Mẩy" in text_of(browser)
    assert_accessible(browser, "home of a cadre")
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Hồ sơ của tôi"))
    assert "Khoảng trống năng lực" in text_of(browser)
    assert "Tẩn Thị Mẩy" in text_of(browser)
    screenshot(browser, "17_ho_so_cua_toi")
    assert_accessible(browser, "a cadre's own dossier")
    browser.get(stack.url() + f"/cadres/{colleague['id']}")
    assert "Lý Láo Lở" not in text_of(browser) and "Không tìm thấy" in text_of(browser)
    browser.get(stack.url() + "/cadres")
    assert "Lý Láo Lở" not in text_of(browser)
    assert_accessible(browser, "cadre list refused to a cadre")


def test_auditor_reads_the_trail_and_verifies_it(browser, screenshot, assert_accessible, stack, registry):
    auditor = registry.user("auditor")
    sign_in(browser, stack.url(), auditor, USER_PASSWORD)
    assert "Chuỗi nhật ký toàn vẹn" in text_of(browser)
    assert_accessible(browser, "home of an auditor")
    browser.get(stack.url() + "/audit")
    field = browser.find_element(By.ID, "f-actor")
    field.send_keys("admin")
    follow(browser, field, Keys.ENTER)
    assert "bản ghi" in text_of(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert rows and all("admin" in row.text for row in rows)
    follow(browser, browser.find_element(By.XPATH, "//button[contains(., 'Kiểm tra toàn vẹn chuỗi')]"))
    assert "Chuỗi nhật ký toàn vẹn" in text_of(browser)
    screenshot(browser, "08_nhat_ky_kiem_toan")
    assert_accessible(browser, "audit trail, verified")
    browser.get(stack.url() + "/users")
    assert "Không thực hiện được" in text_of(browser)  # auditors do not manage accounts
    assert_accessible(browser, "account list refused to an auditor")


def test_gap_analysis_chart_and_the_other_main_pages(browser, tablet_browser, screenshot, assert_accessible, stack,
                                                     registry):
    unit = registry.unit("Xã Mường Hum", area="mountain")
    position = registry.position(min_education="university", min_digital_skill="proficient")
    for name in ("Vàng A Sử", "Sùng Thị Pà", "Thào Văn Lử"):
        registry.cadre(unit["id"], name, position_id=position["id"], education="college", digital_skill="basic")
    sign_in(browser, stack.url(), "admin", stack.admin_password)
    browser.get(stack.url() + f"/gaps?unit_id={unit['id']}")
    chart = browser.find_element(By.CSS_SELECTOR, "svg.chart[role=img]")
    title_id = chart.get_attribute("aria-labelledby").split()[0]  # the chart is named by its own <title>
    assert "Số cán bộ còn thiếu" in chart.find_element(By.ID, title_id).get_attribute("textContent")
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect.rect")) >= 2  # one bar per unmet standard
    assert "3 trên 3 cán bộ" in text_of(browser)
    screenshot(browser, "09_khoang_trong_nang_luc")
    assert_accessible(browser, "competency gaps with their chart")
    for path, name, expected in ((f"/units/{unit['id']}", "10_don_vi", "Xã Mường Hum"),
                                 ("/units", "11_danh_sach_don_vi", "Đơn vị"),
                                 ("/positions", "12_vi_tri_viec_lam", "Vị trí việc làm và tiêu chuẩn"),
                                 ("/users", "13_tai_khoan", "Tài khoản người dùng"),
                                 ("/api/docs", "14_tai_lieu_api", "/api/v1/cadres")):
        browser.get(stack.url() + path)
        assert expected in text_of(browser), path
        screenshot(browser, name)
        assert_accessible(browser, path)
    sign_in(tablet_browser, stack.url(), "admin", stack.admin_password)
    tablet_browser.get(stack.url() + f"/units/{unit['id']}")
    width = tablet_browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= tablet_browser.execute_script("return window.innerWidth") + 1  # no sideways scrolling
    screenshot(tablet_browser, "15_may_tinh_bang_don_vi")
    assert_accessible(tablet_browser, "unit page on a tablet")


def test_cadre_list_pages_and_filters(browser, assert_accessible, stack, registry):
    unit = registry.unit("Xã Bát Xát")
    leader = registry.position("Chủ tịch UBND xã")
    registry.admin.patch(stack.url() + f"/api/v1/positions/{leader['id']}", json={"is_leader": True}, timeout=30)
    for number in range(26):
        registry.cadre(unit["id"], f"Cán bộ thử nghiệm số {number + 1:02d}")
    registry.cadre(unit["id"], "Hà Văn Thống", position_id=leader["id"])
    sign_in(browser, stack.url(), "admin", stack.admin_password)
    browser.get(stack.url() + f"/cadres?unit_id={unit['id']}")
    assert "Tìm thấy 27 cán bộ" in text_of(browser)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#cadre-table tbody tr")) == 25
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a[rel=next]"))
    assert "Trang 2/2" in text_of(browser)
    assert_accessible(browser, "cadre list, second page")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#cadre-table tbody tr")) == 2
    browser.get(stack.url() + f"/cadres?unit_id={unit['id']}")
    filters = browser.find_element(By.CSS_SELECTOR, "form.filters details")
    assert filters.get_attribute("open") is not None  # open: a filter (the unit) is in use
    Select(browser.find_element(By.ID, "f-is_leader")).select_by_value("true")
    follow(browser, browser.find_element(By.XPATH, "//details//button[@type='submit']"))
    assert "Tìm thấy 1 cán bộ" in text_of(browser) and "Hà Văn Thống" in text_of(browser)
    assert_accessible(browser, "cadre list, filtered, filters open")


def test_keyboard_only_sign_in_and_visible_focus(browser, stack):
    browser.get(stack.url() + "/login")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.get_attribute("class") == "skip-link"
    assert skip.value_of_css_property("outline-style") == "solid"
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"
    browser.find_element(By.ID, "f-username").send_keys("admin" + Keys.TAB)
    browser.switch_to.active_element.send_keys(stack.admin_password + Keys.ENTER)
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR,
                                                                                      "nav.main-nav")))
    assert "Toàn tỉnh" in text_of(browser)
    cookie = browser.get_cookie("c360_session")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
