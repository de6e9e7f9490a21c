"""Article extraction: the story's own text and metadata from an article page.

`extract_article` is pure and synchronous. `Extractor` runs it in a process pool so that a slow
or pathological page can be abandoned (a thread cannot be stopped; a process can be killed) and
the event loop never waits on parsing.

The text extractor is trafilatura, chosen by measurement against readability-lxml and a bs4
heuristic on the labelled pages in tests/pages (see bench/extract.py). Metadata is read by the
small lxml code below, which is faster and more predictable than trafilatura's own.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import json
import os
import re
import signal
import socket
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import FrameType, TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from monitor.errors import ExtractError
from monitor.models import Article, plausible_date
from monitor.textnorm import TITLE_MAX, bounded, clean_text

if TYPE_CHECKING:
    import lxml.html

METHOD = "trafilatura"
DEFAULT_MAX_SIZE = 5_000_000
# Below this many characters of main text a page is not worth matching against.
MIN_TEXT_CHARS = 250
# Lines with fewer words are menu items, labels or separators, not story paragraphs.
MIN_PARAGRAPH_WORDS = 4
# A page that mentions a subscription wall and shows less than this is a teaser, not a story.
PAYWALL_TEXT_CHARS = 1000
# Extra time the parent waits past the worker's own alarm before killing the worker.
HARD_KILL_GRACE = 2.0

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
# Signatures of common non-HTML bodies served with a wrong or missing content-type.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"RIFF", b"\x1f\x8b")
_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")

_PAYWALL_MARKERS = (
    "subscribe to continue",
    "subscribe to read",
    "subscribe now to read",
    "to continue reading",
    "continue reading with a subscription",
    "for subscribers only",
    "subscribers only",
    "already a subscriber",
    "this article is for subscribers",
    "exclusive to subscribers",
    "unlock this article",
    "sign in to continue reading",
    "log in to continue reading",
    "register to continue reading",
    "للمشتركين فقط",
    "اشترك لمتابعة القراءة",
)
_CONSENT_MARKERS = (
    "we use cookies",
    "accept all cookies",
    "accept cookies",
    "cookie consent",
    "cookie settings",
    "consent to the use",
    "manage preferences",
    "privacy choices",
    "reject all",
    "ملفات تعريف الارتباط",
)


def extract_article(
    body: bytes, url: str, content_type: str | None = None, *, max_size: int = DEFAULT_MAX_SIZE
) -> Article:
    """Main text and metadata of an article page.

    Raises ExtractError with reason not_html, too_large, parse_error, paywall or too_short.
    """
    if len(body) > max_size:
        raise ExtractError("too_large", f"{len(body)} bytes, limit {max_size}")
    if not looks_like_html(body, content_type):
        raise ExtractError("not_html", f"content-type {content_type or 'unknown'}")
    tree = parse_html(decode_html(body, content_type))
    meta = read_metadata(tree, url)
    page_text = " ".join(tree.itertext()).lower()
    link_texts = _link_texts(tree)
    # trafilatura prunes the tree it is given, so everything else is read from it first.
    paragraphs = [p for p in main_paragraphs(tree, url) if not _is_boilerplate_line(p, link_texts)]
    # trafilatura keeps the headline when it sits inside the article block; it is not body text.
    if paragraphs and meta.title and paragraphs[0].casefold() == meta.title.casefold():
        paragraphs.pop(0)
    text_chars = sum(len(p) for p in paragraphs)
    paywalled = meta.free is False or any(m in page_text for m in _PAYWALL_MARKERS)
    if paywalled and text_chars < PAYWALL_TEXT_CHARS:
        raise ExtractError("paywall", f"{text_chars} characters before a subscription wall")
    if text_chars < MIN_TEXT_CHARS:
        if any(m in page_text for m in _CONSENT_MARKERS):
            raise ExtractError("paywall", f"{text_chars} characters behind a consent wall")
        raise ExtractError("too_short", f"{text_chars} characters of main text")
    return Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=bounded(meta.title, TITLE_MAX) if meta.title else None,
        paragraphs=tuple(paragraphs),
        author=meta.author,
        published=meta.published,
        language=meta.language,
        method=METHOD,
        types=meta.types,
        section=meta.section,
    )


# --- bytes to tree -----------------------------------------------------------------------------


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    """False for bodies that are plainly not HTML: a non-HTML content-type, PDF, images, JSON."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES and mime not in ("application/octet-stream", "text/plain"):
        return False
    head = body[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if head.startswith(_BINARY_MAGIC) or head[:1] in (b"{", b"["):
        return False
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True  # UTF-16 with a BOM; the regex below only knows byte-wide encodings
    return bool(_HTML_HINT.search(body[:65536]))


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, else HTTP charset, else <meta charset>, else UTF-8, else cp1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    declared: list[str | None] = [_header_param(content_type, "charset")]
    match = _META_CHARSET.search(body[:4096])
    if match:
        declared.append(match.group(1).decode("ascii", "ignore"))
    for label in declared:
        codec = _codec(label)
        if codec:
            return body.decode(codec, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        # Browsers fall back to windows-1252 for undeclared legacy pages.
        return body.decode("cp1252", errors="replace")


def _codec(label: str | None) -> str | None:
    """A Python codec for a charset label, following browsers where they differ from Python."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    # WHATWG: these labels mean windows-1252; a page declaring them rarely is pure Latin-1.
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
        return "cp1252"
    # A UTF-16 label without a BOM in an ASCII-compatible <meta> is a lie; browsers use UTF-8.
    if label.startswith(("utf-16", "utf16")):
        return "utf-8"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _header_param(content_type: str | None, name: str) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == name:
            return value.strip().strip("\"'") or None
    return None


def parse_html(text: str) -> lxml.html.HtmlElement:
    """An lxml tree of the page; ExtractError("parse_error") when nothing parses."""
    # imported here, like trafilatura: the monitor's own process only runs the pool
    import lxml.etree
    import lxml.html

    # lxml refuses str input that carries its own encoding declaration.
    text = _XML_DECL.sub("", text, count=1)
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractError("parse_error", str(exc)) from exc
    if tree is None or tree.find("body") is None:
        raise ExtractError("parse_error", "no <body>")
    return tree


# --- main text ---------------------------------------------------------------------------------


def main_paragraphs(tree: lxml.html.HtmlElement, url: str) -> list[str]:
    """The article's paragraphs, cleaned, in page order (empty list when none are found)."""
    # fast: skip the readability/jusText fallbacks, which cost 2x the time and found nothing more
    # on our pages; favor_recall: missed story text means missed alerts, and the link-text
    # filter in extract_article removes what recall lets through (bench/extract.py).
    # imported here, not with the module: the monitor's own process only manages the pool, and
    # a cycle with nothing new to read would spend a third of a second importing it
    import trafilatura

    text = trafilatura.extract(
        tree,
        url=url,
        fast=True,
        favor_recall=True,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        with_metadata=False,
    )
    if not text:
        return []
    return [p for p in (clean_text(line) for line in text.split("\n")) if p]


def _link_texts(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """The text of every link on the page, cleaned: headlines in menus and sidebars."""
    return frozenset(text for a in tree.iter("a") if len(text := _one_line(a.text_content())) >= 3)


def _is_boilerplate_line(paragraph: str, link_texts: frozenset[str]) -> bool:
    """A line that is page furniture rather than story text.

    When trafilatura falls back to whole-page text (table layouts, odd markup) it returns menus
    and "most read" headlines as lines of their own; these are exactly the texts of links.
    Very short lines ("Home", "|", "Yes") are never story paragraphs either.
    """
    line = _one_line(paragraph)
    if line in link_texts or len(line.split()) < MIN_PARAGRAPH_WORDS:
        return True
    low = line.lower()
    # The wall notice itself, e.g. "Subscribe to continue reading".
    return len(line) < 200 and any(m in low for m in _PAYWALL_MARKERS)


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


# --- metadata ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageMeta:
    """Metadata read from a page's <head>, JSON-LD and markup."""

    canonical_url: str | None
    title: str | None
    author: str | None
    published: datetime | None
    language: str | None
    free: bool | None  # JSON-LD isAccessibleForFree, when the page states it
    types: tuple[str, ...] = ()  # JSON-LD @type values and og:type: what the page says it is
    section: str | None = None  # article:section or JSON-LD articleSection


def read_metadata(tree: lxml.html.HtmlElement, url: str) -> PageMeta:
    """Canonical URL, title, author, publication time and language of a page."""
    metas = _meta_values(tree)
    ld = list(_json_ld_objects(tree))
    article_ld = [o for o in ld if _is_article_type(o.get("@type"))] or ld

    canonical = None
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            canonical = _absolute(url, link.get("href", ""))
            break
    if canonical is None and metas.get("og:url"):
        canonical = _absolute(url, metas["og:url"])

    title = metas.get("og:title") or _first_str(article_ld, "headline")
    if not title:
        h1 = tree.find(".//h1")
        title_el = tree.find(".//title")
        title = (h1.text_content() if h1 is not None else None) or (
            title_el.text_content() if title_el is not None else None
        )

    author = metas.get("author") or _first_author(article_ld)
    if (
        not author
        and metas.get("article:author", "").strip()
        and not _is_url(metas["article:author"])
    ):
        author = metas["article:author"]

    published = None
    for value in (
        metas.get("article:published_time"),
        metas.get("datepublished"),
        _first_str(article_ld, "datePublished"),
        _time_element(tree),
        metas.get("date") or metas.get("pubdate") or metas.get("dc.date"),
    ):
        published = parse_datetime(value)
        if published:
            break

    language = (
        tree.get("lang")
        or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        or metas.get("og:locale")
        or metas.get("content-language")
    )

    free_value = next((o["isAccessibleForFree"] for o in ld if "isAccessibleForFree" in o), None)
    free = None if free_value is None else str(free_value).strip().lower() not in ("false", "0")

    types: list[str] = []
    for obj in ld:
        kinds = obj.get("@type")
        types.extend(
            k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)
        )
    if metas.get("og:type"):
        types.append(metas["og:type"])
    section = metas.get("article:section") or _first_str(article_ld, "articleSection")

    return PageMeta(
        canonical_url=canonical,
        title=_clean_or_none(title),
        author=_clean_or_none(author),
        published=published,
        language=_language_code(language),
        free=free,
        types=tuple(dict.fromkeys(_one_line(t)[:60] for t in types[:12])),
        section=_clean_or_none(section[:80] if section else None),
    )


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta> name/property/http-equiv/itemprop (lower-cased) -> content; first one wins."""
    values: dict[str, str] = {}
    for meta in tree.iterfind(".//meta[@content]"):
        key = meta.get("property") or meta.get("name") or meta.get("http-equiv")
        key = key or meta.get("itemprop")
        if key:
            values.setdefault(key.strip().lower(), meta.get("content", "").strip())
    return values


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, object]]:
    """Every JSON object in the page's JSON-LD scripts, flattening lists and @graph."""
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue  # broken JSON-LD is common and never fatal
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _is_article_type(kind: object) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or "Posting" in k) for k in kinds)


