"""The resolution scorecard, the province's home page and the scorecard and satisfaction exports
(issue 15, items 3–5) in headless Chromium against the whole platform. A commune lives two closed
quarters of one year: in the first a staff member fails her task and another is reprimanded; in the
second everyone completes. The page shows each target beside its target with the trend, per commune
and for the province; the files the page links to hold the figures it shows."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from support.browser import follow, sign_in, text_of
from support.kiosks import answer, kiosk_headers, wait_until_kiosk_lists
from support.platform import eventually
from support.world import USER_PASSWORD, World, unique

pytestmark = pytest.mark.e2e
YEAR = 2041  # this module's periods; other modules use other years
FORMULA = '=HYPERLINK("x")'


def _position(reg: World, title: str, leadership: str = "none", leader: bool = True, key_title=None) -> str:
    return reg.created("/positions", {"code": unique("VT"), "title": title, "task_group": "Chủ chốt" if leader
                                      else "Chuyên môn", "is_leader": leader, "leadership": leadership,
                                      "key_title": key_title})["id"]


def _close_quarter(reg: World, quarter: int, failing: set[str], ids: dict) -> dict:
    """Open the quarter, give everyone one task (done, except ``failing``), close it, wait for the job."""
    admin, api = reg.admin, reg.base
    period = reg.created("/periods", {"year": YEAR, "quarter": quarter})
    for key, cadre_id in ids.items():
        task = reg.created("/tasks", {"cadre_id": cadre_id, "period": period["code"], "title": "Báo cáo quý",
                                      "coefficient": 1, "due_on": f"{YEAR}-{quarter * 3:02d}-20"})
        if key not in failing:
            done = admin.patch(f"{api}/tasks/{task['id']}", json={"completed_on": f"{YEAR}-{quarter * 3:02d}-15"},
                               timeout=30)
            assert done.status_code == 200, done.text
    assert admin.post(f"{api}/periods/{period['id']}/close", json={}, timeout=60).status_code == 202
    eventually(lambda: admin.get(f"{api}/periods/{period['id']}", timeout=30).json()["status"] == "closed",
               timeout=240, message=f"period {period['code']} closed")
    return period


@pytest.fixture(scope="module")
def commune(stack):
    """Xã Hòa Bình: a local chairman and a woman party secretary from elsewhere (key titles on their
    positions), a department head (no key title) and three staff; two quarters closed; the second quarter's classification approved."""
    reg = World(stack)
    unit = reg.unit("Xã Hòa Bình")
    chair = _position(reg, "Chủ tịch UBND xã", "unit_chief", key_title="pc_chairman")
    secretary = _position(reg, "Bí thư Đảng ủy xã", key_title="party_secretary")
    head, staff = _position(reg, "Trưởng phòng Kinh tế", "department_head"), _position(reg, "Chuyên viên", leader=False)
    people = {"chair": ("Nguyễn Văn Chính", chair, "male", True), "secretary": ("Lý Thị Thư", secretary, "female", False),
              "head": ("Trần Văn Kinh", head, "male", True), "s1": ("Phạm Thị Sen", staff, "female", True),
              "s2": ("Đỗ Văn Hùng", staff, "male", True), "s3": (FORMULA, staff, "female", True)}
    ids = {key: reg.cadre(unit["id"], name, position_id=pos, gender=gender, is_local=local,
                          department_code="KT" if key in ("head", "s1", "s2", "s3") else None)["id"]
           for key, (name, pos, gender, local) in people.items()}
    recorded = reg.admin.post(f"{reg.base}/cadres/{ids['s2']}/discipline", timeout=30, json={
        "measure": "reprimand", "decided_on": f"{YEAR}-02-10", "duty_related": False, "reason": "Đi muộn nhiều lần"})
    assert recorded.status_code == 201, recorded.text
    first = _close_quarter(reg, 1, {"s1"}, ids)
    second = _close_quarter(reg, 2, set(), ids)
    approved = reg.admin.post(f"{reg.base}/periods/{second['id']}/classification/approve",
                              json={"unit_id": unit["id"]}, timeout=60)
    assert approved.status_code == 200, approved.text
    return {"reg": reg, "base": stack.url(), "unit": unit, "ids": ids, "periods": (first, second),
            "hr": reg.user("unit_hr", unit["id"]), "admin_password": stack.admin_password}


