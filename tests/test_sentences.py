"""textnorm's sentence ranges are those of the plain definition (one finditer of
_SENTENCE_END, each end checked): sentence_spans reads where an end may start at C speed
and skips the abbreviation search where none can end, sentence_at reads only around one
character, and iter_sentences reads as far as asked; all must give exactly what the plain loop
gives."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor import textnorm
from monitor.textnorm import (
    _SENTENCE_END,
    iter_sentences,
    sentence_at,
    sentence_spans,
    sentences,
    spans_between,
)
from tests.support.corpus import load
from tests.support.properties import examples

_ABBREVIATION = textnorm._ABBREVIATION
_NEXT_LOWER = textnorm._NEXT_LOWER


def plain_spans(text: str) -> list[tuple[int, int]]:
    """sentence_spans as first written: every match of _SENTENCE_END, then its checks."""
    return spans_between(
        text,
        (
            m
            for m in _SENTENCE_END.finditer(text)
            if m.group().startswith("\n")
            or text[m.start() - 1] != "."
            or (
                not _NEXT_LOWER.match(text, m.end())
                and not _ABBREVIATION.search(text, max(0, m.start() - 12), m.start())
            )
        ),
    )


def check(text: str) -> None:
    spans = plain_spans(text)
    assert sentence_spans(text) == spans, text
    assert list(iter_sentences(text)) == sentences(text), text
    starts = [s for s, _ in spans]
    for char in (i for i, c in enumerate(text) if c.isalnum()):
        assert sentence_at(text, char) == spans[bisect_right(starts, char) - 1], (text, char)


_PIECES = [
    "Gen", "gen", "GEN", "Sept", "approx", "févr", "FÉVR", "déc", "Mme", "M", "m", "U", "S",
    "a", "x", "K", "ſt", "İ", "said", "raided", "abcdefg", "abcdefgh", "2017", "3", " ", " ",
    ".", ".", ". ", "\n", "\n\n", "-", "'", "”", "»)", "!", "?", "…", "؟", "é", "_", "\t",
]  # fmt: skip


@examples(300)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_texts_have_the_plain_sentences(pieces: list[str]) -> None:
    check("".join(pieces))


def test_corpus_texts_have_the_plain_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = load("dev")[:100]
    for read_back in (textnorm._READ_BACK, 7):  # sentence_at reading back more than once too
        monkeypatch.setattr(textnorm, "_READ_BACK", read_back)
        for a in articles:
            check(a.body)
            check(re.sub(r"\s+", " ", a.body))
