"""[[alerts.apprise]] channels: real Apprise, real loopback receivers, the real outbox.

Apprise's json:// and form:// targets POST to an HTTP server; here that server is on
127.0.0.1 and its path holds a token, as a real service URL would. The token must never show
in `monitor deliveries`, the log or an error message. Retries are made due by moving
`next_attempt_at` in the SQLite file instead of waiting out the backoff (as test_outbox does).
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from monitor.alert_apprise import message
from monitor.cli import main
from monitor.logs import setup_logging
from monitor.pipeline import Monitor
from monitor.store import Delivery, Store, to_iso
from tests.support.server import LoopbackServer, Request, Route
from tests.support.site import started_monitor
from tests.support.texts import RAID, RULES

ENV = "MONITOR_APPRISE_URLS"
TOKEN = "Zx81-apprise-token-never-shown"
FORM_TOKEN = "Qw27-form-token-never-shown"
TITLE = "Raid in Atmeh kills Islamic State official"


def rss(base: str, title: str = TITLE) -> str:
    date = format_datetime(datetime.now(UTC))
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<link>{base}/</link><description>d</description><item><guid isPermaLink='false'>a"
        f"</guid><title>{title}</title><link>{base}/a/1</link><description>{RAID}"
        f"</description><pubDate>{date}</pubDate></item></channel></rss>"
    )


class Site:
    """A feed and two notification receivers (JSON and form) on 127.0.0.1."""

    def __init__(self, srv: LoopbackServer, tmp: Path) -> None:
        self.srv = srv
        self.config = tmp / "monitor.toml"
        self.db = tmp / "m.db"
        self.received: list[Request] = []
        self.answers: list[Route] = []  # answered in order, then 200
        self.json_url = f"json://127.0.0.1:{srv.port}/notify/{TOKEN}"
        self.form_url = f"form://127.0.0.1:{srv.port}/form/{FORM_TOKEN}"
        srv.route(f"/notify/{TOKEN}", handler=self._receive)
        srv.route(f"/form/{FORM_TOKEN}", handler=self._receive)
        srv.route("/feed.xml", rss(srv.base_url), content_type="application/rss+xml")
        (tmp / "rules.toml").write_text(RULES)

    def _receive(self, request: Request) -> Route:
        self.received.append(request)
        return self.answers.pop(0) if self.answers else Route(status=200)

    def configure(self, channel: str = "") -> None:
        self.config.write_text(
            '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            '[matching]\nrules = ["rules.toml"]\n'
            f'[[feeds]]\nname = "Wire"\nurl = "{self.srv.base_url}/feed.xml"\n'
            f'[[alerts.apprise]]\nname = "ops-chat"\nurls_env = "{ENV}"\n{channel}'
        )

    def notifications(self) -> list[dict[str, object]]:
        return [json.loads(r.body) for r in self.received if r.path.startswith("/notify/")]

    def deliveries(self) -> list[Delivery]:
        store = Store(self.db)
        try:
            return store.deliveries()
        finally:
            store.close()

    def make_due(self) -> None:
        """Pull every pending retry forward to now, as if its backoff had elapsed."""
        past = to_iso(datetime.now(UTC) - timedelta(seconds=1))
        with sqlite3.connect(self.db) as db:
            db.execute("UPDATE deliveries SET next_attempt_at = ? WHERE state = 'pending'", [past])
        db.close()

    def end_window(self) -> None:
        """Move every pending delivery past the end of its retry window, and make it due."""
        past = to_iso(datetime.now(UTC) - timedelta(seconds=1))
        with sqlite3.connect(self.db) as db:
            db.execute(
                "UPDATE deliveries SET next_attempt_at = ?, expires_at = ? WHERE state = 'pending'",
                [past, past],
            )
        db.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path)


def running_monitor(site: Site) -> AbstractAsyncContextManager[Monitor]:
    """One monitor process, started as `once`/`run` start it (interrupted sends recovered)."""
    return started_monitor(site.config)


def secrets_in(text: str) -> list[str]:
    return [s for s in (TOKEN, FORM_TOKEN) if s in text]


async def test_an_event_reaches_every_target_as_plain_text(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"{site.json_url}, {site.form_url}")
    site.configure()
    async with running_monitor(site) as monitor:
        stats = await monitor.run_cycle()
    assert (stats.new_events, stats.alerts_sent) == (1, 1)
    [d] = site.deliveries()
    assert (d.channel, d.kind, d.state, d.attempts) == ("ops-chat", "apprise", "sent", 1)

    [note] = site.notifications()
    assert note["title"] == TITLE
    body = str(note["message"])
    assert "Source: Wire" in body
    assert f"URL: {site.srv.base_url}/a/1" in body
    assert "Rules: isis-raid" in body
    assert "What: " in body and "Where: " in body and "When: " in body
    assert "Islamic State official" in body  # the snippet
    assert d.id in body  # the same on every retry: a receiver can drop a repeat
    [form] = [r for r in site.received if r.path.startswith("/form/")]
    fields = parse_qs(form.body.decode())
    assert fields["title"] == [TITLE] and fields["message"] == [body]


async def test_ntfy_gets_each_event_once_and_again_only_when_redelivered(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a self-hosted ntfy server is Apprise's ntfy:// with a host: a JSON POST to its root
    ntfy: list[Request] = []

    def receive(request: Request) -> Route:
        ntfy.append(request)
        return Route(status=200, body=b'{"id":"n1"}', content_type="application/json")

    site.srv.route("/", handler=receive)
    monkeypatch.setenv(ENV, f"ntfy://127.0.0.1:{site.srv.port}/ops-{TOKEN}")
    site.configure()
    async with running_monitor(site) as monitor:
        assert (await monitor.run_cycle()).alerts_sent == 1
        # the same story on the next poll: nothing more to the channel
        assert (await monitor.run_cycle()).alerts_sent == 0
        assert await monitor.deliver_due() == 0
    [note] = [json.loads(r.body) for r in ntfy]
    assert note["topic"] == f"ops-{TOKEN}" and note["title"] == TITLE
    assert "Rules: isis-raid" in note["message"]
    [d] = site.deliveries()
    assert (d.state, d.kind) == ("sent", "apprise")

    # an operator sends it again: same delivery id, one more notification
    assert main(["--config", str(site.config), "redeliver", d.id]) == 0
    assert "queued again" in capsys.readouterr().out
    async with running_monitor(site) as monitor:
        assert await monitor.deliver_due() == 1
    assert len(ntfy) == 2 and json.loads(ntfy[1].body) == note
    [again] = site.deliveries()
    assert (again.id, again.state, again.attempts) == (d.id, "sent", 2)


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The monitor's own log set-up at debug level, with the root logger at debug too: every
    record any library lets through shows here."""
    stream = io.StringIO()
    setup_logging("debug", "plain", stream=stream)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.setLevel(level)
        for handler in [h for h in root.handlers if h.get_name() == "monitor"]:
            root.removeHandler(handler)


