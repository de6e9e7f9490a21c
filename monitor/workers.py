"""CPU-bound stages (parsing and preparing feed documents, matching items) in worker processes.

One process runs one core: with hundreds of feeds, parsing and matching would otherwise keep
the event loop busy for seconds and leave the other cores idle. Small configurations run the
same functions inline, where the processes' start-up and memory would cost more than they save.

Each worker is joined to the event loop by a socket: a job is one length-prefixed pickle
written with loop.sock_sendall, and a reader task per worker takes the answers in order. Two
measured reasons (bench/cycle.py, cold start), against concurrent.futures' process pool:

- the process running the event loop is the busiest of a cold start, and the pool's feeder and
  manager threads, their wake-ups and future chaining cost it about 8% of its CPU;
- a worker is sent its next job before its answer is read (DEPTH), so it does not sit idle
  while the event loop is busy elsewhere: a cold start of 1,000 feeds takes 5% less time.

It also keeps a promise the pool could not: a worker that crashes or is stuck on a hostile
document fails that one feed (the pool broke, failing every feed in flight), and the jobs queued
behind it go to another worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import socket
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Analysis, Report
from monitor.prepare import PreparedFeed
from monitor.rules import Ruleset
from monitor.store import now_utc
from monitor.worker_process import (
    RECYCLING,
    SIZE,
    Failure,
    Job,
    Recycling,
    analyse_job,
    compile_gate,
    prepare_job,
    prepare_with,
    recv,
    send,
    serve,
)

T = TypeVar("T")

# Below this many feeds the processes are not worth their start-up time and memory.
POOL_FROM_FEEDS = 100
START_TIMEOUT = 60.0  # seconds for a worker process to start and load the ruleset
DEPTH = 2  # jobs sent to one worker before the first is answered


def process_context(*, extraction: bool = True) -> ForkServerContext:
    """The context of every worker process: a clean fork server, forking them on demand.

    The first process started decides what the server loads. With articles to extract, the
    extractor's imports (a second of CPU) and ours, loaded once and shared by every process.
    Without (`extraction=False`), nothing: two or four feed workers each import our modules
    (a fifth of a second, while the first feeds download), and the server stays a bare
    interpreter, 14 MB less in a memory budget that counts every process's resident pages.
    """
    context = multiprocessing.get_context("forkserver")
    # trafilatura by name: monitor.extract imports it only when a page is first extracted
    # and monitor.parse: a worker imports it at its first feed; monitor.worker_process, not
    # monitor.workers, whose asyncio no worker needs
    modules = ["monitor.worker_process", "monitor.parse", "monitor.extract", "trafilatura"]
    context.set_forkserver_preload(modules if extraction else [])
    return context


def default_workers(feeds: int) -> int:
    """Worker processes for a configuration of `feeds` feeds (0: run inline)."""
    return min(os.cpu_count() or 1, 4) if feeds >= POOL_FROM_FEEDS else 0


# -- in the monitor process --------------------------------------------------------------------


class _WorkerGone(Exception):
    """The worker process closed its socket: it crashed (out of memory on a hostile document?)."""


class _NotStarted(Exception):
    """The worker went away before it began this job: another worker can take it."""


Answer = tuple[bool, Any]  # (True, result) or (False, the exception the call raised)


@dataclass(eq=False)
class _Worker:
    """One worker process and the monitor's end of its socket (non-blocking).

    Up to DEPTH jobs are sent ahead, so the worker starts the next one as soon as it has
    answered, not when the busy event loop gets round to reading the answer. A reader task
    takes the answers in order, each for the oldest job still pending.
    """

    process: BaseProcess
    sock: socket.socket
    generation: int  # of the ruleset it was started with
    pending: deque[asyncio.Future[Answer]] = field(default_factory=deque)
    retired: bool = False  # takes no new job; stops once the pending ones are answered
    # told of each answer, with whether the worker asked to be replaced (see RECYCLE_JOBS),
    # and of the worker's end (False)
    on_answer: Callable[[_Worker, bool], None] = lambda worker, replace_me: None
    _sending: asyncio.Lock = field(default_factory=asyncio.Lock)
    _reader: asyncio.Task[None] | None = None

    @property
    def alive(self) -> bool:
        return self.sock.fileno() != -1

    def start_reading(self) -> None:
        self._reader = asyncio.get_running_loop().create_task(self._read_answers())

    def reserve(self) -> asyncio.Future[Answer]:
        """A place in line for the next job sent (see FeedWorkers._pick)."""
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self.pending.append(future)
        return future

    async def send(self, data: bytes) -> None:
        """Send a job pickled as (function, argument), in the order places were reserved."""
        loop = asyncio.get_running_loop()
        async with self._sending:
            try:
                await loop.sock_sendall(self.sock, SIZE.pack(len(data)) + data)
            except BaseException:
                self.stop(kill=True)  # half a message would garble every later one
                raise

    async def _read_answers(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self.pending or not self.retired:
                (size,) = SIZE.unpack(await self._read(loop, SIZE.size))
                ok, value, replace_me = pickle.loads(await self._read(loop, size))
                future = self.pending.popleft()
                if not future.done():  # its caller may have given up (a time limit)
                    future.set_result((ok, value))
                self.on_answer(self, replace_me)
        except (_WorkerGone, OSError, ValueError, asyncio.CancelledError):
            pass  # it crashed, was killed, or is being stopped
        finally:
            self._reader = None
            lost = False
            for place, future in enumerate(self.pending):
                # the oldest job was the one running; the others had not begun
                if not future.done():
                    lost = True
                    future.set_exception(_WorkerGone() if place == 0 else _NotStarted())
            self.pending.clear()
            self.stop(kill=lost)  # a retired worker that answered everything just ends
            self.on_answer(self, False)

    async def _read(self, loop: asyncio.AbstractEventLoop, size: int) -> bytearray:
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        while got < size:
            n = await loop.sock_recv_into(self.sock, view[got:])
            if not n:
                raise _WorkerGone
            got += n
        return buffer

    def retire(self) -> None:
        """Take no new job: end once the jobs sent are answered (at once if there are none).

        Its reader ends it after the last answer. Called from that reader (see on_answer), the
        stop below cancels nothing that matters: the reader leaves its loop before any await.
        """
        self.retired = True
        if not self.pending:
            self.stop()  # no answer will come for its reader to end it on

    def stop(self, *, kill: bool = False) -> None:
        """Close the socket (the worker exits when it reads the end), or kill it now."""
        if self._reader is not None:
            # never left waiting on a closed socket (with the event loop closed, nothing is)
            with contextlib.suppress(RuntimeError):
                self._reader.cancel()
        self.sock.close()
        if kill:
            with contextlib.suppress(Exception):
                self.process.kill()


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _launch(
    context: ForkServerContext, target: Callable[..., None], *args: object
) -> tuple[BaseProcess, socket.socket]:
    """Start a process running `target(socket, *args)`, and the monitor's end of its socket."""
    mine, theirs = socket.socketpair()
    try:
        process = context.Process(target=target, args=(theirs, *args), daemon=True)
        process.start()
    except BaseException:
        mine.close()
        raise
    finally:
        theirs.close()
    mine.settimeout(START_TIMEOUT)
    return process, mine


