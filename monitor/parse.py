"""Feed parsing: RSS 2.0 / RSS 1.0 (RDF) / Atom bytes -> ParsedFeed with plain-text entries.

Two paths produce the same entries. The fast path walks the tree with lxml and only handles
documents whose every element it understands the way feedparser does; anything else (broken
XML, unusual elements, odd content types) goes to feedparser. Both paths share the same
preparation (encoding, sniffing, DOCTYPE removal) and the same final clean-up, so they differ
only in how they read the tree.

The fast path reuses a few of feedparser's own helpers (date parser, URL join, cp1252 table)
so that its results stay identical to feedparser's; tests/test_parse.py checks that they do.
"""

from __future__ import annotations

import calendar
import codecs
import contextlib
import html
import io
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from monitor import _feedparser  # noqa: F401  (loads feedparser without chardet: see there)

# isort: split
import feedparser
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri
from lxml import etree

from monitor.digest import sha256
from monitor.errors import FetchError, FetchErrorKind
from monitor.models import Entry, ParsedFeed, plausible_date
from monitor.textnorm import TITLE_MAX, bounded, clean_text

__all__ = ["html_to_text", "parse_feed", "parse_feed_fast", "parse_feed_feedparser"]


# --------------------------------------------------------------------------- preparation


@dataclass(frozen=True)
class PreparedFeed:
    """Feed bytes made safe and uniform for both parsers: UTF-8, no DOCTYPE, junk skipped."""

    xml: bytes  # UTF-8, with an XML declaration saying so
    url: str
    encoding: str  # the encoding the original bytes were decoded with
    notes: tuple[str, ...] = ()  # repairs made while preparing (e.g. leading junk skipped)


