"""Succession plans, confidence votes and citizens' reports in a real browser (screenshots, and the
axe-core WCAG 2.1 A/AA check of every page): HR adds a candidate and reads every eligibility
problem; a delegate votes from /vote on a phone; a citizen files a report from /report, gets a
reference and follows it; the inspection reads the reporter's contact."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support.browser import follow, sign_in, text_of
from support.civic import key_title, officials_known, plan_for
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def commune(stack):
    world = World(stack)
    unit = world.unit("Xã Cẩm Lĩnh")
    people = {name: world.cadre(unit["id"], name, birth_year=year)["id"]
              for name, year in (("Đỗ Thị Hương", 1991), ("Bùi Văn Tâm", 1963), ("Lý Thị Ngọc", 1987))}
    return {"world": world, "unit": unit, "people": people}


def test_hr_adds_a_candidate_and_sees_the_eligibility_problems(browser, screenshot, assert_accessible, stack,
                                                                commune):
    world = commune["world"]
    plan = plan_for(world, "2035-2040")
    key_title(world, "council_chairman", "Chủ tịch HĐND xã")
    sign_in(browser, stack.url(), "admin", stack.admin_password)
    browser.get(f"{stack.url()}/succession?plan={plan}&unit={commune['unit']['id']}")
    assert "Chủ tịch HĐND xã" in text_of(browser)
    Select(browser.find_element(By.ID, "f-position_id")).select_by_visible_text("Chủ tịch HĐND xã")
    Select(browser.find_element(By.ID, "f-cadre_id")).select_by_value(commune["people"]["Bùi Văn Tâm"])
    browser.find_element(By.ID, "f-reason").send_keys("Nhiều kinh nghiệm điều hành")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/candidates'] button[type=submit]"))
    problems = browser.find_element(By.ID, "eligibility-problems").text
    assert "Cán bộ chưa đủ điều kiện quy hoạch" in problems
    assert "Chưa có kết quả năm" in problems and "không đủ tuổi công tác trọn nhiệm kỳ 2035-2040" in problems
    screenshot(browser, "civic_01_quy_hoach_chua_du_dieu_kien")
    assert_accessible(browser, "succession page with eligibility problems")

    browser.find_element(By.ID, "f-override_reason").send_keys("Không có nguồn khác tại chỗ")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/candidates'] button[type=submit]"))
    body = text_of(browser)
    assert "Đã đưa cán bộ vào quy hoạch." in body and "Vẫn đưa vào vì: Không có nguồn khác tại chỗ" in body
    assert "Chưa đủ điều kiện" in body
    screenshot(browser, "civic_02_quy_hoach_da_dua_vao")
    assert_accessible(browser, "succession page with a candidate")

    browser.get(f"{stack.url()}/succession?plan={plan}")
    assert "Toàn tỉnh, nhiệm kỳ 2035-2040" in text_of(browser)
    screenshot(browser, "civic_03_quy_hoach_toan_tinh")
    assert_accessible(browser, "province summary of the plan")


def test_a_delegate_votes_from_a_phone(phone_browser, browser, screenshot, assert_accessible, stack, commune):
    world, people = commune["world"], commune["people"]
    officials = [people["Đỗ Thị Hương"], people["Lý Thị Ngọc"]]
    officials_known(stack.url(), commune["unit"]["id"], officials)
    vote = world.admin.post(world.base + "/confidence-votes", json={
        "unit_id": commune["unit"]["id"], "year": 2026, "cadre_ids": officials, "ballots": 5}, timeout=60).json()

    sign_in(browser, stack.url(), "admin", stack.admin_password)
    browser.get(f"{stack.url()}/confidence-votes/{vote['id']}/codes")
    cards = browser.find_elements(By.CSS_SELECTOR, ".ballot-card")
    assert len(cards) == 5 and vote["codes"][0] in cards[0].text
    assert cards[0].find_element(By.CSS_SELECTOR, "svg.qr").get_attribute("role") == "img"
    screenshot(browser, "civic_04_ma_phieu_tin_nhiem")
    assert_accessible(browser, "printable ballot codes")

    phone = phone_browser
    phone.get(f"{stack.url()}/vote?code={vote['codes'][0]}")  # the QR code's address
    assert phone.find_element(By.ID, "f-code").get_attribute("value") == vote["codes"][0]
    screenshot(phone, "civic_05_bo_phieu_nhap_ma")
    assert_accessible(phone, "vote code page on a phone")
    follow(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Phiếu tín nhiệm năm 2026" in text_of(phone) and "Đỗ Thị Hương" in text_of(phone)
    phone.find_element(By.CSS_SELECTOR, "label[for='a-1-low']").click()
    phone.find_element(By.CSS_SELECTOR, "label[for='a-2-high']").click()
    assert phone.execute_script("return window.innerWidth") == 390
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot(phone, "civic_06_phieu_tren_dien_thoai")
    assert_accessible(phone, "ballot on a phone")
    follow(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "phiếu đã được ghi nhận" in text_of(phone)
    screenshot(phone, "civic_07_da_ghi_nhan_phieu")
    assert_accessible(phone, "ballot recorded")

    phone.get(f"{stack.url()}/vote")
    phone.find_element(By.ID, "f-code").send_keys(vote["codes"][0].lower().replace("-", " "))
    follow(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Mã phiếu này đã được dùng" in text_of(phone)
    assert_accessible(phone, "a used code refused")

    browser.get(f"{stack.url()}/confidence-votes/{vote['id']}")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/close'] button[type=submit]"))
    results = text_of(browser)
    assert "Đã kết thúc cuộc lấy phiếu." in results and "Đề nghị thay thế" in results  # 1 of 1 ballot low
    screenshot(browser, "civic_11_ket_qua_lay_phieu")
    assert_accessible(browser, "confidence vote results")
    follow(browser, browser.find_element(By.LINK_TEXT, "Lấy phiếu tín nhiệm"))
    assert_accessible(browser, "confidence votes list")


def test_a_citizen_files_a_report_and_gets_a_reference(phone_browser, browser, screenshot, assert_accessible,
                                                      stack, commune):
    world, official = commune["world"], commune["people"]["Lý Thị Ngọc"]
    officials_known(stack.url(), commune["unit"]["id"], [official])
    phone = phone_browser
    phone.get(f"{stack.url()}/report")
    Select(phone.find_element(By.ID, "f-unit_id")).select_by_value(commune["unit"]["id"])
    follow(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    Select(phone.find_element(By.ID, "f-cadre_id")).select_by_value(official)
    phone.find_element(By.ID, "f-what").send_keys("Cán bộ yêu cầu nộp thêm 200.000 đồng để trả kết quả sớm.")
    phone.find_element(By.ID, "f-contact").send_keys("0912 000 111")
    screenshot(phone, "civic_08_phan_anh_dien_thong_tin")
    assert_accessible(phone, "report form on a phone")
    follow(phone, phone.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    reference = phone.find_element(By.ID, "reference").text
    assert reference.startswith("PA-") and len(reference) == 13
    screenshot(phone, "civic_09_phan_anh_da_gui")
    assert_accessible(phone, "report sent, with its reference")
    follow(phone, phone.find_element(By.LINK_TEXT, "Tra cứu ngay"))
    assert "Đang xác minh" in text_of(phone)
    assert_accessible(phone, "report status")

    inspector = world.user("inspector")
    sign_in(browser, stack.url(), inspector, USER_PASSWORD)
    assert reference in text_of(browser)  # the inspector's home: reports awaiting verification
    assert_accessible(browser, "the inspector's home")
    follow(browser, browser.find_element(By.LINK_TEXT, "Phản ánh của người dân"))
    assert_accessible(browser, "the inspection's queue")
    follow(browser, browser.find_element(By.LINK_TEXT, reference))
    assert browser.find_element(By.ID, "reporter-contact").text == "0912 000 111"
    screenshot(browser, "civic_10_uy_ban_kiem_tra_xem_phan_anh")
    assert_accessible(browser, "a report as the inspection reads it")