def _compiled_gate(compiling: tuple[BaseProcess, socket.socket]) -> bytes | None:
    """What a compile_gate process sent (blocking), None if it failed: each worker then
    compiles its own gate.

    Compiling leaves ~7 MB resident in the process that does it (see gate.build_gate), and
    every worker's memory counts: they load the result instead. The process lives ~0.2 s,
    while the workers start (they are sent their ruleset once it is compiled).
    """
    process, sock = compiling
    try:
        compiled = recv(sock)
    except OSError:
        compiled = None
    finally:
        sock.close()
        process.join(1.0)
        if process.is_alive():
            process.kill()
    return compiled if isinstance(compiled, bytes) else None


def _hand_over(
    launched: tuple[BaseProcess, socket.socket], ruleset: bytes, generation: int
) -> _Worker:
    """Send a started worker its ruleset and wait until it has loaded it (blocking)."""
    process, mine = launched
    try:
        send(mine, ruleset)
        if recv(mine) != "ready":
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
        self,
        ruleset: Ruleset,
        workers: int,
        timeout: float = 60.0,
        *,
        extraction: bool = True,
        recycling: Recycling = RECYCLING,
    ) -> None:
        """`extraction`: whether articles will be extracted too (see process_context)."""
        self.ruleset = ruleset
        self.workers = workers
        self.timeout = timeout
        self.extraction = extraction
        self.recycling = recycling
        self._generation = 0  # bumped by each new ruleset: older workers are retired
        self._started = False  # this generation's processes are started or starting
        self._up = threading.Event()  # ...and have all started
        self._starting: asyncio.Future[None] | None = None  # done once they have
        self._all: list[_Worker] = []  # this generation's live workers
        self._waiting: deque[asyncio.Future[None]] = deque()  # callers waiting for a place
        self._closed = False
        self._compiled_for: Ruleset | None = None  # the ruleset whose gate was compiled once

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
        job = Job(body, url, content_type, feed, now or now_utc(), match)
        if not await self._ready():
            return prepare_with(self.ruleset, job)
        result = await self._run(prepare_job, job)
        if isinstance(result, Failure):
            raise FetchError(FetchErrorKind(result.kind), result.message, url=url)
        return result

    async def analyse(self, reports: Sequence[Report]) -> list[Analysis]:
        """The ruleset's match of each report, with frame and genre when matched, in order
        (texts already clean_text'ed)."""
        if not reports:
            return []
        if not await self._ready():
            return [self.ruleset.analyse(report, cleaned=True) for report in reports]
        return await self._run(analyse_job, list(reports))

    @property
    def up(self) -> bool:
        """Whether work now goes to the worker processes."""
        return self.workers > 0 and self._up.is_set() and bool(self._all)

    async def wait_until_up(self) -> None:
        """Start the worker processes and wait until they can take work."""
        if self.workers and not self._closed:
            self._start()
            await asyncio.to_thread(self._up.wait)

    async def _ready(self) -> bool:
        """Whether work goes to the workers; the first call starts them, and every call waits
        until they are up (work runs inline only when none could start).

        Starting the fork server and the workers takes about half a second, which a cold start
        spends fetching. Parsing the first feeds here instead would load the parser, its
        encoding tables, the gazetteer and the matcher's caches into the monitor for as long
        as it runs: 15 MB of its 85 MB peak in bench/cycle.py, for no measurable gain in time.
        """
        while self.workers and not self._closed:
            self._start()  # after a new ruleset, the next generation
            starting = self._starting
            if starting is None or starting.done():
                return self.up
            # shielded: one caller giving up (a time limit) leaves the others waiting
            waited = asyncio.shield(starting)
            done, _ = await asyncio.wait([waited], timeout=START_TIMEOUT * self.workers)
            if not done:
                return self.up
        return False

    def _start(self) -> None:
        if self._started or self._closed:
            return
        self._started = True
        self._up.clear()
        loop = asyncio.get_running_loop()
        starting = self._starting = loop.create_future()

        def up() -> None:  # in the starting thread, after the workers' adoption is queued
            self._up.set()
            with contextlib.suppress(RuntimeError):  # the event loop is gone
                loop.call_soon_threadsafe(_resolve, starting)

        self._spawn(self.workers, then=up)

    def _spawn(self, count: int, then: Callable[[], None] | None = None) -> None:
        """Start `count` workers with the current ruleset; each takes work once it is up.

        Starting a process waits on the fork server: a thread does it, never the event loop.
        """
        loop = asyncio.get_running_loop()
        context = process_context(extraction=self.extraction)
        rules, generation = self.ruleset, self._generation
        ruleset = pickle.dumps(rules)

        def start() -> None:
            nonlocal ruleset
            try:
                compiling = None
                if self._compiled_for is not rules:  # once per ruleset, not per replacement
                    self._compiled_for = rules
                    with contextlib.suppress(OSError, ValueError):
                        compiling = _launch(context, compile_gate, ruleset)
                # the workers start (import their modules) while the gate compiles
                launched = []
                for _ in range(count):
                    with contextlib.suppress(OSError, ValueError):
                        launched.append(_launch(context, serve, self.recycling))
                if compiling is not None and (compiled := _compiled_gate(compiling)):
                    rules.use_compiled_gate(compiled)
                    ruleset = pickle.dumps(rules)
                for started in launched:
                    try:
                        worker = _hand_over(started, ruleset, generation)
                    except (OSError, _WorkerGone):
                        continue  # one worker fewer; with none at all, work runs inline
                    try:
                        loop.call_soon_threadsafe(self._adopt, worker)
                    except RuntimeError:  # the event loop is gone
                        worker.sock.close()
            finally:
                if then is not None:
                    then()

        threading.Thread(target=start, daemon=True).start()

    def _adopt(self, worker: _Worker) -> None:
        if worker.generation != self._generation:
            worker.stop()  # a new ruleset came while it started
            return
        worker.on_answer = self._answered
        worker.start_reading()
        self._all.append(worker)
        self._wake(DEPTH)

    def _answered(self, worker: _Worker, replace_me: bool) -> None:
        """A worker answered a job, or went away: a place may be free, or a worker gone."""
        if worker in self._all and (replace_me or not worker.alive):
            # done its share, crashed or killed: another takes its place
            self._all.remove(worker)
            worker.retire()
            if worker.generation == self._generation:
                self._spawn(1)
        self._wake(1)

    def _wake(self, places: int) -> None:
        while places and self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)
                places -= 1

    async def _pick(self) -> tuple[_Worker, asyncio.Future[Answer]]:
        """The least busy worker with a free place, and that place (waits for one)."""
        while True:
            if self._closed:
                raise _WorkerGone
            self._start()  # after a new ruleset, the next generation
            free = [w for w in self._all if len(w.pending) < DEPTH]
            if free:
                worker = min(free, key=lambda w: len(w.pending))
                return worker, worker.reserve()
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting.append(waiter)
            try:
                await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():
                    self._wake(1)  # the place it was woken for goes to the next caller
                raise

    async def _run(self, fn: Callable[[Any], T], arg: object) -> T:
        data = pickle.dumps((fn, arg), protocol=pickle.HIGHEST_PROTOCOL)
        while True:
            worker: _Worker | None = None
            try:
                # the wait for a place counts too: should every worker die and none start
                # again, the feed fails instead of waiting for ever
                async with asyncio.timeout(self.timeout):
                    worker, answer = await self._pick()
                    # no await between the place and the send: jobs go out in place order
                    try:
                        await worker.send(data)
                    except BaseException as exc:
                        answer.cancel()  # never sent: nobody will wait for its answer
                        if isinstance(exc, OSError):
                            continue  # it died before its reader could tell: try another
                        raise
                    ok, value = await answer
            except TimeoutError:
                if worker is not None:
                    worker.stop(kill=True)  # stuck on this job, or behind a stuck one
                raise FetchError(
                    FetchErrorKind.MALFORMED, f"parsing took longer than {self.timeout:g}s"
                ) from None
            except _NotStarted:
                continue  # its worker went away first: another one takes it
            except (_WorkerGone, OSError):
                raise FetchError(FetchErrorKind.MALFORMED, "the parsing worker crashed") from None
            if not ok:
                raise value
            return value

    def _retire(self) -> None:
        """Retire this generation's workers: idle ones now, busy ones once they have answered."""
        self._generation += 1
        self._started = False
        self._up.clear()
        for worker in self._all:
            worker.retire()
        self._all.clear()

    def close(self) -> None:
        """Stop the worker processes (jobs still running are lost with them)."""
        self._closed = True
        if self._starting is not None:
            _resolve(self._starting)  # nobody waits for workers that will not take work
        workers = list(self._all)
        self._retire()
        for worker in workers:
            if worker.alive:
                worker.stop(kill=True)
        while self._waiting:  # no worker will come for them
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_exception(_WorkerGone())
