"""`monitor run` as an operator runs it: a subprocess polling loopback feeds, with signals."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.server import LoopbackServer, Request, Route
from tests.support_alert import smtp_server

RELEVANT = (
    "<item><guid>r-{n}</guid><title>Raid in Atmeh kills Islamic State official</title>"
    "<link>{base}/story/{n}</link><description>US special operations forces killed a senior "
    "Islamic State official in a helicopter raid in Atmeh, Idlib province, officials said."
    "</description></item>"
)
BORING = (
    "<item><guid>b-{n}</guid><title>Bread prices rise in Damascus</title>"
    "<link>{base}/story/b{n}</link><description>The ministry raised the price of bread."
    "</description></item>"
)


def rss(items: list[str]) -> str:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>http://x/</link>"
        "<description>d</description>" + "".join(items) + "</channel></rss>"
    )


def wait_for(check: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


_started: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_daemon_left_behind() -> Iterator[None]:
    """A failing test must not leave a daemon polling in the background."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


class Daemon:
    def __init__(self, config: Path, env: dict[str, str] | None = None) -> None:
        self.log = config.parent / "daemon.log"
        self.config = config
        self._log = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            stdout=self._log,
            stderr=self._log,
            env={**os.environ, **(env or {})},
        )
        _started.append(self.proc)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> tuple[int, float]:
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout + 5)
        self._log.close()
        return code, time.monotonic() - t0


@pytest.fixture
def http() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


def write_config(path: Path, base: str, feeds: dict[str, str], extra: str = "") -> None:
    text = (
        '[storage]\npath = "monitor.db"\n[polling]\ninterval = "1s"\ntimeout = "5s"\n'
        "[scraping]\nenabled = false\n"
    )
    for name, route in feeds.items():
        text += f'[[feeds]]\nname = "{name}"\nurl = "{base}{route}"\n'
    text += f'[[alerts.webhook]]\nurl = "{base}/hook"\n' + extra
    path.write_text(text, encoding="utf-8")


def posted(http: LoopbackServer) -> list[dict[str, object]]:
    return [json.loads(r.body) for r in http.requests_for("/hook") if r.method == "POST"]


def test_daemon_picks_up_new_items_reloads_and_stops_cleanly(
    http: LoopbackServer, tmp_path: Path
) -> None:
    base = http.base_url
    http.route(
        "/a.xml",
        rss([BORING.format(n=1, base=base)]),
        content_type="application/rss+xml",
        etag=True,
    )
    http.route("/b.xml", rss([]), content_type="application/rss+xml")
    http.route("/hook", b"", status=200)
    notify_path = tmp_path / "notify.sock"
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(notify_path))
    notify.settimeout(0.2)
    messages: list[str] = []

    def drain() -> str:
        try:
            while True:
                messages.append(notify.recv(4096).decode())
        except TimeoutError:
            pass
        return "\n".join(messages)

    config = tmp_path / "monitor.toml"
    write_config(config, base, {"A": "/a.xml"}, '[metrics]\nlisten = "127.0.0.1:0"\n')
    # the metrics test needs a known port: take a free one
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config.write_text(config.read_text().replace("127.0.0.1:0", f"127.0.0.1:{port}"))
    daemon = Daemon(config, {"NOTIFY_SOCKET": str(notify_path), "WATCHDOG_USEC": "2000000"})
    try:
        wait_for(lambda: "READY=1" in drain(), 30, "READY=1")
        wait_for(lambda: http.hits("/a.xml") >= 2, 15, "polling")
        assert posted(http) == []

        # a relevant item is published: alerted within about one interval
        http.set_body(
            "/a.xml", rss([RELEVANT.format(n=1, base=base), BORING.format(n=1, base=base)])
        )
        published = time.monotonic()
        wait_for(lambda: posted(http), 15, "the alert")
        assert time.monotonic() - published < 8
        assert [p["title"] for p in posted(http)] == ["Raid in Atmeh kills Islamic State official"]
        wait_for(lambda: "WATCHDOG=1" in drain(), 10, "watchdog pings")
        wait_for(lambda: "STATUS=" in drain(), 10, "a STATUS line")

        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "monitor_fetches_total" in metrics and "monitor_events_total" in metrics

        # SIGHUP with a new feed: it is polled
        write_config(config, base, {"A": "/a.xml", "B": "/b.xml"})
        daemon.proc.send_signal(signal.SIGHUP)
        wait_for(lambda: http.hits("/b.xml") >= 1, 15, "the new feed")
        wait_for(lambda: "RELOADING=1" in drain(), 5, "RELOADING=1")

        # SIGHUP with a broken config: refused, the old one keeps running
        config.write_text("[polling]\ninterval = 'whenever'\n")
        daemon.proc.send_signal(signal.SIGHUP)
        wait_for(lambda: "reload refused" in daemon.output(), 10, "the refusal")
        before = http.hits("/b.xml")
        wait_for(lambda: http.hits("/b.xml") > before, 10, "polling to go on")
        assert daemon.proc.poll() is None
    finally:
        code, took = daemon.stop()
        notify.close()
    assert code == 0, daemon.output()
    assert took < 10
    assert len(posted(http)) == 1


