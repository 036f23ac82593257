"""Early warning on the web (issue 14) in headless Chromium against the whole platform: a period
closes with a cadre under 50, and with nobody asking for an assessment the unit's HR finds the red
flag in their list with its reasons, acknowledges it, assigns kèm cặp with a named colleague,
assigns a course (which joins the cadre's training plan in the training service), records the
outcome and closes the flag, all by keyboard; province HR sees the province-wide view with
the interventions' outcomes, the fairness audit by area and age band (with the held-out true- and
false-positive rate columns) and what the model forecasts."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from support.browser import follow, sign_in, text_of
from support.platform import eventually
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e
YEAR = 2015  # periods of this module; other modules use other years


@pytest.fixture(scope="module")
def place(stack):
    registry = World(stack)
    unit = registry.unit("Xã Nậm Ban", area="mountain")
    cadre = registry.cadre(unit["id"], "Lò Văn Chậm", gender="male")
    mentor = registry.cadre(unit["id"], "Hoàng Thị Kinh Nghiệm")
    period = registry.created("/periods", {"year": YEAR, "quarter": 1})
    registry.created("/tasks", {"cadre_id": cadre["id"], "period": period["code"], "title": "Báo cáo quý",
                                "coefficient": 1, "due_on": f"{YEAR}-03-20"})
    base = stack.url()
    assert registry.admin.post(f"{base}/api/v1/periods/{period['id']}/close", timeout=30).status_code == 202

    def flag():
        found = [f for f in registry.admin.get(f"{base}/api/v1/risk/flags", params={"unit_id": unit["id"]},
                                               timeout=30).json() if f["cadre_id"] == cadre["id"]]
        return found[0] if found else None

    return {"registry": registry, "unit": unit, "cadre": cadre, "mentor": mentor, "base": base,
            "flag": eventually(flag, timeout=120, message="the flag raised after the period closed"),
            "hr": registry.user("unit_hr", unit["id"])}


def test_unit_hr_acts_on_a_flag_by_keyboard(place, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], place["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Cảnh báo sớm"), keys=Keys.ENTER)
    row = browser.find_element(By.CSS_SELECTOR, f"#flags tr[data-flag='{place['flag']['id']}']")
    assert "Lò Văn Chậm" in row.text and "Đỏ — nguy cơ cao" in row.text and "dưới 50" in row.text
    screenshot(browser, "risk_01_danh_sach_canh_bao")
    assert_accessible(browser, "a unit's flags")

    follow(browser, row.find_element(By.LINK_TEXT, "Lò Văn Chậm"), keys=Keys.ENTER)
    assert "dưới 50" in browser.find_element(By.ID, "flag-reasons").text
    follow(browser, browser.find_element(By.ID, "acknowledge"), keys=Keys.ENTER)
    assert "Đã xác nhận cảnh báo." in text_of(browser)
    assert browser.find_element(By.ID, "flag-status").text == "Đã xem"

    Select(browser.find_element(By.ID, "f-kind")).select_by_value("mentoring")
    Select(browser.find_element(By.ID, "f-mentor_cadre_id")).select_by_visible_text("Hoàng Thị Kinh Nghiệm")
    browser.find_element(By.ID, "f-note").send_keys("Kèm cặp lập báo cáo quý")
    follow(browser, browser.find_element(By.ID, "f-due_on"), keys="30/06/2015" + Keys.ENTER)
    item = browser.find_element(By.CSS_SELECTOR, "#interventions li")
    assert "Kèm cặp bởi cán bộ có kinh nghiệm" in item.text and "Hoàng Thị Kinh Nghiệm" in item.text
    assert "30/06/2015" in item.text
    screenshot(browser, "risk_02_giao_kem_cap")
    assert_accessible(browser, "a flag with its intervention")

    # a course as a second intervention: it joins the cadre's training plan in the training service
    admin, base, cadre_id = place["registry"].admin, place["base"], place["cadre"]["id"]
    course = admin.get(f"{base}/api/v1/courses", timeout=30).json()[0]
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("training")
    Select(browser.find_element(By.ID, "f-course_code")).select_by_value(course["code"])
    follow(browser, browser.find_element(By.ID, "f-due_on"), keys="30/09/2015" + Keys.ENTER)
    assert "Đã giao biện pháp." in text_of(browser) and course["code"] in text_of(browser)

    def planned():
        reply = admin.get(f"{base}/api/v1/training/cadres/{cadre_id}/plan", timeout=30)
        entries = reply.json()["entries"] if reply.status_code == 200 else []
        return [e for e in entries if e["reason"] == "intervention"]
    [entry] = eventually(planned, timeout=90, message="the course in the cadre's training plan")
    assert [c["code"] for c in entry["courses"]] == [course["code"]] and entry["due_on"] == "2015-09-30"

    form = browser.find_element(By.CSS_SELECTOR, "#interventions li form.outcome-form")  # the mentoring's
    Select(form.find_element(By.NAME, "outcome")).select_by_value("improved")
    form.find_element(By.NAME, "close_flag").send_keys(Keys.SPACE)
    follow(browser, form.find_element(By.NAME, "note"), keys="Đã tự lập được báo cáo" + Keys.ENTER)
    assert "Đã ghi nhận kết quả." in text_of(browser)
    assert browser.find_element(By.ID, "flag-status").text == "Đã đóng"
    screenshot(browser, "risk_03_ghi_ket_qua")

    stored = place["registry"].admin.get(f"{place['base']}/api/v1/risk/flags/{place['flag']['id']}", timeout=30).json()
    done, taught = stored["interventions"]
    assert done["kind"] == "mentoring" and done["mentor_cadre_id"] == place["mentor"]["id"]
    assert taught["kind"] == "training" and taught["course_code"] == course["code"] and taught["outcome"] is None
    assert done["outcome"] == "improved" and stored["status"] == "closed"


def test_province_hr_sees_outcomes_and_fairness_by_area_and_age_band(place, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], "admin", place["registry"].stack.admin_password)
    browser.get(place["base"] + "/risk/province")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Cảnh báo sớm toàn tỉnh"
    area = browser.find_element(By.CSS_SELECTOR, "table.fairness[data-attribute='area']")
    assert "Miền núi" in area.text
    ages = browser.find_element(By.CSS_SELECTOR, "table.fairness[data-attribute='age_band']")
    assert "Từ 35 đến 49 tuổi" in ages.text   # the cadres of these tests were born in 1988
    headers = [th.text for th in ages.find_elements(By.CSS_SELECTOR, "thead th")]
    assert "Tỷ lệ phát hiện đúng (ngoài mẫu)" in headers and "Tỷ lệ báo nhầm (ngoài mẫu)" in headers
    target = browser.find_element(By.ID, "model-target").text
    assert "Không hoàn thành nhiệm vụ" in target and "12 tháng kể từ ngày bổ nhiệm" in target
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert "Chưa có mô hình" in browser.find_element(By.ID, "model-quality").text or \
        browser.find_element(By.CSS_SELECTOR, "#model-quality [data-metric=roc_auc]")
    screenshot(browser, "risk_04_toan_tinh")
    assert_accessible(browser, "the province's early warning")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "a[hreflang=en]"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Early warning across the province"
