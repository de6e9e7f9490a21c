"""Article extraction: main text quality on labelled pages, metadata, charsets, errors, the pool."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import statistics
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from monitor.errors import ExtractError
from monitor.extract import Extractor, extract_article

PAGES = Path(__file__).parent / "pages"
LABELLED = sorted(h for h in PAGES.glob("*.html") if h.with_suffix(".txt").exists())
TRAPS = (PAGES / "traps.txt").read_text().split()
URL = "https://news.example.org/2024/story?id=7"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(got: str, expected: str) -> float:
    g, e = Counter(tokens(got)), Counter(tokens(expected))
    common = sum((g & e).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def expected(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text("utf-8")


# --- main text ---------------------------------------------------------------------------------


def test_labelled_pages_are_numerous_and_realistic() -> None:
    assert len(LABELLED) >= 30
    assert len(TRAPS) >= 5
    for html in LABELLED:
        assert 5_000 <= html.stat().st_size <= 60_000, html.name


def test_mean_f1_over_labelled_pages_is_at_least_090() -> None:
    scores = {
        h.stem: f1(extract_article(h.read_bytes(), URL).text, expected(h.stem)) for h in LABELLED
    }
    worst = sorted(scores.items(), key=lambda kv: kv[1])[:3]
    assert statistics.mean(scores.values()) >= 0.90, worst
    assert min(scores.values()) >= 0.75, worst


def test_paragraphs_come_out_one_per_paragraph() -> None:
    article = extract_article(page("wire_raid_idlib"), URL)
    story = expected("wire_raid_idlib").strip().split("\n\n")
    assert list(article.paragraphs[: len(story)]) == story
    assert article.method == "trafilatura"


@pytest.mark.parametrize("name", TRAPS)
def test_sidebar_headlines_never_reach_the_text_of_trap_pages(name: str) -> None:
    body = page(name)
    text = extract_article(body, URL).text
    assert "leader killed" not in " ".join(tokens(text))
    assert "مقتل زعيم" not in text
    # No link text of the page (menus, most read, related) survives as a paragraph either.
    tree = lxml.html.document_fromstring(body)
    story = set(expected(name).strip().split("\n\n"))
    link_texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    leaked = {p for p in extract_article(body, URL).paragraphs if p in link_texts - story}
    assert not leaked


def test_comments_and_captions_stay_out() -> None:
    text = extract_article(page("comments_financier_arrest"), URL).text
    assert "Why is this not on the front page?" not in text
    assert "Good reporting" not in text
    blog = extract_article(page("blog_kibbeh_recipe"), URL).text
    assert "Great write-up" not in blog


# --- metadata ----------------------------------------------------------------------------------


def test_wire_page_metadata() -> None:
    article = extract_article(page("wire_raid_idlib"), URL)
    assert article.canonical_url is not None
    assert article.canonical_url.startswith("https://www.globalwire.example/world/middle-east/")
    assert article.title == (
        "Coalition forces capture suspected Islamic State courier in Idlib night raid"
    )
    assert article.author == "Samir Haddad"
    # article:published_time 06:40 at +03:00
    assert article.published == datetime(2024, 3, 14, 3, 40, tzinfo=UTC)
    assert article.language == "en"


def test_relative_og_url_is_made_absolute_and_json_ld_date_is_read() -> None:
    article = extract_article(page("regional_bread_prices"), "https://levantdaily.example/x/1")
    assert article.canonical_url == (
        "https://levantdaily.example/en/news/"
        "bread-queues-return-to-damascus-as-subsidised-loaf-price-dou"
    )
    assert article.published == datetime(2024, 2, 5, 6, 0, tzinfo=UTC)
    assert article.language == "en"  # from og:locale en_GB; the page has no <html lang>
    assert article.author == "Rana Suleiman"


def test_page_without_canonical_uses_the_articles_time_not_the_comments() -> None:
    article = extract_article(page("comments_returnees_trial"), URL)
    assert article.canonical_url is None
    assert article.published == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def test_amp_page_points_to_its_canonical_page() -> None:
    article = extract_article(page("amp_raqqa_strike"), URL)
    assert article.canonical_url is not None
    assert article.canonical_url.startswith("https://www.frontline-report.example/news/")
    assert article.published == datetime(2024, 7, 8, 13, 55, tzinfo=UTC)
    assert article.author == "Daniel Mercer"


def test_content_language_meta_sets_the_language() -> None:
    assert extract_article(page("ads_kirkuk_attack"), URL).language == "en"


def test_page_without_any_metadata() -> None:
    article = extract_article(page("legacy_palmyra_restoration"), URL)
    assert article.canonical_url is None
    assert article.published is None
    assert article.title == "Restorers begin work on damaged arch at Palmyra | Syria Heritage News"


# --- charsets ----------------------------------------------------------------------------------


def test_arabic_page_in_windows_1256_declared_by_meta() -> None:
    body = page("arabic_aleppo_power")
    assert b'charset="windows-1256"' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # really a legacy encoding, not UTF-8
    article = extract_article(body, URL)
    assert list(article.paragraphs) == expected("arabic_aleppo_power").strip().split("\n\n")
    assert article.title == "ساعات تقنين الكهرباء تطول في حلب مع اشتداد البرد"
    assert article.language == "ar"


def _arabic_page(meta: str) -> str:
    paragraphs = expected("arabic_raid_deir").strip().split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="ar"><head>{meta}<title>خبر</title></head><body><nav><a href="/">الرئيسية'
        f"</a></nav><article>{body}</article></body></html>"
    )


def test_http_charset_wins_over_a_wrong_meta() -> None:
    body = _arabic_page('<meta charset="utf-8">').encode("windows-1256")
    article = extract_article(body, URL, "text/html; charset=windows-1256")
    assert article.text == expected("arabic_raid_deir").strip()


def test_byte_order_mark_wins_over_everything() -> None:
    html = _arabic_page('<meta charset="iso-8859-1">')
    article = extract_article(
        b"\xef\xbb\xbf" + html.encode("utf-8"), URL, "text/html; charset=cp1252"
    )
    assert article.text == expected("arabic_raid_deir").strip()
    utf16 = extract_article(html.encode("utf-16"), URL, None)  # BOM included by the codec
    assert utf16.text == expected("arabic_raid_deir").strip()


def test_undeclared_utf8_is_detected() -> None:
    body = _arabic_page("").encode("utf-8")
    assert extract_article(body, URL, "text/html").text == expected("arabic_raid_deir").strip()


# --- errors ------------------------------------------------------------------------------------

TEASER = (
    "The finance ministry said on Monday that it would review fuel subsidies before the end of "
    "the year, a step that economists have long urged and that unions have long resisted."
)


def _reason(body: bytes, content_type: str | None = "text/html") -> str:
    with pytest.raises(ExtractError) as info:
        extract_article(body, URL, content_type)
    return info.value.reason


def test_subscription_wall_is_paywall() -> None:
    body = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Subsidies</h1>"
        f"<p>{TEASER}</p><div class='wall'><h2>Subscribe to continue reading</h2><p>Already a "
        "subscriber? <a href='/login'>Log in</a></p></div></article></body></html>"
    ).encode()
    assert _reason(body) == "paywall"


def test_json_ld_not_free_with_a_teaser_is_paywall() -> None:
    body = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"isAccessibleForFree": false}</script></head><body><article>'
        f"<p>{TEASER}</p><p>{TEASER}</p></article></body></html>"
    ).encode()
    assert _reason(body) == "paywall"


def test_cookie_consent_wall_is_paywall() -> None:
    body = (
        b"<html><body><div class='consent'><h1>Before you continue</h1><p>We use cookies and "
        b"data to deliver our services and show ads. Click Accept all cookies or Reject all to "
        b"continue.</p><button>Accept all</button><button>Reject all</button></div>"
        b"</body></html>"
    )
    assert _reason(body) == "paywall"


def test_long_article_with_a_cookie_banner_is_fine() -> None:
    article = extract_article(page("ads_wheat_harvest"), URL)  # it has a cookie banner
    assert len(article.paragraphs) == 5


def test_too_little_text_is_too_short() -> None:
    body = b"<html><body><nav><a href='/'>Home</a></nav><p>Page moved.</p></body></html>"
    assert _reason(body) == "too_short"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>", "application/pdf"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b'{"title": "not a page", "body": "<p>hi</p>"}', "application/json"),
        (b'{"title": "not a page", "body": "<p>hi</p>"}', "text/html"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "application/octet-stream"),
    ],
)
def test_non_html_is_not_html(body: bytes, content_type: str | None) -> None:
    assert _reason(body, content_type) == "not_html"


def test_oversized_page_is_too_large() -> None:
    with pytest.raises(ExtractError) as info:
        extract_article(page("wire_raid_idlib"), URL, max_size=1000)
    assert info.value.reason == "too_large"


# --- the process pool --------------------------------------------------------------------------


def _heavy_page(paragraphs: int) -> bytes:
    """A plain but huge article: distinct paragraphs, so no extractor can shortcut it."""
    body = "".join(
        f"<p>Paragraph {i}: filler words about nothing in particular, repeated at some length "
        f"to make work, number {i * 7}.</p>"
        for i in range(paragraphs)
    )
    return f"<html><body><article>{body}</article></body></html>".encode()


async def _max_loop_gap(work: asyncio.Future[object] | asyncio.Task[object]) -> float:
    """Largest gap between ticks of a 10 ms ticker while `work` runs."""
    gaps: list[float] = []
    last = time.monotonic()
    while not work.done():
        await asyncio.sleep(0.01)
        now = time.monotonic()
        gaps.append(now - last)
        last = now
    return max(gaps, default=0.0)


async def test_extractor_runs_pages_concurrently_without_blocking_the_loop() -> None:
    names = [h.stem for h in LABELLED[:8]]
    with Extractor(max_workers=2) as extractor:
        work = asyncio.gather(*(extractor.extract(page(n), URL) for n in names))
        gap = await _max_loop_gap(work)
        articles = await work
    assert all(f1(a.text, expected(n)) > 0.8 for a, n in zip(articles, names, strict=True))
    assert gap < 0.25


async def test_extractor_reports_errors_with_their_reason() -> None:
    async with Extractor(max_workers=1, max_size=10_000) as extractor:
        with pytest.raises(ExtractError) as info:
            await extractor.extract(b"%PDF-1.4", URL, "application/pdf")
        assert info.value.reason == "not_html"
        with pytest.raises(ExtractError) as info:
            await extractor.extract(b"<p>x</p>" * 5000, URL)
        assert info.value.reason == "too_large"


async def test_slow_page_is_abandoned_with_timeout_and_the_loop_keeps_running() -> None:
    slow = _heavy_page(20_000)  # 2.3 MB of paragraphs: over a second of work
    with Extractor(max_workers=1, timeout=0.3) as extractor:
        started = time.monotonic()
        work = asyncio.ensure_future(extractor.extract(slow, URL))
        gap = await _max_loop_gap(work)
        with pytest.raises(ExtractError) as info:
            await work
        assert info.value.reason == "timeout"
        assert time.monotonic() - started < 2.0
        assert gap < 0.25
        # The same worker is free again for the next page.
        article = await extractor.extract(page("wire_raid_idlib"), URL)
        assert article.title is not None


def stuck_in_c_code(*args: object) -> object:
    """Stands for a worker stuck inside a C call: the alarm signal cannot reach it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(60)
    return None