def _first_str(objects: list[dict[str, object]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _first_author(objects: list[dict[str, object]]) -> str | None:
    for obj in objects:
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, str) and author.strip():
                return author
            if isinstance(author, dict):
                name = author.get("name") or author.get("@name")
                if isinstance(name, str) and name.strip():
                    return name
    return None


def _time_element(tree: lxml.html.HtmlElement) -> str | None:
    """The datetime of the article's own <time>, not one from a comment or sidebar."""
    for path in (
        ".//time[@itemprop='datePublished']",
        ".//time[@pubdate]",
        ".//article//time[@datetime]",
        ".//time[@datetime]",
    ):
        element = tree.find(path)
        if element is not None and element.get("datetime"):
            return element.get("datetime")
    return None


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601 or RFC 2822 text to an aware UTC datetime; naive times are taken as UTC."""
    if not value or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        with contextlib.suppress(TypeError, ValueError, IndexError):
            parsed = parsedate_to_datetime(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return plausible_date(parsed.astimezone(UTC))
    except OverflowError:  # year 1 east of UTC, year 9999 west of it: no such UTC time
        return None


def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href:
        return None
    absolute = urljoin(base, href)
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _is_url(text: str) -> bool:
    return urlsplit(text.strip()).scheme in ("http", "https")


def _clean_or_none(text: str | None) -> str | None:
    return _one_line(text or "") or None


def _language_code(value: str | None) -> str | None:
    """Primary language subtag, lower case: 'en-GB', 'en_US' -> 'en'; 'ar' -> 'ar'."""
    if not value:
        return None
    code = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


# --- process pool ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    """An ExtractError carried back from a worker (its custom __init__ does not survive pickle)."""

    reason: str
    message: str


class _Alarm(BaseException):
    """Raised by SIGALRM inside a worker; BaseException so library `except Exception` misses it."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Alarm


def _work(
    body: bytes, url: str, content_type: str | None, max_size: int, timeout: float
) -> Article | _Failure:
    """Runs in a worker process: extract with an alarm so Python-level slowness stops itself."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return extract_article(body, url, content_type, max_size=max_size)
    except ExtractError as exc:
        return _Failure(exc.reason, str(exc))
    except _Alarm:
        return _Failure("timeout", f"extraction took longer than {timeout:g}s")
    except Exception as exc:  # a library bug on one odd page must not look like a crash
        return _Failure("parse_error", f"{type(exc).__name__}: {exc}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _init_worker(lifeline: socket.socket) -> None:
    """Start of an extraction worker: it ignores stop signals and ends with the monitor."""
    from monitor.worker_process import ignore_stop_signals, outlive_no_monitor

    ignore_stop_signals()
    outlive_no_monitor(lifeline)


class Extractor:
    """Runs extract_article in a pool of processes, with a per-page time limit.

    A page over `timeout` seconds fails with ExtractError("timeout"). Usually the worker's own
    alarm stops it; if it is stuck inside C code the pool is killed and restarted, and pages
    that were in flight alongside it are retried once.
    """

    def __init__(
        self,
        max_workers: int | None = None,
        timeout: float = 15.0,
        max_size: int = DEFAULT_MAX_SIZE,
    ) -> None:
        self.max_workers = max_workers or os.cpu_count() or 1
        self.timeout = timeout
        self.max_size = max_size
        self._pool: ProcessPoolExecutor | None = None
        # the pool's workers hold one end and end when this side closes (see _init_worker)
        self._lifelines: dict[int, tuple[socket.socket, socket.socket]] = {}
        # Hook for tests: the function run in the workers (must be importable by name).
        self._task = _work

    async def extract(self, body: bytes, url: str, content_type: str | None = None) -> Article:
        """extract_article off the event loop; ExtractError reasons include 'timeout'."""
        if len(body) > self.max_size:  # no need to ship 50 MB to a worker to learn this
            raise ExtractError("too_large", f"{len(body)} bytes, limit {self.max_size}")
        for attempt in (1, 2):
            pool = self._ensure_pool()
            try:
                # submit() can start worker processes, which waits for the fork server to
                # import trafilatura (~0.3 s): do it in a thread so the event loop never waits.
                submitted = await asyncio.to_thread(
                    pool.submit, self._task, body, url, content_type, self.max_size, self.timeout
                )
                result = await asyncio.wait_for(
                    asyncio.wrap_future(submitted), self.timeout + HARD_KILL_GRACE
                )
            except TimeoutError:
                self._kill_pool(pool)
                raise ExtractError(
                    "timeout", f"extraction took longer than {self.timeout:g}s"
                ) from None
            except RuntimeError:  # BrokenProcessPool, or submit() to a pool just shut down
                # Another page's worker was killed (or this one crashed): try once more.
                self._kill_pool(pool)
                if attempt == 2:
                    raise ExtractError("parse_error", "extraction worker crashed") from None
                continue
            if isinstance(result, _Failure):
                raise ExtractError(result.reason, result.message)
            return result
        raise AssertionError("unreachable")

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean, single-threaded server that has already
            # imported trafilatura, instead of forking the daemon with its threads and sockets.
            from monitor.workers import process_context

            ours, theirs = socket.socketpair()
            self._pool = ProcessPoolExecutor(
                self.max_workers,
                mp_context=process_context(),
                initializer=_init_worker,
                initargs=(theirs,),
            )
            self._lifelines[id(self._pool)] = (ours, theirs)
        return self._pool

    def _cut_lifeline(self, pool: ProcessPoolExecutor) -> None:
        for end in self._lifelines.pop(id(pool), ()):
            end.close()

    def _kill_pool(self, pool: ProcessPoolExecutor) -> None:
        """Stop `pool` now, killing its workers; the next page starts a fresh pool."""
        if self._pool is pool:
            self._pool = None
        # ProcessPoolExecutor cannot cancel a running task (before Python 3.14); killing its
        # processes is the only way to get a stuck worker back.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        self._cut_lifeline(pool)

    def close(self) -> None:
        """Stop the workers (pages in flight fail)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout=2.0)
            if process.is_alive():
                process.kill()
        self._cut_lifeline(pool)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Extractor:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
