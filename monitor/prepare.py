"""Per-entry work done once, next to parsing and off the event loop and database thread.

A cold start brings tens of thousands of entries: their identity key, content hash, match on
the feed's own text and (when matched) story signature are computed where the feed was parsed,
so a worker process does it on its own core and the pipeline only looks the keys up. An entry
that matches nothing even arrives as its finished database row, so storing it costs the
database thread one tuple.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.dedup import StorySignature, entry_key, story_signature
from monitor.digest import sha256
from monitor.models import Analysis, Document, Entry, PageHints, ParsedFeed, Report
from monitor.rules import Ruleset
from monitor.store import ItemRow, to_iso

# why an item stored from its feed text alone has no article (items.fallback_reason)
SCRAPING_DISABLED = "scraping_disabled"


@dataclass(frozen=True)
class PreparedEntry:
    """A parsed entry with what every later stage needs of it."""

    entry: Entry
    key: str  # identity within its feed (dedup.entry_key)
    content_hash: str  # a change means the entry was edited
    # the match on the feed's own text, with its frame and genre when it matched (None: not
    # computed; an article's text is matched later)
    analysis: Analysis | None = None
    signature: StorySignature | None = None  # of the feed's own text, when it matched


@dataclass(frozen=True)
class PreparedFeed:
    """A feed document's entries, prepared: one per distinct key, as an entry or a row."""

    entries: tuple[PreparedEntry, ...]  # still to be matched, or matched by some rule
    # entries that matched nothing on their own text, as the row to store if new or changed
    # (the row carries the key and content hash; no Entry is needed to store them)
    rows: tuple[ItemRow, ...] = ()


def content_hash(entry: Entry) -> str:
    """Hash of an entry's title, summary and content."""
    text = "\x1f".join((entry.title, entry.summary, entry.content))
    return sha256(text.encode()).hexdigest()[:32]


def feed_document(entry: Entry) -> Document:
    """The document matched when there is no article text: the feed's own fields."""
    return Document(title=entry.title, summary=entry.summary, body=entry.content)


def feed_report(entry: Entry, first_seen: datetime | None = None) -> Report:
    """The report analysed when there is no article page: the feed's own fields."""
    published = entry.published or first_seen
    return Report(feed_document(entry), published, hints=PageHints(url=entry.url or ""))


def feed_signature(entry: Entry) -> StorySignature:
    """The story signature of an entry read from the feed alone."""
    return story_signature(entry.title, entry.content or entry.summary)


def entry_row(
    feed: str, key: str, entry: Entry, chash: str, first_seen: datetime, now: datetime
) -> ItemRow:
    """The row of an entry stored from the feed's text alone that matched no rule; the
    pipeline sets the article, match and event columns on it when it has them."""
    published = entry.published
    if published is not None and published > now:
        published = now  # a date in the future is a feed's mistake: clamp it
    return ItemRow(
        feed=feed,
        key=key,
        guid=entry.guid,
        url=entry.url,
        canonical_url=None,  # only events need it: not worth computing for every item
        title=entry.title,
        summary=entry.summary,
        content=entry.content,
        content_hash=chash,
        published_at=to_iso(published),
        first_seen_at=to_iso(first_seen) or "",  # to_iso caches: one poll, one time
        body_text=None,
        body_hash=None,
        body_length=None,
        extract_method=None,
        extract_ms=None,
        fallback_reason=SCRAPING_DISABLED,
        rules="[]",
        event_id=None,
    )


def prepare_feed(
    parsed: ParsedFeed,
    ruleset: Ruleset | None = None,
    *,
    feed: str = "",
    now: datetime | None = None,
) -> PreparedFeed:
    """The parsed feed's entries, one per distinct key (the first entry wins).

    Given a ruleset, each entry's own text is matched (for a configuration that does not
    scrape); given `feed` and `now` too, those that match nothing become rows.
    """
    entries: list[PreparedEntry] = []
    rows: list[ItemRow] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        key = entry_key(entry.guid, entry.url, entry.title)
        if key in seen:
            continue
        seen.add(key)
        chash = content_hash(entry)
        if ruleset is None:
            entries.append(PreparedEntry(entry, key, chash))
            continue
        analysis = ruleset.analyse(feed_report(entry, now), cleaned=True)
        if analysis.result.matched:
            entries.append(PreparedEntry(entry, key, chash, analysis, feed_signature(entry)))
        elif now is not None:
            rows.append(entry_row(feed, key, entry, chash, now, now))
        else:
            entries.append(PreparedEntry(entry, key, chash, analysis))
    return PreparedFeed(tuple(entries), tuple(rows))
