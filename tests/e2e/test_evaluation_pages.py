"""A period's pages (issue 12) in headless Chromium against the whole platform, in the order a
commune lives it: the province opens the period; the unit's HR reminds the raters, assigns a task
(coefficient 1,5, due date, evidence link, then an uploaded file, a delay and a quality failure
confirmed as objective), adjusts the 360 assignment and marks a head's criterion e 50 with a reason; two cadres rate on /ratings; the province closes the
period and the page follows the job until it is done; a tie at the cut of xuất sắc waits for the
unit's decision (approval refused until then); the province approves; the cadre reads her level and
her percentile on /me. The tests share one platform and run in this order (each reads what the one
before left on it). Other cadres' tasks and ratings are put in through the API (they are not what
these pages show)."""
from __future__ import annotations

import io

import pytest
import requests
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from support.browser import follow, sign_in, text_of
from support.world import USER_PASSWORD, World, unique

pytestmark = pytest.mark.e2e
YEAR = 2039  # this module's period; other modules use other years
CODE = f"{YEAR}-Q4"
TENS = {"service": 10, "coordination": 10, "discipline": 10}
EVIDENCE = b"%PDF-1.4\n% bien ban nghiem thu\n%%EOF\n"


@pytest.fixture(scope="module")
def commune(stack):
    """Xã Tân Lập: a chairman, two departments with a head each, ten staff in one task group."""
    reg = World(stack)
    unit = reg.unit("Xã Tân Lập")

    def position(title, task_group, leadership="none"):
        return reg.created("/positions", {"code": unique("VT"), "title": title, "task_group": task_group,
                                           "is_leader": leadership != "none", "leadership": leadership})["id"]

    chair_p, head_p = position("Chủ tịch UBND xã", "Lãnh đạo UBND", "unit_chief"), position("Trưởng phòng", "Lãnh đạo phòng",
                                                                                           "department_head")
    staff_p = position("Chuyên viên", "Chuyên môn")
    people = {"chair": ("Nguyễn Văn Chính", chair_p, None), "kt_head": ("Trần Thị Kim", head_p, "KT"),
              "vh_head": ("Lê Văn Hòa", head_p, "VHXH")}
    people.update({f"kt{i}": (f"Phạm Thị Kinh {i}", staff_p, "KT") for i in range(1, 7)})
    people.update({f"vh{i}": (f"Vũ Thị Hương {i}", staff_p, "VHXH") for i in range(1, 5)})
    ids = {key: reg.cadre(unit["id"], name, position_id=pos, department_code=dept)["id"]
           for key, (name, pos, dept) in people.items()}
    users = {"hr": reg.user("unit_hr", unit["id"]), **{key: reg.user("cadre", cadre_id=ids[key])
                                                       for key in ("kt_head", "kt1", "kt2")}}
    return {"reg": reg, "base": stack.url(), "api": reg.base, "unit": unit, "ids": ids, "names": people,
            "users": users, "admin_password": stack.admin_password}


def as_user(world, key: str) -> requests.Session:
    return world["reg"].session_of(world["users"][key])


def the_period(world) -> dict:
    found = [p for p in world["reg"].admin.get(world["api"] + "/periods", timeout=30).json() if p["code"] == CODE]
    assert found, f"period {CODE} is opened by the first test of this module"
    return found[0]


def unit_page(world, period: dict, tail: str = "") -> str:
    return f"{world['base']}/evaluation/periods/{period['id']}/units/{world['unit']['id']}{tail}"


def web_session(browser) -> requests.Session:
    """The browser's sign-in, for the page's download links."""
    web = requests.Session()
    for cookie in browser.get_cookies():
        web.cookies.set(cookie["name"], cookie["value"])
    return web


