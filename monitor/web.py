"""The web view's documents, built from stored events: the HTML page, Atom, JSON Feed, GeoJSON.

Pure functions, no I/O (the server is webserver.py). Everything an event carries came from a
feed and is hostile: every string passes display_line/display_block (no controls, no bidi
overrides, no XML-invalid characters, bounded length) and is then escaped for where it goes.
Only http(s) URLs ever become links. Atom is built with lxml, which escapes text and
attribute values itself; the HTML is written by hand with html.escape on every value, since
the page is small and a template engine would be one more dependency for three loops.
"""

from __future__ import annotations

import html
import json
import math
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode, urlsplit

from lxml import etree

from monitor import __version__
from monitor.config import parse_duration
from monitor.errors import RequestError
from monitor.models import Place, iso
from monitor.store import EventFilter, EventRow
from monitor.textnorm import display_block, display_line

DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
MAX_PAGE = 10_000
MAX_WORDS = 16  # words of a search, at most
TITLE_LIMIT = 500
SNIPPET_LIMIT = 2000
SOURCES_SHOWN = 50  # per event in the page and feed content (the payload keeps them all)

ATOM_NS = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
# when an empty feed last changed, as far as a reader can tell: never
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
# ids of feeds and entries: urn:uuid of a name in this namespace, so they never change
_ID_NAMESPACE = uuid.UUID("5b1b7c52-4c8e-4d4e-9a55-6d6f6e69746f")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def map_policy(tiles: str | None) -> str:
    """The map page's Content-Security-Policy: scripts from the monitor only, images from it
    and from the tile server (the tile URL's origin, {s} standing for any subdomain)."""
    images = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        host = re.sub(r"\{[a-z]\}", "*", parts.netloc)
        images += f" {parts.scheme}://{host}"
    return (
        f"default-src 'none'; script-src 'self'; style-src 'self'; img-src {images}; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


@dataclass(frozen=True)
class ViewQuery:
    """What a request asks for: ?rule=, ?what=, ?place=, ?from=, ?to=, ?q=, ?since=, ?all=1,
    ?limit=, ?page=."""

    rule: str | None = None
    limit: int = DEFAULT_LIMIT
    since: datetime | None = None
    all: bool = False  # commentary too
    what: str | None = None  # the kind of event
    place: str | None = None  # a place's name or a country
    day_from: date | None = None
    day_to: date | None = None
    text: str | None = None  # words searched in titles and snippets
    page: int = 1

    def params(self, *, page: int | None = None) -> dict[str, str]:
        """The query parameters that ask for this view again (defaults left out)."""
        values = {
            "rule": self.rule,
            "what": self.what,
            "place": self.place,
            "from": self.day_from.isoformat() if self.day_from else None,
            "to": self.day_to.isoformat() if self.day_to else None,
            "q": self.text,
            "since": iso(self.since) if self.since is not None else None,
            "all": "1" if self.all else None,
            "limit": str(self.limit) if self.limit != DEFAULT_LIMIT else None,
        }
        page = self.page if page is None else page
        values["page"] = str(page) if page != 1 else None
        return {k: v for k, v in values.items() if v}

    def filter(self, *, located: bool = False, extra: int = 0) -> EventFilter:
        """The store's filter for this view (`located`: only events with coordinates; `extra`
        more rows than the page shows, to tell whether an older page exists)."""
        return EventFilter(
            rule=self.rule,
            what=self.what,
            place=self.place,
            day_from=self.day_from,
            day_to=self.day_to,
            text=fts_query(self.text) if self.text else None,
            since=self.since,
            located=located,
            commentary=self.all,
            limit=self.limit + extra,
            offset=(self.page - 1) * self.limit,
        )

    @property
    def filtered(self) -> bool:
        """Whether anything narrows the view (an empty page then says so)."""
        return any((self.rule, self.what, self.place, self.day_from, self.day_to, self.text))


def fts_query(text: str) -> str | None:
    """Words typed in the search box as an FTS5 query: each word a quoted string, all of them
    required; a trailing * keeps its prefix meaning. None when no word is left. The quoting
    makes every other FTS5 operator plain text, so no input is a syntax error."""
    words = re.findall(r"\w+\*?", text)[:MAX_WORDS]
    terms = [f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words]
    return " ".join(terms) or None


def _text_param(params: Mapping[str, str], name: str, limit: int = 200) -> str | None:
    value = params.get(name, "").strip() or None
    if value is not None and len(value) > limit:
        raise RequestError(f"{name}: too long")
    return value


def _day_param(params: Mapping[str, str], name: str) -> date | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RequestError(f"{name}: expected a date, YYYY-MM-DD") from None


def _count_param(params: Mapping[str, str], name: str, default: int, top: int) -> int:
    text = params.get(name, "").strip()
    if not text:
        return default
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses
    digits = text.lstrip("0")
    if not (text.isascii() and text.isdigit() and digits):
        raise RequestError(f"{name}: expected a whole number from 1 to {top}")
    # thousands of digits are past what int() reads; any number that long is over the top
    return min(int(digits), top) if len(digits) <= len(str(top)) else top


def parse_query(params: Mapping[str, str], now: datetime) -> ViewQuery:
    """Read the view's query parameters; RequestError names the one that is malformed."""
    since = parse_since(params["since"], now) if params.get("since", "").strip() else None
    flag = params.get("all", "").strip().lower()
    if flag not in ("", "0", "1", "true", "false", "yes", "no", "on", "off"):
        raise RequestError("all: expected 1 or 0")
    text = _text_param(params, "q")
    return ViewQuery(
        rule=_text_param(params, "rule"),
        limit=_count_param(params, "limit", DEFAULT_LIMIT, MAX_LIMIT),
        since=since,
        all=flag in ("1", "true", "yes", "on"),
        what=_text_param(params, "what"),
        place=_text_param(params, "place"),
        day_from=_day_param(params, "from"),
        day_to=_day_param(params, "to"),
        text=text if text and fts_query(text) else None,
        page=_count_param(params, "page", 1, MAX_PAGE),
    )


def parse_since(text: str, now: datetime) -> datetime:
    """ISO 8601 date or date-time (UTC when no offset), or a duration back from now ("12h")."""
    text = text.strip()
    try:
        seconds: float | None = parse_duration(text)
    except ValueError:
        seconds = None
    try:
        if seconds is not None:
            return now - timedelta(seconds=seconds)
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)
    except ValueError:
        raise RequestError(
            "since: expected an ISO 8601 date/time (2026-11-23T21:00:00Z) or a duration (12h, 2d)"
        ) from None
    except OverflowError:  # before year 1 or after 9999, once in UTC
        raise RequestError("since: out of range") from None


