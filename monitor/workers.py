"""CPU-bound stages (parsing and preparing feed documents, matching items) in worker processes.

One process runs one core: with hundreds of feeds, parsing and matching would otherwise keep
the event loop busy for seconds and leave the other cores idle. Small configurations run the
same functions inline, where a pool's start-up and memory would cost more than they save.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.context import BaseContext
from typing import TypeVar

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Document, MatchResult
from monitor.parse import parse_feed
from monitor.prepare import PreparedFeed, prepare_feed
from monitor.rules import Ruleset
from monitor.store import now_utc

T = TypeVar("T")

# Below this many feeds a pool is not worth its start-up time and memory.
POOL_FROM_FEEDS = 100


def process_context(*, extraction: bool = True) -> BaseContext:
    """The context of every worker pool: a clean fork server with our modules loaded once.

    The first pool started decides what the server loads: `extraction=False` (no article will
    be extracted in this process) spares it the extractor's imports, a quarter second of CPU.
    """
    context = multiprocessing.get_context("forkserver")
    modules = ["monitor.workers", "monitor.extract"] if extraction else ["monitor.workers"]
    context.set_forkserver_preload(modules)
    return context


def default_workers(feeds: int) -> int:
    """Worker processes for a configuration of `feeds` feeds (0: run inline)."""
    return min(os.cpu_count() or 1, 4) if feeds >= POOL_FROM_FEEDS else 0


@dataclass(frozen=True)
class _Failure:
    """A FetchError carried back from a worker (its keyword-only fields do not pickle)."""

    kind: str
    message: str


_ruleset: Ruleset | None = None


def _init(ruleset: bytes) -> None:
    global _ruleset
    _ruleset = pickle.loads(ruleset)


@dataclass(frozen=True)
class _Job:
    """One feed document to parse and prepare (see FeedWorkers.prepare)."""

    body: bytes
    url: str
    content_type: str | None
    feed: str
    now: datetime
    match: bool


def _prepare(job: _Job) -> PreparedFeed | _Failure:
    try:
        return _prepare_with(_ruleset, job)
    except FetchError as exc:
        return _Failure(exc.kind.value, exc.message)


def _prepare_with(ruleset: Ruleset | None, job: _Job) -> PreparedFeed:
    parsed = parse_feed(job.body, job.url, job.content_type)
    return prepare_feed(parsed, ruleset if job.match else None, feed=job.feed, now=job.now)


def _match(docs: Sequence[Document]) -> list[MatchResult]:
    assert _ruleset is not None, "worker started without a ruleset"
    return [_ruleset.match(doc, cleaned=True) for doc in docs]


def _ready() -> None:
    """A job that only proves its worker is up."""


def _start_workers(pool: ProcessPoolExecutor, count: int, up: threading.Event) -> None:
    """Start the pool's `count` workers (one job each), then set `up`."""
    try:
        # a pool shut down meanwhile (a new ruleset) is gone, and so is the need to wait
        with contextlib.suppress(RuntimeError, BrokenProcessPool):
            concurrent.futures.wait([pool.submit(_ready) for _ in range(count)])
    finally:
        up.set()


class FeedWorkers:
    """parse_feed, prepare_feed and Ruleset.match in `workers` processes (0: inline)."""

    def __init__(
        self, ruleset: Ruleset, workers: int, timeout: float = 60.0, *, extraction: bool = True
    ) -> None:
        """`extraction`: whether articles will be extracted too (see process_context)."""
        self.ruleset = ruleset
        self.workers = workers
        self.timeout = timeout
        self.extraction = extraction
        self._pool: ProcessPoolExecutor | None = None
        self._up = threading.Event()  # set once the current pool's workers have started

    def set_ruleset(self, ruleset: Ruleset) -> None:
        """Use a new ruleset from now on (workers are restarted with it)."""
        self.ruleset = ruleset
        self._stop()

    async def prepare(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        *,
        feed: str = "",
        now: datetime | None = None,
        match: bool,
    ) -> PreparedFeed:
        """Parse and prepare feed `feed`'s document off the event loop (see prepare_feed);
        a crashed or stuck worker fails only this feed."""
        job = _Job(body, url, content_type, feed, now or now_utc(), match)
        pool = self._pool_when_up()
        if pool is None:
            return _prepare_with(self.ruleset, job)
        result = await self._run(pool, _prepare, job)
        if isinstance(result, _Failure):
            raise FetchError(FetchErrorKind(result.kind), result.message, url=url)
        return result

    async def match(self, docs: Sequence[Document]) -> list[MatchResult]:
        """The ruleset's result for each document, in order (texts already clean_text'ed)."""
        if not docs:
            return []
        pool = self._pool_when_up()
        if pool is None:
            return [self.ruleset.match(doc, cleaned=True) for doc in docs]
        return await self._run(pool, _match, list(docs))

    @property
    def up(self) -> bool:
        """Whether work now goes to the worker processes."""
        return self._pool is not None and self._up.is_set()

    async def wait_until_up(self) -> None:
        """Start the worker processes and wait until they can take work."""
        self._pool_when_up()
        await asyncio.to_thread(self._up.wait)

    def _pool_when_up(self) -> ProcessPoolExecutor | None:
        """The pool once its workers have started, else None: run inline meanwhile.

        Starting the fork server and the workers takes about half a second; a cold start
        parses the first feeds on the caller rather than wait for them (without the time limit
        a worker has: the same trade small configurations make for good).
        """
        if not self.workers:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=process_context(extraction=self.extraction),
                initializer=_init,
                initargs=(pickle.dumps(self.ruleset),),
            )
            self._up = threading.Event()
            # submit() starts a worker and waits on the fork server: never on the event loop
            threading.Thread(
                target=_start_workers, args=(self._pool, self.workers, self._up), daemon=True
            ).start()
        return self._pool if self._up.is_set() else None

    async def _run(self, pool: ProcessPoolExecutor, fn: Callable[..., T], *args: object) -> T:
        try:
            future: Future[T] = pool.submit(fn, *args)
            async with asyncio.timeout(self.timeout):
                return await asyncio.wrap_future(future)
        except TimeoutError:
            self._stop(kill=True)
            raise FetchError(
                FetchErrorKind.MALFORMED, f"parsing took longer than {self.timeout:g}s"
            ) from None
        except (BrokenProcessPool, RuntimeError):
            # a worker died (out of memory on a hostile document?): start afresh next time
            self._stop(kill=True)
            raise FetchError(FetchErrorKind.MALFORMED, "the parsing worker crashed") from None

    def _stop(self, kill: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    process.kill()
        # a new ruleset lets the old workers finish what they were given; a kill does not
        pool.shutdown(wait=False, cancel_futures=kill)

    def close(self) -> None:
        """Stop the worker processes."""
        self._stop()
