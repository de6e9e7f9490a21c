"""One story, one event: syndicated copies, AMP URLs, updates, and freshness of items."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.pipeline import run_once
from tests.support.server import LoopbackServer, Request, Route

RULES = """
[groups]
isis = ["ISIS", "Islamic State", "Daesh"]
[[rules]]
name = "isis-raid"
query = "@isis NEAR/30 (raid OR strike)"
[[rules]]
name = "isis-capture"
query = "@isis NEAR/30 (captured OR detained)"
"""

WIRE = (
    "US special operations forces carried out a raid before dawn on Tuesday in the town of "
    "Atmeh in Idlib province, killing a senior Islamic State official known as Abu Yasser "
    "al-Iraqi, two US officials said. The official was responsible for the group's finances "
    "in northern Syria and had been tracked for several months, according to the officials. "
    "Residents said helicopters circled the house for about an hour before the assault began. "
    "A woman and two children were led out of the building unharmed before the shooting, one "
    "witness said. The Pentagon declined to comment on the identity of the man killed. "
    "Syria's interior ministry said it had been informed of the operation in advance."
)
OTHER_RAID = (
    "US special operations forces carried out a raid before dawn on Tuesday in the town of "
    "Atmeh in Idlib province, killing an Islamic State courier known as Abu Bakr al-Shami, "
    "a monitoring group said. The courier moved messages between cells in the Badia desert "
    "and was arrested once before in 2021, according to local sources. Neighbours said a "
    "drone was heard for two nights before the raid, which lasted less than twenty minutes. "
    "Two other men were detained at a checkpoint outside the town later that morning. "
    "A US military spokesman said he could not comment on ongoing operations."
)


def rss(items: list[tuple[str, str, str, str, datetime | None]]) -> str:
    out = []
    for guid, title, link, text, date in items:
        pub = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
        out.append(
            f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>"
            f"<link>{link}</link><description>{text}</description>{pub}</item>"
        )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        "<link>http://x/</link><description>d</description>" + "".join(out) + "</channel></rss>"
    )


class Site:
    def __init__(self, srv: LoopbackServer, tmp: Path) -> None:
        self.srv = srv
        self.tmp = tmp
        self.hooks: list[Request] = []
        srv.route("/hook", handler=self._hook)
        (tmp / "rules.toml").write_text(RULES)

    def _hook(self, request: Request) -> Route:
        self.hooks.append(request)
        return Route(status=200)

    def feeds(self, feeds: dict[str, list[tuple[str, str, str, str, datetime | None]]]) -> None:
        for name, items in feeds.items():
            self.srv.route(f"/{name}.xml", rss(items), content_type="application/rss+xml")
        text = (
            '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
            '[matching]\nrules = ["rules.toml"]\n[alerts]\nmax_age = "2d"\n'
            f'[[alerts.webhook]]\nurl = "{self.srv.base_url}/hook"\n'
        )
        for name in feeds:
            text += f'[[feeds]]\nname = "{name}"\nurl = "{self.srv.base_url}/{name}.xml"\n'
        (self.tmp / "monitor.toml").write_text(text)

    async def once(self) -> None:
        await run_once(load_config(self.tmp / "monitor.toml"))

    def alerts(self) -> list[dict[str, object]]:
        return [json.loads(h.body) for h in self.hooks]

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.tmp / "m.db")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with LoopbackServer() as srv:
        yield Site(srv, tmp_path)


async def test_one_story_through_three_feeds_is_one_event_with_three_sources(site: Site) -> None:
    now = datetime.now(UTC)
    b = site.srv.base_url
    edited = WIRE.replace("two US officials said", "according to two American officials")
    edited = edited.replace(
        " The Pentagon declined", " Reporters were not allowed in. The Pentagon declined"
    )
    site.feeds(
        {
            "wire": [
                (
                    "w1",
                    "US raid kills Islamic State official in Atmeh",
                    f"{b}/world/atmeh-raid",
                    WIRE,
                    now,
                )
            ],
            "outlet": [
                (
                    "o1",
                    "Senior IS finance chief killed in Idlib raid - officials",
                    f"{b}/news/2026/idlib-raid-finance?utm_source=twitter&fbclid=abc",
                    edited,
                    now,
                )
            ],
            "mobile": [
                (
                    "m1",
                    "US raid kills Islamic State official in Atmeh",
                    f"{b}/amp/world/atmeh-raid",
                    WIRE,
                    now,
                )
            ],
        }
    )
    await site.once()
    alerts = site.alerts()
    assert len(alerts) == 1, [a["title"] for a in alerts]
    with site.db() as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        sources = db.execute("SELECT feed, url FROM event_sources").fetchall()
    assert {f for f, _ in sources} == {"wire", "outlet", "mobile"}
    assert all("utm_" not in u and "fbclid" not in u and "/amp/" not in u for _, u in sources)


async def test_two_raids_in_the_same_town_on_the_same_day_stay_two_events(site: Site) -> None:
    now = datetime.now(UTC)
    b = site.srv.base_url
    site.feeds(
        {
            "wire": [
                ("w1", "US raid in Atmeh kills IS official", f"{b}/a", WIRE, now),
                ("w2", "US raid in Atmeh kills IS courier", f"{b}/b", OTHER_RAID, now),
            ]
        }
    )
    await site.once()
    assert len(site.alerts()) == 2
    assert len({a["id"] for a in site.alerts()}) == 2


async def test_updated_article_updates_its_event_and_alerts_only_for_substance(
    site: Site,
) -> None:
    now = datetime.now(UTC)
    b = site.srv.base_url
    site.feeds({"wire": [("w1", "Raid in Atmeh", f"{b}/a", WIRE, now)]})
    await site.once()
    assert [a["type"] for a in site.alerts()] == ["event.matched"]

    # same URL, reworded text, same rules: the event is updated, nobody is alerted
    site.feeds({"wire": [("w1", "Raid in Atmeh", f"{b}/a", WIRE + " Updated at 10:00.", now)]})
    await site.once()
    assert len(site.alerts()) == 1

    # the update now says a rank-and-file member was captured too: a rule that had not
    # matched now does, and the event records it, but the event (an official killed in
    # Atmeh) is what it was: nobody is alerted again
    captured = WIRE + " A second Islamic State member was captured alive during the raid."
    site.feeds({"wire": [("w1", "Raid in Atmeh", f"{b}/a", captured, now)]})
    await site.once()
    assert [a["type"] for a in site.alerts()] == ["event.matched"]
    with site.db() as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert json.loads(db.execute("SELECT rules FROM events").fetchone()[0]) == [
            "isis-raid",
            "isis-capture",
        ]


async def test_old_future_and_undated_items(site: Site) -> None:
    now = datetime.now(UTC)
    b = site.srv.base_url
    site.feeds(
        {
            "wire": [
                ("old", "Old raid", f"{b}/old", WIRE, now - timedelta(days=5)),
                ("future", "Future raid", f"{b}/future", OTHER_RAID, now + timedelta(days=3)),
                (
                    "undated",
                    "Undated strike",
                    f"{b}/undated",
                    "An Islamic State cell was hit by a strike near Raqqa, a monitor said; "
                    "three militants were killed in the air strike on a farm outside the city.",
                    None,
                ),
            ]
        }
    )
    await site.once()
    titles = sorted(str(a["title"]) for a in site.alerts())
    # the 5-day-old item is stored and matched but never alerted
    assert titles == ["Future raid", "Undated strike"]
    with site.db() as db:
        stored = dict(db.execute("SELECT title, published_at FROM events").fetchall())
        assert set(stored) == {"Old raid", "Future raid", "Undated strike"}
        first_seen = dict(db.execute("SELECT title, first_seen_at FROM events").fetchall())
    # a date in the future is clamped to the time first seen; no date counts as first seen
    assert stored["Future raid"] <= first_seen["Future raid"]
    assert stored["Undated strike"] == first_seen["Undated strike"]
    # a second pass alerts nothing more
    await site.once()
    assert len(site.alerts()) == 2


@pytest.mark.parametrize("store_text", [True, False])
async def test_extracted_text_is_stored_or_only_its_hash(tmp_path: Path, store_text: bool) -> None:
    paragraphs = "".join(f"<p>{WIRE}</p>" for _ in range(2))
    with LoopbackServer() as srv:
        b = srv.base_url
        srv.route(
            "/page",
            f"<html><head><title>t</title></head><body><nav>Home Sport</nav><article>"
            f"<h1>Raid</h1>{paragraphs}</article></body></html>",
            content_type="text/html; charset=utf-8",
        )
        srv.route(
            "/feed.xml",
            rss([("w1", "Raid in Atmeh", f"{b}/page", "short", datetime.now(UTC))]),
            content_type="application/rss+xml",
        )
        (tmp_path / "rules.toml").write_text(RULES)
        (tmp_path / "monitor.toml").write_text(
            '[storage]\npath = "m.db"\n[scraping]\nallow_private_networks = true\n'
            f"store_text = {'true' if store_text else 'false'}\n"
            '[matching]\nrules = ["rules.toml"]\n'
            f'[[feeds]]\nname = "wire"\nurl = "{b}/feed.xml"\n'
        )
        await run_once(load_config(tmp_path / "monitor.toml"))
    with sqlite3.connect(tmp_path / "m.db") as db:
        text, digest, length, method, ms, rules = db.execute(
            "SELECT body_text, body_hash, body_length, extract_method, extract_ms, rules FROM items"
        ).fetchone()
    assert (text is not None) is store_text
    if store_text:
        assert "Abu Yasser al-Iraqi" in text and "Sport" not in text
    assert digest and length >= len(WIRE) and method and ms is not None
    # matched on the page's text: the feed's own summary ("short") could not have matched
    assert json.loads(rules) == ["isis-raid"]
