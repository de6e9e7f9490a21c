"""SQLite storage through sqlite-utils: feeds and their health, items, events, the alert outbox.

Readable with plain `sqlite3` or Datasette: one row per thing, ISO 8601 UTC timestamps,
JSON arrays where a column holds a list.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, ParamSpec, TypeVar

from monitor.errors import MonitorError
from monitor.models import REPORT, Alert, EventDetails, Frame, Person, Place, Source, iso

if TYPE_CHECKING:
    import asyncio

    import sqlite_utils

SCHEMA_VERSION = 3

# an external-content FTS5 table forgets a row by being told its old values
_FTS_FORGET = (
    "INSERT INTO events_fts (events_fts, rowid, title, snippet)"
    " VALUES ('delete', old.rowid, old.title, old.snippet);"
)

# Each entry upgrades the schema from version N-1 to N; index 0 creates everything.
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS feeds (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,              -- the URL polled now (may differ after a 301/308)
        configured_url TEXT NOT NULL,   -- the URL in the config file
        etag TEXT,
        last_modified TEXT,
        last_fetch_at TEXT,
        last_ok_at TEXT,
        last_status INTEGER,
        last_error TEXT,
        last_error_kind TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        items_seen INTEGER NOT NULL DEFAULT 0,
        redirect_url TEXT,              -- permanent redirect target seen, not yet adopted
        redirect_count INTEGER NOT NULL DEFAULT 0,
        gone INTEGER NOT NULL DEFAULT 0, -- 410 Gone: polling stopped
        failing_since TEXT,
        failing_alerted INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS items (
        id INTEGER PRIMARY KEY,
        feed TEXT NOT NULL,
        key TEXT NOT NULL,              -- guid when stable, else canonical URL, else title hash
        guid TEXT,
        url TEXT,
        canonical_url TEXT,             -- of the page, or of the link when matched
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        content TEXT NOT NULL,
        content_hash TEXT NOT NULL,     -- of title+summary+content: a change means an update
        published_at TEXT,              -- as the feed or page says (clamped, never in the future)
        first_seen_at TEXT NOT NULL,
        body_text TEXT,                 -- extracted article text (NULL when store_text is off)
        body_hash TEXT,
        body_length INTEGER,
        extract_method TEXT,
        extract_ms REAL,
        fallback_reason TEXT,           -- why the feed's own text was matched instead of the page
        rules TEXT,                     -- JSON array of rules that matched
        event_id TEXT,
        UNIQUE (feed, key)
    );
    CREATE INDEX IF NOT EXISTS items_first_seen ON items (first_seen_at);
    CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,            -- derived from the first canonical URL
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        source TEXT NOT NULL,           -- feed it was first seen in
        published_at TEXT,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        rules TEXT NOT NULL,            -- JSON array
        snippet TEXT NOT NULL,
        score REAL NOT NULL,
        alerted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS events_first_seen ON events (first_seen_at);
    CREATE TABLE IF NOT EXISTS event_sources (
        event_id TEXT NOT NULL,
        feed TEXT NOT NULL,
        url TEXT NOT NULL,              -- canonical URL as carried by this source
        seen_at TEXT NOT NULL,
        PRIMARY KEY (event_id, feed, url)
    );
    CREATE INDEX IF NOT EXISTS event_sources_url ON event_sources (url);
    CREATE TABLE IF NOT EXISTS deliveries (
        id TEXT PRIMARY KEY,            -- webhook-id / Message-ID: the same on every retry
        event_id TEXT NOT NULL,         -- event id, or feed name for feed notices
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,             -- email | webhook
        type TEXT NOT NULL,             -- event.matched | event.updated | feed.failing | ...
        payload TEXT NOT NULL,          -- the alert payload (JSON), never secrets
        state TEXT NOT NULL,            -- pending | sending | sent | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,       -- end of the retry window
        sent_at TEXT,
        last_error TEXT
    );
    CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
    CREATE TABLE IF NOT EXISTS cycles (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        feeds_ok INTEGER NOT NULL,
        feeds_failed INTEGER NOT NULL,
        new_items INTEGER NOT NULL,
        new_events INTEGER NOT NULL,
        alerts_sent INTEGER NOT NULL
    );
    """,
    # 2: events are real-world occurrences (what, who, where, when), not near-identical texts
    """
    ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';  -- or a commentary kind
    ALTER TABLE events ADD COLUMN kind_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN what TEXT;            -- killed | captured | targeted | ...
    ALTER TABLE events ADD COLUMN who TEXT NOT NULL DEFAULT '[]';  -- JSON [{name, role, key}]
    ALTER TABLE events ADD COLUMN place TEXT;           -- JSON of the resolved place, or NULL
    ALTER TABLE events ADD COLUMN event_date TEXT;      -- YYYY-MM-DD the reports give
    ALTER TABLE events ADD COLUMN terms TEXT NOT NULL DEFAULT '';  -- words compared, by spaces
    ALTER TABLE events ADD COLUMN last_update_at TEXT;  -- the last event.updated queued
    ALTER TABLE event_sources ADD COLUMN title TEXT NOT NULL DEFAULT '';
    ALTER TABLE event_sources ADD COLUMN lang TEXT;
    ALTER TABLE event_sources ADD COLUMN published_at TEXT;
    ALTER TABLE event_sources ADD COLUMN decision TEXT;  -- JSON: why it joined (explain)
    -- what finds the events a new report may belong to: its places, people and rare words,
    -- by the day the event happened (a window of days, not every event ever stored)
    CREATE TABLE IF NOT EXISTS event_keys (
        key TEXT NOT NULL,
        day INTEGER NOT NULL,             -- days since 1970-01-01 of the event's date
        event_id TEXT NOT NULL,
        PRIMARY KEY (key, day, event_id)
    ) WITHOUT ROWID;
    -- in how many events each word occurs (inverse document frequency of the wording measure)
    CREATE TABLE IF NOT EXISTS term_df (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: the web view: full-text search over events' titles and snippets (FTS5, its content
    # read from `events` by rowid, kept in step by triggers), an event's deliveries by event
    f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5 (
        title, snippet, content = 'events', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER IF NOT EXISTS events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, title, snippet) VALUES (new.rowid, new.title, new.snippet);
    END;
    CREATE TRIGGER IF NOT EXISTS events_fts_delete AFTER DELETE ON events BEGIN
        {_FTS_FORGET}
    END;
    CREATE TRIGGER IF NOT EXISTS events_fts_update AFTER UPDATE OF title, snippet ON events
    WHEN old.title IS NOT new.title OR old.snippet IS NOT new.snippet BEGIN
        {_FTS_FORGET}
        INSERT INTO events_fts (rowid, title, snippet) VALUES (new.rowid, new.title, new.snippet);
    END;
    INSERT INTO events_fts (events_fts) VALUES ('rebuild');  -- the events stored before
    CREATE INDEX IF NOT EXISTS deliveries_event ON deliveries (event_id);
    """,
]


