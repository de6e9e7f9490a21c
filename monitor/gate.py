"""The compiled gate in front of the matcher (issue 19): one pass of a compiled multi-string
engine over a document's text that says "no rule can match here" for most documents off the
topic, before the matcher's own pass reads a word.

The gate is exact by construction, never an approximation: for each rule the matcher
(match.Matcher.gate) picks the rarest part of its query that every matching document must
contain (one of an OR's words, the rarest side of an AND or NEAR), made of atoms that all have
*anchors*: patterns one of which every spelling of the atom's key matches as a word of the
gate's text (read off match._phonetic backwards: variants, the French -ech, a nisba
skeleton's letters; a phrase's words one after another). A document whose text matches no
anchor of any rule matches no rule. The patterns allow more than matching does (any elision
letters before a word, a possessive's s after it, any vowels in a nisba), so the gate lets
some documents through that then match nothing: that costs time, never a hit.

`gate_text` reads only what it can read exactly and cheaply: text that is ASCII once the
punctuation of English copy is set aside (curly quotes and apostrophes, dashes, no-break
spaces). Other text (Arabic, French with its accents) goes straight to the matcher, as before.

The engine is Hyperscan: side by side in bench/match.py it found the atoms of the shipped
rules in 4 KB English wire text at ~155 MB/s, ahocorasick-rs at ~90 and pyahocorasick at ~73,
and only Hyperscan takes regular expressions, which a nisba's endless spellings and a phrase's
words need. Where it is not installed (no wheel for the machine) there is no gate, and the
matcher alone gives the same hits, slower.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

# Apostrophes, dropped: matching drops them from words (match._fold), so a word's spelling
# stays one run of letters in the gate's text.
_DROPPED = "'`’‘ʼʾʿ´"
# Punctuation of English copy that is never part of a word: read as a space.
_SPACED = "‐‑–—“”«»…•·\u00a0\u2009\u202f"


@dataclass(frozen=True)
class Anchor:
    """What some word of a document must be for an atom to occur there: a spelling
    ("word"), the start of one ("prefix"), or a regular expression over [a-z] ("pattern")."""

    text: str
    kind: str = "word"
    letters: int = 0  # how many letters it pins: the rarer, the more (0: those of text)

    def cost(self) -> float:
        """A guess at how often it occurs in ASCII text (text in another script: never)."""
        if not self.text.isascii():
            return 0.0
        letters = self.letters or len(self.text)
        return 2.0 ** -(letters if self.kind == "prefix" else letters + 6)


# Where a word's spelling stands in the gate's text (apostrophes dropped): after a character
# that is no letter or digit, or after the letters of a French elision ("l'État" -> "letat"),
# and before one, or before the "s" of a possessive ("ISIS's" -> "isiss").
_BEFORE = "(?:^|[^a-z0-9])(?:l|d|j|n|s|qu)?"
_AFTER = "s?(?:[^a-z0-9]|$)"


def anchor_regex(anchor: Anchor) -> str:
    """The anchor as a regular expression over the gate's text."""
    body = anchor.text if anchor.kind == "pattern" else re.escape(anchor.text)
    return _BEFORE + body + ("" if anchor.kind == "prefix" else _AFTER)


def gate_text(texts: Sequence[str]) -> str | None:
    """The cleaned fields as one lowercased ASCII text, apostrophes dropped, or None when
    they hold letters outside ASCII (the gate cannot read them: the matcher will)."""
    text = "\n".join(texts)
    if not text.isascii():
        for c in _SPACED:
            if c in text:
                text = text.replace(c, " ")
        for c in _DROPPED:
            if c in text:
                text = text.replace(c, "")
        if not text.isascii():
            return None
    elif "'" in text or "`" in text:
        text = text.replace("'", "").replace("`", "")
    return text.lower()


Finder = Callable[[str], bool]


class _Hyperscan:
    """Whether any of the anchors' patterns occurs in a gate text: a Hyperscan database,
    compiled here or loaded from one compiled elsewhere (see `serialized`)."""

    def __init__(self, patterns: Sequence[str], compiled: bytes | None = None) -> None:
        import hyperscan  # type: ignore[import-not-found,unused-ignore]

        if compiled is not None:
            db = hyperscan.loadb(compiled, hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)
        else:
            db = hyperscan.Database()
            db.compile(
                expressions=[p.encode() for p in patterns],
                ids=list(range(len(patterns))),
                flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(patterns),
            )
        self._db = db
        self._terminated = hyperscan.ScanTerminated

    def __call__(self, text: str) -> bool:
        try:
            self._db.scan(text.encode("ascii"), match_event_handler=_stop)
        except self._terminated:
            return True
        return False

    def serialized(self) -> bytes:
        import hyperscan

        return bytes(hyperscan.dumpb(self._db))


def _stop(*_: object) -> bool:
    return True  # the first anchor found is enough


def _nothing(text: str) -> bool:
    return False


class Gate:
    """Whether a document may match: an anchor in its gate text, or text it cannot read.

    A gate that lets most documents through costs more than it saves (500 rules of common
    words: ~14 us a document to turn away few of those the matcher would read in ~80), so it
    counts what it lets through, and when that is most of the last WINDOW documents it rests
    for REST documents, then measures again. Resting changes no hit, only the time.
    """

    WINDOW = 200
    REST = 2_000
    WORTH_IT = 0.75  # at most this share let through

    def __init__(self, engine: str, find: Finder) -> None:
        self.engine = engine
        self._find = find
        self._seen = self._passed = self._resting = 0

    def compiled(self) -> bytes | None:
        """The compiled database, for `build_gate` in another process (None: nothing to load)."""
        return self._find.serialized() if isinstance(self._find, _Hyperscan) else None

    def may_match(self, texts: Sequence[str]) -> bool:
        """False only when no rule can match these cleaned fields."""
        if self._resting:
            self._resting -= 1
            return True
        text = gate_text(texts)
        passed = text is None or self._find(text)
        self._seen += 1
        self._passed += passed
        if self._seen == self.WINDOW:
            if self._passed > self.WORTH_IT * self.WINDOW:
                self._resting = self.REST
            self._seen = self._passed = 0
        return passed


def build_gate(anchors: Collection[Anchor], compiled: bytes | None = None) -> Gate | None:
    """A gate finding `anchors`, or None when Hyperscan is not installed.

    `compiled`: the same anchors' database as `Gate.compiled` gave it in another process.
    Compiling leaves ~7 MB resident in the process that does it (the compiler's code pages
    and freed heap); loading, ~1 MB: workers load what one passing process compiled.
    """
    words = sorted({a for a in anchors if a.text.isascii()}, key=lambda a: (a.text, a.kind))
    if not words:  # no rule can match ASCII text at all
        return Gate("", _nothing)
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return None
    return Gate("hyperscan", _Hyperscan([anchor_regex(a) for a in words], compiled))
