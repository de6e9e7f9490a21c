"""Compare article extractors on the labelled pages in tests/pages: speed and token F1.

    .venv/bin/python bench/extract.py [--rounds N] [--pool]

Prints, per extractor, pages/s and mean token precision, recall and F1 against NAME.txt, plus
how many trap pages leaked a sidebar "leader killed" headline. --pool also times the chosen
extractor through monitor.extract.Extractor (process pool) to show the cost of the pool.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from bs4 import BeautifulSoup, Tag  # noqa: E402
from readability import Document as ReadabilityDocument  # noqa: E402

from monitor.errors import ExtractError  # noqa: E402
from monitor.extract import Extractor, decode_html, extract_article  # noqa: E402
from monitor.textnorm import clean_text  # noqa: E402

PAGES = ROOT / "tests" / "pages"
URL = "https://example.org/article"


@dataclass(frozen=True)
class Page:
    name: str
    body: bytes
    expected: str
    trap: bool


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def score(got: str, expected: str) -> Score:
    """Token-level precision/recall/F1 (bag of words, counts respected)."""
    g, e = Counter(tokens(got)), Counter(tokens(expected))
    common = sum((g & e).values())
    p = common / max(1, sum(g.values()))
    r = common / max(1, sum(e.values()))
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def load_pages() -> list[Page]:
    traps = set((PAGES / "traps.txt").read_text().split())
    return [
        Page(h.stem, h.read_bytes(), h.with_suffix(".txt").read_text("utf-8"), h.stem in traps)
        for h in sorted(PAGES.glob("*.html"))
        if h.with_suffix(".txt").exists()
    ]


# --- the candidates ----------------------------------------------------------------------------


def chosen(body: bytes) -> str:
    """monitor.extract as shipped (trafilatura plus our clean-up)."""
    try:
        return extract_article(body, URL).text
    except ExtractError:
        return ""


def trafilatura_plain(body: bytes) -> str:
    """trafilatura with default settings, no clean-up of ours."""
    return trafilatura.extract(decode_html(body), include_comments=False) or ""


def trafilatura_precision(body: bytes) -> str:
    return (
        trafilatura.extract(decode_html(body), include_comments=False, favor_precision=True) or ""
    )


def trafilatura_fast(body: bytes) -> str:
    return trafilatura.extract(decode_html(body), include_comments=False, fast=True) or ""


def readability(body: bytes) -> str:
    summary = ReadabilityDocument(decode_html(body)).summary(html_partial=True)
    tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    blocks = [clean_text(el.text_content()) for el in tree.iter("p", "li", "h2", "h3")]
    return "\n\n".join(b for b in blocks if b) or clean_text(tree.text_content())


_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "figure",
    "button",
    "input",
    "select",
    "textarea",
    "amp-ad",
    "amp-sidebar",
    "amp-consent",
    "amp-analytics",
    "amp-img",
    "time",
]
_BOILERPLATE = re.compile(
    r"comment|sidebar|related|share|social|newsletter|promo|cookie|consent|footer|\bnav|menu|"
    r"widget|most-?read|popular|trending|breadcrumb|tags?\b|\bad\b|ad-|advert|outbrain|"
    r"recommend|read-?more|byline|meta|author|caption|trust|cta|membership|subscribe|signup|"
    r"rail|banner|ticker|summary|load-more|entry-time|share|dek|standfirst",
    re.I,
)


def _text_len(el: Tag) -> int:
    return len(el.get_text(" ", strip=True))


def _link_density(el: Tag) -> float:
    total = _text_len(el)
    links = sum(_text_len(a) for a in el.find_all("a"))
    return links / total if total else 1.0


def bs4_heuristic(body: bytes) -> str:
    """Readability-style scoring tuned on these pages: strip boilerplate, score <p> parents."""
    soup = BeautifulSoup(decode_html(body), "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body"):
            continue
        marks = " ".join(tag.get("class", [])) + " " + str(tag.get("id", ""))
        if marks.strip() and _BOILERPLATE.search(marks):
            tag.decompose()
    # Legacy pages separate paragraphs with <br><br>: turn each run of text into a <p>.
    for br in soup.find_all("br"):
        br.replace_with("\n")
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in soup.find_all(["p", "td", "div"]):
        own = "".join(s for s in p.find_all(string=True, recursive=False)).strip()
        text = p.get_text(" ", strip=True) if p.name == "p" else own
        if len(text) < 25 or _link_density(p) > 0.3:
            continue
        points = 1 + text.count(",") + min(len(text) / 100, 3)
        for parent, share in ((p.parent, 1.0), (p.parent.parent if p.parent else None, 0.5)):
            if parent is not None:
                scores[id(parent)] = scores.get(id(parent), 0) + points * share
                nodes[id(parent)] = parent
        if p.name != "p":
            scores[id(p)] = scores.get(id(p), 0) + points
            nodes[id(p)] = p
    if not scores:
        return ""
    best = nodes[max(scores, key=lambda k: scores[k])]
    blocks = []
    for el in best.find_all(["p", "li", "h2", "h3"]) or [best]:
        blocks.extend(clean_text(t) for t in el.get_text("").split("\n\n"))
    if not best.find_all("p"):
        blocks = [clean_text(t) for t in best.get_text("").split("\n\n")]
    return "\n\n".join(b for b in blocks if len(b) > 1)


CANDIDATES: dict[str, Callable[[bytes], str]] = {
    "monitor.extract (chosen)": chosen,
    "trafilatura default": trafilatura_plain,
    "trafilatura precision": trafilatura_precision,
    "trafilatura fast": trafilatura_fast,
    "readability-lxml": readability,
    "bs4 heuristic": bs4_heuristic,
}


def leaks(text: str) -> bool:
    return "leader killed" in " ".join(tokens(text))


def run(name: str, fn: Callable[[bytes], str], pages: list[Page], rounds: int) -> None:
    scores: list[Score] = []
    leaked = 0
    fn(pages[0].body)  # warm-up: trafilatura loads its stop lists on first use
    start = time.perf_counter()
    for _ in range(rounds):
        outputs = [fn(p.body) for p in pages]
    elapsed = time.perf_counter() - start
    for page, out in zip(pages, outputs, strict=True):
        scores.append(score(out, page.expected))
        leaked += page.trap and leaks(out)
    worst = min(zip(scores, pages, strict=True), key=lambda sp: sp[0].f1)
    print(
        f"{name:26s} {len(pages) * rounds / elapsed:8.1f} "
        f"{statistics.mean(s.precision for s in scores):6.3f} "
        f"{statistics.mean(s.recall for s in scores):6.3f} "
        f"{statistics.mean(s.f1 for s in scores):6.3f} {leaked:5d}   "
        f"{worst[1].name} ({worst[0].f1:.2f})"
    )


async def pooled(pages: list[Page], rounds: int, workers: int | None) -> float:
    with Extractor(max_workers=workers) as extractor:
        await extractor.extract(pages[0].body, URL)  # start the workers before timing
        start = time.perf_counter()
        for _ in range(rounds):
            await asyncio.gather(*(extractor.extract(p.body, URL) for p in pages))
        return len(pages) * rounds / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pool", action="store_true", help="also time the process pool")
    args = parser.parse_args()
    pages = load_pages()
    print(f"{len(pages)} labelled pages, {sum(p.trap for p in pages)} traps, x{args.rounds}")
    print(f"{'extractor':26s} {'pages/s':>8s} {'P':>6s} {'R':>6s} {'F1':>6s} {'traps':>5s}   worst")
    for name, fn in CANDIDATES.items():
        run(name, fn, pages, args.rounds)
    if args.pool:
        start = time.perf_counter()
        with Extractor(max_workers=1) as extractor:
            asyncio.run(extractor.extract(pages[0].body, URL))
        print(f"\npool start + first page: {time.perf_counter() - start:.2f}s")
        for workers in (1, None):
            rate = asyncio.run(pooled(pages, args.rounds, workers))
            label = f"Extractor, {workers or 'cpu_count'} worker(s)"
            print(f"{label:26s} {rate:8.1f} pages/s")


if __name__ == "__main__":
    main()
