"""One full `monitor once` as a user runs it: real HTTP, SMTP and webhook servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from standardwebhooks import Webhook

from tests.support.server import LoopbackServer
from tests.support_alert import SmtpServer, smtp_server

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NAV = """
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/syria">Syria</a>
<a href="/sport">Sport</a></nav></header>
<aside class="most-read"><h3>Most read</h3><ul>
<li><a href="/a/1">ISIS leader killed in Syria raid, officials say</a></li>
<li><a href="/a/2">Islamic State commander captured near Raqqa</a></li>
<li><a href="/a/3">Football: cup final tickets on sale</a></li></ul></aside>
"""
FOOTER = """<footer><p>Subscribe to our newsletter. Cookie settings. About us. Contact.
Copyright 2026 Example News.</p></footer>"""


def page(title: str, paragraphs: list[str], canonical: str | None = None) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{link}</head><body>{NAV}<main><article><h1>{title}</h1>{body}</article></main>"
        f"{FOOTER}</body></html>"
    ).encode()


RAID = [
    "US special operations forces carried out a helicopter-borne raid overnight that killed "
    "two senior Islamic State officials near the northwestern border with Turkey, two US "
    "officials said on Wednesday.",
    "State media said an Iraqi national known as Salah Numan was killed by US forces as he "
    "tried to flee a house in Atmeh, in Idlib province, and a second man was shot during the "
    "operation.",
    "Officials did not confirm the identities of the men. One was believed to be in line to "
    "lead the jihadist group, one official said. There was no confirmation that the raid "
    "targeted ISIS\u2019 current top leader, Abu Hafs al-Qurayshi.",
    "The raid was the latest in a string of operations by US forces targeting remaining "
    "militant leaders hiding in the northwest of the country.",
]
SUCCESSOR = [
    "The Islamic State group named a new leader on Thursday, saying in an audio message "
    "released by its spokesman that its previous chief, Abu al-Hussein al-Husseini "
    "al-Qurashi, had been killed in clashes in Idlib province in northwestern Syria.",
    "The group said the new caliph would be known as Abu Hafs al-Hashimi al-Qurashi. It gave "
    "no further details about him.",
    "Analysts said the announcement followed a pattern of short-lived leaders since 2019.",
]
BREAD = [
    "The price of subsidised bread in Damascus rose for the second time this year, the trade "
    "ministry announced, citing the cost of imported wheat and fuel.",
    "Bakeries reported long queues on Tuesday morning as residents tried to buy before the "
    "increase took effect. Officials said the rationing card system would continue.",
    "Economists warned that the currency's fall against the dollar would keep pushing prices "
    "up through the winter months.",
]
FOOTBALL = [
    "The home side's captain led a late raid down the left wing to score the winning goal in "
    "the 89th minute, sending the crowd into raptures.",
    "The manager praised his leader on the pitch and said the team would not get carried away "
    "before next week's derby.",
    "Tickets for the final go on sale on Monday morning through the club's website.",
]
QUAKE = [
    "A magnitude 5.1 earthquake shook northern Syria and southern Turkey early on Sunday, "
    "damaging several old buildings in Aleppo, the civil defence said.",
    "No deaths were reported. Rescue teams were checking homes in the countryside near the "
    "border, where many families still live in tents after the 2023 disaster.",
    "Seismologists said aftershocks were likely over the coming days.",
]


def rss(base: str) -> str:
    def item(guid: str, title: str, path: str, summary: str) -> str:
        return (
            f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>"
            f"<link>{base}{path}?utm_source=rss</link><description>{summary}</description>"
            f"<pubDate>{{now}}</pubDate></item>"
        )

    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Wire</title><link>{base}/</link><description>wire</description>"
        + item(
            "w-1",
            "Helicopter raid near Turkish border kills two",
            "/wire/raid",
            "Two men were killed in an overnight operation, officials said.",
        )
        + item(
            "w-2",
            "Bread prices rise again in Damascus",
            "/wire/bread",
            "The ministry raised the price of subsidised bread.",
        )
        + item(
            "w-3",
            "Late raid wins the cup for the home side",
            "/wire/football",
            "A last-minute goal settled the final.",
        )
        + "</channel></rss>"
    )


def atom(base: str) -> str:
    def entry(eid: str, title: str, path: str, summary: str) -> str:
        return (
            f"<entry><id>{eid}</id><title>{title}</title><link rel='alternate' "
            f"href='{base}{path}'/><updated>{{now}}</updated><summary>{summary}</summary></entry>"
        )

    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Regional</title><id>urn:regional</id><updated>{now}</updated>"
        + entry(
            "urn:r-1",
            "Group announces new chief",
            "/regional/successor",
            "An audio message named a successor.",
        )
        + entry(
            "urn:r-2",
            "Earthquake damages buildings in Aleppo",
            "/regional/quake",
            "No deaths were reported.",
        )
        + "</feed>"
    )


@dataclass
class Site:
    http: LoopbackServer
    smtp: SmtpServer
    config: Path
    db: Path


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    from datetime import UTC, datetime
    from email.utils import format_datetime

    now = datetime.now(UTC)
    with LoopbackServer() as http, smtp_server() as smtp:
        base = http.base_url
        http.route(
            "/rss.xml",
            rss(base).replace("{now}", format_datetime(now)),
            content_type="application/rss+xml",
            etag=True,
        )
        http.route(
            "/atom.xml",
            atom(base).replace("{now}", now.strftime("%Y-%m-%dT%H:%M:%SZ")),
            content_type="application/atom+xml",
            last_modified=True,
        )
        for path, title, paras in [
            ("/wire/raid", "Helicopter raid near Turkish border kills two", RAID),
            ("/wire/bread", "Bread prices rise again in Damascus", BREAD),
            ("/wire/football", "Late raid wins the cup", FOOTBALL),
            ("/regional/successor", "Group announces new chief", SUCCESSOR),
            ("/regional/quake", "Earthquake damages buildings in Aleppo", QUAKE),
        ]:
            http.route(path, page(title, paras), content_type="text/html; charset=utf-8")
        http.route("/hook", b"", status=204)
        config = tmp_path / "monitor.toml"
        config.write_text(
            f"""
