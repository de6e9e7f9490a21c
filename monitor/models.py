"""Plain data passed between stages. Every timestamp is a timezone-aware UTC datetime."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Response:
    """A completed HTTP download (body already size-limited and decompressed)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    elapsed: float  # seconds
    # (status, location) of each redirect followed, in order
    redirects: tuple[tuple[int, str], ...] = ()

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Entry:
    """One item of a feed, as parsed (text fields are plain text, not HTML)."""

    guid: str | None
    url: str | None  # absolute link of the article
    title: str
    summary: str
    content: str
    published: datetime | None
    author: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document."""

    title: str
    link: str | None
    entries: tuple[Entry, ...]
    parser: str  # which parser produced it: "lxml" or "feedparser"
    warning: str | None = None  # a recoverable problem the parser noticed


@dataclass(frozen=True)
class Article:
    """The main content of an article page."""

    url: str
    canonical_url: str | None
    title: str | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    method: str = ""  # extractor that produced it

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Document:
    """The text a ruleset is matched against, by field."""

    title: str = ""
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class RuleHit:
    """One rule that matched a document."""

    rule: str
    weight: float
    fields: tuple[str, ...]  # the fields in which it matched
    snippet: str  # sentence(s) carrying the hits, plain text


@dataclass(frozen=True)
class MatchResult:
    """All rules that matched one document, with the event's score and snippet."""

    hits: tuple[RuleHit, ...] = ()
    score: float = 0.0
    snippet: str = ""

    @property
    def matched(self) -> bool:
        return bool(self.hits)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(h.rule for h in self.hits)


# what matching a document that no rule matches gives (shared: most documents match nothing)
NO_MATCH = MatchResult()


@dataclass(frozen=True)
class Alert:
    """What is sent to a channel: the contract's alert payload."""

    type: str  # event.matched | event.updated | feed.failing | feed.recovered
    id: str
    title: str
    url: str
    source: str
    published: datetime | None
    rules: tuple[str, ...] = ()
    snippet: str = ""
    score: float = 0.0
    extra: Mapping[str, str] = field(default_factory=dict)

    def payload(self) -> dict[str, object]:
        """The JSON body of the contract (keys in the contract's order)."""
        body: dict[str, object] = {
            "type": self.type,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": iso(self.published) if self.published else None,
            "rules": list(self.rules),
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }
        body.update(self.extra)
        return body


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC with a Z suffix, second precision."""
    from datetime import UTC

    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
