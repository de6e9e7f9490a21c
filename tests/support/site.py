"""A news site on 127.0.0.1 (feeds and a webhook receiver) and a monitor to point at it.

Shared by the hostile-input, property and store-fault tests:

    with LoopbackServer() as srv:
        site = Site(srv, tmp_path)
        site.publish(rss(site.base, [item("a", "Raid in Atmeh", RAID)]))
        site.configure()
        async with site.monitor() as monitor:
            await monitor.run_cycle()
        assert site.payloads()[0]["title"] == "Raid in Atmeh"
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

from aiohttp.abc import AbstractResolver

from monitor.config import load_config
from monitor.fetch import Fetcher
from monitor.pipeline import Monitor
from monitor.rules import load_ruleset
from monitor.store import Delivery, Store
from tests.support.server import LoopbackServer, Request, Route
from tests.support.texts import RULES


@asynccontextmanager
async def started_monitor(
    config_path: Path, *, resolver: AbstractResolver | None = None, busy_ms: int | None = None
) -> AsyncIterator[Monitor]:
    """A monitor as `once` and `run` start one (interrupted sends recovered); `busy_ms`
    shortens SQLite's wait for a lock held elsewhere (10 s in production) so that a test
    need not wait that long."""
    config = load_config(config_path)
    store = Store(config.storage.path)
    if busy_ms is not None:
        store.conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    store.recover_interrupted()
    try:
        async with Fetcher(config.polling, config.scraping, resolver=resolver) as fetcher:
            monitor = Monitor(config, store, load_ruleset(config.matching.rules), fetcher, None)
            try:
                yield monitor
            finally:
                await monitor.close()
    finally:
        store.close()


def item(guid: str | None, title: str, text: str, *, link: str | None = None) -> str:
    """One RSS item, dated now; texts are escaped as a feed writes them."""
    parts = [f"<guid isPermaLink='false'>{escape(guid)}</guid>" if guid else ""]
    parts.append(f"<title>{escape(title)}</title>")
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    parts.append(f"<description>{escape(text)}</description>")
    parts.append(f"<pubDate>{format_datetime(datetime.now(UTC))}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: Sequence[str], title: str = "Wire") -> str:
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        "<link>http://example.org/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    )


class Site:
    """Feeds and a webhook receiver (at /hook) on one loopback server; `answers` scripts the
    receiver (answered in order, then 200)."""

    def __init__(self, srv: LoopbackServer, tmp: Path) -> None:
        self.srv = srv
        self.tmp = tmp
        self.base = srv.base_url
        self.config = tmp / "monitor.toml"
        self.db = tmp / "m.db"
        self.posts: list[Request] = []
        self.answers: list[Route] = []
        srv.route("/hook", handler=self._hook)
        (tmp / "rules.toml").write_text(RULES)

    def _hook(self, request: Request) -> Route:
        self.posts.append(request)
        return self.answers.pop(0) if self.answers else Route(status=200)

    def publish(self, document: str | bytes, path: str = "/feed.xml") -> None:
        self.srv.route(path, document, content_type="application/rss+xml")

    def configure(
        self,
        *,
        feeds: dict[str, str] | None = None,
        hook: str = "/hook",
        extra: str = "",
        **tables: str,
    ) -> None:
        """One webhook, scraping off, the shared rules; `feeds` maps names to paths; each
        keyword of `tables` (storage, polling, scraping, matching, alerts, webhook) adds its
        lines to that table."""
        feeds = feeds or {"Wire": "/feed.xml"}
        lines = {"scraping": "enabled = false\n", "matching": 'rules = ["rules.toml"]\n'}
        for table, text in tables.items():
            lines[table] = lines.get(table, "") + text + "\n"
        self.config.write_text(
            "[storage]\n"
            + ("" if "path =" in lines.get("storage", "") else 'path = "m.db"\n')
            + lines.pop("storage", "")
            + "".join(f"[{t}]\n{lines.pop(t)}" for t in list(lines) if t != "webhook")
            + "".join(
                f"[[feeds]]\nname = {json.dumps(name)}\nurl = {json.dumps(self.base + path)}\n"
                for name, path in feeds.items()
            )
            + f'[[alerts.webhook]]\nname = "ops-hook"\nurl = "{self.base}{hook}"\n'
            + lines.pop("webhook", "")
            + extra,
            encoding="utf-8",
        )

    @asynccontextmanager
    async def monitor(
        self, *, resolver: AbstractResolver | None = None, busy_ms: int | None = None
    ) -> AsyncIterator[Monitor]:
        """A monitor as `once` and `run` start one (see started_monitor)."""
        async with started_monitor(self.config, resolver=resolver, busy_ms=busy_ms) as monitor:
            yield monitor

    def payloads(self) -> list[dict[str, object]]:
        return [json.loads(p.body) for p in self.posts]

    def deliveries(self) -> list[Delivery]:
        store = Store(self.db)
        try:
            return store.deliveries()
        finally:
            store.close()


_LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another process holds SQLite's write lock on `db` until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline() == b"locked\n"
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
