"""The web view in a real browser: Debian's chromium, headless, driven by chromedriver.

Feeds are served on 127.0.0.1, `monitor once` polls them into a real SQLite file, and
`monitor serve` shows it, as an operator runs them. The tests look at what a person sees and
do what a person does (search, choose a filter, open an event, press Redeliver), sharing one
browser. Hostile titles must show as text and run nothing. `.ci/run` installs chromium and
chromium-driver; where they are missing the tests are skipped and say why.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from monitor.store import Store
from tests.support.events import Ev, store_events
from tests.support.server import LoopbackServer
from tests.support.site import Site, item, rss
from tests.support.texts import RAID, STRIKE

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (dev extra) not installed")
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(
        f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install chromium chromium-driver "
        "(.ci/run does)",
        allow_module_level=True,
    )

from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

TOKEN = "browser-token-5e0c9a71d3"
HOSTILE = (
    "<script>window.__pwned=1;alert('xss')</script>"
    "<img src=x onerror=\"window.__pwned=2;alert('img')\"> ]]> \u202eevil"
)
RAID_TITLE = "Raid in Atmeh kills Islamic State official"
STRIKE_TITLE = "Air strike near Raqqa hits Islamic State cell"
UNPLACED = "Islamic State fighters were driven off in a raid on a checkpoint, officials said."
RULES = """
[[rules]]
name = "air-strike"
query = "\\"air strike\\""
"""


@dataclass(frozen=True)
class Served:
    base: str  # the web view's URL, ending in /
    db: Path
    feeds: LoopbackServer  # the feeds' server, which serves the map's (missing) tiles too

    def url(self, path: str = "", **params: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in {"token": TOKEN, **params}.items())
        return f"{self.base}{path}?{query}"


def cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MONITOR_WEB_TOKEN": TOKEN},
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two feeds and a dead one on loopback, polled once by `monitor once`, then `monitor
    serve` (token required) over what it stored; one delivery has failed for good."""
    tmp = tmp_path_factory.mktemp("web")
    with LoopbackServer() as srv:
        site = Site(srv, tmp)
        with (tmp / "rules.toml").open("a") as rules:
            rules.write(RULES)
        site.publish(
            rss(
                [
                    item("a", RAID_TITLE, RAID, link=f"{site.base}/wire/raid"),
                    item("b", STRIKE_TITLE, STRIKE, link=f"{site.base}/wire/strike"),
                    item("c", "Checkpoint raid repelled", UNPLACED, link=f"{site.base}/wire/c"),
                ]
            )
        )
        site.publish(rss([], "Levant Daily"), "/levant.xml")
        srv.route("/dead.xml", "down", status=500)
        # tiles from a server that has none: the page must list its events all the same
        site.configure(
            feeds={"Wire": "/feed.xml", "Levant Daily": "/levant.xml", "Dead Feed": "/dead.xml"},
            extra=(
                f'[web]\nlisten = "127.0.0.1:0"\ntoken_env = "MONITOR_WEB_TOKEN"\n'
                f'tiles = "{site.base}/tiles/{{z}}/{{x}}/{{y}}.png"\n'
            ),
        )
        once = cli(site.config, "once")
        assert once.returncode in (0, 1), once.stderr
        # a second outlet's report of the raid, a cycle later: it joins the wire's event (and
        # the dead feed fails twice)
        levant = item("l1", "US raid in Idlib", RAID, link=f"{site.base}/levant/raid")
        site.publish(rss([levant], "Levant Daily"), "/levant.xml")
        once = cli(site.config, "once")
        assert once.returncode in (0, 1), once.stderr
        # a hostile title as a feed may send it, stored as the pipeline stores events
        store_events(site.db, [Ev("ev_xss", HOSTILE, url="javascript:window.__pwned=3")])
        store = Store(site.db)
        try:
            first = store.deliveries()[-1]
            store.mark_failed(first.id, "HTTP 503 from the receiver, window over")
        finally:
            store.close()

        log = tmp / "serve.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(site.config), "serve"],
                stdout=out,
                stderr=out,
                env={**os.environ, "MONITOR_WEB_TOKEN": TOKEN},
            )
        try:
            deadline = time.monotonic() + 15
            while not (m := re.search(r"on (http://\S+/)", log.read_text())):
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
            yield Served(m.group(1), site.db, srv)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless chromium for every test of the module."""
    driver = start_chromium(tmp_path_factory.mktemp("chromium"))
    try:
        yield driver
    finally:
        driver.quit()


def start_chromium(tmp: Path, size: str = "1200,900") -> Any:
    """Debian's chromium through Debian's chromedriver, headless, reaching out to nothing."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        # without these chromium tries to reach Google's servers, and fails
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--window-size={size}",
        f"--user-data-dir={tmp / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # the driver is given: selenium must not look for (or download) one of its own
    service = Service(executable_path=CHROMEDRIVER, log_output=str(tmp / "driver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(20)
    return driver


def click_and_wait(driver: Any, element: Any) -> None:
    """Click what loads a new page, and wait until the old one is gone (else the next look
    can meet the old page's elements, gone stale under it)."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 15).until(lambda _: _gone(old))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def _gone(element: Any) -> bool:
    """Whether an element's page has been replaced. Chromium reports a node of a page gone
    either as stale or, while the new page loads, as "does not belong to the document"."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as e:
        if "does not belong to the document" in str(e):
            return True
        raise
    return False


def shown_titles(driver: Any) -> list[str]:
    return [h.text for h in driver.find_elements(By.CSS_SELECTOR, "article.event h2 span[dir]")]


def assert_nothing_ran(driver: Any) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert driver.execute_script("return window.__pwned === undefined")
    # no script but the map's own files, no image but the map's tiles and markers
    found = "script:not([src]), img:not([class*=leaflet-])"
    assert driver.execute_script(f"return document.querySelectorAll('{found}').length") == 0


def blocked_by_policy(driver: Any) -> list[str]:
    """Console messages of the page about the Content-Security-Policy refusing something."""
    return [
        m["message"] for m in driver.get_log("browser") if "Content Security Policy" in m["message"]
    ]


def test_the_token_is_required_off_loopback(served: Served, browser: Any) -> None:
    for path in ("", "map", "feeds", "outbox"):
        browser.get(served.base + path)
        assert "401" in browser.find_element(By.TAG_NAME, "body").text, path
        assert "Atmeh" not in browser.page_source


def test_events_page_lists_what_once_stored_and_filters_work(served: Served, browser: Any) -> None:
    browser.get(served.url())
    assert browser.title == "monitor: events"
    titles = shown_titles(browser)
    assert set(titles) >= {RAID_TITLE, STRIKE_TITLE, "Checkpoint raid repelled"}
    assert " ".join(HOSTILE.replace("\u202e", " ").split()) in titles
    assert_nothing_ran(browser)
    # the raid was reported by two outlets: one event, both sources
    raid = next(
        a for a in browser.find_elements(By.CSS_SELECTOR, "article.event") if RAID_TITLE in a.text
    )
    assert "2 sources:" in raid.text
    assert "Where\nAtmeh, Syria" in raid.text
    # the stylesheet came from the monitor itself (the CSP allows nothing else)
    assert raid.value_of_css_property("border-top-left-radius") == "8px"

    # search words in titles and snippets (SQLite FTS5)
    box = browser.find_element(By.ID, "q")
    box.send_keys("farm militants")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert "q=farm+militants" in browser.current_url
    assert shown_titles(browser) == [STRIKE_TITLE]
    assert browser.find_element(By.ID, "q").get_attribute("value") == "farm militants"

    # a rule, and the token rode along in the form
    browser.find_element(By.ID, "q").clear()
    Select(browser.find_element(By.ID, "rule")).select_by_visible_text("air-strike")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert "rule=air-strike" in browser.current_url and f"token={TOKEN}" in browser.current_url
    assert shown_titles(browser) == [STRIKE_TITLE]

    # a place: a town, then its country
    Select(browser.find_element(By.ID, "rule")).select_by_visible_text("every rule")
    Select(browser.find_element(By.ID, "place")).select_by_visible_text("Atmeh")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert shown_titles(browser) == [RAID_TITLE]
    Select(browser.find_element(By.ID, "place")).select_by_value("Syria")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert sorted(shown_titles(browser)) == sorted([RAID_TITLE, STRIKE_TITLE])

    # a day when nothing happened
    browser.get(served.url(**{"from": "2001-01-01", "to": "2001-01-02"}))
    assert shown_titles(browser) == []
    assert "No events fit these filters." in browser.find_element(By.TAG_NAME, "main").text


def test_an_event_page_shows_its_sources_why_and_deliveries(served: Served, browser: Any) -> None:
    browser.get(served.url(q="Atmeh"))
    card = browser.find_element(By.CSS_SELECTOR, "article.event")
    click_and_wait(browser, card.find_element(By.CSS_SELECTOR, "p.details a"))
    assert "/event/" in browser.current_url
    assert browser.title == RAID_TITLE
    main = browser.find_element(By.TAG_NAME, "main")
    assert "2 reports" in main.text
    reports = main.find_elements(By.CSS_SELECTOR, "article.event h3")
    assert [r.text for r in reports][:2] == [RAID_TITLE, "US raid in Idlib"]
    text = main.text
    for fact in ("Outlet\nWire", "Outlet\nLevant Daily", "Language\n", "started the event"):
        assert fact in text
    links = [a.get_attribute("href") for a in main.find_elements(By.CSS_SELECTOR, "h3 a")]
    assert links[0].endswith("/wire/raid") and links[1].endswith("/levant/raid")
    # why the rule matched: the sentence that carried its words
    why = main.find_elements(By.CSS_SELECTOR, "ul.why li")
    assert why and why[0].text.startswith("isis-raid in the ")
    assert "raid before dawn in Atmeh" in why[0].find_element(By.TAG_NAME, "q").text
    # each channel's delivery of the event
    assert "ops-hook (webhook)" in text
    assert re.search(r"State\n(SENT|FAILED)", text)


def test_the_map_has_one_marker_per_located_event(served: Served, browser: Any) -> None:
    browser.get(served.url("events.geojson"))
    located = json.loads(browser.find_element(By.TAG_NAME, "pre").text)["features"]
    assert len(located) == 2  # Atmeh and Raqqa; the checkpoint raid has no place
    browser.get(served.url("map"))
    WebDriverWait(browser, 15).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon")) == len(located)
    )
    # the list is there for readers without JavaScript, and when tiles do not load
    items = browser.find_elements(By.CSS_SELECTOR, "ol.places li")
    assert sorted(li.find_element(By.TAG_NAME, "a").text for li in items) == sorted(
        [RAID_TITLE, STRIKE_TITLE]
    )
    # a marker opens its event's title as text, a link to its page
    browser.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon")[0].click()
    # (Leaflet fades the popup in: until it shows, its link has no visible text)
    popup = WebDriverWait(browser, 10).until(
        lambda d: next(
            (a for a in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a") if a.text),
            None,
        )
    )
    assert popup.text in (RAID_TITLE, STRIKE_TITLE)
    assert "/event/" in popup.get_attribute("href")
    assert blocked_by_policy(browser) == []
    assert_nothing_ran(browser)
    # tiles were asked for (and were not there); the tile server learnt the origin, no more
    tiles = [r for r in served.feeds.requests if r.path.startswith("/tiles/")]
    assert tiles and {r.headers.get("referer") for r in tiles} == {served.base}


def test_feeds_failing_first_and_a_failed_delivery_redelivered(
    served: Served, browser: Any
) -> None:
    browser.get(served.url("feeds"))
    names = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "article.feed h2")]
    assert names[0] == "Dead Feed" and set(names[1:]) == {"Levant Daily", "Wire"}
    dead = browser.find_element(By.CSS_SELECTOR, "article.feed")
    assert "failing, 2 failures in a row" in dead.text.lower() and "500" in dead.text

    browser.get(served.url("outbox"))
    first = browser.find_element(By.CSS_SELECTOR, "article.delivery")
    assert "FAILED" in first.text and "HTTP 503 from the receiver" in first.text
    delivery_id = first.find_element(By.CSS_SELECTOR, "input[name=id]").get_attribute("value")
    click_and_wait(browser, first.find_element(By.TAG_NAME, "button"))
    assert "/outbox" in browser.current_url and f"token={TOKEN}" in browser.current_url
    notice = browser.find_element(By.CSS_SELECTOR, "p.notice").text
    assert notice.startswith(f"{delivery_id} queued again")
    store = Store(served.db)
    try:
        d = store.delivery(delivery_id)
        assert d is not None and d.state == "pending" and d.last_error is None
    finally:
        store.close()