_HTML_ROOTS = frozenset({"html", "head", "body"})
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "a RIFF/WebP file"),
    (b"\x00\x00\x01\x00", "an icon"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")
_XML_DECL = re.compile(r"^\s*<\?xml\s[^>]*\?>")
_FEED_MARKER = re.compile(r"<\?xml\s|<(?:rss|feed|rdf:RDF)[\s>]")
_ROOT_NAME = re.compile(r"<([A-Za-z_][\w.:-]*)")
# Single-byte charsets that servers often claim by default while actually sending UTF-8.
_SINGLE_BYTE = re.compile(r"^(?:iso8859|latin|cp125|windows-125|ascii|us-ascii|cp1252)", re.I)


def _codec(name: str | None) -> str | None:
    """Python codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers treat ISO-8859-1 as windows-1252; feeds rely on that for curly quotes.
    return "cp1252" if codec == "iso8859-1" else codec


def _decode(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode feed bytes: BOM, then HTTP charset, then XML declaration, then UTF-8, cp1252."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, "replace"), codec
    if body[:4] == b"<\x00?\x00":
        return body.decode("utf-16-le", "replace"), "utf-16-le"
    if body[:4] == b"\x00<\x00?":
        return body.decode("utf-16-be", "replace"), "utf-16-be"

    m = _CHARSET.search(content_type or "")
    http = _codec(m.group(1)) if m else None
    d = _XML_DECL_ENCODING.match(body[:512])
    declared = _codec(d.group(1).decode("ascii")) if d else None
    candidates = [c for c in (http, declared) if c and not c.startswith("utf-16")]
    if candidates and _SINGLE_BYTE.match(candidates[0]) and not body.isascii():
        # A mislabelled UTF-8 feed decodes "successfully" as cp1252 into mojibake; valid
        # multi-byte UTF-8 is almost never real single-byte text, so trust the bytes.
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    for codec in (*candidates, "utf-8"):
        try:
            return body.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", "replace"), "cp1252"


def _skip_doctype(text: str, start: int) -> int:
    """Index just past the DOCTYPE starting at `start`, or -1 if it never ends."""
    i, n = start + 2, len(text)
    quote = ""
    depth = 0  # inside the [ ... ] internal subset
    while i < n:
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return -1
            i = end + 3
            continue
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return i + 1
        i += 1
    return -1


_MAX_DOCTYPE = 64 * 1024  # real feeds carry at most a one-line DOCTYPE
_NOT_SPACE = re.compile(r"\S")


def _split_prolog(text: str) -> tuple[str, int]:
    """Remove any DOCTYPE (and so every entity declaration) from the prolog.

    Returns the text and the index of the first element. Entity declarations are the only way
    to make a parser expand text (billion laughs) or read files and URLs (external entities),
    so none ever reaches lxml, expat or feedparser's loose parser.
    """
    kept: list[str] = []  # prolog pieces before the current position, DOCTYPEs left out
    i, n = 0, len(text)
    while True:
        m = _NOT_SPACE.search(text, i)
        i = m.start() if m else n
        if text.startswith("<?", i):
            end = text.find("?>", i)
        elif text.startswith("<!--", i):
            end = text.find("-->", i)
        elif text[i : i + 9].upper() == "<!DOCTYPE":
            end = _skip_doctype(text[i : i + _MAX_DOCTYPE], 0)
            if end < 0:
                raise FetchError(FetchErrorKind.MALFORMED, "unterminated or huge DOCTYPE")
            i += end
            continue
        else:
            break
        end = n if end < 0 else end + (2 if text[i + 1] == "?" else 3)
        kept.append(text[i:end])
        i = end
    prolog = "".join(kept)
    return prolog + text[i:], len(prolog)


def _not_a_feed(message: str, url: str) -> FetchError:
    return FetchError(FetchErrorKind.NOT_A_FEED, message, url=url)


def _html_page(text: str, url: str, problem: str) -> FetchError:
    """NOT_A_FEED for an HTML page, naming the feeds it advertises (a home page configured
    instead of its feed is the usual slip)."""
    from monitor.discover import advertised_feeds, describe

    feeds = advertised_feeds(text, url)
    if feeds:
        return _not_a_feed(
            f"not a feed; this page advertises: {describe(feeds)} (use one as this feed's url)",
            url,
        )
    return _not_a_feed(problem, url)


def prepare(body: bytes, url: str, content_type: str | None = None) -> PreparedFeed:
    """Sniff, decode and defuse feed bytes; raises FetchError NOT_A_FEED or MALFORMED."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    head = body[:1024].lstrip()
    if not head:
        raise _not_a_feed("empty document", url)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise _not_a_feed(f"got {what} ({media_type or 'no content-type'})", url)

    text, encoding = _decode(body, content_type)
    # NULs all through the start: binary (or UTF-16 read as something else); one NUL in a
    # title is the feed's mistake, which must not cost the other items
    if text[:1024].count("\x00") > 16:
        raise _not_a_feed(f"binary data ({media_type or 'no content-type'})", url)
    notes: list[str] = []
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        raise _not_a_feed(f"got JSON ({media_type or 'no content-type'}), not a feed", url)
    if not stripped.startswith("<"):
        # PHP warnings and the like printed before the feed: skip to the feed's start.
        m = _FEED_MARKER.search(stripped[:4096])
        if not m:
            raise _not_a_feed(f"not XML ({media_type or 'no content-type'})", url)
        notes.append(f"skipped {m.start()} characters of junk before the feed")
        stripped = stripped[m.start() :]

    text, root_at = _split_prolog(stripped)
    m = _ROOT_NAME.match(text, root_at)
    if not m:
        if "<!doctype html" in stripped[:1024].lower():
            raise _html_page(stripped, url, "got an HTML page, not a feed")
        raise FetchError(FetchErrorKind.MALFORMED, "no root element found", url=url)
    root = m.group(1).lower().rsplit(":", 1)[-1]
    if root in _HTML_ROOTS:
        raise _html_page(
            stripped, url, f"got an HTML page ({media_type or 'no content-type'}), not a feed"
        )

    # Both parsers get UTF-8 with a matching declaration, whatever the document said.
    text = _XML_DECL.sub("", text[:root_at], count=1) + text[root_at:]
    xml = b'<?xml version="1.0" encoding="utf-8"?>' + text.lstrip().encode("utf-8")
    return PreparedFeed(xml=xml, url=url, encoding=encoding, notes=tuple(notes))


# --------------------------------------------------------------------------- shared clean-up


class _RawEntry(NamedTuple):
    """An entry as feedparser reports it, before HTML stripping and clean-up.

    A tuple, not a frozen dataclass: a cold start makes 50,000 of these, and a frozen
    dataclass sets each field through object.__setattr__."""

    id: str | None
    link: str | None
    title: str
    summary: str
    content: str
    published: datetime | None
    author: str | None


# Elements whose content is code, not text (feedparser's sanitizer drops them the same way).
_CODE_START = re.compile(r"<(script|style|applet)\b", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# No pattern below may run past a '<' unless quoted: a tag that never closes then costs one
# short scan, not a scan to the end of the text for each of thousands of them.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|section|article"
    r"|header|footer|figure|figcaption|aside|address)\b[^<>]*>",
    re.IGNORECASE,
)
# A tag per the HTML tokenizer: '<' then a letter, '/', '!' or '?'. Quoted attribute values
# may hold '>' so they are matched as a whole. A lone "a < b" is left alone.
_TAG = re.compile(
    r"</?[A-Za-z][^\s/<>]*(?:\s+[^\s/<>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>]+))?)*\s*/?>"
    r"|</[^<>]*>|<![^<>]*>|<\?[^<>]*>"
)


# After unescaping and NFKC, characters that make clean_text do more than tidy spaces and lines:
# zero-width and soft hyphen, controls, CR, and whitespace other than space, tab and newline.
_NEEDS_CLEAN_TEXT = re.compile(
    r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f"
    r"\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Exactly clean_text(text), computed faster for the usual text (spaces and lines only).

    clean_text collapses each run of spaces with a regex substitution per run, which is most
    of the parse time; str.split does the same in C. Anything unusual goes to clean_text.
    """
    plain = html.unescape(text) if "&" in text else text
    if not plain.isascii():
        plain = unicodedata.normalize("NFKC", plain)
    # isprintable() is true of most text and rules out every character searched for
    if not plain.isprintable() and _NEEDS_CLEAN_TEXT.search(plain):
        return clean_text(text)
    if "\n" not in plain:
        return " ".join(plain.split())
    lines = "\n".join([" ".join(line.split()) for line in plain.split("\n")]).strip()
    return _MANY_NEWLINES.sub("\n\n", lines) if "\n\n\n" in lines else lines


def _drop_code(value: str) -> str:
    """Remove script/style/applet elements with their content (to the end if never closed)."""
    m = _CODE_START.search(value)
    if not m:
        return value
    lowered = value.lower()
    kept: list[str] = []
    start = 0
    while m:
        kept.append(value[start : m.start()])
        close = lowered.find(f"</{m.group(1).lower()}", m.end())
        if close < 0:
            return "".join(kept)
        start = lowered.find(">", close)
        start = len(value) if start < 0 else start + 1
        m = _CODE_START.search(value, start)
    kept.append(value[start:])
    return "".join(kept)


def _strip_tags(value: str) -> str:
    """An HTML fragment without its markup: scripts dropped, a line break per block element."""
    if "<" not in value:
        return value
    # Line breaks in HTML source are just spaces; only block elements break lines.
    value = value.replace("\r", " ").replace("\n", " ")
    if "<!" in value:
        value = _COMMENT.sub("", value)
    if "</" in value:
        value = _drop_code(value)
    value = _BLOCK_TAG.sub("\n", value)
    return _TAG.sub("", value)


def html_to_text(value: str) -> str:
    """Plain text of an HTML fragment: scripts dropped, one line per block, entities decoded."""
    return _tidy(_strip_tags(value))


def _web_url(link: str | None) -> str | None:
    """The link if it is an absolute http(s) URL (Atom ids like tag:... are not articles)."""
    if link and link.startswith(("http://", "https://")):
        return link
    return None


def _to_datetime(parsed: time.struct_time | None) -> datetime | None:
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _finish_all(raws: list[_RawEntry]) -> tuple[Entry, ...]:
    """Clean entries up, dropping empty ones (e.g. the cut-off last item of a truncated feed)."""
    entries = (_finish(raw) for raw in raws)
    return tuple(e for e in entries if e.url or e.guid or e.title or e.summary or e.content)


# Bounds on what one entry may bring (characters): far past real feeds, but a hostile one
# must not fill the database, the logs and every alert with megabytes of title.
SUMMARY_MAX = 20_000
CONTENT_MAX = 500_000
AUTHOR_MAX = 500
URL_MAX = 8_192  # a longer link is no link a browser or server takes
GUID_MAX = 2_048  # a longer guid is kept as its hash: still the same item each poll


def _finish(raw: _RawEntry) -> Entry:
    title = html_to_text(raw.title)
    guid = raw.id or None
    if guid is not None and len(guid) > GUID_MAX:
        guid = "sha256:" + sha256(guid.encode("utf-8", "replace")).hexdigest()
    url = _web_url(raw.link)
    return Entry(
        guid=guid,
        url=url if url is None or len(url) <= URL_MAX else None,
        # a title is one line, whatever its markup said
        title=bounded(" ".join(title.split()), TITLE_MAX),
        summary=bounded(html_to_text(raw.summary), SUMMARY_MAX),
        content=bounded(html_to_text(raw.content), CONTENT_MAX),
        published=plausible_date(raw.published),
        author=bounded(_tidy(raw.author or ""), AUTHOR_MAX) or None,
    )


# --------------------------------------------------------------------------- feedparser path


def _from_feedparser(prepared: PreparedFeed) -> ParsedFeed:
    # A stream, never a str or bytes: feedparser would fetch a URL or open a file path itself.
    result = feedparser.parse(
        io.BytesIO(prepared.xml),
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": prepared.url,
        },
    )
    raws = []
    for e in result.entries:
        content = e.get("content") or []
        alternates = (
            x.get("href")
            for x in e.get("links") or []
            if x.get("rel") == "alternate"
            and _FeedParserMixin.map_content_type(x.get("type") or "") in _HTML_TYPES
        )
        raws.append(
            _RawEntry(
                id=e.get("id"),
                link=next((href for href in alternates if href), e.get("link")),
                title=e.get("title") or "",
                summary=e.get("summary") or "",
                content=(content[0].get("value") or "") if content else "",
                # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed
                published=_to_datetime(
                    dict.get(e, "published_parsed") or dict.get(e, "updated_parsed")
                ),
                author=e.get("author"),
            )
        )
    entries = _finish_all(raws)
    feed = result.feed
    warning = None
    if result.get("bozo"):
        warning = f"recovered from broken XML: {result.get('bozo_exception')}"
    if not entries:
        if result.get("bozo"):
            raise FetchError(
                FetchErrorKind.MALFORMED, f"no feed could be recovered: {warning}", url=prepared.url
            )
        if not result.get("version"):
            raise _not_a_feed("XML document is not an RSS, RDF or Atom feed", prepared.url)
    notes = [*prepared.notes, *([warning] if warning else [])]
    return ParsedFeed(
        title=" ".join(html_to_text(feed.get("title") or "").split()),
        link=_web_url(feed.get("link")),
        entries=entries,
        parser="feedparser",
        warning="; ".join(notes) or None,
    )


# --------------------------------------------------------------------------- lxml fast path


class _Unsupported(Exception):
    """The fast path met something it does not mirror exactly; feedparser takes over."""


_XML_NS = "{http://www.w3.org/XML/1998/namespace}base"
_ATOM10 = "http://www.w3.org/2005/Atom"
_FP_NAMESPACES = {uri.lower(): prefix for uri, prefix in _FeedParserMixin.namespaces.items()}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/html"})

# Item children the fast path reads, by the name feedparser gives them, and the slot they fill.
_SLOTS = {
    "title": "title",
    "guid": "id",
    "id": "id",
    "description": "summary",
    "dc:description": "summary",
    "summary": "summary",
    "content": "content",
    "content:encoded": "content",
    "pubdate": "published",
    "published": "published",
    "issued": "published",
    "dcterms:issued": "published",
    "updated": "updated",
    "modified": "updated",
    "lastbuilddate": "updated",
    "dc:date": "updated",
    "dcterms:modified": "updated",
    "author": "author",
    "dc:creator": "author",
    "dc:author": "author",
    "link": "link",
}
# Children feedparser has handlers for that never touch the fields we keep.
_HARMLESS = frozenset(
    {
        "category",
        "comments",
        "enclosure",
        "rights",
        "dc:subject",
        "dc:language",
        "dc:rights",
        "dc:publisher",
        "dc:contributor",
        "dcterms:created",
        "media:content",
        "media:thumbnail",
        "media:category",
        "media:keywords",
        "media:credit",
        "media:rating",
        "media:license",
        "media:restriction",
        "language",
        "expirationdate",
        "created",
        "cloud",
        "generator",
        "newlocation",
        "itunes:duration",
        "itunes:explicit",
        "itunes:image",
        "itunes:keywords",
        "itunes:block",
        "itunes:category",
    }
)
# Children of these are stored in their own context by feedparser, never in the entry's fields.
_HARMLESS_WITH_CHILDREN = frozenset({"source", "contributor"})


@lru_cache(maxsize=1024)
def _fp_name(tag: str, prefix: str | None) -> str:
    """The name feedparser gives an element: known namespaces map to its standard prefixes."""
    if tag.startswith("{"):
        uri, local = tag[1:].split("}", 1)
        lowered = uri.lower()
        if "backend.userland.com/rss" in lowered:
            ns_prefix = ""
        else:
            # feedparser falls back to the document's own prefix for unknown namespaces
            ns_prefix = _FP_NAMESPACES.get(lowered, prefix or "")
    else:
        ns_prefix, local = "", tag
    local = local.lower()
    return f"{ns_prefix}:{local}" if ns_prefix else local


@lru_cache(maxsize=1024)
def _classify(tag: str, prefix: str | None) -> str:
    """What an item child is to the fast path: a slot name, 'harmless[ tree]' or 'unsupported'."""
    name = _fp_name(tag, prefix)
    if name in _SLOTS:
        return _SLOTS[name]
    if name in _HARMLESS_WITH_CHILDREN:
        return "harmless tree"
    if name in _HARMLESS:
        return "harmless"
    method = name.replace(":", "_")
    handled = hasattr(_FeedParserMixin, "_start_" + method) or hasattr(
        _FeedParserMixin, "_end_" + method
    )
    # Elements without a feedparser handler are stored under their own name: harmless.
    return "unsupported" if handled else "harmless"


def _join(base: str, uri: str) -> str:
    """feedparser's URL join, skipping the work for plain absolute http(s) URLs it keeps as is."""
    if (
        uri.startswith(("https://", "http://"))
        and not uri.startswith(("https:///", "http:///"))
        and uri.isascii()
        and uri.isprintable()
        and " " not in uri
        and "[" not in uri
        and "?#" not in uri
        and not uri.endswith(("?", "#"))
    ):
        return uri
    return _urljoin(base, uri)


def _base(parent: str, el: etree._Element) -> str:
    """xml:base in scope for `el`, resolved the way feedparser does."""
    declared = el.get(_XML_NS) or el.get("base")
    if not declared:
        return parent
    return make_safe_absolute_uri(parent, declared) or parent


def _fp_text(value: str) -> str:
    """feedparser's last touches on element text: mojibake repair and cp1252 code points."""
    if value.isascii():
        return value
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("iso-8859-1").decode("utf-8")
    return value.translate(_cp1252)


def _leaf_text(el: etree._Element) -> str:
    if len(el):  # markup inside a text element: feedparser re-serializes it; not mirrored
        raise _Unsupported("element with children")
    return (el.text or "").strip()


def _content_type(el: etree._Element, default: str) -> None:
    """Refuse content feedparser would decode or re-serialize (base64, src, xhtml...)."""
    if not len(el.attrib):
        return
    attrs = _attrs(el)
    if "mode" in attrs or "src" in attrs:
        raise _Unsupported("content mode/src")
    declared = attrs.get("type", default).lower()
    if _FeedParserMixin.map_content_type(declared) not in _TEXT_TYPES:
        raise _Unsupported(f"content type {declared}")


def _attrs(el: etree._Element) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in el.attrib.items()}


def _html_link(el: etree._Element, base: str) -> str | None:
    """href of an Atom-style link if it is an alternate HTML link, else None."""
    attrs = _attrs(el)
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    rel = attrs.get("rel", "alternate").lower()
    kind = attrs.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if href and rel == "alternate" and _FeedParserMixin.map_content_type(kind) in _HTML_TYPES:
        return _join(base, href)
    return None


_UNHANDLED_REF = re.compile("&([A-Za-z0-9_]+);")


def _link(el: etree._Element, base: str, *, in_entry: bool) -> str | None:
    """The link an element sets (None if it sets none), as feedparser computes it."""
    if len(el.attrib):
        attrs = _attrs(el)
        if attrs.get("url") or attrs.get("uri") or attrs.get("href"):
            return _html_link(el, base)
    value = _leaf_text(el)
    if value:
        value = _fp_text(_join(base, value))
    if "&" not in value:
        return value
    if in_entry:
        value = value.replace("&amp;", "&")
    # feedparser undoes what looks like an unknown entity in a URL (?a=1&b=2 read as "&b;")
    return _UNHANDLED_REF.sub(r"&\g<1>", value)


def _person(el: etree._Element) -> str:
    """Author text: plain text, or 'name (email)' from an Atom person construct."""
    if not len(el):
        return _fp_text((el.text or "").strip())
    parts: dict[str, str] = {}
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = _fp_name(child.tag, child.prefix)
        if name not in ("name", "email", "uri", "url") or len(child) or name in parts:
            raise _Unsupported("unusual author")
        parts[name] = (child.text or "").strip()
    who, email = parts.get("name"), parts.get("email")
    if who and email:
        return f"{who} ({email})"
    return who or email or ""


@lru_cache(maxsize=4096)
def _parse_date_cached(value: str) -> datetime | None:
    # Feeds are re-polled with mostly the same items, so the same date strings recur.
    return _rfc822_date(value) or _to_datetime(_parse_date(value))


# The RSS date almost every feed writes ("Thu, 26 Nov 2026 10:46:22 GMT"); anything else,
# or a date this does not accept, goes to feedparser, which tries a dozen formats in turn.
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Za-z]{3}) (\d{4})"
    r" (\d\d):(\d\d):(\d\d) (?:GMT|UTC?|Z|([+-])(\d\d)(\d\d))\Z"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _rfc822_date(value: str) -> datetime | None:
    """feedparser's date (as UTC) for the common RFC 822 form, computed directly; else None."""
    m = _RFC822.match(value)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    day, _, year, hour, minute, second, sign, off_h, off_m = m.groups()
    try:
        at = datetime(int(year), month, int(day), int(hour), int(minute), int(second), 0, UTC)
        if sign:
            offset = timedelta(hours=int(off_h), minutes=int(off_m))
            at = at - offset if sign == "+" else at + offset
    except (ValueError, OverflowError):
        return None  # 31 February, hour 24, year 1 minus an offset: feedparser decides
    return at


