"""Hostile input and faults found by review (issue 16): one test per defect, each failing
before its fix. Real servers on 127.0.0.1, a real SQLite file, real processes."""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from monitor.alert import send_email
from monitor.cli import main
from monitor.models import iso
from monitor.store import Store, from_iso, to_iso
from monitor.textnorm import CUT_MARK
from tests.support.dns import StaticResolver
from tests.support.server import LoopbackServer, Request, Route
from tests.support.site import Site, item, rss, write_lock_held
from tests.support.texts import RAID, STRIKE
from tests.support_alert import email_channel, sample_alert, smtp_server


@pytest.fixture
def site(tmp_path: Path) -> Site:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path)


def cli(site: Site, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(site.config), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def make_due(db: Path) -> None:
    past = to_iso(datetime.now(UTC) - timedelta(seconds=1))
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE deliveries SET next_attempt_at = ? WHERE state = 'pending'", [past])


# --- 1. email header injection through RFC 2047 encoded words --------------------------------

INJECTION = (
    "Raid in Atmeh =?utf-8?q?=0D=0AReply-To:_attacker@evil.test=0D=0AContent-Type:_text/html"
    "=0D=0A=0D=0A<b>pay_here</b>?="
)
HEADERS = {"from", "to", "date", "message-id", "subject", "auto-submitted"}


async def test_an_encoded_word_in_a_title_adds_no_header_and_no_body() -> None:
    with smtp_server() as server:
        await send_email(email_channel(server), sample_alert(title=INJECTION), "dlv-inj")
    [msg] = server.recorder.messages
    names = [name.lower() for name in msg]
    assert set(names) == HEADERS | {"mime-version", "content-type"}
    assert len(names) == len(set(names))  # no header twice
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    # the reader sees the title as the feed wrote it (an invisible word joiner aside)
    assert str(msg["Subject"]).replace("\u2060", "") == "[monitor] " + INJECTION
    # a relay decoding the subject once more and writing it again (Python 3.11/3.12's email
    # package does so) finds no encoded word in it either
    again = EmailMessage(policy=email.policy.SMTP)
    again["Subject"] = str(msg["Subject"])
    again.set_content("x")
    reread = email.message_from_bytes(again.as_bytes(), policy=email.policy.default)
    assert reread["Reply-To"] is None and reread.get_content_type() == "text/plain"


# --- 3. an adopted permanent redirect stays behind the SSRF guard ----------------------------


async def test_a_feed_url_adopted_from_a_redirect_is_guarded_at_every_poll(site: Site) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]), "/new.xml")
    site.publish(rss([item("b", "Strike near Raqqa", STRIKE)]), "/old.xml")
    site.configure(feeds={"moved": "/old.xml"})
    # news.test was a public address when its redirect was adopted; now it points inside
    adopted = f"http://news.test:{site.srv.port}/new.xml"
    with contextlib.closing(Store(site.db)) as store:
        store.sync_feeds([("moved", site.base + "/old.xml")])
        store.update_feed("moved", url=adopted)
    resolver = StaticResolver({"news.test": "127.0.0.1"})
    async with site.monitor(resolver=resolver) as monitor:
        outcome = await monitor.poll_feed(monitor.config.feeds[0])
        state = monitor.store.feed_state("moved")
    assert not outcome.ok and state.last_error_kind == "blocked"
    assert site.srv.hits("/new.xml") == 0

    # the operator's own URL, and another path on its host, are not guarded
    for path in ("/old.xml", "/new.xml"):
        with contextlib.closing(Store(site.db)) as store:
            store.update_feed("moved", url=site.base + path, consecutive_failures=0)
        async with site.monitor(resolver=resolver) as monitor:
            assert (await monitor.poll_feed(monitor.config.feeds[0])).ok
    assert site.srv.hits("/new.xml") == 1


# --- 4. a store error during delivery strands nothing and sends nothing twice -----------------


