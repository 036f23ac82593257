"""Browser fixtures for end-to-end tests: headless Debian Chromium driven by selenium,
a fresh profile per test, screenshots kept under test-artifacts/screenshots/."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--lang=vi-VN")


def _new_driver(profile: Path, width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
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
