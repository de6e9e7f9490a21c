"""Parsing and matching in worker processes give exactly what they give inline."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Document
from monitor.rules import load_ruleset
from monitor.workers import FeedWorkers, default_workers
from tests.support.texts import RAID, RULES, STRIKE

FEED = (
    "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire</title>"
    "<link>http://example.org/</link><description>d</description>"
    "<item><guid>1</guid><title>Raid in Atmeh</title><link>http://example.org/1</link>"
    f"<description>{RAID}</description><pubDate>Mon, 23 Nov 2026 21:04:00 GMT</pubDate></item>"
    "<item><guid>2</guid><title>Strike near Raqqa</title><link>http://example.org/2</link>"
    f"<description>{STRIKE}</description></item>"
    "</channel></rss>"
).encode()


@pytest.fixture
async def pool(tmp_path: Path) -> AsyncIterator[FeedWorkers]:
    (tmp_path / "rules.toml").write_text(RULES)
    workers = FeedWorkers(load_ruleset([tmp_path / "rules.toml"]), workers=2, timeout=30)
    await workers.wait_until_up()
    yield workers
    workers.close()


async def test_pool_and_inline_agree(pool: FeedWorkers) -> None:
    inline = FeedWorkers(pool.ruleset, workers=0)
    url = "http://example.org/feed.xml"
    prepared = await pool.prepare(FEED, url, "application/rss+xml", match=True)
    assert prepared == await inline.prepare(FEED, url, "application/rss+xml", match=True)
    assert [p.entry.title for p in prepared.entries] == ["Raid in Atmeh", "Strike near Raqqa"]
    assert [p.result.rules for p in prepared.entries if p.result] == [("isis-raid",)] * 2
    assert all(p.signature is not None for p in prepared.entries)
    assert prepared.rows == ()  # both matched: each will make or join an event
    docs = [Document(p.entry.title, p.entry.summary, p.entry.content) for p in prepared.entries]
    results = await pool.match(docs)
    assert results == await inline.match(docs)
    assert results == [p.result for p in prepared.entries]


async def test_preparing_without_matching_leaves_the_match_to_later(pool: FeedWorkers) -> None:
    prepared = await pool.prepare(FEED, "http://example.org/f", None, match=False)
    assert [(p.result, p.signature) for p in prepared.entries] == [(None, None)] * 2
    assert len({p.key for p in prepared.entries}) == 2


async def test_a_refused_document_is_that_feeds_error(pool: FeedWorkers) -> None:
    with pytest.raises(FetchError) as info:
        await pool.prepare(
            b"<!doctype html><html><body>Oops</body></html>", "http://x/", "text/html", match=True
        )
    assert info.value.kind is FetchErrorKind.NOT_A_FEED


async def test_a_new_ruleset_reaches_the_workers(pool: FeedWorkers, tmp_path: Path) -> None:
    doc = Document("Raid in Atmeh", RAID, "")
    assert (await pool.match([doc]))[0].rules == ("isis-raid",)
    (tmp_path / "other.toml").write_text('[[rules]]\nname = "atmeh"\nquery = "Atmeh"\n')
    pool.set_ruleset(load_ruleset([tmp_path / "other.toml"]))
    await pool.wait_until_up()
    assert (await pool.match([doc]))[0].rules == ("atmeh",)


async def test_work_runs_inline_until_the_workers_are_up(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(RULES)
    workers = FeedWorkers(load_ruleset([tmp_path / "rules.toml"]), workers=1, timeout=30)
    try:
        # the first document starts the workers and is answered at once, while the fork
        # server is still starting (about half a second)
        prepared = await asyncio.wait_for(
            workers.prepare(FEED, "http://example.org/f", None, match=True), 0.2
        )
        assert len(prepared.entries) == 2
        assert not workers.up
        await workers.wait_until_up()
        assert workers.up
    finally:
        workers.close()


def test_small_configurations_run_inline() -> None:
    assert default_workers(14) == 0
    assert default_workers(1000) >= 1