# --- plain values, shared by every format ---------------------------------------------------


def web_url(url: str | None) -> str | None:
    """`url` when it may become a link: http or https with a host; never javascript: & co."""
    if not url:
        return None
    url = display_line(url, 4000)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.hostname and " " not in url:
        return url
    return None


def when_text(dt: datetime) -> str:
    """'2026-11-23 21:04 UTC'."""
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def place_text(place: Place | None) -> str:
    if place is None:
        return ""
    parts = [display_line(place.name, 200), display_line(place.country, 200)]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def coordinates(place: Place | None) -> tuple[float, float] | None:
    """(lon, lat) when the place has valid coordinates, else None."""
    if place is None or place.lat is None or place.lon is None:
        return None
    lat, lon = float(place.lat), float(place.lon)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lon, lat


def who_text(e: EventRow) -> str:
    people = []
    for p in e.who:
        name = display_line(p.name, 200)
        role = display_line(p.role or "", 100)
        if name:
            people.append(f"{name} ({role})" if role else name)
    return "; ".join(people)


def title_text(e: EventRow) -> str:
    return display_line(e.title, TITLE_LIMIT) or "(no title)"


def event_text(e: EventRow) -> str:
    """The event as plain text (JSON Feed content_text)."""
    rows = [
        ("What", display_line(e.what or "")),
        ("Who", who_text(e)),
        ("Where", place_text(e.where)),
        ("When", e.when.isoformat() if e.when else ""),
        ("Published", when_text(e.published_at) if e.published_at else ""),
        ("Rules", ", ".join(display_line(r, 200) for r in e.rules)),
    ]
    lines = [f"{label}: {value}" for label, value in rows if value]
    snippet = display_block(e.snippet, SNIPPET_LIMIT)
    if snippet:
        lines += ["", snippet]
    if e.sources:
        lines += ["", f"{len(e.sources)} sources:"]
        for s in e.sources[:SOURCES_SHOWN]:
            lines.append(f"- {display_line(s.source, 200)}: {display_line(s.title, 300)}")
            if web_url(s.url):
                lines.append(f"  {web_url(s.url)}")
    return "\n".join(lines)


