"""Parsing and matching in worker processes give exactly what they give inline."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Document, Report
from monitor.prepare import feed_report
from monitor.rules import load_ruleset
from monitor.workers import FeedWorkers, Recycling, default_workers
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


@contextlib.asynccontextmanager
async def started(
    tmp_path: Path, workers: int = 2, timeout: float = 30, recycling: Recycling | None = None
) -> AsyncIterator[FeedWorkers]:
    """`workers` processes up with the test rules; closed afterwards."""
    (tmp_path / "rules.toml").write_text(RULES)
    pool = FeedWorkers(
        load_ruleset([tmp_path / "rules.toml"]),
        workers,
        timeout,
        recycling=recycling or Recycling(),
    )
    await pool.wait_until_up()
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture
async def pool(tmp_path: Path) -> AsyncIterator[FeedWorkers]:
    async with started(tmp_path) as workers:
        yield workers


async def test_pool_and_inline_agree(pool: FeedWorkers) -> None:
    inline = FeedWorkers(pool.ruleset, workers=0)
    url = "http://example.org/feed.xml"
    prepared = await pool.prepare(FEED, url, "application/rss+xml", match=True)
    assert prepared == await inline.prepare(FEED, url, "application/rss+xml", match=True)
    assert [p.entry.title for p in prepared.entries] == ["Raid in Atmeh", "Strike near Raqqa"]
    assert [p.analysis.result.rules for p in prepared.entries if p.analysis] == [("isis-raid",)] * 2
    assert all(p.signature is not None for p in prepared.entries)
    assert prepared.rows == ()  # both matched: each will make or join an event
    reports = [feed_report(p.entry) for p in prepared.entries]
    results = await pool.analyse(reports)
    assert results == await inline.analyse(reports)
    assert results == [p.analysis for p in prepared.entries]
    # a matched report comes with its frame and genre, read where it was matched
    assert all(a.frame is not None and a.genre is not None for a in results)
    # by rules whose gate a passing process compiled, which the workers loaded
    assert pool.ruleset._matcher._compiled == pool.ruleset.compiled_gate() is not None


async def test_preparing_without_matching_leaves_the_match_to_later(pool: FeedWorkers) -> None:
    prepared = await pool.prepare(FEED, "http://example.org/f", None, match=False)
    assert [(p.analysis, p.signature) for p in prepared.entries] == [(None, None)] * 2
    assert len({p.key for p in prepared.entries}) == 2


async def test_a_refused_document_is_that_feeds_error(pool: FeedWorkers) -> None:
    with pytest.raises(FetchError) as info:
        await pool.prepare(
            b"<!doctype html><html><body>Oops</body></html>", "http://x/", "text/html", match=True
        )
    assert info.value.kind is FetchErrorKind.NOT_A_FEED


async def test_a_new_ruleset_reaches_the_workers(pool: FeedWorkers, tmp_path: Path) -> None:
    doc = Report(Document("Raid in Atmeh", RAID, ""))
    assert (await pool.analyse([doc]))[0].result.rules == ("isis-raid",)
    (tmp_path / "other.toml").write_text('[[rules]]\nname = "atmeh"\nquery = "Atmeh"\n')
    pool.set_ruleset(load_ruleset([tmp_path / "other.toml"]))
    await pool.wait_until_up()
    assert (await pool.analyse([doc]))[0].result.rules == ("atmeh",)


_FIRST_FEED = """
import asyncio, sys
from monitor.rules import load_ruleset
from monitor.workers import FeedWorkers

async def main() -> None:
    workers = FeedWorkers(load_ruleset([sys.argv[1]]), workers=1, timeout=30)
    try:
        prepared = await workers.prepare(sys.stdin.buffer.read(), "http://x/f", None, match=True)
        assert len(prepared.entries) == 2 and workers.up
    finally:
        workers.close()

if __name__ == "__main__":
    asyncio.run(main())
    loaded = [m for m in ("feedparser", "monitor.parse", "monitor.places") if m in sys.modules]
    print(" ".join(loaded))
