"""Matching throughput, side by side in one run: documents/s and MB/s of each engine, for the
shipped ruleset and 500 generated rules, on 4 KB and 40 KB documents, English and Arabic.

Engines:
- today:      the word-by-word scan (Matcher.match(reference=True)), the matcher before issue 19;
- chunks:     the chunk-code scan alone (Matcher(gate=False)), where Hyperscan is not installed;
- gated:      monitor's matcher: the compiled gate (monitor/gate.py), then the chunk-code scan
              for the documents it lets through;
- hyperscan, ahocorasick-rs, pyahocorasick: the compiled pass alone (every atom's text found,
  word-bounded, in the casefolded document; no evaluation, no snippet, no phonetic keys), an
  upper bound of what a compiled prefilter could give. Skipped when not installed.

Documents are sentences shuffled and joined to the size: "topic", of the labelled corpus's
articles (tests/corpus: news about the Islamic State, nearly every document matches, the
worst case); "wire", English as a wire brings it, one document in ten from the corpus, the
others from English prose on other things (Python's reference documentation, pydoc_data; no
Arabic prose of that kind is at hand, so Arabic is "topic" only). "synthetic" adds the
pre-issue-19 documents (random letter-words, 30% of sentences carrying a rule word) for
comparison with the old figures.

Usage: .venv/bin/python bench/match.py [--runs N] [--mb MB] [--rules N]
Prints medians (and the range) of N runs. Deterministic inputs (fixed random seed).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.match import Matcher
from monitor.models import Document
from monitor.rules import load_ruleset
from monitor.textnorm import clean_text, sentences
from tests.support.rulesets import GROUPS, NAMES, corpus_vocabulary, make_rules

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


def corpus_sentences(lang: str) -> tuple[list[str], list[str]]:
    """(sentences, titles) of the corpus articles in `lang`."""
    found: list[str] = []
    titles: list[str] = []
    for path in sorted(CORPUS.glob("*/*.toml")):
        for article in tomllib.loads(path.read_text(encoding="utf-8")).get("article", []):
            if article.get("lang") == lang:
                titles.append(article["title"])
                found += sentences(clean_text(article["summary"] + "\n" + article["body"]))
    return found, titles


def prose_sentences() -> list[str]:
    """Sentences of English prose on nothing the rules look for: the paragraphs of Python's
    own reference documentation (pydoc_data, in every Python) that are not code."""
    from pydoc_data.topics import topics

    found: list[str] = []
    for text in topics.values():
        for paragraph in re.split(r"\n\s*\n", text):
            if paragraph[:1].isalpha() and len(paragraph.split()) >= 12:
                found += sentences(clean_text(" ".join(paragraph.split())))
    return found


def make_docs(
    size: int, megabytes: float, rng: random.Random, pool: list[str], on_topic: float, lang: str
) -> list[Document]:
    """Documents of about `size` characters of shuffled sentences: a share `on_topic` of them
    from corpus articles in `lang`, the others from `pool`."""
    topical, titles = corpus_sentences(lang)
    docs: list[Document] = []
    while sum(len(d.title) + len(d.body) for d in docs) < megabytes * 1e6:
        source = topical if rng.random() < on_topic else pool
        lines: list[str] = []
        length = 0
        while length < size:
            lines.append(rng.choice(source))
            length += len(lines[-1]) + 1
            if rng.random() < 0.15:  # paragraphs
                lines.append("\n")
        title = rng.choice(titles if source is topical else pool)[:120]
        # cleaned, as the pipeline has them (it matches with cleaned=True)
        docs.append(Document(title=clean_text(title), body=clean_text(" ".join(lines))))
    return docs


def synthetic_docs(size: int, megabytes: float, rng: random.Random) -> list[Document]:
    """The pre-issue-19 bench documents: random letter-words, some sentences spiced."""
    vocab = [
        "".join(rng.choices("abcdefghijklmnoprstuvwy", k=rng.randint(4, 10))) for _ in range(5000)
    ]
    spice = [a for aliases in GROUPS.values() for a in aliases if not a.endswith("*")] + NAMES
    docs: list[Document] = []
    while sum(len(d.title) + len(d.body) for d in docs) < megabytes * 1e6:
        parts: list[str] = []
        length = 0
        while length < size:
            words = rng.choices(vocab, k=rng.randint(8, 25))
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), rng.choice(spice))
            parts.append(" ".join(words).capitalize() + ".")
            length += len(parts[-1]) + 1
        title = " ".join(rng.choices(vocab, k=8))
        docs.append(Document(title=clean_text(title), body=clean_text(" ".join(parts))))
    return docs


# --- the compiled passes alone -------------------------------------------------------------------


def atom_texts(matcher: Matcher) -> list[tuple[str, bool]]:
    """(text, is a prefix) of every atom: what a compiled pass would have to find."""
    return [(" ".join(words), kind == "prefix") for kind, words in matcher._atoms]


def _regex(text: str, prefix: bool) -> str:
    words = r"\W+".join(re.escape(w) for w in text.split())
    return rf"\b{words}" + ("" if prefix else r"\b")


def hyperscan_scan(matcher: Matcher) -> Callable[[Document], int] | None:
    try:
        import hyperscan  # type: ignore[import-not-found]
    except ImportError:
        return None
    atoms = atom_texts(matcher)
    db = hyperscan.Database()
    # Unicode word boundaries (HS_FLAG_UCP) cannot go with \b: ASCII ones, same scan cost
    flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH
    db.compile(
        expressions=[_regex(t, p).encode() for t, p in atoms],
        ids=list(range(len(atoms))),
        flags=[flags] * len(atoms),
    )

    def scan(doc: Document) -> int:
        found: list[int] = []
        text = " ".join((doc.title, doc.summary, doc.body)).casefold().encode()
        db.scan(text, match_event_handler=lambda i, *_: found.append(i))
        return len(found)

    return scan


def _bounded(text: str, hits: list[tuple[int, int, int]], prefix: list[bool]) -> int:
    """Hits of an automaton that stand as words (the automata know no word boundaries)."""
    end = len(text)
    return sum(
        1
        for i, s, e in hits
        if (s == 0 or not text[s - 1].isalnum())
        and (prefix[i] or e == end or not text[e].isalnum())
    )


def ahocorasick_rs_scan(matcher: Matcher) -> Callable[[Document], int] | None:
    try:
        import ahocorasick_rs  # type: ignore[import-not-found]
    except ImportError:
        return None
    atoms = atom_texts(matcher)
    automaton = ahocorasick_rs.AhoCorasick([t for t, _ in atoms])
    prefix = [p for _, p in atoms]

    def scan(doc: Document) -> int:
        text = " ".join((doc.title, doc.summary, doc.body)).casefold()
        return _bounded(text, automaton.find_matches_as_indexes(text, overlapping=True), prefix)

    return scan


def pyahocorasick_scan(matcher: Matcher) -> Callable[[Document], int] | None:
    try:
        import ahocorasick  # type: ignore[import-not-found]
    except ImportError:
        return None
    atoms = atom_texts(matcher)
    automaton = ahocorasick.Automaton()
    for i, (text, _) in enumerate(atoms):
        automaton.add_word(text, (i, len(text)))
    automaton.make_automaton()
    prefix = [p for _, p in atoms]

    def scan(doc: Document) -> int:
        text = " ".join((doc.title, doc.summary, doc.body)).casefold()
        hits = [(i, e + 1 - n, e + 1) for e, (i, n) in automaton.iter(text)]
        return _bounded(text, hits, prefix)

    return scan


# --- measuring -----------------------------------------------------------------------------------


def timed(engine: Callable[[Document], object], docs: Sequence[Document], runs: int) -> list[float]:
    """Seconds of each run over `docs`, after one untimed run (caches warm, as in the daemon)."""
    for doc in docs:
        engine(doc)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            engine(doc)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of documents per set")
    parser.add_argument("--rules", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    vocab = corpus_vocabulary()
    rulesets = {
        "shipped": load_ruleset()._matcher,
        f"{args.rules} rules": Matcher(make_rules(args.rules, vocab, rng)),
    }
    prose = prose_sentences()
    sets: dict[tuple[str, int], list[Document]] = {}
    for size in (4_000, 40_000):
        # the wire: one document in ten about the topic (in the corpus, every one is)
        sets[("en wire", size)] = make_docs(size, args.mb, rng, prose, 0.1, "en")
        sets[("en topic", size)] = make_docs(size, args.mb, rng, [], 1.0, "en")
        sets[("ar topic", size)] = make_docs(size, args.mb, rng, [], 1.0, "ar")
    sets[("synthetic", 4_000)] = synthetic_docs(4_000, args.mb, rng)

    print(f"medians of {args.runs} runs (range), {args.mb:g} MB of documents per set")
    print(f"{'ruleset':<10} {'docs':<17} {'engine':<15} {'docs/s':>16} {'MB/s':>16}  matched")
    for name, matcher in rulesets.items():
        alone = Matcher(matcher.rules, gate=False)
        engines: dict[str, Callable[[Document], object] | None] = {
            "today": lambda d, m=matcher: m.match(d, cleaned=True, reference=True),
            "chunks": lambda d, m=alone: m.match(d, cleaned=True),
            "gated": None,  # a matcher of its own per set (below): its gate counts what passes
            "hyperscan": hyperscan_scan(matcher),
            "ahocorasick-rs": ahocorasick_rs_scan(matcher),
            "pyahocorasick": pyahocorasick_scan(matcher),
        }
        for (lang, size), docs in sets.items():
            megabytes = sum(len(d.title) + len(d.summary) + len(d.body) for d in docs) / 1e6
            matched = sum(matcher.match(d).matched for d in docs)
            label = f"{lang} {size // 1000} KB"
            gated = Matcher(matcher.rules)
            engines["gated"] = lambda d, m=gated: m.match(d, cleaned=True)
            for engine_name, engine in engines.items():
                if engine is None:
                    print(f"{name:<10} {label:<17} {engine_name:<15} (not installed)")
                    continue
                runs = timed(engine, docs, args.runs)
                docs_s = sorted(len(docs) / r for r in runs)
                mb_s = sorted(megabytes / r for r in runs)
                print(
                    f"{name:<10} {label:<17} {engine_name:<15} "
                    f"{statistics.median(docs_s):>7,.0f} ({docs_s[0]:,.0f}-{docs_s[-1]:,.0f})"
                    f" {statistics.median(mb_s):>6.1f} ({mb_s[0]:.1f}-{mb_s[-1]:.1f})"
                    f"  {matched}/{len(docs)}"
                )


if __name__ == "__main__":
    main()
