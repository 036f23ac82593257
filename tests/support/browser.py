"""Browser fixtures for end-to-end tests: headless Debian Chromium driven by selenium,
a fresh profile per test, screenshots kept under test-artifacts/screenshots/, the axe-core
accessibility check (WCAG 2.1 A and AA) of the page on screen; and what a test does on a page
as a person would (sign in, follow a link, read the text). A test directory's conftest imports
the fixtures it uses."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Installed by deploy/local/install.sh --browser (npm, version pinned in deploy/local/axe/).
AXE = Path(os.environ.get("C360_CACHE") or Path.home() / ".cache" / "cadre360") / "node" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                    targets: v.nodes.map(n => n.target.join(" "))}))))
  .catch(error => done([{id: "axe-error", impact: "error", help: String(error), targets: []}]));
"""
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--lang=vi-VN")


def _new_driver(profile: Path, width: int, height: int, phone: bool = False) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    if phone:  # a window is never narrower than 500 px: a phone's viewport needs Chromium's emulation
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": True}})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture
def browser():
    """A headless Chromium with an empty profile (laptop-sized window)."""
    profile = Path(tempfile.mkdtemp(prefix="c360-chromium-"))
    driver = _new_driver(profile, 1366, 900)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def tablet_browser():
    """The same, sized like a 10-inch tablet in portrait."""
    profile = Path(tempfile.mkdtemp(prefix="c360-chromium-"))
    driver = _new_driver(profile, 800, 1280)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def phone_browser():
    """The same, sized like a phone in portrait (a delegate's or a citizen's)."""
    profile = Path(tempfile.mkdtemp(prefix="c360-chromium-"))
    driver = _new_driver(profile, 390, 844, phone=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def screenshot():
    """``screenshot(driver, "name")`` saves a full-window PNG to test-artifacts/screenshots/name.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(driver: webdriver.Chrome, name: str) -> Path:
        path = SCREENSHOTS / (re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".png")
        size = driver.get_window_size()
        height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
        driver.set_window_size(size["width"], min(int(height) + 120, 4000))
        try:
            driver.save_screenshot(str(path))
        finally:
            driver.set_window_size(size["width"], size["height"])
        return path

    return save


def axe_violations(driver: webdriver.Chrome) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the current page. The script is injected through
    WebDriver, which the pages' CSP (scripts from 'self' only) does not govern."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: make install-browser installs axe-core")
    driver.execute_script(AXE.read_text())
    driver.set_script_timeout(60)
    return driver.execute_async_script(RUN_AXE, WCAG_21_AA)


@pytest.fixture
def assert_accessible():
    """``assert_accessible(driver, "name")`` fails with every axe-core violation on the page on
    screen: rule, impact, what it asks for, and the selectors of the offending elements."""

    def check(driver: webdriver.Chrome, name: str) -> None:
        found = axe_violations(driver)
        lines = [f"  - {v['id']} [{v['impact']}] {v['help']}\n" + "".join(f"      {t}\n" for t in v["targets"][:10])
                 for v in found]
        assert not found, (f"{len(found)} WCAG 2.1 A/AA violation(s) on {name} ({driver.current_url}):\n"
                           + "".join(lines))

    return check


def sign_in(driver, base_url: str, username: str, password: str) -> None:
    """Through the sign-in page, as a person types it."""
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(password)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located(
        (By.CSS_SELECTOR, "nav.main-nav")))


def text_of(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def follow(driver, element, keys: str | None = None, timeout: float = 30) -> None:
    """Clicks a link or a form's button (or types ``keys`` into a field, e.g. Enter) and returns once
    the page it leads to has replaced this one and finished loading. A click returns before the
    navigation; reading the page right after it reads the old page, or fails on its nodes as they go."""
    old = driver.find_element(By.TAG_NAME, "html")
    if keys is None:
        element.click()
    else:
        element.send_keys(keys)

    def old_page_gone(_driver) -> bool:
        try:
            old.tag_name
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:  # chromedriver's generic answer for a node of a replaced document
            return True

    WebDriverWait(driver, timeout).until(old_page_gone)
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return document.readyState") == "complete")
