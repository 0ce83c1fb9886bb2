"""The Neo4j Browser served by the dev server opens in headless Chromium and connects with the generated password."""

import pytest

from ..browser import Browser, chromium_available
from ..helpers import skip_or_fail


@pytest.fixture(scope="module")
def loopback_browser():
    """Chromium that may reach 127.0.0.1 (the Browser app talks to Bolt); every other host stays blocked."""
    reason = chromium_available()
    if reason is not None:
        skip_or_fail(f"headless Chromium unavailable: {reason}")
    b = Browser(allow_loopback=True)
    yield b
    b.close()


@pytest.mark.neo4j
@pytest.mark.browser
def test_neo4j_browser_opens_and_connects(neo4j_server, loopback_browser):
    from selenium.webdriver.common.by import By

    page = loopback_browser.open(neo4j_server.browser_url)
    page.wait_for("return document.body && document.body.innerText.includes('Connect URL')", timeout=60)
    assert page.js("return document.title") == "Neo4j Browser"
    driver = loopback_browser.driver
    driver.find_element(By.CSS_SELECTOR, "[data-testid=username]").send_keys(neo4j_server.username)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=password]").send_keys(neo4j_server.read_password())
    driver.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
    page.wait_for("return document.body.innerText.includes('You are connected as user')", timeout=60)
    # The app works with only loopback: its own calls home (web fonts, Sentry error reports) are refused by the
    # blocked network, and it asks for nothing else.
    third_party = ("fonts.googleapis.com", "fonts.gstatic.com", ".sentry.io", "segment.")
    assert not [u for u in page.requests() if u.startswith(("http", "ws")) and "127.0.0.1" not in u
                and not any(host in u for host in third_party)]
