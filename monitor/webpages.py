"""The web view's HTML pages: events, one event, the map, feeds' health, the outbox.

Pure functions, no I/O (the server is webserver.py). Every value is escaped where it goes (see
web.py); links between pages are relative to `root` ("" on top-level pages, "../" under
/event/), so the view also works behind a reverse proxy under a path of its own. Only the map
page loads a script (Leaflet and map.js, both served by the monitor); everything else is plain
HTML and forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from monitor import __version__
from monitor.store import Delivery, EventFacets, EventRow, FeedState, SourceRow
from monitor.textnorm import display_block, display_line
from monitor.web import (
    SNIPPET_LIMIT,
    ViewQuery,
    coordinates,
    esc,
    facts_html,
    href,
    link,
    place_text,
    snippet_html,
    sources_html,
    time_html,
    title_text,
    web_url,
)

PAGES = (("", "Events"), ("map", "Map"), ("feeds", "Feeds"), ("outbox", "Outbox"))
# deliveries a person may send again (one waiting or under way is sent anyway)
REDELIVERABLE = frozenset({"failed", "sent"})
SHOWN_DELIVERIES = 500  # on the outbox page, failed first

Csrf = Callable[[str], str]  # the CSRF token of redelivering one delivery id


@dataclass(frozen=True)
class Page:
    """What every page shares: where the top is, the parameters links keep, when it was made."""

    root: str  # "" or "../": the way from this page to the top
    carry: Mapping[str, str]  # query parameters every link keeps (the ?token=)
    generated: datetime

    def href(self, path: str, params: Mapping[str, str] | None = None) -> str:
        """A link to `path` (relative to the top; "" is the events page) keeping `carry`."""
        return href(self.root + path or "./", {**self.carry, **(params or {})})


def event_path(event_id: str) -> str:
    """The event page's path, relative to the top."""
    return "event/" + quote(event_id, safe="")


def _shell(
    page: Page,
    title: str,
    current: str,
    body: str,
    *,
    head: str = "",
    scripts: Sequence[str] = (),
) -> str:
    """A whole document: head, the navigation between pages, the body, a footer."""
    nav = " ".join(
        f'<a href="{esc(page.href(path))}"'
        + (' aria-current="page"' if path == current else "")
        + f">{label}</a>"
        for path, label in PAGES
    )
    tags = "".join(f'<script src="{esc(page.root + s)}"></script>' for s in scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{esc(page.root)}style.css">{head}'
        "</head><body>\n"
        f"<header><nav>{nav}</nav><h1>{esc(title)}</h1></header>\n"
        f"{body}\n"
        f"<footer><p>monitor {esc(__version__)} · generated {time_html(page.generated)}</p>"
        f"</footer>\n{tags}</body></html>\n"
    )


def _options(values: Sequence[str], chosen: str | None, everything: str) -> str:
    """<option>s of a filter's <select>: `everything` first, the chosen value kept."""
    out = [f'<option value="">{esc(everything)}</option>']
    for value in dict.fromkeys([*values, *([chosen] if chosen else [])]):
        selected = " selected" if value == chosen else ""
        shown = esc(display_line(value, 200))
        out.append(f'<option value="{esc(value)}"{selected}>{shown}</option>')
    return "".join(out)


