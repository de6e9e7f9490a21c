"""A newcomer's first hour: what monitor says when there is nothing to show, when a config key
is misspelt, when a feed URL is a web page, when the database is busy, when a link is local,
and how long commands over many items show their progress.

Real loopback servers, real SQLite files, the real command line (in-process where the exit
code and output are the point, a subprocess where a terminal or a second process is).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.discover import advertised_feeds
from tests.support.server import LoopbackServer
from tests.support.texts import RAID, STRIKE
from tests.test_cli import BREAD, Site, now, rss

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path, capsys)


def _monitor(config: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=config.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        **kw,  # type: ignore[call-overload]
    )


# --- nothing to show -------------------------------------------------------------------------


def test_events_feeds_and_deliveries_say_so_when_there_is_nothing_to_show(site: Site) -> None:
    site.publish([("b", "Bread prices", BREAD, now())])
    site.configure()

    events = site.cli("events")
    assert events.code == 0
    assert "no events yet: no feed has been polled" in events.out
    assert "`monitor once`" in events.out
    feeds = site.cli("feeds")
    assert "no feed has been polled yet" in feeds.out and "Wire" in feeds.out
    deliveries = site.cli("deliveries")
    assert deliveries.code == 0 and "no deliveries yet" in deliveries.out

    # under --json stdout stays JSON lines (here: none); the explanation goes to stderr
    as_json = site.cli("events", "--json")
    assert as_json.out == "" and "no events yet" in as_json.err

    assert site.cli("once").code == 0
    polled = site.cli("events")
    assert "no events yet: 1 items stored, none matched the rules" in polled.out
    assert "no feed has been polled" not in site.cli("feeds").out
    assert "no failed deliveries" in site.cli("deliveries", "--failed").out


def test_events_says_when_only_commentary_is_hidden(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now())])
    site.configure()
    assert site.cli("once").code == 0
    with sqlite3.connect(site.db) as db:
        db.execute("UPDATE events SET kind = 'opinion'")
    db.close()
    hidden = site.cli("events")
    assert "no events but 1 commentary" in hidden.out and "`monitor events --all`" in hidden.out
    assert "Raid in Atmeh" in site.cli("events", "--all").out


def test_deliveries_without_a_channel_says_how_to_add_one(tmp_path: Path) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text('[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/f"\n')
    done = _monitor(config, "deliveries")
    assert done.returncode == 0
    assert "no alert channel is configured" in done.stdout
    assert "[[alerts.webhook]]" in done.stdout


# --- --since as a duration ---------------------------------------------------------------------


def test_since_takes_a_duration_as_well_as_iso_8601(site: Site) -> None:
    site.publish([("a", "Raid in Atmeh", RAID, now()), ("s", "Strike near Raqqa", STRIKE, now())])
    site.configure()
    assert site.cli("once").code == 0
    with sqlite3.connect(site.db) as db:
        for title, age in [("Raid%", timedelta(days=3)), ("Strike%", timedelta(hours=5))]:
            when = (now() - age).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            db.execute("UPDATE events SET first_seen_at = ? WHERE title LIKE ?", [when, title])
    db.close()

    def titles(*args: str) -> list[str]:
        run = site.cli("events", "--json", *args)
        assert run.code == 0, run.err
        return [json.loads(line)["title"] for line in run.out.splitlines()]

    assert titles("--since", "12h") == ["Strike near Raqqa"]
    assert titles("--since", "2d") == ["Strike near Raqqa"]
    assert titles("--since", "4d") == ["Strike near Raqqa", "Raid in Atmeh"]
    assert titles("--since", (now() - timedelta(days=4)).isoformat()) == titles("--since", "4d")
    later = site.cli("events", "--since", "1h")
    assert "no events first seen since" in later.out


# --- did you mean ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "typo", "meant"),
    [
        ("[polling]", 'inteval = "5m"', "polling.inteval: unknown key (did you mean `interval`?)"),
        (
            "[scraping]",
            "allowPrivateNetworks = true",
            "scraping.allowPrivateNetworks: unknown key (did you mean `allow_private_networks`?)",
        ),
        ("[alerts]", 'max-age = "1d"', "alerts.max-age: unknown key (did you mean `max_age`?)"),
        ("", 'feed = "x"', "feed: unknown key (did you mean `feeds`?)"),
    ],
)
def test_an_unknown_key_suggests_the_nearest_valid_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, typo: str, meant: str
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(f'{table}\n{typo}\n[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/f"\n')
    assert main(["--config", str(config), "check"]) == 2
    assert f"{config}: {meant}" in capsys.readouterr().err


def test_an_unknown_key_far_from_any_valid_one_gets_no_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text('[polling]\nzzz = 1\n[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/f"\n')
    assert main(["--config", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert "polling.zzz: unknown key" in err and "did you mean" not in err


# --- the single-instance refusal names the process -------------------------------------------


def test_a_second_monitor_is_refused_naming_the_pid_holding_the_database(
    tmp_path: Path,
) -> None:
    with LoopbackServer() as srv:
        srv.route("/feed.xml", rss(srv.base_url, []), content_type="application/rss+xml")
        config = tmp_path / "monitor.toml"
        config.write_text(
            '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            f'[[feeds]]\nname = "A"\nurl = "{srv.url("/feed.xml")}"\n'
        )
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(config), "run"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            lock = tmp_path / "m.db.lock"
            deadline = time.monotonic() + 30
            while not (lock.exists() and lock.read_text().strip()):
                assert time.monotonic() < deadline, "the daemon never took its lock"
                time.sleep(0.05)
            once = _monitor(config, "once")
            assert once.returncode == 1
            assert f"in use by pid {daemon.pid} (" in once.stderr
            assert "monitor" in once.stderr and " run)" in once.stderr
            assert "must run alone" in once.stderr
            second = _monitor(config, "run")
            assert second.returncode == 1
            assert f"pid {daemon.pid}" in second.stderr
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.communicate(timeout=30)
        assert daemon.returncode == 0


# --- links to private addresses --------------------------------------------------------------


def test_article_links_to_a_private_host_warn_once_naming_the_config_keys(site: Site) -> None:
    site.publish([(g, f"Story {g}", RAID, now()) for g in ("a", "b", "c")])
    site.configure()
    site.config.write_text(site.config.read_text().replace("enabled = false", "enabled = true"))
    run = site.cli("once")
    assert run.code == 0
    warnings = [line for line in run.err.splitlines() if "are not fetched" in line]
    assert len(warnings) == 1, run.err
    (warning,) = warnings
    assert "WARNING" in warning and "127.0.0.1" in warning
    assert "scraping.allow_hosts" in warning and "scraping.allow_private_networks" in warning
    assert site.srv.hits("/a/a") == 0  # the guard still refused them
    # the items were matched on their feed text all the same
    assert len(site.alerts()) == 1


# --- a web page where a feed should be -------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Wire</title>
<link rel="stylesheet" href="/style.css">
<link rel="Alternate" type="application/rss+xml" title="Wire: all news" href="/feed.xml">
<link rel="alternate" type="application/atom+xml; charset=utf-8" href="{base}/atom.xml">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
</head><body><h1>Wire</h1><a href="/feed.xml">RSS</a></body></html>"""


