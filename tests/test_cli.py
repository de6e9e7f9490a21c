"""The `monitor` commands as an operator types them, against real servers on 127.0.0.1.

Most tests call `monitor.cli.main([...])` in-process (fast) and read what it printed; one runs
the real console entry point in a subprocess where the exit code and the absence of a
traceback are the point.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from monitor.cli import main
from tests.support.server import LoopbackServer, Request, Route
from tests.support.texts import RAID, RULES, STRIKE
from tests.support_alert import make_tls, smtp_server

# a ruleset whose only rule cannot match any news text
NEVER = """
[[rules]]
name = "never"
query = "zzqxnevermatchesanything"
"""
BREAD = "The price of subsidised bread in Damascus rose for the second time this year."

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PASSWORD = "pw-Zq81-never-print-me"
PAYLOAD_KEYS = {"type", "id", "title", "url", "source", "published", "rules", "snippet", "score"}

Item = tuple[str, str, str, datetime | None]  # guid, title, text, pubDate


def rss(base: str, items: list[Item]) -> str:
    out = []
    for guid, title, text, date in items:
        pub = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
        out.append(
            f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>"
            f"<link>{base}/a/{guid}</link><description>{text}</description>{pub}</item>"
        )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        f"<link>{base}/</link><description>d</description>" + "".join(out) + "</channel></rss>"
    )


@dataclass(frozen=True)
class Run:
    """What one command did: exit code and the text it printed."""

    code: int
    out: str
    err: str


class Site:
    """A news site with a feed and a webhook receiver whose answers a test scripts."""

    def __init__(self, srv: LoopbackServer, tmp: Path, capsys: pytest.CaptureFixture[str]):
        self.srv = srv
        self.tmp = tmp
        self.capsys = capsys
        self.config = tmp / "monitor.toml"
        self.db = tmp / "m.db"
        self.posts: list[Request] = []
        self.answers: list[Route] = []  # answered in order, then 200
        srv.route("/hook", handler=self._hook)
        (tmp / "rules.toml").write_text(RULES)
        (tmp / "never.toml").write_text(NEVER)

    def _hook(self, request: Request) -> Route:
        self.posts.append(request)
        return self.answers.pop(0) if self.answers else Route(status=200)

    def publish(self, items: list[Item], path: str = "/feed.xml") -> None:
        self.srv.route(path, rss(self.srv.base_url, items), content_type="application/rss+xml")

    def configure(self, *, rules: str = "rules.toml", extra: str = "", alerts: str = "") -> None:
        """Write the config: one feed, one webhook, scraping off (items carry their text)."""
        self.config.write_text(
            f'[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            f'[matching]\nrules = ["{rules}"]\n[alerts]\nmax_age = "2d"\n{alerts}\n'
            f'[[feeds]]\nname = "Wire"\nurl = "{self.srv.base_url}/feed.xml"\n'
            f'[[alerts.webhook]]\nname = "ops-hook"\nurl = "{self.srv.base_url}/hook"\n' + extra
        )

    def cli(self, *args: str) -> Run:
        self.capsys.readouterr()  # drop what earlier commands printed
        code = main(["--config", str(self.config), *args])
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def alerts(self) -> list[dict[str, object]]:
        return [json.loads(r.body) for r in self.posts]


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path, capsys)


def refused_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def now() -> datetime:
    return datetime.now(UTC)


# --- test-alert -----------------------------------------------------------------------------


def test_test_alert_reaches_every_channel_and_prints_ok(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tls = make_tls(tmp_path)
    monkeypatch.setenv("CLI_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("CLI_HOOK_SECRET", SECRET)
    with smtp_server(starttls=tls, users={"monitor": PASSWORD}) as smtp:
        site.configure(
            extra=(
                'secret_env = "CLI_HOOK_SECRET"\n'
                f'[[alerts.email]]\nname = "ops-mail"\nhost = "{smtp.host}"\nport = {smtp.port}\n'
                'security = "starttls"\nusername = "monitor"\n'
                'password_env = "CLI_SMTP_PASSWORD"\nsender = "monitor@example.org"\n'
                f'recipients = ["analyst@example.org"]\nca_file = "{tls.ca_file}"\n'
            )
        )
        run = site.cli("test-alert")
        assert run.code == 0, run.err
        assert run.out.splitlines() == ["ops-mail: OK", "ops-hook: OK"]
        assert len(smtp.recorder.messages) == 1
        assert "[TEST]" in str(smtp.recorder.messages[0]["Subject"])
    assert len(site.posts) == 1
    # the receiver can verify the sample alert with the shared secret
    payload = Webhook(SECRET).verify(site.posts[0].body, dict(site.posts[0].headers))
    assert payload["title"].startswith("[TEST]")
    assert PASSWORD not in run.out + run.err
    assert SECRET not in run.out + run.err


def test_test_alert_prints_the_exact_failure_of_each_channel(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLI_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("CLI_HOOK_SECRET", SECRET)
    site.answers.append(Route(status=500, body=b"receiver exploded"))
    port = refused_port()
    site.configure(
        extra=(
            'secret_env = "CLI_HOOK_SECRET"\n'
            f'[[alerts.email]]\nname = "ops-mail"\nhost = "127.0.0.1"\nport = {port}\n'
            'security = "none"\nusername = "monitor"\npassword_env = "CLI_SMTP_PASSWORD"\n'
            'sender = "monitor@example.org"\nrecipients = ["analyst@example.org"]\n'
            'timeout = "5s"\n'
        )
    )
    run = site.cli("test-alert")
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines == [
        f"ops-mail: FAILED: email ops-mail via 127.0.0.1:{port}: connection refused",
        f"ops-hook: FAILED: webhook ops-hook ({site.srv.base_url}): "
        "answered 500 Internal Server Error: receiver exploded",
    ]
    assert "Traceback" not in run.err
    assert PASSWORD not in run.out + run.err
    assert SECRET not in run.out + run.err


def test_test_alert_for_one_channel_sends_only_through_it(site: Site) -> None:
    with smtp_server() as smtp:
        site.configure(
            extra=(
                f'[[alerts.email]]\nname = "ops-mail"\nhost = "{smtp.host}"\nport = {smtp.port}\n'
                'security = "none"\nsender = "monitor@example.org"\n'
                'recipients = ["analyst@example.org"]\n'
            )
        )
        run = site.cli("test-alert", "ops-hook")
        assert run.code == 0, run.err
        assert run.out.splitlines() == ["ops-hook: OK"]
        assert smtp.recorder.data_attempts == 0
    assert len(site.posts) == 1

    unknown = site.cli("test-alert", "no-such-channel")
    assert unknown.code == 2
    assert "no alert channel named 'no-such-channel'" in unknown.err
    assert unknown.out == ""
    assert len(site.posts) == 1


# --- check ----------------------------------------------------------------------------------


def test_check_accepts_a_valid_config_and_warns_about_an_unset_secret(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLI_UNSET_SECRET", raising=False)
    site.configure(extra='secret_env = "CLI_UNSET_SECRET"\n')
    run = site.cli("check")
    assert run.code == 0, run.err
    assert "OK: 1 feeds, 1 rules" in run.out
    assert "0 email and 1 webhook channels" in run.out
    assert "warning: ops-hook: environment variable CLI_UNSET_SECRET is not set" in run.err

    monkeypatch.setenv("CLI_UNSET_SECRET", SECRET)
    run = site.cli("check")
    assert run.code == 0
    assert "warning" not in run.err
    assert SECRET not in run.out + run.err


def test_check_lists_every_broken_rule_with_file_rule_and_column(site: Site) -> None:
    (site.tmp / "broken.toml").write_text(
        "[groups]\nisis = ['ISIS']\n"
        "[[rules]]\nname = 'unbalanced'\nquery = '@isis AND (raid OR strike'\n"
        "[[rules]]\nname = 'typo-group'\nquery = 'raid AND @leaders'\n"
    )
    site.configure(rules="broken.toml")
    # a real process: the exit code and "no traceback" are what a script or a human relies on
    result = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(site.config), "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "MONITOR_CONFIG"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if "broken.toml" in line]
    assert len(problems) == 2, result.stderr
    unbalanced = next(p for p in problems if "'unbalanced'" in p)
    typo = next(p for p in problems if "'typo-group'" in p)
    assert "column 26" in unbalanced and "missing ')'" in unbalanced
    assert "column 10" in typo and "@leaders" in typo


# --- events ---------------------------------------------------------------------------------


def test_events_json_since_filters_and_lists_newest_first(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now())])
    site.configure()
    assert site.cli("once").code == 0
    between = now()
    site.publish([("a", "Raid in Atmeh", RAID, now()), ("b", "Strike near Raqqa", STRIKE, now())])
    assert site.cli("once").code == 0

    run = site.cli("events", "--json")
    assert run.code == 0
    events = [json.loads(line) for line in run.out.splitlines()]
    assert [e["title"] for e in events] == ["Strike near Raqqa", "Raid in Atmeh"]
    for e in events:
        assert set(e) >= PAYLOAD_KEYS | {"first_seen", "updated", "sources"}
        assert e["type"] == "event.matched" and e["rules"] == ["isis-raid"]
        assert e["source"] == "Wire"
    # the ids are those the webhook received
    assert sorted(e["id"] for e in events) == sorted(str(a["id"]) for a in site.alerts())

    since = site.cli("events", "--json", "--since", between.isoformat())
    assert [json.loads(line)["title"] for line in since.out.splitlines()] == ["Strike near Raqqa"]
    later = site.cli("events", "--json", "--since", (now() + timedelta(hours=1)).isoformat())
    assert later.code == 0 and later.out == ""
    # a duration longer than the calendar reaches back to the start: everything
    ages = site.cli("events", "--json", "--since", "99999999999d")
    assert ages.code == 0 and len(ages.out.splitlines()) == 2


def test_events_since_rejects_a_date_that_is_not_iso(site: Site) -> None:
    site.configure()
    with pytest.raises(SystemExit) as exc:
        site.cli("events", "--since", "yesterday")
    assert exc.value.code == 2
    err = site.capsys.readouterr().err
    assert "not an ISO 8601 date/time nor a duration: 'yesterday'" in err
    assert "12h, 2d" in err


# --- rules test -----------------------------------------------------------------------------


def test_rules_test_shows_what_would_match_and_why_without_alerting(site: Site) -> None:
    site.publish(
        [
            ("a", "Raid in Atmeh", RAID, now()),
            ("b", "Bread prices rise", BREAD, now()),
            ("c", "Strike near Raqqa", STRIKE, now()),
        ]
    )
    site.configure(rules="never.toml")
    assert site.cli("once").code == 0
    assert site.posts == []

    (site.tmp / "candidate.toml").write_text(
        "[[rules]]\nname = 'raid-only'\nquery = 'raid AND \"Islamic State\"'\n"
    )
    run = site.cli("rules", "test", str(site.tmp / "candidate.toml"))
    assert run.code == 0, run.err
    assert "Raid in Atmeh" in run.out
    assert "rules: raid-only" in run.out
    assert "why: " in run.out and "raid" in run.out.split("why: ", 1)[1].lower()
    assert "Bread prices" not in run.out and "Strike near Raqqa" not in run.out
    assert run.out.splitlines()[-1] == "1 of 3 stored items would match; 1 of them as reports"
    # nothing sent, nothing queued, no event created
    assert site.posts == []
    with sqlite3.connect(site.db) as db:
        assert db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0

    builtin = site.cli("rules", "test", "builtin:isis-syria")
    assert builtin.code == 0
    assert "of 3 stored items would match" in builtin.out.splitlines()[-1]
    assert site.posts == []


# --- rematch --------------------------------------------------------------------------------


def test_rematch_creates_events_and_alerts_only_the_fresh_ones(site: Site) -> None:
    site.publish(
        [
            ("fresh", "Raid in Atmeh", RAID, now() - timedelta(hours=1)),
            ("old", "Strike near Raqqa", STRIKE, now() - timedelta(days=5)),
            ("bread", "Bread prices rise", BREAD, now()),
        ]
    )
    site.configure(rules="never.toml")
    assert site.cli("once").code == 0
    assert site.cli("events", "--json").out == ""

    site.configure(rules="rules.toml")
    run = site.cli("rematch", "--since", (now() - timedelta(days=1)).isoformat())
    assert run.code == 0, run.err
    assert "rematch: 2 new events, 0 events gained rules" in run.out
    events = [json.loads(line) for line in site.cli("events", "--json").out.splitlines()]
    assert sorted(e["title"] for e in events) == ["Raid in Atmeh", "Strike near Raqqa"]
    # the 5-day-old item is older than alerts.max_age: stored as an event, never alerted
    assert [a["title"] for a in site.alerts()] == ["Raid in Atmeh"]

    # running it again finds nothing new and alerts nobody twice
    again = site.cli("rematch", "--since", (now() - timedelta(days=1)).isoformat())
    assert "rematch: 0 new events" in again.out
    assert len(site.posts) == 1


# --- status ---------------------------------------------------------------------------------


def test_status_shows_daemon_last_cycle_failing_feeds_and_deliveries(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now())])
    site.srv.route("/broken.xml", b"upstream down", status=500)
    # ops-hook fails for good (1 s window); slow-hook asks to be retried in two minutes
    site.answers.append(Route(status=500))
    site.answers.append(Route(status=500))
    site.srv.route("/slow-hook", status=503, headers={"Retry-After": "120"})
    site.configure(
        alerts='retry_window = "1s"\n',
        extra=(
            f'[[feeds]]\nname = "Broken"\nurl = "{site.srv.base_url}/broken.xml"\n'
            f'[[alerts.webhook]]\nname = "slow-hook"\nurl = "{site.srv.base_url}/slow-hook"\n'
            'retry_window = "1d"\n'
        ),
    )
    before = site.cli("status")
    assert before.code == 0
    assert "daemon: not running" in before.out
    assert "last cycle: none yet" in before.out

    assert site.cli("once").code == 0
    run = site.cli("status")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "daemon: not running"
    assert lines[1].startswith("last cycle: finished ")
    assert "feeds ok 1, failed 1, new items 1, new events 1" in lines[1]
    assert "feeds: 2, failing: 1" in run.out
    broken = next(line for line in lines if "Broken" in line)
    assert "http_status" in broken and "(1x)" in broken
    assert "Wire:" not in run.out
    assert "deliveries: pending 1, failed 1, sent 0" in run.out


# --- deliveries and redeliver ---------------------------------------------------------------


def test_failed_delivery_is_listed_and_redelivered_with_the_same_id(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now())])
    site.answers.extend([Route(status=500), Route(status=500)])
    site.configure(alerts='retry_window = "1s"\n')

    once = site.cli("once")
    assert once.code == 0
    assert "ALERT NOT DELIVERED" in once.err
    assert len(site.posts) == 2  # the first try and the last one at the end of the window

    failed = [
        json.loads(line) for line in site.cli("deliveries", "--failed", "--json").out.splitlines()
    ]
    assert len(failed) == 1
    row = failed[0]
    assert row["state"] == "failed" and row["channel"] == "ops-hook"
    assert row["type"] == "event.matched" and row["attempts"] == 2
    assert "answered 500" in row["last_error"]
    plain = site.cli("deliveries", "--failed").out
    assert row["id"] in plain and "failed" in plain and "answered 500" in plain

    # the receiver is fixed: queue it again and let one cycle send it
    again = site.cli("redeliver", row["id"])
    assert again.code == 0, again.err
    assert row["id"] in again.out
    assert site.cli("once").code == 0
    assert len(site.posts) == 3
    assert {p.headers["webhook-id"] for p in site.posts} == {row["id"]}
    assert site.cli("deliveries", "--failed", "--json").out == ""
    rows = [json.loads(line) for line in site.cli("deliveries", "--json").out.splitlines()]
    assert [(r["id"], r["state"]) for r in rows] == [(row["id"], "sent")]

    unknown = site.cli("redeliver", "msg_nosuchdelivery")
    assert unknown.code == 1
    assert "no delivery 'msg_nosuchdelivery'" in unknown.err


def test_once_refuses_to_run_beside_the_daemon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from monitor.store import daemon_lock

    config = tmp_path / "monitor.toml"
    config.write_text(
        '[storage]\npath = "m.db"\n[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/"\n'
    )
    with daemon_lock(tmp_path / "m.db") as locked:
        assert locked
        assert main(["--config", str(config), "once"]) == 1
    assert "must run alone" in capsys.readouterr().err
    assert main(["--config", str(config), "once"]) == 0  # free again once the daemon is gone


def test_vacuum_prunes_items_older_than_storage_keep_and_keeps_events(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now()), ("b", "Bread prices", BREAD, now())])
    site.configure()
    assert site.cli("once").code == 0
    old = (now() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with sqlite3.connect(site.db) as db:
        db.execute("UPDATE items SET first_seen_at = ?", [old])
        assert db.execute("SELECT count(*) FROM event_keys").fetchone()[0] > 0
        db.execute("UPDATE event_keys SET day = day - 100")  # filed a hundred days ago
    db.close()
    run = site.cli("vacuum")
    assert run.code == 0 and "pruned 2 items" in run.out
    with sqlite3.connect(site.db) as db:
        assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        # no report can join a hundred-day-old event: its identity keys are gone
        assert db.execute("SELECT count(*) FROM event_keys").fetchone()[0] == 0
    db.close()
    assert len(site.cli("events", "--json").out.splitlines()) == 1


def test_a_database_of_the_previous_version_is_upgraded_and_its_events_kept(site: Site) -> None:
    from monitor.store import _MIGRATIONS, SCHEMA_VERSION, EventFilter, Store

    site.configure()
    with sqlite3.connect(site.db) as db:
        db.executescript(_MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO events (id, title, url, source, published_at, first_seen_at,"
            " updated_at, rules, snippet, score) VALUES ('ev_old', 'Raid in Atmeh',"
            " 'https://x/a', 'wire', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z',"
            " '2026-11-01T00:00:00Z', '[\"isis-raid\"]', 'The raid.', 1.0)"
        )
    db.close()
    run = site.cli("events", "--json")
    assert run.code == 0, run.err
    (event,) = [json.loads(line) for line in run.out.splitlines()]
    assert (event["id"], event["kind"], event["who"], event["where"]) == (
        "ev_old",
        "report",
        [],
        None,
    )
    with sqlite3.connect(site.db) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()
    # the web view's search index holds the events stored before it existed
    store = Store(site.db)
    try:
        assert [e.id for e in store.find_events(EventFilter(text='"atmeh"'))] == ["ev_old"]
        assert store.find_events(EventFilter(text='"raqqa"')) == []
    finally:
        store.close()


def test_a_database_from_a_newer_monitor_is_refused_clearly(site: Site) -> None:
    site.configure()
    with sqlite3.connect(site.db) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    run = site.cli("events")
    assert run.code == 1
    assert "schema version 99 is newer than this monitor" in run.err
