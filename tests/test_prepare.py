"""Entries prepared next to parsing are stored exactly as the pipeline would store them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from monitor.config import load_config
from monitor.fetch import Fetcher
from monitor.models import Analysis, Entry, MatchResult, ParsedFeed
from monitor.pipeline import Monitor, NewItem
from monitor.prepare import SCRAPING_DISABLED, PreparedEntry, prepare_feed
from monitor.rules import load_ruleset
from monitor.store import Store, now_utc, to_iso
from tests.support.texts import RAID, RULES


async def test_a_prepared_row_is_the_row_the_pipeline_builds(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(RULES)
    (tmp_path / "monitor.toml").write_text(
        '[storage]\npath = "m.db"\n[scraping]\nenabled = false\n'
        '[matching]\nrules = ["rules.toml"]\n'
        '[[feeds]]\nname = "wire"\nurl = "http://127.0.0.1:9/feed.xml"\n'
    )
    config = load_config(tmp_path / "monitor.toml")
    ruleset = load_ruleset(config.matching.rules)
    now = now_utc()
    # dated in the future: both paths must clamp it to the poll's time
    dull = Entry(
        "g1",
        "http://example.org/a",
        "Fuel prices",
        "Fuel prices rose.",
        "",
        now + timedelta(days=1),
    )
    raid = Entry("g2", "http://example.org/b", "Raid in Atmeh", RAID, "", now)
    parsed = ParsedFeed("Wire", None, (dull, raid, dull), "lxml")
    prepared = prepare_feed(parsed, ruleset, feed="wire", now=now)

    (hit,) = prepared.entries  # one per key; the dull one is a row
    assert hit.entry == raid and hit.analysis is not None and hit.analysis.result.matched
    assert hit.signature is not None
    (quiet,) = prepared.rows
    assert (quiet.title, quiet.rules, quiet.event_id) == ("Fuel prices", "[]", None)

    store = Store(config.storage.path)
    try:
        async with Fetcher(config.polling, config.scraping) as fetcher:
            monitor = Monitor(config, store, ruleset, fetcher, None)
            try:
                general = NewItem(None, PreparedEntry(dull, quiet.key, quiet.content_hash), now)
                scraped = monitor._unscraped(general, SCRAPING_DISABLED)
                change, row = monitor.record_match("wire", scraped, Analysis(MatchResult()), now)
                # the event is filed under the language its frame was read in, where it was
                # matched: detected once, not again in the monitor
                assert hit.analysis.lang == "en"
                matched = monitor._unscraped(NewItem(None, hit, now), SCRAPING_DISABLED)
                assert monitor._sighting("wire", matched, hit.analysis, None, now).lang == "en"
                french = replace(hit.analysis, lang="fr")
                assert monitor._sighting("wire", matched, french, None, now).lang == "fr"
            finally:
                await monitor.close()
    finally:
        store.close()
    assert change is None
    assert row == quiet
    assert row.published_at == to_iso(now)