def test_advertised_feeds_are_found_as_feed_readers_find_them() -> None:
    page = PAGE.format(base="https://example.org")
    feeds = advertised_feeds(page, "https://example.org/news/")
    assert [(f.url, f.kind, f.title) for f in feeds] == [
        ("https://example.org/feed.xml", "RSS", "Wire: all news"),
        ("https://example.org/atom.xml", "Atom", None),
    ]
    based = '<html><head><base href="https://cdn.example.org/x/">' + page[page.index("<link") :]
    assert advertised_feeds(based, "https://example.org/")[0].url == (
        "https://cdn.example.org/feed.xml"
    )
    assert advertised_feeds(b"<html><body>no feeds</body></html>", "https://e.org/") == []
    assert advertised_feeds(b"\x00\x01 not html at all", "https://e.org/") == []


def test_a_feed_url_that_is_a_page_advertising_feeds_says_which(site: Site) -> None:
    site.srv.route("/", PAGE.format(base=site.srv.base_url), content_type="text/html")
    site.publish([("a", "Raid in Atmeh", RAID, now())])
    site.configure()
    site.config.write_text(site.config.read_text().replace("/feed.xml", "/"))
    assert site.cli("once").code == 0
    (feed,) = [json.loads(line) for line in site.cli("feeds", "--json").out.splitlines()]
    assert feed["error_kind"] == "not_a_feed"
    assert feed["last_error"].startswith(
        f"not a feed; this page advertises: {site.srv.url('/feed.xml')}, "
        f"{site.srv.url('/atom.xml')}"
    )


def test_discover_lists_the_feeds_a_page_advertises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with LoopbackServer() as srv:
        srv.route("/", PAGE.format(base=srv.base_url), content_type="text/html")
        srv.redirect("/home", "/")
        srv.route("/feed.xml", rss(srv.base_url, []), content_type="application/rss+xml")
        srv.route("/plain", "<html><body>hello</body></html>", content_type="text/html")
        # no config file exists: discover needs none
        monkeypatch.chdir(tmp_path)
        assert main(["discover", srv.url("/home")]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out == [
            f"{srv.url('/feed.xml')}  (RSS: Wire: all news)",
            f"{srv.url('/atom.xml')}  (Atom)",
        ]
        assert main(["discover", srv.url("/feed.xml")]) == 0
        assert "is a feed itself (Wire)" in capsys.readouterr().out
        assert main(["discover", srv.url("/plain")]) == 1
        assert "advertises no feed" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad:
        main(["discover", "ftp://example.org/"])
    assert bad.value.code == 2
    assert "is not http or https" in capsys.readouterr().err


# --- progress bars ---------------------------------------------------------------------------

MANY = 300


def _on_a_terminal(config: Path, *args: str) -> str:
    """Run monitor with stderr on a pseudo-terminal (80x24); what the terminal showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        cwd=config.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        shown += chunk
    proc.communicate(timeout=60)
    os.close(leader)
    assert proc.returncode == 0, shown
    return shown.decode(errors="replace")


def test_rematch_and_vacuum_show_progress_on_a_terminal_and_stay_quiet_piped(site: Site) -> None:
    site.publish([(f"g{i}", f"Item {i}", BREAD if i % 2 else RAID, now()) for i in range(MANY)])
    site.configure()
    assert site.cli("once").code == 0

    shown = _on_a_terminal(site.config, "rematch", "--since", "1d")
    assert "rematch: 100%" in shown and f"{MANY}/{MANY}" in shown and "items/s" in shown
    piped = _monitor(site.config, "rematch", "--since", "1d")
    assert piped.returncode == 0
    assert "items/s" not in piped.stderr and "\r" not in piped.stderr

    old = (now() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with sqlite3.connect(site.db) as db:
        db.execute("UPDATE items SET first_seen_at = ?", [old])
    db.close()
    shown = _on_a_terminal(site.config, "vacuum")
    assert "pruning: 100%" in shown and f"{MANY}/{MANY}" in shown and "items/s" in shown
    assert "compacting the database" in shown
    with sqlite3.connect(site.db) as db:
        assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    db.close()
