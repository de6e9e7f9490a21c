"""textnorm.Caseless finds a case-insensitive pattern where re finds it: searched as its
case-sensitive twin over the lowered text, or as it is where the two would fold apart."""

from __future__ import annotations

import re
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from monitor import frames
from monitor.places import gazetteer
from monitor.textnorm import Caseless, Needles, sentences
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


# ---- gates: the fixed words one of which every match holds ------------------------------

# each gated pattern of the frames, and how the frames test a text before searching it
GATED = [
    (frames._NEW, lambda t: frames._NEW_START.start(t) is not None),
    (frames._FOLLOWUP, lambda t: frames._FOLLOWUP_START.start(t) is not None),
    (frames._PAST, lambda t: frames._PAST_START.start(t) is not None),
    (
        frames._CROSS_BORDER_START.pattern,
        lambda t: frames._CROSS_BORDER_START.start(t) is not None,
    ),
    (frames._AFTER_OTHER, lambda t: frames._AFTER_OTHER_START.search(t) is not None),
    (frames._SEPARATE, lambda t: frames._may_hold(t, frames._APART)),
    (frames._SEPARATE_OPERATION, lambda t: frames._may_hold(t, frames._APART)),
    (frames._OTHER_OPERATION_AT, lambda t: frames._may_hold(t, frames._APART)),
    (frames._FIRST_REPORTS, lambda t: frames._FIRST_REPORTS_IN.search(t) is not None),
]


def _gated_may(gate: frames._Gated, text: str) -> bool:
    # the gate as the frames ask it, over a sentence of that text
    return gate.may(frames._Sentence(text, [], 1.0))


# ...and every pattern the frames read in a stretch of a sentence (before or after a place's
# name) behind its words (_Gated)
STRETCHES = [g for g in vars(frames).values() if isinstance(g, frames._Gated)]
GATED += [(g.pattern, partial(_gated_may, g)) for g in STRETCHES]

_GATE_PIECES = [
    "Another ", "ANOTHER ", "a separate ", "Separate From ", "two separate raids ", "raid ",
    "strike ", "operation ", "in ", "near ", "Hours after ", "a day after ", "coalition ",
    "helicopters ", "raided ", "a farm ", "DNA ", "İdentified ", "identified him as ", "named ",
    "CONFIRMS THE DEATH ", "killed ", "Earlier reports ", "placed ", "it ", "the ", "Au lendemain ",
    "d'une ", "frappe ", "une autre opération ", "à ", "distincte du ", "Premières informations ",
    "عملية ", "أخرى ", "في ", "منفصلة عن ", "بعد ساعات من ", "إنزال ", "تقارير ", "أولية ",
    "جديدة ", "ثاني ", "الكشف عن هوية ", "Across the Border ", "INSIDE Syria ", "عبر الحدود ",
    "last week's ", "died ", "x", ",", ".", "’",
]  # fmt: skip


def check_gate(pattern: re.Pattern[str], gate: object, text: str) -> None:
    if pattern.search(text) is not None:
        assert gate(text), (pattern.pattern[:60], text)  # type: ignore[operator]


@examples(300)
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=25))
def test_a_gate_lets_every_match_through(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern, gate in GATED:
        check_gate(pattern, gate, text)


def test_a_gate_lets_every_match_of_the_corpus_through() -> None:
    matched = 0
    for a in load("dev")[::7]:
        for text in (a.title, a.summary, *sentences(a.body[:3000])):
            for pattern, gate in GATED:
                check_gate(pattern, gate, text)
                matched += pattern.search(text) is not None
    assert matched > 300  # (the corpus holds the patterns' matches, not only their absence)


def test_a_gate_lets_every_match_before_a_place_in_the_corpus_through() -> None:
    # the stretches the frames read: up to a place's name (most of these patterns end there)
    places = gazetteer()
    matched = 0
    for a in load("dev")[::7]:
        for text in (a.title, *sentences(a.body[:3000])):
            for m in places.find(text):
                stretch = text[max(0, m.start - 160) : m.start]
                for gate in STRETCHES:
                    check_gate(gate.pattern, partial(_gated_may, gate), stretch)
                    matched += gate.pattern.search(stretch) is not None
    assert matched > 300


@examples(300)
@given(
    st.lists(st.sampled_from(["ab", "b", "bc", "عن", "É", "é"]), min_size=1, max_size=4),
    st.text(alphabet="abcÉé عن", max_size=30),
)
def test_needles_find_what_in_tests_find(words: list[str], text: str) -> None:
    needles = Needles(words)
    assert needles.held_in(text) == any(w in text for w in words)
    assert not Needles([]).held_in(text)
    # a body, past what the shared pass reads, gets a pass of its own: the same answer
    body = "x" * Needles.SHARED_CHARS + text
    assert needles.held_in(body) == any(w in body for w in words)


def test_needles_made_after_a_text_was_read_find_their_own_strings() -> None:
    text = "the raid on the farm of zubaydat"
    assert not Needles(["helicopter"]).held_in(text)  # the shared pass has read the text
    assert Needles(["zubaydat"]).held_in(text)  # ...and is read again with the new string
    assert not Needles(["helicopter"]).held_in(text)