def now_utc() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1024)  # a poll stamps thousands of rows with the same `now`
def to_iso(dt: datetime | None) -> str | None:
    """Store timestamps as ISO 8601 UTC strings that sort as text (models.iso, microseconds)."""
    if dt is None:
        return None
    return iso(dt, micro=True)


def from_iso(text: str | None) -> datetime | None:
    """A stored timestamp; None when absent, or unreadable (an older version wrote years
    before 1000 unpadded: such a date is unknown rather than an error on every read)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


class StoreError(MonitorError):
    """The database cannot be opened or has a schema this version does not know."""


@dataclass(frozen=True)
class FeedState:
    """What the store knows of one feed between polls."""

    name: str
    url: str
    configured_url: str
    etag: str | None
    last_modified: str | None
    last_fetch_at: datetime | None
    last_ok_at: datetime | None
    last_status: int | None
    last_error: str | None
    last_error_kind: str | None
    consecutive_failures: int
    next_attempt_at: datetime | None
    items_seen: int
    redirect_url: str | None
    redirect_count: int
    gone: bool
    failing_since: datetime | None
    failing_alerted: bool


@dataclass(frozen=True)
class KnownItem:
    """What a poll needs to know of an item already stored."""

    id: int
    content_hash: str
    first_seen: datetime


# events one identity key brings as candidates, at most (see candidate_events)
PER_KEY = 32
# SQLite page cache per connection, KiB: its default. 32 MB made no difference to storing a
# cold start's 50,000 items (1.8 s of CPU either way, the 30 MB database's index pages are
# in the OS's cache) and was a quarter of the monitor's peak RSS in bench/cycle.py
CACHE_KIB = 2 * 1024


class ItemRow(NamedTuple):
    """One row of `items` as written by a poll (timestamps already ISO text)."""

    feed: str
    key: str
    guid: str | None
    url: str | None
    canonical_url: str | None
    title: str
    summary: str
    content: str
    content_hash: str
    published_at: str | None
    first_seen_at: str
    body_text: str | None
    body_hash: str | None
    body_length: int | None
    extract_method: str | None
    extract_ms: float | None
    fallback_reason: str | None
    rules: str  # JSON array
    event_id: str | None


_ITEM_INSERT = (
    f"INSERT INTO items ({', '.join(ItemRow._fields)})"
    f" VALUES ({', '.join('?' * len(ItemRow._fields))})"
)
# a changed item keeps its identity and first-seen time; everything else is replaced
_ITEM_UPDATE_FIELDS = [f for f in ItemRow._fields if f not in ("feed", "key", "first_seen_at")]
_ITEM_UPDATE = f"UPDATE items SET {', '.join(f + ' = ?' for f in _ITEM_UPDATE_FIELDS)} WHERE id = ?"


@dataclass(frozen=True)
class StoredItem:
    """An item row as read back (for rematching and `rules test`)."""

    id: int
    feed: str
    key: str
    url: str | None
    canonical_url: str | None
    title: str
    summary: str
    content: str
    body_text: str | None
    published_at: datetime | None
    first_seen_at: datetime
    content_hash: str
    rules: tuple[str, ...]
    event_id: str | None


@dataclass(frozen=True)
class EventRow:
    """A real-world event as stored: the first report's title and URL, and what all its
    reports together say happened."""

    id: str
    title: str
    url: str
    source: str
    published_at: datetime | None
    first_seen_at: datetime
    updated_at: datetime
    rules: tuple[str, ...]
    snippet: str
    score: float
    sources: tuple[Source, ...] = ()  # every report that carried it, first seen first
    kind: str = REPORT  # or the commentary kind (never alerted unless configured)
    kind_reason: str = ""
    what: str | None = None
    who: tuple[Person, ...] = ()
    where: Place | None = None
    when: date | None = None
    terms: tuple[str, ...] = ()
    alerted: bool = False
    last_update_at: datetime | None = None

    @property
    def frame(self) -> Frame:
        """What the event's reports together say, as one frame."""
        return Frame(self.what or "operation", self.who, self.where, self.when, self.terms)

    def alert(
        self, type: str = "event.matched", *, changes: tuple[str, ...] | None = None
    ) -> Alert:
        """The alert announcing this event (its payload is the contract's JSON)."""
        return Alert(
            type=type,
            id=self.id,
            title=self.title,
            url=self.url,
            source=self.source,
            published=self.published_at,
            rules=self.rules,
            snippet=self.snippet,
            score=self.score,
            event=self.details(changes),
        )

    def details(self, changes: tuple[str, ...] | None = None) -> EventDetails:
        """The turn-2 keys of this event's alert payload."""
        return EventDetails(
            kind=self.kind,
            what=self.what,
            who=self.who,
            where=self.where,
            # the day the reports give, else the first report's day (the event's own day is
            # kept unknown in the store: identity treats an undated report more loosely)
            when=self.when
            or (self.published_at.astimezone(UTC).date() if self.published_at else None),
            sources=self.sources,
            changes=changes,
        )


