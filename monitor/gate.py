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

One anchor set per rule is a weak test when rules are many and their words common (500 rules,
one of which needs "which" and "there" both: the first alone lets nearly every document
through). So the gate has a second stage: each rule's whole AND/OR structure over its anchors
(`Need`), all rules in one Hyperscan database of logical combinations, which turns away a
document unless every part of some rule is there, at C speed. Each stage measures what it
lets through and rests while it turns little away (see Gate). Rulesets of a few rules (the
shipped one) have the first stage alone: see match.COMBINED_RULES.

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
import struct
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


def anchor_regex(anchor: Anchor, *, padded: bool = False) -> str:
    """The anchor as a regular expression over the gate's text (`padded`: over the text
    between two newlines, with no ^ or $, which Hyperscan's logical combinations refuse)."""
    body = anchor.text if anchor.kind == "pattern" else re.escape(anchor.text)
    before, after = (_BEFORE_PADDED, _AFTER_PADDED) if padded else (_BEFORE, _AFTER)
    return before + body + ("" if anchor.kind == "prefix" else after)


_BEFORE_PADDED = "[^a-z0-9](?:l|d|j|n|s|qu)?"
_AFTER_PADDED = "s?[^a-z0-9]"


@dataclass(frozen=True)
class AllOf:
    """Every part occurs in the document."""

    parts: tuple[Need, ...]


@dataclass(frozen=True)
class AnyOf:
    """Some part occurs in the document."""

    parts: tuple[Need, ...]


# What a document must hold for one rule to match it: one of a set of anchors, or parts of it
Need = frozenset[Anchor] | AllOf | AnyOf


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
    """Whether any of the patterns that report occurs in a gate text: a Hyperscan database,
    compiled here or loaded from one compiled elsewhere (see `serialized`).

    `flags` by pattern (default: each reports once); `padded`: the text is scanned between
    two newlines (the patterns of logical combinations cannot look for its ends)."""

    def __init__(
        self,
        patterns: Sequence[str],
        compiled: bytes | None = None,
        flags: Sequence[int] | None = None,
        *,
        padded: bool = False,
    ) -> None:
        import hyperscan  # type: ignore[import-not-found,unused-ignore]

        if compiled is not None:
            db = hyperscan.loadb(compiled, hyperscan.HS_MODE_BLOCK)
            db.scratch = hyperscan.Scratch(db)
        else:
            db = hyperscan.Database()
            db.compile(
                expressions=[p.encode() for p in patterns],
                ids=list(range(len(patterns))),
                flags=list(flags) if flags else [hyperscan.HS_FLAG_SINGLEMATCH] * len(patterns),
            )
        self._db = db
        self._terminated = hyperscan.ScanTerminated
        self._padded = padded

    def __call__(self, text: str) -> bool:
        data = text.encode("ascii")
        try:
            self._db.scan(b"\n" + data + b"\n" if self._padded else data, match_event_handler=_stop)
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


class _Stage:
    """One test of the gate, which rests while it turns little away (see Gate)."""

    def __init__(self, find: Finder, gate: type[Gate]) -> None:
        self.find = find
        self._gate = gate
        self._seen = self._passed = self.resting = 0

    def __call__(self, text: str) -> bool:
        if self.resting:
            self.resting -= 1
            return True
        passed = self.find(text)
        self._seen += 1
        self._passed += passed
        if self._seen == self._gate.WINDOW:
            if self._passed > self._gate.WORTH_IT * self._gate.WINDOW:
                self.resting = self._gate.REST
            self._seen = self._passed = 0
        return passed


