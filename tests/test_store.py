"""The store's write path: group commit where one failing job never takes others with it."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor.store import AsyncStore, Store, from_iso, to_iso


async def test_writes_commit_together_but_fail_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.db")
    store.sync_feeds([("a", "http://a/"), ("b", "http://b/")])
    db = AsyncStore(store)

    def good(name: str) -> str:
        store.update_feed(name, items_seen=7)
        return name

    def bad() -> None:
        store.update_feed("b", items_seen=99)
        raise ValueError("this job fails after writing")

    results = await asyncio.gather(db.write(good, "a"), db.write(bad), return_exceptions=True)
    assert results[0] == "a"
    assert isinstance(results[1], ValueError)
    await db.close()
    store.close()
    with sqlite3.connect(tmp_path / "m.db") as conn:
        seen = dict(conn.execute("SELECT name, items_seen FROM feeds"))
    conn.close()
    assert seen == {"a": 7, "b": 0}  # the failing job's write was rolled back, alone


async def test_a_cancelled_flush_still_answers_its_callers(tmp_path: Path) -> None:
    store = Store(tmp_path / "m.db")
    store.sync_feeds([("a", "http://a/")])
    db = AsyncStore(store)

    def slow() -> str:
        import time

        time.sleep(0.3)
        store.update_feed("a", items_seen=3)
        return "done"

    caller = asyncio.ensure_future(db.write(slow))
    await asyncio.sleep(0.05)
    assert db._flusher is not None
    db._flusher.cancel()
    assert await caller == "done"  # committed, and the caller was told so
    with pytest.raises(asyncio.CancelledError):
        await db._flusher
    await db.close()
    assert store.feed_state("a").items_seen == 3
    store.close()


def test_timestamps_are_stored_as_utc_text_that_sorts_and_reads_back() -> None:
    paris = datetime(2026, 11, 26, 13, 4, 5, 600, tzinfo=timezone(timedelta(hours=1)))
    assert to_iso(paris) == "2026-11-26T12:04:05.000600Z"
    assert to_iso(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00.000000Z"
    # a feed's absurd year still sorts before every real date and reads back
    ancient = datetime(5, 1, 1, tzinfo=UTC)
    assert to_iso(ancient) == "0005-01-01T00:00:00.000000Z" < to_iso(paris)  # type: ignore[operator]
    assert from_iso(to_iso(ancient)) == ancient
    assert from_iso(to_iso(paris)) == paris
    assert to_iso(None) is None
