"""Matching throughput: 500 generated rules over 10,000 documents of about 4 KB.

Usage: .venv/bin/python bench/match.py [--docs N] [--rules N]
Prints the compile time, documents/s and MB/s. Deterministic (fixed random seed).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.match import Matcher, Rule
from monitor.models import Document
from monitor.query import expand_groups, parse_query
from monitor.rules import load_ruleset

GROUPS = {
    "org": ["ISIS", "ISIL", "Islamic State", "Daesh", "Etat islamique"],
    "role": ["leader*", "emir", "commander*", "senior official", "spokesman", "caliph"],
    "act": ["kill*", "captured", "raid*", "strike*", "airstrike", "detained", "blew himself up"],
    "place": ["Idlib", "Atmeh", "Deir ez-Zor", "Raqqa", "al-Hol", "Palmyra", "Jindires"],
}
NAMES = ["al-Qurashi", "al-Baghdadi", "al-Hashimi", "al-Husseini", "al-Adnani", "al-Muhajir"]


def make_rules(count: int, vocab: list[str], rng: random.Random) -> list[Rule]:
    shapes = [
        "@org NEAR/{n} @role AND @act",
        '"{w1} {w2}" AND {w3}*',
        "({w1} OR {w2}) NEAR/{n} @place NOT {w3}",
        "@org {w1} {w2} OR {name} NEAR/{n} @act",
        "{w1}* NEAR/{n} ({w2} OR {w3}) AND @place",
        '"{name}" OR ({w1} AND {w2} AND NOT {w3})',
    ]
    rules = []
    for i in range(count):
        words = rng.sample(vocab, 3)
        query = shapes[i % len(shapes)].format(
            n=rng.randint(3, 30),
            w1=words[0],
            w2=words[1],
            w3=words[2],
            name=rng.choice(NAMES),
        )
        rules.append(Rule(f"rule-{i}", query, node=expand_groups(parse_query(query), GROUPS)))
    return rules


def make_docs(count: int, vocab: list[str], rng: random.Random) -> list[Document]:
    spice = [a for aliases in GROUPS.values() for a in aliases if not a.endswith("*")] + NAMES
    docs = []
    for _ in range(count):
        sentences = []
        size = 0
        while size < 4000:
            words = rng.choices(vocab, k=rng.randint(8, 25))
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), rng.choice(spice))
            sentence = " ".join(words).capitalize() + "."
            sentences.append(sentence)
            size += len(sentence) + 1
        docs.append(Document(title=" ".join(rng.choices(vocab, k=8)), body=" ".join(sentences)))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--rules", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    # 4+ letters: shorter random words could be Arabic particles ("al", "ez"), ignored in queries
    vocab = [
        "".join(rng.choices("abcdefghijklmnoprstuvwy", k=rng.randint(4, 10))) for _ in range(5000)
    ]
    rules = make_rules(args.rules, vocab, rng)
    docs = make_docs(args.docs, vocab, rng)
    megabytes = sum(len(d.title) + len(d.body) for d in docs) / 1e6

    start = time.perf_counter()
    matcher = Matcher(rules)
    compile_s = time.perf_counter() - start

    start = time.perf_counter()
    matched = hits = 0
    for doc in docs:
        result = matcher.match(doc)
        matched += result.matched
        hits += len(result.hits)
    match_s = time.perf_counter() - start

    print(f"rules: {len(rules)}, documents: {len(docs)} ({megabytes:.1f} MB)")
    print(f"compile: {compile_s * 1000:.1f} ms")
    print(
        f"match:   {match_s:.2f} s, {len(docs) / match_s:,.0f} documents/s, "
        f"{megabytes / match_s:.2f} MB/s"
    )
    print(f"documents matched: {matched}, rule hits: {hits}")

    # The shipped ruleset on the same documents: fewer rules, but big groups.
    start = time.perf_counter()
    shipped = load_ruleset()
    compile_s = time.perf_counter() - start
    start = time.perf_counter()
    matched = sum(shipped.match(doc).matched for doc in docs)
    match_s = time.perf_counter() - start
    print(
        f"\nbuiltin:isis-syria ({len(shipped.rules)} rules), "
        f"load+compile: {compile_s * 1000:.1f} ms"
    )
    print(
        f"match:   {match_s:.2f} s, {len(docs) / match_s:,.0f} documents/s, "
        f"{megabytes / match_s:.2f} MB/s, documents matched: {matched}"
    )


if __name__ == "__main__":
    main()