[storage]
path = "data/monitor.db"
[polling]
timeout = "10s"
workers = 2  # as large configurations: parsing and matching in processes once they are up
[scraping]
allow_private_networks = true
[[feeds]]
name = "Wire RSS"
url = "{base}/rss.xml"
[[feeds]]
name = "Regional Atom"
url = "{base}/atom.xml"
[[alerts.email]]
host = "{smtp.host}"
port = {smtp.port}
security = "none"
sender = "monitor@example.org"
recipients = ["analyst@example.org"]
[[alerts.webhook]]
url = "{base}/hook"
secret_env = "E2E_WEBHOOK_SECRET"
""",
            encoding="utf-8",
        )
        yield Site(http, smtp, config, tmp_path / "data" / "monitor.db")


def monitor(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "E2E_WEBHOOK_SECRET": SECRET}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(site.config), *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )


def test_once_alerts_each_relevant_story_once_per_channel(site: Site) -> None:
    first = monitor(site, "once")
    assert first.returncode == 0, first.stderr

    hooks = [r for r in site.http.requests_for("/hook") if r.method == "POST"]
    mails = site.smtp.recorder.messages
    titles = sorted(json.loads(h.body)["title"] for h in hooks)
    assert titles == ["Group announces new chief", "Helicopter raid near Turkish border kills two"]
    assert len(mails) == 2
    assert sorted(str(m["Subject"]) for m in mails) == sorted(f"[monitor] {t}" for t in titles)

    verifier = Webhook(SECRET)
    for hook in hooks:
        payload = verifier.verify(hook.body, dict(hook.headers))
        assert payload["type"] == "event.matched"
        assert set(payload) >= {
            "type",
            "id",
            "title",
            "url",
            "source",
            "published",
            "rules",
            "snippet",
            "score",
        }
        assert payload["rules"] and payload["snippet"] and payload["score"] > 0
        assert "utm_source" not in payload["url"]
        assert payload["source"] in ("Wire RSS", "Regional Atom")
    raid = next(json.loads(h.body) for h in hooks if "Helicopter" in json.loads(h.body)["title"])
    assert raid["source"] == "Wire RSS"
    assert "Islamic State" in raid["snippet"] or "ISIS" in raid["snippet"]

    # the CLI shows the same events
    events = [json.loads(line) for line in monitor(site, "events", "--json").stdout.splitlines()]
    assert sorted(e["id"] for e in events) == sorted(json.loads(h.body)["id"] for h in hooks)
    feeds = [json.loads(line) for line in monitor(site, "feeds", "--json").stdout.splitlines()]
    assert {f["name"]: f["last_status"] for f in feeds} == {"Wire RSS": 200, "Regional Atom": 200}
    assert all(f["consecutive_failures"] == 0 and f["items_seen"] for f in feeds)

    # a second run over unchanged feeds sends nothing and downloads nothing
    second = monitor(site, "once")
    assert second.returncode == 0, second.stderr
    assert len([r for r in site.http.requests_for("/hook") if r.method == "POST"]) == 2
    assert len(site.smtp.recorder.messages) == 2
    rss_again = site.http.requests_for("/rss.xml")[-1]
    atom_again = site.http.requests_for("/atom.xml")[-1]
    assert rss_again.headers.get("if-none-match")
    assert atom_again.headers.get("if-modified-since")
    assert site.http.hits("/wire/raid") == 1
    assert "new events=0" in second.stderr


def test_once_survives_a_dead_feed_and_records_it(site: Site) -> None:
    text = site.config.read_text()
    dead = '[[feeds]]\nname = "Dead"\nurl = "http://127.0.0.1:9/feed.xml"\n'
    site.config.write_text(text.replace("[[alerts.email]]", dead + "[[alerts.email]]"))
    result = monitor(site, "once")
    assert result.returncode == 0, result.stderr
    assert "feed Dead failed" in result.stderr
    assert len(site.smtp.recorder.messages) == 2
    feeds = {
        f["name"]: f for f in map(json.loads, monitor(site, "feeds", "--json").stdout.splitlines())
    }
    assert feeds["Dead"]["consecutive_failures"] == 1
    assert feeds["Dead"]["error_kind"] == "connect"
    assert feeds["Dead"]["last_error"]
