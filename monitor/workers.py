"""CPU-bound stages (parsing feed documents, matching items) in worker processes.

One process runs one core: with hundreds of feeds, parsing and matching would otherwise keep
the event loop busy for seconds and leave the other cores idle. Small configurations run the
same functions inline, where a pool's start-up and memory would cost more than they save.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from typing import TypeVar

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Document, MatchResult, ParsedFeed
from monitor.parse import parse_feed
from monitor.rules import Ruleset

T = TypeVar("T")

# Below this many feeds a pool is not worth its start-up time and memory.
POOL_FROM_FEEDS = 100


def process_context() -> BaseContext:
    """The context of every worker pool: a clean fork server with our modules loaded once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monitor.extract", "monitor.workers"])
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


def _parse(body: bytes, url: str, content_type: str | None) -> ParsedFeed | _Failure:
    try:
        return parse_feed(body, url, content_type)
    except FetchError as exc:
        return _Failure(exc.kind.value, exc.message)


def _match(docs: Sequence[Document]) -> list[MatchResult]:
    assert _ruleset is not None, "worker started without a ruleset"
    return [_ruleset.match(doc, cleaned=True) for doc in docs]


class FeedWorkers:
    """parse_feed and Ruleset.match, in `workers` processes (0: inline on the caller)."""

    def __init__(self, ruleset: Ruleset, workers: int, timeout: float = 60.0) -> None:
        self.ruleset = ruleset
        self.workers = workers
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None

    def set_ruleset(self, ruleset: Ruleset) -> None:
        """Use a new ruleset from now on (workers are restarted with it)."""
        self.ruleset = ruleset
        self._stop()

    async def parse(self, body: bytes, url: str, content_type: str | None) -> ParsedFeed:
        """parse_feed off the event loop; a crashed or stuck worker fails only this feed."""
        if not self.workers:
            return parse_feed(body, url, content_type)
        result = await self._run(_parse, body, url, content_type)
        if isinstance(result, _Failure):
            raise FetchError(FetchErrorKind(result.kind), result.message, url=url)
        return result

    async def match(self, docs: Sequence[Document]) -> list[MatchResult]:
        """The ruleset's result for each document, in order (texts already clean_text'ed)."""
        if not docs:
            return []
        if not self.workers:
            return [self.ruleset.match(doc, cleaned=True) for doc in docs]
        return await self._run(_match, list(docs))

    async def _run(self, fn: Callable[..., T], *args: object) -> T:
        pool = self._ensure_pool()
        try:
            # submit() may start a worker, which waits on the fork server: not on the loop
            future: Future[T] = await asyncio.to_thread(pool.submit, fn, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            self._stop(kill=True)
            raise FetchError(
                FetchErrorKind.MALFORMED, f"parsing took longer than {self.timeout:g}s"
            ) from None
        except (BrokenProcessPool, RuntimeError):
            # a worker died (out of memory on a hostile document?): start afresh next time
            self._stop(kill=True)
            raise FetchError(FetchErrorKind.MALFORMED, "the parsing worker crashed") from None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=process_context(),
                initializer=_init,
                initargs=(pickle.dumps(self.ruleset),),
            )
        return self._pool

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