def _entry(item: etree._Element, base: str) -> _RawEntry:
    base = _base(base, item)
    if item.get("href") is not None or item.get("lastmod") is not None:
        raise _Unsupported("CDF item")
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    seen: dict[str, etree._Element] = {}
    links: list[etree._Element] = []
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions
        role = _classify(tag, child.prefix)
        if role == "harmless":
            if len(child):
                raise _Unsupported(f"children in {tag}")
        elif role == "harmless tree":
            pass
        elif role == "link":
            links.append(child)
        elif role == "unsupported" or role in seen:
            raise _Unsupported(f"element {tag}")
        else:
            seen[role] = child

    ident: str | None = about or None
    guid_link: str | None = None
    if (el := seen.get("id")) is not None:
        is_link = not len(el.attrib) or _attrs(el).get("ispermalink", "true") == "true"
        value = _leaf_text(el)
        if value and is_link:
            value = _join(_base(base, el), value)
        ident = _fp_text(value)
        if is_link:
            guid_link = ident
    # The first alternate link wins (later ones are often translations or other formats);
    # an item without one falls back to its permalink guid, as in feedparser.
    found = [_link(el, _base(base, el), in_entry=True) for el in links]
    link = next((f for f in found if f), None)
    if link is None:
        link = next((f for f in reversed(found) if f is not None), guid_link)

    def text(slot: str, default_type: str) -> str | None:
        el = seen.get(slot)
        if el is None:
            return None
        _content_type(el, default_type)
        return _fp_text(_leaf_text(el))

    title = text("title", "text/plain") or ""
    content = text("content", "text/plain")
    summary = text("summary", "text/html")
    published = None
    if (el := seen.get("published")) is not None:
        published = _parse_date_cached(_fp_text(_leaf_text(el)))
    if published is None and (el := seen.get("updated")) is not None:
        published = _parse_date_cached(_fp_text(_leaf_text(el)))
    author = _person(seen["author"]) if "author" in seen else None
    return _RawEntry(
        id=ident,
        link=link,
        title=title,
        summary=summary if summary is not None else (content or ""),
        content=content or "",
        published=published,
        author=author,
    )


