"""Benchmarks of story and event identity: cost per new matched item as the store grows.

1. stories: fills a StoryIndex (SQLite file in a temp dir) with generated stories, then times
   1,000 new items (signature + find + add) at 10k, 50k and 100k stored.
2. frames: the cost of reading a frame and a genre from a matched report (the labelled corpus's
   reports, analysed as the workers do), apart from matching itself.
3. events: fills a store with 1k, 10k and 100k events *all within the identity window* (the
   worst case: every event a candidate by date), then times 1,000 new reports through the
   event book (candidates, decision, then join or new event with its keys and word counts).

Run: .venv/bin/python bench/dedup.py [stories|frames|events ...] (all by default)
"""

from __future__ import annotations

import itertools
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

# this checkout's monitor, not the one the venv was installed from (a worktree's bench would
# otherwise measure the main checkout's code)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.dedup import StoryIndex, StorySignature, story_signature

CHECKPOINTS = (10_000, 50_000, 100_000)
MEASURED = 1_000
COPY_SHARE = 0.2  # share of measured items that are edited copies of a stored story
START = datetime(2024, 10, 1, tzinfo=UTC)

rng = random.Random(8)
# A news vocabulary: a few thousand words with Zipf-like frequencies, so stories share words.
# Function words come first (most frequent), then made-up words of two to four syllables.
FUNCTION_TEXT = "the of and to in a said that on for was with by at from his it as"
FUNCTION_WORDS = FUNCTION_TEXT.split()
SYLLABLES = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"]
VOCAB = FUNCTION_WORDS + list(
    dict.fromkeys("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(8_000))
)
CUM = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCAB))))
# Background paragraphs pasted under many stories, as desks do.
BOILERPLATE = [
    " ".join(rng.choices(VOCAB, cum_weights=CUM, k=rng.randint(40, 70))) + "." for _ in range(50)
]


def paragraph() -> str:
    return " ".join(rng.choices(VOCAB, cum_weights=CUM, k=rng.randint(40, 90))) + "."


def story() -> tuple[str, str]:
    """A ~2-4 KB story; a third of them end with a shared background paragraph."""
    paras = [paragraph() for _ in range(rng.randint(5, 8))]
    if rng.random() < 0.33:
        paras.append(rng.choice(BOILERPLATE))
    return paragraph()[:80], "\n\n".join(paras)


def edited(copy: tuple[str, str]) -> tuple[str, str]:
    """Another outlet's copy: one paragraph after the lede dropped, one added, new headline."""
    paras = copy[1].split("\n\n")
    del paras[rng.randrange(1, len(paras))]
    paras.insert(rng.randrange(1, len(paras) + 1), paragraph())
    return paragraph()[:80], "\n\n".join(paras)


