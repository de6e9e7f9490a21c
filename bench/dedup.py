"""Benchmark of near-duplicate story lookup: cost per new item as the index grows.

Fills a StoryIndex (SQLite file in a temp dir) with generated stories, then times 1,000 new
items (signature + find + add) at 10k, 50k and 100k stored. Run: .venv/bin/python bench/dedup.py
"""

from __future__ import annotations

import itertools
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

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


if __name__ == "__main__":
    main()
