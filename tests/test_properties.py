"""Property tests (Hypothesis): generated hostile feeds through `parse` and through a whole
`monitor once` against a loopback server, alert messages built from hostile titles, and
config values for every key. See tests/support/properties.py for the profiles
(HYPOTHESIS_PROFILE=thorough runs twenty times more examples)."""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import itertools
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.alert import SUBJECT_PREFIX, _subject_text, build_email
from monitor.cli import main
from monitor.config import load_config
from monitor.errors import ConfigError, FetchError, FetchErrorKind
from monitor.models import Alert
from monitor.parse import SUMMARY_MAX, parse_feed
from monitor.store import from_iso, to_iso
from monitor.textnorm import TITLE_MAX
from tests.support.properties import (
    TIMEOUT,
    documents,
    examples,
    feed_document,
    raw_items,
    texts,
)
from tests.support.server import LoopbackServer
from tests.support.site import Site, item, rss
from tests.support.texts import RAID, STRIKE
from tests.support_alert import email_channel

pytestmark = pytest.mark.timeout(TIMEOUT)

# --- parse ---------------------------------------------------------------------------------------


@examples(200)
@given(documents())
def test_parse_gives_clean_entries_or_a_feed_error(doc: tuple[bytes, str | None]) -> None:
    body, content_type = doc
    try:
        parsed = parse_feed(body, "https://example.org/feed.xml", content_type)
    except FetchError as exc:
        assert exc.kind in (FetchErrorKind.NOT_A_FEED, FetchErrorKind.MALFORMED)
        return
    for entry in parsed.entries:
        assert entry.title == " ".join(entry.title.split())  # one line
        assert len(entry.title) <= TITLE_MAX and len(entry.summary) <= SUMMARY_MAX
        for text in (entry.title, entry.summary, entry.content):
            assert not any(ch in text for ch in "\x00\r\x1b\x7f")
        assert entry.url is None or entry.url.startswith(("http://", "https://"))
        if entry.published is not None:
            assert entry.published.year >= 1900
            assert from_iso(to_iso(entry.published)) == entry.published


