"""Alert quality on the labelled event corpus, dev and held-out apart, beside two baselines.

Usage: .venv/bin/python bench/relevance.py [--part dev|heldout|both] [--misses]

Each part of tests/corpus is served as real outlets on loopback and replayed through the
monitor: every three hours of publication time the feeds show what is out and one long-lived
monitor polls them (tests/support/corpus.py). Each writer's batch is a world of its own; the
"batches together" row replays them all at once (their independent events then share days
and places). Printed per part: alert precision and recall over unique events, duplicate
alerts per event, over-merges, B-cubed precision/recall, event.updated sent, and per
commentary kind how much was held back. Baselines, one alert per article:
- any keyword: any mention of the group in any language;
- headline only: the shipped rules on the headline alone.
The held-out part was written blind (tests/corpus/POLICY.md only): never tune on it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.models import Document
from monitor.rules import load_ruleset
from tests.support.corpus import Article, Scores, baseline, load, run, score, score_by_batch

KEYWORDS = (
    "isis", "isil", "islamic state", "islamic-state", "daesh", "daech", "etat islamique",
    "état islamique", "داعش", "الدولة الإسلامية", "تنظيم الدولة",
)  # fmt: skip
KINDS = ("opinion", "analysis", "explainer", "profile", "review", "history", "anniversary",
         "liveblog")  # fmt: skip


def any_keyword(a: Article) -> bool:
    text = f"{a.title} {a.summary} {a.body}".lower()
    return any(k in text for k in KEYWORDS)


def row(name: str, s: Scores) -> str:
    return (
        f"{name:24}{s.precision:7.3f}{s.recall:7.3f}{s.duplicates_per_event:8.3f}"
        f"{s.over_merges:7d}{s.bcubed_precision:7.3f}{s.bcubed_recall:7.3f}"
        f"{s.alerts:7d}{s.updates:5d}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="both", choices=["dev", "heldout", "both"])
    ap.add_argument("--misses", action="store_true", help="list every wrong or missed alert")
    args = ap.parse_args()
    parts = ["dev", "heldout"] if args.part == "both" else [args.part]
    rules = load_ruleset()
    for part in parts:
        articles = load(part)
        events = {a.event for a in articles if a.relevant}
        multi = sum(1 for e in events if sum(a.event == e for a in articles) > 1)
        commentary = sum(a.label == "commentary" for a in articles)
        print(
            f"\n== {part}: {len(articles)} articles, {len(events)} events "
            f"({multi} reported more than once), {commentary} commentary"
        )
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            mine = score_by_batch(articles, Path(tmp))
            took = time.perf_counter() - t0
            # every writer's batch at once: their independent events then share days and
            # places, and some become indistinguishable (a harder, less fair test)
            together = score(articles, run(articles, Path(tmp) / "all"))
        headline = baseline(articles, lambda a: rules.match(Document(title=a.title)).matched)
        print(f"{'':24}{'prec':>7}{'recall':>7}{'dup/ev':>8}{'merges':>7}{'B3 P':>7}{'B3 R':>7}"
              f"{'alerts':>7}{'upd':>5}")  # fmt: skip
        print(row("monitor", mine))
        print(row("  batches together", together))
        print(row("any keyword", baseline(articles, any_keyword)))
        print(row("headline only", headline))
        print(f"(the corpus replayed, batch by batch: {took:.1f} s)")
        print("commentary held back, by kind (monitor / any keyword / headline only):")
        kw = baseline(articles, any_keyword)
        for kind in KINDS:
            n = sum(a.kind == kind for a in articles if a.label == "commentary")
            if n:
                print(
                    f"  {kind:12} {mine.held_by_kind[kind]:3d}/{n:<3d}"
                    f"   {kw.held_by_kind[kind]:3d}/{n:<3d}   {headline.held_by_kind[kind]:3d}/{n}"
                )
        if args.misses:
            for line in mine.wrong:
                print("  wrong:", line)
            for e in mine.misses:
                print("  missed:", e, [a.id for a in articles if a.event == e])


if __name__ == "__main__":
    main()
