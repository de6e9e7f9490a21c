"""Matching engine: text normalisation, tokenising, a hit index over all rules, evaluation,
snippets and scores.

Normalisation (applied alike to documents and to query words), per word:
  1. clean_text, then NFKD with combining marks removed and case folded ("État" -> "etat");
  2. apostrophes: French elisions dropped ("l'État" -> "etat"), possessives dropped
     ("ISIS’s" -> "isis"), inner ones removed ("Da'ish" -> "daish"); hyphens split words;
  3. Arabic script: alef forms -> ا, ى -> ي, ة -> ه, tatweel and harakat removed, and the
     article ال (with a leading و ب ف ك, or لل) removed from the front of a word;
  4. Arabic particles written in Latin script are ignored: "al", "el", "ez"... always,
     "as-", "at-", "an-"... only when hyphenated ("ash-Shami"), as they are English words;
  5. a phonetic key for Latin-script names (see `_phonetic`): a table of variant spellings
     of common name parts (Abou/Abu, Daech/Daesh, Husayn/Hussein...) and, for words shaped
     like an Arabic nisba (ending in -i, or a consonant + y: Qurashi, Baghdady), a consonant
     skeleton. Ordinary English words keep their spelling, so "raid" never meets "rid".

The hit index is a hash table from each word's key to the atoms (words, phrase starts,
prefixes) of every rule, built once per ruleset, so the cost grows with the text, not with
rules x text. On word tokens this does what an Aho-Corasick automaton does on characters.

A document is not tokenised word by word (that Python loop was most of the cost, and Python's
re alone reads words at ~13 MB/s). Cleaned text splits on spaces into chunks ("al-Baghdadi's",
"killed.", "(ISIS)") that recur across documents; each chunk maps, through a bounded memo
(`_Codes`), to one code character per word: "w" for a word no atom needs, "." for a sentence
stop, and for a word some atom needs, a character naming its class (same key as far as atoms
compare it, same prefix atoms). A field's codes joined are its word line: position i of the
line is word position i, exactly as the word-by-word scan counts them (`_kept` and
`_chunk_words` keep the two in step; tests/test_match_differential.py proves it on the corpus
and generated text). Per document this is a str.split, a dict lookup per chunk and a join, at
C speed; then the prefilter: the set of classes in the lines gives the atoms that may occur,
and a rule is a candidate only when each of its clauses (the atom sets of its AND and NEAR
parts, see `_clauses`) meets one; phrases (which may occur when their first two words stand
side by side) are looked for only when the single words leave no candidate. Most documents
stop there. Only when a rule may match are positions taken from the line (Python work per
word where an atom starts, not per word: classes of words that are only later words of
phrases, "of", "the", "in", take codes the scan's regex skips), then rules evaluated (an OR's
atoms met by one set intersection). Rules sharing groups often meet a document with the same
spans: each set of spans gets its fields and snippet once. A snippet reads only the sentences
around its words (textnorm.sentence_at) and finds their characters through a memo of where
each word of a chunk starts. `Matcher.match(reference=True)` is the word-by-word scan, with a
child-by-child evaluation and a snippet per rule, kept as the reference the tests compare
against.

Where the time goes (issue 19; per stage, timers around each, bench/match.py's documents, one
machine's run): shipped rules on 4 KB English wire text (one document in ten on the topic),
~280 us a document: the pass (split, lookups, join) 43%, the prefilter 19%, then on the
documents that meet a rule, positions 6%, evaluation 8%, snippets 15%. On documents about the
topic (~1.3 ms): pass 14%, prefilter 12%, positions 14%, evaluation 19%, snippets 33%. With
500 rules on them (~3.4 ms, ~100 rules met): evaluation 34%, the loop over the rules met 27%,
snippets 18%. The pass is ~100 us per 4 KB whatever is done after it, about 40 MB/s: the
issue's 50 MB/s needs a compiled pass in front of it that rejects most documents: that
is monitor.gate, Hyperscan over the lowercased ASCII text for every spelling that has an atom's
key (read off `_phonetic` backwards: variants, -ech, a nisba skeleton's letters as a pattern),
the rarest part of each rule (see `Matcher.gate`). On the same wire text it lets through about
one document in six (those on the topic and a few more) at ~15 us each; text outside ASCII
(Arabic, accented French) goes to the pass as before.

Exact words and phrases compare phonetic keys; `word*` prefixes compare the spelling after
steps 1-3, since a skeleton has no meaningful prefixes.

Score of an event: the sum of the weights of the rules that matched, each counted 1.5 times
when the rule matched in the title (a headline carrying the event makes it the story's
subject rather than a passing mention).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, TypeVar

from monitor.errors import QueryError
from monitor.gate import AllOf, Anchor, AnyOf, Gate, Need, build_gate
from monitor.models import NO_MATCH, Document, MatchResult, RuleHit
from monitor.query import And, GroupRef, Near, Node, Not, Or, Phrase, Prefix, Term, parse_query
from monitor.textnorm import MARKS, clean_text, sentence_at, sentence_spans, strip_marks

FIELDS = ("title", "summary", "body")
SNIPPET_MAX = 400
TITLE_FACTOR = 1.5
# Rules from which the gate also weighs each rule's whole query (monitor.gate's second stage).
# With few rules each one's rarest words seldom occur off the topic and the first stage does
# the work: the shipped ruleset's second stage turned away nothing more on bench/match.py's
# wire, and compiling it cost the workers' start 0.5 s. With 500 generated rules the first
# stage let 95% of the wire through, the second 13%: 1.34x on 4 KB wire (bench/match_ab.py).
COMBINED_RULES = 50
# Positions of different fields are this far apart, so NEAR and phrases never span fields.
_FIELD_GAP = 1 << 40


_APOSTROPHES = "'’‘ʼʾʿ`´"
_WORD = re.compile(
    rf"[^\W_][^\W_{MARKS}]*(?:[{MARKS}]+[^\W_]*)*"
    rf"(?:[{_APOSTROPHES}](?:[^\W_]|[{MARKS}])+)*"
)
_HYPHENS = "-‐‑–"
_ELISION = re.compile(rf"^(?:l|d|j|n|s|qu)[{_APOSTROPHES}](?=\w\w)")
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s$")
_APOSTROPHE_RE = re.compile(rf"[{_APOSTROPHES}]")

_ARABIC = str.maketrans({"ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ـ": None})
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
_ARABIC_PREFIXES = "وبلفك"
_STOP = re.compile(r"[.!?؟;:…\n]")
_BREAK = "\x00"  # a word no query can contain
_PREFIXED_LENGTH = 5

# Transliterations of the Arabic article: never meaningful on their own in a query.
_PARTICLES = frozenset({"al", "el", "ul", "ez", "az", "adh", "ath", "ad"})
# Also English words, so only dropped when written as "as-Sahab", "ash-Shami"...
_HYPHEN_PARTICLES = frozenset({"as", "ash", "at", "an", "ar", "ed", "es", "ud", "ush"})

# Spelling variants of common parts of Arabic names and places -> one canonical key.
_VARIANTS: dict[str, str] = {}
for _canon, _spellings in {
    "abu": "abu abou abo ebu",
    "daesh": "daesh daech daish daeesh daash daesch",
    "husayn": "husayn hussein husein hussain husain houssein hossein husseyn",
    "hasan": "hasan hassan hassane",
    "muhammad": "muhammad mohammed mohammad muhammed mohamed muhamad mohamad mouhammad",
    "umar": "umar omar omer",
    "usama": "usama osama oussama",
    "ibrahim": "ibrahim ebrahim ibraheem",
    "hamza": "hamza hamzah",
    "maher": "maher mahir",
    "agal": "agal aqal akal",
    "qaida": "qaida qaeda kaida",
    "raqqa": "raqqa raqqah rakka raqa",
    "hasaka": "hasaka hasakah hassakeh hasakeh hasake",
    "atma": "atma atmeh atmah",
    "idlib": "idlib idleb edlib",
    "jindires": "jindires jinderes jandairis jindiris",
    "jarablus": "jarablus jarabulus jarabulos",
    "barisha": "barisha barishah baricha",
    "zor": "zor zour zawr",
    "deir": "deir dayr deyr",
    "tal": "tal tel",
    "abyad": "abyad abiad abyadh",
    "badia": "badia badiya badiyah badiah",
}.items():
    for _spelling in _spellings.split():
        _VARIANTS[_spelling] = _canon

_VOWELS = frozenset("aeiouy")
# English words ending in these are never treated as a nisba (very, twenty, policy...).
_ENGLISH_Y_ENDINGS = ("ly", "ty", "ry", "cy", "gy", "fy", "py")


def _phonetic(word: str) -> str:
    """Phonetic key of a Latin-script word (see module docstring); other words unchanged."""
    canon = _VARIANTS.get(word)
    if canon is not None:
        return canon
    if not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ech") and not word.endswith("eech"):
        return word[:-3] + "esh"  # French transliteration of -esh
    if len(word) < 5:
        return word
    if word.endswith("y") and word[-2] not in _VOWELS and not word.endswith(_ENGLISH_Y_ENDINGS):
        word = word[:-1] + "i"
    if not word.endswith("i"):
        return word
    # A nisba: Qurashi, Qurayshi, Quraishi, Qourachi all become "kurshi".
    word = word.replace("ou", "u").replace("q", "k").replace("gh", "g").replace("ch", "sh")
    word = re.sub(r"(.)\1", r"\1", word)
    head = re.match(r"[^aeiouy]*[aeiouy]?", word)
    cut = head.end() if head else 0
    skeleton = "".join(c for c in word[cut:-1] if c not in _VOWELS)
    return word[:cut] + skeleton + "i"


@lru_cache(maxsize=100_000)
def _fold(raw: str) -> tuple[str, str]:
    """(spelling, phonetic key) of one raw word; empty strings when nothing is left."""
    text = strip_marks(raw).casefold()
    text = _ELISION.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHE_RE.sub("", text)
    if not text.isascii():
        text = text.translate(_ARABIC)
        for article in _ARABIC_ARTICLES:
            if text.startswith(article) and len(text) - len(article) >= 2:
                text = text[len(article) :]
                break
        else:
            # a one-letter prefix (و and, ب by, ل for, ف then, ك as) on a long word:
            # واعتقال is اعتقال. Short words keep theirs (والي, governor, is not إلى).
            if len(text) >= _PREFIXED_LENGTH and text[0] in _ARABIC_PREFIXES:
                text = text[1:]
    return text, _phonetic(text)


@dataclass(frozen=True)
class Tokens:
    """The words of one text: phonetic keys, spellings and character spans, by position."""

    keys: tuple[str, ...]
    spellings: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def _kept(text: str) -> Iterator[tuple[re.Match[str], str, str]]:
    """(match, spelling, key) of each word of `text` that matching keeps, Arabic particles
    dropped. Context-free beyond the word itself and the character after it."""
    for m in _WORD.finditer(text):
        spelling, key = _fold(m.group())
        if not key or spelling in _PARTICLES:
            continue
        if spelling in _HYPHEN_PARTICLES and text[m.end() : m.end() + 1] in _HYPHENS:
            continue
        yield m, spelling, key


def tokenize(text: str) -> Tokens:
    """Split already-cleaned text into normalised words, dropping Arabic particles."""
    keys: list[str] = []
    spellings: list[str] = []
    spans: list[tuple[int, int]] = []
    end = 0
    for m, spelling, key in _kept(text):
        if keys and _STOP.search(text, end, m.start()):
            # a sentence ends: a phrase cannot run across it ("in recent years. Since...")
            keys.append(_BREAK)
            spellings.append(_BREAK)
            spans.append((end, m.start()))
        end = m.end()
        keys.append(key)
        spellings.append(spelling)
        spans.append(m.span())
    return Tokens(tuple(keys), tuple(spellings), tuple(spans))


def keys(text: str) -> tuple[str, ...]:
    """The phonetic keys of a text, as matching sees it (for tests and `monitor check`)."""
    return tokenize(clean_text(text)).keys


@dataclass(frozen=True)
class Rule:
    """One rule of a ruleset; `node` is its parsed query with @groups already expanded."""

    name: str
    query: str
    fields: tuple[str, ...] = FIELDS
    weight: float = 1.0
    source: str = ""
    node: Node | None = field(default=None, repr=False, compare=False)
    what: str | None = None  # the kind of event it finds, when it declares one
    alert_commentary: bool = False  # alert commentary it matches too


# Compiled query: atoms are numbered words, phrases and prefixes shared by all rules.
@dataclass(frozen=True)
class _Atom:
    atom: int


@dataclass(frozen=True)
class _All:
    children: tuple[_Compiled, ...]


@dataclass(frozen=True)
class _Any:
    children: tuple[_Compiled, ...]
    # the atoms among the children, and the other children: an OR of many names is met by
    # intersecting its atoms with the document's (see _evaluate_node)
    atoms: frozenset[int] = field(init=False, repr=False, compare=False)
    others: tuple[_Compiled, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        atoms = frozenset(c.atom for c in self.children if type(c) is _Atom)
        object.__setattr__(self, "atoms", atoms)
        others = tuple(c for c in self.children if type(c) is not _Atom)
        object.__setattr__(self, "others", others)


@dataclass(frozen=True)
class _None:
    child: _Compiled


@dataclass(frozen=True)
class _Near:
    left: _Compiled
    right: _Compiled
    distance: int


_Compiled = _Atom | _All | _Any | _None | _Near
Span = tuple[int, int]  # first and last word position, inclusive


@dataclass(frozen=True)
class _CompiledRule:
    rule: Rule
    root: _Compiled
    fields: frozenset[int]
    atoms: frozenset[int]  # atoms outside NOT: the rule cannot match without one of them
    needs_hit: bool
    # a smaller such set, chosen to be rare (see _required); None when the rule needs no hit
    required: frozenset[int] | None
    # sets of atoms each of which a matching document meets (see _clauses), rarest first
    clauses: tuple[frozenset[int], ...]


@dataclass(frozen=True)
class _Lookup:
    """What one document word triggers: word atoms, phrases starting here, prefix atoms."""

    words: tuple[int, ...]
    phrases: tuple[tuple[int, tuple[str, ...]], ...]
    prefixes: tuple[int, ...]


class Matcher:
    """All rules compiled into one index, so a document is scanned once whatever the rules."""

    def __init__(self, rules: Sequence[Rule] = (), *, gate: bool = True) -> None:
        """`gate`: put the compiled gate in front (see monitor.gate) when Hyperscan is
        installed; False for the matcher alone (the same hits, slower)."""
        self._gated = gate
        self._gate: Gate | bool | None = False  # False: not built since the last add
        self._compiled: bytes | None = None  # the gate's database compiled elsewhere
        self._atoms: dict[tuple[str, tuple[str, ...]], int] = {}
        # by atom: ("word", key) or ("prefix", spelling) that a document needs for the atom
        self._feature: list[tuple[str, str]] = []
        self._words: dict[str, list[int]] = {}
        self._phrases: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._prefixes: dict[str, list[int]] = {}
        self._prefix_lengths: list[int] = []
        self._rules: list[_CompiledRule] = []
        self._by_atom: dict[int, list[int]] = {}
        self._always: list[int] = []
        self._lookups: dict[tuple[str, str], _Lookup] = {}
        self._interned: dict[_Compiled, _Compiled] = {}
        self._codes = _Codes(self)
        for rule in rules:
            self.add(rule)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(c.rule for c in self._rules)

    def add(self, rule: Rule) -> None:
        """Compile and index one rule; raises QueryError if its query cannot be used."""
        node = rule.node if rule.node is not None else parse_query(rule.query)
        root = self._compile(node)
        fields = frozenset(FIELDS.index(f) for f in rule.fields)
        index = len(self._rules)
        required = _required(root, self._atom_cost)
        clauses = sorted(
            set(_clauses(root)), key=lambda s: (sum(map(self._atom_cost, s)), sorted(s))
        )
        compiled = _CompiledRule(
            rule,
            root,
            fields,
            frozenset(_positive(root)),
            _needs_hit(root),
            required,
            tuple(clauses),
        )
        self._rules.append(compiled)
        if compiled.needs_hit:
            for atom in compiled.required or compiled.atoms:
                self._by_atom.setdefault(atom, []).append(index)
        else:
            self._always.append(index)
        self._lookups.clear()
        self._codes = _Codes(self)  # rebuilt: words may have new classes
        self._gate = False
        self._compiled = None

    def __getstate__(self) -> dict[str, object]:
        # a compiled database does not pickle: a worker builds its own gate at its first match
        # (from `_compiled`, when the monitor had it compiled: see use_compiled_gate)
        return {**self.__dict__, "_gate": False}

    def compiled_gate(self) -> bytes | None:
        """The gate's database, compiled, for use_compiled_gate in another process."""
        gate = self.gate()
        return gate.compiled() if gate is not None else None

    def use_compiled_gate(self, data: bytes) -> None:
        """Build the gate from `data` (compiled_gate of the same rules elsewhere), not by
        compiling it: see monitor.gate.build_gate for the memory it spares."""
        self._compiled = data
        self._gate = False

    def gate(self) -> Gate | None:
        """The compiled gate for these rules (see monitor.gate), None when there is none: no
        engine installed, or a rule with no part whose atoms all have anchors."""
        if self._gate is False:
            self._gate = self._build_gate()
        return self._gate if isinstance(self._gate, Gate) else None

    def _build_gate(self) -> Gate | None:
        if not self._gated or self._always or not self._rules:
            return None
        anchors = {atom: _atom_anchors(kind, words) for (kind, words), atom in self._atoms.items()}
        chosen: set[Anchor] = set()
        needs: list[Need] = []
        for rule in self._rules:
            found = _gate_anchors(rule.root, anchors)
            if found is None:
                return None
            chosen.update(found)
            need = _gate_need(rule.root, anchors) if len(self._rules) >= COMBINED_RULES else None
            if need is not None:
                needs.append(need)
        return build_gate(chosen, needs, self._compiled)

    def _atom_cost(self, atom: int) -> float:
        """A guess at how often `atom` occurs in text: longer words are rarer, prefixes common."""
        return _feature_cost(self._feature[atom])

    def _compile(self, node: Node) -> _Compiled:
        compiled = self._compile_node(node)
        # identical sub-queries (an @group used by many rules) become one object, so a
        # document evaluates them once (see _FieldHits.memo)
        return self._interned.setdefault(compiled, compiled)

    def _compile_node(self, node: Node) -> _Compiled:
        if isinstance(node, Term | Phrase):
            toks = tokenize(clean_text(node.text))
            if not toks.keys:
                raise QueryError(f"{node.text!r} has no word to match", node.column)
            if len(toks.keys) == 1:
                return _Atom(self._atom("word", toks.keys))
            return _Atom(self._atom("phrase", toks.keys))
        if isinstance(node, Prefix):
            toks = tokenize(clean_text(node.text))
            if len(toks.keys) != 1:
                raise QueryError(f"prefix {node.text + '*'!r} must be one word", node.column)
            if len(toks.spellings[0]) < 2:
                raise QueryError("a prefix needs at least 2 letters before '*'", node.column)
            return _Atom(self._atom("prefix", toks.spellings))
        if isinstance(node, And):
            return _All(tuple(self._compile(c) for c in node.children))
        if isinstance(node, Or):
            return _Any(tuple(self._compile(c) for c in node.children))
        if isinstance(node, Not):
            return _None(self._compile(node.child))
        if isinstance(node, Near):
            if _has_not(node.left) or _has_not(node.right):
                raise QueryError("NOT cannot be used inside NEAR", node.column)
            return _Near(self._compile(node.left), self._compile(node.right), node.distance)
        if isinstance(node, GroupRef):
            raise QueryError(f"unknown group @{node.name}", node.column)
        raise TypeError(f"not a query node: {node!r}")  # pragma: no cover

    def _atom(self, kind: str, words: tuple[str, ...]) -> int:
        known = self._atoms.get((kind, words))
        if known is not None:
            return known
        atom = len(self._atoms)
        self._atoms[(kind, words)] = atom
        if kind == "word":
            self._words.setdefault(words[0], []).append(atom)
        elif kind == "phrase":
            self._phrases.setdefault(words[0], []).append((atom, words[1:]))
        else:
            self._prefixes.setdefault(words[0], []).append(atom)
            self._prefix_lengths = sorted({len(p) for p in self._prefixes})
        # A phrase cannot occur without each of its words: the rarest one stands for it.
        rarest = words[0] if kind == "prefix" else max(words, key=len)
        self._feature.append(("prefix" if kind == "prefix" else "word", rarest))
        return atom

    def _lookup(self, key: str, spelling: str) -> _Lookup:
        found = self._lookups.get((key, spelling))
        if found is None:
            prefixes: list[int] = []
            for length in self._prefix_lengths:
                if length > len(spelling):
                    break
                prefixes.extend(self._prefixes.get(spelling[:length], ()))
            found = _Lookup(
                tuple(self._words.get(key, ())),
                tuple(self._phrases.get(key, ())),
                tuple(prefixes),
            )
            if len(self._lookups) > 200_000:  # bound memory on endless streams of new words
                self._lookups.clear()
            self._lookups[(key, spelling)] = found
        return found

    def match(
        self, doc: Document, *, cleaned: bool = False, reference: bool = False
    ) -> MatchResult:
        """Every rule matching `doc`, with the event's score and snippet.

        `cleaned=True` says the fields already went through clean_text (saves redoing it).
        `reference=True` scans word by word as before the chunk codes (for the tests).
        """
        if cleaned:
            texts = (doc.title, doc.summary, doc.body)
        else:
            texts = (clean_text(doc.title), clean_text(doc.summary), clean_text(doc.body))
        text: _Text
        if reference:
            tokenized = _Tokenized(texts)
            text, hits = tokenized, self._scan(tokenized.tokens)
            candidates = set(self._always)
            for atom in hits:
                candidates.update(self._by_atom.get(atom, ()))
        else:
            gate = self.gate()
            if gate is not None and not gate.may_match(texts):
                return NO_MATCH
            coded = self._codes.code(texts)
            # which rules may match, from which atoms may occur (no positions yet): on most
            # documents, none, and no word position is ever computed
            if not self._always and not self._candidates(
                self._codes.may_occur(coded, self._candidates)
            ):
                return NO_MATCH
            text, hits = coded, self._codes.scan(coded)
            candidates = self._candidates(hits.keys())
        evaluate = _evaluate_reference if reference else _evaluate
        views: dict[frozenset[int], _FieldHits] = {}
        found: list[RuleHit] = []
        first = 1.0
        body_words = max(text.words(2), 1)
        seen: dict[frozenset[Span], tuple[tuple[str, ...], int | None, str]] = {}
        for index in sorted(candidates):
            compiled = self._rules[index]
            view = views.get(compiled.fields)
            if view is None:
                view = views[compiled.fields] = _FieldHits(hits, compiled.fields)
            spans = evaluate(compiled.root, view)
            if spans is None:
                continue
            # rules sharing groups often meet a document with the same spans: what those give
            # (fields, first body word, snippet) is found once
            key = frozenset(spans)
            met = seen.get(key)
            if met is None:
                met = _met(key, text)
                if not reference:
                    seen[key] = met
            fields, body, snippet = met
            first = min(first, body / body_words if body is not None else 0.0)
            found.append(
                RuleHit(
                    rule=compiled.rule.name,
                    weight=compiled.rule.weight,
                    fields=fields,
                    snippet=snippet,
                )
            )
        if not found:
            return NO_MATCH
        score = sum(h.weight * (TITLE_FACTOR if "title" in h.fields else 1.0) for h in found)
        best = max(found, key=lambda h: h.weight)  # first of the heaviest on ties
        return MatchResult(
            hits=tuple(found), score=round(score, 4), snippet=best.snippet, first=round(first, 3)
        )

    def _candidates(self, atoms: Collection[int]) -> set[int]:
        """The rules that may match a document where `atoms` occur: every clause of theirs
        (see _clauses) meets one (set operations at C speed)."""
        present = set(atoms)
        rules = self._rules
        candidates = set(self._always)
        for atom in present:
            candidates.update(self._by_atom.get(atom, ()))
        disjoint = present.isdisjoint
        return {i for i in candidates if not any(map(disjoint, rules[i].clauses))}

    def _scan(self, tokens: tuple[Tokens, ...]) -> dict[int, list[Span]]:
        """Positions of every atom in the document, in position order."""
        hits: dict[int, list[Span]] = {}
        for f, toks in enumerate(tokens):
            base = f * _FIELD_GAP
            keys_ = toks.keys
            count = len(keys_)
            for i, (key, spelling) in enumerate(zip(keys_, toks.spellings, strict=True)):
                lookup = self._lookup(key, spelling)
                pos = base + i
                for atom in lookup.words:
                    hits.setdefault(atom, []).append((pos, pos))
                for atom in lookup.prefixes:
                    hits.setdefault(atom, []).append((pos, pos))
                for atom, rest in lookup.phrases:
                    end = i + len(rest)
                    if end < count and keys_[i + 1 : end + 1] == rest:
                        hits.setdefault(atom, []).append((pos, base + end))
        return hits


