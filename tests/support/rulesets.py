"""A generated ruleset of any size (500 rules in the matcher's differential test and
bench/match.py): six query shapes over corpus words, four @groups and Arabic-style names."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from monitor.match import Rule
from monitor.query import expand_groups, parse_query
from tests.support.corpus import load

GROUPS = {
    "org": ["ISIS", "ISIL", "Islamic State", "Daesh", "Etat islamique", "داعش"],
    "role": ["leader*", "emir", "commander*", "senior official", "spokesman", "caliph", "قائد*"],
    "act": ["kill*", "captured", "raid*", "strike*", "airstrike", "detained", "مقتل*"],
    "place": ["Idlib", "Atmeh", "Deir ez-Zor", "Raqqa", "al-Hol", "Palmyra", "إدلب"],
}
NAMES = ["al-Qurashi", "al-Baghdadi", "al-Hashimi", "al-Husseini", "al-Adnani", "al-Muhajir"]
SHAPES = [
    "@org NEAR/{n} @role AND @act",
    '"{w1} {w2}" AND {w3}*',
    "({w1} OR {w2}) NEAR/{n} @place NOT {w3}",
    "@org {w1} {w2} OR {name} NEAR/{n} @act",
    "{w1}* NEAR/{n} ({w2} OR {w3}) AND @place",
    '"{name}" OR ({w1} AND {w2} AND NOT {w3})',
]
# 4+ letters: shorter words could be Arabic particles ("al", "ez"), which queries ignore
_WORD = re.compile(r"[^\W\d_]{4,}")


def corpus_vocabulary() -> list[str]:
    """The distinct words of the corpus's English and Arabic articles, sorted (not the
    query operators: a headline's "NEAR" would be read as one)."""
    return sorted(
        {
            w
            for part in ("dev", "heldout")
            for a in load(part)
            if a.lang in ("en", "ar")
            for w in _WORD.findall(f"{a.title} {a.summary} {a.body}")
        }
        - {"AND", "NOT", "NEAR"}
    )


def make_rules(count: int, vocab: Sequence[str], rng: random.Random) -> list[Rule]:
    """`count` rules, shapes in turn, words drawn from `vocab`."""
    rules = []
    for i in range(count):
        w1, w2, w3 = rng.sample(vocab, 3)
        query = SHAPES[i % len(SHAPES)].format(
            n=rng.randint(3, 30), w1=w1, w2=w2, w3=w3, name=rng.choice(NAMES)
        )
        rules.append(Rule(f"rule-{i}", query, node=expand_groups(parse_query(query), GROUPS)))
    return rules