def _filter_form(page: Page, q: ViewQuery, facets: EventFacets, action: str) -> str:
    """The filters of the events and map pages, a GET form (works without JavaScript)."""
    places = _options(facets.places, q.place if q.place in facets.places else None, "anywhere")
    countries = "".join(
        f'<option value="{esc(c)}"{" selected" if c == q.place else ""}>'
        f"{esc(display_line(c, 200))}</option>"
        for c in facets.countries
    )
    if q.place and q.place not in facets.places and q.place not in facets.countries:
        countries += (
            f'<option value="{esc(q.place)}" selected>{esc(display_line(q.place))}</option>'
        )
    hidden = "".join(
        f'<input type="hidden" name="{esc(k)}" value="{esc(v)}">' for k, v in page.carry.items()
    )
    checked = " checked" if q.all else ""
    day_from = q.day_from.isoformat() if q.day_from else ""
    day_to = q.day_to.isoformat() if q.day_to else ""
    return (
        f'<form class="filter" method="get" action="{esc(page.root + action or "./")}">'
        f'<input type="search" id="q" name="q" value="{esc(q.text or "")}" '
        'placeholder="words in titles and snippets" aria-label="Search">'
        f'<label>Rule <select id="rule" name="rule">{_options(facets.rules, q.rule, "every rule")}'
        "</select></label>"
        f'<label>Kind <select id="what" name="what">{_options(facets.whats, q.what, "any kind")}'
        "</select></label>"
        f'<label>Place <select id="place" name="place">{places}'
        f'<optgroup label="Countries">{countries}</optgroup></select></label>'
        f'<label>From <input type="date" id="from" name="from" value="{day_from}"></label>'
        f'<label>To <input type="date" id="to" name="to" value="{day_to}"></label>'
        f'<label><input type="checkbox" name="all" value="1"{checked}> commentary too</label>'
        f'{hidden}<button type="submit">Show</button></form>'
    )


def _summary(q: ViewQuery, shown: int, noun: str) -> str:
    if not shown and q.page > 1:
        return f'<p class="empty">No {noun}s on this page: it is past the oldest.</p>'
    if shown:
        matched = f" matched by {esc(display_line(q.rule, 200))}" if q.rule else ""
        first = (q.page - 1) * q.limit + 1
        where = f" ({first}–{first + shown - 1})" if q.page > 1 else ""
        plural = noun if shown == 1 else noun + "s"
        return f'<p class="count">{shown} {plural}{matched}{where}, newest first.</p>'
    if q.filtered:
        matched = f" matched by {esc(display_line(q.rule, 200))}" if q.rule else ""
        return f'<p class="empty">No {noun}s{matched} fit these filters.</p>'
    return f'<p class="empty">No {noun}s yet.</p>'


def _title(base: str, q: ViewQuery) -> str:
    return base + (f" matched by {display_line(q.rule, 200)}" if q.rule else "")


def events_page(
    events: Sequence[EventRow],
    q: ViewQuery,
    facets: EventFacets,
    page: Page,
    older: bool = False,
) -> str:
    """The events page: newest first, filtered as `q` asks, a card per event; `older`: a link
    to the next page, when there are older events."""

    def rule_link(name: str) -> str:
        return page.href("", {"rule": name, "all": "1" if q.all else ""})

    keep = q.params()
    feeds = " · ".join(
        f'<a href="{esc(page.href(path, keep))}" type="{mime}">{label}</a>'
        for path, mime, label in (
            ("events.atom", "application/atom+xml", "Atom"),
            ("events.json", "application/feed+json", "JSON Feed"),
            ("events.geojson", "application/geo+json", "GeoJSON"),
        )
    )
    cards = []
    for e in events:
        kind = (
            "" if e.kind == "report" else f'<span class="kind">{esc(display_line(e.kind))}</span>'
        )
        cards.append(
            f'<article class="event" id="{esc(_anchor(e.id))}">'
            f'<h2><span dir="auto">{link(e.url, title_text(e))}</span>{kind}</h2>'
            f"{facts_html(e, rule_link)}{snippet_html(e)}{sources_html(e)}"
            f'<p class="details"><a href="{esc(page.href(event_path(e.id)))}">'
            "its page: every report, why the rules matched, deliveries</a></p></article>"
        )
    pages = []
    if q.page > 1:
        pages.append(
            f'<a rel="prev" href="{esc(page.href("", q.params(page=q.page - 1)))}">← newer</a>'
        )
    if older:
        pages.append(
            f'<a rel="next" href="{esc(page.href("", q.params(page=q.page + 1)))}">older →</a>'
        )
    title = _title("monitor: events", q)
    atom = page.href("events.atom", keep)
    body = (
        f"<main>{_filter_form(page, q, facets, '')}"
        f'<p class="feeds">Feeds of this view: {feeds}</p>'
        f"{_summary(q, len(events), 'event')}{''.join(cards)}"
        f'<p class="pages">{"".join(pages)}</p></main>'
    )
    head = f'<link rel="alternate" type="application/atom+xml" title="Atom" href="{esc(atom)}">'
    return _shell(page, title, "", body, head=head)