def _key_anchors(key: str) -> frozenset[Anchor] | None:
    """Anchors of every spelling whose phonetic key is `key` (see monitor.gate), reading
    `_phonetic` backwards: its variants, the French -ech, a nisba skeleton's pattern."""
    found = {Anchor(key), *(Anchor(s) for s, canon in _VARIANTS.items() if canon == key)}
    if key.endswith("esh"):
        found.add(Anchor(key[:-3] + "ech"))
    if key.isascii() and key.isalpha() and key.endswith("i"):
        found.update(Anchor(p, "pattern", len(key)) for p in _nisba_patterns(key))
    if not all(a.text.isalnum() for a in found if a.kind == "word"):
        return None
    return frozenset(found)


# What each letter of a nisba skeleton may have been written as (see _phonetic: "ou" -> "u",
# "q" -> "k", "gh" -> "g", "ch" -> "sh", doubled letters made one).
_NISBA_LETTERS = {"k": "[kq]+", "g": "(?:gh?)+", "u": "(?:o?u)+", "s": "[sc]+"}


def _nisba_patterns(key: str) -> list[str]:
    """Regular expressions that every word whose nisba skeleton is `key` matches (they match
    more words too: the gate only needs to miss none)."""

    def letter(c: str) -> str:
        return _NISBA_LETTERS.get(c, c + "+")

    head = re.match(r"[^aeiouy]*[aeiouy]?", key)
    cut = head.end() if head else 0
    between = "[aeiouy]*"
    last = "(?:i+|y)"  # the "y" of "Baghdady" read as "i"
    found = [
        "".join(map(letter, key[:cut]))
        + between
        + "".join(letter(c) + between for c in key[cut:-1])
        + last
    ]
    if key.endswith("ii") and cut == len(key) - 1:
        # the word's first vowel was its last "i": "brdi" gives "brdi" + "i"
        found.append("".join(map(letter, key[:-2])) + last)
    return found


