"""One pass of the monitor over its feeds: fetch, parse, store, scrape, match, event, alert.

This module wires the stages together; each stage's logic lives in its own module.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import logging
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from monitor.config import Config, FeedConfig
from monitor.dedup import StoryIndex, canonical_url, story_signature
from monitor.errors import ExtractError, FetchError, FetchErrorKind
from monitor.events import EventBook, EventChange, EventPolicy, Sighting
from monitor.extract import Extractor
from monitor.fetch import Fetcher, backoff_delay
from monitor.hints import PrivateHosts
from monitor.models import (
    Alert,
    Analysis,
    Article,
    Document,
    Entry,
    PageHints,
    Report,
    Response,
    iso,
)
from monitor.outbox import Outbox
from monitor.prepare import (
    SCRAPING_DISABLED,
    PreparedEntry,
    PreparedFeed,
    entry_row,
    feed_report,
)
from monitor.progress import tracked
from monitor.rules import Ruleset, load_ruleset
from monitor.store import (
    AsyncStore,
    FeedState,
    ItemRow,
    Store,
    now_utc,
)
from monitor.textnorm import one_line
from monitor.workers import FeedWorkers, default_workers

if TYPE_CHECKING:  # prometheus_client is imported only by whoever makes the Metrics
    from monitor.metrics import Metrics

log = logging.getLogger("monitor")

# A permanent redirect must be seen this many polls in a row before the feed's URL follows it.
REDIRECT_ADOPT_AFTER = 3
# Allocations between young-generation collections (CPython's default is 700).
GC_YOUNG_THRESHOLD = 20_000


def tune_gc() -> None:
    """Make the garbage collector cheap for a process that streams many short-lived objects.

    A cold cycle unpickles hundreds of thousands of entries from the workers; with CPython's
    defaults the collector rescans every long-lived object (modules, ruleset, config) again
    and again. Those are frozen out of its view, and it runs less often.
    """
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)


@dataclass(frozen=True)
class CycleStats:
    """Totals of one cycle, as logged and stored."""

    feeds_ok: int = 0
    feeds_failed: int = 0
    new_items: int = 0
    new_events: int = 0
    alerts_sent: int = 0


@dataclass(frozen=True)
class FeedOutcome:
    """What one poll of one feed did."""

    name: str
    ok: bool
    skipped: bool = False
    new_items: int = 0
    new_events: int = 0
    error: str | None = None


@dataclass(frozen=True)
class NewItem:
    """An entry this poll must store: new (item_id None), or known with changed text."""

    item_id: int | None
    prepared: PreparedEntry
    first_seen: datetime

    @property
    def key(self) -> str:
        return self.prepared.key

    @property
    def entry(self) -> Entry:
        return self.prepared.entry


@dataclass(frozen=True)
class NewEntries:
    """What a poll must store: rows ready as prepared, and items still to scrape or match."""

    rows: list[ItemRow]  # new items that matched nothing
    replaced: list[tuple[int, ItemRow]]  # stored items (by id) whose text changed to that
    items: list[NewItem]


@dataclass(frozen=True)
class Stored:
    """What one poll stored."""

    changes: list[EventChange]
    new_items: int  # stored for the first time
    changed_items: int  # known items stored again with their new text


@dataclass(frozen=True)
class Scraped:
    """An item with the text it is matched on."""

    item: NewItem
    article: Article | None
    fallback_reason: str | None
    extract_ms: float | None
    report: Report

    @property
    def document(self) -> Document:
        return self.report.document


class Monitor:
    """Everything one process needs to poll feeds and deliver alerts."""

    def __init__(
        self,
        config: Config,
        store: Store,
        ruleset: Ruleset,
        fetcher: Fetcher,
        extractor: Extractor | None,
        metrics: Metrics | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.db = AsyncStore(store)
        self.fetcher = fetcher
        self.extractor = extractor
        self.metrics = metrics
        workers = config.polling.workers
        self.workers = FeedWorkers(
            ruleset,
            default_workers(len(config.feeds)) if workers is None else workers,
            timeout=max(config.polling.timeout, 30.0),
            extraction=self._scraping,
        )
        self.stories = StoryIndex(store.conn)
        self.rng = random.Random()
        self.outbox = Outbox(config, store, self.db, fetcher.client, metrics, self.rng)
        self.events = EventBook(store, self.stories, self.outbox, _policy(config))
        self._in_flight = asyncio.Semaphore(config.polling.concurrency)
        self._private_hosts = PrivateHosts()  # a WARNING once per host per run
        store.sync_feeds((f.name, f.url) for f in config.feeds)

    async def deliver_due(self) -> int:
        """Send the alerts that are due (see Outbox.deliver_due)."""
        return await self.outbox.deliver_due()

    def reconfigure(self, config: Config, ruleset: Ruleset) -> None:
        """Use a reloaded config and ruleset from now on (SIGHUP); channels change at once."""
        self.config = config
        self.outbox.config = config
        self.events.reconfigure(_policy(config))
        self.workers.set_ruleset(ruleset)

    async def close(self) -> None:
        self.workers.close()
        await self.db.close()

    # ---- one cycle ---------------------------------------------------------------------

    async def run_cycle(self, feeds: Sequence[FeedConfig] | None = None) -> CycleStats:
        """Poll the feeds concurrently, then deliver what is due; log and record a summary."""
        started = now_utc()
        feeds = self.config.feeds if feeds is None else feeds
        # one read for every feed's state: a thousand separate reads cost more than the 304s
        states = {
            s.name: s for s in await self.db.read(self.store.feed_states, [f.name for f in feeds])
        }
        outcomes = await asyncio.gather(
            *(self.poll_feed(f, states.get(f.name)) for f in feeds), return_exceptions=True
        )
        ok = failed = items = events = 0
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                # a bug in one feed's path must not take the others down
                log.error("feed poll crashed: %s", one_line(repr(outcome)))
                failed += 1
                continue
            if outcome.skipped:
                continue
            ok += outcome.ok
            failed += not outcome.ok
            items += outcome.new_items
            events += outcome.new_events
        sent = await self.deliver_due()
        stats = CycleStats(ok, failed, items, events, sent)
        await self.record_cycle(started, stats)
        return stats

    async def record_cycle(self, started: datetime, stats: CycleStats) -> None:
        """Store and log the totals of one cycle (a `once` pass, or a daemon interval)."""
        finished = now_utc()
        try:
            await self.db.write(
                self.store.record_cycle,
                started,
                finished,
                feeds_ok=stats.feeds_ok,
                feeds_failed=stats.feeds_failed,
                new_items=stats.new_items,
                new_events=stats.new_events,
                alerts_sent=stats.alerts_sent,
            )
        except sqlite3.Error as exc:
            # the cycle's work is stored (or will be again): only its summary row is lost
            log.warning("cycle summary not recorded: %s", exc)
        log.info(
            "cycle: feeds ok=%d failed=%d, new items=%d, new events=%d, alerts sent=%d",
            stats.feeds_ok,
            stats.feeds_failed,
            stats.new_items,
            stats.new_events,
            stats.alerts_sent,
        )
        if self.metrics:
            self.metrics.cycle_done(finished.timestamp())

    async def poll_feed(self, feed: FeedConfig, state: FeedState | None = None) -> FeedOutcome:
        """Fetch, parse and store one feed, then scrape and match its new items."""
        # bounds memory: a fetched body waits for parsing and storage with its slot held
        async with self._in_flight:
            return await self._poll_feed(feed, state)

    async def _poll_feed(self, feed: FeedConfig, state: FeedState | None) -> FeedOutcome:
        if state is None:
            state = await self.db.read(self.store.feed_state, feed.name)
        if state.gone:
            return FeedOutcome(feed.name, ok=False, skipped=True)
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        now = now_utc()  # of the whole poll: its items' first-seen time
        # decided once per poll, so a reload in the middle cannot mix the two paths
        scraping = self._scraping
        try:
            resp = await self.fetcher.fetch_feed(
                state.url,
                etag=state.etag,
                last_modified=state.last_modified,
                configured=state.configured_url,
            )
            # without scraping, the feed's own text is what is matched: the worker does it
            prepared = (
                None
                if resp.not_modified
                else await self.workers.prepare(
                    resp.body,
                    resp.final_url,
                    resp.headers.get("content-type"),
                    feed=feed.name,
                    now=now,
                    match=not scraping,
                )
            )
        except FetchError as exc:
            self._count_fetch(exc.kind.value, loop.time() - t0)
            await self._record_failure(feed, state, exc)
            return FeedOutcome(feed.name, ok=False, error=str(exc))
        except Exception as exc:
            # a bug met by this feed's document (in a parser, say) is this feed's failure,
            # recorded and retried with backoff, as in _process below
            log.exception("feed %s: unexpected error while reading it", feed.name)
            failure = FetchError(FetchErrorKind.OTHER, f"{type(exc).__name__}: {exc}")
            self._count_fetch(failure.kind.value, loop.time() - t0)
            await self._record_failure(feed, state, failure)
            return FeedOutcome(feed.name, ok=False, error=str(failure))
        self._count_fetch("not_modified" if resp.not_modified else "ok", loop.time() - t0)
        try:
            return await self._process(feed, state, resp, prepared, now, scraping)
        except sqlite3.OperationalError as exc:
            # the database refused the poll (locked by another process, disk full): not the
            # feed's fault, so no backoff; nothing was stored, and the next poll stores it all
            # (an IntegrityError is a bug, met by this feed's content: recorded below)
            log.error("feed %s: its poll could not be stored: %s", feed.name, exc)
            return FeedOutcome(feed.name, ok=False, error=f"database: {exc}")
        except Exception as exc:
            # a bug met by one feed's content is that feed's failure, recorded and retried
            # with backoff, never a crash of the cycle
            log.exception("feed %s: unexpected error while processing it", feed.name)
            failure = FetchError(FetchErrorKind.OTHER, f"{type(exc).__name__}: {exc}")
            await self._record_failure(feed, state, failure)
            return FeedOutcome(feed.name, ok=False, error=str(failure))

    @property
    def _scraping(self) -> bool:
        return self.config.scraping.enabled and self.extractor is not None

    async def _process(
        self,
        feed: FeedConfig,
        state: FeedState,
        resp: Response,
        prepared: PreparedFeed | None,
        now: datetime,
        scraping: bool,
    ) -> FeedOutcome:
        """Store what a successful fetch brought: new items, their matches, events, alerts."""
        if prepared is None:
            await self.db.write(self._record_success, feed, state, resp, now, 0)
            return FeedOutcome(feed.name, ok=True)
        await self._follow_permanent_redirect(feed, state, resp)
        # items, events, their alerts and the feed's new ETag commit together: a crash
        # before the commit means the next poll sees the same entries again, never half
        if scraping:
            new = await self.db.read(self._new_entries, feed, prepared, now)
            scraped = list(await asyncio.gather(*(self._scrape(item) for item in new.items)))
            analyses = await self.workers.analyse([s.report for s in scraped])
            results = list(zip(scraped, analyses, strict=True))
            stored = await self.db.write(self._store_poll, feed, state, resp, new, results, now)
        else:
            # the entries' own text was matched where they were parsed: deciding what is new
            # and storing it is then one database job, with no task per item
            stored = await self.db.write(self._store_unscraped, feed, state, resp, prepared, now)
        if self.metrics:
            self.metrics.items(stored.new_items)
        for change in stored.changes:
            self._log_change(feed, change)
        created = sum(c.created for c in stored.changes)
        new_items = stored.new_items + stored.changed_items
        return FeedOutcome(feed.name, ok=True, new_items=new_items, new_events=created)

    def _count_fetch(self, outcome: str, seconds: float) -> None:
        if self.metrics:
            self.metrics.fetch(outcome, seconds)

    def _log_change(self, feed: FeedConfig, change: EventChange) -> None:
        if not change.created and not change.new_rules:
            log.info("event %s also carried by %s", change.event_id, one_line(feed.name, 80))
            return
        if self.metrics:
            self.metrics.event("matched" if change.created else "updated")
        log.info(
            "%s %s from %s: %s [rules: %s]%s",
            "new event" if change.created else "event updated",
            change.event_id,
            one_line(feed.name, 80),
            one_line(change.title, 160),
            ", ".join(change.new_rules),
            "" if change.alerted else " (not alerted: older than alerts.max_age)",
        )

    # ---- feed health -------------------------------------------------------------------

    def _record_success(
        self, feed: FeedConfig, state: FeedState, resp: Response, now: datetime, new: int
    ) -> None:
        fields: dict[str, object] = {
            "last_fetch_at": now,
            "last_ok_at": now,
            "last_status": resp.status,
            "last_error": None,
            "last_error_kind": None,
            "consecutive_failures": 0,
            "next_attempt_at": now + timedelta(seconds=feed.interval),
            "items_seen": state.items_seen + new,
            "failing_since": None,
            "failing_alerted": 0,
        }
        if not resp.not_modified:
            fields["etag"] = resp.headers.get("etag")
            fields["last_modified"] = resp.headers.get("last-modified")
        if state.consecutive_failures:
            log.info("feed %s recovered after %d failures", feed.name, state.consecutive_failures)
        if state.failing_alerted:
            self._enqueue_feed_notice("feed.recovered", feed, state, now)
        self.store.update_feed(feed.name, **fields)

    async def _record_failure(self, feed: FeedConfig, state: FeedState, exc: FetchError) -> None:
        now = now_utc()
        failures = state.consecutive_failures + 1
        delay = backoff_delay(failures, feed.interval, exc.retry_after, self.rng)
        message = one_line(exc.message, 300)
        log.warning(
            "feed %s failed (%s%s): %s; failures=%d, next attempt in %ds",
            feed.name,
            exc.kind.value,
            f" {exc.status}" if exc.status else "",
            message,
            failures,
            delay,
        )
        gone = exc.kind is FetchErrorKind.GONE
        if gone:
            log.error(
                "feed %s answered 410 Gone: polling stopped; fix its URL in the config", feed.name
            )

        def write() -> None:
            fresh = self.store.feed_state(feed.name)
            failing_since = fresh.failing_since or now
            fields: dict[str, object] = {
                "last_fetch_at": now,
                "last_status": exc.status,
                "last_error": message,
                "last_error_kind": exc.kind.value,
                "consecutive_failures": failures,
                "next_attempt_at": now + timedelta(seconds=delay),
                "failing_since": failing_since,
                "gone": int(gone or fresh.gone),
            }
            too_long = (
                now - failing_since
            ).total_seconds() >= self.config.alerts.feed_failing_after
            if too_long and not fresh.failing_alerted:
                fields["failing_alerted"] = 1
                self._enqueue_feed_notice("feed.failing", feed, fresh, now, error=message)
            self.store.update_feed(feed.name, **fields)

        await self.db.write(write)

    def _enqueue_feed_notice(
        self, kind: str, feed: FeedConfig, state: FeedState, now: datetime, error: str = ""
    ) -> None:
        since = state.failing_since or now
        alert = Alert(
            type=kind,
            id="feed_" + hashlib.sha256(feed.name.encode()).hexdigest()[:20],
            title=f"Feed {feed.name} is failing"
            if kind == "feed.failing"
            else f"Feed {feed.name} recovered",
            url=state.url,
            source=feed.name,
            published=now,
            snippet=error or f"failing since {iso(since)}",
            extra={"failing_since": iso(since)},
        )
        log.warning("%s: %s", kind, feed.name)
        self.outbox.enqueue(alert, (kind, feed.name, iso(since)), now)

    async def _follow_permanent_redirect(
        self, feed: FeedConfig, state: FeedState, resp: Response
    ) -> None:
        permanent = bool(resp.redirects) and all(s in (301, 308) for s, _ in resp.redirects)
        target = resp.final_url if permanent else None
        if target == state.url or (target is None and state.redirect_url is None):
            return  # nothing seen and nothing to forget: no write on the common path
        count = state.redirect_count + 1 if target and target == state.redirect_url else 1
        fields: dict[str, object] = {
            "redirect_url": target,
            "redirect_count": count if target else 0,
        }
        if target and count >= REDIRECT_ADOPT_AFTER:
            # a redirect target is a URL from a stranger: it must pass the same guard as links
            if await self.fetcher.url_allowed(target):
                log.warning(
                    "feed %s: permanent redirect seen %d times, now polling %s",
                    feed.name,
                    count,
                    one_line(target, 200),
                )
                fields.update(url=target, redirect_url=None, redirect_count=0)
            else:
                log.warning(
                    "feed %s: permanent redirect to a refused address kept unadopted: %s",
                    feed.name,
                    one_line(target, 200),
                )
        elif target:
            log.info("feed %s: permanent redirect to %s (%d)", feed.name, one_line(target), count)
        await self.db.write(self.store.update_feed, feed.name, **fields)

    # ---- items -------------------------------------------------------------------------

    def _new_entries(self, feed: FeedConfig, prepared: PreparedFeed, now: datetime) -> NewEntries:
        """Entries not stored yet, or stored with other text; cost grows with the feed only."""
        keys = [p.key for p in prepared.entries] + [r.key for r in prepared.rows]
        known = self.store.known_items(feed.name, keys)
        new = NewEntries([], [], [])
        for row in prepared.rows:
            stored = known.get(row.key)
            if stored is None:
                new.rows.append(row)
            elif stored.content_hash != row.content_hash:
                new.replaced.append((stored.id, row))  # its first-seen time is kept
        for entry in prepared.entries:
            stored = known.get(entry.key)
            if stored is None:
                new.items.append(NewItem(None, entry, now))
            elif stored.content_hash != entry.content_hash:
                # changed text: same item, and still first seen when it was first seen
                new.items.append(NewItem(stored.id, entry, stored.first_seen))
        return new

    def _store_unscraped(
        self,
        feed: FeedConfig,
        state: FeedState,
        resp: Response,
        prepared: PreparedFeed,
        now: datetime,
    ) -> Stored:
        """_store_poll for entries matched on their own text as they were prepared (db thread)."""
        new = self._new_entries(feed, prepared, now)
        results = []
        for item in new.items:
            analysis = item.prepared.analysis
            assert analysis is not None, "entries prepared without scraping come matched"
            results.append((self._unscraped(item, SCRAPING_DISABLED), analysis))
        return self._store_poll(feed, state, resp, new, results, now)

    def _store_poll(
        self,
        feed: FeedConfig,
        state: FeedState,
        resp: Response,
        new: NewEntries,
        results: Sequence[tuple[Scraped, Analysis]],
        now: datetime,
    ) -> Stored:
        """Everything one successful poll writes, in the caller's transaction (db thread):
        the rows ready since preparing, and the items of `results` with their events."""
        changes, rows, replaced = [], list(new.rows), len(new.replaced)
        for item_id, row in new.replaced:
            self.store.replace_item(item_id, row)
        # a feed lists its newest first: filed oldest first, the first report of an event
        # opens it and the later ones (a name, a confirmation) join it, as they would have
        # had they been polled one by one
        results = sorted(results, key=lambda r: _filing_time(r[0].report))
        for scraped, result in results:
            change, row = self.record_match(feed.name, scraped, result, now)
            if change is not None:
                changes.append(change)
            if scraped.item.item_id is None:
                rows.append(row)
            else:
                self.store.replace_item(scraped.item.item_id, row)
                replaced += 1
        self.store.insert_items(rows)
        self._record_success(feed, state, resp, now, len(rows))
        return Stored(changes, new_items=len(rows), changed_items=replaced)

    @staticmethod
    def _unscraped(item: NewItem, reason: str) -> Scraped:
        """The feed's own text stands in for the article; `reason` says why."""
        return Scraped(item, None, reason, None, feed_report(item.entry, item.first_seen))

    async def _scrape(self, item: NewItem) -> Scraped:
        """The item's article text, or the feed's own text with the reason recorded."""
        entry = item.entry
        if not entry.url or self.extractor is None:
            return self._unscraped(item, "no_link")
        loop = asyncio.get_running_loop()
        try:
            resp = await self.fetcher.fetch_page(entry.url)
            t0 = loop.time()
            article = await self.extractor.extract(
                resp.body, resp.final_url, resp.headers.get("content-type")
            )
        except FetchError as exc:
            log.info("article %s not fetched (%s)", one_line(entry.url, 200), exc.kind.value)
            self._private_hosts.note(exc)
            return self._unscraped(item, f"fetch_{exc.kind.value}")
        except ExtractError as exc:
            return self._unscraped(item, f"extract_{exc.reason}")
        except Exception as exc:  # never lose the item over one odd page
            log.warning("article %s: %s: %s", one_line(entry.url, 200), type(exc).__name__, exc)
            return self._unscraped(item, "fetch_other")
        ms = (loop.time() - t0) * 1000
        doc = Document(title=entry.title, summary=entry.summary, body=article.text)
        hints = PageHints(resp.final_url, article.types, article.section, article.author)
        published = entry.published or article.published or item.first_seen
        return Scraped(item, article, None, ms, Report(doc, published, article.language, hints))

    def record_match(
        self, feed: str, scraped: Scraped, analysis: Analysis, now: datetime
    ) -> tuple[EventChange | None, ItemRow]:
        """File the item in its event when it matched and queue the alerts; the item's row
        (db thread)."""
        item, article, entry = scraped.item, scraped.article, scraped.item.entry
        result = analysis.result
        body = article.text if article is not None else None
        canon = None
        if article is not None and article.canonical_url:
            canon = canonical_url(article.canonical_url)
        elif entry.url and result.matched:
            # only events need it, and a cold start brings tens of thousands of items
            canon = canonical_url(entry.url)
        change = None
        if result.matched:
            change = self.events.record(self._sighting(feed, scraped, analysis, canon, now), now)
        row = entry_row(
            feed, item.key, entry, item.prepared.content_hash, item.first_seen, now
        )._replace(
            canonical_url=canon,
            body_text=body if body is not None and self.config.scraping.store_text else None,
            body_hash=hashlib.sha256(body.encode()).hexdigest()[:32] if body is not None else None,
            body_length=len(body) if body is not None else None,
            extract_method=article.method if article else None,
            extract_ms=scraped.extract_ms,
            fallback_reason=scraped.fallback_reason,
            rules=json.dumps(list(result.rules)) if result.rules else "[]",
            event_id=change.event_id if change else None,
        )
        return change, row

    def rematch_item(
        self, feed: str, scraped: Scraped, analysis: Analysis, now: datetime
    ) -> EventChange | None:
        """Apply a new match to a stored item: only its rules and event change (db thread)."""
        change, row = self.record_match(feed, scraped, analysis, now)
        assert scraped.item.item_id is not None
        self.store.update_item(scraped.item.item_id, rules=row.rules, event_id=row.event_id)
        return change

    def _sighting(
        self, feed: str, scraped: Scraped, analysis: Analysis, canon: str | None, now: datetime
    ) -> Sighting:
        """What the event book needs of a matched item."""
        item, article, entry = scraped.item, scraped.article, scraped.item.entry
        published = entry.published or (article.published if article else None) or item.first_seen
        if article is None and item.prepared.signature is not None:
            signature = item.prepared.signature  # computed where the feed was parsed
        else:
            signature = story_signature(entry.title, scraped.document.body or entry.summary)
        return Sighting(
            feed=feed,
            url=canon or f"item:{feed}:{item.key}",
            canonical=canon,
            title=(article.title if article and article.title else entry.title),
            lang=scraped.report.lang or _language(analysis, scraped.document.body or entry.summary),
            published=min(published, now),
            analysis=analysis,
            signature=signature,
            alert_commentary=self._alert_commentary(feed, analysis),
        )

    def _alert_commentary(self, feed: str, analysis: Analysis) -> bool:
        """Whether commentary from this feed, matched by these rules, alerts too."""
        if any(r in self.workers.ruleset.commentary_rules for r in analysis.result.rules):
            return True
        config = next((f for f in self.config.feeds if f.name == feed), None)
        if config is not None and config.alert_commentary is not None:
            return config.alert_commentary
        return self.config.matching.alert_commentary