def _anchor(event_id: str) -> str:
    return "e-" + re.sub(r"[^A-Za-z0-9_-]", "_", event_id)[:80]


# --- one event ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleReason:
    """Why one rule matched one report: where, and the sentence(s) carrying its hits."""

    rule: str
    fields: tuple[str, ...]
    sentence: str


@dataclass(frozen=True)
class Report:
    """One report of an event as its page shows it: the source, and why it is there."""

    row: SourceRow
    started: bool  # it started the event (else it joined)
    reason: str  # why it joined (or what kind of text it is)
    matched: tuple[RuleReason, ...]


def report_of(row: SourceRow) -> Report:
    """Read a stored report's decision (JSON the monitor wrote; older rows lack `matched`)."""
    d = row.decision
    matched = []
    hits = d.get("matched")
    for hit in hits if isinstance(hits, list) else []:
        if isinstance(hit, dict) and isinstance(hit.get("rule"), str):
            fields = hit.get("fields")
            matched.append(
                RuleReason(
                    hit["rule"],
                    tuple(str(f) for f in fields) if isinstance(fields, list) else (),
                    str(hit.get("snippet") or ""),
                )
            )
    reason = d.get("reason")
    return Report(row, bool(d.get("created")), str(reason or ""), tuple(matched))


def _report(r: Report, rule_link: Callable[[str], str]) -> str:
    s = r.row.source
    outlet = display_line(s.source, 200) or "(unnamed feed)"
    title = display_line(s.title, 300) or "(no title)"
    facts = [
        ("Outlet", esc(outlet)),
        ("Language", esc(display_line(s.lang or "", 20) or "unknown")),
    ]
    if s.published:
        facts.append(("Published", time_html(s.published)))
    facts.append(("Seen", time_html(r.row.seen_at)))
    url = web_url(s.url)
    facts.append(("Link", link(url, url) if url else esc(display_line(s.url, 300) or "-")))
    verb = "started the event" if r.started else "joined"
    reason = display_line(r.reason, 300)
    facts.append(("Why here", esc(verb + (f": {reason}" if reason else ""))))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    why = "".join(
        f'<li><a class="rule" href="{esc(rule_link(m.rule))}">{esc(display_line(m.rule, 200))}</a>'
        + (f" in the {esc(', '.join(display_line(f, 20) for f in m.fields))}" if m.fields else "")
        + (
            f': <q dir="auto">{esc(display_block(m.sentence, SNIPPET_LIMIT))}</q>'
            if m.sentence.strip()
            else ""
        )
        + "</li>"
        for m in r.matched
    )
    return (
        f'<article class="event report"><h3><span dir="auto">{link(s.url, title)}</span></h3>'
        f'<dl class="facts">{dl}</dl>'
        + (
            f'<p class="count">Why the rules matched it:</p><ul class="why">{why}</ul>'
            if why
            else ""
        )
        + "</article>"
    )


def _redeliver(page: Page, d: Delivery, csrf: Csrf, back: str) -> str:
    """The redeliver button: a POST form with its CSRF token."""
    if d.state not in REDELIVERABLE:
        return ""
    return (
        f'<form class="inline" method="post" action="{esc(page.href("redeliver"))}">'
        f'<input type="hidden" name="id" value="{esc(d.id)}">'
        f'<input type="hidden" name="csrf" value="{esc(csrf(d.id))}">'
        f'<input type="hidden" name="back" value="{esc(back)}">'
        '<button type="submit">Redeliver</button></form>'
    )