def at(n: int) -> datetime:
    return START + timedelta(seconds=n)  # one story a second: all inside the window


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(Path(tmp) / "bench.db")
        # What a daemon would use: WAL, and no fsync on every commit.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        index = StoryIndex(db)
        kept: list[tuple[str, str]] = []  # a sample of stored stories to copy from
        stored = 0
        sign_time = 0.0
        sign_bytes = 0

        print(
            f"{'stored':>8} {'sign ms':>8} {'find ms':>8} {'add ms':>8} {'total ms':>9}"
            f" {'found copies':>13} {'false merges':>13} {'db MB':>7}"
        )
        for checkpoint in CHECKPOINTS:
            # fill up to the checkpoint (not timed)
            while stored < checkpoint:
                item = story()
                t = time.perf_counter()
                sig = story_signature(*item)
                sign_time += time.perf_counter() - t
                sign_bytes += len(item[1].encode())
                index.add(f"ev_{stored}", sig, at(stored))
                if len(kept) < 2_000:
                    kept.append(item)
                stored += 1

            # 1,000 new items, timed stage by stage
            t_sign = t_find = t_add = 0.0
            copies = found = false_merges = 0
            for n in range(MEASURED):
                is_copy = n < MEASURED * COPY_SHARE
                item = edited(kept[n]) if is_copy else story()
                t0 = time.perf_counter()
                sig: StorySignature = story_signature(*item)
                t1 = time.perf_counter()
                event = index.find(sig, since=at(stored) - timedelta(days=7))
                t2 = time.perf_counter()
                index.add(event or f"ev_{stored}", sig, at(stored))
                t3 = time.perf_counter()
                t_sign, t_find, t_add = t_sign + t1 - t0, t_find + t2 - t1, t_add + t3 - t2
                copies += is_copy
                found += is_copy and event == f"ev_{n}"
                false_merges += (not is_copy) and event is not None
                stored += 1
            size = (Path(tmp) / "bench.db").stat().st_size / 1e6
            ms = 1000 / MEASURED
            print(
                f"{checkpoint:>8} {t_sign * ms:>8.3f} {t_find * ms:>8.3f} {t_add * ms:>8.3f}"
                f" {(t_sign + t_find + t_add) * ms:>9.3f} {found:>6}/{copies:<6}"
                f" {false_merges:>13} {size:>7.0f}"
            )
        per_kb = sign_time / (sign_bytes / 1024) * 1000
        print(
            f"signature: {sign_time / stored * 1000:.3f} ms per document on average"
            f" ({sign_bytes / stored / 1024:.1f} KB), {per_kb:.3f} ms per KB"
        )


def frames() -> None:
    """Frame + genre cost per matched report, beside the match itself."""
    from monitor.models import Document, Report
    from monitor.rules import load_ruleset
    from monitor.textnorm import clean_text
    from tests.support.corpus import load

    ruleset = load_ruleset()
    reports = []
    for a in load("dev") + load("heldout"):
        doc = Document(clean_text(a.title), clean_text(a.summary), clean_text(a.body))
        if ruleset.match(doc, cleaned=True).matched:
            reports.append(Report(doc, a.published))
    ruleset.analyse(reports[0], cleaned=True)  # gazetteer and lexicons loaded once
    from monitor.frames import extract_frame
    from monitor.genre import classify

    results = [ruleset.match(r.document, cleaned=True) for r in reports]
    rounds = 5

    def ms(fn) -> float:  # type: ignore[no-untyped-def]
        # the median round: the first fills the per-word caches, a noisy neighbour spoils one
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            for r, result in zip(reports, results, strict=True):
                fn(r, result)
            times.append(time.perf_counter() - t)
        return statistics.median(times) / len(reports) * 1000

    match_ms = ms(lambda r, _: ruleset.match(r.document, cleaned=True))
    frame_ms = ms(lambda r, result: extract_frame(r, result, rule_what=ruleset.whats))
    genre_ms = ms(classify)
    print(
        f"frames: {len(reports)} matched reports, median of {rounds} rounds: match "
        f"{match_ms:.3f} ms (paid by every item); then frame {frame_ms:.3f} ms + genre "
        f"{genre_ms:.3f} ms per matched item"
    )


class _NoAlerts:
    """The outbox of a monitor with no alert channel (the bench measures identity only)."""

    def enqueue(self, *args: object) -> None:
        pass

    def refresh_waiting(self, *args: object) -> None:
        pass

    def enqueue_update(self, *args: object) -> None:
        return None