async def test_a_failing_receiver_is_retried_until_it_accepts_and_the_url_never_shows(
    site: Site,
    monkeypatch: pytest.MonkeyPatch,
    debug_log: io.StringIO,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV, site.json_url)
    site.configure()
    site.answers += [Route(status=500, body=f"boom {TOKEN}".encode()), Route(status=503)]
    async with running_monitor(site) as monitor:
        stats = await monitor.run_cycle()
        assert (stats.new_events, stats.alerts_sent) == (1, 0)
        [pending] = site.deliveries()
        assert (pending.state, pending.attempts) == ("pending", 1)
        assert pending.last_error is not None
        assert "apprise ops-chat" in pending.last_error and "500" in pending.last_error
        assert "target 1 of 1 (JSON)" in pending.last_error

        site.make_due()
        assert await monitor.deliver_due() == 0
        site.make_due()
        assert await monitor.deliver_due() == 1
        site.make_due()
        assert await monitor.deliver_due() == 0

    [sent] = site.deliveries()
    assert (sent.state, sent.attempts, sent.last_error) == ("sent", 3, None)
    notes = site.notifications()
    assert len(notes) == 3 and len({json.dumps(n, sort_keys=True) for n in notes}) == 1

    assert main(["--config", str(site.config), "deliveries", "--json"]) == 0
    assert main(["--config", str(site.config), "deliveries"]) == 0
    shown = capsys.readouterr().out
    assert "ops-chat" in shown
    assert secrets_in(shown) == []
    log = debug_log.getvalue()
    assert "retry in" in log and "delivered to ops-chat" in log
    assert secrets_in(log) == []
    with sqlite3.connect(site.db) as db:
        dump = "\n".join(db.iterdump())
    db.close()
    assert secrets_in(dump) == []