def _delivery(page: Page, d: Delivery, csrf: Csrf, back: str, *, event_link: bool) -> str:
    state = display_line(d.state, 20)
    rows = [
        ("Channel", esc(display_line(d.channel, 200)) + f" ({esc(display_line(d.kind, 20))})"),
        ("Alert", esc(display_line(d.type, 40))),
        (
            "State",
            f'<span class="state state-{esc(state)}">{esc(state)}</span>'
            f" after {d.attempts} attempt{'s' if d.attempts != 1 else ''}",
        ),
        ("Queued", time_html(d.created_at)),
    ]
    if d.sent_at:
        rows.append(("Sent", time_html(d.sent_at)))
    elif d.state == "pending":
        rows.append(("Next attempt", time_html(d.next_attempt_at)))
    if d.last_error:
        rows.append(("Last error", esc(display_line(d.last_error, 500))))
    if event_link and not d.type.startswith("feed."):
        target = page.href(event_path(d.event_id))
        rows.append(("Event", f'<a href="{esc(target)}">{esc(display_line(d.event_id, 100))}</a>'))
    elif event_link:
        rows.append(("Feed", esc(display_line(d.event_id, 200))))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<article class="event delivery" id="{esc(_anchor(d.id))}">'
        f"<h3>{esc(display_line(d.id, 100))} {_redeliver(page, d, csrf, back)}</h3>"
        f'<dl class="facts">{dl}</dl></article>'
    )


def _notice(requeued: str | None) -> str:
    if not requeued:
        return ""
    return (
        f'<p class="notice" role="status">{esc(display_line(requeued, 100))} queued again; '
        "the daemon (or <code>monitor once</code>) sends it.</p>"
    )


def event_page(
    e: EventRow,
    rows: Sequence[SourceRow],
    deliveries: Sequence[Delivery],
    page: Page,
    csrf: Csrf,
    requeued: str | None = None,
) -> str:
    """One event: its frame, every report with why it is there, and each channel's delivery."""

    def rule_link(name: str) -> str:
        return page.href("", {"rule": name, "all": "1" if e.kind != "report" else ""})

    kind = ""
    if e.kind != "report":
        why = f" ({display_line(e.kind_reason, 200)})" if e.kind_reason else ""
        kind = f'<p class="count">Commentary: {esc(display_line(e.kind))}{esc(why)}</p>'
    reports = "".join(_report(report_of(r), rule_link) for r in rows)
    sent = (
        "".join(_delivery(page, d, csrf, "event", event_link=False) for d in deliveries)
        or '<p class="empty">No alerts queued for it (commentary, or older than max_age).</p>'
    )
    n = len(rows)
    body = (
        f"<main>{_notice(requeued)}"
        f'<p class="count">Article: <span dir="auto">{link(e.url, title_text(e))}</span></p>'
        f"{kind}{facts_html(e, rule_link)}{snippet_html(e)}"
        f'<h2 class="section">{n} report{"s" if n != 1 else ""}</h2>{reports}'
        f'<h2 class="section">Deliveries</h2>{sent}</main>'
    )
    return _shell(page, title_text(e), "event", body)


# --- the map --------------------------------------------------------------------------------


def map_page(
    events: Sequence[EventRow],
    q: ViewQuery,
    facets: EventFacets,
    page: Page,
    tiles: str | None,
    attribution: str,
) -> str:
    """The map: Leaflet draws a marker per located event from the list below it (the list
    alone is what a browser without JavaScript, or without tiles, shows)."""
    items = []
    for e in events:
        coords = coordinates(e.where)
        if coords is None:
            continue
        lon, lat = coords
        title = title_text(e)
        items.append(
            f'<li data-lat="{lat:.5f}" data-lon="{lon:.5f}">'
            f'<a href="{esc(page.href(event_path(e.id)))}" dir="auto">{esc(title)}</a> '
            f'<span class="meta">{esc(place_text(e.where))} ({lat:.4f}, {lon:.4f})</span></li>'
        )
    # Leaflet writes the attribution as HTML: the operator's text is escaped once for that,
    # and once more for the attribute
    box = (
        f'<div id="map" data-tiles="{esc(tiles or "")}" '
        f'data-attribution="{esc(esc(attribution))}" '
        f'data-images="{esc(page.root)}static/leaflet/images/"></div>'
    )
    n = len(items)
    listed = (
        f'<p class="count">{n} located event{"s" if n != 1 else ""}:</p>'
        f'<ol class="places">{"".join(items)}</ol>'
        if items
        else '<p class="empty">No located events fit these filters.</p>'
    )
    body = f"<main>{_filter_form(page, q, facets, 'map')}{box}{listed}</main>"
    head = f'<link rel="stylesheet" href="{esc(page.root)}static/leaflet/leaflet.css">'
    scripts = ("static/leaflet/leaflet.js", "static/map.js")
    return _shell(page, _title("monitor: map", q), "map", body, head=head, scripts=scripts)