class Gate:
    """Whether a document may match: its gate text passes every stage (an anchor of some
    rule, then every part of some rule), or it is text the gate cannot read.

    A stage that lets most documents through costs more than it saves (500 rules of common
    words: ~14 us a document to turn away few of those the matcher would read in ~80), so
    each counts what it lets through, and when that is most of the last WINDOW documents it
    sees, it rests for REST documents, then measures again. Resting changes no hit, only the
    time.
    """

    WINDOW = 200
    REST = 2_000
    WORTH_IT = 0.75  # at most this share let through

    def __init__(self, engine: str, find: Finder, every: Finder | None = None) -> None:
        self.engine = engine
        self._stages = [_Stage(f, type(self)) for f in (find, every) if f is not None]

    def compiled(self) -> bytes | None:
        """The compiled databases, for `build_gate` in another process (None: nothing to
        load)."""
        found = [s.find.serialized() for s in self._stages if isinstance(s.find, _Hyperscan)]
        if not found:
            return None
        return b"".join(struct.pack(">Q", len(data)) + data for data in found)

    def may_match(self, texts: Sequence[str]) -> bool:
        """False only when no rule can match these cleaned fields."""
        if all(s.resting for s in self._stages):
            for stage in self._stages:
                stage.resting -= 1
            return True
        text = gate_text(texts)
        return text is None or all(stage(text) for stage in self._stages)


def build_gate(
    anchors: Collection[Anchor], needs: Sequence[Need] = (), compiled: bytes | None = None
) -> Gate | None:
    """A gate finding `anchors`, then (when they say more) every part of one of `needs`, the
    rules' own; None when Hyperscan is not installed.

    `compiled`: the same gate's databases as `Gate.compiled` gave them in another process.
    Compiling leaves ~7 MB resident in the process that does it (the compiler's code pages
    and freed heap); loading, ~1 MB: workers load what one passing process compiled.
    """
    words = sorted({a for a in anchors if a.text.isascii()}, key=_anchor_order)
    if not words:  # no rule can match ASCII text at all
        return Gate("", _nothing)
    try:
        import hyperscan
    except ImportError:
        return None
    databases: list[bytes | None] = [None, None]
    if compiled is not None:
        databases = [*_unpacked(compiled), None]
    find = _Hyperscan([anchor_regex(a) for a in words], databases[0])
    every = None
    ascii_needs = [n for n in map(_ascii, needs) if n is not None]
    # some rule needs two things (and, when loading, the compiling process built that stage:
    # a worker does not compile what Hyperscan refused there)
    combined = compiled is None or databases[1] is not None
    if combined and any(not isinstance(n, frozenset) for n in ascii_needs):
        try:
            every = _combinations(ascii_needs, databases[1])
        except hyperscan.error:  # a pattern Hyperscan will not combine: the first stage alone
            every = None
    return Gate("hyperscan", find, every)


def _anchor_order(anchor: Anchor) -> tuple[str, str]:
    return anchor.text, anchor.kind


def _unpacked(data: bytes) -> list[bytes]:
    found = []
    while data:
        (size,) = struct.unpack(">Q", data[:8])
        found.append(data[8 : 8 + size])
        data = data[8 + size :]
    return found


def _ascii(need: Need) -> Need | None:
    """`need` as the gate text can meet it (anchors in another script never occur there),
    None when it cannot be met at all."""
    if isinstance(need, frozenset):
        kept = frozenset(a for a in need if a.text.isascii())
        return kept or None
    parts = [_ascii(p) for p in need.parts]
    if isinstance(need, AllOf):
        return None if None in parts else AllOf(tuple(p for p in parts if p is not None))
    met = tuple(p for p in parts if p is not None)
    return AnyOf(met) if met else None


def _combinations(needs: Sequence[Need], compiled: bytes | None) -> _Hyperscan:
    """One database that reports when every part of one of `needs` occurs: each anchor a
    silent pattern, each need a logical combination of them (Hyperscan's)."""
    import hyperscan

    ids: dict[Anchor, int] = {}

    def expression(need: Need) -> str:
        if isinstance(need, frozenset):
            found = [ids.setdefault(a, len(ids)) for a in sorted(need, key=_anchor_order)]
            return "(" + " | ".join(map(str, found)) + ")"
        glue = " & " if isinstance(need, AllOf) else " | "
        return "(" + glue.join(expression(p) for p in need.parts) + ")"

    # a need of one anchor is no combination (Hyperscan wants an operator): said twice
    combined = sorted({expression(n) for n in needs})
    combined = [e if " " in e else f"({e} | {e})" for e in combined]
    patterns = [anchor_regex(a, padded=True) for a in ids] + combined
    quiet = hyperscan.HS_FLAG_QUIET
    flags = [quiet] * len(ids) + [hyperscan.HS_FLAG_COMBINATION] * len(combined)
    return _Hyperscan(patterns, compiled, flags, padded=True)
