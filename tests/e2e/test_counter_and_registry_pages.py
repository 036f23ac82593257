"""Issue 15 pages in headless Chromium against the whole platform: the competency framework edited on
the web, the cadre-list import with its per-row report, the training school's API key (created, used
for uploads only, revoked), and the counter's receipt whose printed QR code — read back with zbarimg —
opens the rating page for that official and dossier; the kiosk asks for the procedure."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from support.browser import follow, sign_in, text_of
from support.kiosks import answer, kiosk_headers, wait_until_kiosk_lists
from support.platform import eventually
from support.world import USER_PASSWORD, World, unique

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def place(stack):
    registry = World(stack)
    unit = registry.unit("Xã Nậm Cang", area="mountain")
    officials = [registry.cadre(unit["id"], name) for name in ("Vàng Thị Dế", "Sùng A Chứ")]
    return {"registry": registry, "unit": unit, "officials": officials, "base": stack.url(),
            "hr": registry.user("unit_hr", unit["id"])}


def test_province_hr_edits_the_competency_framework(place, stack, browser, screenshot, assert_accessible):
    registry, base = place["registry"], place["base"]
    position = registry.position("Công chức Tư pháp - Hộ tịch")
    sign_in(browser, base, "admin", stack.admin_password)
    follow(browser, browser.find_element(By.LINK_TEXT, "Khung năng lực"))
    screenshot(browser, "competency_01_khung")
    assert_accessible(browser, "competency framework")

    follow(browser, browser.find_element(By.LINK_TEXT, "Thêm năng lực"))
    code = unique("NL")
    browser.find_element(By.ID, "f-code").send_keys(code)
    browser.find_element(By.ID, "f-name").send_keys("Dân vận vùng đồng bào dân tộc thiểu số")
    Select(browser.find_element(By.ID, "f-group")).select_by_value("development")
    assert_accessible(browser, "new competency form")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Đã thêm năng lực." in text_of(browser)
    entry = browser.find_element(By.ID, f"c-{code}")
    assert "Thành thạo" in entry.find_element(By.CSS_SELECTOR, "li.proficient").text

    browser.get(f"{base}/competencies/positions/{position['id']}")
    Select(browser.find_element(By.ID, f"level-{code}")).select_by_value("3")
    screenshot(browser, "competency_02_vi_tri")
    assert_accessible(browser, "a position's required competencies")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    row = browser.find_element(By.ID, f"p-{position['code']}")
    assert "Dân vận vùng đồng bào dân tộc thiểu số ≥ 3" in row.text
    standard = registry.admin.get(f"{base}/api/v1/positions/{position['id']}", timeout=30).json()
    assert standard["version"] == 2 and standard["standard"]["required_competencies"] == [
        {"competency_code": code, "min_level": 3}]

    browser.get(f"{base}/competencies/positions/{position['id']}")  # a stale form: someone else saves first
    registry.admin.put(f"{base}/api/v1/standards/positions/{position['id']}/competencies", timeout=30,
                       json={"required_competencies": [], "version": 2})
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "vừa được người khác thay đổi" in text_of(browser)

    browser.get(f"{base}/competencies/appendices/mountain")
    browser.find_element(By.ID, "f-title").clear()
    browser.find_element(By.ID, "f-title").send_keys("Phụ lục vùng miền núi")
    Select(browser.find_element(By.ID, f"level-{code}")).select_by_value("2")
    browser.find_element(By.ID, f"leaders-{code}").click()
    assert_accessible(browser, "an area appendix")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Dân vận vùng đồng bào dân tộc thiểu số ≥ 2 — chỉ lãnh đạo" in browser.find_element(By.ID, "a-mountain") \
        .find_element(By.XPATH, "..").text


def test_hr_imports_a_cadre_list_and_reads_the_report(place, browser, screenshot, assert_accessible):
    unit_code = place["unit"]["code"]
    lines = ["Mã cán bộ,Họ và tên,Giới tính,Năm sinh,Mã đơn vị"]
    codes = [unique("NK") for _ in range(40)]
    lines += [f"{c},Người Nhập {i},nữ,1990,{unit_code}" for i, c in enumerate(codes)]
    lines += [f"{unique('NK')},Sai Năm Sinh,nam,1700,{unit_code}", f"{unique('NK')},Sai Đơn Vị,nam,1990,KHONG-CO"]
    folder = Path(tempfile.mkdtemp(prefix="c360-import-"))
    path = folder / "danh-sach.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    sign_in(browser, place["base"], place["hr"], USER_PASSWORD)
    browser.get(place["base"] + "/imports/cadres")
    assert_accessible(browser, "cadre import form")
    browser.find_element(By.ID, "f-file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
    outcome = WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.ID, "import-outcome"))[0]
    assert "đã đọc 42 dòng — tạo mới 40" in outcome.text and "bị từ chối 2" in outcome.text
    problems = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#import-errors tbody tr")]
    assert len(problems) == 2 and problems[0].startswith("42 Năm sinh") and problems[1].startswith("43 Mã đơn vị")
    screenshot(browser, "import_01_bao_cao")
    assert_accessible(browser, "cadre import report")
    shutil.rmtree(folder, ignore_errors=True)


def test_the_training_schools_key_uploads_and_nothing_else(place, stack, browser, screenshot, assert_accessible):
    base = place["base"]
    sign_in(browser, base, "admin", stack.admin_password)
    browser.get(base + "/api-keys")
    browser.find_element(By.ID, "f-name").send_keys("Phần mềm đào tạo — Trường Chính trị tỉnh")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    key = browser.find_element(By.ID, "new-key").text
    screenshot(browser, "api_key_01_tao")
    assert_accessible(browser, "API key created, shown once")
    browser.get(base + "/api-keys")
    assert key not in browser.page_source  # shown once only

    cadre = place["officials"][0]
    csv = ("Mã cán bộ;Họ và tên;Mã khóa học;Khóa/Lớp;Ngày hoàn thành;Kết quả;Số giờ;Chứng chỉ hết hạn\n"
           f"{cadre['code']};Vàng Thị Dế;KN-MC;MC-{uuid.uuid4().hex[:4]};02/10/2026;Đạt;24;\n").encode()
    admin = place["registry"].admin
    eventually(lambda: admin.get(f"{base}/api/v1/training/cadres/{cadre['id']}/compliance", timeout=30)
               .status_code == 200, timeout=90, message="the cadre's copy in training")
    sent = requests.post(base + "/api/v1/training/uploads", headers={"X-Api-Key": key}, timeout=60,
                         files={"file": ("ket-qua.csv", csv, "text/csv")})
    assert sent.status_code == 201 and sent.json()["accepted"] == 1, sent.text
    bearer = {"Authorization": f"Bearer {key}"}
    assert requests.get(f"{base}/api/v1/training/uploads/{sent.json()['id']}", headers=bearer,
                        timeout=30).status_code == 200
    for method, path in (("GET", "/api/v1/cadres"), ("GET", "/api/v1/training/uploads"),
                         ("POST", "/api/v1/courses"), ("GET", "/api/v1/users")):
        refused = requests.request(method, base + path, headers=bearer, json={}, timeout=30)
        assert refused.status_code in (401, 403), (path, refused.status_code)
    assert requests.get(base + "/api/v1/cadres", headers=bearer, timeout=30).status_code == 403

    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#api-keys tbody tr")
               if "Trường Chính trị tỉnh" in r.text and "Đang dùng" in r.text)
    follow(browser, row.find_element(By.CSS_SELECTOR, "button"))
    assert "Đã thu hồi khóa" in text_of(browser)
    again = requests.post(base + "/api/v1/training/uploads", headers={"X-Api-Key": key}, timeout=60,
                          files={"file": ("ket-qua.csv", csv, "text/csv")})
    assert again.status_code == 401 and again.json()["error"]["code"] == "invalid_api_key"
    trail = admin.get(base + "/api/v1/audit", timeout=30).json()
    actions = [r["action"] for r in (trail["items"] if isinstance(trail, dict) else trail)]
    assert "api_keys.create" in actions and "api_keys.revoke" in actions


def zbar(png: bytes) -> str:
    """The text of the one QR code in a PNG, as zbarimg reads it."""
    folder = Path(tempfile.mkdtemp(prefix="c360-qr-"))
    try:
        (folder / "qr.png").write_bytes(png)
        read = subprocess.run(["zbarimg", "--raw", "-q", str(folder / "qr.png")], capture_output=True, text=True,
                              timeout=60)
        assert read.returncode == 0, read.stderr
        return read.stdout.strip()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_printed_receipt_qr_opens_the_rating_of_that_official_and_dossier(place, browser, tablet_browser,
                                                                            screenshot, assert_accessible):
    registry, base, unit = place["registry"], place["base"], place["unit"]
    hr = registry.session_of(place["hr"])
    listed = hr.put(f"{base}/api/v1/surveys/units/{unit['id']}/procedures", timeout=30, json={"procedures": [
        {"code": "HT-KHAISINH", "name": "Đăng ký khai sinh"}, {"code": "DD-SAOY", "name": "Chứng thực bản sao"}]})
    assert listed.status_code == 200, listed.text
    official = place["officials"][1]
    eventually(lambda: hr.get(f"{base}/api/v1/surveys/units/{unit['id']}/counter-staff", timeout=30).json()
               .get("staff"), timeout=90, message="the unit's officials in the survey service")

    sign_in(browser, base, place["hr"], USER_PASSWORD)
    browser.get(base + "/receipts")
    assert_accessible(browser, "counter receipt form")
    dossier = "HS-" + uuid.uuid4().hex[:8].upper()
    browser.find_element(By.ID, "f-dossier_code").send_keys(dossier)
    Select(browser.find_element(By.ID, "f-cadre_id")).select_by_value(official["id"])
    Select(browser.find_element(By.ID, "f-procedure_code")).select_by_value("HT-KHAISINH")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "#receipt-form button[type=submit]"))
    assert browser.find_element(By.ID, "slip-dossier").text == dossier
    assert browser.find_element(By.ID, "slip-official").text == "Sùng A Chứ"
    screenshot(browser, "receipt_01_phieu_hen_qr")
    assert_accessible(browser, "receipt slip with its QR code")
    qr = browser.find_element(By.ID, "receipt-qr")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", qr)  # the whole code on screen
    link = zbar(qr.screenshot_as_png)
    assert link == browser.find_element(By.ID, "slip-link").get_attribute("href") and "/kiosk#r=" in link

    before = hr.get(f"{base}/api/v1/satisfaction", params={"cadre_id": official["id"], "period": _quarter()},
                    timeout=30).json()["responses"]
    tablet_browser.get(link)  # the citizen's phone
    WebDriverWait(tablet_browser, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-screen") == "faces")
    assert "Sùng A Chứ" in tablet_browser.find_element(By.ID, "official-named").text
    tablet_browser.find_element(By.CSS_SELECTOR, ".face.very-satisfied").click()
    assert tablet_browser.find_element(By.ID, "procedure-field").get_attribute("hidden") is not None  # on the QR
    tablet_browser.find_element(By.ID, "submit-answer").click()
    WebDriverWait(tablet_browser, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-screen") == "thanks")
    figures = eventually(lambda: (lambda f: f["responses"] == before + 1 and f)(hr.get(
        f"{base}/api/v1/satisfaction", params={"cadre_id": official["id"], "period": _quarter()}, timeout=30).json()),
        timeout=60, message="the answer counted for the official")
    assert figures["very_satisfied"] >= 1
    by_procedure = hr.get(f"{base}/api/v1/satisfaction", timeout=30, params={
        "unit_id": unit["id"], "procedure_code": "HT-KHAISINH", "period": _quarter()}).json()
    assert by_procedure["responses"] >= 1
    kiosk = registry.kiosk(unit["id"])
    wait_until_kiosk_lists(base, kiosk["token"], [official["id"]])
    again = requests.post(base + "/api/v1/kiosk/responses", headers=kiosk_headers(kiosk["token"]), timeout=30,
                          json=answer(official["id"], dossier_code=dossier))
    assert again.status_code == 409  # that dossier is rated: the answer was recorded for it


def test_the_kiosk_asks_for_the_procedure(place, tablet_browser, screenshot, assert_accessible):
    registry, base, unit = place["registry"], place["base"], place["unit"]
    kiosk = registry.kiosk(unit["id"], "Quầy tư pháp")
    official = place["officials"][0]
    context = wait_until_kiosk_lists(base, kiosk["token"], [official["id"]])
    assert [p["code"] for p in context["procedures"]] == ["HT-KHAISINH", "DD-SAOY"]
    tablet_browser.get(kiosk["setup_url"])
    WebDriverWait(tablet_browser, 60).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute(
        "data-screen") == "faces")
    tablet_browser.find_element(By.CSS_SELECTOR, ".face.satisfied").click()
    next(b for b in tablet_browser.find_elements(By.CSS_SELECTOR, "#staff-grid button")
         if b.get_attribute("data-cadre-id") == official["id"]).click()
    Select(tablet_browser.find_element(By.ID, "procedure")).select_by_value("DD-SAOY")
    tablet_browser.find_element(By.ID, "dossier-code").send_keys("HS-" + uuid.uuid4().hex[:8])
    screenshot(tablet_browser, "kiosk_thu_tuc")
    assert_accessible(tablet_browser, "kiosk details with the procedure")
    tablet_browser.find_element(By.ID, "submit-answer").click()
    hr = registry.session_of(place["hr"])
    eventually(lambda: hr.get(f"{base}/api/v1/satisfaction", timeout=30, params={
        "unit_id": unit["id"], "procedure_code": "DD-SAOY", "period": _quarter()}).json()["responses"] == 1,
        timeout=60, message="the kiosk's answer counted for its procedure")


def _quarter() -> str:
    from cadre_shared.clock import vietnam_now
    from cadre_shared.periods import period_codes_of

    return period_codes_of(vietnam_now())[0]
