"""textnorm.Caseless finds a case-insensitive pattern where re finds it: searched as its
case-sensitive twin over the lowered text, or as it is where the two would fold apart."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from monitor import frames
from monitor.textnorm import Caseless
from tests.support.corpus import load
from tests.support.properties import examples

PATTERNS = [frames._PAST, frames._NAME_HINT, frames._FOLLOWUP]


def check(pattern: re.Pattern[str], text: str) -> None:
    m = pattern.search(text)
    assert Caseless(pattern).start(text) == (m.start() if m else None), (pattern.pattern, text)


def test_the_frames_patterns_have_a_twin() -> None:
    for pattern in PATTERNS:
        assert Caseless(pattern)._twin is not None


def test_patterns_lower_case_would_change_are_searched_as_they_are() -> None:
    for pattern in (r"(?i)\bDNA\W", r"(?i)\x41BC", r"(?i)a(?-i:B)", r"(?i)İn", r"(?i)[A-z]", "abc"):
        assert Caseless(re.compile(pattern))._twin is None, pattern
    assert Caseless(re.compile(r"(?i)\bDNA\b[a-z]"))._twin is not None
    check(re.compile(r"(?i)\bDNA\b[a-z]"), "the dna test")


_PIECES = [
    "in ", "IN ", "İn ", "ın ", "ſince ", "SINCE ", "since ", "2019", "20١٩", "earlier ", "this ",
    "Previously", "PRÉCÉDENT", "précédent", "plus tôt", "PLUS TÔT", "Abu", "ABU", "al-", "AL‐",
    "dit", "DİT", "identified", "DNA", "dna", "confirms the death", "K", "Σ", "σ", "ς", "منذ",
    " ", ".", "-", "'", "é", "x",
]  # fmt: skip


@examples(300)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_generated_texts(pieces: list[str]) -> None:
    for pattern in PATTERNS:
        check(pattern, "".join(pieces))


def test_corpus_texts() -> None:
    for a in load("dev")[:200]:
        for pattern in PATTERNS:
            check(pattern, a.title)
            check(pattern, a.body[:3000])
