"""Training by role on the web (issue 15) in headless Chromium against the whole platform: a unit's
compliance page whose counts are the API's, the province's overview, the requirements and the course
catalogue edited by the province's HR, a cadre's own training plan, and the training_due notice the
training worker's daily job sends to the unit's HR."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from datetime import date, timedelta

import pytest
import requests
from openpyxl import load_workbook
from pymongo import MongoClient
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from support.browser import follow, sign_in, text_of
from support.platform import ROOT, eventually
from support.world import USER_PASSWORD, World

pytestmark = pytest.mark.e2e
HEADER = "Mã cán bộ;Họ và tên;Mã khóa học;Khóa/Lớp;Ngày hoàn thành;Kết quả;Số giờ;Chứng chỉ hết hạn"


def months_ago(months: int, days: int = 0) -> date:
    today = date.today()
    year, month = divmod(today.month - 1 - months, 12)
    return date(today.year + year, month + 1, min(today.day, 28)) + timedelta(days=days)


@pytest.fixture(scope="module")
def place(stack):
    registry = World(stack)
    unit = registry.unit("Xã Thanh Sơn")
    clerk = registry.position("Công chức Văn phòng - Thống kê")
    soon = months_ago(12, days=20)  # digital skills are due 12 months after appointment: in about 20 days
    names = ("Đinh Thị Mai", "Lò Văn Páo", "Hà Thị Nguyệt")
    cadres = [registry.cadre(unit["id"], name, position_id=clerk["id"], appointed_on=appointed.isoformat())
              for name, appointed in zip(names, (soon, months_ago(40), months_ago(2)))]
    admin, base = registry.admin, stack.url()
    eventually(lambda: all(admin.get(f"{base}/api/v1/training/cadres/{c['id']}/compliance", timeout=30).status_code
                           == 200 for c in cadres), timeout=90, message="the cadres' copies in training")
    expired = (date.today() - timedelta(days=3)).strftime("%d/%m/%Y")
    rows = [HEADER, f"{cadres[1]['code']};Lò Văn Páo;CDS-CB;CDS-K1;{months_ago(37).strftime('%d/%m/%Y')};Đạt;24;{expired}",
            f"{cadres[2]['code']};Hà Thị Nguyệt;QLNN-CX2C;K2;{months_ago(1).strftime('%d/%m/%Y')};Đạt;40;"]
    res = admin.post(f"{base}/api/v1/training/uploads", timeout=60,
                     files={"file": ("ket-qua.csv", "\n".join(rows).encode(), "text/csv")})
    assert res.status_code == 201 and res.json()["accepted"] == 2, res.text
    path = f"{base}/api/v1/training/cadres/{cadres[1]['id']}/results"
    eventually(lambda: admin.get(path, timeout=30).json(), timeout=90, message="the results reach compliance")
    return {"registry": registry, "unit": unit, "cadres": cadres, "clerk": clerk, "base": base,
            "hr": registry.user("unit_hr", unit["id"]),
            "cadre_user": registry.user("cadre", unit["id"], cadre_id=cadres[0]["id"])}


def test_a_units_compliance_page_shows_the_apis_counts(place, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], place["hr"], USER_PASSWORD)
    follow(browser, browser.find_element(By.LINK_TEXT, "Bồi dưỡng"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tình trạng bồi dưỡng — Xã Thanh Sơn"
    api = place["registry"].session_of(place["hr"]).get(
        f"{place['base']}/api/v1/training/units/{place['unit']['id']}/compliance", timeout=30).json()
    shown = {dd.get_attribute("data-status"): int(dd.text)
             for dd in browser.find_elements(By.CSS_SELECTOR, "#compliance-summary dd[data-status]")}
    assert shown == {status: api["summary"][status]
                     for status in ("required", "done", "due_soon", "overdue", "expired", "not_due")}
    assert shown["expired"] >= 1 and shown["due_soon"] >= 1
    rows = {r.find_element(By.TAG_NAME, "th").text: [int(td.text) for td in r.find_elements(By.TAG_NAME, "td")[1:]]
            for r in browser.find_elements(By.CSS_SELECTOR, "#by-cadre tbody tr")}
    for row in api["by_cadre"]:
        s = row["summary"]
        assert rows[row["full_name"]] == [s["required"], s["done"], s["due_soon"], s["overdue"], s["expired"],
                                          s["not_due"]]
    attention = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#attention tbody tr")]
    assert any("Lò Văn Páo" in r and "Chứng chỉ hết hạn" in r for r in attention)
    assert any("Đinh Thị Mai" in r and "Sắp đến hạn" in r for r in attention)
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    screenshot(browser, "training_01_tinh_trang_don_vi")
    assert_accessible(browser, "training compliance of a unit")

    web = requests.Session()  # the page's download links, with the browser's sign-in
    for cookie in browser.get_cookies():
        web.cookies.set(cookie["name"], cookie["value"])
    sheet = web.get(browser.find_element(By.ID, "export-xlsx").get_attribute("href"), timeout=60)
    assert sheet.status_code == 200 and "filename" in sheet.headers["Content-Disposition"]
    rows = [r for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
            if isinstance(r[0], int)]
    assert len(rows) == shown["required"] and sum(1 for r in rows if r[4] == "Chứng chỉ hết hạn") == shown["expired"]
    printable = web.get(browser.find_element(By.ID, "export-pdf").get_attribute("href"), timeout=60)
    assert printable.status_code == 200 and printable.content.startswith(b"%PDF")


def test_the_province_sees_every_unit_and_opens_one(place, stack, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], "admin", stack.admin_password)
    browser.get(place["base"] + "/training/compliance")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#by-unit tbody tr") if "Xã Thanh Sơn" in r.text)
    assert row.find_elements(By.TAG_NAME, "td")[0].text == "3"
    screenshot(browser, "training_02_tinh_trang_toan_tinh")
    assert_accessible(browser, "training compliance of the province")
    follow(browser, row.find_element(By.TAG_NAME, "a"))
    assert "Xã Thanh Sơn" in browser.find_element(By.TAG_NAME, "h1").text


def test_the_province_overview_marks_figures_of_an_earlier_day(place, stack, browser, screenshot,
                                                                 assert_accessible):
    """After midnight, until the daily job has computed every unit for the new day, the overview shows
    a unit's figures of the day before — marked with their day, not computed again in the request."""
    db = MongoClient(stack.env_for("training")["C360_MONGO_URI"]).get_default_database()
    unit_id, yesterday = place["unit"]["id"], date.today() - timedelta(days=1)
    stored = db["compliance_overview"].find_one({"_id": "units"})["units"][unit_id]
    number, _bar, entry = stored.partition("|")
    earlier = {**json.loads(entry), "as_of": yesterday.isoformat()}
    db["compliance_overview"].update_one({"_id": "units"},
                                         {"$set": {f"units.{unit_id}": f"{number}|{json.dumps(earlier)}"}})
    try:
        sign_in(browser, place["base"], "admin", stack.admin_password)
        browser.get(place["base"] + "/training/compliance")
        notice = browser.find_element(By.CSS_SELECTOR, "p.notice[role=status]").text
        assert notice == (f"Số liệu của 1 đơn vị được tính từ ngày {yesterday.strftime('%d/%m/%Y')}; "
                          "số liệu hôm nay đang được cập nhật.")
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#by-unit tbody tr") if "Xã Thanh Sơn" in r.text)
        assert row.find_elements(By.TAG_NAME, "td")[0].text == "3"
        screenshot(browser, "training_02b_so_lieu_ngay_truoc")
        assert_accessible(browser, "training compliance of the province, figures of an earlier day")
    finally:
        db["compliance_overview"].update_one({"_id": "units"}, {"$set": {f"units.{unit_id}": stored}})