def events() -> None:
    """Event identity cost per report with 1k to 100k events inside the window."""
    from monitor.events import EventBook, EventPolicy, Sighting
    from monitor.identity import Decider
    from monitor.models import Analysis, Frame, Genre, MatchResult, Person, RuleHit
    from monitor.names import name_key
    from monitor.pipeline import tune_gc
    from monitor.places import gazetteer
    from monitor.store import EventRow, Store

    # the collector as in the monitor's own process, where the event book runs (`monitor run`
    # and `once` tune it; frames are read in the workers): what the parts before left on the
    # heap is frozen out of its view, as the daemon's modules and ruleset are, instead of
    # being rescanned (after the frames part, that made the decision at 10,000 events cost
    # 0.68-0.70 ms instead of 0.46)
    tune_gc()

    places = [p for p in gazetteer().by_id.values() if p.country_code in ("SY", "IQ")]
    kinds = ("killed", "captured", "targeted", "operation", "operation")
    # the time the story index (exact copies, there before event identity) takes, apart
    # and the identity decision apart from storing its outcome: finding the candidates,
    # reading them, scoring them
    spent = {"stories": 0.0, "decision": 0.0}

    def timed(fn, part):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[part] += time.perf_counter() - t0

        return wrapper

    StoryIndex.find = timed(StoryIndex.find, "stories")  # type: ignore[method-assign]
    StoryIndex.add = timed(StoryIndex.add, "stories")  # type: ignore[method-assign]
    Store.candidate_events = timed(Store.candidate_events, "decision")  # type: ignore[method-assign]
    EventBook._candidates = timed(EventBook._candidates, "decision")  # type: ignore[method-assign]
    Decider.decide = timed(Decider.decide, "decision")  # type: ignore[method-assign]
    day = START.date()

    def frame() -> Frame:
        who = tuple(
            Person(n, "leader", name_key(n))
            for n in (
                f"Abu {rng.choice(VOCAB[20:]).title()} al-{rng.choice(VOCAB[20:]).title()}"
                for _ in range(rng.choice((0, 0, 1, 2)))
            )
        )
        terms = tuple(
            dict.fromkeys(w[:6] for w in rng.choices(VOCAB[20:], cum_weights=CUM[20:], k=60))
        )
        return Frame(rng.choice(kinds), who, rng.choice(places), day, terms)

    hit = RuleHit("rule", 1.0, ("body",), "snippet")
    result = MatchResult((hit,), 1.0, "snippet")
    genre = Genre("report", "bench")
    print(
        f"{'events':>8} {'ms per report':>14} {'of which copies':>16} {'decision':>9} {'joined':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "events.db")
        store.conn.execute("PRAGMA synchronous = NORMAL")
        book = EventBook(
            store,
            StoryIndex(store.db),
            _NoAlerts(),  # type: ignore[arg-type]
            EventPolicy(
                max_age=0, dedup_window=3 * 86400, event_window=72 * 3600, update_interval=3600
            ),
        )
        decider = Decider()
        stored = 0
        for checkpoint in (1_000, 10_000, 100_000):
            with store.transaction():
                while stored < checkpoint:
                    f = frame()
                    e = EventRow(
                        id=f"ev_{stored}", title="t", url=f"https://x/{stored}", source="s",
                        published_at=START, first_seen_at=START, updated_at=START, rules=("rule",),
                        snippet="", score=1.0, what=f.what, who=f.who, where=f.where, when=f.when,
                        terms=f.terms,
                    )  # fmt: skip
                    store.insert_event(e, alerted=False)
                    store.index_event(e.id, decider.keys(f, f.terms[:8]), 20000)
                    store.count_terms(f.terms)
                    stored += 1
            sightings = [
                Sighting(
                    feed="bench",
                    url=f"https://y/{checkpoint}/{n}",
                    canonical=None,
                    title="t",
                    lang="en",
                    published=START,
                    analysis=Analysis(result, frame(), genre),
                    signature=story_signature("t", paragraph()),
                )
                for n in range(MEASURED)
            ]
            joined = 0
            spent["stories"] = spent["decision"] = 0.0
            t = time.perf_counter()
            with store.transaction():
                for s in sightings:
                    joined += not book.record(s, START).created
            ms = (time.perf_counter() - t) / MEASURED * 1000
            stored += MEASURED - joined
            copies = spent["stories"] / MEASURED * 1000
            decision = spent["decision"] / MEASURED * 1000
            print(f"{checkpoint:>8} {ms:>14.3f} {copies:>16.3f} {decision:>9.3f} {joined:>7}")
        store.close()


if __name__ == "__main__":
    parts = sys.argv[1:] or ["stories", "frames", "events"]
    if "stories" in parts:
        main()
    if "frames" in parts:
        frames()
    if "events" in parts:
        events()