def test_the_province_opens_a_period(commune, browser, screenshot, assert_accessible):
    sign_in(browser, commune["base"], "admin", commune["admin_password"])
    follow(browser, browser.find_element(By.LINK_TEXT, "Kỳ đánh giá"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kỳ đánh giá"
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#open-period-form button[type=submit]"))  # nothing filled
    assert browser.find_element(By.ID, "error-summary").is_displayed()
    assert_accessible(browser, "opening a period, with errors")
    year = browser.find_element(By.ID, "f-year")
    year.clear()
    year.send_keys(str(YEAR))
    Select(browser.find_element(By.ID, "f-quarter")).select_by_value("4")
    browser.find_element(By.ID, "f-rating_due_on").send_keys(f"10/12/{YEAR}")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#open-period-form button[type=submit]"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(f"Kỳ đánh giá Quý 4/{YEAR}")
    page = text_of(browser)
    assert "Đã mở kỳ đánh giá" in page and f"01/10/{YEAR} – 31/12/{YEAR}" in page and f"10/12/{YEAR}" in page
    assert the_period(commune)["rating_due_on"] == f"{YEAR}-12-10"
    row = browser.find_element(By.ID, f"u-{commune['unit']['id']}")
    assert "0/0" in row.find_elements(By.TAG_NAME, "td")[0].text  # no task yet
    screenshot(browser, "evaluation_01_ky_moi_mo")
    assert_accessible(browser, "a period just opened")


def test_unit_hr_reminds_assigns_a_task_and_adjusts_the_raters(commune, browser, screenshot, assert_accessible,
                                                               tmp_path):
    world, ids, period = commune, commune["ids"], the_period(commune)
    hr = as_user(world, "hr")
    for key in [f"kt{i}" for i in range(2, 7)] + [f"vh{i}" for i in range(1, 5)]:  # everyone else's task, done
        task = hr.post(world["api"] + "/tasks", timeout=30, json={
            "cadre_id": ids[key], "period": CODE, "title": "Báo cáo chuyên đề", "coefficient": 1,
            "due_on": f"{YEAR}-12-01"})
        assert task.status_code == 201, task.text
        assert hr.patch(f"{world['api']}/tasks/{task.json()['id']}", json={"completed_on": f"{YEAR}-11-30"},
                        timeout=30).status_code == 200

    sign_in(browser, world["base"], world["users"]["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Kỳ đánh giá"))
    follow(browser, browser.find_element(By.LINK_TEXT, f"Quý 4/{YEAR}"))
    row = browser.find_element(By.ID, f"u-{world['unit']['id']}")
    follow(browser, row.find_element(By.CSS_SELECTOR, "form button"), keys="\n")  # by keyboard
    assert "Đã nhắc" in text_of(browser) and "Xã Tân Lập" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    row = browser.find_element(By.ID, f"u-{world['unit']['id']}")
    screenshot(browser, "evaluation_02_tien_do_theo_don_vi")
    assert_accessible(browser, "the period page of a unit's HR")

    follow(browser, row.find_element(By.LINK_TEXT, "Xã Tân Lập"))
    done = browser.find_element(By.XPATH, "//dt[.='Nhiệm vụ hoàn thành']/following-sibling::dd[1]")
    assert done.text == "9/9"  # the unit's round counted exactly
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Nhiệm vụ (sản phẩm)"))
    Select(browser.find_element(By.ID, "f-cadre_id")).select_by_value(ids["kt1"])
    browser.find_element(By.ID, "f-title").send_keys("Đề án chuyển đổi số xã")
    coefficient = browser.find_element(By.ID, "f-coefficient")
    coefficient.clear()
    coefficient.send_keys("1,5")
    browser.find_element(By.ID, "f-due_on").send_keys(f"01/12/{YEAR}")
    browser.find_element(By.ID, "f-evidence_url").send_keys("https://tanlap.example.vn/de-an")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#task-form button[type=submit]"))
    assert "Đã giao nhiệm vụ." in text_of(browser)
    mine = browser.find_element(By.ID, f"c-{ids['kt1']}")
    assert [td.text for td in mine.find_elements(By.TAG_NAME, "td")][:4] == [
        "Đề án chuyển đổi số xã", "1.5", f"01/12/{YEAR}", "Chưa"]
    screenshot(browser, "evaluation_03_nhiem_vu_don_vi")
    assert_accessible(browser, "a unit's tasks")

    follow(browser, mine.find_element(By.LINK_TEXT, "Đề án chuyển đổi số xã"))
    for name, value in (("completed_on", f"28/11/{YEAR}"), ("quality_failures", "1"), ("exempt_quality_failures", "1"),
                        ("delays", "1"), ("exempt_delays", "1")):
        box = browser.find_element(By.ID, f"f-{name}")
        box.clear()
        box.send_keys(value)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#task-result-form button[type=submit]"))
    assert "Đã lưu kết quả nhiệm vụ." in text_of(browser)
    evidence = tmp_path / "bien-ban-nghiem-thu.pdf"
    evidence.write_bytes(EVIDENCE)
    browser.find_element(By.ID, "f-file").send_keys(str(evidence))
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#evidence-form button[type=submit]"))
    assert "Đã tải lên tệp minh chứng." in text_of(browser)
    link = browser.find_element(By.CSS_SELECTOR, "#evidence ul.files a")
    assert link.text == "bien-ban-nghiem-thu.pdf"
    assert web_session(browser).get(link.get_attribute("href"), timeout=30).content == EVIDENCE
    task = next(t for t in hr.get(world["api"] + "/tasks", params={"cadre_id": ids["kt1"], "period": CODE},
                                  timeout=30).json())
    assert (task["coefficient"], task["completed_on"], task["quality_failures"], task["exempt_quality_failures"],
            task["delays"], task["exempt_delays"], len(task["evidence_files"])) == (1.5, f"{YEAR}-11-28", 1, 1, 1, 1, 1)
    screenshot(browser, "evaluation_04_ket_qua_nhiem_vu")
    assert_accessible(browser, "a task's result and evidence")

    browser.get(unit_page(world, period, "/raters"))
    Select(browser.find_element(By.ID, "f-rater_id")).select_by_value(ids["vh_head"])
    Select(browser.find_element(By.ID, "f-ratee_id")).select_by_value(ids["kt_head"])
    Select(browser.find_element(By.ID, "f-group")).select_by_value("peer")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#adjust-form button[type=submit]"))  # no reason
    assert browser.find_element(By.ID, "error-summary").is_displayed()
    browser.find_element(By.ID, "f-reason").send_keys("Hai trưởng phòng phối hợp thường xuyên")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#adjust-form button[type=submit]"))
    assert "Đã điều chỉnh phân công." in text_of(browser)
    head = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#pairs tbody tr")
                if r.find_element(By.TAG_NAME, "th").text.startswith("Trần Thị Kim"))
    assert "Lê Văn Hòa điều chỉnh" in head.find_elements(By.TAG_NAME, "td")[-1].text
    assert "Hai trưởng phòng phối hợp thường xuyên" in browser.find_element(By.ID, "adjustments").text
    screenshot(browser, "evaluation_05_phan_cong_360")
    assert_accessible(browser, "the 360 assignment with an adjustment")

    browser.get(unit_page(world, period, "/tasks"))
    follow(browser, browser.find_element(By.ID, "leaders").find_element(By.LINK_TEXT, "Trần Thị Kim"))
    browser.find_element(By.ID, "f-unity-0").click()  # e marked 50…
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#criteria-form button[type=submit]"))  # …without a reason
    assert browser.find_element(By.ID, "error-summary").is_displayed()
    assert browser.find_element(By.ID, "f-unity-0").is_selected()
    browser.find_element(By.ID, "f-unity_reason").send_keys("Mất đoàn kết trong phòng Kinh tế, đã được nhắc nhở")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#criteria-form button[type=submit]"))
    assert "Đã ghi tiêu chí đ, e của lãnh đạo." in text_of(browser)
    head = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#leaders tbody tr") if "Trần Thị Kim" in r.text)
    assert head.find_elements(By.TAG_NAME, "td")[1].text == "50: Mất đoàn kết trong phòng Kinh tế, đã được nhắc nhở"
    assert_accessible(browser, "the leaders' criteria")


def test_two_cadres_rate_on_the_ratings_page(commune, browser, screenshot, assert_accessible):
    world, ids = commune, commune["ids"]
    head = as_user(world, "kt_head")
    for ratee in ("kt1", "kt2"):  # kt1 and kt2 will tie at 100
        rated = head.post(world["api"] + "/ratings", timeout=30,
                          json={"period": CODE, "ratee_id": ids[ratee], "group": "leader", "scores": TENS})
        assert rated.status_code == 201, rated.text

    sign_in(browser, world["base"], world["users"]["kt1"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Đánh giá 360"))
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Đánh giá 360 — Quý 4/{YEAR}"
    listed = browser.find_elements(By.CSS_SELECTOR, ".to-rate li")
    assert "Phạm Thị Kinh 1 — Tự đánh giá: chưa đánh giá" == listed[0].text
    assert any("Trần Thị Kim — Cấp dưới" in li.text for li in listed)
    peer = browser.find_element(By.ID, f"r-{ids['kt3']}")
    Select(peer.find_element(By.NAME, "service")).select_by_value("7")
    follow(browser, peer.find_element(By.CSS_SELECTOR, "button[type=submit]"))  # two marks missing
    peer = browser.find_element(By.ID, f"r-{ids['kt3']}")
    assert "Chọn điểm từ 0 đến 10" in peer.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert Select(peer.find_element(By.NAME, "service")).first_selected_option.text == "7"  # kept
    assert_accessible(browser, "ratings with an error")

    own = browser.find_element(By.ID, f"r-{ids['kt1']}")
    for index in TENS:
        Select(own.find_element(By.NAME, index)).select_by_value("10")
    follow(browser, own.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Đã lưu đánh giá." in text_of(browser)
    assert browser.find_elements(By.CSS_SELECTOR, ".to-rate li")[0].text == "Phạm Thị Kinh 1 — Tự đánh giá: đã đánh giá"
    mine = as_user(world, "kt1").get(world["api"] + "/ratings/mine", params={"period": CODE}, timeout=30).json()
    assert mine["items"][0]["scores"] == TENS and mine["rated"] == 1
    screenshot(browser, "evaluation_06_danh_gia_360")
    assert_accessible(browser, "a cadre's ratings")

    # a second cadre rates on the page: kt2's self-assessment (10 each, for the tie at 100)
    browser.delete_all_cookies()
    sign_in(browser, world["base"], world["users"]["kt2"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Đánh giá 360"))
    own = browser.find_element(By.ID, f"r-{ids['kt2']}")
    for index in TENS:
        Select(own.find_element(By.NAME, index)).select_by_value("10")
    follow(browser, own.find_element(By.CSS_SELECTOR, "button[type=submit]"), keys="\n")  # by keyboard
    assert "Đã lưu đánh giá." in text_of(browser)
    assert browser.find_elements(By.CSS_SELECTOR, ".to-rate li")[0].text == "Phạm Thị Kinh 2 — Tự đánh giá: đã đánh giá"
    mine = as_user(world, "kt2").get(world["api"] + "/ratings/mine", params={"period": CODE}, timeout=30).json()
    assert mine["items"][0]["scores"] == TENS and mine["rated"] == 1


def test_the_province_closes_the_period_and_the_page_follows_the_job(commune, browser, screenshot, assert_accessible):
    world, period = commune, the_period(commune)
    sign_in(browser, world["base"], "admin", world["admin_password"])
    browser.get(f"{world['base']}/evaluation/periods/{period['id']}")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#close-form button[type=submit]"))  # not confirmed
    assert "Hãy đánh dấu xác nhận" in browser.find_element(By.ID, "error-summary").text
    browser.find_element(By.ID, "f-confirm").click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#close-form button[type=submit]"))
    assert browser.find_element(By.ID, "job-title").text == "Tiến độ khóa kỳ"
    screenshot(browser, "evaluation_07_dang_khoa_ky")
    # the page's script polls the job and opens the page afresh once it is over: no reload by the test
    WebDriverWait(browser, 180).until(lambda d: "Đã khóa" in d.find_element(By.TAG_NAME, "h1").text)
    row = browser.find_element(By.ID, f"u-{world['unit']['id']}")
    assert "Vượt giới hạn, chưa quyết định" in row.text
    assert "Khóa kỳ: Đã xong" in browser.find_element(By.ID, "job-text").text
    assert the_period(world)["scores"] == 10  # the ten staff with tasks
    screenshot(browser, "evaluation_08_ky_da_khoa")
    assert_accessible(browser, "a closed period")


def test_a_tie_at_the_cut_is_decided_by_the_unit_then_approved(commune, browser, screenshot, assert_accessible):
    world, ids, period = commune, commune["ids"], the_period(commune)
    sign_in(browser, world["base"], "admin", world["admin_password"])
    browser.get(unit_page(world, period))
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#approve-form button[type=submit]"))
    assert browser.find_element(By.ID, "error-summary").is_displayed()  # 409: the tie is undecided
    browser.delete_all_cookies()

    sign_in(browser, world["base"], world["users"]["hr"], USER_PASSWORD)
    browser.get(unit_page(world, period))
    tie = browser.find_element(By.CSS_SELECTOR, ".tie").text
    assert "Phạm Thị Kinh 1" in tie and "Phạm Thị Kinh 2" in tie and "100.00" in tie
    quota = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#quota-table tbody tr") if "Chuyên môn" in r.text)
    assert [td.text for td in quota.find_elements(By.TAG_NAME, "td")][:3] == ["8", "2", "1"]
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    screenshot(browser, "evaluation_09_de_xuat_xep_loai")
    assert_accessible(browser, "a classification proposal with a tie")
    for box in browser.find_elements(By.CSS_SELECTOR, "form.decision input[name=keep_excellent]"):
        box.click()  # both: one too many
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.decision button[type=submit]"))
    assert browser.find_element(By.CSS_SELECTOR, "form.decision .error-message").text
    assert_accessible(browser, "a decision with an error")
    for box in browser.find_elements(By.CSS_SELECTOR, "form.decision input[name=keep_excellent]"):
        if (box.get_attribute("value") == ids["kt1"]) != box.is_selected():
            box.click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.decision button[type=submit]"))
    assert "Đã ghi quyết định của đơn vị." in text_of(browser)
    levels = {r.find_element(By.TAG_NAME, "th").text: r.find_elements(By.TAG_NAME, "td")[3].text
              for r in browser.find_elements(By.CSS_SELECTOR, "#classification tbody tr")}
    assert levels["Phạm Thị Kinh 1"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert levels["Phạm Thị Kinh 2"].startswith("Hoàn thành tốt nhiệm vụ")

    web = web_session(browser)
    sheet = web.get(browser.find_element(By.LINK_TEXT, "Bảng tính (XLSX)").get_attribute("href"), timeout=60)
    assert sheet.status_code == 200 and "filename" in sheet.headers["Content-Disposition"]
    names = {c for row in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True) for c in row}
    assert {"Phạm Thị Kinh 1", "Vũ Thị Hương 4"} <= names
    printable = web.get(browser.find_element(By.LINK_TEXT, "Bản in (PDF)").get_attribute("href"), timeout=60)
    assert printable.status_code == 200 and printable.content.startswith(b"%PDF")
    browser.delete_all_cookies()

    sign_in(browser, world["base"], "admin", world["admin_password"])
    browser.get(unit_page(world, period))
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#approve-form button[type=submit]"))
    assert "Đã phê duyệt và công bố kết quả xếp loại." in text_of(browser)
    assert not browser.find_elements(By.ID, "approve-form")
    screenshot(browser, "evaluation_10_da_phe_duyet")
    assert_accessible(browser, "an approved classification")


def test_the_cadre_reads_her_level_and_percentile(commune, browser, screenshot, assert_accessible):
    world = commune
    sign_in(browser, world["base"], world["users"]["kt1"], USER_PASSWORD)
    browser.get(f"{world['base']}/me?period={CODE}")  # where classification_published leads
    result = browser.find_element(By.ID, "period-result").text
    assert f"Kỳ Quý 4/{YEAR}" in result and "100.00/100" in result
    assert "Hoàn thành xuất sắc nhiệm vụ" in result
    assert "cao hơn hoặc bằng 100% cán bộ cùng vị trí trong tỉnh (so với 10 người)" in result
    chart = browser.find_element(By.CSS_SELECTOR, "#percentile svg.chart[role=img]")
    assert chart.get_attribute("aria-labelledby")
    screenshot(browser, "evaluation_11_ket_qua_cua_toi")
    assert_accessible(browser, "a cadre's results")
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Danh sách xếp loại của đơn vị"))
    assert "Phạm Thị Kinh 2" in browser.find_element(By.ID, "classification").text
    follow(browser, browser.find_element(By.LINK_TEXT, "English"))  # the same page in English
    assert browser.find_element(By.ID, "list-title").text == "Classification list"
    assert "Completed tasks outstandingly" in browser.find_element(By.ID, "classification").text
    screenshot(browser, "evaluation_12_xep_loai_don_vi_en")
    assert_accessible(browser, "the unit's published classification, read by a cadre in English")
