"""The labelled event corpus (tests/corpus) served as real outlets, run through `monitor once`.

Each outlet of the corpus becomes a feed (RSS 2.0 or Atom, alternately) on a loopback server,
each article a page around its text (navigation, a "most read" box of other headlines, a
byline, what the page says of itself: schema.org type, section), and a webhook receiver
collects the alerts. The monitor is run as a user runs it, through its config; what it sends
and stores is scored against the labels (tests/corpus/POLICY.md):

- alert precision and recall over unique events: an alert is right when its first report is
  a report of a labelled event; an event is found when some alert announces it;
- duplicate alerts per event (event.matched for an event already announced);
- over-merges: labelled events that ended up in one stored event;
- B-cubed precision and recall of the stored events against the labelled ones, over the
  reports that matched.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import os
import re
import tomllib
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.config import Config

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# How often the replayed monitor polls, in the articles' own time
SLOT = timedelta(hours=3)
REPORTS = ("report", "followup")


@dataclass(frozen=True)
class Article:
    id: str
    outlet: str
    lang: str
    published: datetime
    url: str  # path on the outlet's site
    title: str
    summary: str
    body: str
    label: str  # report | followup | commentary | irrelevant
    event: str
    what: str
    kind: str
    adds: str
    about: str
    page_type: str = ""
    section: str = ""
    byline: str = ""

    @property
    def relevant(self) -> bool:
        return self.label in REPORTS

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", self.body.strip()) if p.strip()]


def load(part: str) -> list[Article]:
    """The articles of one part of the corpus: "dev" or "heldout"."""
    out = []
    for path in sorted((CORPUS / part).glob("*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8"))["article"]:
            out.append(
                Article(
                    id=raw["id"],
                    outlet=raw["outlet"],
                    lang=raw["lang"],
                    published=datetime.fromisoformat(raw["published"].replace("Z", "+00:00")),
                    url=raw["url"],
                    title=raw["title"],
                    summary=raw.get("summary", ""),
                    body=raw["body"],
                    label=raw["label"],
                    event=raw.get("event", ""),
                    what=raw.get("what", ""),
                    kind=raw.get("kind", ""),
                    adds=raw.get("adds", ""),
                    about=raw.get("about", ""),
                    page_type=raw.get("page_type", ""),
                    section=raw.get("section", ""),
                    byline=raw.get("byline", ""),
                )
            )
    return out


# ---- the outlets' sites ----------------------------------------------------------------------

_OTHER_HEADLINES = [
    "Football: cup final tickets on sale from Monday",
    "Wheat harvest falls short as drought bites",
    "Central bank holds rates, warns on inflation",
    "Islamic State leader killed in Syria raid, officials say",  # an old story, elsewhere
    "Earthquake drill held in schools across the region",
    "Museum reopens after five-year restoration",
]


def slug(outlet: str) -> str:
    """The outlet's name as a path segment; an Arabic name gets one from its hash (two
    Arabic outlets must not share a feed or a page path)."""
    latin = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")
    return latin or "outlet-" + hashlib.sha1(outlet.encode()).hexdigest()[:8]


def page_path(a: Article) -> str:
    return f"/{slug(a.outlet)}{a.url if a.url.startswith('/') else '/' + a.url}"


def page_html(a: Article, base: str) -> bytes:
    """The article's page as an outlet serves it, with everything around the story."""
    esc = html.escape
    url = base + page_path(a)
    head = [
        "<meta charset='utf-8'>",
        f"<title>{esc(a.title)} | {esc(a.outlet)}</title>",
        f"<link rel='canonical' href='{esc(url)}'>",
        f"<meta property='og:title' content='{esc(a.title)}'>",
        f"<meta property='article:published_time' content='{a.published.isoformat()}'>",
    ]
    if a.section:
        head.append(f"<meta property='article:section' content='{esc(a.section)}'>")
    if a.page_type:
        ld = {"@context": "https://schema.org", "@type": a.page_type, "headline": a.title}
        if a.byline:
            ld["author"] = {"@type": "Person", "name": a.byline.removeprefix("By ")}
        head.append(f"<script type='application/ld+json'>{json.dumps(ld)}</script>")
    nav = "".join(f"<a href='/{s}'>{s.title()}</a> " for s in ("world", "politics", "sport"))
    most_read = "".join(
        f"<li><a href='/x/{i}'>{esc(h)}</a></li>" for i, h in enumerate(_OTHER_HEADLINES)
    )
    byline = f"<p class='byline'>{esc(a.byline)}</p>" if a.byline else ""
    paras = "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    direction = " dir='rtl'" if a.lang == "ar" else ""
    return (
        f"<!doctype html><html lang='{a.lang}'{direction}><head>{''.join(head)}</head><body>"
        f"<header><nav>{nav}</nav></header><main><article><h1>{esc(a.title)}</h1>{byline}"
        f"<time datetime='{a.published.isoformat()}'></time>{paras}</article></main>"
        f"<aside><h3>Most read</h3><ul>{most_read}</ul></aside>"
        "<footer><p>Subscribe to our newsletter. Cookie settings. About us.</p></footer>"
        "</body></html>"
    ).encode()


EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def feed_xml(outlet: str, articles: Sequence[Article], base: str, atom: bool) -> bytes:
    """The outlet's feed: its articles, newest first."""
    esc = html.escape
    items = sorted(articles, key=lambda a: a.published, reverse=True)
    if atom:
        entries = "".join(
            f"<entry><id>urn:corpus:{esc(a.id)}</id><title>{esc(a.title)}</title>"
            f"<link href='{esc(base + page_path(a))}'/>"
            f"<updated>{a.published.isoformat()}</updated>"
            f"<published>{a.published.isoformat()}</published>"
            f"<summary>{esc(a.summary or a.paragraphs[0])}</summary></entry>"
            for a in items
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{esc(outlet)}</title><id>urn:outlet:{slug(outlet)}</id>"
            f"<updated>{(items[0].published if items else EPOCH).isoformat()}</updated>"
            f"{entries}</feed>"
        ).encode()
    entries = "".join(
        f"<item><guid isPermaLink='false'>{esc(a.id)}</guid><title>{esc(a.title)}</title>"
        f"<link>{esc(base + page_path(a))}</link>"
        f"<pubDate>{format_datetime(a.published)}</pubDate>"
        f"<description>{esc(a.summary or a.paragraphs[0])}</description></item>"
        for a in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{esc(outlet)}</title><link>{base}/</link><description>news</description>"
        f"{entries}</channel></rss>"
    ).encode()


# ---- a run -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one `monitor once` over the corpus sent and stored."""

    alerts: list[dict[str, object]]  # webhook bodies, in arrival order
    events: list[dict[str, object]]  # `monitor events --all --json` rows
    article_of: dict[str, str]  # page URL -> article id


def run(
    articles: Sequence[Article],
    workdir: Path,
    *,
    extra_config: str = "",
    feed_config: dict[str, str] | None = None,
    step: timedelta | None = SLOT,
) -> Outcome:
    """Serve the articles as outlets and run the monitor over them as time passes: each
    `step` of publication time, the feeds show what is out by then and the monitor polls
    them once (`step` None: everything at once, one `monitor once`). Collect what it did
    (`feed_config`: more keys of some outlets' [[feeds]] tables)."""
    workdir.mkdir(parents=True, exist_ok=True)
    from monitor.config import load_config
    from monitor.dedup import canonical_url
    from monitor.pipeline import run_once
    from monitor.store import Store
    from tests.support.server import LoopbackServer, Request, Route

    received: list[Request] = []
    with LoopbackServer() as srv:
        base = srv.base_url
        outlets: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            outlets[a.outlet].append(a)
            srv.route(page_path(a), page_html(a, base), content_type="text/html; charset=utf-8")

        def hook(request: Request) -> Route:
            received.append(request)
            return Route(status=200)

        srv.route("/hook", handler=hook)
        feeds, paths = [], {}
        for outlet in sorted(outlets):
            paths[outlet] = f"/feeds/{slug(outlet)}.xml"
            extra = (feed_config or {}).get(outlet, "")
            feeds.append(f'[[feeds]]\nname = "{outlet}"\nurl = "{base}{paths[outlet]}"\n{extra}')

        shown: dict[str, int] = {}

        def publish(until: datetime | None) -> set[str]:
            """Put out what is published by `until`; the outlets with something new."""
            changed = set()
            for n, (outlet, items) in enumerate(sorted(outlets.items())):
                out = [a for a in items if until is None or a.published <= until]
                if shown.get(outlet) == len(out):
                    continue
                shown[outlet] = len(out)
                changed.add(outlet)
                atom = n % 2 == 1
                kind = "application/atom+xml" if atom else "application/rss+xml"
                srv.route(paths[outlet], feed_xml(outlet, out, base, atom), content_type=kind)
            return changed

        config = workdir / "monitor.toml"
        config.write_text(
            '[storage]\npath = "corpus.db"\n'
            # one outlet after another: the same filing order every run, so scores are stable
            "[polling]\nworkers = 0\nconcurrency = 1\n"
            "[scraping]\nallow_private_networks = true\n"
            '[alerts]\nmax_age = "36500d"\n'
            f'[[alerts.webhook]]\nurl = "{base}/hook"\n' + extra_config + "\n" + "".join(feeds)
        )
        cfg = load_config(config)
        if step is None:
            publish(None)
            asyncio.run(run_once(cfg))
        else:
            slots = sorted({_slot(a.published, step) for a in articles})
            asyncio.run(_replay(cfg, [s + step for s in slots], publish))
        store = Store(cfg.storage.path)
        try:
            events = [_event_row(e) for e in store.events()]
        finally:
            store.close()
        article_of = {base + page_path(a): a.id for a in articles}
        article_of |= {canonical_url(u): i for u, i in article_of.items()}
    alerts = [json.loads(r.body) for r in received]
    return Outcome(alerts, events, article_of)