"""


def test_the_first_feeds_wait_for_the_workers_and_the_monitor_never_parses(
    tmp_path: Path,
) -> None:
    # a cold start's first feeds wait the half second the workers take to start, rather than
    # load the parser, its encoding tables, the gazetteer and the matcher's caches into the
    # monitor process for as long as it runs (15 MB of its peak RSS in bench/cycle.py)
    (tmp_path / "rules.toml").write_text(RULES)
    (tmp_path / "first.py").write_text(_FIRST_FEED)
    done = subprocess.run(
        [sys.executable, str(tmp_path / "first.py"), str(tmp_path / "rules.toml")],
        input=FEED,
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.decode().strip() == ""  # none of them loaded in the calling process


def test_small_configurations_run_inline() -> None:
    assert default_workers(14) == 0
    assert default_workers(1000) >= 1


async def _parallel_sleeps(pool: FeedWorkers, seconds: float) -> float:
    """Wall time of two jobs of `seconds` each: about `seconds` when two workers take them."""
    started = time.monotonic()
    await asyncio.gather(pool._run(time.sleep, seconds), pool._run(time.sleep, seconds))
    return time.monotonic() - started


async def test_a_crashed_worker_fails_only_its_own_feed(pool: FeedWorkers) -> None:
    # a hostile document that kills its worker (say, out of memory) is that feed's error;
    # the documents parsed beside it are not touched, and the worker is replaced
    url = "http://example.org/f"
    outcomes = await asyncio.gather(
        pool._run(os._exit, 1),
        *(pool.prepare(FEED, url, None, match=True) for _ in range(6)),
        return_exceptions=True,
    )
    crash, *others = outcomes
    assert isinstance(crash, FetchError) and crash.kind is FetchErrorKind.MALFORMED
    assert "crashed" in crash.message
    assert all(len(o.entries) == 2 for o in others if not isinstance(o, BaseException))
    assert not [o for o in others if isinstance(o, BaseException)]
    for _ in range(50):  # the replacement starts in the background
        if await _parallel_sleeps(pool, 0.3) < 0.55:
            break
    else:
        raise AssertionError("the crashed worker was not replaced")
    assert pool.up


async def test_a_stuck_worker_is_killed_and_the_others_go_on(tmp_path: Path) -> None:
    # (2 s: the healthy worker's own parses must stay under it on a loaded 2-core machine)
    async with started(tmp_path, timeout=2.0) as workers:
        processes = [w.process for w in workers._all]
        stuck = asyncio.ensure_future(workers._run(time.sleep, 60))
        await asyncio.sleep(0.05)
        # meanwhile the other worker parses; documents sent on behind the stuck one are
        # parsed elsewhere once it is killed, not failed with it
        url = "http://example.org/f"
        parsed = await asyncio.gather(
            *(workers.prepare(FEED, url, None, match=True) for _ in range(8))
        )
        assert [len(p.entries) for p in parsed] == [2] * 8
        with pytest.raises(FetchError, match="longer than 2s"):
            await stuck
        await asyncio.sleep(0.2)
        assert sum(p.is_alive() for p in processes) == 1  # the stuck one was killed
        for _ in range(50):
            if await _parallel_sleeps(workers, 0.3) < 0.55:
                break
        else:
            raise AssertionError("the stuck worker was not replaced")


async def test_a_busy_worker_finishes_its_job_under_a_new_ruleset(
    pool: FeedWorkers, tmp_path: Path
) -> None:
    old = [w.process for w in pool._all]
    busy = asyncio.ensure_future(pool._run(time.sleep, 0.3))
    await asyncio.sleep(0.05)
    (tmp_path / "other.toml").write_text('[[rules]]\nname = "atmeh"\nquery = "Atmeh"\n')
    pool.set_ruleset(load_ruleset([tmp_path / "other.toml"]))
    assert await busy is None
    await pool.wait_until_up()
    report = Report(Document("Raid in Atmeh", RAID, ""))
    assert (await pool.analyse([report]))[0].result.rules == ("atmeh",)
    for process in old:  # the old workers ended on their own, none was killed
        await asyncio.to_thread(process.join, 5)
        assert process.exitcode == 0


async def test_closing_stops_the_worker_processes(tmp_path: Path) -> None:
    async with started(tmp_path) as workers:
        processes = [w.process for w in workers._all]
        assert len(processes) == 2 and all(p.is_alive() for p in processes)
    for process in processes:  # closed on leaving the block
        process.join(5)
    assert not any(p.is_alive() for p in processes)


async def test_work_waiting_for_a_worker_survives_a_new_ruleset(tmp_path: Path) -> None:
    async with started(tmp_path, workers=1, timeout=5) as workers:
        # one worker takes two jobs at a time: the third waits for a place
        jobs = [asyncio.ensure_future(workers._run(time.sleep, 0.2)) for _ in range(3)]
        await asyncio.sleep(0.05)
        workers.set_ruleset(load_ruleset([tmp_path / "rules.toml"]))
        begun = time.monotonic()
        assert await asyncio.gather(*jobs) == [None] * 3
        assert time.monotonic() - begun < 3  # done by the new worker, not by the time limit


async def test_closing_fails_the_work_still_waiting_at_once(tmp_path: Path) -> None:
    async with started(tmp_path, workers=1) as workers:
        jobs = [asyncio.ensure_future(workers._run(time.sleep, 0.5)) for _ in range(3)]
        await asyncio.sleep(0.05)
        begun = time.monotonic()
        workers.close()
        outcomes = await asyncio.gather(*jobs, return_exceptions=True)
        assert all(isinstance(o, FetchError) for o in outcomes)
        assert time.monotonic() - begun < 1  # not left to the 30 s time limit
        # afterwards, anything asked runs inline
        prepared = await workers.prepare(FEED, "http://example.org/f", None, match=True)
        assert len(prepared.entries) == 2 and not workers.up


async def test_a_stop_signal_to_the_group_leaves_the_work_in_flight_alone(
    pool: FeedWorkers,
) -> None:
    # systemd stops a service by signalling all its processes: the monitor finishes what is in
    # flight, so its workers must not die under it
    job = asyncio.ensure_future(pool._run(time.sleep, 0.3))
    await asyncio.sleep(0.05)
    processes = [w.process for w in pool._all]
    for process in processes:
        assert process.pid is not None
        os.kill(process.pid, signal.SIGTERM)
        os.kill(process.pid, signal.SIGINT)
    assert await job is None
    assert all(p.is_alive() for p in processes)
    pool.close()
    for process in processes:
        await asyncio.to_thread(process.join, 5)
        assert process.exitcode == 0


@pytest.mark.parametrize(
    "recycling",
    [Recycling(jobs=3), Recycling(megabytes=1)],
    ids=["after 3 jobs", "past 1 MB of memory"],
)
async def test_a_worker_that_has_done_its_share_is_replaced_without_losing_work(
    tmp_path: Path, recycling: Recycling
) -> None:
    # a parser seldom gives memory back: workers are replaced now and then, between jobs
    async with started(tmp_path, workers=1, recycling=recycling) as workers:
        seen = {w.process.pid: w.process for w in workers._all}
        for _ in range(4):
            parsed = await asyncio.gather(
                *(workers.prepare(FEED, "http://example.org/f", None, match=True) for _ in range(3))
            )
            assert [len(p.entries) for p in parsed] == [2] * 3
            await asyncio.sleep(0.3)  # time for a replacement to start
            seen.update({w.process.pid: w.process for w in workers._all})
        assert len(seen) >= 3
        retired = [p for p in seen.values() if p.pid not in {w.process.pid for w in workers._all}]
        for process in retired:  # each ended on its own once it had answered
            await asyncio.to_thread(process.join, 5)
            assert process.exitcode == 0