def test_sigterm_mid_cycle_exits_0_within_10s_with_nothing_half_written(
    http: LoopbackServer, tmp_path: Path
) -> None:
    base = http.base_url
    http.route(
        "/fast.xml",
        rss([RELEVANT.format(n=i, base=base) for i in range(20)]),
        content_type="application/rss+xml",
    )
    http.route("/slow.xml", rss([]), content_type="application/rss+xml", delay=2.0)
    http.route("/hook", b"", status=200)
    config = tmp_path / "monitor.toml"
    write_config(config, base, {"fast": "/fast.xml", "slow": "/slow.xml"})
    daemon = Daemon(config)
    wait_for(lambda: http.hits("/slow.xml") >= 1, 30, "the slow feed in flight")
    code, took = daemon.stop()
    assert code == 0, daemon.output()
    assert took < 10
    assert "Traceback" not in daemon.output()
    db = sqlite3.connect(tmp_path / "monitor.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the poll in flight at SIGTERM was allowed to finish and record its answer
    assert db.execute("SELECT last_status FROM feeds WHERE name = 'slow'").fetchone()[0] == 200
    # every stored event has its outbox row: nothing half-written
    events = db.execute("SELECT count(*) FROM events").fetchone()[0]
    rows = db.execute("SELECT count(DISTINCT event_id) FROM deliveries").fetchone()[0]
    assert events == rows


def test_kill_9_with_pending_deliveries_loses_nothing_and_repeats_nothing(
    http: LoopbackServer, tmp_path: Path
) -> None:
    base = http.base_url
    stories = [
        ("Atmeh", "a helicopter raid", "a senior Islamic State official"),
        ("Deir ez-Zor", "a night raid on a farm", "an ISIS cell leader and two guards"),
        ("Raqqa", "an air strike on a car", "the Islamic State governor of the province"),
    ]
    items = [
        f"<item><guid>k-{i}</guid><title>Operation in {town}</title><link>{base}/k/{i}</link>"
        f"<description>Coalition forces killed {who} in {how} near {town} on Monday, "
        f"officials said; story number {i} of the day.</description></item>"
        for i, (town, how, who) in enumerate(stories)
    ]
    http.route("/a.xml", rss(items), content_type="application/rss+xml", etag=True)
    accepting = {"on": False}
    accepted: list[Request] = []

    def hook(request: Request) -> Route:
        if not accepting["on"]:
            return Route(status=503)
        accepted.append(request)
        return Route(status=200)

    http.route("/hook", handler=hook)
    with smtp_server(answers=["451 4.3.0 try later"] * 3) as smtp:
        config = tmp_path / "monitor.toml"
        write_config(
            config,
            base,
            {"A": "/a.xml"},
            f'[[alerts.email]]\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "none"\n'
            'sender = "m@example.org"\nrecipients = ["a@example.org"]\n',
        )
        daemon = Daemon(config)
        try:
            wait_for(lambda: len(http.requests_for("/hook")) >= 3, 30, "first webhook attempts")
            # each alert failed once on each channel: its retry is due within seconds (a second
            # failure would push it to the next step of the schedule, minutes away)
            wait_for(lambda: smtp.recorder.data_attempts >= 3, 30, "first email attempts")
            daemon.proc.kill()
            daemon.proc.wait(timeout=10)
            accepting["on"] = True
            # after a restart every alert arrives: the first retries are due within seconds
            daemon = Daemon(config)
            wait_for(lambda: len(accepted) >= 3, 40, "webhook deliveries")
            wait_for(lambda: len(smtp.recorder.messages) >= 3, 40, "email deliveries")
            time.sleep(2)  # room for a wrong extra delivery to show up
        finally:
            code, _ = daemon.stop()
    assert code == 0, daemon.output()
    assert len(accepted) == 3
    assert len({r.headers["webhook-id"] for r in accepted}) == 3
    all_ids = {r.headers["webhook-id"] for r in http.requests_for("/hook")}
    assert all_ids == {r.headers["webhook-id"] for r in accepted}  # retries kept their id
    assert len(smtp.recorder.messages) == 3
    assert len({str(m["Message-ID"]) for m in smtp.recorder.messages}) == 3