# --- feeds and the outbox -------------------------------------------------------------------


def health(s: FeedState) -> str:
    return "gone" if s.gone else ("failing" if s.consecutive_failures else "ok")


def feeds_page(feeds: Sequence[FeedState], page: Page) -> str:
    """Every feed's health, failing first (then by name)."""
    ordered = sorted(
        feeds, key=lambda s: (health(s) == "ok", -s.consecutive_failures, s.name.lower())
    )
    cards = []
    for s in ordered:
        state = health(s)
        n = s.consecutive_failures
        row = f", {n} failure{'s' if n != 1 else ''} in a row" if n else ""
        rows = [
            ("URL", link(s.url, display_line(s.url, 300))),
            ("Health", f'<span class="state state-{state}">{state}</span>{row}'),
            ("Last fetch", time_html(s.last_fetch_at) if s.last_fetch_at else "never"),
            ("Last success", time_html(s.last_ok_at) if s.last_ok_at else "never"),
            ("Status", str(s.last_status) if s.last_status else "-"),
            ("Items seen", str(s.items_seen)),
        ]
        if s.failing_since:
            rows.append(("Failing since", time_html(s.failing_since)))
        if s.next_attempt_at and not s.gone:
            rows.append(("Next attempt", time_html(s.next_attempt_at)))
        if s.last_error:
            kind = display_line(s.last_error_kind or "error", 40)
            rows.append(("Last error", f"{esc(kind)}: {esc(display_line(s.last_error, 500))}"))
        dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        cards.append(
            f'<article class="event feed"><h2 dir="auto">{esc(display_line(s.name, 200))}</h2>'
            f'<dl class="facts">{dl}</dl></article>'
        )
    failing = sum(1 for s in feeds if health(s) != "ok")
    summary = (
        f'<p class="count">{len(feeds)} feeds, {failing} failing or gone; failing first.</p>'
        if feeds
        else '<p class="empty">No feeds polled yet.</p>'
    )
    return _shell(page, "monitor: feeds", "feeds", f"<main>{summary}{''.join(cards)}</main>")


def outbox_page(
    deliveries: Sequence[Delivery],
    counts: Mapping[str, int],
    page: Page,
    csrf: Csrf,
    requeued: str | None = None,
) -> str:
    """The outbox: deliveries failed first, each failed or sent one with a redeliver button."""
    states = ", ".join(f"{n} {esc(display_line(state, 20))}" for state, n in sorted(counts.items()))
    total = sum(counts.values())
    summary = (
        f'<p class="count">{total} deliveries ({states}); failed first'
        + (f", the first {len(deliveries)} shown" if len(deliveries) < total else "")
        + ".</p>"
        if total
        else '<p class="empty">No alerts queued yet.</p>'
    )
    cards = "".join(_delivery(page, d, csrf, "outbox", event_link=True) for d in deliveries)
    body = f"<main>{_notice(requeued)}{summary}{cards}</main>"
    return _shell(page, "monitor: outbox", "outbox", body)


def back_path(back: str, event_id: str) -> str:
    """Where a redeliver form returns to (only these two places: never a URL it was given)."""
    return event_path(event_id) if back == "event" else "outbox"
