"""Word lists that label stretches of text: "kill*" and "blew himself up" -> killed.

Frames and genres read a text through small lexicons of words and phrases in English, French
and Arabic. Texts and lexicon entries are folded alike (case, accents, the Arabic article and
one-letter prefixes such as و and ب), so one entry covers "Tué", "tue" and "tués*", or "مقتل"
and "بمقتل". Pure and cheap: a text is folded once, each word is one dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, cast

from monitor.names import fold
from monitor.textnorm import MARKS

_WORD = re.compile(rf"[^\W_][^\W_{MARKS}]*(?:[{MARKS}]+[^\W_]*)*(?:['’ʼ](?:[^\W_]|[{MARKS}])+)*")
_POSSESSIVE = re.compile(r"['’]s$")  # "Wednesday's strike"
_ELISION = re.compile(r"^(?:l|d|j|n|s|qu|c)['’ʼ](?=\w\w)")
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
_ARABIC_PREFIXES = ("و", "ب", "ل", "ف", "ك")


class Word(NamedTuple):
    """One word of a text: its folded forms and where it stands."""

    forms: tuple[str, ...]  # folded; for Arabic also without article or one-letter prefix
    start: int
    end: int
    raw: str

    @property
    def form(self) -> str:
        return self.forms[0]


def words(text: str) -> list[Word]:
    """The words of a text, folded for lexicon lookups."""
    out = []
    new = tuple.__new__  # builds the named tuple in C (its constructor is a Python lambda)
    known = _FORMS.get
    for m in _WORD.finditer(text):
        raw = m.group()
        forms = known(raw)
        if forms is None:
            forms = _forms(raw)
        if forms:
            out.append(new(Word, (forms, m.start(), m.end(), raw)))
    return out


def folded(text: str) -> list[tuple[tuple[str, ...]]]:
    """The folded forms of a text's words, without positions (what counting words needs,
    at a fraction of the cost of words())."""
    return [(f,) for f in map(_forms, _WORD.findall(text)) if f]


# each word's folded spellings, as _forms reads them (texts repeat their words): a plain
# dict, looked up in words() without a call
_FORMS: dict[str, tuple[str, ...]] = {}
_FORMS_KEPT = 100_000


def _forms(raw: str) -> tuple[str, ...]:
    """The folded spellings of one word to look up (cached)."""
    forms = _FORMS.get(raw)
    if forms is None:
        if len(_FORMS) >= _FORMS_KEPT:
            _FORMS.clear()
        forms = _FORMS[raw] = _fold_forms(raw)
    return forms


def _fold_forms(raw: str) -> tuple[str, ...]:
    w = fold(_POSSESSIVE.sub("", _ELISION.sub("", raw.lower())))
    if not w:
        return ()
    if w.isascii():
        return (w,)
    forms = [w]
    bare = _strip_article(w)
    if bare != w:
        forms.append(bare)
    if w[:1] in _ARABIC_PREFIXES and len(w) > 3:
        forms.append(w[1:])
        forms.append(_strip_article(w[1:]))
    if w.startswith("لل") and len(w) > 4:
        forms.append("ا" + w[1:])  # "للتحالف" (to the coalition) is ل + "التحالف"
    return tuple(dict.fromkeys(forms))


def _strip_article(w: str) -> str:
    for article in _ARABIC_ARTICLES:
        if w.startswith(article) and len(w) - len(article) >= 2:
            return w[len(article) :]
    return w


# builds a named tuple in C (its own constructor is a Python function)
_new = tuple.__new__


class Hit(NamedTuple):
    """A labelled phrase found in a text (a named tuple: lexicons make many of them)."""

    label: str
    start: int  # word index
    end: int  # word index, exclusive


class Lexicon:
    """Labelled words and phrases; a trailing * makes the last word a prefix."""

    def __init__(self, entries: Mapping[str, Iterable[str]]) -> None:
        self.entries = {label: tuple(phrases) for label, phrases in entries.items()}
        # first word -> [(rest of the phrase, last-is-prefix, label)]; prefixes of one word
        # are kept apart by their length so a word costs one lookup per length
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self._entries: dict[str, tuple[tuple[tuple[str, ...], bool, str], ...]] = {}
        self._prefix: dict[int, dict[str, list[tuple[tuple[str, ...], bool, str]]]] = {}
        for label, phrases in entries.items():
            for phrase in phrases:
                prefix = phrase.endswith("*")
                parts = [w.form for w in words(phrase.rstrip("*"))]
                if not parts:
                    continue
                entry = (tuple(parts[1:]), prefix, label)
                if prefix and len(parts) == 1:
                    self._prefix.setdefault(len(parts[0]), {}).setdefault(parts[0], []).append(
                        entry
                    )
                else:
                    self._exact.setdefault(parts[0], []).append(entry)

    def find(self, text: Sequence[Word] | Sequence[tuple[tuple[str, ...]]]) -> list[Hit]:
        """Every labelled phrase in the words (Words, or folded()), in order (overlaps
        allowed)."""
        hits: list[Hit] = []
        entries = self._entries
        # each word's forms first: Word and folded() alike (one cast, not one a word)
        forms_of = cast(Sequence[tuple[tuple[str, ...]]], text)
        for i, word in enumerate(forms_of):
            for form in word[0]:
                found = entries.get(form)
                if found is None:
                    found = self._entries_of(form)
                if not found:
                    continue
                nxt = forms_of[i + 1][0] if i + 1 < len(text) else ()
                for rest, prefix, label in found:
                    if not rest:
                        hits.append(_new(Hit, (label, i, i + 1)))
                        continue
                    # most phrases fail on their second word: look at it before the rest
                    if rest[0] not in nxt and not (prefix and len(rest) == 1):
                        continue
                    end = self._rest(text, i + 1, rest, prefix)
                    if end is not None:
                        hits.append(_new(Hit, (label, i, end)))
        return hits

    def _entries_of(self, form: str) -> tuple[tuple[tuple[str, ...], bool, str], ...]:
        """The phrases a word can start, exact and by prefix (memoised per word)."""
        found = list(self._exact.get(form, ()))
        for length, table in self._prefix.items():
            if len(form) >= length:
                found.extend(table.get(form[:length], ()))
        if len(self._entries) > 200_000:  # bound memory on endless streams of new words
            self._entries.clear()
        self._entries[form] = result = tuple(found)
        return result

    @staticmethod
    def _rest(
        text: Sequence[Word] | Sequence[tuple[tuple[str, ...]]],
        i: int,
        rest: tuple[str, ...],
        prefix: bool,
    ) -> int | None:
        end = i + len(rest)
        if end > len(text):
            return None
        for k, part in enumerate(rest):
            forms = text[i + k][0]
            if part in forms:
                continue
            if prefix and i + k == end - 1 and any(f.startswith(part) for f in forms):
                continue
            return None
        return end
