"""Feed parsing speed: lxml fast path vs feedparser on 50-item feeds (no network).

Run: .venv/bin/python bench/bench_parse.py [feeds]
Times are CPU seconds of this process (other processes on the machine do not count).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta

from monitor.parse import parse_feed, parse_feed_feedparser

ITEMS = 50


def make_feed(n: int, items: int = ITEMS, full_text: bool = True) -> bytes:
    """A realistic RSS 2.0 feed: CDATA HTML descriptions, dc:creator, maybe content:encoded."""
    start = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(minutes=n)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Feed {n}</title><link>https://site{n}.example.com/</link>"
    ]
    for i in range(items):
        when = (start - timedelta(hours=i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        parts.append(
            f"<item><title>Story {n}-{i}: coalition strikes in eastern Syria &amp; more</title>"
            f"<link>https://site{n}.example.com/world/{i}.html</link>"
            f'<guid isPermaLink="false">site{n}-{i}</guid>'
            f"<pubDate>{when}</pubDate><dc:creator>Reporter {i}</dc:creator>"
            "<description><![CDATA[<p>Officials said the <b>operation</b> targeted a senior "
            "figure of the group near Deir ez-Zor&nbsp;on Tuesday.</p><p>More to come.</p>]]>"
            "</description>"
            + (
                "<content:encoded><![CDATA[<div><p>Paragraph one of the article body with "
                "some words.</p><p>Paragraph two, with a <a href='/x'>link</a>.</p></div>]]>"
                "</content:encoded>"
                if full_text
                else ""
            )
            + "</item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def timed(fn, feeds: list[bytes]) -> float:
    t = time.process_time()
    for i, body in enumerate(feeds):
        fn(body, f"https://site{i}.example.com/feed.xml", "application/rss+xml")
    return time.process_time() - t


def report(count: int, full_text: bool) -> None:
    feeds = [make_feed(n, full_text=full_text) for n in range(count)]
    assert parse_feed(feeds[0], "https://x/").parser == "lxml"
    fast = timed(parse_feed, feeds)
    fast_warm = timed(parse_feed, feeds)  # same date strings again: the re-poll case
    slow_n = min(count, 100)
    slow = timed(parse_feed_feedparser, feeds[:slow_n]) / slow_n * count
    kb = sum(map(len, feeds)) / count / 1024
    kind = "with content:encoded" if full_text else "title/link/guid/date/description"
    print(f"{count} feeds x {ITEMS} items, {kind} ({kb:.0f} KB each)")
    for label, total in (
        ("  fast path (lxml), first poll", fast),
        ("  fast path (lxml), re-poll", fast_warm),
        ("  feedparser (estimated)", slow),
    ):
        print(f"{label:32} {total * 1000 / count:7.2f} ms/feed {total:7.2f} s CPU in total")
    print(f"  speed-up: {slow / fast:.1f}x")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    report(count, full_text=False)
    report(count, full_text=True)


if __name__ == "__main__":
    main()
