"""The kiosk page in headless Chromium against the whole platform: a citizen's answer end to
end; with the network switched off three answers are given, the network returns and exactly
three are counted (by the survey service and, through Kafka, by the evaluation service); a
phone opened from a receipt's QR link answers once."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from support.kiosks import satisfaction, wait_until_kiosk_lists
from support.platform import eventually
from support.world import World
from survey.domain.periods import periods_of

pytestmark = pytest.mark.e2e
QUEUE = "c360.kiosk.queue.v1"


@pytest.fixture(scope="module")
def place(stack):
    reg = World(stack)
    unit = reg.unit("Xã Hương Sơn")["id"]
    staff = reg.cadres(unit, ["Nguyễn Thị Thu Hằng", "Phạm Văn Đức"])
    return {"base": stack.url(), "admin": reg.admin, "reg": reg, "unit": unit, "staff": staff}


def new_kiosk(place, name):
    kiosk = place["reg"].kiosk(place["unit"], name)
    wait_until_kiosk_lists(place["base"], kiosk["token"], place["staff"])
    return kiosk


def on_screen(driver, name, timeout=30):
    WebDriverWait(driver, timeout).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-screen") == name)


def queued(driver) -> int:
    return driver.execute_script(f"return JSON.parse(localStorage.getItem('{QUEUE}') || '[]').length")


def give_answer(driver, level, official_name, dossier, *, indicators=(), comment=None, check=None):
    """Through the kiosk's screens; ``check(driver, name)`` (the accessibility check) on the details screen."""
    driver.find_element(By.CSS_SELECTOR, f".face[data-overall='{level}']").click()
    on_screen(driver, "official")
    next(b for b in driver.find_elements(By.CSS_SELECTOR, ".staff") if official_name in b.text).click()
    on_screen(driver, "details")
    if check:
        check(driver, "kiosk: the details of an answer")
    driver.find_element(By.ID, "dossier-code").send_keys(dossier)
    for key, score in indicators:
        driver.find_element(By.CSS_SELECTOR, f".scores button[data-indicator='{key}'][data-score='{score}']").click()
    if comment:
        driver.find_element(By.ID, "comment").send_keys(comment)
    driver.find_element(By.ID, "submit-answer").click()
    on_screen(driver, "thanks")


def counted(place, cadre, **kw):
    return satisfaction(place["admin"], place["base"], cadre, periods_of(datetime.now(timezone.utc))[0], **kw)


def set_offline(driver, offline: bool):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_a_citizen_answers_at_the_kiosk(place, tablet_browser, screenshot, assert_accessible):
    kiosk, cadre = new_kiosk(place, "Ki-ốt quầy tiếp nhận"), place["staff"][1]
    driver = tablet_browser
    driver.get(kiosk["setup_url"])
    on_screen(driver, "faces")
    assert "#k=" not in driver.current_url  # the token leaves the address bar
    assert "Xã Hương Sơn" in driver.find_element(By.ID, "unit-name").text
    assert "Rất hài lòng" in driver.find_element(By.CSS_SELECTOR, ".face.very-satisfied").text
    screenshot(driver, "kiosk-01-faces")
    assert_accessible(driver, "kiosk: the faces")
    driver.find_element(By.CSS_SELECTOR, ".face[data-overall='satisfied']").click()
    on_screen(driver, "official")
    screenshot(driver, "kiosk-02-officials")
    assert_accessible(driver, "kiosk: the officials")
    driver.find_element(By.CSS_SELECTOR, "[data-action=back]").click()
    on_screen(driver, "faces")
    give_answer(driver, "very_satisfied", "Phạm Văn Đức", "000.00.12.h12-261125-0101",
                indicators=[("attitude", 5), ("time", 4)], comment="Cán bộ hướng dẫn rất tận tình",
                check=assert_accessible)
    screenshot(driver, "kiosk-03-thanks")
    assert_accessible(driver, "kiosk: thanks")
    on_screen(driver, "faces", timeout=20)  # the page resets itself for the next citizen
    eventually(lambda: queued(driver) == 0, timeout=30, message="answer confirmed by the server")
    assert counted(place, cadre)["very_satisfied"] == 1
    hr_view = eventually(lambda: place["admin"].get(place["base"] + "/api/v1/responses",  # filed from its event
                                                    params={"cadre_id": cadre, "with_comment": "true"}).json()["items"],
                         timeout=30, message="the answer in HR's listing")
    assert hr_view[0]["comment"] == "Cán bộ hướng dẫn rất tận tình"
    assert hr_view[0]["indicators"] == {"attitude": 5, "time": 4}


