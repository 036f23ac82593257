"""Browser tests drive a headless Chromium and check each page with axe-core (fixtures of
tests/support/browser.py)."""
from support.browser import assert_accessible, browser, phone_browser, screenshot, tablet_browser  # noqa: F401