def _slot(t: datetime, step: timedelta) -> datetime:
    return EPOCH + ((t - EPOCH) // step) * step


async def _replay(
    cfg: Config, ends: Sequence[datetime], publish: Callable[[datetime], set[str]]
) -> None:
    """One long-lived monitor polling at the end of each slot, as the daemon would (only the
    outlets with something new: the others would answer 304)."""
    from monitor.extract import Extractor
    from monitor.fetch import Fetcher
    from monitor.pipeline import Monitor
    from monitor.rules import load_ruleset
    from monitor.store import Store

    store = Store(cfg.storage.path)
    try:
        async with Fetcher(cfg.polling, cfg.scraping) as fetcher:
            extractor = Extractor(max_size=cfg.scraping.max_size)
            monitor = Monitor(cfg, store, load_ruleset(cfg.matching.rules), fetcher, extractor)
            try:
                for end in ends:
                    changed = publish(end)
                    await monitor.run_cycle([f for f in cfg.feeds if f.name in changed])
                await monitor.outbox.settle()
            finally:
                await monitor.close()
                extractor.close()
    finally:
        store.close()


def _event_row(e: object) -> dict[str, object]:
    from monitor.cli import _event_json

    return _event_json(e)  # type: ignore[arg-type]


# ---- scores ----------------------------------------------------------------------------------


@dataclass
class Scores:
    """Alert quality over unique events, duplicates, over-merges and B-cubed clustering."""

    events: int = 0  # labelled events with a report
    alerts: int = 0  # event.matched sent
    found: int = 0  # labelled events some alert announced
    false_alerts: int = 0  # alerts whose first report is no report of an event
    duplicates: int = 0  # alerts for an event already announced
    updates: int = 0  # event.updated sent
    over_merges: int = 0  # pairs of labelled events filed as one
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    clustered: int = 0  # relevant articles filed in some event (the B-cubed averages' base)
    false_by_kind: Counter[str] = field(default_factory=Counter)
    held_by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        right = self.found
        return right / (right + self.false_alerts) if right + self.false_alerts else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.events if self.events else 0.0

    @property
    def duplicates_per_event(self) -> float:
        return self.duplicates / self.found if self.found else 0.0


def score(articles: Sequence[Article], outcome: Outcome) -> Scores:
    """Score one run against the labels."""
    by_id = {a.id: a for a in articles}
    s = Scores()
    gold_events = {a.event for a in articles if a.relevant and a.event}
    s.events = len(gold_events)
    announced: set[str] = set()
    for alert in outcome.alerts:
        if alert.get("type") == "event.updated":
            s.updates += 1
        if alert.get("type") != "event.matched":
            continue
        s.alerts += 1
        sources = alert.get("sources") or []
        first = outcome.article_of.get(sources[0]["url"]) if sources else None  # type: ignore[index]
        art = by_id.get(first or "")
        if art is None or not art.relevant:
            s.false_alerts += 1
            kind = art.kind or art.label if art else "unknown"
            s.false_by_kind[kind] += 1
            s.wrong.append(f"{kind}: {first}: {alert.get('title')}")
            continue
        if art.event in announced:
            s.duplicates += 1
            s.wrong.append(f"duplicate of {art.event}: {first}: {alert.get('title')}")
            continue
        announced.add(art.event)
    s.found = len(announced)
    s.misses = sorted(gold_events - announced)
    # what an alert announces is its first report: a piece that joined an event later is
    # one of its sources, not an alert of its own
    alerted_articles = set()
    for alert in outcome.alerts:
        sources = alert.get("sources") or []
        if alert.get("type") == "event.matched" and sources:
            alerted_articles.add(outcome.article_of.get(sources[0]["url"]))  # type: ignore[index]
    for a in articles:
        if a.label == "commentary" and a.id not in alerted_articles:
            s.held_by_kind[a.kind] += 1
    # clustering of the matched reports
    cluster_of: dict[str, str] = {}
    for event in outcome.events:
        for src in event.get("sources") or []:  # type: ignore[union-attr]
            art_id = outcome.article_of.get(src["url"])
            if art_id:
                cluster_of[art_id] = str(event["id"])
    members: dict[str, set[str]] = defaultdict(set)
    gold: dict[str, set[str]] = defaultdict(set)
    for art_id, cluster in cluster_of.items():
        a = by_id[art_id]
        if a.relevant:
            members[cluster].add(art_id)
            gold[a.event].add(art_id)
    pairs = set()
    for ids in members.values():
        evs = sorted({by_id[i].event for i in ids})
        pairs.update((x, y) for i, x in enumerate(evs) for y in evs[i + 1 :])
    s.over_merges = len(pairs)
    items = [i for ids in members.values() for i in ids]
    if items:
        p = r = 0.0
        for i in items:
            cluster = members[cluster_of[i]]
            truth = gold[by_id[i].event]
            both = len(cluster & truth)
            p += both / len(cluster)
            r += both / len(truth)
        s.bcubed_precision, s.bcubed_recall = p / len(items), r / len(items)
        s.clustered = len(items)
    return s


def batch(a: Article) -> str:
    """The writer's batch an article belongs to: its id's prefix ("dA", "hB", "L")."""
    return a.id.split("-", 1)[0]


# `make test` replays a fifth of the writers' batches (the whole dev part takes 10-11 min on
# a 2-core machine); FULL_CORPUS=1 (`make test-full`) and bench/relevance.py replay them all
FULL = os.environ.get("FULL_CORPUS") == "1"
SAMPLE_EVERY = 5


def sample(articles: Sequence[Article]) -> list[Article]:
    """The articles of every fifth writer's batch (all of them under FULL_CORPUS=1).

    Batches are picked by a hash of their name, not their rank, so that a new batch leaves
    the sample as it was."""
    if FULL:
        return list(articles)
    return [a for a in articles if zlib.crc32(batch(a).encode()) % SAMPLE_EVERY == 0]


def score_by_batch(articles: Sequence[Article], workdir: Path, **kw: Any) -> Scores:
    """Run each writer's batch as a world of its own, and add up the scores.

    Writers invented their events independently, over the same weeks and places: run
    together, two writers' raids in one village on one day are two events no reader could
    tell apart. Each batch holds its own hard cases (same day, same province) on purpose."""
    by_batch: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_batch[batch(a)].append(a)
    return combine(
        [score(arts, run(arts, workdir / name, **kw)) for name, arts in sorted(by_batch.items())]
    )


def combine(parts: Sequence[Scores]) -> Scores:
    """The scores of several independent runs as one."""
    s = Scores()
    for p in parts:
        for name in ("events", "alerts", "found", "false_alerts", "duplicates", "updates",
                     "over_merges", "clustered"):  # fmt: skip
            setattr(s, name, getattr(s, name) + getattr(p, name))
        s.false_by_kind += p.false_by_kind
        s.held_by_kind += p.held_by_kind
        s.misses += p.misses
        s.wrong += p.wrong
    if s.clustered:
        s.bcubed_precision = sum(p.bcubed_precision * p.clustered for p in parts) / s.clustered
        s.bcubed_recall = sum(p.bcubed_recall * p.clustered for p in parts) / s.clustered
    return s


def baseline(articles: Sequence[Article], alerts_on: Callable[[Article], bool]) -> Scores:
    """A monitor without event identity: one alert per article `alerts_on` accepts."""
    by_event: dict[str, int] = Counter()
    s = Scores(events=len({a.event for a in articles if a.relevant and a.event}))
    for a in articles:
        if not alerts_on(a):
            continue
        s.alerts += 1
        if not a.relevant:
            s.false_alerts += 1
            s.false_by_kind[a.kind or a.label] += 1
            continue
        by_event[a.event] += 1
    s.found = len(by_event)
    s.duplicates = sum(n - 1 for n in by_event.values())
    for a in articles:
        if a.label == "commentary" and not alerts_on(a):
            s.held_by_kind[a.kind] += 1
    # each article its own cluster
    relevant = [a for a in articles if a.relevant and alerts_on(a)]
    sizes = Counter(a.event for a in relevant)
    if relevant:
        s.bcubed_precision = 1.0
        s.bcubed_recall = sum(1 / sizes[a.event] for a in relevant) / len(relevant)
    return s
