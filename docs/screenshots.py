"""Screenshots of the web view's pages for the README: docs/web-*.png.

Fills a SQLite store in a temporary folder through the store API (a few events with their
reports, why their rules matched, deliveries in every state, a failing feed), serves it with
the web view on 127.0.0.1 and photographs each page with Debian's headless chromium through
chromedriver (apt-get install chromium chromium-driver). The map has no tiles here (nothing
leaves the machine), so it shows its markers on a blank background. Rerun with

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from monitor.models import Person, Place
from monitor.store import EventRow, Store
from monitor.webserver import WebOptions, WebView

DOCS = Path(__file__).parent
NOW = datetime.now(UTC).replace(microsecond=0)
PLACES = {
    "Atmeh": Place("g:atmeh", "Atmeh", "Syria", "SY", 36.2167, 36.6333, 3),
    "Raqqa": Place("g:raqqa", "Raqqa", "Syria", "SY", 35.95, 39.0167, 2),
    "Mosul": Place("g:mosul", "Mosul", "Iraq", "IQ", 36.335, 43.1189, 2),
    "Hajin": Place("g:hajin", "Hajin", "Syria", "SY", 34.6917, 40.8303, 2),
}
# (id, title, rule, what, place, hours ago, reports: (outlet, language, title), sentence)
EVENTS = [
    (
        "evt_raid",
        "Raid in Atmeh kills senior Islamic State official",
        "isis-leader-killed",
        "killed",
        "Atmeh",
        1,
        [
            ("Example Wire", "en", "Raid in Atmeh kills senior Islamic State official"),
            ("Levant Daily", "ar", "مقتل قيادي في تنظيم الدولة بغارة في أطمة"),
            ("Gazette", "en", "US forces kill ISIS official in Idlib raid"),
        ],
        "US special operations forces carried out a raid before dawn in Atmeh in Idlib "
        "province, killing a senior Islamic State official, two US officials said.",
    ),
    (
        "evt_strike",
        "Air strike near Raqqa hits Islamic State cell",
        "isis-raid",
        "targeted",
        "Raqqa",
        3,
        [("Example Wire", "en", "Air strike near Raqqa hits Islamic State cell")],
        "An Islamic State cell was hit by an air strike near Raqqa, a monitoring group said.",
    ),
    (
        "evt_mosul",
        "Iraqi forces capture Islamic State commander in Mosul",
        "isis-leader-captured",
        "captured",
        "Mosul",
        5,
        [
            ("Baghdad Post", "en", "Commander captured in Mosul"),
            ("Rudaw", "en", "ISIS commander arrested in Mosul operation"),
        ],
        "Iraqi counter-terrorism forces captured an Islamic State commander in western Mosul.",
    ),
    (
        "evt_hajin",
        "Coalition strike in Hajin targets Islamic State hideout",
        "isis-raid",
        "targeted",
        "Hajin",
        8,
        [("Example Wire", "en", "Coalition strike in Hajin")],
        "A coalition strike in Hajin targeted a hideout used by Islamic State fighters.",
    ),
]


def fill(store: Store) -> None:
    """The demo events, their reports and deliveries, and three feeds (one failing)."""
    with store.transaction():
        for eid, title, rule, what, where, hours, reports, sentence in EVENTS:
            seen = NOW - timedelta(hours=hours)
            url = f"https://news.example.org/{eid}"
            store.insert_event(
                EventRow(
                    eid,
                    title,
                    url,
                    reports[0][0],
                    seen - timedelta(minutes=10),
                    seen,
                    seen,
                    (rule,),
                    sentence,
                    2.0,
                    what=what,
                    where=PLACES[where],
                    who=(Person("Abu Hafs al-Qurashi", "leader", "abu hafs"),)
                    if what == "killed"
                    else (),
                    when=seen.date() if hours < 6 else date(2026, 11, 20),
                ),
                alerted=True,
            )
            for n, (outlet, lang, rtitle) in enumerate(reports):
                store.add_source(
                    eid,
                    outlet,
                    f"https://{outlet.split()[0].lower()}.example.net/{eid}",
                    seen + timedelta(minutes=7 * n),
                    title=rtitle,
                    lang=lang,
                    published=seen - timedelta(minutes=10),
                    decision={
                        "created": n == 0,
                        "reason": "" if n == 0 else "same place, people and day",
                        "matched": [{"rule": rule, "fields": ["body"], "snippet": sentence}],
                    },
                )
            for channel, kind in (("ops-hook", "webhook"), ("analysts", "email")):
                did = f"msg_{eid}_{channel}"
                store.enqueue(
                    delivery_id=did,
                    event_id=eid,
                    channel=channel,
                    kind=kind,
                    type="event.matched",
                    payload="{}",
                    at=seen,
                    expires_at=seen + timedelta(days=3),
                )
                if eid != "evt_raid" or channel == "ops-hook":
                    store.mark_sending(did)
                if eid == "evt_mosul" and channel == "analysts":
                    store.mark_failed(did, "SMTP 550: mailbox unavailable")
                elif eid != "evt_raid" or channel == "ops-hook":
                    store.mark_sent(did, seen + timedelta(seconds=2))
        store.sync_feeds(
            [
                ("Example Wire", "https://wire.example.org/rss"),
                ("Levant Daily", "https://levant.example.net/feed"),
                ("Old Bulletin", "https://bulletin.example.com/rss.xml"),
            ]
        )
        for name, status, failures in (
            ("Example Wire", 200, 0),
            ("Levant Daily", 200, 0),
            ("Old Bulletin", 503, 4),
        ):
            store.update_feed(
                name,
                last_fetch_at=NOW,
                last_status=status,
                consecutive_failures=failures,
                items_seen=40 - 10 * failures,
                last_ok_at=NOW - timedelta(hours=failures),
                last_error="HTTP 503 Service Unavailable" if failures else None,
                last_error_kind="http" if failures else None,
                failing_since=NOW - timedelta(hours=failures) if failures else None,
            )


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The web view over `db` on a thread of its own; its base URL."""
    loop = asyncio.new_event_loop()
    view = WebView(db, None, WebOptions(tiles=None))
    where = loop.run_until_complete(view.start("127.0.0.1:0"))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{where.port}/"
    finally:
        asyncio.run_coroutine_threadsafe(view.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "monitor.db")
        try:
            fill(store)
        finally:
            store.close()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--disable-background-networking",
            "--disable-component-update",
            "--window-size=1100,1000",
            f"--user-data-dir={tmp}/profile",
        ):
            options.add_argument(flag)
        service = Service(executable_path="/usr/bin/chromedriver")
        driver = webdriver.Chrome(service=service, options=options)
        try:
            with serving(Path(tmp) / "monitor.db") as base:
                for name, path in (
                    ("events", ""),
                    ("event", "event/evt_raid"),
                    ("map", "map"),
                    ("feeds", "feeds"),
                    ("outbox", "outbox"),
                ):
                    driver.get(base + path)
                    out = DOCS / f"web-{name}.png"
                    driver.save_screenshot(str(out))
                    print(out)
                driver.set_window_size(390, 844)  # a phone
                driver.get(base)
                driver.save_screenshot(str(DOCS / "web-phone.png"))
                print(DOCS / "web-phone.png")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