def _atom_anchors(kind: str, words: tuple[str, ...]) -> frozenset[Anchor] | None:
    """Anchors of an atom: a prefix's own letters, a word's key's spellings, a phrase's
    words' one after another."""
    if kind == "prefix":
        return frozenset({Anchor(words[0], "prefix")}) if words[0].isalnum() else None
    each = [_key_anchors(word) for word in words]
    if any(a is None for a in each):
        return None
    if len(words) == 1:
        return each[0]
    letters = sum(min(a.letters or len(a.text) for a in found or ()) for found in each)
    return frozenset({Anchor(_BETWEEN.join(map(_alternatives, each)), "pattern", letters)})


# Between two words of a phrase in the gate's text: a possessive's "s", what is no letter
# or digit, and Arabic particles ("al-", "ash-"), which matching drops, possibly elided or
# possessive; then a French elision.
_PARTICLE = "(?:{})".format("|".join(sorted(_PARTICLES | _HYPHEN_PARTICLES)))
_BETWEEN = rf"s?(?:[^a-z0-9]+(?:l|d|j|n|s|qu)?{_PARTICLE}s?)*[^a-z0-9]+(?:l|d|j|n|s|qu)?"


def _alternatives(anchors: frozenset[Anchor] | None) -> str:
    found = sorted(a.text if a.kind == "pattern" else re.escape(a.text) for a in anchors or ())
    return "(?:{})".format("|".join(found))