def _feed_header(channel: etree._Element, base: str) -> tuple[str, str | None]:
    """Feed title and link from the direct children of <channel> or <feed>."""
    title: str | None = None
    link: str | None = None
    for child in channel:
        if not isinstance(child.tag, str):
            continue
        name = _fp_name(child.tag, child.prefix)
        if name == "title" and title is None:
            _content_type(child, "text/plain")
            title = _fp_text(_leaf_text(child))
        elif name == "link":
            found = _link(child, _base(base, child), in_entry=False)
            if found is not None:
                link = found
    return title or "", link


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
# feedparser matches names case-insensitively; "{*}" is any namespace or none.
_ITEM_TAGS = tuple(f"{{*}}{name}" for name in ("item", "Item", "ITEM", "entry", "Entry", "ENTRY"))


def _fast(prepared: PreparedFeed) -> ParsedFeed | None:
    try:
        root = etree.fromstring(prepared.xml, _PARSER)
    except etree.XMLSyntaxError:
        return None
    base = _base(make_safe_absolute_uri(prepared.url, prepared.url) or prepared.url, root)
    name = _fp_name(root.tag, root.prefix)
    try:
        if name == "rss" and root.tag == "rss":
            channels = [c for c in root if isinstance(c.tag, str) and c.tag == "channel"]
            if len(channels) != 1:
                return None
            channel = channels[0]
            chan_base = _base(base, channel)
            items = [c for c in channel if isinstance(c.tag, str) and c.tag == "item"]
            header = _feed_header(channel, chan_base)
            raws = [_entry(item, chan_base) for item in items]
        elif name == "feed" and root.tag == f"{{{_ATOM10}}}feed":
            items = [c for c in root if c.tag == f"{{{_ATOM10}}}entry"]
            header = _feed_header(root, base)
            raws = [_entry(item, base) for item in items]
        elif name == "rdf:rdf":
            names = [(c, _fp_name(c.tag, c.prefix)) for c in root if isinstance(c.tag, str)]
            channels = [c for c, name in names if name == "channel"]
            if len(channels) != 1:
                return None
            items = [c for c, name in names if name == "item"]
            header = _feed_header(channels[0], _base(base, channels[0]))
            raws = [_entry(item, base) for item in items]
        else:
            return None
    except _Unsupported:
        return None
    # Items anywhere else (nested, misplaced) mean a structure we did not read: let feedparser.
    total = sum(1 for _ in root.iter(*_ITEM_TAGS))
    if total != len(raws):
        return None
    title, link = header
    return ParsedFeed(
        title=" ".join(html_to_text(title).split()),
        link=_web_url(link),
        entries=_finish_all(raws),
        parser="lxml",
        warning="; ".join(prepared.notes) or None,
    )


# --------------------------------------------------------------------------- public API


def parse_feed_fast(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed | None:
    """Parse with the lxml fast path only; None when the document needs feedparser."""
    return _fast(prepare(body, url, content_type))


def parse_feed_feedparser(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse with feedparser only (same preparation and clean-up as parse_feed)."""
    return _from_feedparser(prepare(body, url, content_type))


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse RSS/RDF/Atom bytes into plain-text entries; FetchError NOT_A_FEED or MALFORMED."""
    prepared = prepare(body, url, content_type)
    fast = _fast(prepared)
    if fast is not None:
        return fast
    try:
        return _from_feedparser(prepared)
    except FetchError:
        raise
    except Exception as exc:
        # feedparser's own bugs on hostile input (a character reference to a surrogate,
        # "&#XD800;", raises UnicodeEncodeError inside it): the document is malformed
        raise FetchError(
            FetchErrorKind.MALFORMED,
            f"the feed parser failed: {type(exc).__name__}: {exc}",
            url=url,
        ) from None
