"""CPU-bound stages (parsing and preparing feed documents, matching items) in worker processes.

One process runs one core: with hundreds of feeds, parsing and matching would otherwise keep
the event loop busy for seconds and leave the other cores idle. Small configurations run the
same functions inline, where the processes' start-up and memory would cost more than they save.

Each worker is joined to the event loop by a socket: a job is one length-prefixed pickle
written with loop.sock_sendall, its answer one read with loop.sock_recv_into. No executor
threads stand between them, which matters because the process running the event loop is the
busiest one of a cold start: concurrent.futures' feeder and manager threads, their wake-ups
and future chaining cost it a sixth of its CPU there (bench/cycle.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Document, MatchResult
from monitor.parse import parse_feed
from monitor.prepare import PreparedFeed, prepare_feed
from monitor.rules import Ruleset
from monitor.store import now_utc

T = TypeVar("T")

# Below this many feeds the processes are not worth their start-up time and memory.
POOL_FROM_FEEDS = 100
_SIZE = struct.Struct("!Q")  # the length in front of every message
START_TIMEOUT = 60.0  # seconds for a worker process to start and load the ruleset


def process_context(*, extraction: bool = True) -> ForkServerContext:
    """The context of every worker process: a clean fork server with our modules loaded once.

    The first process started decides what the server loads: `extraction=False` (no article
    will be extracted in this process) spares it the extractor's imports, a quarter second of
    CPU.
    """
    context = multiprocessing.get_context("forkserver")
    modules = ["monitor.workers", "monitor.extract"] if extraction else ["monitor.workers"]
    context.set_forkserver_preload(modules)
    return context


def default_workers(feeds: int) -> int:
    """Worker processes for a configuration of `feeds` feeds (0: run inline)."""
    return min(os.cpu_count() or 1, 4) if feeds >= POOL_FROM_FEEDS else 0


# -- inside a worker process -------------------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """A FetchError carried back from a worker (its keyword-only fields do not pickle)."""

    kind: str
    message: str


_ruleset: Ruleset | None = None


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


def _send(sock: socket.socket, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_SIZE.pack(len(data)) + data)


def _recv(sock: socket.socket) -> Any:
    """The next message, or None at the end of the stream."""
    header = _read(sock, _SIZE.size)
    if header is None:
        return None
    data = _read(sock, _SIZE.unpack(header)[0])
    return None if data is None else pickle.loads(data)


def _read(sock: socket.socket, size: int) -> bytearray | None:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if not n:
            return None
        got += n
    return buffer


def _serve(sock: socket.socket, ruleset: bytes) -> None:
    """A worker's life: answer jobs (function, argument) in order until the socket closes."""
    global _ruleset
    # Ctrl-C reaches the whole process group: the monitor shuts down and closes our socket
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ruleset = pickle.loads(ruleset)
    with contextlib.suppress(OSError):  # the monitor is gone: so are we
        _send(sock, "ready")
        while (job := _recv(sock)) is not None:
            fn, arg = job
            try:
                answer: tuple[bool, object] = (True, fn(arg))
            except Exception as exc:  # a bug: the caller sees it as if the call were inline
                answer = (False, exc)
            try:
                _send(sock, answer)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:  # unpicklable
                _send(sock, (False, RuntimeError(f"{type(exc).__name__}: {exc}")))


# -- in the monitor process --------------------------------------------------------------------


class _WorkerGone(Exception):
    """The worker process closed its socket: it crashed (out of memory on a hostile document?)."""


@dataclass
class _Worker:
    """One worker process and the monitor's end of its socket (non-blocking)."""

    process: BaseProcess
    sock: socket.socket
    generation: int  # of the ruleset it was started with

    async def call(self, fn: Callable[[Any], T], arg: object) -> T:
        loop = asyncio.get_running_loop()
        data = pickle.dumps((fn, arg), protocol=pickle.HIGHEST_PROTOCOL)
        await loop.sock_sendall(self.sock, _SIZE.pack(len(data)) + data)
        (size,) = _SIZE.unpack(await self._read(loop, _SIZE.size))
        ok, value = pickle.loads(await self._read(loop, size))
        if not ok:
            raise value
        return value

    async def _read(self, loop: asyncio.AbstractEventLoop, size: int) -> bytearray:
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        while got < size:
            n = await loop.sock_recv_into(self.sock, view[got:])
            if not n:
                raise _WorkerGone
            got += n
        return buffer

    def stop(self, *, kill: bool = False) -> None:
        """Close the socket (the worker exits after its current job), or kill it now."""
        self.sock.close()
        if kill:
            with contextlib.suppress(Exception):
                self.process.kill()