@examples(100)
@given(
    st.sampled_from(["rss", "rdf", "atom"]),
    st.lists(raw_items(), max_size=5),
    st.lists(raw_items(), max_size=5),
)
def test_good_items_survive_beside_hostile_ones(
    kind: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> None:
    good = [
        {
            "title": f"Good {n}",
            "text": RAID,
            "link": f"https://news.example.org/good/{n}",
            "guid": f"good-{n}",
            "date": None,
        }
        for n in range(2)
    ]
    # ids of the hostile items must not collide with the good ones
    for it in (*before, *after):
        it["guid"] = None if it["guid"] is None else "h:" + it["guid"]
    doc = feed_document(kind, [*before, good[0], *after, good[1]]).encode("utf-8")
    parsed = parse_feed(doc, "https://example.org/feed.xml", "application/rss+xml")
    titles = {e.title for e in parsed.entries}
    assert {"Good 0", "Good 1"} <= titles


# --- email ----------------------------------------------------------------------------------------


@examples(150)
@given(texts, texts, st.sampled_from(["event.matched", "event.updated", "feed.failing"]))
def test_no_title_or_source_shapes_a_mail_header(title: str, source: str, kind: str) -> None:
    alert = Alert(
        type=kind, id="ev_1", title=title, url="https://e.org/a", source=source, published=None
    )
    raw = build_email(email_channel(), alert, "dlv-prop").as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    names = [n.lower() for n in msg]
    assert sorted(names) == sorted(
        [
            "from",
            "to",
            "date",
            "message-id",
            "subject",
            "auto-submitted",
            "mime-version",
            "content-type",
        ]
    )
    assert msg.get_content_type() == "multipart/alternative"
    assert len(list(msg.iter_parts())) == 2
    # as written, but for the spaces between encoded words, which RFC 2047 decoding drops
    subject = SUBJECT_PREFIX + _subject_text(alert)
    assert "".join(str(msg["Subject"]).split()) == "".join(subject.split())
    assert "=?" not in str(msg["Subject"])  # nothing left for a relay to decode again


# --- a whole `monitor once` against a loopback server ------------------------------------------

FAILURE_KINDS = {k.value for k in FetchErrorKind} - {"other"}
_paths = itertools.count()


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as srv:
        yield srv


def _once(config: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--config", str(config), "once"])
    assert code == 0, err.getvalue()[-2000:]
    assert "Traceback" not in err.getvalue()


@examples(25)
@given(documents(), documents())
def test_monitor_once_records_a_hostile_feed_and_loses_nothing_beside_it(
    server: LoopbackServer, first: tuple[bytes, str | None], second: tuple[bytes, str | None]
) -> None:
    n = next(_paths)
    with tempfile.TemporaryDirectory() as tmp:
        site = Site(server, Path(tmp))
        site.srv.route(f"/hook{n}", handler=site._hook)
        good = [item("raid", "Raid in Atmeh", RAID)]
        site.publish(rss(good), f"/good{n}.xml")
        site.srv.route(f"/hostile{n}.xml", first[0], content_type=first[1] or "")
        site.configure(
            feeds={"good": f"/good{n}.xml", "hostile": f"/hostile{n}.xml"}, hook=f"/hook{n}"
        )
        _once(site.config)
        # the hostile feed changes (its items' text too), the good feed gains an item
        site.srv.route(f"/hostile{n}.xml", second[0], content_type=second[1] or "")
        site.publish(rss([*good, item("strike", "Strike near Raqqa", STRIKE)]), f"/good{n}.xml")
        _once(site.config)

        with contextlib.closing(sqlite3.connect(site.db)) as db:
            feeds = {
                name: (kind, failures, error)
                for name, kind, failures, error in db.execute(
                    "SELECT name, last_error_kind, consecutive_failures, last_error FROM feeds"
                )
            }
            good_titles = [t for (t,) in db.execute("SELECT title FROM items WHERE feed = 'good'")]
            titles = [t for (t,) in db.execute("SELECT title FROM items")]
    # the good feed lost nothing and alerted each story once
    assert feeds["good"] == (None, 0, None)
    assert sorted(good_titles) == ["Raid in Atmeh", "Strike near Raqqa"]
    alerted = [p["title"] for p in site.payloads() if p["source"] == "good"]
    assert sorted(alerted) == ["Raid in Atmeh", "Strike near Raqqa"]
    # the hostile feed is healthy, or its failure is recorded with a known class: a bug met
    # by its content would be "other" and would come back at every poll (a wedged feed)
    kind, failures, error = feeds["hostile"]
    assert (kind is None and failures == 0) or (kind in FAILURE_KINDS and error), feeds
    assert all(len(t) <= TITLE_MAX and "\n" not in t for t in titles)


# --- config -----------------------------------------------------------------------------------

durations = st.one_of(
    st.builds(
        lambda n, u: f"{n}{u}",
        st.one_of(
            st.integers(0, 10**6), st.just(10**400), st.floats(0, 1e6).map(lambda f: f"{f:.3f}")
        ),
        st.sampled_from(["ms", "s", "m", "h", "d", "w"]),
    ),
    st.sampled_from(["", "5", "-5s", "1y", "1e9s", "soon", " 3 d "]),
)
sizes = st.one_of(
    st.builds(
        lambda n, u: f"{n}{u}",
        st.one_of(st.integers(0, 10**10), st.just(10**400)),
        st.sampled_from(["", "B", "KB", "MB", "GB", "KiB", "MiB", "GiB"]),
    ),
    st.sampled_from(["", "big", "-1MB"]),
)
wrong = st.one_of(st.booleans(), st.integers(-(2**40), 2**40), st.lists(st.integers(), max_size=2))
integers = st.one_of(st.integers(-5, 2000), st.just(2**63))

KEYS: dict[tuple[str, str], st.SearchStrategy[Any]] = {
    ("storage", "keep"): durations,
    ("polling", "interval"): durations,
    ("polling", "timeout"): durations,
    ("polling", "jitter"): durations,
    ("polling", "max_size"): sizes,
    ("polling", "concurrency"): integers,
    ("polling", "per_host"): integers,
    ("polling", "max_redirects"): integers,
    ("polling", "workers"): integers,
    ("scraping", "enabled"): st.booleans(),
    ("scraping", "allow_private_networks"): st.booleans(),
    ("scraping", "store_text"): st.booleans(),
    ("scraping", "max_size"): sizes,
    ("scraping", "timeout"): durations,
    ("matching", "dedup_window"): durations,
    ("matching", "event_window"): durations,
    ("matching", "alert_commentary"): st.booleans(),
    ("alerts", "max_age"): durations,
    ("alerts", "feed_failing_after"): durations,
    ("alerts", "update_interval"): durations,
    ("alerts", "retry_window"): durations,
    ("webhook", "timeout"): durations,
    ("webhook", "retry_window"): durations,
    ("feed", "interval"): durations,
    ("feed", "alert_commentary"): st.booleans(),
    ("metrics", "listen"): st.sampled_from(["127.0.0.1:9464", "nope", "[::1]:1", ""]),
}
TABLE = {"webhook": "alerts.webhook[0]", "feed": "feeds[0]"}


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return json.dumps(value)


@examples(200)
@given(
    st.dictionaries(
        st.sampled_from(sorted(KEYS)),
        st.just(None),
        max_size=4,
    ).flatmap(lambda chosen: st.fixed_dictionaries({k: st.one_of(KEYS[k], wrong) for k in chosen}))
)
def test_every_config_value_is_refused_by_key_or_safe_to_run(values: dict[Any, Any]) -> None:
    lines: dict[str, list[str]] = {}
    for (table, key), value in values.items():
        lines.setdefault(table, []).append(f"{key} = {_toml(value)}")
    text = "".join(
        f"[{t}]\n" + "\n".join(lines[t]) + "\n"
        for t in ("storage", "polling", "scraping", "matching", "alerts", "metrics")
        if t in lines
    )
    text += '[[feeds]]\nname = "Wire"\nurl = "http://127.0.0.1:9/feed.xml"\n'
    text += "\n".join(lines.get("feed", [])) + "\n"
    text += '[[alerts.webhook]]\nurl = "http://127.0.0.1:9/hook"\n'
    text += "\n".join(lines.get("webhook", [])) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "monitor.toml"
        path.write_text(text, encoding="utf-8")
        try:
            config = load_config(path)
        except ConfigError as exc:
            assert exc.file == str(path)
            written = {f"{TABLE.get(t, t)}.{k}" for t, k in values}
            assert exc.key in written, (exc.key, written)
            return
    # accepted: every duration of it is safe in date arithmetic
    now = datetime.now(UTC)
    seconds = [
        config.storage.keep,
        config.polling.interval,
        config.polling.timeout,
        config.polling.jitter,
        config.scraping.timeout,
        config.matching.dedup_window,
        config.matching.event_window,
        config.alerts.max_age,
        config.alerts.feed_failing_after,
        config.alerts.update_interval,
        *(c.retry_window for c in config.alerts.channels),
        *(c.timeout for c in config.alerts.channels),
        *(f.interval for f in config.feeds),
    ]
    for s in seconds:
        for moment in (now + timedelta(seconds=s), now - timedelta(seconds=s)):
            assert from_iso(to_iso(moment)) == moment