async def test_an_accepted_alert_whose_record_is_refused_is_recorded_later_not_resent(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    lock = contextlib.ExitStack()

    def accept_then_lock(request: Request) -> Route:
        # the receiver accepts; meanwhile another process takes the database's write lock
        site.posts.append(request)
        lock.enter_context(write_lock_held(site.db))
        return Route(status=200)

    site.srv.route("/hook", handler=accept_then_lock)
    async with site.monitor(busy_ms=200) as monitor:
        with lock:
            await monitor.run_cycle()
            assert [d.state for d in site.deliveries()] == ["sending"]  # not forgotten
            await monitor.deliver_due()  # the lock is still held
            assert monitor.outbox.unrecorded == 1
        await monitor.deliver_due()  # the lock is gone
        assert monitor.outbox.unrecorded == 0
        make_due(site.db)
        await monitor.deliver_due()
    assert [(d.state, d.attempts) for d in site.deliveries()] == [("sent", 1)]
    assert len(site.posts) == 1
    assert "not recorded yet" in caplog.text


async def test_a_refused_alert_whose_retry_is_not_recorded_is_retried_without_a_restart(
    site: Site,
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    lock = contextlib.ExitStack()

    def refuse_then_lock(request: Request) -> Route:
        site.posts.append(request)
        if len(site.posts) == 1:
            lock.enter_context(write_lock_held(site.db))
            return Route(status=503)
        return Route(status=200)

    site.srv.route("/hook", handler=refuse_then_lock)
    async with site.monitor(busy_ms=200) as monitor:
        with lock:
            await monitor.run_cycle()
        await monitor.deliver_due()  # records the retry the lock refused
        [pending] = site.deliveries()
        assert pending.state == "pending" and "503" in (pending.last_error or "")
        make_due(site.db)
        assert await monitor.deliver_due() == 1
    assert [d.state for d in site.deliveries()] == ["sent"]
    assert len(site.posts) == 2


# --- 5. one ISO writer: years before 1000 are padded; absurd dates are unknown ---------------


@pytest.mark.parametrize("year", [1, 205, 999, 1000, 2026, 9999])
def test_every_timestamp_written_reads_back(year: int) -> None:
    moment = datetime(year, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    assert iso(moment) == f"{year:04d}-03-04T05:06:07Z"
    assert to_iso(moment) == f"{year:04d}-03-04T05:06:07.890123Z"
    assert from_iso(iso(moment)) == moment.replace(microsecond=0)
    assert from_iso(to_iso(moment)) == moment


def test_a_feed_date_in_the_year_205_counts_as_unknown(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = rss([item("a", "Raid in Atmeh", RAID)])
    site.publish(
        doc.split("<pubDate>")[0]
        + "<pubDate>Mon, 01 Jan 0205 00:00:00 GMT</pubDate>"
        + doc.split("</pubDate>")[1]
    )
    site.configure()
    assert cli(site, capsys, "once")[0] == 0
    # unknown, so published when first seen: fresh, alerted, and printed as a valid date
    [alert] = site.payloads()
    _, out, _ = cli(site, capsys, "events", "--json")
    [event] = [json.loads(line) for line in out.splitlines()]
    for published in (alert["published"], event["published"]):
        assert isinstance(published, str)
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        assert abs(when - datetime.now(UTC)) < timedelta(minutes=5)


def test_an_alert_queued_with_an_unpadded_year_is_still_delivered(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    site.answers.append(Route(status=503, headers={"Retry-After": "3600"}))
    assert cli(site, capsys, "once")[0] == 0
    # as the previous version queued an event.updated alert of an item dated year 205
    with contextlib.closing(sqlite3.connect(site.db)) as conn, conn:
        [(delivery_id, payload)] = conn.execute("SELECT id, payload FROM deliveries")
        data = json.loads(payload) | {"published": "205-01-01T00:00:00Z"}
        conn.execute(
            "UPDATE deliveries SET payload = ? WHERE id = ?", [json.dumps(data), delivery_id]
        )
    make_due(site.db)
    assert cli(site, capsys, "once")[0] == 0
    assert [d.state for d in site.deliveries()] == ["sent"]
    assert site.payloads()[-1]["published"] is None


# --- 6. a huge Retry-After from a webhook ------------------------------------------------------


@pytest.mark.parametrize("retry_after", ["9" * 30, "9" * 400, "Fri, 31 Dec 9999 23:59:59 GMT"])
async def test_a_huge_retry_after_waits_until_the_end_of_the_window(
    site: Site, retry_after: str
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    site.answers.append(Route(status=503, headers={"Retry-After": retry_after}))
    async with site.monitor() as monitor:
        await monitor.run_cycle()
    [pending] = site.deliveries()
    assert pending.state == "pending" and pending.attempts == 1
    assert pending.next_attempt_at == pending.expires_at


# --- 7. durations and sizes past any sane bound ------------------------------------------------


@pytest.mark.parametrize(
    ("section", "key", "value", "bound"),
    [
        ("alerts", "retry_window", "4000000d", "365d"),
        ("storage", "keep", "4000000d", "36500d"),
        ("polling", "interval", "31d", "30d"),
        ("polling", "timeout", "2h", "1h"),
        ("alerts", "max_age", "1" * 400 + "s", "36500d"),
        ("polling", "max_size", "9" * 400 + "GB", ""),
        ("polling", "max_size", "2GiB", "1GiB"),
    ],
)
def test_a_duration_or_size_past_its_bound_is_refused_naming_the_bound(
    site: Site, capsys: pytest.CaptureFixture[str], section: str, key: str, value: str, bound: str
) -> None:
    site.configure(**{section: f"{key} = {json.dumps(value)}"})
    code, _, err = cli(site, capsys, "check")
    assert code == 2
    assert str(site.config) in err and f": {section}.{key}: " in err
    assert f"at most {bound}" in err if bound else "too large" in err
    assert "Traceback" not in err


def test_every_duration_at_its_bound_runs(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure(
        storage='keep = "36500d"',
        polling='interval = "30d"\ntimeout = "1h"\njitter = "30d"\nmax_size = "1GiB"',
        matching='dedup_window = "36500d"',
        alerts='max_age = "36500d"\nretry_window = "365d"\nfeed_failing_after = "36500d"',
        webhook='timeout = "1h"\nretry_window = "365d"',
    )
    site.answers.append(Route(status=500, headers={"Retry-After": "3600"}))
    assert cli(site, capsys, "check")[0] == 0
    code, _, err = cli(site, capsys, "once")
    assert code == 0 and "Traceback" not in err
    [pending] = site.deliveries()
    assert pending.expires_at - pending.created_at == timedelta(days=365)
    code, out, err = cli(site, capsys, "vacuum")
    assert code == 0 and "pruned 0 items" in out, err


# --- 8. a webhook URL's secret path is never shown ----------------------------------------------

SLACK_PATH = "/services/T0A1B2C3D/B0E4F5G6H/xOxOxOxOxOxOxOxOxOxOxOxO"


def test_a_receiver_echoing_the_url_path_does_not_leak_it(
    site: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure(hook=SLACK_PATH + "?token=s3cr3t-t0ken")
    site.srv.route(
        SLACK_PATH + "?token=s3cr3t-t0ken",
        f"Cannot POST {SLACK_PATH}?token=s3cr3t-t0ken (no route for "
        f"{SLACK_PATH.rsplit('/', 1)[1]}; token s3cr3t-t0ken)",
        status=404,
        headers={"Retry-After": "3600"},  # no second attempt within `once`
    )
    with caplog.at_level(logging.INFO):
        assert cli(site, capsys, "once")[0] == 0
    code, out, _ = cli(site, capsys, "deliveries")
    assert code == 0 and "404" in out
    for shown in (out, caplog.text):
        for secret in ("xOxOxOxO", "T0A1B2C3D", "B0E4F5G6H", "s3cr3t-t0ken", SLACK_PATH):
            assert secret not in shown


# --- 9. unbounded text --------------------------------------------------------------------------


def test_a_two_megabyte_title_is_cut_with_a_mark(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "Raid in Atmeh kills Islamic State official " + "and more " * 250_000
    site.publish(rss([item("a", title, RAID + " more" * 100_000)]))
    site.configure()
    assert cli(site, capsys, "once")[0] == 0
    [post] = site.posts
    assert len(post.body) < 30_000
    payload = json.loads(post.body)
    assert payload["title"].startswith("Raid in Atmeh") and payload["title"].endswith(CUT_MARK)
    with contextlib.closing(sqlite3.connect(site.db)) as conn:
        [(stored_title, summary)] = conn.execute("SELECT title, summary FROM items")
        [(event_title,)] = conn.execute("SELECT title FROM events")
    assert len(stored_title) <= 1000 and stored_title == event_title == payload["title"]
    assert len(summary) <= 20_000 and summary.endswith(CUT_MARK)


# --- found by the property and fault suites (beyond the list) --------------------------


def test_a_document_that_crashes_the_feed_parser_is_recorded_as_malformed(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # lxml refuses it, and feedparser raised UnicodeEncodeError on the surrogate: the poll
    # crashed and nothing was recorded against the feed
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.publish(
        rss([]).replace("</channel>", "<item><title>&#XD800;</title></item></channel>"), "/bad.xml"
    )
    site.configure(feeds={"Wire": "/feed.xml", "Bad": "/bad.xml"})
    assert cli(site, capsys, "once")[0] == 0
    with contextlib.closing(Store(site.db)) as store:
        bad, good = store.feed_state("Bad"), store.feed_state("Wire")
    assert (bad.last_error_kind, bad.consecutive_failures) == ("malformed", 1)
    assert good.last_error is None and len(site.posts) == 1


def test_one_nul_in_a_title_does_not_cost_the_other_items(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # a NUL in the first kilobyte made the whole document "binary data"
    site.publish(rss([item("z", "Bad\x00title", "x"), item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    assert cli(site, capsys, "once")[0] == 0
    assert [p["title"] for p in site.payloads()] == ["Raid in Atmeh"]


# Defect 2 (fixed by the rewrite of event identity): a linkless item whose text changed
# was inserted again under the same event id; the poll rolled back at every cycle and the
# feed's later items were lost.
def test_a_linkless_item_whose_text_changes_never_wedges_its_feed(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.publish(rss([item("a", "Raid in Atmeh", RAID)]))
    site.configure()
    assert cli(site, capsys, "once")[0] == 0
    site.publish(
        rss(
            [
                item("a", "Strike near Raqqa", STRIKE),
                item("b", "Raid in Atmeh", RAID, link=site.base + "/b"),
            ]
        )
    )
    assert cli(site, capsys, "once")[0] == 0
    with contextlib.closing(Store(site.db)) as store:
        state = store.feed_state("Wire")
        titles = sorted(i.title for i in store.items())
    assert state.last_error is None
    assert titles == ["Raid in Atmeh", "Strike near Raqqa"]
