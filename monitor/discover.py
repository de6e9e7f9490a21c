"""Feed autodiscovery: the feeds an HTML page advertises, found the way feed readers find them.

A site's pages name their feeds in the head, as
`<link rel="alternate" type="application/rss+xml" href="/feed" title="...">` (Atom and JSON
Feed likewise). Someone who configures a site's home page instead of its feed gets told
which URL to use (parse.prepare), and `monitor discover URL` lists them before a config exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

# media type -> what a person calls it
FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
}
# feeds are advertised in the head; no need to parse a long page to its end
_HEAD_BYTES = 512 * 1024


@dataclass(frozen=True)
class FeedLink:
    """One feed a page advertises."""

    url: str  # absolute
    kind: str  # "RSS", "Atom", ...
    title: str | None


def advertised_feeds(page: bytes | str, page_url: str) -> list[FeedLink]:
    """The feeds `page` (HTML served at `page_url`) advertises, in page order, each URL once."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    parser = lxml.html.HTMLParser(encoding="utf-8" if isinstance(page, str) else None)
    try:
        tree = lxml.html.document_fromstring(data[:_HEAD_BYTES], parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return []
    base = page_url
    for element in tree.iter("base"):
        if element.get("href"):
            base = urljoin(page_url, (element.get("href") or "").strip())
            break
    found: list[FeedLink] = []
    seen: set[str] = set()
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        media = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or media not in FEED_TYPES or not href:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        title = " ".join((link.get("title") or "").split()) or None
        found.append(FeedLink(url, FEED_TYPES[media], title))
    return found


def describe(feeds: list[FeedLink], limit: int = 3) -> str:
    """The feeds as one short line: 'URL, URL (and 2 more)'."""
    shown = ", ".join(f.url for f in feeds[:limit])
    more = len(feeds) - limit
    return shown + (f" (and {more} more)" if more > 0 else "")


@dataclass(frozen=True)
class Discovery:
    """What `monitor discover URL` found."""

    url: str  # where the page was found, after redirects
    feed_title: str | None  # set when the URL is a feed itself (its title, or "")
    feeds: tuple[FeedLink, ...]  # what the page advertises

    @property
    def is_feed(self) -> bool:
        return self.feed_title is not None


async def discover(url: str) -> Discovery:
    """Fetch `url` (as an operator's feed URL is fetched) and say which feeds it offers.

    FetchError when it cannot be fetched; the default polling and scraping settings apply.
    """
    # imported here: the parsing workers import this module for advertised_feeds alone
    from monitor.config import parse_config
    from monitor.errors import FetchError
    from monitor.fetch import Fetcher
    from monitor.parse import parse_feed

    defaults = parse_config({"feeds": [{"name": "discover", "url": url}]}, Path("discover"))
    async with Fetcher(defaults.polling, defaults.scraping) as fetcher:
        resp = await fetcher.fetch_feed(url)
    content_type = resp.headers.get("content-type")
    try:
        parsed = parse_feed(resp.body, resp.final_url, content_type)
    except FetchError:
        return Discovery(resp.final_url, None, tuple(advertised_feeds(resp.body, resp.final_url)))
    return Discovery(resp.final_url, parsed.title, ())
