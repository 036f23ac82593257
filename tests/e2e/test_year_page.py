"""The year page (issue 13) in headless Chromium against the whole platform: two communes whose
first two quarters were closed by their jobs; province HR is told which quarters are still open
when closing the year, confirms, and once the job is done reads per commune the counts per level
(the API's), the quota, the approval state, a chart with its text alternative, and downloads the
unit's year-end list; the cadre's page draws them beside everyone of the same position code (a quarter
and the year); a cadre reads their own year-end result on /me."""
from __future__ import annotations

import io

import pytest
import requests
from openpyxl import load_workbook
from selenium.webdriver.common.by import By

from support.browser import follow, sign_in, text_of
from support.platform import eventually
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e
YEAR = 2037  # periods of this module; other modules use other years (2039: the evaluation pages)


@pytest.fixture(scope="module")
def province(stack):
    world = World(stack)
    clerk = world.position("Công chức Tư pháp - Hộ tịch")
    communes = {name: world.unit(name) for name in ("Xã Quỳnh Lâm", "Xã Yên Hòa")}
    people = {"Xã Quỳnh Lâm": [("Lường Thị Hiền", True), ("Vi Văn Toàn", True), ("Nông Thị Duyên", False)],
              "Xã Yên Hòa": [("Đặng Văn Lực", True), ("Tạ Thị Ngân", True)]}
    admin, base = world.admin, world.base
    quarters = [admin.post(base + "/periods", json={"year": YEAR, "quarter": q}, timeout=30).json() for q in (1, 2)]
    cadres = {}
    for name, members in people.items():
        for full_name, done in members:
            cadre = cadres[full_name] = world.cadre(communes[name]["id"], full_name, position_id=clerk["id"],
                                                    is_local=True)
            for period in quarters:
                due = f"{YEAR}-0{3 * int(period['code'][-1])}-20"
                made = admin.post(base + "/tasks", json={"cadre_id": cadre["id"], "period": period["code"],
                                                         "title": "Hồ sơ hộ tịch", "coefficient": 1, "due_on": due},
                                  timeout=30)
                assert made.status_code == 201, made.text
                if done:
                    assert admin.patch(f"{base}/tasks/{made.json()['id']}", json={"completed_on": due},
                                       timeout=30).status_code == 200
    for period in quarters:
        assert admin.post(f"{base}/periods/{period['id']}/close", timeout=30).status_code == 202
        eventually(lambda: admin.get(f"{base}/periods/{period['id']}", timeout=30).json()["status"] == "closed",
                   timeout=180, message=f"{period['code']} closed by its job")
    return {"world": world, "communes": communes, "base": stack.url(), "cadres": cadres}


