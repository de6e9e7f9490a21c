"""The alert outbox: retries keep their id, receivers' wishes are honoured, nothing is lost.

A real Monitor polls a real loopback feed and posts to a loopback webhook whose answers each
test scripts. Retries are made due by moving `next_attempt_at` in the SQLite file instead of
waiting for the backoff schedule (5 s, 5 min, ...).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.pipeline import Monitor, run_once
from monitor.store import Delivery, Store, to_iso
from tests.support.server import LoopbackServer, Request, Route
from tests.support.site import started_monitor
from tests.support.texts import RAID, RULES, STRIKE


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    date = format_datetime(datetime.now(UTC))
    body = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>"
        f"<link>{base}/a/{guid}</link><description>{text}</description>"
        f"<pubDate>{date}</pubDate></item>"
        for guid, title, text in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<link>{base}/</link><description>d</description>{body}</channel></rss>"
    )


class Site:
    """A feed and a webhook receiver on 127.0.0.1; `answers` scripts the receiver."""

    def __init__(self, srv: LoopbackServer, tmp: Path) -> None:
        self.srv = srv
        self.config = tmp / "monitor.toml"
        self.db = tmp / "m.db"
        self.posts: list[Request] = []
        self.answers: list[Route] = []  # answered in order, then 200
        srv.route("/hook", handler=self._hook)
        (tmp / "rules.toml").write_text(RULES)

    def _hook(self, request: Request) -> Route:
        self.posts.append(request)
        return self.answers.pop(0) if self.answers else Route(status=200)

    def publish(self, items: list[tuple[str, str, str]]) -> None:
        self.srv.route(
            "/feed.xml", rss(self.srv.base_url, items), content_type="application/rss+xml"
        )

    def configure(self, *, alerts: str = "", webhook: bool = True) -> None:
        text = (
            '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            f'[matching]\nrules = ["rules.toml"]\n[alerts]\n{alerts}\n'
            f'[[feeds]]\nname = "Wire"\nurl = "{self.srv.base_url}/feed.xml"\n'
        )
        if webhook:
            text += f'[[alerts.webhook]]\nname = "ops-hook"\nurl = "{self.srv.base_url}/hook"\n'
        self.config.write_text(text)

    def payloads(self) -> list[dict[str, object]]:
        return [json.loads(p.body) for p in self.posts]

    def deliveries(self) -> list[Delivery]:
        store = Store(self.db)
        try:
            return store.deliveries()
        finally:
            store.close()

    def make_due(self) -> None:
        """Pull every pending retry forward to now, as if its backoff had elapsed."""
        past = to_iso(datetime.now(UTC) - timedelta(seconds=1))
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE deliveries SET next_attempt_at = ? WHERE state = 'pending'", [past])
        db.close()

    def set_state(self, delivery_id: str, state: str) -> None:
        past = to_iso(datetime.now(UTC) - timedelta(seconds=1))
        with sqlite3.connect(self.db) as db:
            db.execute(
                "UPDATE deliveries SET state = ?, next_attempt_at = ? WHERE id = ?",
                [state, past, delivery_id],
            )
        db.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path)


def running_monitor(site: Site) -> AbstractAsyncContextManager[Monitor]:
    """One monitor process, started as `once`/`run` start it (interrupted sends recovered)."""
    return started_monitor(site.config)


def unavailable(seconds: int) -> Route:
    return Route(status=503, headers={"Retry-After": str(seconds)})


async def test_retried_until_accepted_with_one_id(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID)])
    site.configure()
    site.answers.extend([Route(status=500), Route(status=500)])
    async with running_monitor(site) as monitor:
        stats = await monitor.run_cycle()
        assert stats.new_events == 1 and stats.alerts_sent == 0
        [pending] = site.deliveries()
        assert (pending.state, pending.attempts) == ("pending", 1)
        assert "answered 500" in (pending.last_error or "")

        site.make_due()
        assert await monitor.deliver_due() == 0
        site.make_due()
        assert await monitor.deliver_due() == 1
        # accepted: nothing is due any more, however often the outbox is swept
        site.make_due()
        assert await monitor.deliver_due() == 0

    assert len(site.posts) == 3
    assert {p.headers["webhook-id"] for p in site.posts} == {pending.id}
    assert len({json.dumps(p, sort_keys=True) for p in site.payloads()}) == 1
    [sent] = site.deliveries()
    assert (sent.state, sent.attempts, sent.last_error) == ("sent", 3, None)


async def test_webhook_answering_410_fails_at_once_and_is_disabled_until_restart(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.publish([("a", "Raid in Atmeh", RAID)])
    site.configure()
    site.answers.append(Route(status=410))
    with caplog.at_level(logging.ERROR, logger="monitor"):
        async with running_monitor(site) as monitor:
            await monitor.run_cycle()
            [gone] = site.deliveries()
            assert (gone.state, gone.attempts) == ("failed", 1)
            assert "answered 410" in (gone.last_error or "")

            # a new story while the receiver said "stop": not even tried in this process
            site.publish([("a", "Raid in Atmeh", RAID), ("b", "Strike near Raqqa", STRIKE)])
            stats = await monitor.run_cycle()
            assert stats.new_events == 1
            site.make_due()
            await monitor.deliver_due()
            assert len(site.posts) == 1
    messages = [r.getMessage() for r in caplog.records]
    assert any("ALERT NOT DELIVERED" in m and "permanent error" in m for m in messages)
    assert any("disabled until restart" in m for m in messages)
    waiting = next(d for d in site.deliveries() if d.id != gone.id)
    assert (waiting.state, waiting.attempts) == ("pending", 0)

    # after a restart the channel is tried again; the 410'd alert stays failed
    async with running_monitor(site) as monitor:
        assert await monitor.deliver_due() == 1
    assert [p["title"] for p in site.payloads()] == ["Raid in Atmeh", "Strike near Raqqa"]
    states = {d.id: d.state for d in site.deliveries()}
    assert states == {gone.id: "failed", waiting.id: "sent"}


async def test_retry_after_on_503_is_honoured(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID)])
    site.configure()
    site.answers.append(unavailable(120))
    before = datetime.now(UTC)
    async with running_monitor(site) as monitor:
        await monitor.run_cycle()
        [d] = site.deliveries()
        assert d.state == "pending"
        assert "answered 503" in (d.last_error or "")
        # the schedule alone would retry after ~5 s; the receiver asked for 120
        assert d.next_attempt_at - before >= timedelta(seconds=119.9)
        assert await monitor.deliver_due() == 0
    assert len(site.posts) == 1


async def held_back_delivery(site: Site) -> Delivery:
    """One event whose first delivery the receiver refused with 503 (retry after 120 s)."""
    site.publish([("a", "Raid in Atmeh", RAID)])
    site.configure()
    site.answers.append(unavailable(120))
    async with running_monitor(site) as monitor:
        await monitor.run_cycle()
    [d] = site.deliveries()
    return d


async def test_delivery_interrupted_by_a_crash_is_sent_again_with_the_same_id(
    site: Site,
) -> None:
    d = await held_back_delivery(site)
    # the process died after marking the retry 'sending' and before learning the answer
    site.set_state(d.id, "sending")

    await run_once(load_config(site.config))
    assert len(site.posts) == 2
    assert [p.headers["webhook-id"] for p in site.posts] == [d.id, d.id]
    [after] = site.deliveries()
    assert (after.id, after.state, after.attempts) == (d.id, "sent", 2)


async def test_delivery_to_a_channel_removed_from_the_config_is_marked_failed(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    d = await held_back_delivery(site)
    assert d.state == "pending"

    site.configure(webhook=False)
    site.make_due()
    with caplog.at_level(logging.ERROR, logger="monitor"):
        async with running_monitor(site) as monitor:
            assert await monitor.deliver_due() == 0
    [failed] = site.deliveries()
    assert (failed.id, failed.state) == (d.id, "failed")
    assert failed.last_error == "channel no longer configured"
    assert any("'ops-hook' is no longer configured" in r.getMessage() for r in caplog.records)
    assert len(site.posts) == 1


async def test_feed_failing_too_long_alerts_once_then_recovered_once(site: Site) -> None:
    site.srv.route("/feed.xml", b"upstream down", status=500)
    site.configure(alerts='feed_failing_after = "1s"\n')
    config = load_config(site.config)

    await run_once(config)
    assert site.posts == []  # failing, but not yet for long
    await asyncio.sleep(1.1)
    await run_once(config)
    await run_once(config)
    assert [p["type"] for p in site.payloads()] == ["feed.failing"]

    site.publish([("x", "Weather", "Sunny in Damascus.")])
    await run_once(config)
    await run_once(config)
    failing, recovered = site.payloads()
    assert recovered["type"] == "feed.recovered"
    for notice in (failing, recovered):
        assert notice["source"] == "Wire"
        assert notice["url"] == f"{site.srv.base_url}/feed.xml"
        assert notice["failing_since"] == failing["failing_since"]
    assert "500" in str(failing["snippet"])
    assert [d.state for d in site.deliveries()] == ["sent", "sent"]


async def test_once_finishes_when_a_pending_retry_belongs_to_a_channel_disabled_by_410(
    site: Site,
) -> None:
    site.publish([("a", "Raid in Atmeh", RAID), ("b", "Strike near Raqqa", STRIKE)])
    site.configure(alerts='retry_window = "1s"\n')
    # the two alerts go out together: one gets a 500 (retry due within the second), the
    # other a 410 that disables the channel; `monitor once` must still come to an end
    site.answers.extend([Route(status=500), Route(status=410)])
    await asyncio.wait_for(run_once(load_config(site.config)), timeout=5)
    assert len(site.posts) == 2
    states = sorted(d.state for d in site.deliveries())
    assert states == ["failed", "pending"]


async def test_a_channel_disabled_by_410_does_not_hold_back_the_others(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID)])
    site.configure()
    site.srv.route("/other", b"", status=200)
    text = site.config.read_text()
    site.config.write_text(
        text + f'[[alerts.webhook]]\nname = "other"\nurl = "{site.srv.base_url}/other"\n'
    )
    site.answers.append(Route(status=410))
    async with running_monitor(site) as monitor:
        await monitor.run_cycle()
        store = monitor.store
        # a backlog of older rows for the dead channel sorts first; they must not fill the batch
        with sqlite3.connect(site.db) as db:
            old = to_iso(datetime.now(UTC) - timedelta(days=1))
            for i in range(600):
                db.execute(
                    "INSERT INTO deliveries (id, event_id, channel, kind, type, payload, state,"
                    " attempts, created_at, next_attempt_at, expires_at)"
                    " VALUES (?, 'ev', 'ops-hook', 'webhook', 'event.matched', '{}', 'pending',"
                    " 0, ?, ?, ?)",
                    [f"msg_backlog_{i}", old, old, to_iso(datetime.now(UTC) + timedelta(days=1))],
                )
        db.close()
        site.publish([("a", "Raid in Atmeh", RAID), ("b", "Strike near Raqqa", STRIKE)])
        await monitor.run_cycle()
        sent_other = [d for d in store.deliveries() if d.channel == "other" and d.state == "sent"]
    assert len(sent_other) == 2


def test_a_delivery_is_claimed_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.db")
    now = datetime.now(UTC)
    store.enqueue(
        delivery_id="msg_1",
        event_id="ev",
        channel="c",
        kind="webhook",
        type="event.matched",
        payload="{}",
        at=now,
        expires_at=now + timedelta(days=1),
    )
    assert store.mark_sending("msg_1") is True
    # a second process (or a stale read) cannot send the same alert again
    assert store.mark_sending("msg_1") is False
    store.close()


async def test_an_undated_item_edited_later_keeps_its_first_seen_time(site: Site) -> None:
    site.publish([("a", "Bread prices", "The price of bread rose in Damascus.")])
    site.configure(alerts='max_age = "2d"\n')
    # an undated entry: strip the pubDate the helper writes
    site.srv.set_body(
        "/feed.xml",
        rss(site.srv.base_url, [("a", "Bread prices", "The price of bread rose.")])
        .replace("<pubDate>", "<x>")
        .replace("</pubDate>", "</x>"),
    )
    await run_once(load_config(site.config))
    five_days_ago = to_iso(datetime.now(UTC) - timedelta(days=5))
    with sqlite3.connect(site.db) as db:
        db.execute("UPDATE items SET first_seen_at = ?", [five_days_ago])
    db.close()
    # the same entry, edited: it now matches, but it was first seen five days ago
    site.srv.set_body(
        "/feed.xml",
        rss(site.srv.base_url, [("a", "Raid in Atmeh", RAID)])
        .replace("<pubDate>", "<x>")
        .replace("</pubDate>", "</x>"),
    )
    await run_once(load_config(site.config))
    with sqlite3.connect(site.db) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert db.execute("SELECT first_seen_at FROM items").fetchone()[0] == five_days_ago
    db.close()
    assert site.posts == []  # older than alerts.max_age: stored and matched, never alerted


async def test_edited_items_are_stored_again_in_place(site: Site) -> None:
    site.publish([("a", "Bread prices", "The price of bread rose."), ("b", "Raid in Atmeh", RAID)])
    site.configure()
    await run_once(load_config(site.config))
    query = "SELECT key, title, rules, first_seen_at FROM items ORDER BY key"
    with sqlite3.connect(site.db) as db:
        before = db.execute(query).fetchall()
    db.close()
    # both edited so that neither matches: each is replaced by the row prepared for it
    site.publish(
        [
            ("a", "Bread and fuel prices", "The price of bread and fuel rose."),
            ("b", "Atmeh market reopens", "Traders in Atmeh reopened the market."),
        ]
    )
    await run_once(load_config(site.config))
    with sqlite3.connect(site.db) as db:
        after = db.execute(query).fetchall()
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1  # events are kept
    db.close()
    assert [(k, t, r) for k, t, r, _ in after] == [
        (before[0][0], "Bread and fuel prices", "[]"),
        (before[1][0], "Atmeh market reopens", "[]"),
    ]
    assert [row[3] for row in after] == [row[3] for row in before]  # first seen is kept
    assert before[1][2] != "[]"


def test_a_queued_alert_is_sent_exactly_as_it_was_built() -> None:
    from monitor.models import Alert
    from monitor.outbox import alert_from_payload

    alert = Alert(
        type="feed.failing",
        id="feed_x",
        title="Feed \u0627\u0644\u062e\u0628\u0631 is failing",
        url="https://example.org/feed.xml",
        source="\u0627\u0644\u062e\u0628\u0631",
        published=datetime(2026, 11, 23, 21, 4, tzinfo=UTC),
        rules=("a", "b"),
        snippet="HTTP 500",
        score=1.5,
        extra={"failing_since": "2026-11-22T00:00:00Z"},
    )
    again = alert_from_payload(json.dumps(alert.payload(), ensure_ascii=False))
    assert again == alert
