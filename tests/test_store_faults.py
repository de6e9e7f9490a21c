"""Fault injection on the store during polls and deliveries: another process holding SQLite's
write lock, a database at its page limit, a real full disk (a small tmpfs, where mounting
works). Nothing is lost, nothing the receiver accepted is sent twice, and everything resumes
without a restart once the fault clears."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.server import LoopbackServer, Request, Route
from tests.support.site import Site, item, rss, write_lock_held
from tests.support.texts import RAID, STRIKE

TWO_STORIES = rss([item("a", "Raid in Atmeh", RAID), item("b", "Strike near Raqqa", STRIKE)])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path)


def stored(site: Site) -> tuple[list[str], dict[str, int]]:
    """Titles of the stored items, and deliveries by state."""
    with contextlib.closing(sqlite3.connect(site.db)) as db:
        titles = sorted(t for (t,) in db.execute("SELECT title FROM items"))
        states = dict(db.execute("SELECT state, count(*) FROM deliveries GROUP BY state"))
    return titles, states


def assert_all_delivered_once(site: Site) -> None:
    titles, states = stored(site)
    assert titles == ["Raid in Atmeh", "Strike near Raqqa"]
    assert states == {"sent": 2}
    assert sorted(str(p["title"]) for p in site.payloads()) == titles
    assert len({p.headers["webhook-id"] for p in site.posts}) == len(site.posts) == 2


# --- another process holds the write lock ---------------------------------------------------------


async def test_a_poll_refused_by_a_locked_database_is_done_again_at_the_next(site: Site) -> None:
    site.publish(TWO_STORIES)
    site.configure()
    async with site.monitor(busy_ms=200) as monitor:
        with write_lock_held(site.db):
            stats = await monitor.run_cycle()  # never raises
            assert stats.feeds_ok == 0 and stats.alerts_sent == 0
        assert site.posts == [] and stored(site) == ([], {})
        # the store's fault, not the feed's: no backoff
        assert monitor.store.feed_state("Wire").consecutive_failures == 0
        await monitor.run_cycle()  # the lock is gone: no restart needed
        state = monitor.store.feed_state("Wire")
    assert state.consecutive_failures == 0 and state.last_error is None
    assert_all_delivered_once(site)


async def test_deliveries_wait_for_a_locked_database_and_go_out_once(site: Site) -> None:
    site.publish(TWO_STORIES)
    site.configure()
    site.answers.extend([Route(status=503), Route(status=503)])
    async with site.monitor(busy_ms=200) as monitor:
        await monitor.run_cycle()  # both refused by the receiver: retries queued
        with contextlib.closing(sqlite3.connect(site.db)) as db, db:
            db.execute("UPDATE deliveries SET next_attempt_at = '2000-01-01T00:00:00.000000Z'")
        with write_lock_held(site.db):
            assert await monitor.deliver_due() == 0  # claims refused: nothing sent
            assert len(site.posts) == 2
        assert await monitor.deliver_due() == 2
        assert await monitor.deliver_due() == 0
    _, states = stored(site)
    assert states == {"sent": 2} and len(site.posts) == 4  # two refusals, two deliveries


# --- the database at its page limit (SQLITE_FULL) -----------------------------------------------


async def test_a_full_database_loses_no_item_and_resumes_when_it_has_room(site: Site) -> None:
    # long enough that storing them needs pages the database may not add
    background = " The town lies near the Turkish border." * 200
    site.publish(
        rss(
            [
                item("a", "Raid in Atmeh", RAID + background),
                item("b", "Strike near Raqqa", STRIKE + background),
            ]
        )
    )
    site.configure()
    async with site.monitor() as monitor:
        conn = monitor.store.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        await monitor.run_cycle()
        assert site.posts == [] and stored(site) == ([], {})
        assert monitor.store.feed_state("Wire").consecutive_failures == 0
        # every later write still commits (a COMMIT the disk refused once left the
        # transaction open, and every later write joined it and never committed)
        conn.execute("PRAGMA max_page_count = 1073741823")
        await monitor.run_cycle()
    assert_all_delivered_once(site)


# --- a real full disk -----------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(where: Path, size: str = "4m") -> Iterator[Path]:
    where.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> Path:
    """Fill the disk up to its last byte; the file returned frees the space when deleted."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    with pytest.raises(OSError) as full:
        (disk / "probe").write_bytes(b"\0" * 4096)
    assert full.value.errno == errno.ENOSPC
    return filler


async def test_a_full_disk_during_polls_and_deliveries_loses_nothing(tmp_path: Path) -> None:
    with LoopbackServer() as srv, small_disk(tmp_path / "disk") as disk:
        site = Site(srv, tmp_path)
        site.db = disk / "m.db"
        site.publish(TWO_STORIES)
        site.configure(storage=f'path = "{site.db}"')
        filler: list[Path] = []
        lock = threading.Lock()

        def accept_then_fill(request: Request) -> Route:
            # the receiver accepts each alert; meanwhile the disk fills up
            with lock:
                site.posts.append(request)
                if not filler:
                    filler.append(fill(disk))
            return Route(status=200)

        site.srv.route("/hook", handler=accept_then_fill)
        async with site.monitor() as monitor:
            await monitor.run_cycle()
            # the poll was stored; the alerts went out but their records were refused
            assert len(site.posts) == 2 and monitor.outbox.unrecorded == 2
            assert stored(site)[1] == {"sending": 2}
            await monitor.run_cycle()  # still full: nothing lost, nothing sent twice
            assert len(site.posts) == 2
            os.unlink(filler[0])
            await monitor.deliver_due()
            assert monitor.outbox.unrecorded == 0
            await monitor.deliver_due()
        assert_all_delivered_once(site)