def test_province_hr_keeps_the_requirements_and_the_catalogue(place, stack, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], "admin", stack.admin_password)
    browser.get(place["base"] + "/training/requirements")
    page = text_of(browser)
    assert "Chương trình bồi dưỡng lãnh đạo cấp phòng (4 tuần)" in page and "Bồi dưỡng lãnh đạo, quản lý cấp phòng" in page
    for heading in ("Lý luận chính trị", "Quốc phòng và an ninh", "Quản lý nhà nước",
                    "Kỹ năng theo vị trí việc làm", "Khoa học, công nghệ và kỹ năng số"):
        assert heading in page
    screenshot(browser, "training_03_yeu_cau")
    assert_accessible(browser, "training requirements and catalogue")

    follow(browser, browser.find_element(By.LINK_TEXT, "Thêm yêu cầu"))
    assert_accessible(browser, "new requirement form")
    code = "YC-" + uuid.uuid4().hex[:5].upper()
    browser.find_element(By.ID, "f-code").send_keys(code)
    browser.find_element(By.ID, "f-title").send_keys("Văn phòng: kỹ năng soạn thảo văn bản")
    browser.find_element(By.ID, "target-course").click()  # …but no course chosen
    browser.find_element(By.ID, "f-due_within_months").send_keys("6")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Chọn đúng một: khóa học hoặc nhóm nội dung" in browser.find_element(By.ID, "e-course_code").text
    assert browser.find_element(By.ID, "f-title").get_attribute("value") == "Văn phòng: kỹ năng soạn thảo văn bản"
    assert_accessible(browser, "new requirement form with an error")
    Select(browser.find_element(By.ID, "f-course_code")).select_by_value("KN-VB")
    browser.find_element(By.ID, "f-repeat_every_months").send_keys("24")
    box = next(b for b in browser.find_elements(By.NAME, "position_codes")
               if b.get_attribute("value") == place["clerk"]["code"])
    box.click()
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Đã lưu yêu cầu bồi dưỡng." in text_of(browser)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#requirements tbody tr") if code in r.text)
    assert "Kỹ năng soạn thảo văn bản hành chính" in row.text and "Công chức Văn phòng - Thống kê" in row.text
    api = place["registry"].admin.get(f"{place['base']}/api/v1/training/requirements/{code}", timeout=30).json()
    assert (api["course_code"], api["due_within_months"], api["repeat_every_months"], api["position_codes"]) == (
        "KN-VB", 6, 24, [place["clerk"]["code"]])
    follow(browser, row.find_element(By.CSS_SELECTOR, "form button"))
    assert code not in text_of(browser)


