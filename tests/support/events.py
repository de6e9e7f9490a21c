"""Events written straight into a real SQLite file, as the pipeline stores them, for the tests
of what reads them (the web view)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from monitor.models import Person, Place
from monitor.store import EventRow, Store

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ATMEH = Place("g:atmeh", "Atmeh", "Syria", "SY", 36.2167, 36.6333, 3)
RAQQA = Place("g:raqqa", "Raqqa", "Syria", "SY", 35.95, 39.0167, 2)
NOWHERE = Place("name:qaryat", "Qaryat al-Nahr", "Syria", "SY", None, None, 3)


@dataclass(frozen=True)
class Report:
    """One source of an event: feed name, URL, title, language."""

    feed: str
    url: str
    title: str = ""
    lang: str | None = "en"


@dataclass(frozen=True)
class Ev:
    """What a test says of an event; `age` is how long before NOW it was first seen."""

    id: str
    title: str
    rules: tuple[str, ...] = ("isis-raid",)
    url: str = ""
    age: timedelta = timedelta(hours=1)
    kind: str = "report"
    what: str | None = "killed"
    who: tuple[Person, ...] = ()
    where: Place | None = None
    when: date | None = None
    snippet: str = "A senior Islamic State official was killed in a raid."
    sources: Sequence[Report] = field(default_factory=tuple)


def store_events(db: Path, events: Sequence[Ev]) -> None:
    """Insert the events (and their sources) with Store.insert_event and Store.add_source."""
    store = Store(db)
    try:
        with store.transaction():
            for ev in events:
                seen = NOW - ev.age
                url = ev.url or f"https://news.example.org/{ev.id}"
                sources = ev.sources or (Report("Example Wire", url, ev.title),)
                store.insert_event(
                    EventRow(
                        id=ev.id,
                        title=ev.title,
                        url=url,
                        source=sources[0].feed,
                        published_at=seen - timedelta(minutes=5),
                        first_seen_at=seen,
                        updated_at=seen,
                        rules=ev.rules,
                        snippet=ev.snippet,
                        score=1.5,
                        kind=ev.kind,
                        kind_reason="test",
                        what=ev.what,
                        who=ev.who,
                        where=ev.where,
                        when=ev.when,
                    ),
                    alerted=ev.kind == "report",
                )
                for n, s in enumerate(sources):
                    store.add_source(
                        ev.id,
                        s.feed,
                        s.url,
                        seen + timedelta(minutes=n),
                        title=s.title or ev.title,
                        lang=s.lang,
                        published=seen - timedelta(minutes=5),
                    )
    finally:
        store.close()