def payload(e: EventRow) -> dict[str, object]:
    """The contract's alert payload of an event (what `monitor events --json` prints)."""
    return e.alert().payload()


# --- HTML -----------------------------------------------------------------------------------


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def href(base: str, params: Mapping[str, str]) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return f"{base}?{query}" if query else base


def link(url: str | None, text: str, cls: str = "") -> str:
    """An outside link (http/https only, else the bare text); no referrer leaves the page."""
    href = web_url(url)
    if href is None:
        return esc(text)
    klass = f' class="{cls}"' if cls else ""
    return f'<a{klass} href="{esc(href)}" rel="noopener noreferrer nofollow">{esc(text)}</a>'


def time_html(dt: datetime) -> str:
    return f'<time datetime="{iso(dt)}">{when_text(dt)}</time>'


def facts_html(e: EventRow, rule_link: Callable[[str], str] | None) -> str:
    """The event's what/who/where/when/rules as a definition list."""
    rows: list[tuple[str, str]] = []
    when = []
    if e.when:
        when.append(f'<time datetime="{e.when.isoformat()}">{e.when.isoformat()}</time>')
    if e.published_at:
        when.append(f"published {time_html(e.published_at)}")
    when.append(f"first seen {time_html(e.first_seen_at)}")
    rows.append(("When", " · ".join(when)))
    where = place_text(e.where)
    if where:
        coords = coordinates(e.where)
        extra = f' <span class="meta">({coords[1]:.4f}, {coords[0]:.4f})</span>' if coords else ""
        rows.append(("Where", f'<span dir="auto">{esc(where)}</span>{extra}'))
    if e.what:
        rows.append(("What", esc(display_line(e.what, 100))))
    who = who_text(e)
    if who:
        rows.append(("Who", f'<span dir="auto">{esc(who)}</span>'))
    if rule_link is None:
        rules = ", ".join(esc(display_line(r, 200)) for r in e.rules)
    else:
        rules = " ".join(
            f'<a class="rule" href="{esc(rule_link(r))}">{esc(display_line(r, 200))}</a>'
            for r in e.rules
        )
    rows.append(("Rules", rules or "-"))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="facts">{body}</dl>'


def sources_html(e: EventRow) -> str:
    if not e.sources:
        return ""
    n = len(e.sources)
    items = []
    for s in e.sources[:SOURCES_SHOWN]:
        name = display_line(s.source, 200) or "(unnamed feed)"
        title = display_line(s.title, 300)
        meta = [display_line(s.lang or "", 20)]
        if s.published:
            meta.append(when_text(s.published))
        meta_text = ", ".join(m for m in meta if m)
        items.append(
            f'<li>{link(s.url, name)}{": " if title else ""}<span dir="auto">{esc(title)}</span>'
            + (f' <span class="meta">({esc(meta_text)})</span>' if meta_text else "")
            + "</li>"
        )
    more = f'<p class="count">… and {n - SOURCES_SHOWN} more</p>' if n > SOURCES_SHOWN else ""
    label = "1 source" if n == 1 else f"{n} sources"
    return f'<p class="count">{label}:</p><ol class="sources">{"".join(items)}</ol>{more}'