def test_a_cadre_reads_their_own_training_plan(place, browser, screenshot, assert_accessible):
    sign_in(browser, place["base"], place["cadre_user"], USER_PASSWORD)
    plan = browser.find_element(By.ID, "training-plan")
    assert "Kế hoạch bồi dưỡng" in plan.text and "Sắp đến hạn" in plan.text
    assert "Kỹ năng số cơ bản cho cán bộ, công chức" in plan.text  # a course that closes the digital-skills item
    screenshot(browser, "training_04_ke_hoach_cua_toi")
    assert_accessible(browser, "a cadre's home with the training plan")


def test_the_daily_job_tells_the_units_hr_what_is_due(place, stack):
    env = {**os.environ, **stack.env_for("training")}
    done = subprocess.run([sys.executable, "-m", "cadre_shared.daily_jobs", "training", "training-due"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    hr = place["registry"].session_of(place["hr"])

    def notices():
        items = hr.get(place["base"] + "/api/v1/notifications", timeout=30).json()["items"]
        return [n for n in items if n["kind"] == "training_due"]

    found = eventually(lambda: len(notices()) >= 2 and notices(), timeout=90, message="training_due in HR's inbox")
    bodies = " ".join(n["body"] for n in found)
    assert "Đinh Thị Mai" in bodies and "Lò Văn Páo" in bodies
    assert all(n["link"] == f"/training/compliance?unit_id={place['unit']['id']}" for n in found)


def test_a_large_file_shows_its_jobs_progress_then_the_report(place, stack, browser, screenshot, assert_accessible,
                                                              tmp_path):
    """A file over the stack's TRAINING_UPLOAD_SYNC_ROWS (20) is answered at once and processed as a
    job: while the training worker is stopped its page shows the job queued with a labelled progress
    bar; once the worker is back the job runs, and the page (its script) shows the report as for a
    small file."""
    cadres = place["cadres"]
    session = f"JOB-{uuid.uuid4().hex[:4]}"
    rows = [HEADER] + [f"{cadres[n % 3]['code']};{('Đinh Thị Mai', 'Lò Văn Páo', 'Hà Thị Nguyệt')[n % 3]};KN-VB;"
                       f"{session}-{n // 3};{months_ago(1).strftime('%d/%m/%Y')};Đạt;16;" for n in range(30)]
    rows.append(f"CB-KHONG-CO;Trần Văn Ẩn;KN-VB;{session}-0;{months_ago(1).strftime('%d/%m/%Y')};Đạt;16;")
    path = tmp_path / "ket-qua-ca-nam.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    worker = stack.process("training-consumers")
    sign_in(browser, place["base"], "admin", stack.admin_password)
    browser.get(place["base"] + "/training/uploads")
    worker.stop()  # the job waits for it: the page shows the job queued, and stays so while it is checked
    try:
        browser.find_element(By.ID, "f-file").send_keys(str(path))
        follow(browser, browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]"))
        bar = browser.find_element(By.CSS_SELECTOR, "#job progress")
        assert bar.get_attribute("aria-labelledby") == "job-title" and \
            browser.find_element(By.ID, "job-title").text == "Tiến độ xử lý tệp"
        assert browser.find_element(By.ID, "job-text").text == "Xử lý tệp: Đang chờ chạy."
        screenshot(browser, "training_07_tai_len_dang_cho")
        assert_accessible(browser, "an upload's job waiting for the worker")
    finally:
        worker.start()
    job = requests.Session()
    for cookie in browser.get_cookies():
        job.cookies.set(cookie["name"], cookie["value"])
    status_url = place["base"] + browser.find_element(By.ID, "job").get_dom_attribute("data-job-url")
    eventually(lambda: job.get(status_url, timeout=30).json()["finished"], timeout=180, message="the upload's job")
    answer = job.get(status_url, timeout=30).json()
    assert (answer["status"], answer["total"], answer["validated"], answer["stored"], answer["done"]) == \
        ("done", 31, 31, 30, 31)
    eventually(lambda: browser.find_elements(By.ID, "upload-summary"), timeout=60,
               message="the page opened afresh by its script once the job is over")
    assert browser.find_element(By.ID, "upload-summary").text == \
        "Đã đọc 31 dòng: 30 dòng hợp lệ, 1 dòng bị từ chối."
    assert not browser.find_elements(By.ID, "job")
    screenshot(browser, "training_08_tai_len_bao_cao")
    assert_accessible(browser, "an upload's report after its job")