def web_session(browser) -> requests.Session:
    """The browser's sign-in, for the page's download links."""
    web = requests.Session()
    for cookie in browser.get_cookies():
        web.cookies.set(cookie["name"], cookie["value"])
    return web


def api_figure(world: dict, period: str, key: str) -> dict:
    card = world["reg"].admin.get(f"{world['reg'].base}/scorecard", params={"period": period,
                                  "unit_id": world["unit"]["id"]}, timeout=60).json()
    return next(f for f in card["units"][0]["figures"] if f["key"] == key)


def row_cells(browser, row_id: str) -> list[str]:
    return [td.text for td in browser.find_element(By.ID, row_id).find_elements(By.TAG_NAME, "td")]


def test_a_communes_scorecard_shows_each_target_beside_its_target_with_the_trend(commune, browser, screenshot,
                                                                                  assert_accessible):
    sign_in(browser, commune["base"], commune["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Chỉ tiêu nghị quyết"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Chỉ tiêu nghị quyết"
    Select(browser.find_element(By.ID, "f-period")).select_by_value(f"{YEAR}-Q2")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.search-row button[type=submit]"), keys="\n")
    assert browser.find_element(By.ID, "scope").text == f"Xã Hòa Bình — Quý 2/{YEAR}"
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#targets thead th")]
    assert headers[-4:] == [f"Quý 1/{YEAR}", f"Quý 2/{YEAR}", "Số đạt / tổng", "Đánh giá"]
    # the share rated tốt or better counts approved results only (the year is not closed: the period's):
    # Q1's proposal was never approved, so no figure; Q2's was, with all six serving cadres completing: 6/6
    q1 = api_figure(commune, f"{YEAR}-Q1", "good_or_better")
    assert q1["denominator"] == 0 and q1["value"] is None and "(0/1 đơn vị)" in q1["note"]
    assert row_cells(browser, "t-good_or_better")[-4:] == ["—", "100%", "6/6", "Đạt"]
    assert (f"Năm chưa khóa: xếp loại đã phê duyệt của Quý II năm {YEAR} (1/1 đơn vị)"
            in browser.find_element(By.ID, "t-good_or_better").text)
    # a reprimand is a discipline case, not a serious one: counted, still met
    discipline = row_cells(browser, "t-discipline_violations")
    assert discipline[-4:] == ["1", "1", "1/6", "Đạt"] and "Nghiêm trọng (cảnh cáo trở lên): 0" in text_of(browser)
    # key cadres from the key titles HR set on positions: the chairman and the party secretary
    assert row_cells(browser, "t-key_cadres_meet_standard")[-2:] == ["2/2", "Đạt"]
    assert row_cells(browser, "t-women_in_standing_committee")[-3:] == ["1", "1/2", "Đạt"]
    assert row_cells(browser, "t-key_titles_non_local")[-3:] == ["50%", "1/2", "Chưa đạt"]  # the chairman is local
    assert "trên 90%" in browser.find_element(By.ID, "t-good_or_better").text
    chart = browser.find_element(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert "Hoàn thành tốt trở lên" in chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
    assert not browser.find_elements(By.ID, "by-unit")  # a commune's HR sees their own commune only
    screenshot(browser, "scorecard_01_xa")
    assert_accessible(browser, "a commune's scorecard")

    web = web_session(browser)
    sheet = web.get(browser.find_element(By.ID, "export-xlsx").get_attribute("href"), timeout=60)
    assert sheet.status_code == 200 and "filename" in sheet.headers["Content-Disposition"]
    rows = {r[2]: r for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
            if r[0] and isinstance(r[0], int)}
    good = rows["Tỷ lệ cán bộ hoàn thành tốt nhiệm vụ trở lên"]
    assert (good[1], good[3], good[5], good[7]) == ("Xã Hòa Bình", 100, "6/6", "Đạt")
    assert good[8].startswith(f"Năm chưa khóa: xếp loại đã phê duyệt của Quý II năm {YEAR}")  # what it counted
    assert rows["Chức danh chủ chốt không là người địa phương"][3] == 50
    assert len(rows) == 9  # every target of the resolution
    printable = web.get(browser.find_element(By.ID, "export-pdf").get_attribute("href"), timeout=60)
    assert printable.status_code == 200 and printable.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(printable.content)).pages)
    assert "BẢNG THEO DÕI CHỈ TIÊU NGHỊ QUYẾT" in text and "Xã Hòa Bình" in text and "Chưa đạt" in text


def test_the_province_sees_every_commune_and_its_home_page_charts(commune, browser, screenshot, assert_accessible):
    sign_in(browser, commune["base"], "admin", commune["admin_password"])
    home = text_of(browser)
    assert "Tình hình toàn tỉnh" in home
    classification = browser.find_element(By.ID, "home-classification")
    assert classification.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")  # at least our approved commune
    assert "Hoàn thành tốt nhiệm vụ" in classification.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
    for part in ("home-satisfaction", "home-training", "home-behind"):
        assert browser.find_element(By.ID, part).find_element(By.TAG_NAME, "h3").text
    screenshot(browser, "scorecard_02_trang_chu_tinh")
    assert_accessible(browser, "the province admin's home page")

    browser.get(f"{commune['base']}/scorecard?period={YEAR}-Q2")
    assert browser.find_element(By.ID, "scope").text == f"Toàn tỉnh — Quý 2/{YEAR}"
    ours = browser.find_element(By.ID, f"u-{commune['unit']['id']}")
    cells = ours.find_elements(By.TAG_NAME, "td")
    assert [c.text.split("\n")[0] for c in cells][:5] == ["1", "100%", "1", "50%", "100%"]
    assert browser.find_element(By.ID, "t-good_or_better").find_elements(By.TAG_NAME, "td")
    screenshot(browser, "scorecard_03_toan_tinh")
    assert_accessible(browser, "the province's scorecard")
    follow(browser, ours.find_element(By.LINK_TEXT, "Xã Hòa Bình"), keys="\n")  # the commune by keyboard
    assert browser.find_element(By.ID, "scope").text == f"Xã Hòa Bình — Quý 2/{YEAR}"
    follow(browser, browser.find_element(By.LINK_TEXT, "English"))  # the same page in English
    assert browser.find_element(By.TAG_NAME, "h1").text == "Resolution targets"
    good = browser.find_element(By.ID, "t-good_or_better").text
    assert "rated good or better" in good and "over 90% each year" in good and good.endswith("6/6 Passed")
    assert browser.find_element(By.ID, "t-key_titles_non_local").text.endswith("1/2 Not passed")
    screenshot(browser, "scorecard_05_xa_en")
    assert_accessible(browser, "a commune's scorecard in English")


def test_the_satisfaction_report_holds_the_pages_figures_and_names_as_text(commune, browser, screenshot):
    reg, ids = commune["reg"], commune["ids"]
    kiosk = reg.kiosk(commune["unit"]["id"])
    wait_until_kiosk_lists(commune["base"], kiosk["token"], [ids["s3"]], timeout=90)
    for i, overall in enumerate(("very_satisfied", "satisfied", "satisfied", "satisfied", "dissatisfied")):
        at = (datetime.now(timezone.utc) - timedelta(minutes=50 - 10 * i)).isoformat()  # no burst: minutes apart
        res = requests.post(f"{reg.base}/kiosk/responses", json=answer(ids["s3"], overall, answered_at=at),
                            headers=kiosk_headers(kiosk["token"]), timeout=30)
        assert res.status_code == 201, res.text
    sign_in(browser, commune["base"], commune["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Hài lòng của người dân"))
    official = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if FORMULA in r.text)
    assert [td.text for td in official.find_elements(By.TAG_NAME, "td")][1:] == ["5", "1", "3", "1", "80.0%"]
    screenshot(browser, "scorecard_04_hai_long_tai_bao_cao")

    web = web_session(browser)
    sheet = load_workbook(io.BytesIO(web.get(browser.find_element(By.ID, "export-xlsx").get_attribute("href"),
                                             timeout=60).content)).active
    [row] = [r for r in sheet.iter_rows() if r[1].value == FORMULA]
    assert row[1].data_type == "s"  # the name comes back as text, never a formula
    assert [c.value for c in row[2:7]] == [5, 1, 3, 1, 80.0]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total[2:7] == (5, 1, 3, 1, 80.0)
    printable = web.get(browser.find_element(By.ID, "export-pdf").get_attribute("href"), timeout=60)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(printable.content)).pages)
    assert "BÁO CÁO CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN" in text and "Xã Hòa Bình".upper() in text and "80.0" in text