@dataclass(frozen=True)
class SourceRow:
    """One report of an event as stored, with why it joined (`monitor events --explain`)."""

    source: Source
    seen_at: datetime
    decision: Mapping[str, object]


def who_to_json(who: Sequence[Person]) -> str:
    return json.dumps([{"name": p.name, "role": p.role, "key": p.key} for p in who])


def who_from_json(text: str | None) -> tuple[Person, ...]:
    rows = json.loads(text or "[]")
    return tuple(Person(d["name"], d.get("role"), d.get("key", "")) for d in rows)


def place_to_json(place: Place | None) -> str | None:
    return json.dumps(asdict(place), ensure_ascii=False) if place is not None else None


_PLACES: dict[str, Place] = {}  # places read, by their JSON (events share a few hundred)


def place_from_json(text: str | None) -> Place | None:
    """A stored place, each read once (a Place is immutable: one object serves all)."""
    if not text:
        return None
    place = _PLACES.get(text)
    if place is None:
        if len(_PLACES) >= 20_000:
            _PLACES.clear()
        place = _PLACES[text] = Place(**json.loads(text))
    return place


@dataclass(frozen=True)
class EventFilter:
    """Which events to read (every field optional): the web view's filters."""

    rule: str | None = None  # one of its rules
    what: str | None = None  # the kind of event: killed, captured, ...
    place: str | None = None  # its place's name or country
    day_from: date | None = None  # the day it happened (else was published), inclusive
    day_to: date | None = None
    text: str | None = None  # an FTS5 query over titles and snippets
    since: datetime | None = None  # first seen at or after
    located: bool = False  # only events whose place has coordinates
    commentary: bool = True  # False: reports only
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class EventFacets:
    """The distinct values stored events offer to filter by."""

    rules: tuple[str, ...]
    whats: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...]


_PLACE_NAME = "json_extract(place, '$.name')"
_PLACE_COUNTRY = "json_extract(place, '$.country')"
# the day an event happened as the alert payload gives it: the reports' date, else the first
# report's publication day, else the day it was first seen
_EVENT_DAY = "coalesce(event_date, substr(published_at, 1, 10), substr(first_seen_at, 1, 10))"