def _filing_time(report: Report) -> float:
    return report.published.timestamp() if report.published else float("inf")


def _policy(config: Config) -> EventPolicy:
    return EventPolicy(
        max_age=config.alerts.max_age,
        dedup_window=config.matching.dedup_window,
        event_window=config.matching.event_window,
        update_interval=config.alerts.update_interval,
    )


def _language(analysis: Analysis, text: str) -> str | None:
    """The language of a report without a declared one: the one its frame was read in (where
    it was matched), else detected in `text`: Arabic script, else French or English by their
    commonest words."""
    if analysis.frame is not None:
        return analysis.lang  # detected once, with the frame (the same on the whole corpus)
    from monitor.frames import detect_language

    return detect_language(text)


async def run_once(config: Config, *, metrics: Metrics | None = None) -> CycleStats:
    """`monitor once`: one full cycle over every feed, then deliver due alerts."""
    ruleset = load_ruleset(config.matching.rules)
    store = Store(config.storage.path)
    tune_gc()
    try:
        store.recover_interrupted()
        async with Fetcher(config.polling, config.scraping) as fetcher:
            extractor = (
                Extractor(max_size=config.scraping.max_size) if config.scraping.enabled else None
            )
            monitor = Monitor(config, store, ruleset, fetcher, extractor, metrics)
            try:
                stats = await monitor.run_cycle()
                extra = await monitor.outbox.settle()
            finally:
                await monitor.close()
                if extractor is not None:
                    extractor.close()
            if extra:
                stats = CycleStats(
                    stats.feeds_ok,
                    stats.feeds_failed,
                    stats.new_items,
                    stats.new_events,
                    stats.alerts_sent + extra,
                )
            return stats
    finally:
        store.close()


