"""The worker side of monitor.workers: what runs inside a worker process (parse and prepare
a feed document, match and analyse reports), and its end of the socket.

Apart from monitor.workers, whose monitor side runs the event loop, so that a worker, and the
fork server every worker is forked from, never imports asyncio (nor what it imports).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing.forkserver
import os
import pickle
import resource
import select
import signal
import socket
import struct
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from monitor.errors import FetchError
from monitor.models import Analysis, Report
from monitor.prepare import PreparedFeed, prepare_feed
from monitor.rules import Ruleset

SIZE = struct.Struct("!Q")  # the length in front of every message
# A worker is replaced after this many jobs, or once its peak memory passed this many MB: a
# parser seldom gives memory back, and one huge document would otherwise keep a worker big
# for as long as the daemon runs.
RECYCLE_JOBS = 10_000
RECYCLE_MB = 96  # about twice what a worker needs for the shipped rules


@dataclass(frozen=True)
class Recycling:
    """When a worker asks to be replaced (see RECYCLE_JOBS)."""

    jobs: int = RECYCLE_JOBS
    megabytes: int = RECYCLE_MB


RECYCLING = Recycling()


def ignore_stop_signals() -> None:
    """In a worker process: SIGTERM and SIGINT are the monitor's to act on, not ours.

    Ctrl-C, and systemd's stop, signal the whole process group at once: the monitor lets the
    work in flight finish (or gives it up), then closes its workers, which end then.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def outlive_no_monitor(lifeline: socket.socket) -> None:
    """In a worker process: end it when the monitor is gone, however it went (kill -9, OOM).

    Left alone, a worker outlives a killed monitor for good: the extraction pool's workers
    wait on a queue they hold the writing end of themselves, and every worker holds the fork
    server's "alive" pipe, so the fork server, which would otherwise end with the monitor, and
    multiprocessing's resource tracker live on with them (holding the monitor's stderr open).
    So a worker
    - leaves the fork server's "alive" pipe to the monitor alone: the fork server then ends
      with the monitor, and on Linux takes its workers with it (PR_SET_PDEATHSIG), even one
      stuck in C code; the resource tracker ends once none of them is left;
    - ends at once when the monitor's end of `lifeline` closes (on every system).
    """
    server: Any = multiprocessing.forkserver._forkserver  # its fields are private: untyped
    alive = getattr(server, "_forkserver_alive_fd", None)
    if alive is not None:
        with contextlib.suppress(OSError):
            os.close(alive)
        server._forkserver_alive_fd = None
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    threading.Thread(
        target=_exit_on_hangup, args=(lifeline.fileno(),), name="lifeline", daemon=True
    ).start()


def _exit_on_hangup(fd: int) -> None:
    # poll without reading: the worker's own loop reads its jobs from the same socket;
    # hangup and errors are reported whatever events are asked for
    poller = select.poll()
    poller.register(fd, getattr(select, "POLLRDHUP", 0))
    while True:
        if poller.poll():
            os._exit(0)  # nobody is left to answer to


@dataclass(frozen=True)
class Failure:
    """A FetchError carried back from a worker (its keyword-only fields do not pickle)."""

    kind: str
    message: str


_ruleset: Ruleset | None = None


@dataclass(frozen=True)
class Job:
    """One feed document to parse and prepare (see FeedWorkers.prepare)."""

    body: bytes
    url: str
    content_type: str | None
    feed: str
    now: datetime
    match: bool


def prepare_job(job: Job) -> PreparedFeed | Failure:
    try:
        return prepare_with(_ruleset, job)
    except FetchError as exc:
        return Failure(exc.kind.value, exc.message)


def prepare_with(ruleset: Ruleset | None, job: Job) -> PreparedFeed:
    # imported at the first feed to parse, not with this module: feedparser costs a tenth of a
    # second that a cycle of 304s never needs
    from monitor.parse import parse_feed

    parsed = parse_feed(job.body, job.url, job.content_type)
    return prepare_feed(parsed, ruleset if job.match else None, feed=job.feed, now=job.now)


def analyse_job(reports: Sequence[Report]) -> list[Analysis]:
    assert _ruleset is not None, "worker started without a ruleset"
    return [_ruleset.analyse(report, cleaned=True) for report in reports]


def _give_back_free_memory() -> None:
    """Return to the system the heap pages that loading left free (glibc only).

    A worker's first job imports the parser and loads the gazetteer and the gate; what that
    allocated and let go stays in the worker's memory otherwise (1-2 MB each, measured alone:
    issue 19's memory budget is the monitor's and its workers' together).
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def send(sock: socket.socket, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(SIZE.pack(len(data)) + data)


def recv(sock: socket.socket) -> Any:
    """The next message, or None at the end of the stream."""
    header = _read(sock, SIZE.size)
    if header is None:
        return None
    data = _read(sock, SIZE.unpack(header)[0])
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


def compile_gate(sock: socket.socket, ruleset: bytes) -> None:
    """A passing process's life: compile the ruleset's gate, send it, end (see
    FeedWorkers._spawn: the workers then load it, sparing each the compiler's memory)."""
    ignore_stop_signals()
    outlive_no_monitor(sock)
    with contextlib.suppress(OSError):
        send(sock, pickle.loads(ruleset).compiled_gate())


def serve(sock: socket.socket, recycling: Recycling) -> None:
    """A worker's life: load the ruleset it is sent (pickled), then answer jobs (function,
    argument) in order until the socket closes.

    Each answer is (ok, value, replace_me): replace_me once the worker has done its share.
    """
    global _ruleset
    ignore_stop_signals()
    outlive_no_monitor(sock)
    jobs = 0
    with contextlib.suppress(OSError):  # the monitor is gone: so are we
        # sent once this module is loaded and the gate compiled (FeedWorkers._spawn)
        ruleset = recv(sock)
        if ruleset is None:
            return
        _ruleset = pickle.loads(ruleset)
        send(sock, "ready")
        while (job := recv(sock)) is not None:
            fn, arg = job
            try:
                ok, value = True, fn(arg)
            except Exception as exc:  # a bug: the caller sees it as if the call were inline
                ok, value = False, exc
            jobs += 1
            if jobs == 1:
                _give_back_free_memory()
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
            done = jobs >= recycling.jobs or peak_mb >= recycling.megabytes
            try:
                send(sock, (ok, value, done))
            except (pickle.PicklingError, TypeError, AttributeError) as exc:  # unpicklable
                send(sock, (False, RuntimeError(f"{type(exc).__name__}: {exc}"), done))