def _gate_anchors(
    node: _Compiled, anchors: dict[int, frozenset[Anchor] | None]
) -> frozenset[Anchor] | None:
    """The rarest set of anchors one of which every document matching `node` contains, None
    when there is none."""
    return _necessary(node, anchors.__getitem__, _anchors_cost)


def _gate_need(node: _Compiled, anchors: dict[int, frozenset[Anchor] | None]) -> Need | None:
    """All a document matching `node` must hold, as anchors (see monitor.gate.Need); None
    when it need hold nothing (NOT, an atom without anchors)."""
    if isinstance(node, _Atom):
        return anchors[node.atom]
    if not isinstance(node, _All | _Near | _Any):
        return None
    children = (node.left, node.right) if isinstance(node, _Near) else node.children
    parts = [_gate_need(c, anchors) for c in children]
    if isinstance(node, _Any):
        if None in parts:
            return None
        if all(isinstance(p, frozenset) for p in parts):  # one of many words: one set
            return frozenset().union(*parts)  # type: ignore[arg-type]
        return AnyOf(tuple(p for p in parts if p is not None))
    kept = tuple(p for p in parts if p is not None)
    if len(kept) <= 1:
        return kept[0] if kept else None
    return AllOf(kept)


def _anchors_cost(anchors: frozenset[Anchor]) -> float:
    return sum(a.cost() for a in anchors)