def test_province_hr_closes_the_year_and_reads_it_per_commune(province, stack, browser, screenshot,
                                                              assert_accessible):
    base, admin = province["base"], province["world"].admin
    sign_in(browser, base, "admin", stack.admin_password)
    follow(browser, browser.find_element(By.LINK_TEXT, "Xếp loại cuối năm"))
    browser.get(f"{base}/evaluation/years/{YEAR}")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Xếp loại cuối năm {YEAR}"
    quarters = browser.find_element(By.ID, "quarters").text
    assert "Quý 1: đã khóa" in quarters and "Quý 3: chưa khóa" in quarters
    assert_accessible(browser, "the year page before closing")

    follow(browser, browser.find_element(By.CSS_SELECTOR, "#close-year button[type=submit]"))
    refused = browser.find_element(By.ID, "error-summary").text
    assert "Quý III, Quý IV" in refused and "Q3, Q4" not in refused  # the Vietnamese half, in Vietnamese

    browser.find_element(By.ID, "f-confirm_open_quarters").click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#close-year button[type=submit]"))
    assert "Đã yêu cầu khóa năm" in text_of(browser)
    eventually(lambda: admin.get(f"{province['world'].base}/years/{YEAR}", timeout=30).json()["status"] == "closed",
               timeout=180, message="the year closed by its job")
    browser.get(f"{base}/evaluation/years/{YEAR}")
    units = {u["unit_name"]: u for u in admin.get(f"{province['world'].base}/years/{YEAR}/units", timeout=30).json()}
    rows = {r.find_element(By.TAG_NAME, "th").text: r
            for r in browser.find_elements(By.CSS_SELECTOR, "#by-unit tbody tr")}
    for name in province["communes"]:
        shown = {td.get_attribute("data-level"): int(td.text)
                 for td in rows[name].find_elements(By.CSS_SELECTOR, "td[data-level]")}
        assert shown == units[name]["classification"]["levels"]
        assert "Chờ phê duyệt" in rows[name].find_element(By.CLASS_NAME, "approval").text
    assert units["Xã Quỳnh Lâm"]["classification"]["levels"]["not_completed"] == 1
    assert units["Xã Yên Hòa"]["classification"]["cadres"] == 2
    chart = browser.find_element(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert "Xã Quỳnh Lâm" in chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
    assert "Khóa năm khi còn quý chưa khóa" in text_of(browser)  # Q3 and Q4 were open: said on the page
    screenshot(browser, "year_01_xep_loai_cuoi_nam")
    assert_accessible(browser, "the year page")

    web = requests.Session()  # the page's download links, with the browser's sign-in
    for cookie in browser.get_cookies():
        web.cookies.set(cookie["name"], cookie["value"])
    link = rows["Xã Quỳnh Lâm"].find_element(By.CLASS_NAME, "export-xlsx").get_attribute("href")
    sheet = web.get(link, timeout=60)
    assert sheet.status_code == 200 and "filename" in sheet.headers["Content-Disposition"]
    listed = [r for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
              if isinstance(r[0], int)]
    assert sorted(r[1] for r in listed) == ["Lường Thị Hiền", "Nông Thị Duyên", "Vi Văn Toàn"]
    printable = web.get(rows["Xã Yên Hòa"].find_element(By.CLASS_NAME, "export-pdf").get_attribute("href"),
                        timeout=60)
    assert printable.status_code == 200 and printable.content.startswith(b"%PDF")

    # the cadre's page: beside everyone of the same position code, for a quarter and for the year
    hien_id = province["cadres"]["Lường Thị Hiền"]["id"]
    browser.get(f"{base}/cadres/{hien_id}?cmp_period={YEAR}-Q2")
    section = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=comparison]")
    for scope, figure in zip(({"period": f"{YEAR}-Q2"}, {"year": YEAR}),
                             section.find_elements(By.CSS_SELECTOR, "figure.chart-figure")):
        api = admin.get(f"{province['world'].base}/cadres/{hien_id}/comparison", params=scope, timeout=30).json()
        assert api["compared_with"] == len(api["totals"]) >= 5  # the five clerks of both communes at least
        desc = figure.find_element(By.CSS_SELECTOR, "svg.chart[role=img] desc").get_attribute("textContent")
        assert "Cán bộ này 1" in desc and api["position_code"] in figure.find_element(By.TAG_NAME, "svg").get_attribute(
            "textContent")
        percentile = f"phân vị {round(api['percentile'], 1):g}"
        assert percentile in section.text, (percentile, section.text)
    screenshot(browser, "year_02_so_sanh_cung_vi_tri")
    assert_accessible(browser, "the cadre's page with the distribution per position")

    # the cadre's own page: the year-end result with the quarters used and their unit, before approval
    hien = province["world"].user("cadre", province["communes"]["Xã Quỳnh Lâm"]["id"],
                                  cadre_id=province["cadres"]["Lường Thị Hiền"]["id"])
    browser.delete_all_cookies()
    sign_in(browser, base, hien, USER_PASSWORD)
    browser.get(f"{base}/me?year={YEAR}")
    section = browser.find_element(By.ID, "year-result")
    assert f"Kết quả cuối năm {YEAR}" in section.text and "Chờ phê duyệt, công bố" in section.text
    used = [r.text for r in section.find_elements(By.CSS_SELECTOR, "#year-periods tbody tr")]
    assert len(used) == 2 and all("Xã Quỳnh Lâm" in r for r in used)
    screenshot(browser, "year_03_ket_qua_cuoi_nam_cua_toi")
    assert_accessible(browser, "the year-end result on /me")