def snippet_html(e: EventRow) -> str:
    text = display_block(e.snippet, SNIPPET_LIMIT)
    return f'<blockquote class="snippet" dir="auto">{esc(text)}</blockquote>' if text else ""


def event_fragment(e: EventRow) -> str:
    """An event's details as an HTML fragment (Atom and JSON Feed content)."""
    return facts_html(e, None) + snippet_html(e) + sources_html(e)


# --- Atom -----------------------------------------------------------------------------------


def _urn(name: str) -> str:
    return uuid.uuid5(_ID_NAMESPACE, name).urn


def feed_title(q: ViewQuery) -> str:
    return "monitor: events" + (f" matched by {display_line(q.rule, 200)}" if q.rule else "")


def atom_feed(events: Sequence[EventRow], q: ViewQuery, self_url: str, home_url: str) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the events, newest first."""

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> None:
        el = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text

    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    sub(feed, "id", _urn(f"feed:{q.rule or ''}:{int(q.all)}"))
    sub(feed, "title", feed_title(q), type="text")
    # an empty feed's `updated` stays put (not the time of the request), so its ETag holds
    newest = max((e.updated_at for e in events), default=EMPTY_FEED_UPDATED)
    sub(feed, "updated", iso(newest))
    author = etree.SubElement(feed, f"{{{ATOM_NS}}}author")
    sub(author, "name", "monitor")
    sub(feed, "generator", "monitor", version=__version__)
    if web_url(self_url):
        sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    if web_url(home_url):
        sub(feed, "link", rel="alternate", type="text/html", href=home_url)
    for e in events:
        entry = etree.SubElement(feed, f"{{{ATOM_NS}}}entry")
        sub(entry, "id", _urn(f"event:{e.id}"))
        sub(entry, "title", title_text(e), type="text")
        sub(entry, "updated", iso(e.updated_at))
        if e.published_at:
            sub(entry, "published", iso(e.published_at))
        url = web_url(e.url)
        if url:
            sub(entry, "link", rel="alternate", type="text/html", href=url)
        for rule in e.rules:
            sub(entry, "category", term=display_line(rule, 200))
        snippet = display_block(e.snippet, SNIPPET_LIMIT)
        if snippet:
            sub(entry, "summary", snippet, type="text")
        sub(entry, "content", event_fragment(e), type="html")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


# --- JSON Feed and GeoJSON ------------------------------------------------------------------


def json_feed(
    events: Sequence[EventRow], q: ViewQuery, self_url: str, home_url: str
) -> dict[str, object]:
    """A JSON Feed 1.1 document; each item carries the event's payload as `_monitor`."""
    items = []
    for e in events:
        item: dict[str, object] = {"id": e.id}
        url = web_url(e.url)
        if url:
            item["url"] = url
        item["title"] = title_text(e)
        item["content_html"] = event_fragment(e)
        item["content_text"] = event_text(e)
        snippet = display_block(e.snippet, SNIPPET_LIMIT)
        if snippet:
            item["summary"] = snippet
        if e.published_at:
            item["date_published"] = iso(e.published_at)
        item["date_modified"] = iso(e.updated_at)
        if e.rules:
            item["tags"] = [display_line(r, 200) for r in e.rules]
        item["_monitor"] = payload(e)
        items.append(item)
    feed: dict[str, object] = {"version": JSONFEED_VERSION, "title": feed_title(q)}
    if web_url(home_url):
        feed["home_page_url"] = home_url
    if web_url(self_url):
        feed["feed_url"] = self_url
    feed["description"] = "Events matched by the monitor's rules, newest first."
    feed["authors"] = [{"name": "monitor"}]
    feed["items"] = items
    return feed


def geojson(events: Sequence[EventRow]) -> dict[str, object]:
    """A GeoJSON FeatureCollection (RFC 7946) of the events whose place has coordinates."""
    features = []
    for e in events:
        coords = coordinates(e.where)
        if coords is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [coords[0], coords[1]]},
                "properties": payload(e),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def json_bytes(document: object) -> bytes:
    """JSON for the wire; <, > and & escaped so no sniffing client can read markup in it."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_default)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8", "replace")


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