def _feature_cost(feature: tuple[str, str]) -> float:
    kind, text = feature
    return 2.0 ** -(len(text) - (1 if kind == "prefix" else 0))


def _required(node: _Compiled, cost: Callable[[int], float]) -> frozenset[int] | None:
    """Atoms one of which any document matching `node` contains; None when there is no such
    set (NOT). Of the sets of AND and NEAR, the cheapest by `cost`: rules are indexed by it,
    so the rarer its words, the fewer documents make the rule a candidate."""
    return _necessary(
        node, lambda atom: frozenset((atom,)), lambda s: (sum(map(cost, s)), sorted(s))
    )


_T = TypeVar("_T")


def _necessary(
    node: _Compiled,
    leaf: Callable[[int], frozenset[_T] | None],
    key: Callable[[frozenset[_T]], Any],
) -> frozenset[_T] | None:
    """Of what `leaf` gives each atom, a set one of which any document matching `node` holds:
    an OR's children's together, the least by `key` of an AND's or NEAR's parts'; None where
    there is none (NOT, or a leaf that gives None)."""
    if isinstance(node, _Atom):
        return leaf(node.atom)
    if isinstance(node, _Any):
        union: set[_T] = set()
        for child in node.children:
            found = _necessary(child, leaf, key)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if isinstance(node, _All | _Near):
        children = node.children if isinstance(node, _All) else (node.left, node.right)
        options = [s for s in (_necessary(c, leaf, key) for c in children) if s is not None]
        return min(options, key=key) if options else None
    return None