async def test_unset_or_unusable_urls_wait_and_are_never_quoted(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    site.configure()
    async with running_monitor(site) as monitor:
        await monitor.run_cycle()
        [d] = site.deliveries()
        assert d.state == "pending"
        assert f"environment variable {ENV} (urls_env) is not set" in (d.last_error or "")

        monkeypatch.setenv(ENV, f"nosuchservice://{TOKEN}/x {site.json_url}")
        site.make_due()
        assert await monitor.deliver_due() == 0
        [d] = site.deliveries()
        assert "URL 1 of 2" in (d.last_error or "") and secrets_in(d.last_error or "") == []

        monkeypatch.setenv(ENV, site.json_url)
        site.make_due()
        assert await monitor.deliver_due() == 1
    assert [n["title"] for n in site.notifications()] == [TITLE]


async def test_no_answer_within_the_timeout_fails_the_attempt_and_the_window_records_it(
    site: Site, monkeypatch: pytest.MonkeyPatch, debug_log: io.StringIO
) -> None:
    monkeypatch.setenv(ENV, site.json_url)
    site.configure('timeout = "1s"\n')
    site.answers.append(Route(status=200, delay=3.0))
    started = time.monotonic()
    async with running_monitor(site) as monitor:
        await monitor.run_cycle()
        assert time.monotonic() - started < 2.9  # the cycle did not wait for the receiver
        [d] = site.deliveries()
        assert d.state == "pending" and d.last_error
        assert "target 1 of 1 (JSON)" in d.last_error and "timed out" in d.last_error
        assert secrets_in(d.last_error) == []

        # the retry window ends: recorded as failed and logged, never dropped silently
        site.answers.append(Route(status=500))
        site.end_window()
        assert await monitor.deliver_due() == 0
    [d] = site.deliveries()
    assert (d.state, d.attempts) == ("failed", 2)
    log = debug_log.getvalue()
    assert "ALERT NOT DELIVERED" in log and "retry window ended" in log
    assert secrets_in(log) == []


def test_test_alert_goes_through_apprise(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV, site.json_url)
    site.configure()
    assert main(["--config", str(site.config), "test-alert", "ops-chat"]) == 0
    assert capsys.readouterr().out.strip() == "ops-chat: OK"
    assert site.notifications()[0]["title"] == "[TEST] monitor test alert"

    site.answers.append(Route(status=401, body=TOKEN.encode()))
    assert main(["--config", str(site.config), "test-alert", "ops-chat"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("ops-chat: FAILED: apprise ops-chat: not accepted")
    assert "401" in out and secrets_in(out) == []


def test_message_is_plain_text_with_a_one_line_title() -> None:
    title, body = message(
        {
            "type": "event.updated",
            "id": "ev_1",
            "title": "Line one\r\nX-Injected: yes\u2028<b>bold</b>\x1b[31m",
            "url": "javascript:alert(1)",
            "source": "Wire",
            "published": "2026-11-23T21:04:00Z",
            "rules": ["isis-raid"],
            "snippet": "First sentence.\nSecond\x00 sentence.",
            "what": "killed",
            "who": [{"name": "Abu Hafs al-Qurashi", "role": "leader"}],
            "where": {"name": "Atmeh", "country": "Syria", "lat": 36.2, "lon": 36.6},
            "when": "2026-11-23",
            "sources": [{"source": "Wire"}, {"source": "Levant Daily"}],
            "changes": ["where"],
        },
        "msg_1",
    )
    assert title == "updated: Line one X-Injected: yes <b>bold</b> [31m"
    assert "\n" not in title and "\x1b" not in title
    lines = body.split("\n")
    assert lines[0] == title
    for line in (
        "What: killed",
        "Who: Abu Hafs al-Qurashi (leader)",
        "Where: Atmeh, Syria",
        "When: 2026-11-23",
        "URL: -",  # not a web address: not given
        "Rules: isis-raid",
        "Reported by: 2 sources: Wire, Levant Daily",
        "Changes: where",
        "First sentence.",
        "Second sentence.",
    ):
        assert line in lines, line
    assert "\x00" not in body


@pytest.mark.parametrize(
    ("table", "key", "problem"),
    [
        ('name = "x"\n', "alerts.apprise[0].urls_env", "required"),
        ('urls_env = "json://host/x"\n', "alerts.apprise[0].urls_env", "name of an environment"),
        ('urls_env = "X"\nurls = "json://host"\n', "alerts.apprise[0].urls", "unknown key"),
        ('urls_env = "X"\ntimeout = "soon"\n', "alerts.apprise[0].timeout", "not a duration"),
        ('urls_env = "X"\nname = "hook"\n', "alerts", "duplicate channel name 'hook'"),
    ],
)
def test_bad_apprise_config_is_exit_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, key: str, problem: str
) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text(
        '[[feeds]]\nname = "Wire"\nurl = "https://example.org/feed.xml"\n'
        '[[alerts.webhook]]\nname = "hook"\nurl = "https://hooks.example.org/x"\n'
        f"[[alerts.apprise]]\n{table}"
    )
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and key in err and problem in err


def test_check_warns_about_the_variable_without_quoting_it(
    site: Site, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.configure()
    monkeypatch.delenv(ENV, raising=False)
    assert main(["--config", str(site.config), "check"]) == 0
    captured = capsys.readouterr()
    assert f"{ENV} (urls_env) is not set" in captured.err
    assert "1 apprise channels" in captured.out

    monkeypatch.setenv(ENV, f"{site.json_url},nosuchservice://{TOKEN}")
    assert main(["--config", str(site.config), "check"]) == 0
    err = capsys.readouterr().err
    assert "URL 2 of 2" in err and secrets_in(err) == []