def _event_clauses(f: EventFilter) -> tuple[list[str], list[object]]:
    """The WHERE conditions of an EventFilter, with their parameters."""
    conds: list[tuple[str, list[object]]] = []
    if f.rule is not None:
        conds.append(
            ("EXISTS (SELECT 1 FROM json_each(events.rules) WHERE json_each.value = ?)", [f.rule])
        )
    if f.what is not None:
        conds.append(("what = ?", [f.what]))
    if f.place is not None:
        conds.append((f"? IN ({_PLACE_NAME}, {_PLACE_COUNTRY})", [f.place]))
    if f.day_from is not None:
        conds.append((f"{_EVENT_DAY} >= ?", [f.day_from.isoformat()]))
    if f.day_to is not None:
        conds.append((f"{_EVENT_DAY} <= ?", [f.day_to.isoformat()]))
    if f.text is not None:
        conds.append(("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [f.text]))
    if f.since is not None:
        conds.append(("first_seen_at >= ?", [to_iso(f.since)]))
    if f.located:
        conds.append(("json_extract(place, '$.lat') IS NOT NULL", []))
    if not f.commentary:
        conds.append(("kind = ?", [REPORT]))
    return [c for c, _ in conds], [p for _, ps in conds for p in ps]


@dataclass(frozen=True)
class Delivery:
    id: str
    event_id: str
    channel: str
    kind: str
    type: str
    payload: str
    state: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    expires_at: datetime
    sent_at: datetime | None
    last_error: str | None


class Store:
    """The one SQLite database of a monitor."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the connection is handed to one worker thread (AsyncStore), never shared at once
            self.conn = sqlite3.connect(path, check_same_thread=False)
            # autocommit: every write outside transaction() commits at once, so no
            # implicit transaction can stay open and hold back a later commit
            self.conn.isolation_level = None
            self.conn.execute("PRAGMA busy_timeout = 10000")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite_utils.Database sets
            # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss,
            # and a lost commit here is a lost or repeated alert from the outbox.
            self.conn.execute("PRAGMA synchronous = FULL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._migrate()
        except MonitorError:
            raise
        except Exception as exc:  # sqlite3.Error, OSError
            raise StoreError(f"{path}: cannot open database: {exc}") from exc

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this monitor "
                f"({SCHEMA_VERSION}); upgrade monitor"
            )
        for target in range(version, SCHEMA_VERSION):
            # the version bump commits with the migration or not at all
            self.conn.executescript(
                f"BEGIN;{_MIGRATIONS[target]};PRAGMA user_version = {target + 1};COMMIT;"
            )

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first use: importing sqlite-utils
        (and the plugin scan it does) costs a read-only command half its start-up time."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one atomic commit (nested calls join the outer one)."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            # after some errors (disk full) SQLite has rolled back already; and a COMMIT it
            # refused leaves the transaction open, which every later write would join and
            # never commit
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # ---- feeds -------------------------------------------------------------------------

    def sync_feeds(self, feeds: Iterable[tuple[str, str]]) -> None:
        """Make sure each configured (name, url) has a row; a changed config URL resets it."""
        with self.transaction():
            for name, url in feeds:
                row = self.conn.execute(
                    "SELECT configured_url FROM feeds WHERE name = ?", (name,)
                ).fetchone()
                if row is None:
                    self.conn.execute(
                        "INSERT INTO feeds (name, url, configured_url) VALUES (?, ?, ?)",
                        (name, url, url),
                    )
                elif row[0] != url:
                    self.conn.execute(
                        "UPDATE feeds SET url = ?, configured_url = ?, etag = NULL,"
                        " last_modified = NULL, gone = 0, redirect_url = NULL,"
                        " redirect_count = 0, next_attempt_at = NULL WHERE name = ?",
                        (url, url, name),
                    )

    def feed_state(self, name: str) -> FeedState:
        row = self.conn.execute("SELECT * FROM feeds WHERE name = ?", [name]).fetchone()
        if row is None:
            raise StoreError(f"unknown feed {name!r}")
        return self._feed(row)

    def feed_states(self, names: Sequence[str] | None = None) -> list[FeedState]:
        rows = self.conn.execute("SELECT * FROM feeds ORDER BY name").fetchall()
        states = [self._feed(r) for r in rows]
        if names is not None:
            wanted = set(names)
            states = [s for s in states if s.name in wanted]
        return states

    def _feed(self, row: tuple[Any, ...]) -> FeedState:
        cols = [
            "name",
            "url",
            "configured_url",
            "etag",
            "last_modified",
            "last_fetch_at",
            "last_ok_at",
            "last_status",
            "last_error",
            "last_error_kind",
            "consecutive_failures",
            "next_attempt_at",
            "items_seen",
            "redirect_url",
            "redirect_count",
            "gone",
            "failing_since",
            "failing_alerted",
        ]
        d: dict[str, Any] = dict(zip(cols, row, strict=True))
        return FeedState(
            name=d["name"],
            url=d["url"],
            configured_url=d["configured_url"],
            etag=d["etag"],
            last_modified=d["last_modified"],
            last_fetch_at=from_iso(d["last_fetch_at"]),
            last_ok_at=from_iso(d["last_ok_at"]),
            last_status=d["last_status"],
            last_error=d["last_error"],
            last_error_kind=d["last_error_kind"],
            consecutive_failures=d["consecutive_failures"],
            next_attempt_at=from_iso(d["next_attempt_at"]),
            items_seen=d["items_seen"],
            redirect_url=d["redirect_url"],
            redirect_count=d["redirect_count"],
            gone=bool(d["gone"]),
            failing_since=from_iso(d["failing_since"]),
            failing_alerted=bool(d["failing_alerted"]),
        )

    def update_feed(self, name: str, **fields: object) -> None:
        """Set columns of one feed row; datetimes are stored as ISO text."""
        self._update("feeds", "name", name, fields)

    def _update(self, table: str, key: str, value: object, fields: dict[str, object]) -> None:
        # column names come from this package's code, never from a feed
        if not fields:
            return
        values = [to_iso(v) if isinstance(v, datetime) else v for v in fields.values()]
        assign = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE {table} SET {assign} WHERE {key} = ?", [*values, value])

    # ---- items -------------------------------------------------------------------------

    def known_items(self, feed: str, keys: Sequence[str]) -> dict[str, KnownItem]:
        """The items of `feed` already stored under `keys`, by key."""
        out: dict[str, KnownItem] = {}
        # chunks keep the statement under SQLite's variable limit
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for key, item_id, chash, first_seen in self.conn.execute(
                "SELECT key, id, content_hash, first_seen_at FROM items"
                f" WHERE feed = ? AND key IN ({marks})",
                [feed, *chunk],
            ):
                out[key] = KnownItem(item_id, chash, from_iso(first_seen) or now_utc())
        return out

    def insert_items(self, rows: Sequence[ItemRow]) -> None:
        """Insert new items in one statement (a cold start brings tens of thousands)."""
        self.conn.executemany(_ITEM_INSERT, rows)

    def replace_item(self, item_id: int, row: ItemRow) -> None:
        """Overwrite a stored item with its new text and match (same id, same first seen)."""
        values = row._asdict()
        self.conn.execute(_ITEM_UPDATE, [*(values[f] for f in _ITEM_UPDATE_FIELDS), item_id])

    def update_item(self, item_id: int, **fields: object) -> None:
        """Set columns of one item row."""
        self._update("items", "id", item_id, fields)

    def items(self, since: datetime | None = None) -> Iterator[StoredItem]:
        """Stored items, oldest first (optionally only those first seen at or after `since`)."""
        sql = (
            "SELECT id, feed, url, canonical_url, title, summary, content, body_text,"
            " published_at, first_seen_at, content_hash, rules, event_id, key FROM items"
        )
        params: list[object] = []
        if since is not None:
            sql += " WHERE first_seen_at >= ?"
            params.append(to_iso(since))
        sql += " ORDER BY first_seen_at, id"
        for r in self.conn.execute(sql, params):
            yield StoredItem(
                id=r[0],
                feed=r[1],
                key=r[13],
                url=r[2],
                canonical_url=r[3],
                title=r[4],
                summary=r[5],
                content=r[6],
                body_text=r[7],
                published_at=from_iso(r[8]),
                first_seen_at=from_iso(r[9]) or now_utc(),
                content_hash=r[10],
                rules=tuple(json.loads(r[11] or "[]")),
                event_id=r[12],
            )

    def prune_items(self, before: datetime) -> int:
        """Delete items first seen before `before`; events and their sources stay."""
        cur = self.conn.execute("DELETE FROM items WHERE first_seen_at < ?", [to_iso(before)])
        return cur.rowcount

    # ---- events ------------------------------------------------------------------------

    def event_for_url(self, url: str) -> str | None:
        """The event some source already carried `url` for (every event has its own URL there)."""
        row = self.conn.execute(
            "SELECT event_id FROM event_sources WHERE url = ? LIMIT 1", [url]
        ).fetchone()
        return row[0] if row else None

    def event(self, event_id: str) -> EventRow | None:
        rows = list(self._events("WHERE id = ?", [event_id]))
        return rows[0] if rows else None

    def report_frames(self, ids: Sequence[str]) -> list[tuple[str, Frame, date, str]]:
        """The reported events of `ids` that exist, as event identity compares them (commentary
        left out): each one's id, frame, day (its date, else its first report's publication
        day) and first feed, read without the rest of the event."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT id, source, published_at, first_seen_at, kind, what, who, place, event_date,"
            f" terms FROM events WHERE id IN ({marks})",
            list(ids),
        )
        out = []
        for eid, source, published, first_seen, kind, what, who, place, day, terms in rows:
            if kind != REPORT:
                continue
            when = date.fromisoformat(day) if day else None
            frame = Frame(
                what or "operation", who_from_json(who), place_from_json(place), when,
                tuple(terms.split()),
            )  # fmt: skip
            if when is None:
                seen = from_iso(published) or from_iso(first_seen) or now_utc()
                when = seen.astimezone(UTC).date()
            out.append((eid, frame, when, source))
        return out

    def events(
        self, since: datetime | None = None, limit: int | None = None, *, commentary: bool = True
    ) -> list[EventRow]:
        """Events newest first (by first seen); `commentary=False` leaves commentary out."""
        return self.find_events(EventFilter(since=since, limit=limit, commentary=commentary))

    def find_events(self, f: EventFilter) -> list[EventRow]:
        """The events `f` asks for, newest first (by first seen)."""
        clauses, params = _event_clauses(f)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        tail = f" LIMIT {int(f.limit)} OFFSET {int(f.offset)}" if f.limit else ""
        return list(self._events(where + " ORDER BY first_seen_at DESC, id" + tail, params))

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (PRAGMA data_version)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def event_facets(self) -> EventFacets:
        """The values the web view's filters offer: rules, kinds of event, places, countries."""

        def distinct(sql: str) -> tuple[str, ...]:
            return tuple(r[0] for r in self.conn.execute(sql) if isinstance(r[0], str) and r[0])

        return EventFacets(
            rules=tuple(self.rule_names()),
            whats=distinct("SELECT DISTINCT what FROM events ORDER BY 1"),
            places=distinct(f"SELECT DISTINCT {_PLACE_NAME} FROM events ORDER BY 1"),
            countries=distinct(f"SELECT DISTINCT {_PLACE_COUNTRY} FROM events ORDER BY 1"),
        )

    _EVENT_COLUMNS = (
        "id, title, url, source, published_at, first_seen_at, updated_at, rules, snippet, score,"
        " kind, kind_reason, what, who, place, event_date, terms, alerted, last_update_at"
    )

    def _events(
        self, tail: str, params: list[object], *, with_sources: bool = True
    ) -> Iterator[EventRow]:
        rows = self.conn.execute(f"SELECT {self._EVENT_COLUMNS} FROM events " + tail, params)
        for r in rows.fetchall():
            sources = (
                tuple(s.source for s in self.event_sources(r[0], decisions=False))
                if with_sources
                else ()
            )
            yield EventRow(
                id=r[0],
                title=r[1],
                url=r[2],
                source=r[3],
                published_at=from_iso(r[4]),
                first_seen_at=from_iso(r[5]) or now_utc(),
                updated_at=from_iso(r[6]) or now_utc(),
                rules=tuple(json.loads(r[7])),
                snippet=r[8],
                score=r[9],
                sources=sources,
                kind=r[10],
                kind_reason=r[11],
                what=r[12],
                who=who_from_json(r[13]),
                where=place_from_json(r[14]),
                when=date.fromisoformat(r[15]) if r[15] else None,
                terms=tuple(r[16].split()),
                alerted=bool(r[17]),
                last_update_at=from_iso(r[18]),
            )

    def event_sources(self, event_id: str, *, decisions: bool = True) -> list[SourceRow]:
        """The reports of one event, first seen first (`decisions=False`: without why each
        joined, which an alert's source list does not need and a large event pays for at
        every join)."""
        column = "decision" if decisions else "NULL"
        return [
            SourceRow(
                Source(feed, url, title, lang, from_iso(published)),
                from_iso(seen) or now_utc(),
                json.loads(decision) if decision else {},
            )
            for feed, url, title, lang, published, seen, decision in self.conn.execute(
                f"SELECT feed, url, title, lang, published_at, seen_at, {column}"
                " FROM event_sources WHERE event_id = ? ORDER BY seen_at, rowid",
                [event_id],
            )
        ]

    def rule_names(self) -> list[str]:
        """Every rule name some stored event matched, sorted."""
        rows = self.conn.execute(
            "SELECT DISTINCT json_each.value FROM events, json_each(events.rules) ORDER BY 1"
        )
        return [r[0] for r in rows if isinstance(r[0], str)]

    def insert_event(self, event: EventRow, *, alerted: bool) -> None:
        self.conn.execute(
            f"INSERT INTO events ({self._EVENT_COLUMNS})"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [*self._event_values(event)[:17], int(alerted), to_iso(event.last_update_at)],
        )

    def save_event(self, event: EventRow) -> None:
        """Write back what an event's reports changed (everything but its id and first seen)."""
        values = self._event_values(event)
        self.conn.execute(
            "UPDATE events SET title = ?, url = ?, source = ?, published_at = ?, updated_at = ?,"
            " rules = ?, snippet = ?, score = ?, kind = ?, kind_reason = ?, what = ?, who = ?,"
            " place = ?, event_date = ?, terms = ?, last_update_at = ? WHERE id = ?",
            [*values[1:5], *values[6:17], to_iso(event.last_update_at), event.id],
        )

    @staticmethod
    def _event_values(e: EventRow) -> list[object]:
        return [
            e.id,
            e.title,
            e.url,
            e.source,
            to_iso(e.published_at),
            to_iso(e.first_seen_at),
            to_iso(e.updated_at),
            json.dumps(list(e.rules)),
            e.snippet,
            e.score,
            e.kind,
            e.kind_reason,
            e.what,
            who_to_json(e.who),
            place_to_json(e.where),
            e.when.isoformat() if e.when else None,
            " ".join(e.terms),
        ]

    def add_source(
        self,
        event_id: str,
        feed: str,
        url: str,
        at: datetime,
        *,
        title: str = "",
        lang: str | None = None,
        published: datetime | None = None,
        decision: Mapping[str, object] | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO event_sources (event_id, feed, url, seen_at, title, lang,"
            " published_at, decision) VALUES (?,?,?,?,?,?,?,?)",
            [
                event_id,
                feed,
                url,
                to_iso(at),
                title,
                lang,
                to_iso(published),
                json.dumps(decision, ensure_ascii=False) if decision is not None else None,
            ],
        )

    # ---- event identity: candidates and word statistics ---------------------------------

    def index_event(self, event_id: str, keys: Iterable[str], day: int) -> None:
        """File an event under its keys (places, people, rare words) for the day it happened."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_keys (key, day, event_id) VALUES (?,?,?)",
            [(k, day, event_id) for k in keys],
        )

    def candidate_events(
        self, keys: Sequence[str], first_day: int, last_day: int, limit: int = 12
    ) -> list[str]:
        """Events filed under any of `keys` within the days, those sharing most keys first.

        A key shared by very many events says little and would cost much: each key brings
        at most PER_KEY events, so the cost stays flat however many events the window holds.
        """
        if not keys:
            return []
        one = (
            "SELECT * FROM (SELECT event_id FROM event_keys"
            " WHERE key = ? AND day BETWEEN ? AND ? LIMIT ?)"
        )
        union = " UNION ALL ".join([one] * len(keys))
        # the ids as one string: a row apiece cost more than the search, read and counted
        # in Python one by one (0.18 -> 0.13 ms a report at 10,000 events, 0.37 -> 0.25 at
        # 100,000); no id holds the separator, a control character
        (joined,) = self.conn.execute(
            f"SELECT group_concat(event_id, char(31)) FROM ({union})",
            [v for key in keys for v in (key, first_day, last_day, PER_KEY)],
        ).fetchone()
        counts = Counter(joined.split("\x1f")) if joined else Counter[str]()
        # most keys shared first, then by id: sorted by id, then (stably) by count
        return sorted(sorted(counts), key=counts.__getitem__, reverse=True)[:limit]

    def document_frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """How many events have been counted, and in how many of them each term occurs."""
        out: dict[str, int] = {}
        wanted = ["", *terms]  # the empty term holds the number of events counted
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)
            )
        return out.pop("", 0), out

    def count_terms(self, terms: Iterable[str]) -> None:
        """Count one more document holding each of `terms` (once each)."""
        self.conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, 1)"
            " ON CONFLICT (term) DO UPDATE SET df = df + 1",
            [(t,) for t in ("", *set(terms))],
        )

    # ---- deliveries (the outbox) -------------------------------------------------------

    def enqueue(
        self,
        *,
        delivery_id: str,
        event_id: str,
        channel: str,
        kind: str,
        type: str,
        payload: str,
        at: datetime,
        expires_at: datetime,
        due: datetime | None = None,
    ) -> bool:
        """Queue one alert for one channel (sent from `due`, default `at`); False when that
        exact alert is already queued."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO deliveries (id, event_id, channel, kind, type, payload,"
            " state, attempts, created_at, next_attempt_at, expires_at)"
            " VALUES (?,?,?,?,?,?,'pending',0,?,?,?)",
            [
                delivery_id,
                event_id,
                channel,
                kind,
                type,
                payload,
                to_iso(at),
                to_iso(due or at),
                to_iso(expires_at),
            ],
        )
        return cur.rowcount == 1

    def waiting_delivery(self, event_id: str, channel: str) -> Delivery | None:
        """The newest alert of an event to a channel that was never tried yet, if any: a later
        change to the event can still be folded into it instead of sending another."""
        rows = self._deliveries(
            "WHERE event_id = ? AND channel = ? AND state = 'pending' AND attempts = 0"
            " AND type IN ('event.matched', 'event.updated') ORDER BY created_at DESC LIMIT 1",
            [event_id, channel],
        )
        return rows[0] if rows else None

    def set_payload(self, delivery_id: str, payload: str) -> None:
        """Replace the payload of an alert never tried yet (its id stays the same)."""
        self.conn.execute(
            "UPDATE deliveries SET payload = ? WHERE id = ? AND attempts = 0",
            [payload, delivery_id],
        )

    def due_deliveries(
        self, now: datetime, limit: int = 100, skip: Sequence[str] = ()
    ) -> list[Delivery]:
        """Pending deliveries due by `now`, oldest first, leaving out the channels in `skip`."""
        marks = ",".join("?" * len(skip))
        return self._deliveries(
            f"WHERE state = 'pending' AND next_attempt_at <= ? AND channel NOT IN ({marks})"
            " ORDER BY next_attempt_at LIMIT ?",
            [to_iso(now), *skip, limit],
        )

    def deliveries(self, state: str | None = None) -> list[Delivery]:
        if state:
            return self._deliveries("WHERE state = ? ORDER BY created_at DESC", [state])
        return self._deliveries("ORDER BY created_at DESC", [])

    def event_deliveries(self, event_id: str) -> list[Delivery]:
        """The alerts of one event, to every channel, oldest first."""
        return self._deliveries("WHERE event_id = ? ORDER BY created_at, channel", [event_id])

    def outbox(self, limit: int) -> list[Delivery]:
        """Deliveries failed first, then those under way or waiting, then sent; newest first."""
        return self._deliveries(
            "ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'sending' THEN 1"
            " WHEN 'pending' THEN 2 ELSE 3 END, created_at DESC LIMIT ?",
            [limit],
        )

    def delivery(self, delivery_id: str) -> Delivery | None:
        rows = self._deliveries("WHERE id = ?", [delivery_id])
        return rows[0] if rows else None

    def pending_count(self) -> int:
        """Deliveries waiting to be sent (an index range: cheap however many were ever sent)."""
        row = self.conn.execute(
            "SELECT count(*) FROM deliveries WHERE state IN ('pending', 'sending')"
        ).fetchone()
        return int(row[0])

    def count_deliveries(self) -> dict[str, int]:
        return dict(
            self.conn.execute("SELECT state, count(*) FROM deliveries GROUP BY state").fetchall()
        )

    def next_delivery_at(self, skip: Sequence[str] = ()) -> datetime | None:
        """When the next pending delivery is due, leaving out the channels in `skip`."""
        marks = ",".join("?" * len(skip))
        row = self.conn.execute(
            "SELECT min(next_attempt_at) FROM deliveries WHERE state = 'pending'"
            f" AND channel NOT IN ({marks})",
            list(skip),
        ).fetchone()
        return from_iso(row[0]) if row else None

    def _deliveries(self, tail: str, params: list[object]) -> list[Delivery]:
        rows = self.conn.execute(
            "SELECT id, event_id, channel, kind, type, payload, state, attempts, created_at,"
            " next_attempt_at, expires_at, sent_at, last_error FROM deliveries " + tail,
            params,
        ).fetchall()
        return [
            Delivery(
                id=r[0],
                event_id=r[1],
                channel=r[2],
                kind=r[3],
                type=r[4],
                payload=r[5],
                state=r[6],
                attempts=r[7],
                created_at=from_iso(r[8]) or now_utc(),
                next_attempt_at=from_iso(r[9]) or now_utc(),
                expires_at=from_iso(r[10]) or now_utc(),
                sent_at=from_iso(r[11]),
                last_error=r[12],
            )
            for r in rows
        ]

    def mark_sending(self, delivery_id: str) -> bool:
        """Claim a pending delivery for one attempt; False when it is not pending any more.

        Committed before the send, so a crash mid-send is visible and retried (same id).
        """
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE deliveries SET state = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND state = 'pending'",
                [delivery_id],
            )
        return cur.rowcount == 1

    def mark_sent(self, delivery_id: str, at: datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
                [to_iso(at), delivery_id],
            )

    def mark_retry(self, delivery_id: str, error: str, next_at: datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE deliveries SET state = 'pending', last_error = ?, next_attempt_at = ?"
                " WHERE id = ?",
                [error, to_iso(next_at), delivery_id],
            )

    def mark_failed(self, delivery_id: str, error: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?",
                [error, delivery_id],
            )

    def requeue(self, delivery_id: str, at: datetime, expires_at: datetime) -> bool:
        """Queue a delivery again (same id); False when there is no such delivery."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE deliveries SET state = 'pending', next_attempt_at = ?, expires_at = ?,"
                " last_error = NULL WHERE id = ?",
                [to_iso(at), to_iso(expires_at), delivery_id],
            )
        return cur.rowcount == 1

    def recover_interrupted(self) -> int:
        """Deliveries left 'sending' by a crash go back to the queue, keeping their id."""
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE deliveries SET state = 'pending' WHERE state = 'sending'"
            )
        return cur.rowcount

    # ---- cycles ------------------------------------------------------------------------

    def record_cycle(
        self,
        started: datetime,
        finished: datetime,
        *,
        feeds_ok: int,
        feeds_failed: int,
        new_items: int,
        new_events: int,
        alerts_sent: int,
    ) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO cycles (started_at, finished_at, feeds_ok, feeds_failed,"
                " new_items, new_events, alerts_sent) VALUES (?,?,?,?,?,?,?)",
                [
                    to_iso(started),
                    to_iso(finished),
                    feeds_ok,
                    feeds_failed,
                    new_items,
                    new_events,
                    alerts_sent,
                ],
            )

    def last_cycle(self) -> dict[str, object] | None:
        cur = self.conn.execute("SELECT * FROM cycles ORDER BY id DESC LIMIT 1")
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def vacuum(self) -> None:
        self.conn.execute("VACUUM")
        # VACUUM may renumber the rowids of `events` (its key is text), which the search
        # index refers to
        self.conn.execute("INSERT INTO events_fts (events_fts) VALUES ('rebuild')")


@contextmanager
def daemon_lock(db_path: Path) -> Iterator[bool]:
    """Hold a lock file beside the database while the daemon runs; yields False if taken."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield True
    finally:
        os.close(fd)


