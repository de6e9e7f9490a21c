"""Filing matched reports into events, and the alerts that follows (db thread).

identity.Decider decides; this module wires it to the store, the story index and the outbox:

    record(sighting):
        the same article seen before (URL), or a copy of a stored story (MinHash)
            -> a source of that event
        commentary (and not opted into alerting)
            -> an event of its own, kind = opinion, analysis..., never alerted
        else: candidates = events filed under its places, people and rare words, days near
              decision = Decider.decide(frame, candidates)
            join -> a source of that event; the event's frame merged with the report's;
                    substance added (a death confirmed, a name, a place) -> event.updated
            new  -> an event, filed under its keys; event.matched when fresh
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import filterfalse

from monitor.dedup import StoryIndex, StorySignature, event_id_for
from monitor.identity import (
    MENTION_JOIN,
    Candidate,
    Decider,
    Decision,
    idf_weights,
    rare_terms,
    weigh,
)
from monitor.models import REPORT, Analysis, Frame, Source
from monitor.outbox import Outbox
from monitor.store import EventRow, Store

CANDIDATE_CACHE = 20_000  # events kept as ready candidates (their frames and weights)

log = logging.getLogger("monitor")


@dataclass(frozen=True)
class Sighting:
    """One matched report of a feed item, as the event book files it."""

    feed: str
    url: str  # the canonical URL, else "item:FEED:KEY" for an item without a link
    canonical: str | None
    title: str
    lang: str | None
    published: datetime  # the item's date (clamped to now), else when first seen
    analysis: Analysis
    signature: StorySignature
    alert_commentary: bool = False  # the feed, config or a rule opts commentary in


@dataclass(frozen=True)
class EventChange:
    """What filing a report did to the events (for logs and counters)."""

    event_id: str
    title: str
    created: bool
    new_rules: tuple[str, ...]
    alerted: bool
    changes: tuple[str, ...] = ()  # substance the report added to an existing event
    kind: str = REPORT


@dataclass(frozen=True)
class EventPolicy:
    """The config values the event book needs."""

    max_age: float  # seconds: older reports are filed, never alerted
    dedup_window: float  # seconds: how far back a copy of a story joins its event
    event_window: float  # seconds between the days of two reports of one event
    update_interval: float  # seconds: at most one event.updated per event this often


class WordStats:
    """In how many reports each word occurs (the IDF of the wording measure): kept in the
    store, with the values in use cached here so a report costs lookups, not queries."""

    CACHE = 200_000  # words kept in memory (a few MB)

    def __init__(self, store: Store) -> None:
        self.store = store
        self._df: dict[str, int] = {}
        self._documents: int | None = None
        self._idf: dict[str, float] = {}
        self._idf_at = 0  # the count of reports the cached weights were computed with
        self.epoch = 0  # bumped whenever the cached weights are dropped

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        """The IDF weight of each term (weights kept until the count of reports has grown by
        a twentieth: they hardly move in between)."""
        df = self._df
        # (the terms looked up in C: map over the dicts' own methods)
        missing = [] if all(map(df.__contains__, terms)) else list(dict.fromkeys(terms))
        if missing:
            missing = list(filterfalse(df.__contains__, missing))
        if missing or self._documents is None:
            documents, found = self.store.document_frequencies(missing)
            if len(df) + len(missing) > self.CACHE:
                df.clear()
                self._idf.clear()
            self._documents = documents
            df.update({t: found.get(t, 0) for t in missing})
        if self._documents > self._idf_at * 1.05 + 20:
            self._idf.clear()
            self._idf_at = self._documents
            self.epoch += 1
        idf = self._idf
        try:
            return dict(zip(terms, map(idf.__getitem__, terms), strict=True))
        except KeyError:  # weights not known yet
            unknown = list(filterfalse(idf.__contains__, terms))
            idf.update(idf_weights(unknown, self._idf_at, df))
            return dict(zip(terms, map(idf.__getitem__, terms), strict=True))

    def count(self, terms: Sequence[str]) -> None:
        """One more report holding each of `terms` (in the caller's transaction)."""
        self.store.count_terms(terms)
        self._documents = (self._documents or 0) + 1
        for t in set(terms):
            if t in self._df:
                self._df[t] += 1


class EventBook:
    """Files matched reports into events and queues their alerts, in the caller's transaction."""

    def __init__(
        self, store: Store, stories: StoryIndex, outbox: Outbox, policy: EventPolicy
    ) -> None:
        self.store = store
        self.stories = stories
        self.outbox = outbox
        self.policy = policy
        self.decider = Decider(window_days=policy.event_window / 86400)
        self.words = WordStats(store)
        # candidates by event id, with the word-statistics epoch their weights were made in
        self._cache: dict[str, tuple[int, Candidate]] = {}

    def reconfigure(self, policy: EventPolicy) -> None:
        """Use a reloaded config's values from now on (SIGHUP)."""
        self.policy = policy
        self.decider = replace(self.decider, window_days=policy.event_window / 86400)

    def record(self, s: Sighting, now: datetime) -> EventChange:
        """File one matched report: join the event it reports, or start one."""
        frame, genre = s.analysis.frame, s.analysis.genre
        assert frame is not None and genre is not None, "a matched report has a frame"
        fresh = (now - s.published).total_seconds() <= self.policy.max_age
        window = now - timedelta(seconds=self.policy.dedup_window)
        same = self.store.event_for_url(s.url) or self.stories.find(s.signature, since=window)
        if same:
            return self._join(same, s, now, fresh, {"joined": same, "reason": "the same story"})
        if not genre.is_report and not s.alert_commentary and not genre.unless_new:
            return self._create(s, now, alerted=False, indexed=False)
        day = frame.when or s.published.date()
        idf = self.words.idf(frame.terms)
        keys = self.decider.keys(frame, rare_terms(frame.terms, idf))
        back, ahead = self.decider.reach(frame)
        found = self.store.candidate_events(keys, _day(day) - back, _day(day) + ahead)
        decider = replace(self.decider, join=MENTION_JOIN) if genre.unless_new else self.decider
        decision = decider.decide(frame, day, self._candidates(found), idf, s.feed)
        self.words.count(frame.terms)
        if decision.event_id is not None:
            return self._join(decision.event_id, s, now, fresh, decision.explain())
        # (a roundup's item that no report has told yet is the occurrence's first report)
        kind = REPORT if genre.unless_new else genre.kind
        change = self._create(s, now, alerted=fresh, indexed=True, decision=decision, kind=kind)
        self.store.index_event(change.event_id, keys, _day(day))
        return change

    def _candidates(self, ids: list[str]) -> list[Candidate]:
        """The events of `ids` as candidates, with their weighted terms. Kept between
        reports (the same events are candidates for report after report) until they change;
        weighed again when the word statistics move (only this book writes events: a frame
        kept is the stored one)."""
        cache, epoch = self._cache, self.words.epoch
        if len(cache) > CANDIDATE_CACHE:
            cache.clear()
        missing = []
        for i in ids:
            kept = cache.get(i)
            if kept is None:
                missing.append(i)
            elif kept[0] != epoch:
                c = kept[1]
                weights = self._weigh(c.frame)
                cache[i] = (epoch, Candidate(c.event_id, c.frame, c.day, weights, c.feed))
        for eid, frame, day, feed in self.store.report_frames(missing):
            cache[eid] = (epoch, Candidate(eid, frame, day, self._weigh(frame), feed))
        return [kept[1] for kept in map(cache.get, ids) if kept is not None]

    def _weigh(self, frame: Frame) -> tuple[dict[str, float], float]:
        return weigh(frame.terms, self.words.idf(frame.terms))

    def _create(
        self,
        s: Sighting,
        now: datetime,
        *,
        alerted: bool,
        indexed: bool,
        decision: Decision | None = None,
        kind: str | None = None,
    ) -> EventChange:
        result, frame, genre = s.analysis.result, s.analysis.frame, s.analysis.genre
        assert frame is not None and genre is not None
        event = EventRow(
            id=self._new_id(s.url),
            title=s.title or s.url,
            url=s.canonical or "",
            source=s.feed,
            published_at=s.published,
            first_seen_at=now,
            updated_at=now,
            rules=result.rules,
            snippet=result.snippet,
            score=result.score,
            kind=kind or genre.kind,
            kind_reason=genre.reason,
            what=frame.what,
            who=frame.who,
            where=frame.where,
            when=frame.when,
            terms=frame.terms if indexed else (),
        )
        self.store.insert_event(event, alerted=alerted)
        explain = decision.explain() if decision else {"reason": f"{genre.kind}: {genre.reason}"}
        self._add_source(event.id, s, now, {**explain, "created": True})
        self.stories.add(event.id, s.signature, now)
        if alerted:
            self.outbox.enqueue(
                replace(event, sources=self._sources(event.id)).alert("event.matched"),
                ("event.matched", event.id, ""),
                now,
            )
        return EventChange(event.id, event.title, True, result.rules, alerted, kind=event.kind)

    def _join(
        self, event_id: str, s: Sighting, now: datetime, fresh: bool, explain: dict[str, object]
    ) -> EventChange:
        event = self.store.event(event_id)
        assert event is not None
        result, frame = s.analysis.result, s.analysis.frame
        assert frame is not None
        self._add_source(event_id, s, now, explain)
        added = tuple(r for r in result.rules if r not in event.rules)
        merged = self.decider.merge(event.frame, frame) if event.kind == REPORT else None
        updated = replace(
            event,
            rules=(*event.rules, *added),
            score=max(event.score, result.score),
            snippet=event.snippet if not added else result.snippet,
            updated_at=now,
        )
        if merged is not None:
            f = merged.frame
            updated = replace(updated, what=f.what, who=f.who, where=f.where, when=f.when)
            updated = replace(updated, terms=f.terms)
            if f.who != event.frame.who or f.where != event.frame.where:
                # found by the names and places its later reports gave too: "Abu Dujana
                # al-Raqqawi", named by the second outlet, brings the third to the event
                day = _day(f.when or (event.published_at or now).date())
                self.store.index_event(event_id, self.decider.keys(f), day)
        substance = merged is not None and merged.substance and event.kind == REPORT
        alerted = False
        if event.alerted:
            current = replace(updated, sources=self._sources(event_id))
            if substance and fresh:
                assert merged is not None
                due = self.outbox.enqueue_update(
                    current, merged.changes, now, event.last_update_at, self.policy.update_interval
                )
                if due is not None:
                    updated = replace(updated, last_update_at=due)
                alerted = True
            else:
                self.outbox.refresh_waiting(current)
        self.store.save_event(updated)
        self._cache.pop(event_id, None)  # its frame changed
        changes = merged.changes if merged is not None and substance else ()
        return EventChange(event_id, event.title, False, added, alerted, changes, event.kind)

    def _sources(self, event_id: str) -> tuple[Source, ...]:
        return tuple(r.source for r in self.store.event_sources(event_id, decisions=False))

    def _add_source(
        self, event_id: str, s: Sighting, now: datetime, explain: Mapping[str, object]
    ) -> None:
        genre = s.analysis.genre
        frame = s.analysis.frame
        details = {
            **explain,
            "kind": genre.kind if genre else REPORT,
            "kind_reason": genre.reason if genre else "",
            "frame": _frame_json(frame) if frame else None,
            # why each rule matched this report: the sentence(s) carrying its hits
            "matched": [
                {"rule": h.rule, "fields": list(h.fields), "snippet": h.snippet}
                for h in s.analysis.result.hits
            ],
        }
        self.store.add_source(
            event_id,
            s.feed,
            s.url,
            now,
            title=s.title,
            lang=s.lang,
            published=s.published,
            decision=details,
        )

    def _new_id(self, url: str) -> str:
        """The event id from its first URL; a new one if that id is taken (an edited item
        without a link, matched again after the dedup window, must not collide)."""
        candidate, n = event_id_for(url), 1
        while self.store.event(candidate) is not None:
            n += 1
            candidate = event_id_for(f"{url}#{n}")
        return candidate


def _day(d: date) -> int:
    return d.toordinal() - date(1970, 1, 1).toordinal()


def _frame_json(f: Frame) -> dict[str, object]:
    return {
        "what": f.what,
        "who": [{"name": p.name, "role": p.role} for p in f.who],
        "where": f.where.name if f.where else None,
        "when": f.when.isoformat() if f.when else None,
        "evidence": f.evidence,
    }
