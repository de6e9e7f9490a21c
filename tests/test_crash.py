"""A daemon killed with kill -9 (or by the OOM killer) leaves no process behind.

Its feed workers, its article extraction workers, the fork server that started them and
multiprocessing's resource tracker all end within seconds, and a supervisor reading the
daemon's stderr sees the end of it (a survivor would hold it open).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from tests.support.server import LoopbackServer
from tests.support.texts import RAID

GONE_WITHIN = 5.0


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_nothing_outlives_a_daemon_killed_with_sigkill(tmp_path: Path) -> None:
    with LoopbackServer() as srv:
        base = srv.base_url
        items = "".join(
            f"<item><guid>g{n}</guid><title>Raid {n}</title><link>{base}/a/{n}</link>"
            f"<description>{RAID}</description></item>"
            for n in range(3)
        )
        srv.route(
            "/feed.xml",
            f"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>{items}"
            "</channel></rss>",
            content_type="application/rss+xml",
        )
        page = "<html><body><article>" + f"<p>{RAID}</p>" * 5 + "</article></body></html>"
        for n in range(3):
            srv.route(f"/a/{n}", page, content_type="text/html")
        config = tmp_path / "monitor.toml"
        config.write_text(
            '[storage]\npath = "m.db"\n'
            # worker processes as a large configuration has them, and article extraction
            '[polling]\nworkers = 2\ninterval = "1h"\n'
            "[scraping]\nallow_private_networks = true\n"
            f'[[feeds]]\nname = "Wire"\nurl = "{base}/feed.xml"\n'
        )
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        # a supervisor reading the daemon's stderr until its end
        lines: list[bytes] = []
        reader = threading.Thread(target=lambda: lines.extend(daemon.stderr or ()), daemon=True)
        reader.start()
        family: list[psutil.Process] = []
        try:
            me = psutil.Process(daemon.pid)
            wait_for(lambda: any(b"new event" in line for line in lines), 60, "the first event")

            def workers_up() -> bool:
                family[:] = me.children(recursive=True)
                names = " ".join(" ".join(p.cmdline()) for p in family)
                # fork server and resource tracker, 2 feed workers, an extraction worker
                return "forkserver" in names and "resource_tracker" in names and len(family) >= 5

            wait_for(workers_up, 30, "the worker processes")
            os.kill(daemon.pid, signal.SIGKILL)
            daemon.wait(timeout=10)
            started = time.monotonic()
            deadline = started + GONE_WITHIN
            while time.monotonic() < deadline and any(alive(p.pid) for p in family):
                time.sleep(0.1)
            left = [" ".join(p.cmdline())[:120] for p in family if alive(p.pid)]
            assert not left, f"still running {GONE_WITHIN:g} s after kill -9: {left}"
            reader.join(timeout=max(0.1, deadline - time.monotonic()))
            assert not reader.is_alive(), "the daemon's stderr is still held open"
        finally:
            with contextlib.suppress(ProcessLookupError):
                daemon.kill()
            for process in family:
                with contextlib.suppress(psutil.NoSuchProcess):
                    process.kill()
            daemon.wait(timeout=10)
