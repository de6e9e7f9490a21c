"""Matching throughput of this checkout's matcher against another's, side by side in one run:
documents/s and MB/s of each on bench/match.py's documents, and the ratio.

The other checkout's monitor/match.py, gate.py and textnorm.py are imported beside ours (as
`against.match`), so both match the same documents in one process. The machine's speed
drifts, so the two alternate every 20 documents and CPU time of the process is counted (other
work on the machine is not); medians of N runs. Each set is first matched by both and their
results compared: any difference is printed.

Usage: .venv/bin/python bench/match_ab.py DIR [--runs N] [--mb MB] [--rules N]
where DIR is the other checkout (e.g. `git worktree add /tmp/main main`).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import types
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match import make_docs, prose_sentences  # bench/match.py

from monitor.match import Matcher
from monitor.models import Document
from monitor.rules import load_ruleset
from tests.support.rulesets import corpus_vocabulary, make_rules


def matcher_at(root: Path) -> type[Matcher]:
    """The Matcher class of the checkout at `root`."""
    package = types.ModuleType("against")
    package.__path__ = []
    sys.modules["against"] = package
    for name in ("textnorm", "gate", "match"):
        path = root / "monitor" / f"{name}.py"
        source = path.read_text(encoding="utf-8")
        for own in ("textnorm", "gate"):
            source = source.replace(f"from monitor.{own} import", f"from against.{own} import")
        module = types.ModuleType(f"against.{name}")
        module.__file__ = str(path)
        sys.modules[module.__name__] = module  # before running it: dataclasses look it up
        exec(compile(source, str(path), "exec"), module.__dict__)
    matcher: type[Matcher] = sys.modules["against.match"].Matcher
    return matcher


def side_by_side(a: Matcher, b: Matcher, docs: Sequence[Document], runs: int) -> list[float]:
    """Median CPU seconds of `a` and `b` over `docs`, alternating every 20 documents."""
    batches = [docs[i : i + 20] for i in range(0, len(docs), 20)]
    totals: list[list[float]] = [[], []]
    for _ in range(runs):
        spent = [0.0, 0.0]
        for batch in batches:
            for k, m in enumerate((a, b)):
                start = time.process_time()
                for doc in batch:
                    m.match(doc, cleaned=True)
                spent[k] += time.process_time() - start
        for k in (0, 1):
            totals[k].append(spent[k])
    return [statistics.median(t) for t in totals]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("against", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of documents per set")
    parser.add_argument("--rules", type=int, default=500)
    args = parser.parse_args()
    other = matcher_at(args.against.resolve())
    rng = random.Random(7)
    generated = make_rules(args.rules, corpus_vocabulary(), rng)
    shipped = load_ruleset().rules
    prose = prose_sentences()
    sets = {
        "en wire 4 KB": make_docs(4_000, args.mb, rng, prose, 0.1, "en"),
        "en wire 40 KB": make_docs(40_000, args.mb, rng, prose, 0.1, "en"),
        "en topic 4 KB": make_docs(4_000, args.mb, rng, [], 1.0, "en"),
        "ar topic 4 KB": make_docs(4_000, args.mb, rng, [], 1.0, "ar"),
    }
    plan = [("shipped", name) for name in sets] + [
        (f"{args.rules} rules", "en wire 4 KB"),
        (f"{args.rules} rules", "en topic 4 KB"),
    ]
    pairs = {
        "shipped": (other(shipped), Matcher(shipped)),
        f"{args.rules} rules": (other(generated), Matcher(generated)),
    }
    print(f"medians of {args.runs} runs, CPU time; {args.against} against this checkout")
    print(
        f"{'ruleset':<10} {'docs':<14} {'docs/s':>8} {'MB/s':>6} {'docs/s':>8} {'MB/s':>6} {'x':>5}"
    )
    for ruleset, name in plan:
        a, b = pairs[ruleset]
        docs = sets[name]
        megabytes = sum(len(d.title) + len(d.summary) + len(d.body) for d in docs) / 1e6
        differ = sum(a.match(d, cleaned=True) != b.match(d, cleaned=True) for d in docs)
        ta, tb = side_by_side(a, b, docs, args.runs)
        print(
            f"{ruleset:<10} {name:<14} {len(docs) / ta:>8,.0f} {megabytes / ta:>6.1f}"
            f" {len(docs) / tb:>8,.0f} {megabytes / tb:>6.1f} {ta / tb:>5.2f}"
            + (f"  {differ} documents matched differently" if differ else "")
        )


if __name__ == "__main__":
    main()
