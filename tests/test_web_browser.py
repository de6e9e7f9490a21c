"""The events page in a real browser: Debian's chromium, headless, driven by chromedriver.

`monitor serve` runs as an operator starts it, over a real SQLite file; the test looks at what
a person sees and does what a person does (choose a rule, press Show, follow a rule's link).
Hostile titles must show as text and run nothing. `.ci/run` installs chromium and
chromium-driver; where they are missing the test is skipped and says why.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.events import ATMEH, Ev, Report, store_events

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (dev extra) not installed")
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip(
        f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install chromium chromium-driver "
        "(.ci/run does)",
        allow_module_level=True,
    )

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

TOKEN = "browser-token-5e0c9a71d3"
HOSTILE = (
    "<script>window.__pwned=1;alert('xss')</script>"
    "<img src=x onerror=\"window.__pwned=2;alert('img')\"> ]]> \u202eevil"
)
EVENTS = [
    Ev(
        "ev_raid",
        "Raid in Atmeh kills Islamic State official",
        rules=("isis-raid", "isis-leader-killed"),
        where=ATMEH,
        age=timedelta(hours=1),
        sources=(
            Report("Example Wire", "https://wire.example.org/raid", "Raid in Atmeh"),
            Report("Levant Daily", "https://levant.example.net/ar/1", "غارة في أطمة", "ar"),
        ),
    ),
    Ev("ev_xss", HOSTILE, url="javascript:window.__pwned=3", age=timedelta(hours=2)),
    Ev("ev_strike", "Air strike near Raqqa hits Islamic State cell", age=timedelta(hours=3)),
    Ev("ev_opinion", "Analysis: what the raid means", kind="opinion", age=timedelta(minutes=5)),
]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`monitor serve` on 127.0.0.1 (a free port) with a token; its base URL."""
    store_events(tmp_path / "monitor.db", EVENTS)
    config = tmp_path / "monitor.toml"
    config.write_text(
        '[storage]\npath = "monitor.db"\n[[feeds]]\nname = "Wire"\n'
        'url = "http://127.0.0.1:9/feed.xml"\n'
        '[web]\nlisten = "127.0.0.1:0"\ntoken_env = "MONITOR_WEB_TOKEN"\n'
    )
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "serve"],
            stdout=out,
            stderr=out,
            env={**os.environ, "MONITOR_WEB_TOKEN": TOKEN},
        )
    try:
        deadline = time.monotonic() + 15
        while not (m := re.search(r"on (http://\S+/)", log.read_text())):
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        yield m.group(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
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
        "--window-size=1200,900",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    # the driver is given: selenium must not look for (or download) one of its own
    service = Service(executable_path=CHROMEDRIVER, log_output=str(tmp_path / "driver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def click_and_wait(driver: Any, element: Any) -> None:
    """Click what loads a new page, and wait until the old one is gone (else the next look
    can meet the old page's elements, gone stale under it)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def shown_titles(driver: Any) -> list[str]:
    return [h.text for h in driver.find_elements(By.CSS_SELECTOR, "article.event h2 span[dir]")]


def assert_nothing_ran(driver: Any) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('script, img').length") == 0


def test_a_person_reads_filters_and_sees_hostile_titles_as_text(served: str, browser: Any) -> None:
    browser.get(served)
    assert "401" in browser.find_element(By.TAG_NAME, "body").text  # no token, no events
    assert "Raid in Atmeh" not in browser.page_source

    browser.get(f"{served}?token={TOKEN}")
    assert browser.title == "monitor: events"
    # reports newest first; commentary left out
    assert shown_titles(browser) == [
        "Raid in Atmeh kills Islamic State official",
        " ".join(HOSTILE.replace("\u202e", " ").split()),  # the override is gone
        "Air strike near Raqqa hits Islamic State cell",
    ]
    assert_nothing_ran(browser)
    # the stylesheet came from the monitor itself (the CSP allows nothing else)
    card = browser.find_element(By.CSS_SELECTOR, "article.event")
    assert card.value_of_css_property("border-top-left-radius") == "8px"

    # the hostile title is text, not a link (javascript: URLs never are)
    xss = browser.find_elements(By.CSS_SELECTOR, "article.event")[1]
    assert xss.find_elements(By.CSS_SELECTOR, "h2 a") == []
    raid = browser.find_elements(By.CSS_SELECTOR, "article.event")[0]
    link = raid.find_element(By.CSS_SELECTOR, "h2 a")
    assert link.get_attribute("href") == "https://news.example.org/ev_raid"
    # its sources, listed
    assert "2 sources:" in raid.text
    sources = raid.find_elements(By.CSS_SELECTOR, "ol.sources li")
    assert [s.find_element(By.TAG_NAME, "a").text for s in sources] == [
        "Example Wire",
        "Levant Daily",
    ]
    assert "غارة في أطمة" in sources[1].text
    assert "Where\nAtmeh, Syria" in raid.text

    # choose a rule and press Show: only its events, and the token rode along in the form
    Select(browser.find_element(By.ID, "rule")).select_by_visible_text("isis-leader-killed")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert "rule=isis-leader-killed" in browser.current_url
    assert shown_titles(browser) == ["Raid in Atmeh kills Islamic State official"]
    assert Select(browser.find_element(By.ID, "rule")).first_selected_option.text == (
        "isis-leader-killed"
    )

    # back to every rule, commentary too
    Select(browser.find_element(By.ID, "rule")).select_by_visible_text("every rule")
    browser.find_element(By.NAME, "all").click()
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filter button"))
    assert shown_titles(browser)[0] == "Analysis: what the raid means"
    assert browser.find_element(By.CSS_SELECTOR, "span.kind").text.lower() == "opinion"

    # a rule's tag is a link to the page filtered by it
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "isis-raid"))
    assert "rule=isis-raid" in browser.current_url
    assert len(shown_titles(browser)) == 4
    assert_nothing_ran(browser)
