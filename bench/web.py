"""Bench the web view: the events page over 10,000 events, as a browser asks for it.

Fills a real SQLite store in a temporary folder through the store API (--events events, each
with two or three reports, places with coordinates, several rules), serves it with the web
view on 127.0.0.1 and times GET requests over loopback: the server's own time (the handler,
from request to response, measured in the server by a middleware) and the whole round trip.
Each figure is the median of --runs requests after two unmeasured ones. The budget is 200 ms
of server time for the events page.

    .venv/bin/python bench/web.py [--events 10000] [--runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from aiohttp import web

from monitor.models import Place
from monitor.store import EventRow, Store
from monitor.webserver import WebView

BUDGET_MS = 200.0
RULES = ("isis-raid", "isis-leader-killed", "isis-leader-captured", "air-strike", "ied")
WHATS = ("killed", "captured", "targeted", "operation")
PLACES = [
    Place(f"g:{n}", n, c, cc, lat, lon, 2)
    for n, c, cc, lat, lon in (
        ("Atmeh", "Syria", "SY", 36.2167, 36.6333),
        ("Raqqa", "Syria", "SY", 35.95, 39.0167),
        ("Mosul", "Iraq", "IQ", 36.335, 43.1189),
        ("Hajin", "Syria", "SY", 34.6917, 40.8303),
        ("Kirkuk", "Iraq", "IQ", 35.4681, 44.3922),
        ("Maiduguri", "Nigeria", "NG", 11.8311, 13.151),
    )
]
WORDS = [
    "raid",
    "strike",
    "official",
    "commander",
    "cell",
    "convoy",
    "checkpoint",
    "camp",
    "fighters",
    "leader",
]
PATHS = [
    ("events page", "/"),
    ("events page, a rule", "/?rule=air-strike"),
    ("events page, search", "/?q=convoy"),
    ("events page, place and dates", "/?place=Iraq&from=2026-01-01&to=2026-12-31"),
    ("event page", "/event/evt_00042"),
    ("map", "/map"),
    ("Atom", "/events.atom"),
    ("JSON Feed", "/events.json"),
    ("GeoJSON", "/events.geojson"),
]


def fill(path: Path, count: int) -> None:
    """`count` events with their reports, written as the pipeline writes them."""
    now = datetime(2026, 11, 24, 12, tzinfo=UTC)
    store = Store(path)
    try:
        with store.transaction():
            for n in range(count):
                seen = now - timedelta(minutes=7 * n)
                words = " ".join(WORDS[(n * k) % len(WORDS)] for k in (1, 3, 7))
                eid = f"evt_{n:05d}"
                store.insert_event(
                    EventRow(
                        id=eid,
                        title=f"Islamic State {words} report number {n}",
                        url=f"https://news.example.org/{n}",
                        source="Example Wire",
                        published_at=seen - timedelta(minutes=5),
                        first_seen_at=seen,
                        updated_at=seen,
                        rules=(RULES[n % len(RULES)], RULES[(n + 2) % len(RULES)]),
                        snippet=f"A sentence about the {words} that the rule matched, "
                        "as long as snippets usually are in the feeds of news agencies.",
                        score=1.5,
                        what=WHATS[n % len(WHATS)],
                        where=PLACES[n % len(PLACES)],
                        when=seen.date(),
                    ),
                    alerted=True,
                )
                for k in range(2 + n % 2):
                    store.add_source(
                        eid,
                        f"Outlet {k}",
                        f"https://outlet{k}.example.net/{n}",
                        seen + timedelta(minutes=k),
                        title=f"Report {n} by outlet {k}",
                        lang="en",
                        published=seen,
                        decision={"created": k == 0, "reason": "same place and day"},
                    )
    finally:
        store.close()


def timing_middleware(spent: list[float]) -> Callable[..., Awaitable[web.StreamResponse]]:
    @web.middleware
    async def timed(request: web.Request, handler: Callable[..., Awaitable[web.StreamResponse]]):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return await handler(request)
        finally:
            spent.append((time.perf_counter() - start) * 1000)

    return timed


async def measure(db: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """(median server ms, median round-trip ms, bytes) of each path; "first events page" is
    the first request after start (the filters' values not read yet)."""
    spent: list[float] = []
    view = WebView(db, None)
    # the timing middleware runs outermost: the guard, security headers and handler inside it
    view.runner.app.middlewares.insert(0, timing_middleware(spent))
    where = await view.start("127.0.0.1:0")
    out: dict[str, tuple[float, float, int]] = {}
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            for name, path in PATHS:
                url = f"http://127.0.0.1:{where.port}{path}"
                size = 0
                for _ in range(2):
                    spent.clear()
                    start = time.perf_counter()
                    r = await client.get(url)
                    assert r.status_code == 200, (path, r.status_code, r.text[:200])
                    size = len(r.content)
                    if not out:
                        trip = (time.perf_counter() - start) * 1000
                        out["first events page"] = (spent[0], trip, size)
                spent.clear()
                trips = []
                for _ in range(runs):
                    start = time.perf_counter()
                    r = await client.get(url)
                    trips.append((time.perf_counter() - start) * 1000)
                out[name] = (statistics.median(spent), statistics.median(trips), size)
    finally:
        await view.close()
    first = out.pop("first events page")
    return {"first events page, cold": first, **out}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "monitor.db"
        start = time.perf_counter()
        fill(db, args.events)
        print(f"{args.events} events stored in {time.perf_counter() - start:.1f} s")
        results = asyncio.run(measure(db, args.runs))
    print(
        f"{'GET':32} {'server ms':>10} {'round trip ms':>14} {'KiB':>8}  (medians of {args.runs})"
    )
    for name, (server, trip, size) in results.items():
        print(f"{name:32} {server:10.1f} {trip:14.1f} {size / 1024:8.0f}")
    page = results["events page"][0]
    verdict = "within" if page <= BUDGET_MS else "OVER"
    print(f"events page: {page:.1f} ms server time, {verdict} the {BUDGET_MS:.0f} ms budget")
    return 0 if page <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