def test_three_answers_given_offline_are_counted_exactly_once(place, tablet_browser, screenshot, assert_accessible):
    kiosk, cadre = new_kiosk(place, "Ki-ốt mất mạng"), place["staff"][0]
    driver = tablet_browser
    driver.get(kiosk["setup_url"])
    on_screen(driver, "faces")
    levels_before = counted(place, cadre)
    before = levels_before["responses"]

    set_offline(driver, True)
    for i, level in enumerate(("very_satisfied", "satisfied", "dissatisfied")):
        give_answer(driver, level, "Nguyễn Thị Thu Hằng", f"HS-OFFLINE-{i}")
        on_screen(driver, "faces", timeout=20)  # thanked, then ready for the next citizen
    assert queued(driver) == 3
    assert "Mất kết nối" in driver.find_element(By.ID, "net-status").text
    screenshot(driver, "kiosk-04-offline-queue")
    assert_accessible(driver, "kiosk: offline, answers queued")
    assert counted(place, cadre)["responses"] == before  # nothing reached the server

    set_offline(driver, False)
    eventually(lambda: queued(driver) == 0, timeout=90, message="queue flushed after the network returned")
    after = counted(place, cadre)
    assert after["responses"] == before + 3
    assert (after["very_satisfied"], after["satisfied"], after["dissatisfied"]) == tuple(
        counted_before + 1 for counted_before in (levels_before["very_satisfied"], levels_before["satisfied"],
                                                  levels_before["dissatisfied"]))
    eventually(lambda: counted(place, cadre, from_evaluation=True)["responses"] == before + 3, timeout=60,
               message="the evaluation service counts the same three")
    assert counted(place, cadre)["responses"] == before + 3


def test_replayed_queue_entry_is_not_counted_twice(place, tablet_browser):
    kiosk, cadre = new_kiosk(place, "Ki-ốt gửi lại"), place["staff"][1]
    driver = tablet_browser
    driver.get(kiosk["setup_url"])
    on_screen(driver, "faces")
    before = counted(place, cadre)["responses"]
    driver.execute_script("window.__c360Sent = []; var f = window.fetch; window.fetch = function (u, o) {"
                          " if (o && o.method === 'POST') { window.__c360Sent.push(o.body); } return f(u, o); };")
    give_answer(driver, "satisfied", "Phạm Văn Đức", "HS-REPLAY-1")
    eventually(lambda: queued(driver) == 0, timeout=30, message="confirmed")
    body = driver.execute_script("return window.__c360Sent[0]")
    # as if the confirmation had been lost: the answer is back in the queue and sent again
    driver.execute_script(f"localStorage.setItem('{QUEUE}', JSON.stringify([{{body: JSON.parse(arguments[0]),"
                          " attempts: 1}]));", body)
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    eventually(lambda: queued(driver) == 0, timeout=30, message="re-sent and confirmed")
    assert len(driver.execute_script("return window.__c360Sent")) == 2
    assert counted(place, cadre)["responses"] == before + 1


def test_a_phone_answers_from_the_receipt_qr_link(place, browser, screenshot, assert_accessible):
    cadre = place["staff"][0]
    link = place["admin"].post(place["base"] + "/api/v1/receipt-links",
                               json={"cadre_id": cadre, "dossier_code": "000.00.12.H12-261125-0777"}).json()
    driver = browser
    driver.set_window_size(412, 915)  # a phone
    before = counted(place, cadre)
    driver.get(link["url"])
    on_screen(driver, "faces")
    assert "Nguyễn Thị Thu Hằng" in driver.find_element(By.ID, "official-named").text
    screenshot(driver, "kiosk-05-phone-receipt")
    assert_accessible(driver, "receipt link on a phone")
    driver.find_element(By.CSS_SELECTOR, ".face[data-overall='dissatisfied']").click()
    on_screen(driver, "details")
    assert not driver.find_element(By.ID, "dossier-field").is_displayed()
    driver.find_element(By.ID, "comment").send_keys("Phải đi lại 3 lần")
    driver.find_element(By.ID, "submit-answer").click()
    on_screen(driver, "thanks")
    assert counted(place, cadre)["dissatisfied"] == before["dissatisfied"] + 1
    driver.get("about:blank")  # the same receipt scanned a second time opens the page anew (going to the
    driver.get(link["url"])    # address it shows, whose token is in the fragment, would not reload it)
    on_screen(driver, "faces")
    driver.find_element(By.CSS_SELECTOR, ".face[data-overall='very_satisfied']").click()
    on_screen(driver, "details")
    driver.find_element(By.ID, "submit-answer").click()
    WebDriverWait(driver, 30).until(
        lambda d: "đã được đánh giá" in d.find_element(By.ID, "message-title").text)
    assert_accessible(driver, "receipt link already used")
    assert counted(place, cadre)["very_satisfied"] == before["very_satisfied"]