def _start_worker(context: ForkServerContext, ruleset: bytes, generation: int) -> _Worker:
    """Start one worker process and wait until it has loaded the ruleset (blocking)."""
    mine, theirs = socket.socketpair()
    try:
        process = context.Process(target=_serve, args=(theirs, ruleset), daemon=True)
        process.start()
    except BaseException:
        mine.close()
        raise
    finally:
        theirs.close()
    try:
        mine.settimeout(START_TIMEOUT)
        if _recv(mine) != "ready":
            raise _WorkerGone
    except BaseException:
        mine.close()
        process.kill()
        raise
    mine.setblocking(False)
    return _Worker(process, mine, generation)


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
        self._generation = 0  # bumped by each new ruleset: older workers are retired
        self._started = False  # this generation's processes are started or starting
        self._up = threading.Event()  # ...and have all started
        self._all: list[_Worker] = []  # this generation's workers on the event loop
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()

    def set_ruleset(self, ruleset: Ruleset) -> None:
        """Use a new ruleset from now on (workers are restarted with it)."""
        self.ruleset = ruleset
        self._retire()

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
        if not self._ready():
            return _prepare_with(self.ruleset, job)
        result = await self._run(_prepare, job)
        if isinstance(result, _Failure):
            raise FetchError(FetchErrorKind(result.kind), result.message, url=url)
        return result

    async def match(self, docs: Sequence[Document]) -> list[MatchResult]:
        """The ruleset's result for each document, in order (texts already clean_text'ed)."""
        if not docs:
            return []
        if not self._ready():
            return [self.ruleset.match(doc, cleaned=True) for doc in docs]
        return await self._run(_match, list(docs))

    @property
    def up(self) -> bool:
        """Whether work now goes to the worker processes."""
        return self.workers > 0 and self._up.is_set() and bool(self._all)

    async def wait_until_up(self) -> None:
        """Start the worker processes and wait until they can take work."""
        if self.workers:
            self._start()
            await asyncio.to_thread(self._up.wait)

    def _ready(self) -> bool:
        """Whether work goes to the workers; the first call starts them.

        Starting the fork server and the workers takes about half a second; a cold start
        parses the first feeds on the caller rather than wait for them (without the time limit
        a worker has: the same trade small configurations make for good).
        """
        if not self.workers:
            return False
        self._start()
        return self.up

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        self._up.clear()
        self._spawn(self.workers, then=self._up.set)

    def _spawn(self, count: int, then: Callable[[], None] | None = None) -> None:
        """Start `count` workers with the current ruleset; each joins the idle queue when up.

        Starting a process waits on the fork server: a thread does it, never the event loop.
        """
        loop = asyncio.get_running_loop()
        context = process_context(extraction=self.extraction)
        ruleset, generation = pickle.dumps(self.ruleset), self._generation

        def start() -> None:
            try:
                for _ in range(count):
                    try:
                        worker = _start_worker(context, ruleset, generation)
                    except (OSError, _WorkerGone):
                        continue  # one worker fewer; with none at all, work runs inline
                    try:
                        loop.call_soon_threadsafe(self._adopt, worker)
                    except RuntimeError:  # the event loop is gone
                        worker.stop()
            finally:
                if then is not None:
                    then()

        threading.Thread(target=start, daemon=True).start()

    def _adopt(self, worker: _Worker) -> None:
        if worker.generation != self._generation:
            worker.stop()  # a new ruleset came while it started
            return
        self._all.append(worker)
        self._idle.put_nowait(worker)

    async def _run(self, fn: Callable[[Any], T], arg: object) -> T:
        worker: _Worker | None = None
        healthy = False
        try:
            # the wait for a free worker counts too: should every worker die and none start
            # again, the feed fails instead of waiting for ever
            async with asyncio.timeout(self.timeout):
                worker = await self._idle.get()
                result = await worker.call(fn, arg)
            healthy = True
            return result
        except TimeoutError:
            raise FetchError(
                FetchErrorKind.MALFORMED, f"parsing took longer than {self.timeout:g}s"
            ) from None
        except (_WorkerGone, OSError):
            raise FetchError(FetchErrorKind.MALFORMED, "the parsing worker crashed") from None
        finally:
            if worker is not None:
                self._release(worker, healthy)

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and worker in self._all:
            self._idle.put_nowait(worker)
            return
        # a worker that failed, or was interrupted mid-answer, cannot be trusted with the next
        # job: it is replaced
        worker.stop(kill=not healthy)
        if worker in self._all:
            self._all.remove(worker)
            self._spawn(1)

    def _retire(self) -> None:
        """Retire this generation's workers: idle ones now, busy ones when their job is done."""
        self._generation += 1
        self._started = False
        self._up.clear()
        while not self._idle.empty():
            self._idle.get_nowait().stop()
        self._all.clear()

    def close(self) -> None:
        """Stop the worker processes."""
        workers = list(self._all)
        self._retire()  # closes the idle ones
        for worker in workers:
            if worker.sock.fileno() != -1:  # busy: their callers are gone with the event loop
                worker.stop(kill=True)
