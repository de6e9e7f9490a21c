"""Hostile and broken feeds beside a good one: each fault is recorded with its class, the good
feed still produces its event, `monitor once` exits 0 and stays within its memory bound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.server import LoopbackServer, Request, Route

GOOD = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Good</title><link>{base}/</link>"
    "<description>d</description>"
    "<item><guid>g-1</guid><title>Raid in Atmeh kills Islamic State official</title>"
    "<link>{page}</link><description>US special operations forces killed a senior Islamic "
    "State official in a helicopter raid in Atmeh, Idlib province, officials said."
    "</description></item></channel></rss>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]><rss version='2.0'><channel><title>&lol9;</title><item><title>&lol9;</title>"
    "</item></channel></rss>"
)

# The harness reports the monitor's own peak memory (kB) on the pipe named by argv[1].
RUN = """
import os, resource, sys
from monitor.cli import main
fd = int(sys.argv.pop(1))
code = main(sys.argv[1:])
os.write(fd, str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).encode())
raise SystemExit(code)
"""


def run_once(config: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    read, write = os.pipe()
    proc = subprocess.run(
        [sys.executable, "-c", RUN, str(write), "--config", str(config), "once"],
        capture_output=True,
        text=True,
        timeout=120,
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as f:
        peak_kb = int(f.read() or 0)
    return proc, peak_kb


def test_every_fault_is_recorded_and_the_good_feed_still_alerts(tmp_path: Path) -> None:
    with LoopbackServer() as srv:
        base = srv.base_url
        # article pages are reached through the name "localhost", which allow_hosts permits;
        # the same server under 127.0.0.1 stands for a private address a feed must not reach
        local = base.replace("127.0.0.1", "localhost")
        srv.route(
            "/good.xml",
            GOOD.format(base=base, page=f"{local}/story"),
            content_type="application/rss+xml",
        )
        srv.route(
            "/story",
            "<html><body><article><p>" + "The raid in Atmeh killed a senior "
            "Islamic State official, US officials said. " * 5 + "</p></article></body></html>",
            content_type="text/html",
        )
        srv.route(
            "/private.xml",
            GOOD.format(base=base, page=f"{base}/secret")
            .replace("g-1", "p-1")
            .replace("Atmeh", "Raqqa"),
            content_type="application/rss+xml",
        )
        srv.route(
            "/rebound.xml",
            GOOD.format(base=base, page=f"{local}/bounce")
            .replace("g-1", "r-1")
            .replace("Atmeh", "Palmyra"),
            content_type="application/rss+xml",
        )
        srv.redirect("/bounce", f"{base}/secret", status=302)
        srv.route("/secret", "<html><body>internal admin</body></html>", content_type="text/html")
        srv.route("/slow.xml", GOOD, delay=6.0, content_type="application/rss+xml")
        srv.route("/500.xml", "oops", status=500)
        srv.route("/429.xml", "slow down", status=429, headers={"Retry-After": "3600"})
        srv.route(
            "/malformed.xml",
            "<rss><channel><item><title>unclosed & broken <<<",
            content_type="application/rss+xml",
        )
        srv.route(
            "/html.xml",
            "<!doctype html><html><body><h1>Welcome</h1></body></html>",
            content_type="text/html",
        )
        srv.route("/huge.xml", stream_size=50_000_000, content_type="application/rss+xml")
        srv.route("/bomb.xml", gzip_bomb=1_000_000_000, content_type="application/rss+xml")
        srv.route("/laughs.xml", LAUGHS, content_type="application/rss+xml")
        srv.redirect("/loop-a.xml", "/loop-b.xml")
        srv.redirect("/loop-b.xml", "/loop-a.xml")
        srv.redirect("/moved.xml", "/good-new.xml", status=301)
        srv.route(
            "/good-new.xml",
            GOOD.format(base=base, page=f"{local}/story").replace("g-1", "m-1"),
            content_type="application/rss+xml",
        )
        srv.route("/gone.xml", "gone", status=410)
        hooks: list[Request] = []

        def hook(request: Request) -> Route:
            hooks.append(request)
            return Route(status=200)

        srv.route("/hook", handler=hook)

        feeds = {
            "good": "/good.xml",
            "private": "/private.xml",
            "rebound": "/rebound.xml",
            "slow": "/slow.xml",
            "e500": "/500.xml",
            "e429": "/429.xml",
            "malformed": "/malformed.xml",
            "html": "/html.xml",
            "huge": "/huge.xml",
            "bomb": "/bomb.xml",
            "laughs": "/laughs.xml",
            "loop": "/loop-a.xml",
            "moved": "/moved.xml",
            "gone": "/gone.xml",
        }
        config = tmp_path / "monitor.toml"
        config.write_text(
            '[storage]\npath = "m.db"\n[polling]\ntimeout = "3s"\nmax_size = "1MB"\n'
            '[scraping]\nallow_hosts = ["localhost"]\ntimeout = "5s"\n'
            + "".join(f'[[feeds]]\nname = "{n}"\nurl = "{base}{p}"\n' for n, p in feeds.items())
            + f'[[alerts.webhook]]\nurl = "{base}/hook"\n'
        )
        proc, peak_kb = run_once(config)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        assert peak_kb < 200 * 1024, f"peak RSS {peak_kb} kB"

        health = {
            f["name"]: f
            for f in map(
                json.loads,
                subprocess.run(
                    [sys.executable, "-m", "monitor", "--config", str(config), "feeds", "--json"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.splitlines(),
            )
        }
        kinds = {name: f["error_kind"] for name, f in health.items()}
        assert kinds == {
            "good": None,
            "private": None,
            "rebound": None,
            "moved": None,
            "slow": "timeout",
            "e500": "http_status",
            "e429": "http_status",
            "malformed": "malformed",
            "html": "not_a_feed",
            "huge": "too_large",
            "bomb": "too_large",
            "laughs": kinds["laughs"],
            "loop": "redirects",
            "gone": "gone",
        }
        # billion laughs: refused as malformed, or parsed with the entities left unexpanded
        assert kinds["laughs"] in (None, "malformed")
        assert health["e500"]["last_status"] == 500
        assert health["gone"]["gone"] is True
        for name in ("slow", "e500", "malformed", "html", "huge", "bomb", "loop", "gone"):
            assert health[name]["consecutive_failures"] == 1 and health[name]["last_error"]
        # Retry-After on a 429 pushes the next attempt at least that far
        assert health["e429"]["next_attempt"] > health["e429"]["last_fetch"]
        from datetime import datetime

        wait = datetime.fromisoformat(health["e429"]["next_attempt"].replace("Z", "+00:00"))
        last = datetime.fromisoformat(health["e429"]["last_fetch"].replace("Z", "+00:00"))
        assert (wait - last).total_seconds() >= 3600 - 1

        # links into private addresses were never fetched, directly or by redirect
        assert srv.hits("/secret") == 0
        assert srv.hits("/bounce") == 1
        assert srv.hits("/story") >= 1
        # the good feed's story alerted
        titles = sorted(json.loads(h.body)["title"] for h in hooks)
        assert "Raid in Atmeh kills Islamic State official" in titles
        import sqlite3

        db = sqlite3.connect(tmp_path / "m.db")
        reasons = dict(
            db.execute(
                "SELECT feed, fallback_reason FROM items WHERE feed IN ('private', 'rebound')"
            )
        )
        assert reasons == {"private": "fetch_blocked", "rebound": "fetch_blocked"}


async def _poll_times(config: Path, n: int) -> None:
    from monitor.config import load_config
    from monitor.pipeline import run_once as once

    for _ in range(n):
        await once(load_config(config))


def _feed_url(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return str(conn.execute("SELECT url FROM feeds").fetchone()[0])


async def test_a_permanent_redirect_is_adopted_only_after_repeated_sightings(
    tmp_path: Path,
) -> None:
    with LoopbackServer() as srv:
        base = srv.base_url
        srv.redirect("/old.xml", "/new.xml", status=301)
        srv.route(
            "/new.xml",
            GOOD.format(base=base, page=f"{base}/story"),
            content_type="application/rss+xml",
        )
        config = tmp_path / "monitor.toml"
        allow = "allow_private_networks = {}\n"
        text = (
            '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            + allow
            + f'[[feeds]]\nname = "moved"\nurl = "{base}/old.xml"\n'
        )
        config.write_text(text.format("true"))
        await _poll_times(config, 2)
        assert _feed_url(tmp_path / "m.db") == f"{base}/old.xml"
        await _poll_times(config, 1)
        assert _feed_url(tmp_path / "m.db") == f"{base}/new.xml"
        before = srv.hits("/old.xml")
        await _poll_times(config, 1)
        assert srv.hits("/old.xml") == before  # polled at its new address now

        # a redirect into a private network is never stored as the feed's URL
        (tmp_path / "m.db").unlink()
        config.write_text(text.format("false"))
        await _poll_times(config, 4)
        assert _feed_url(tmp_path / "m.db") == f"{base}/old.xml"