async def rematch(config: Config, since: datetime) -> tuple[int, int]:
    """Apply the configured ruleset to items stored since `since`; alert only fresh events."""
    ruleset = load_ruleset(config.matching.rules)
    store = Store(config.storage.path)
    created = updated = 0
    try:
        async with Fetcher(config.polling, config.scraping) as fetcher:
            monitor = Monitor(config, store, ruleset, fetcher, None)
            try:
                stored_items = await monitor.db.read(lambda: list(store.items(since=since)))
                for stored in tracked(stored_items, "rematch"):
                    body = stored.body_text or stored.content
                    doc = Document(title=stored.title, summary=stored.summary, body=body)
                    published = stored.published_at or stored.first_seen_at
                    hints = PageHints(url=stored.canonical_url or stored.url or "")
                    report = Report(doc, published, hints=hints)
                    analysis = ruleset.analyse(report)
                    if not analysis.result.matched:
                        continue
                    entry = Entry(
                        guid=None,
                        url=stored.canonical_url or stored.url,
                        title=stored.title,
                        summary=stored.summary,
                        content=stored.content,
                        published=stored.published_at,
                    )
                    prepared = PreparedEntry(entry, stored.key, stored.content_hash)
                    item = NewItem(stored.id, prepared, stored.first_seen_at)
                    scraped = Scraped(item, None, None, None, report)
                    change = await monitor.db.write(
                        monitor.rematch_item, stored.feed, scraped, analysis, now_utc()
                    )
                    if change is None:
                        continue
                    if change.created or change.new_rules:
                        feed = next((f for f in config.feeds if f.name == stored.feed), None)
                        if feed is not None:
                            monitor._log_change(feed, change)
                    created += change.created
                    updated += not change.created and bool(change.new_rules)
                await monitor.deliver_due()
            finally:
                await monitor.close()
    finally:
        store.close()
    return created, updated
