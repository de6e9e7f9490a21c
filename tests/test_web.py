"""The web view as its users meet it: a real server on 127.0.0.1 over a real SQLite file.

Feed readers get Atom and JSON Feed, maps get GeoJSON, people get the page (its browser test
is test_web_browser.py). Everything an event carries came from a feed, so hostile titles,
snippets, source names and URLs are stored here and must come out as inert text.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser
import httpx
import lxml.html
import pytest
from lxml import etree

from monitor.cli import main
from monitor.errors import RequestError
from monitor.models import Person
from monitor.store import Store
from monitor.web import fts_query, parse_query, web_url
from monitor.webserver import WebView
from tests.support.events import ATMEH, NOW, NOWHERE, RAQQA, Ev, Report, store_events
from tests.support.server import LoopbackServer

TOKEN = "tok-9c1f0e7a4b2d-never-in-a-page-url"
HOSTILE_TITLE = (
    "<script>window.__pwned=1</script><img src=x onerror=alert(1)> ]]> &amp; "
    "\x00\x07\x1b[31mred\u202egnp.exe \u2028next line"
)
HUGE = "Islamic State " * 20_000
ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD_KEYS = {
    "type",
    "id",
    "title",
    "url",
    "source",
    "published",
    "rules",
    "snippet",
    "score",
    "kind",
    "what",
    "who",
    "where",
    "when",
    "sources",
}

EVENTS = [
    Ev(
        "ev_raid",
        "Raid in Atmeh kills Islamic State official",
        rules=("isis-raid", "isis-leader-killed"),
        age=timedelta(hours=1),
        who=(Person("Abu Hafs al-Qurashi", "leader", "abu hafs qurashi"),),
        where=ATMEH,
        when=date(2026, 11, 23),
        sources=(
            Report("Example Wire", "https://wire.example.org/raid", "Raid in Atmeh"),
            Report("Levant Daily", "https://levant.example.net/ar/1", "غارة في أطمة", "ar"),
            Report("Gazette", "http://gazette.example.com/raid?id=1", "US raid in Idlib"),
        ),
    ),
    Ev(
        "ev_hostile",
        HOSTILE_TITLE,
        url="javascript:alert(document.cookie)",
        age=timedelta(hours=2),
        where=NOWHERE,
        snippet="</blockquote><script>window.__pwned=2</script>\x0bline two",
        sources=(
            Report("<b>Evil</b> Feed", "javascript:alert(2)", "<iframe src=//evil>"),
            Report("Plain Feed", "data:text/html,<script>alert(3)</script>", "data link"),
        ),
    ),
    Ev(
        "ev_strike",
        "Air strike near Raqqa hits Islamic State cell",
        age=timedelta(hours=3),
        what="operation",
        where=RAQQA,
    ),
    Ev(
        "ev_opinion",
        "Analysis: what the Atmeh raid means",
        kind="opinion",
        age=timedelta(minutes=30),
        where=ATMEH,
    ),
    Ev("ev_huge", HUGE, age=timedelta(hours=4), what=None),
    Ev("ev_old", "Islamic State commander captured", what="captured", age=timedelta(days=10)),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "monitor.db"
    store_events(path, EVENTS)
    return path


@dataclass(frozen=True)
class Site:
    base: str
    client: httpx.AsyncClient

    async def get(self, path: str, **kwargs: object) -> httpx.Response:
        return await self.client.get(self.base + path, **kwargs)  # type: ignore[arg-type]


async def _site(db: Path, token: str | None) -> AsyncIterator[Site]:
    view = WebView(db, token)
    where = await view.start("127.0.0.1:0")
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            yield Site(f"http://127.0.0.1:{where.port}", client)
    finally:
        await view.close()


@pytest.fixture
async def site(db: Path) -> AsyncIterator[Site]:
    async for s in _site(db, None):
        yield s


@pytest.fixture
async def private_site(db: Path) -> AsyncIterator[Site]:
    async for s in _site(db, TOKEN):
        yield s


def page_articles(html: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(html).xpath("//article[@class='event']")


def titles(html: str) -> list[str]:
    return [a.xpath("string(.//h2)").strip() for a in page_articles(html)]


# --- the page -------------------------------------------------------------------------------


async def test_page_lists_reports_newest_first_with_what_who_where_when_and_sources(
    site: Site,
) -> None:
    r = await site.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    shown = titles(r.text)
    # commentary is left out; newest first by first seen
    assert shown[0] == "Raid in Atmeh kills Islamic State official"
    assert shown[2] == "Air strike near Raqqa hits Islamic State cell"
    assert shown[-1] == "Islamic State commander captured"
    assert not any("Analysis" in t for t in shown)

    raid = page_articles(r.text)[0]
    assert raid.xpath("string(.//h2//a/@href)") == "https://news.example.org/ev_raid"
    facts = {dt.text_content(): dt.getnext().text_content() for dt in raid.xpath(".//dl/dt")}
    assert facts["What"] == "killed"
    assert facts["Who"] == "Abu Hafs al-Qurashi (leader)"
    assert facts["Where"].startswith("Atmeh, Syria")
    assert facts["When"].startswith("2026-11-23")
    assert facts["Rules"].split() == ["isis-raid", "isis-leader-killed"]
    assert raid.xpath("string(.//blockquote)") == EVENTS[0].snippet
    assert "3 sources" in raid.text_content()
    sources = raid.xpath(".//ol[@class='sources']/li")
    assert [li.xpath("string(a)") for li in sources] == ["Example Wire", "Levant Daily", "Gazette"]
    assert sources[1].xpath("string(span[@dir='auto'])") == "غارة في أطمة"
    assert sources[2].xpath("string(a/@href)") == "http://gazette.example.com/raid?id=1"
    # each rule is a link to the page filtered by it
    assert raid.xpath(".//a[@class='rule']/@href") == [
        "./?rule=isis-raid",
        "./?rule=isis-leader-killed",
    ]


async def test_commentary_only_with_all(site: Site) -> None:
    first = page_articles((await site.get("/?all=1")).text)[0]
    assert first.xpath("string(.//h2/span[@dir='auto'])") == "Analysis: what the Atmeh raid means"
    assert first.xpath("string(.//h2/span[@class='kind'])") == "opinion"
    feed = (await site.get("/events.json?all=1")).json()
    assert feed["items"][0]["_monitor"]["kind"] == "opinion"
    assert "ev_opinion" not in {i["id"] for i in (await site.get("/events.json")).json()["items"]}


async def test_rule_filter_applies_to_every_route(site: Site) -> None:
    page = (await site.get("/?rule=isis-leader-killed")).text
    assert titles(page) == ["Raid in Atmeh kills Islamic State official"]
    assert 'value="isis-leader-killed" selected' in page
    # the feed links of the page keep the filter
    assert 'href="events.atom?rule=isis-leader-killed"' in page

    atom = feedparser.parse((await site.get("/events.atom?rule=isis-leader-killed")).content)
    assert [e.title for e in atom.entries] == ["Raid in Atmeh kills Islamic State official"]
    assert "isis-leader-killed" in atom.feed.title
    items = (await site.get("/events.json?rule=isis-leader-killed")).json()["items"]
    assert [i["id"] for i in items] == ["ev_raid"]
    geo = (await site.get("/events.geojson?rule=isis-leader-killed")).json()
    assert [f["id"] for f in geo["features"]] == ["ev_raid"]

    # a rule nobody matched: an empty view, not an error
    page = (await site.get("/?rule=no-such-rule")).text
    assert titles(page) == [] and "No events matched by no-such-rule" in page
    assert (await site.get("/events.json?rule=no-such-rule")).json()["items"] == []


async def test_limit_and_since_bound_every_view(site: Site) -> None:
    assert len(titles((await site.get("/?limit=2")).text)) == 2
    assert len((await site.get("/events.json?limit=1")).json()["items"]) == 1
    # a duration back from now, or an ISO 8601 time; the 10-day-old event drops out
    since = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for query in (f"since={since}", "since=3650d"):
        ids = [i["id"] for i in (await site.get(f"/events.json?{query}")).json()["items"]]
        assert ("ev_old" in ids) == (query == "since=3650d")
    # too large a limit is cut to the maximum, not refused
    assert (await site.get("/events.json?limit=999999")).status_code == 200
    for bad in ("limit=0", "limit=ten", "since=yesterday", "all=maybe"):
        r = await site.get(f"/events.atom?{bad}")
        assert r.status_code == 400, bad
        assert bad.split("=")[0] in r.text


# --- hostile input --------------------------------------------------------------------------


async def test_hostile_text_comes_out_as_inert_text_everywhere(site: Site) -> None:
    r = await site.get("/")
    doc = lxml.html.fromstring(r.text)
    # nothing from a feed became an element or an attribute
    assert doc.xpath("//script | //img | //iframe | //b") == []
    assert doc.xpath("//@*[starts-with(name(), 'on')]") == []
    hrefs = doc.xpath("//a/@href")
    own = ("./", "events.", "event/", "map", "feeds", "outbox")
    assert all(h.startswith(("https://", "http://", *own)) for h in hrefs), hrefs
    for ch in ("\x00", "\x07", "\x1b", "\u202e", "\u2028", "\x0b"):
        assert ch not in r.text

    hostile = next(a for a in page_articles(r.text) if "window.__pwned=1" in a.text_content())
    title = hostile.xpath("string(.//h2)")
    assert title.startswith("<script>window.__pwned=1</script><img src=x onerror=alert(1)> ]]>")
    assert "&amp;" in title  # shown as written, not decoded into markup
    assert hostile.xpath(".//h2//a") == []  # a javascript: URL is no link
    assert hostile.xpath(".//ol[@class='sources']//a") == []  # nor javascript: or data:
    assert "<b>Evil</b> Feed" in hostile.text_content()
    assert "</blockquote><script>window.__pwned=2</script>" in hostile.xpath(
        "string(.//blockquote)"
    )

    # a 280,000-character title is cut, the page stays small
    huge = next(t for t in titles(r.text) if t.startswith("Islamic State Islamic State"))
    assert len(huge) <= 500
    assert len(r.content) < 100_000

    atom = await site.get("/events.atom")
    tree = etree.fromstring(atom.content)  # well-formed XML despite NUL, ESC and "]]>"
    entry_titles = [t.text for t in tree.iter(f"{ATOM}title")]
    assert any(t and t.startswith("<script>window.__pwned=1</script>") for t in entry_titles)
    assert b"<script>" not in atom.content  # escaped as &lt;script&gt;
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo
    hostile_entry = next(e for e in parsed.entries if "__pwned=1" in e.title)
    assert not any(link.get("rel") == "alternate" for link in hostile_entry.get("links", []))

    for path in ("/events.json?all=1", "/events.geojson"):
        body = (await site.get(path)).content
        assert b"<" not in body and b">" not in body  # \u003c, \u003e: nothing to sniff
        json.loads(body)
    item = next(
        i for i in (await site.get("/events.json")).json()["items"] if i["id"] == "ev_hostile"
    )
    assert "url" not in item  # javascript: is not the item's link...
    assert item["_monitor"]["url"] == "javascript:alert(document.cookie)"  # ...but still data


def test_only_http_and_https_urls_become_links() -> None:
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_url("HTTP://example.org/") == "HTTP://example.org/"
    for url in (
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>",
        "vbscript:msgbox",
        "//evil.example/",
        "http:///nohost",
        "https://exa mple.org/",
        "",
    ):
        assert web_url(url) is None, url


def test_query_parameters_are_checked() -> None:
    q = parse_query({"rule": " isis-raid ", "limit": "5", "since": "12h", "all": "1"}, NOW)
    assert (q.rule, q.limit, q.since, q.all) == ("isis-raid", 5, NOW - timedelta(hours=12), True)
    assert parse_query({"since": "2026-11-01"}, NOW).since == datetime.fromisoformat(
        "2026-11-01T00:00:00+00:00"
    )
    with pytest.raises(RequestError, match="limit"):
        parse_query({"limit": "-1"}, NOW)


async def test_malformed_numbers_and_dates_are_a_400_never_a_500(site: Site) -> None:
    for query in (
        "limit=\u00b2",  # a digit to str.isdigit, not to int()
        "since=99999999999d",  # further back than datetime reaches
        "since=1e400h",
        "since=9999-12-31T23:59:59-12:00",  # after datetime's end in UTC
        "since=0001-01-01T00:00:00%2B01:00",  # before its start
        "from=9999-99-99",
    ):
        r = await site.get("/?" + query)
        assert r.status_code == 400, (query, r.status_code, r.text)
        assert r.text.startswith("400 Bad Request: " + query.split("=")[0]), query
    # a huge number is only capped, even past the 4300 digits int() reads
    r = await site.get("/?limit=99999999999999999999")
    assert r.status_code == 200 and len(titles(r.text)) == len(EVENTS) - 1
    r = await site.get("/?page=" + "9" * 5000)
    assert r.status_code == 200 and "No events" in r.text


# --- feeds ----------------------------------------------------------------------------------


async def test_atom_feed_is_valid_atom(site: Site) -> None:
    r = await site.get("/events.atom")
    assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(r.content)
    assert parsed.version == "atom10" and not parsed.bozo
    assert parsed.feed.id.startswith("urn:uuid:")
    assert parsed.feed.updated_parsed is not None
    assert parsed.feed.author == "monitor"

    tree = etree.fromstring(r.content)
    assert tree.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(tree.findall(f"{ATOM}{name}")) == 1, name
    self_link = tree.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == f"{site.base}/events.atom"
    entries = tree.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = []
    for entry in entries:
        # RFC 4287 4.1.2: exactly one id, title and updated per entry
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        ids.append(entry.findtext(f"{ATOM}id"))
        updated = entry.findtext(f"{ATOM}updated") or ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", updated)
        for link in entry.findall(f"{ATOM}link"):
            assert link.get("href", "").startswith(("http://", "https://"))
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)

    raid = parsed.entries[0]
    assert raid.link == "https://news.example.org/ev_raid"
    assert [t.term for t in raid.tags] == ["isis-raid", "isis-leader-killed"]
    assert raid.summary == EVENTS[0].snippet
    # the content (HTML, escaped inside the XML) lists the sources
    assert "Levant Daily" in raid.content[0].value
    # ids are stable: the same event keeps its id on the next fetch
    again = feedparser.parse((await site.get("/events.atom")).content)
    assert [e.id for e in again.entries] == [e.id for e in parsed.entries]


async def test_json_feed_follows_version_1_1(site: Site) -> None:
    r = await site.get("/events.json")
    assert r.headers["content-type"] == "application/feed+json; charset=utf-8"
    feed = r.json()
    # https://www.jsonfeed.org/version/1.1/: version, title and items are required
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and isinstance(feed["items"], list)
    assert feed["feed_url"] == f"{site.base}/events.json"
    assert feed["home_page_url"] == f"{site.base}/"
    assert all(isinstance(a["name"], str) for a in feed["authors"])
    for item in feed["items"]:
        # each item: a string id, and content_html or content_text
        assert isinstance(item["id"], str)
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        for key in ("date_published", "date_modified"):
            if key in item:
                datetime.fromisoformat(item[key].replace("Z", "+00:00"))
        assert item["_monitor"].keys() >= PAYLOAD_KEYS
    raid = feed["items"][0]
    assert raid["id"] == "ev_raid"
    assert raid["url"] == "https://news.example.org/ev_raid"
    assert raid["tags"] == ["isis-raid", "isis-leader-killed"]
    assert "Who: Abu Hafs al-Qurashi (leader)" in raid["content_text"]
    assert len(raid["_monitor"]["sources"]) == 3


async def test_geojson_has_the_events_with_coordinates(site: Site) -> None:
    r = await site.get("/events.geojson?all=1")
    assert r.headers["content-type"] == "application/geo+json; charset=utf-8"
    geo = r.json()
    assert geo["type"] == "FeatureCollection"
    # Atmeh twice (report, commentary) and Raqqa; the unresolved place and no place are left out
    assert [f["id"] for f in geo["features"]] == ["ev_opinion", "ev_raid", "ev_strike"]
    for f in geo["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]  # GeoJSON order: longitude first
        assert (lat, lon) == (f["properties"]["where"]["lat"], f["properties"]["where"]["lon"])
        assert f["properties"].keys() >= PAYLOAD_KEYS
    raid = geo["features"][1]
    assert raid["geometry"]["coordinates"] == [ATMEH.lon, ATMEH.lat]
    assert raid["properties"]["where"]["name"] == "Atmeh"


# --- headers and the token ------------------------------------------------------------------


async def test_every_answer_carries_strict_security_headers(site: Site) -> None:
    for path in ("/", "/events.atom", "/events.json", "/events.geojson", "/nope", "/?limit=x"):
        r = await site.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp, path
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    r = await site.client.post(site.base + "/", content=b"x")
    assert r.status_code == 405
    css = await site.get("/style.css")
    assert css.headers["content-type"].startswith("text/css") and ".event" in css.text


async def test_without_a_token_only_loopback_host_names_are_answered(site: Site, db: Path) -> None:
    # DNS rebinding: a page of evil.example whose name then resolves to 127.0.0.1 is the same
    # origin as the view to the browser, so it could read every page and take the Redeliver
    # form's CSRF token from the outbox; the one thing it cannot change is the Host it sends
    store = Store(db)
    try:
        queue_alert(store, "dlv-rebind", "failed", "HTTP 500")
    finally:
        store.close()
    port = site.base.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
        for path in ("/", "/outbox", "/events.json", "/event/ev_raid"):
            r = await site.get(path, headers={"Host": host})
            assert r.status_code == 403, (host, path, r.status_code)
            assert "ev_raid" not in r.text and "dlv-rebind" not in r.text
            assert "token_env" in r.text  # what to do instead
        r = await site.client.post(
            site.base + "/redeliver", data={"id": "dlv-rebind"}, headers={"Host": host}
        )
        assert r.status_code == 403
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        r = await site.get("/outbox", headers={"Host": host})
        assert r.status_code == 200 and "dlv-rebind" in r.text, host


async def test_an_unexpected_error_is_a_500_logged_on_one_line(
    site: Site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: Store, event_id: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "event", broken)
    # the path is the requester's: a decoded %0A in it must not forge a second log line
    r = await site.get("/event/x%0A2026-11-30 ERROR monitor: forged%0D?token=secret")
    assert r.status_code == 500 and r.text == "500 Internal Server Error\n"
    [record] = [r for r in caplog.records if "web view" in r.getMessage()]
    message = record.getMessage()
    assert "disk on fire" in message and "forged" in message
    assert "\n" not in message and "\r" not in message and "secret" not in message


async def test_token_is_required_and_checked(private_site: Site) -> None:
    site = private_site
    for path in ("/", "/events.atom", "/events.json", "/events.geojson", "/missing"):
        r = await site.get(path)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "ev_raid" not in r.text
        assert (await site.get(path + "?token=" + TOKEN[:-1] + "x")).status_code == 401
        bad = {"Authorization": "Bearer " + TOKEN + "x"}
        assert (await site.get(path, headers=bad)).status_code == 401

    good = {"Authorization": f"Bearer {TOKEN}"}
    r = await site.get("/events.json", headers=good)
    assert r.status_code == 200 and r.json()["items"][0]["id"] == "ev_raid"
    # nothing behind a token may be kept by a cache
    assert r.headers["cache-control"] == "no-store"
    # feed readers that cannot send headers use ?token=; feed links never repeat it
    r = await site.get(f"/events.atom?token={TOKEN}&rule=isis-raid")
    assert r.status_code == 200
    assert TOKEN not in r.text
    assert f'href="{site.base}/events.atom?rule=isis-raid"' in r.text
    # the page keeps ?token= in its own links and form, so a person can click around
    page = (await site.get(f"/?token={TOKEN}")).text
    assert f'href="./?token={TOKEN}&amp;rule=isis-raid"' in page
    assert f'<input type="hidden" name="token" value="{TOKEN}">' in page
    # the stylesheet holds no secret: the browser loads it without the token
    assert (await site.get("/style.css")).status_code == 200


# --- config, `monitor serve` and the daemon -------------------------------------------------


def write_config(tmp_path: Path, web: str, feed: str = "http://127.0.0.1:9/feed.xml") -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(
        '[storage]\npath = "monitor.db"\n[scraping]\nenabled = false\n[polling]\n'
        f'interval = "1s"\n[[feeds]]\nname = "Wire"\nurl = "{feed}"\n{web}',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("web", "key", "problem"),
    [
        ('[web]\nlisten = "0.0.0.0:8080"\n', "web.token_env", "required when listen is not a loop"),
        ('[web]\nlisten = "[::]:8080"\n', "web.token_env", "required"),
        ('[web]\nlisten = "monitor.example.org:80"\n', "web.token_env", "required"),
        ('[web]\nlisten = "8080"\n', "web.listen", "expected HOST:PORT"),
        ('[web]\nlisten = "127.0.0.1:99999"\n', "web.listen", "expected HOST:PORT"),
        ('[web]\nlisten = "127.0.0.1:8080"\ntoken_env = "not a name"\n', "web.token_env", "name"),
        ('[web]\nlisten = "127.0.0.1:8080"\ntoken = "secret"\n', "web.token", "unknown key"),
        ('[web]\ntiles = "ftp://t.example.org/{z}/{x}/{y}.png"\n', "web.tiles", "http(s) URL"),
        ('[web]\ntiles = "https://t.example.org/{z}/{x}.png"\n', "web.tiles", "{y}"),
        ('[web]\ntiles = "https://t.example.org;script-src *\'/{z}/{x}/{y}"\n', "web.tiles", "URL"),
        ('[web]\ntiles_attribution = ""\n', "web.tiles_attribution", "must not be empty"),
    ],
)
def test_bad_web_config_is_exit_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], web: str, key: str, problem: str
) -> None:
    path = write_config(tmp_path, web)
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and key in err and problem in err


@pytest.mark.parametrize(
    "web",
    [
        '[web]\nlisten = "127.0.0.1:8080"\n',
        '[web]\nlisten = "localhost:8080"\n',
        '[web]\nlisten = "[::1]:8080"\n',
        '[web]\nlisten = "0.0.0.0:8080"\ntoken_env = "MONITOR_WEB_TOKEN"\n',
        '[web]\ntiles = "none"\n',
        '[web]\ntiles = "https://{s}.tile.example.org:8443/osm/{z}/{x}/{y}.png?key=k"\n'
        'tiles_attribution = "© OpenStreetMap"\n',
    ],
)
def test_good_web_config_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], web: str
) -> None:
    path = write_config(tmp_path, web)
    assert main(["--config", str(path), "check"]) == 0
    assert "OK" in capsys.readouterr().out


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    log: Path

    def url(self, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(r"web view (?:of \S+ )?on (http://\S+/)", self.log.read_text())
            if m:
                return m.group(1).replace("0.0.0.0", "127.0.0.1")
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no web view came up:\n{self.log.read_text()}")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=15)


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[object]:
    started: list[Served] = []

    def start(config: Path, *args: str, env: dict[str, str] | None = None) -> Served:
        log = tmp_path / f"monitor-{len(started)}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(config), *args],
                stdout=out,
                stderr=out,
                env={**os.environ, **(env or {})},
            )
        served = Served(proc, log)
        started.append(served)
        return served

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(timeout=10)


def test_monitor_serve_shows_the_database_alone_and_stops_on_sigterm(
    tmp_path: Path, db: Path, launch: object
) -> None:
    config = write_config(tmp_path, '[web]\nlisten = "127.0.0.1:0"\n')
    served = launch(config, "serve")  # type: ignore[operator]
    base = served.url()
    r = httpx.get(base + "events.json", timeout=10)
    assert [i["id"] for i in r.json()["items"]][:2] == ["ev_raid", "ev_hostile"]
    assert served.stop() == 0
    assert "Traceback" not in served.log.read_text()


def test_monitor_serve_off_loopback_needs_the_token(
    tmp_path: Path, db: Path, launch: object
) -> None:
    config = write_config(tmp_path, "")
    refused = launch(config, "serve", "--listen", "0.0.0.0:0")  # type: ignore[operator]
    assert refused.proc.wait(timeout=15) == 2
    err = refused.log.read_text()
    assert "web.token_env" in err and str(config) in err and "Traceback" not in err

    config = write_config(tmp_path, '[web]\ntoken_env = "MONITOR_WEB_TOKEN"\n')
    unset = launch(config, "serve", "--listen", "0.0.0.0:0")  # type: ignore[operator]
    assert unset.proc.wait(timeout=15) == 2
    assert "MONITOR_WEB_TOKEN is not set" in unset.log.read_text()

    served = launch(  # type: ignore[operator]
        config, "serve", "--listen", "0.0.0.0:0", env={"MONITOR_WEB_TOKEN": TOKEN}
    )
    base = served.url()
    assert httpx.get(base + "events.json", timeout=10).status_code == 401
    ok = httpx.get(base + "events.json", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert ok.status_code == 200 and ok.json()["items"]
    assert served.stop() == 0
    assert TOKEN not in served.log.read_text()


RSS = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
    "<link>http://x/</link><description>d</description><item><guid>r-1</guid>"
    "<title>Raid in Atmeh kills Islamic State official</title><link>{base}/story/1</link>"
    "<description>US special operations forces killed a senior Islamic State official in a "
    "helicopter raid in Atmeh, Idlib province, officials said.</description></item>"
    "</channel></rss>"
)


def test_daemon_serves_the_view_beside_its_work(tmp_path: Path, launch: object) -> None:
    with LoopbackServer() as srv:
        srv.route("/feed.xml", RSS.format(base=srv.base_url), content_type="application/rss+xml")
        config = write_config(
            tmp_path, '[web]\nlisten = "127.0.0.1:0"\n', feed=srv.url("/feed.xml")
        )
        daemon = launch(config, "run")  # type: ignore[operator]
        base = daemon.url()
        deadline = time.monotonic() + 20
        items: list[dict[str, object]] = []
        while time.monotonic() < deadline and not items:
            items = httpx.get(base + "events.json", timeout=10).json()["items"]
            time.sleep(0.2)
        assert items and items[0]["title"] == "Raid in Atmeh kills Islamic State official"
        page = httpx.get(base, timeout=10).text
        assert "Raid in Atmeh kills Islamic State official" in titles(page)
        started = time.monotonic()
        assert daemon.stop() == 0
        assert time.monotonic() - started < 10


async def test_pages_and_feeds_are_built_off_the_daemons_event_loop(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `monitor run` serves the view in the daemon's own event loop: building a page or a feed
    # of 1000 events takes a third to half a second of Python (bench DB, 10,000 events), which
    # on the loop would hold up polling and deliveries for as long, at every request
    import threading

    import monitor.webserver

    built_on: dict[str, int] = {}
    for name in ("events_page", "event_page", "map_page", "feeds_page", "outbox_page"):
        monkeypatch.setattr(monitor.webserver, name, _recording(name, built_on))
    for name in ("atom_feed", "json_feed", "geojson", "json_bytes"):
        monkeypatch.setattr(monitor.webserver, name, _recording(name, built_on))
    for path in ("/", "/event/ev_raid", "/map", "/feeds", "/outbox"):
        assert (await site.get(path)).status_code == 200, path
    for path in ("/events.atom", "/events.json", "/events.geojson"):
        assert (await site.get(path)).status_code == 200, path
    assert len(built_on) == 9
    loop_thread = threading.get_ident()
    assert [n for n, thread in built_on.items() if thread == loop_thread] == []


def _recording(name: str, built_on: dict[str, int]) -> object:
    import threading

    import monitor.webserver

    original = getattr(monitor.webserver, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        built_on[name] = threading.get_ident()
        return original(*args, **kwargs)

    return wrapper


async def test_an_event_with_many_sources_stays_a_bounded_card(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    reports = tuple(Report(f"Feed {n}", f"https://f{n}.example.org/a") for n in range(120))
    store_events(db, [Ev("ev_big", "Raid reported everywhere", sources=reports)])
    async for site in _site(db, None):
        [card] = page_articles((await site.get("/")).text)
        assert "120 sources" in card.text_content()
        assert len(card.xpath(".//ol[@class='sources']/li")) == 50
        assert "… and 70 more" in card.text_content()
        [item] = (await site.get("/events.json")).json()["items"]
        assert len(item["_monitor"]["sources"]) == 120  # the data keeps them all


# --- filters, the event page, the map, feeds and the outbox ---------------------------------


async def test_filters_by_kind_place_dates_and_words(site: Site) -> None:
    async def shown(query: str) -> list[str]:
        r = await site.get("/?" + query)
        assert r.status_code == 200, r.text
        return titles(r.text)

    raid, strike, old = EVENTS[0].title, EVENTS[2].title, EVENTS[5].title
    assert await shown("what=captured") == [old]
    assert await shown("place=Raqqa") == [strike]
    # a country: every event whose place lies in it
    assert len(await shown("place=Syria")) == 3
    assert await shown("place=Syria&what=killed&rule=isis-leader-killed") == [raid]
    # the day it happened (the reports' date, else the day it was published)
    assert await shown("from=2026-11-23&to=2026-11-23") == [raid]
    assert old in await shown("to=2026-11-15")
    # words in titles and snippets, FTS5: every word required, a trailing * a prefix
    assert await shown("q=Raqqa+cell") == [strike]
    assert await shown("q=Raqq*") == [strike]
    assert await shown("q=raqqa+atmeh") == []
    # the hostile event's snippet is its own; every other one says this
    everything = await shown("")
    assert await shown("q=senior+official") == [t for t in everything if "pwned" not in t]
    # FTS5's own syntax typed in the box is only words, never an error
    for hostile in ('"', "NEAR(a b", "a OR", "-x ^y", "*", "title:raid", ")"):
        r = await site.get("/", params={"q": hostile})
        assert r.status_code == 200, hostile
    empty = (await site.get("/?q=nothing+like+this")).text
    assert "No events fit these filters." in empty
    # the form shows what was asked
    page = (await site.get("/?what=captured&place=Raqqa&from=2026-11-01&q=cell")).text
    for shown_value in (
        'value="captured" selected',
        'value="Raqqa" selected',
        'value="2026-11-01"',
        'value="cell"',
    ):
        assert shown_value in page
    r = await site.get("/?from=yesterday")
    assert r.status_code == 400 and "from: expected a date" in r.text


async def test_pages_of_older_events(site: Site) -> None:
    everything = titles((await site.get("/")).text)
    first = (await site.get("/?limit=2")).text
    assert titles(first) == everything[:2]
    older = lxml.html.fromstring(first).xpath("string(//a[@rel='next']/@href)")
    assert older == "./?limit=2&page=2"
    second = (await site.get("/" + older[2:])).text
    assert titles(second) == everything[2:4]
    assert lxml.html.fromstring(second).xpath("string(//a[@rel='prev']/@href)") == "./?limit=2"
    # the last page offers no "older" leading to an empty page, even when it is full
    for query in (f"limit={len(everything)}", f"limit=2&page={(len(everything) + 1) // 2}"):
        last = (await site.get("/?" + query)).text
        assert titles(last) and titles(last)[-1] == everything[-1], query
        assert lxml.html.fromstring(last).xpath("//a[@rel='next']") == [], query
    # and a page past the oldest says so, not that nothing is stored
    past = (await site.get("/?page=9")).text
    assert titles(past) == [] and "No events yet." not in past and "past the oldest" in past


async def test_feeds_answer_304_while_unchanged_and_atom_updates_when_a_source_joins(
    site: Site, db: Path
) -> None:
    paths = ("/events.atom?rule=isis-raid", "/events.json?rule=isis-raid", "/events.geojson")
    tags = {}
    for path in paths:
        r = await site.get(path)
        tags[path] = r.headers["etag"]
        again = await site.get(path, headers={"If-None-Match": tags[path]})
        assert again.status_code == 304 and again.content == b"", path
        assert again.headers["etag"] == tags[path]
        other = await site.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.content == r.content
    before = feedparser.parse((await site.get(paths[0])).content).entries[0]
    assert before.id and before.title == EVENTS[0].title

    # a fourth outlet reports the raid: the event changes, and so do the feeds
    store = Store(db)
    try:
        event = store.event("ev_raid")
        assert event is not None
        later = event.updated_at + timedelta(hours=2)
        store.add_source("ev_raid", "Fourth Outlet", "https://fourth.example.com/r", later)
        store.save_event(replace(event, updated_at=later))
    finally:
        store.close()
    for path in paths:
        r = await site.get(path, headers={"If-None-Match": tags[path]})
        assert r.status_code == 200 and r.headers["etag"] != tags[path], path
    after = feedparser.parse((await site.get(paths[0])).content).entries[0]
    assert after.id == before.id
    assert after.updated_parsed > before.updated_parsed
    assert "Fourth Outlet" in after.content[0].value


async def test_an_empty_feed_answers_304_too(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # a subscription to a rule that rarely matches is empty most of the time: its reader's
    # conditional GET must hold from one poll to the next, a second (or an hour) later
    import monitor.webserver

    class Later(datetime):
        @classmethod
        def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
            return datetime.now(UTC) + timedelta(hours=1)

    for path in ("/events.atom?rule=rarely", "/events.json?rule=rarely", "/events.geojson?q=zzz"):
        r = await site.get(path)
        assert r.status_code == 200
        monkeypatch.setattr(monitor.webserver, "datetime", Later)
        again = await site.get(path, headers={"If-None-Match": r.headers["etag"]})
        monkeypatch.undo()
        assert again.status_code == 304, path
    feed = feedparser.parse((await site.get("/events.atom?rule=rarely")).content)
    assert not feed.bozo and feed.entries == [] and feed.feed.updated_parsed


def queue_alert(
    store: Store, delivery_id: str, state: str, error: str, *, at: datetime = NOW
) -> None:
    """An alert of ev_raid to the ops-hook webhook, left `state` (pending, sent, failed)."""
    store.enqueue(
        delivery_id=delivery_id,
        event_id="ev_raid",
        channel="ops-hook",
        kind="webhook",
        type="event.matched",
        payload="{}",
        at=at,
        expires_at=at + timedelta(days=1),
    )
    if state == "sent":
        store.mark_sent(delivery_id, at)
    elif state == "failed":
        store.mark_failed(delivery_id, error)


async def test_event_page_shows_frames_reports_reasons_and_deliveries(site: Site, db: Path) -> None:
    store = Store(db)
    try:
        store.add_source(
            "ev_raid",
            "Wire Two",
            "https://two.example.org/raid",
            NOW,
            title="Second report",
            lang="fr",
            decision={
                "reason": "same place and people",
                "matched": [
                    {"rule": "isis-raid", "fields": ["body"], "snippet": "<b>Raid</b> in Atmeh."}
                ],
            },
        )
        queue_alert(store, "msg_raid_hook", "failed", "HTTP 500 <from> the receiver")
    finally:
        store.close()
    r = await site.get("/event/ev_raid")
    assert r.status_code == 200
    doc = lxml.html.fromstring(r.text)
    assert doc.xpath("string(//h1)") == EVENTS[0].title
    facts = {dt.text_content(): dt.getnext().text_content() for dt in doc.xpath("//main/dl/dt")}
    assert facts["What"] == "killed" and facts["Where"].startswith("Atmeh, Syria")
    assert facts["Who"] == "Abu Hafs al-Qurashi (leader)"
    reports = doc.xpath("//article[contains(@class, 'report')]")
    assert len(reports) == 4
    outlets = [a.xpath("string(.//dt[.='Outlet']/following-sibling::dd[1])") for a in reports]
    assert outlets == ["Example Wire", "Levant Daily", "Gazette", "Wire Two"]
    langs = [a.xpath("string(.//dt[.='Language']/following-sibling::dd[1])") for a in reports]
    assert langs == ["en", "ar", "en", "fr"]
    assert reports[3].xpath("string(.//h3//a/@href)") == "https://two.example.org/raid"
    # why the rule matched it: the sentence, as text
    why = reports[3].xpath(".//ul[@class='why']/li")[0]
    assert why.text_content() == "isis-raid in the body: <b>Raid</b> in Atmeh."
    assert "joined: same place and people" in reports[3].text_content()
    # the channel's delivery, failed, with its button
    delivery = doc.xpath("//article[contains(@class, 'delivery')]")[0]
    assert "ops-hook (webhook)" in delivery.text_content()
    assert "HTTP 500 <from> the receiver" in delivery.text_content()
    assert delivery.xpath("string(.//form/@action)") == "../redeliver"
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["../style.css"]

    hostile = (await site.get("/event/ev_hostile")).text
    doc = lxml.html.fromstring(hostile)
    assert doc.xpath("//script | //img | //iframe | //b") == []
    assert doc.xpath("//a[starts-with(@href, 'javascript') or starts-with(@href, 'data')]") == []
    assert (await site.get("/event/no-such-event")).status_code == 404


async def test_redeliver_button_needs_its_csrf_token_and_queues_again(site: Site, db: Path) -> None:
    store = Store(db)
    try:
        for n, state in enumerate(("sent", "failed", "pending")):
            queue_alert(store, f"msg_{state}", state, "gave up", at=NOW + timedelta(minutes=n))
    finally:
        store.close()
    page = lxml.html.fromstring((await site.get("/outbox")).text)
    cards = page.xpath("//article[contains(@class, 'delivery')]")
    # failed first, then waiting, then sent; only the failed and sent ones have a button
    assert [c.xpath("string(.//input[@name='id']/@value)") for c in cards] == [
        "msg_failed",
        "",
        "msg_sent",
    ]
    form = {i.get("name"): i.get("value") for i in cards[0].xpath(".//form//input")}
    assert cards[0].xpath("string(.//form/@method)") == "post"

    url = site.base + "/redeliver"
    for bad in (
        {**form, "csrf": ""},
        {**form, "csrf": "0" * 64},
        {**form, "id": "msg_sent"},  # one delivery's token never redelivers another
        {**form, "csrf": "é" * 64},  # not ASCII: hmac.compare_digest() refuses such str
        {**form, "csrf": form["csrf"] + "\u00e9"},
    ):
        r = await site.client.post(url, data=bad)
        assert r.status_code == 403 and "reload" in r.text, bad
    assert (await site.get("/redeliver")).status_code == 405
    r = await site.client.post(url, data=form)
    assert r.status_code == 303 and r.headers["location"] == "outbox?requeued=msg_failed"
    store = Store(db)
    try:
        d = store.delivery("msg_failed")
        assert d is not None and d.state == "pending" and d.last_error is None
        assert d.expires_at > datetime.now(UTC) + timedelta(days=2)  # the default window
    finally:
        store.close()
    shown = (await site.get("/outbox?requeued=msg_failed")).text
    assert "msg_failed queued again" in shown
    # a second click (or the form sent again from a page left open) while the daemon is
    # sending it: the sender's claim stands (it is not put back in the queue under it)
    store = Store(db)
    try:
        assert store.mark_sending("msg_failed")
    finally:
        store.close()
    r = await site.client.post(url, data=form)
    assert r.status_code == 303 and r.headers["location"] == "outbox?requeued=msg_failed"
    store = Store(db)
    try:
        d = store.delivery("msg_failed")
        assert d is not None and d.state == "sending" and d.attempts == 1
        store.mark_sent("msg_failed", NOW)
    finally:
        store.close()
    # from an event's page, back to it
    r = await site.client.post(url, data={**form, "back": "event"})
    assert r.status_code == 303 and r.headers["location"] == "event/ev_raid?requeued=msg_failed"


async def test_redeliver_behind_a_token_needs_it_too(private_site: Site) -> None:
    r = await private_site.client.post(private_site.base + "/redeliver", data={"id": "x"})
    assert r.status_code == 401
    page = (await private_site.get(f"/outbox?token={TOKEN}")).text
    assert "No alerts queued yet." in page


async def test_the_map_page_lists_located_events_and_serves_leaflet_itself(
    site: Site, private_site: Site
) -> None:
    r = await site.get("/map?all=1")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in csp
    doc = lxml.html.fromstring(r.text)
    assert doc.xpath("//script/@src") == ["static/leaflet/leaflet.js", "static/map.js"]
    assert doc.xpath("//script[not(@src)]") == []
    box = doc.xpath("//div[@id='map']")[0]
    assert box.get("data-tiles") == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    features = (await site.get("/events.geojson?all=1")).json()["features"]
    points = [(li.get("data-lat"), li.get("data-lon")) for li in doc.xpath("//ol/li")]
    assert len(points) == len(features) == 3
    assert points[1] == (f"{ATMEH.lat:.5f}", f"{ATMEH.lon:.5f}")
    # Leaflet and the map's script come from the package, with no token (they hold no secret)
    for path, kind in (
        ("/static/leaflet/leaflet.js", "text/javascript"),
        ("/static/leaflet/leaflet.css", "text/css"),
        ("/static/leaflet/images/marker-icon.png", "image/png"),
        ("/static/map.js", "text/javascript"),
    ):
        r = await private_site.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith(kind), path
    assert "L.marker" in (await private_site.get("/static/map.js")).text
    for path in ("/static/../store.py", "/static/leaflet/LICENSE", "/static/nope.js"):
        assert (await site.get(path)).status_code == 404, path
    assert (await private_site.get("/map")).status_code == 401


async def test_feeds_page_lists_failing_feeds_first(site: Site, db: Path) -> None:
    store = Store(db)
    try:
        store.sync_feeds(
            [("Alpha", "https://a.example.org/rss"), ("<i>Broken</i>", "javascript:x")]
        )
        store.update_feed("Alpha", last_status=200, items_seen=12, last_fetch_at=NOW)
        store.update_feed(
            "<i>Broken</i>",
            last_status=503,
            consecutive_failures=3,
            last_error="HTTP 503 <script>x</script>",
            last_error_kind="http",
        )
    finally:
        store.close()
    doc = lxml.html.fromstring((await site.get("/feeds")).text)
    cards = doc.xpath("//article[contains(@class, 'feed')]")
    assert [c.xpath("string(h2)") for c in cards] == ["<i>Broken</i>", "Alpha"]
    assert "failing, 3 failures in a row" in cards[0].text_content()
    assert "http: HTTP 503 <script>x</script>" in cards[0].text_content()
    assert doc.xpath("//script | //i") == []
    assert cards[0].xpath(".//a") == []  # a javascript: URL is no link
    assert cards[1].xpath("string(.//a/@href)") == "https://a.example.org/rss"


def test_search_words_become_a_safe_fts5_query() -> None:
    assert fts_query('raid "Atmeh" OR NEAR(x) -y*') == '"raid" "Atmeh" "OR" "NEAR" "x" "y"*'
    assert fts_query("***") is None
    assert fts_query("أطمة raid") == '"أطمة" "raid"'
