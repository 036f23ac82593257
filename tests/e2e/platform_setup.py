"""Setting up what a test needs through the public API, as a person would (no back doors)."""
from __future__ import annotations

import uuid

import requests
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

USER_PASSWORD = "Rừng-thông-2026!"


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}".upper()


class Registry:
    """Units, positions, cadres and accounts created through the gateway as the administrator."""

    def __init__(self, stack):
        self.base = stack.url() + "/api/v1"
        self.admin = stack.session()
        self.stack = stack

    def _created(self, path: str, body: dict) -> dict:
        reply = self.admin.post(self.base + path, json=body, timeout=30)
        assert reply.status_code == 201, (path, reply.status_code, reply.text)
        return reply.json()

    def province(self) -> dict:
        existing = self.admin.get(self.base + "/units", params={"kind": "province"}, timeout=30).json()
        if existing:
            return existing[0]
        return self._created("/units", {"code": unique("TINH"), "name": "Tỉnh Kiểm Thử", "kind": "province"})

    def unit(self, name: str, kind: str = "commune", area: str = "rural") -> dict:
        return self._created("/units", {"code": unique("XA"), "name": name, "kind": kind, "area": area,
                                        "parent_id": self.province()["id"]})

    def position(self, title: str = "Công chức Văn phòng - Thống kê", **standard) -> dict:
        return self._created("/positions", {"code": unique("VT"), "title": title, "task_group": "Văn phòng",
                                            "is_leader": False, "standard": standard})

    def cadre(self, unit_id: str, full_name: str, **extra) -> dict:
        body = {"code": unique("CB"), "full_name": full_name, "gender": "female", "birth_year": 1988,
                "unit_id": unit_id, **extra}
        return self._created("/cadres", body)

    def user(self, role: str, unit_id: str | None = None, cadre_id: str | None = None) -> str:
        username = unique(role.replace("_", ""))[:30].lower()
        body = {"username": username, "password": USER_PASSWORD, "role": role}
        if unit_id:
            body["unit_id"] = unit_id
        if cadre_id:
            body["cadre_id"] = cadre_id
        self._created("/users", body)
        return username

    def session_of(self, username: str) -> requests.Session:
        return self.stack.session(username, USER_PASSWORD)


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

