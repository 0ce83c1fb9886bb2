"""The Neo4j Browser served by the dev server opens in headless Chromium and connects with the generated password."""

import pytest

from ..browser import Browser, chromium_available
from ..helpers import skip_or_fail


def _loopback_browser():
    """Chromium that may reach 127.0.0.1 (the Browser app talks to Bolt); every other host stays blocked."""
    reason = chromium_available()
    if reason is not None:
        skip_or_fail(f"headless Chromium unavailable: {reason}")
    b = Browser(allow_loopback=True)
    yield b
    b.close()


loopback_browser = pytest.fixture(scope="module", name="loopback_browser")(_loopback_browser)
# A fresh profile: the Browser app remembers a session in local storage, so a logged-in profile skips the form.
fresh_loopback_browser = pytest.fixture(name="fresh_loopback_browser")(_loopback_browser)


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
    page.wait_for("return document.body.innerText.includes('You are connected as user')", timeout=120)
    # The app works with only loopback: its own calls home (web fonts, Sentry error reports) are refused by the
    # blocked network, and it asks for nothing else.
    third_party = ("fonts.googleapis.com", "fonts.gstatic.com", ".sentry.io", "segment.")
    assert not [u for u in page.requests() if u.startswith(("http", "ws")) and "127.0.0.1" not in u
                and not any(host in u for host in third_party)]


# ----------------------------------------------------------------------------- the one URL of `swgraph neo4j start`


def _login(browser, url: str, username: str, password: str):
    from selenium.webdriver.common.by import By

    page = browser.open(url)
    page.wait_for("return document.body && document.body.innerText.includes('Connect URL')", timeout=120)
    driver = browser.driver
    driver.find_element(By.CSS_SELECTOR, "[data-testid=username]").send_keys(username)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=password]").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
    return page


def _run_guide_block(page, starts_with: str) -> None:
    """Click the guide's visible runnable block that starts with *starts_with* (it goes into the editor), then Run."""
    from selenium.common.exceptions import ElementClickInterceptedException, StaleElementReferenceException, TimeoutException
    from selenium.webdriver.common.by import By

    driver = page.driver

    def visible_blocks():
        try:
            return [e for e in driver.find_elements(By.CSS_SELECTOR, "[data-testid=carousel] pre.runnable")
                    if e.is_displayed() and e.text.replace("\xa0", " ").strip().startswith(starts_with)]
        except StaleElementReferenceException:  # the guide re-rendered meanwhile
            return []

    def clicked():
        # the stream moves while the previous query's frame is added above the guide: scroll the block into
        # the middle of the view and click it as a user would, again if a moving frame took the click
        blocks = visible_blocks()
        if not blocks:
            return False
        try:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", blocks[0])
            blocks[0].click()
        except (ElementClickInterceptedException, StaleElementReferenceException):
            return False
        return True

    try:
        page.wait_until(clicked, timeout=60)
    except TimeoutException:
        raise AssertionError(f"no visible, clickable guide block starting with {starts_with!r}") from None
    page.wait_for("return document.querySelector('[data-testid=activeEditor]').innerText"
                  ".replace(/\\u00a0/g, ' ').includes(arguments[0])", starts_with, timeout=60)
    frames = len(driver.find_elements(By.CSS_SELECTOR, "[data-testid=frame]"))
    driver.find_element(By.CSS_SELECTOR, "[data-testid=editor-Run]").click()
    page.wait_for("return document.querySelectorAll('[data-testid=frame]').length > arguments[0]", frames, timeout=60)


@pytest.fixture(scope="module")
def browser_dataset(neo4j_driver):
    """The bundled seeds under a dataset id of this module's own (so the guide's $dataset is not the default)."""
    import uuid

    from swgraph.neo4j import loader
    from swgraph.records.dataset import load_dataset

    from .common import as_dataset

    dsid = f"test-browser-{uuid.uuid4().hex[:8]}"
    loader.load(neo4j_driver, as_dataset(load_dataset(), dsid))
    yield dsid
    loader.delete_dataset(neo4j_driver, dsid)


@pytest.mark.neo4j
@pytest.mark.browser
def test_start_url_opens_the_guide_whose_first_query_runs_in_the_style_colours(neo4j_server, fresh_loopback_browser,
                                                                               browser_dataset):
    """`swgraph neo4j start` prints one URL; it opens Neo4j Browser, which after login plays the guide; the first
    slide's clickable lines set $dataset and the style, and its first query draws nodes in style.grass's colours."""
    import re

    from click.testing import CliRunner

    from swgraph.cli.main import cli
    from swgraph.core import registry
    from swgraph.neo4j import guide

    from .common import parse_grass

    env = {"SWGRAPH_NEO4J_HOME": str(neo4j_server.home)}
    runner = CliRunner()
    result = runner.invoke(cli, ["neo4j", "start", "--dataset", browser_dataset], env=env)
    try:
        assert result.exit_code == 0, result.output
        urls = re.findall(r"https?://\S+", result.stdout)
        assert len(urls) == 1, result.stdout  # the one URL to open (the Bolt URI is for drivers)
        password = neo4j_server.read_password()
        assert password not in result.output

        page = _login(fresh_loopback_browser, urls[0], neo4j_server.username, password)
        # the guide plays by itself after login; its first slide is the one shown
        page.wait_for("return document.querySelector('[data-testid=carousel]')", timeout=120)
        first = page.js("return document.querySelector('[data-testid=carousel]').innerText")
        assert "swgraph: China's social-work organisational network" in first and re.search(r"\b1 / \d+", first)
        _run_guide_block(page, ":param dataset")
        _run_guide_block(page, ":style")
        _run_guide_block(page, "MATCH p = (:Organisation")   # the first query: no parameter typed anywhere
        nodes = page.wait_for(
            "const ns = Array.from(document.querySelectorAll('g.node')).filter(e => e.__data__);"
            "return ns.length >= 10 && ns.map(e => [e.__data__.labels, e.__data__.propertyMap.id,"
            " e.__data__.propertyMap.dataset, e.querySelector('circle.b-outline').getAttribute('fill')]);",
            timeout=60)
    finally:
        runner.invoke(cli, ["neo4j", "start"], env=env)  # the guide back to the default dataset for other tests

    rules = parse_grass((guide.CYPHER_DIR / "style.grass").read_text(encoding="utf-8"))
    kind_labels = {spec.label for spec in registry.KINDS.values()}
    seen = {}
    for labels, node_id, dataset, fill in nodes:
        assert dataset == browser_dataset, node_id  # $dataset came from the guide's :param line
        (kind,) = [label for label in labels if label in kind_labels]
        assert fill.lower() == rules[f"node.{kind}"]["color"].lower(), (node_id, labels, fill)
        seen[kind] = fill.lower()
    # the seeds' organisations and records around cfsw: at least the federation, a province, an event, an agreement
    assert {"NationalFederation", "ProvincialAssociation", "Event", "Agreement"} <= set(seen)
    assert len(set(seen.values())) == len(seen)