def daemon_running(db_path: Path) -> int | None:
    """The pid of the daemon holding the lock, or None when none runs."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    if not lock_path.exists():
        return None
    fd = os.open(lock_path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


P = ParamSpec("P")
R = TypeVar("R")


class AsyncStore:
    """Runs Store calls on one worker thread so the event loop never waits on SQLite.

    Writes queued while a commit is under way are grouped into the next transaction
    (group commit): each job runs in its own savepoint, so one failing job rolls back
    alone, and every caller is answered only after its writes are committed.
    """

    # asyncio is imported in the methods that run on a loop: the read-only commands use Store
    # alone and would pay a fifth of their start-up for it

    def __init__(self, store: Store) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="monitor-db")
        self._queue: list[tuple[Any, asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        import asyncio

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))

    async def write(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        import asyncio

        loop = asyncio.get_running_loop()
        fut: asyncio.Future[R] = loop.create_future()
        self._queue.append((lambda: fn(*args, **kwargs), fut))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await fut

    async def _flush(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        while self._queue:
            batch, self._queue = self._queue, []
            applied = loop.run_in_executor(self._executor, self._apply, batch)
            cancelled = False
            try:
                try:
                    outcomes = await asyncio.shield(applied)
                except asyncio.CancelledError:
                    # the thread commits regardless: wait for it so every caller learns
                    # what really happened, then let the cancellation through
                    cancelled = True
                    outcomes = await applied
            except Exception as exc:  # the commit itself failed: every job failed
                for _, fut in batch:
                    if not fut.done():
                        fut.set_exception(exc)
                if cancelled:
                    raise asyncio.CancelledError from exc
                continue
            self._answer(batch, outcomes)
            if cancelled:
                raise asyncio.CancelledError

    @staticmethod
    def _answer(
        batch: list[tuple[Any, asyncio.Future[Any]]], outcomes: list[tuple[bool, Any]]
    ) -> None:
        for (_, fut), (ok, value) in zip(batch, outcomes, strict=True):
            if fut.done():
                continue
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)

    def _apply(self, batch: list[tuple[Any, asyncio.Future[Any]]]) -> list[tuple[bool, Any]]:
        conn = self.store.conn
        outcomes: list[tuple[bool, Any]] = []
        with self.store.transaction():
            for job, _ in batch:
                conn.execute("SAVEPOINT job")
                try:
                    outcomes.append((True, job()))
                    conn.execute("RELEASE job")
                except Exception as exc:
                    if not conn.in_transaction:
                        raise  # SQLite rolled the whole transaction back: every job failed
                    conn.execute("ROLLBACK TO job")
                    conn.execute("RELEASE job")
                    outcomes.append((False, exc))
        return outcomes

    async def close(self) -> None:
        import asyncio

        if self._flusher is not None:
            await asyncio.gather(self._flusher, return_exceptions=True)
        self._executor.shutdown(wait=True)
