"""Precision, recall and F1 of the shipped ruleset on tests/corpus, next to a naive baseline.

Usage: .venv/bin/python bench/relevance.py
The baseline alerts on any of "ISIS", "Islamic State", "Syria", "raid" anywhere in the text.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.match import Matcher, Rule
from monitor.models import Document
from monitor.rules import load_ruleset

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


@dataclass(frozen=True)
class Article:
    id: str
    relevant: bool
    title: str
    doc: Document


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    misses: tuple[str, ...]


def load() -> list[Article]:
    out = []
    for name in ("relevant.toml", "irrelevant.toml"):
        for a in tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))["article"]:
            doc = Document(title=a["title"], body=a["body"])
            out.append(Article(a["id"], a["label"] == "relevant", a["title"], doc))
    return out


def evaluate(articles: list[Article], predict: Callable[[Document], bool]) -> Score:
    tp = fp = fn = 0
    misses = []
    for a in articles:
        found = predict(a.doc)
        tp += found and a.relevant
        fp += found and not a.relevant
        fn += a.relevant and not found
        if found != a.relevant:
            kind = "false positive" if found else "false negative"
            misses.append(f"{kind}: {a.id}: {a.title}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tuple(misses))


def main() -> None:
    articles = load()
    ruleset = load_ruleset()
    baseline = Matcher([Rule("baseline", 'ISIS OR "Islamic State" OR Syria OR raid')])
    scores = {
        "builtin:isis-syria": evaluate(articles, lambda d: ruleset.match(d).matched),
        "naive baseline": evaluate(articles, lambda d: baseline.match(d).matched),
    }
    relevant = sum(a.relevant for a in articles)
    print(f"corpus: {len(articles)} articles, {relevant} relevant\n")
    print(f"{'':22}{'precision':>10}{'recall':>10}{'F1':>10}{'misses':>8}")
    for name, s in scores.items():
        print(f"{name:22}{s.precision:10.3f}{s.recall:10.3f}{s.f1:10.3f}{len(s.misses):8}")
    for name, s in scores.items():
        print(f"\n{name} misses:")
        for miss in s.misses or ("none",):
            print(f"  {miss}")


if __name__ == "__main__":
    main()