class _FieldHits:
    """The hits of one document seen through one rule's fields."""

    def __init__(self, hits: dict[int, list[Span]], fields: frozenset[int]) -> None:
        self.hits = hits
        self.fields = fields
        self.every_field = len(fields) == len(FIELDS)
        # results of shared compiled nodes, by identity (nodes are interned per Matcher)
        self.memo: dict[int, list[Span] | None] = {}

    def get(self, atom: int) -> list[Span]:
        spans = self.hits.get(atom, [])
        if self.every_field:
            return spans
        return [s for s in spans if s[0] // _FIELD_GAP in self.fields]


def _evaluate(node: _Compiled, hits: _FieldHits) -> list[Span] | None:
    """The spans that make `node` true, or None when it is false ([] is true without spans)."""
    if type(node) is _Atom:  # most nodes (names in long OR lists): a lookup beats the memo
        return hits.get(node.atom) or None
    key = id(node)
    if key in hits.memo:
        return hits.memo[key]
    result = _evaluate_node(node, hits)
    hits.memo[key] = result
    return result


def _evaluate_node(node: _Compiled, hits: _FieldHits) -> list[Span] | None:
    if isinstance(node, _Atom):
        return hits.get(node.atom) or None
    if isinstance(node, _All):
        out: list[Span] = []
        for child in node.children:
            spans = _evaluate(child, hits)
            if spans is None:
                return None
            out.extend(spans)
        return out
    if isinstance(node, _Any):
        # an OR of many names: most are absent, which one set intersection tells (the order
        # of the spans does not matter: every user of them makes a set or a minimum)
        out = []
        for atom in node.atoms.intersection(hits.hits):
            out.extend(hits.get(atom))
        true = bool(out)
        for child in node.others:
            spans = _evaluate(child, hits)
            if spans is not None:
                true = True  # [] is true: a NOT among the children
                out.extend(spans)
        return out if true else None
    if isinstance(node, _None):
        return [] if _evaluate(node.child, hits) is None else None
    left = _evaluate(node.left, hits)
    if not left:
        return None
    right = _evaluate(node.right, hits)
    if not right:
        return None
    return _near(left, right, node.distance)


def _evaluate_reference(node: _Compiled, hits: _FieldHits) -> list[Span] | None:
    """_evaluate child by child, without its shortcuts (the tests' reference)."""
    if isinstance(node, _Atom):
        return hits.get(node.atom) or None
    if isinstance(node, _All | _Any):
        results = [_evaluate_reference(c, hits) for c in node.children]
        met = [r for r in results if r is not None]
        if (isinstance(node, _All) and len(met) < len(results)) or not met:
            return None
        return [span for spans in met for span in spans]
    if isinstance(node, _None):
        return [] if _evaluate_reference(node.child, hits) is None else None
    left = _evaluate_reference(node.left, hits)
    right = _evaluate_reference(node.right, hits)
    return _near(left, right, node.distance) if left and right else None


NEAR_PAIRS = 32  # up to this many pairs of spans, NEAR tries each (see _near)


def _near(left: list[Span], right: list[Span], distance: int) -> list[Span] | None:
    """Spans covering each pair (left, right) at most `distance` words apart."""
    if len(left) * len(right) <= NEAR_PAIRS:
        # most words occur a few times in a document: every pair costs less than the index
        pairs = {
            (min(ls, rs), max(le, re_))
            for ls, le in left
            for rs, re_ in right
            if rs - le <= distance and ls - re_ <= distance
        }
        return sorted(pairs) or None
    right = sorted(set(right))
    starts = [s for s, _ in right]
    longest = max(e - s for s, e in right)
    out: set[Span] = set()
    for ls, le in set(left):
        lo = bisect_left(starts, ls - distance - longest)
        hi = bisect_right(starts, le + distance)
        for rs, re_ in right[lo:hi]:
            if rs - le <= distance and ls - re_ <= distance:
                out.add((min(ls, rs), max(le, re_)))
    return sorted(out) or None


def _clauses(node: _Compiled) -> list[frozenset[int]]:
    """Sets of atoms of which a document matching `node` contains at least one each: a
    conjunction of necessary conditions (its AND and NEAR parts), checked at C speed."""
    if isinstance(node, _Atom):
        return [frozenset((node.atom,))]
    if isinstance(node, _All):
        return [c for child in node.children for c in _clauses(child)]
    if isinstance(node, _Near):
        return _clauses(node.left) + _clauses(node.right)
    if isinstance(node, _Any):
        union = _required(node, lambda atom: 0.0)
        return [union] if union is not None else []
    return []


def _positive(node: _Compiled) -> set[int]:
    if isinstance(node, _Atom):
        return {node.atom}
    if isinstance(node, _All | _Any):
        return set().union(*(_positive(c) for c in node.children))
    if isinstance(node, _Near):
        return _positive(node.left) | _positive(node.right)
    return set()


def _needs_hit(node: _Compiled) -> bool:
    """False when the query can match a document containing none of its words (NOT x)."""
    if isinstance(node, _Atom | _Near):
        return True
    if isinstance(node, _All):
        return any(_needs_hit(c) for c in node.children)
    if isinstance(node, _Any):
        return all(_needs_hit(c) for c in node.children)
    return False


def _has_not(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, And | Or):
        return any(_has_not(c) for c in node.children)
    if isinstance(node, Near):
        return _has_not(node.left) or _has_not(node.right)
    return False


class _Text:
    """One document's cleaned fields, where its words start, and (on demand) its sentences."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self._where: dict[int, tuple[tuple[int, int], int]] = {}
        # (field, first character) of a sentence that holds a hit -> its last character + 1
        self.ends: dict[tuple[int, int], int] = {}

    def place(self, start: int) -> tuple[tuple[int, int], int]:
        """((field, sentence's first character), first character) of the word at document
        position `start`; remembered, as the snippets of all the rules that matched ask for
        the same words."""
        found = self._where.get(start)
        if found is None:
            f = start // _FIELD_GAP
            char = self.start(f, start - f * _FIELD_GAP)
            first, end = self.sentence(f, char)
            self.ends[(f, first)] = end
            found = self._where[start] = (f, first), char
        return found

    def sentence(self, f: int, char: int) -> tuple[int, int]:
        """The range of the sentence of field `f` that holds `char`, a word's first."""
        raise NotImplementedError

    def words(self, f: int) -> int:
        """How many word positions field `f` has (sentence breaks count as one)."""
        raise NotImplementedError

    def start(self, f: int, pos: int) -> int:
        """The first character of the word at position `pos` of field `f`."""
        raise NotImplementedError


class _Tokenized(_Text):
    """Fields tokenised word by word (the reference scan)."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        super().__init__(texts)
        self.tokens = tuple(tokenize(t) for t in texts)
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    def sentence(self, f: int, char: int) -> tuple[int, int]:
        ranges = self._sentences.get(f)
        if ranges is None:
            ranges = self._sentences[f] = sentence_spans(self.texts[f])
        return ranges[bisect_right(ranges, char, key=lambda r: r[0]) - 1]

    def words(self, f: int) -> int:
        return len(self.tokens[f].keys)

    def start(self, f: int, pos: int) -> int:
        return self.tokens[f].spans[pos][0]


# A word's code in a chunk's code string: "w" when no atom needs it, "." for a sentence stop
# (a run of them is one break), else the class of a word some atom needs. Active classes (a
# word atom, a prefix atom or a phrase starts there) and passive ones (only later words of
# phrases: "of", "the", "in"... all over a text) take characters from distinct ranges, so the
# scan's regex skips the passive ones at C speed.
_IDLE = "w"
_STOP_CODE = "."
_NO_CLASS = frozenset((_IDLE, _STOP_CODE))
_ACTIVE_RANGES = ((0x100, 0x7000), (0x10000, 0x80000))
_PASSIVE_RANGES = ((0x7000, 0xD800), (0x80000, 0x110000))
_CLASS = re.compile(r"[^w.]")
_ACTIVE = re.compile("[\u0100-\u6fff\U00010000-\U0007ffff]")
_STOPS = re.compile(r"\.\.+")
_LETTER = re.compile(r"[^\W\d_]")
FIGURES_KEPT = 5_000  # chunks without a letter or atom (see _Codes._remember)


class _Codes(dict[str, str]):
    """Whitespace-separated chunk of cleaned text -> the code string of its words.

    Chunks recur (the same words and punctuation, document after document), so a document
    costs one str.split, a dict lookup per chunk and a join, all at C speed; only the words
    that some atom needs cost Python work. No word contains a space and a word's key depends
    only on the word and the character after it (see _kept), so a chunk's words are the
    document's words there, whatever surrounds the chunk.
    """

    def __init__(self, matcher: Matcher) -> None:
        super().__init__()
        self.matcher = matcher
        self.used: frozenset[str] | None = None  # every key a word or phrase atom compares
        self.classes: dict[tuple[str, tuple[int, ...]], str] = {}
        self.table: dict[str, _Class] = {}  # by code character
        self.active: set[str] = set()  # codes of active classes
        self.second_keys: frozenset[str] = frozenset()  # keys of phrases' second words
        self.seconds: set[str] = set()  # codes of classes with such a key
        self.counts = [0, 0]  # passive and active classes so far
        self.finals: dict[str, str] = {}  # as self, for the chunks that end a text
        self.offsets: dict[tuple[str, bool], tuple[int, ...]] = {}  # see starts
        self.figures: list[tuple[dict[str, str], str]] = []  # letterless chunks remembered

    def __missing__(self, chunk: str) -> str:
        return self._remember(self, chunk, last=False)

    def _remember(self, memo: dict[str, str], chunk: str, *, last: bool) -> str:
        found = "".join(
            _STOP_CODE if m is None else self._code(key, spelling)
            for m, spelling, key in _chunk_words(chunk, last=last)
        )
        if len(memo) > 100_000:  # bound memory on endless streams of new words
            memo.clear()
        memo[chunk] = found
        if not _CLASS.search(found) and not _LETTER.search(chunk):
            # figures, dates, times, ids ("12:40", "1,250", "998-40.") that no atom needs:
            # most never recur, and they were half the memo after a cold start of 25,000
            # items (bench/cycle.py); remembered until FIGURES_KEPT more have come
            self.figures.append((memo, chunk))
            if len(self.figures) > FIGURES_KEPT:
                for kept, figure in self.figures:
                    kept.pop(figure, None)
                self.figures.clear()
        return found

    def starts(self, chunk: str, *, last: bool) -> tuple[int, ...]:
        """Where each code of a chunk's starts in it (-1 for a stop), remembered: snippets ask
        for the same words' characters document after document."""
        found = self.offsets.get((chunk, last))
        if found is None:
            found = tuple(
                -1 if m is None else m.start() for m, _, _ in _chunk_words(chunk, last=last)
            )
            if len(self.offsets) > 20_000:  # bound memory; the words of hits are few
                self.offsets.clear()
            self.offsets[(chunk, last)] = found
        return found

    def final(self, chunk: str) -> str:
        """The codes of the chunk that ends a text (no space after it)."""
        found = self.finals.get(chunk)
        return self._remember(self.finals, chunk, last=True) if found is None else found

    def _code(self, key: str, spelling: str) -> str:
        if self.used is None:
            phrases = self.matcher._phrases
            rests = {w for starts in phrases.values() for _, rest in starts for w in rest}
            self.used = frozenset(self.matcher._words) | frozenset(phrases) | rests
            self.second_keys = frozenset(r[0] for s in phrases.values() for _, r in s)
        lookup = self.matcher._lookup(key, spelling)
        used = key if key in self.used else ""
        if not used and not lookup.prefixes:
            return _IDLE
        code = self.classes.get((used, lookup.prefixes))
        if code is None:
            follow: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            for atom, rest in lookup.phrases:
                follow.setdefault(rest[0], []).append((atom, rest))
            singles = lookup.words + lookup.prefixes
            code = self._new_code(bool(singles or follow))
            if singles or follow:
                self.active.add(code)
            if used in self.second_keys:
                self.seconds.add(code)
            self.classes[(used, lookup.prefixes)] = code
            self.table[code] = _Class(
                used, lookup, singles, {k: tuple(v) for k, v in follow.items()}
            )
        return code

    def _new_code(self, active: bool) -> str:
        n = self.counts[active]
        self.counts[active] += 1
        for low, high in _ACTIVE_RANGES if active else _PASSIVE_RANGES:
            if n < high - low:
                return chr(low + n)
            n -= high - low
        raise RuntimeError("more word classes than code characters")  # pragma: no cover

    def code(self, texts: tuple[str, ...]) -> _Coded:
        """The document's fields coded: chunks, their codes, and the line of word codes."""
        coded = _Coded(texts, self)
        for text in texts:
            chunks = text.split(" ")
            codes = list(map(self.__getitem__, chunks))
            codes[-1] = self.final(chunks[-1])
            line = "".join(codes)
            if ".." in line:
                line = _STOPS.sub(_STOP_CODE, line)
            coded.fields.append(_CodedField(chunks, codes, line.strip(_STOP_CODE)))
        return coded

    def may_occur(
        self, coded: _Coded, enough: Callable[[set[int]], object] = lambda atoms: False
    ) -> set[int]:
        """Atoms that may occur in the document: those of its word classes, and its phrases
        whose first two words occur side by side somewhere and the others anywhere. The
        phrases are not looked for when `enough` of the others is there (most documents on
        the topic: the scan finds the phrases anyway)."""
        lines = [f.line for f in coded.fields]
        classes = set().union(*coded.classes())
        table = self.table
        atoms: set[int] = set()
        starts: list[tuple[str, _Class]] = []
        for c in classes & self.active:
            entry = table[c]
            atoms.update(entry.singles)
            if entry.follow:
                starts.append((c, entry))
        if starts and not enough(atoms):
            by_key = self._by_key(classes)
            keys_: set[str] | None = None  # of every class: later words of phrases
            for c, entry in starts:
                for second in entry.follow.keys() & by_key.keys():
                    if any(c + d in line for d in by_key[second] for line in lines):
                        if keys_ is None:
                            keys_ = {table[x].key for x in classes}
                        atoms.update(
                            atom for atom, rest in entry.follow[second] if keys_ >= set(rest)
                        )
        return atoms

    def _by_key(self, classes: set[str]) -> dict[str, list[str]]:
        """The codes among `classes` that are phrases' second words, by key."""
        by_key: dict[str, list[str]] = {}
        table = self.table
        for c in classes & self.seconds:
            by_key.setdefault(table[c].key, []).append(c)
        return by_key

    def scan(self, coded: _Coded) -> dict[int, list[Span]]:
        """Positions of every atom in the document (see Matcher._scan), class by class: a
        class's positions become spans once and extend each of its atoms' lists."""
        hits: dict[int, list[Span]] = {}
        table = self.table
        for f, coded_field in enumerate(coded.fields):
            line = coded_field.line
            base = f * _FIELD_GAP
            count = len(line)
            by_class: dict[str, list[int]] = {}
            for m in _ACTIVE.finditer(line):
                by_class.setdefault(m.group(), []).append(m.start())
            for c, found in by_class.items():
                entry = table[c]
                if entry.singles:
                    spans = [(base + i, base + i) for i in found]
                    for atom in entry.singles:
                        hits.setdefault(atom, []).extend(spans)
                if not entry.follow:
                    continue
                for i in found:
                    # phrases starting here: only those whose second word comes next
                    after = table.get(line[i + 1]) if i + 1 < count else None
                    if after is None:
                        continue
                    for atom, rest in entry.follow.get(after.key, ()):
                        end = i + len(rest)
                        if end < count and self._phrase(line, i + 2, rest[1:]):
                            hits.setdefault(atom, []).append((base + i, base + end))
        return hits

    def _phrase(self, line: str, at: int, rest: tuple[str, ...]) -> bool:
        """Whether the words of `line` from `at` on have the keys `rest`."""
        table = self.table
        for offset, key in enumerate(rest):
            entry = table.get(line[at + offset])
            if entry is None or entry.key != key:
                return False
        return True


@dataclass(frozen=True)
class _Class:
    """A class of words some atom needs: same key (when compared) and same prefix atoms."""

    key: str  # "" when no word or phrase atom compares it
    lookup: _Lookup
    singles: tuple[int, ...]  # word and prefix atoms: the word alone occurs as them
    follow: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]  # phrases by their second key


@dataclass(frozen=True)
class _CodedField:
    """One field as chunk codes: its chunks, their codes, and the line of word codes."""

    chunks: list[str]
    codes: list[str]
    line: str


class _Coded(_Text):
    """Fields as chunk codes (see _Codes): word positions are code positions."""

    def __init__(self, texts: tuple[str, ...], memo: _Codes) -> None:
        super().__init__(texts)
        self.memo = memo  # the chunk memo that coded it
        self.fields: list[_CodedField] = []
        self._classes: list[set[str]] | None = None
        self._known: dict[int, list[tuple[int, int]]] = {}  # by field: sentences read
        # by field: where the line's runs of stops are, the codes dropped before each, the
        # ends of the chunks' codes, and the length of the chunks before each (see start)
        self._places: dict[int, tuple[list[int], list[int], list[int], list[int]]] = {}

    def classes(self) -> list[set[str]]:
        """By field: the class codes in its line (computed once, as making a set of a line's
        characters reads them all in Python objects)."""
        if self._classes is None:
            self._classes = [set(f.line) - _NO_CLASS for f in self.fields]
        return self._classes

    def sentence(self, f: int, char: int) -> tuple[int, int]:
        # only the sentences around the hits are read (see sentence_at), each once
        known = self._known.setdefault(f, [])
        for first, end in known:
            if first <= char < end:
                return first, end
        found = sentence_at(self.texts[f], char)
        known.append(found)
        return found

    def words(self, f: int) -> int:
        return len(self.fields[f].line)

    def start(self, f: int, pos: int) -> int:
        # The line is the chunks' codes joined, a run of stops made one and a stop at its
        # start dropped: undone, a position of the line is one of the joined codes, whose
        # chunk and place in it give the character.
        coded = self.fields[f]
        places = self._places.get(f)
        if places is None:
            joined = "".join(coded.codes)
            runs: list[int] = []  # where each run of stops is in the line
            shifts = [int(joined.startswith(_STOP_CODE))]  # the codes dropped before it
            if len(joined) != len(coded.line):
                for run in _STOPS.finditer(joined):
                    runs.append(run.start() - shifts[-1])
                    shifts.append(shifts[-1] + len(run.group()) - 1)
            places = self._places[f] = (
                runs,
                shifts,
                list(accumulate(map(len, coded.codes))),
                [0, *accumulate(map(len, coded.chunks))],
            )
        runs, shifts, ends, chunk_lengths = places
        place = pos + shifts[bisect_right(runs, pos)]
        j = bisect_right(ends, place)
        within = place - (ends[j - 1] if j else 0)
        starts = self.memo.starts(coded.chunks[j], last=j == len(coded.chunks) - 1)
        return chunk_lengths[j] + j + starts[within]  # j spaces before chunk j


def _chunk_words(chunk: str, *, last: bool) -> Iterator[tuple[re.Match[str] | None, str, str]]:
    """The words and stops of one chunk, in order: (match, spelling, key) of a word, (None, "",
    "") for a stop. `last` when the text ends with the chunk, else a space follows it (which
    matters to a hyphenated particle: "as" then the end of the text is dropped, see _kept)."""
    text = chunk if last else chunk + " "
    end = 0
    for m, spelling, key in _kept(text):
        if _STOP.search(text, end, m.start()):
            yield None, "", ""
        end = m.end()
        yield m, spelling, key
    if _STOP.search(text, end):
        yield None, "", ""


def _met(spans: frozenset[Span], text: _Text) -> tuple[tuple[str, ...], int | None, str]:
    """(fields, first body position, snippet) of a rule met with `spans`."""
    where = sorted({s[0] // _FIELD_GAP for s in spans})
    # a rule met in the body starts where its body part starts (a place in the headline may
    # complete it, but the occurrence is where the body names it)
    body = [s[0] - 2 * _FIELD_GAP for s in spans if s[0] >= 2 * _FIELD_GAP]
    return tuple(FIELDS[f] for f in where), min(body) if body else None, _snippet(spans, text)


def _snippet(spans: Collection[Span], text: _Text) -> str:
    """The sentence(s) carrying most of the hits, plain text, at most SNIPPET_MAX characters."""
    # sentences are (field, first character)
    counts: dict[tuple[int, int], int] = {}  # sentence -> hits starting in it
    first: dict[tuple[int, int], int] = {}  # sentence -> first hit character
    place = text.place
    for start, _end in spans if isinstance(spans, set | frozenset) else set(spans):
        where, char = place(start)
        counts[where] = counts.get(where, 0) + 1
        first[where] = min(first.get(where, char), char)
    # Most hits first; on ties the body beats the title (the alert shows the title anyway),
    # then the earlier sentence.
    ranked = sorted(counts, key=lambda w: (counts[w], w[0], -w[1]), reverse=True)
    chosen: list[tuple[int, int, str]] = []
    used = 0
    for f, at in ranked[:2]:
        piece = _cut(text.texts[f], at, text.ends[(f, at)], first[(f, at)])
        if chosen and used + len(piece) + 3 > SNIPPET_MAX:
            break
        chosen.append((f, at, piece))
        used += len(piece) + 3
    chosen.sort()  # document order
    return " … ".join(piece for _, _, piece in chosen)


def _cut(text: str, s: int, e: int, lo: int) -> str:
    """The sentence text[s:e], or a window of it from just before the first hit when too long."""
    if e - s <= SNIPPET_MAX:
        return " ".join(text[s:e].split())
    start = max(s, min(lo - 100, e - SNIPPET_MAX + 2))
    end = min(e, start + SNIPPET_MAX - 2)
    window = " ".join(text[start:end].split())
    return ("…" if start > s else "") + window + ("…" if end < e else "")