async def test_worker_that_ignores_its_alarm_is_killed_and_replaced() -> None:
    extractor = Extractor(max_workers=1, timeout=0.2)
    try:
        extractor._task = stuck_in_c_code  # type: ignore[assignment]
        started = time.monotonic()
        with pytest.raises(ExtractError) as info:
            await extractor.extract(page("wire_raid_idlib"), URL)
        assert info.value.reason == "timeout"
        assert time.monotonic() - started < 5.0
        from monitor.extract import _work

        extractor._task = _work
        article = await extractor.extract(page("wire_raid_idlib"), URL)
        assert article.canonical_url is not None
    finally:
        extractor.close()


def slow_extraction(*args: object) -> object:
    """The real extraction, half a second late."""
    from monitor.extract import _work

    time.sleep(0.5)
    return _work(*args)  # type: ignore[arg-type]


async def test_a_stop_signal_to_the_group_spares_the_page_in_flight() -> None:
    # systemd stops a service by signalling all its processes: the daemon finishes what is in
    # flight, so the extraction workers must not die under it
    extractor = Extractor(max_workers=1, timeout=5)
    try:
        extractor._task = slow_extraction  # type: ignore[assignment]
        work = asyncio.ensure_future(extractor.extract(page("wire_raid_idlib"), URL))
        await asyncio.sleep(0.3)
        pool = extractor._pool
        assert pool is not None
        processes = list(pool._processes.values())  # type: ignore[attr-defined]
        assert processes
        for process in processes:
            os.kill(process.pid, signal.SIGTERM)
        article = await work
        assert article.canonical_url is not None
        assert all(p.is_alive() for p in processes)
    finally:
        extractor.close()
