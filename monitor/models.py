"""Plain data passed between stages. Every timestamp is a timezone-aware UTC datetime."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Response:
    """A completed HTTP download (body already size-limited and decompressed)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    elapsed: float  # seconds
    # (status, location) of each redirect followed, in order
    redirects: tuple[tuple[int, str], ...] = ()

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Entry:
    """One item of a feed, as parsed (text fields are plain text, not HTML)."""

    guid: str | None
    url: str | None  # absolute link of the article
    title: str
    summary: str
    content: str
    published: datetime | None
    author: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document."""

    title: str
    link: str | None
    entries: tuple[Entry, ...]
    parser: str  # which parser produced it: "lxml" or "feedparser"
    warning: str | None = None  # a recoverable problem the parser noticed


@dataclass(frozen=True)
class Article:
    """The main content of an article page."""

    url: str
    canonical_url: str | None
    title: str | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    method: str = ""  # extractor that produced it
    types: tuple[str, ...] = ()  # what the page says it is (schema.org @type, og:type)
    section: str | None = None  # the section the page names

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Document:
    """The text a ruleset is matched against, by field."""

    title: str = ""
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class PageHints:
    """What a page says of itself, for telling a report from commentary (all optional)."""

    url: str = ""
    types: tuple[str, ...] = ()  # schema.org @type values and og:type, as written
    section: str | None = None  # article:section, or the JSON-LD articleSection
    byline: str | None = None


@dataclass(frozen=True)
class Report:
    """One item as analysed after matching: its text, when it was published, what the page says."""

    document: Document
    published: datetime | None = None  # the item's own date, else when first seen
    lang: str | None = None
    hints: PageHints = PageHints()


@dataclass(frozen=True)
class RuleHit:
    """One rule that matched a document."""

    rule: str
    weight: float
    fields: tuple[str, ...]  # the fields in which it matched
    snippet: str  # sentence(s) carrying the hits, plain text


@dataclass(frozen=True)
class MatchResult:
    """All rules that matched one document, with the event's score and snippet."""

    hits: tuple[RuleHit, ...] = ()
    score: float = 0.0
    snippet: str = ""
    # where the earliest match begins: 0 in the headline or summary, else the share of the
    # body's words before it (a piece that matches only near its end is about something else)
    first: float = 0.0

    @property
    def matched(self) -> bool:
        return bool(self.hits)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(h.rule for h in self.hits)


# what matching a document that no rule matches gives (shared: most documents match nothing)
NO_MATCH = MatchResult()


# --- event frames: who did what, where and when, read from one report ---------------------

# the kinds of event a frame names (the contract's `what`)
WHAT_KINDS = ("killed", "captured", "targeted", "succession", "operation")
REPORT = "report"
# what a piece that does not report a new occurrence is (the contract's `kind`)
COMMENTARY_KINDS = (
    "opinion",
    "analysis",
    "explainer",
    "profile",
    "review",
    "history",
    "anniversary",
    "liveblog",
    "background",  # a piece about something else that mentions the topic in passing
)


@dataclass(frozen=True)
class Person:
    """A person a report names, with the role it gives them."""

    name: str  # as first written in the report
    role: str | None
    key: str  # transliteration-folded form: equal keys are the same name (see names.py)


@dataclass(frozen=True)
class Place:
    """A place resolved in the gazetteer (or, unresolved, kept by its folded name)."""

    id: str  # gazetteer id; "name:<key>" when the gazetteer does not know it
    name: str
    country: str  # English name of the country
    country_code: str  # ISO 3166-1 alpha-2, "" when unknown
    lat: float | None
    lon: float | None
    level: int  # 0 country, 1 province or region, 2 city or town, 3 village, camp or site
    parent: str | None = None  # id of the province it lies in, when known


@dataclass(frozen=True)
class Frame:
    """What one report says happened: the event's kind, people, place and date."""

    what: str  # one of WHAT_KINDS
    who: tuple[Person, ...] = ()
    where: Place | None = None
    when: date | None = None
    # content words and entities, for comparing wording; "a:" who acted (coalition, sdf...) and
    # "m:" by what means (air, ground), "r:" the man's role (governor, financier...), "p:"
    # places, "n:" parts of names, "h:" the time of day (night, day), "o:" what was hit
    # (vehicle, building), "l:" the report's language, "b:" the part of the province (E, NW),
    # "u:" what the headline and lead say it ended in (killed, captured), "v:near" the place is
    # a town it happened near ("v:edge" at its outskirts; "v:city" the city named like its
    # province, not the province), "k:" how many were killed or detained, "f:flash" a wire's
    # flash, "f:another" a report that calls itself a new raid or a second strike ("f:today" as
    # well: the second of the day; "f:days": days after the other), "f:quiet" an operation said
    # to end without a fight ("f:fight" one told with clashes), "f:rankless" men taken said to
    # hold no rank, "f:survived" its man is said to have lived through an earlier attempt,
    # "f:titled" the headline itself calls it another
    terms: tuple[str, ...] = ()
    evidence: str = ""  # the sentence the frame was read from
    # the report names, confirms or locates an occurrence already reported ("identified as",
    # "died of his wounds", "الكشف عن هوية"): it may come days after
    followup: bool = False

    @cached_property
    def labels(self) -> Labels:
        """The labelled terms by kind, without their prefix (read once: identity compares
        them with every candidate's)."""
        out: dict[str, set[str]] = {}
        for t in self.terms:
            if t[1:2] == ":":
                out.setdefault(t[:2], set()).add(t[2:])
        found = {prefix: frozenset(values) for prefix, values in out.items()}
        none: frozenset[str] = frozenset()
        return Labels(
            actors=found.get("a:", none),
            means=found.get("m:", none),
            dayparts=found.get("h:", none),
            targets=found.get("o:", none),
            outcomes=found.get("u:", none),
            roles=found.get("r:", none),
            counts=found.get("k:", none),
            near_only="near" in found.get("v:", ()),
            district="district" in found.get("v:", ()),
            edge="edge" in found.get("v:", ()),
            city="city" in found.get("v:", ()),
            flash="flash" in found.get("f:", ()),
            another="another" in found.get("f:", ()),
            today="today" in found.get("f:", ()),
            days_after="days" in found.get("f:", ()),
            apart_before="before" in found.get("f:", ()),
            quiet="quiet" in found.get("f:", ()),
            fight="fight" in found.get("f:", ()),
            rankless="rankless" in found.get("f:", ()),
            survived="survived" in found.get("f:", ()),
            titled="titled" in found.get("f:", ()),
            part=next(iter(found.get("b:", ())), None),
            lang=next(iter(found.get("l:", ())), None),
            corrects=next(iter(found.get("c:", ())), None),
            apart_from=next(iter(found.get("s:", ())), None),
            near_town=next(iter(found.get("g:", ())), None),
            villages=found.get("i:", none),
            quarters=found.get("q:", none),
            stretch=found.get("e:", none),
            misnamed=found.get("w:", none),
        )

    @property
    def actors(self) -> frozenset[str]:
        return self.labels.actors

    @property
    def means(self) -> frozenset[str]:
        return self.labels.means

    @property
    def dayparts(self) -> frozenset[str]:
        """When in the day the headline and lead say it happened: night, day."""
        return self.labels.dayparts

    @property
    def targets(self) -> frozenset[str]:
        """What the headline and lead say was hit: a vehicle, a building."""
        return self.labels.targets

    @property
    def flash(self) -> bool:
        """Whether the report is a wire's flash ("BREAKING:"), its full story to follow."""
        return self.labels.flash

    @property
    def counts(self) -> frozenset[str]:
        """How many the headline and lead say were killed or detained ("4")."""
        return self.labels.counts

    @property
    def outcomes(self) -> frozenset[str]:
        """What the headline and lead say the occurrence ended in: killed, captured."""
        return self.labels.outcomes

    @property
    def near_only(self) -> bool:
        """Whether the report puts the occurrence only near its town ("outside al-Bab", "the
        road between Qabasin and al-Bab"), not in it ("v:near" term)."""
        return self.labels.near_only

    @property
    def roles(self) -> frozenset[str]:
        """The roles the headline and first sentence give the event's man (governor...)."""
        return self.labels.roles

    @property
    def part(self) -> str | None:
        """The compass part of its province or country the report puts the event in ("E",
        "NW"), when it names only the province or country ("b:" term)."""
        return self.labels.part

    @property
    def lang(self) -> str | None:
        """The language the report was written in ("l:" term), when known."""
        return self.labels.lang


class Labels(NamedTuple):
    """A frame's labelled terms by kind (see Frame.terms)."""

    actors: frozenset[str]  # "a:"
    means: frozenset[str]  # "m:"
    dayparts: frozenset[str]  # "h:"
    targets: frozenset[str]  # "o:"
    outcomes: frozenset[str]  # "u:"
    roles: frozenset[str]  # "r:"
    counts: frozenset[str]  # "k:"
    near_only: bool  # "v:near"
    district: bool  # "v:district": the town is named for its district ("the Abu Kamal district")
    edge: bool  # "v:edge": at the town's edge ("the outskirts of Raqqa"), not in its countryside
    flash: bool  # "f:flash"
    another: bool  # "f:another": the report says it is a new raid, another strike
    part: str | None  # "b:"
    lang: str | None  # "l:"
    # "v:city": the place is a city named like its province, which the text calls a city ("in
    # the city of Idlib"): the city, not the province
    city: bool = False
    corrects: str | None = None  # "c:": the place first reported, which the report sets right
    # "s:": the place of another occurrence the report says it is separate from
    apart_from: str | None = None
    today: bool = False  # "f:today": another, the same day ("the second raid of the day")
    # "f:days": another, days before ("ويأتي الإنزال بعد أيام من غارة", "weeks after a strike")
    days_after: bool = False
    # "f:before": the occurrence set apart ("s:") was told on an earlier day ("On Tuesday, SDF
    # units detained several men in nearby al-Shuhayl", of Thursday's raid)
    apart_before: bool = False
    quiet: bool = False  # "f:quiet": the operation ended without a fight ("no shots were fired")
    fight: bool = False  # "f:fight": the headline or lead tells of clashes, a firefight
    rankless: bool = False  # "f:rankless": none of the men taken held a rank the report gives
    # "f:survived": its man had lived through an earlier attempt ("who had survived a drone
    # attack near Atmeh five days earlier")
    survived: bool = False
    titled: bool = False  # "f:titled": the headline calls it another ("Second strike in a day")
    # "g:": the town the report puts its village near ("a village in the countryside of X")
    near_town: str | None = None
    # "i:": the village the lead puts the event in, by the consonants of its name, when the
    # gazetteer lacks it and the place is the town it lies by ("the village of al-Kasrat,
    # opposite Raqqa city")
    villages: frozenset[str] = frozenset()
    # "q:": the district of a city the headline, lead or summary puts the event in, by the
    # consonants of its name ("the al-Jura district", "حي الرميلة")
    quarters: frozenset[str] = frozenset()
    # "e:": the two ends of the stretch the lead puts the event on ("the road between Ma'dan
    # and al-Sabkha")
    stretch: frozenset[str] = frozenset()
    # "w:": the names, by key, the report says earlier reports gave the man wrongly ("had
    # identified the dead man as Khaled al-Halabi")
    misnamed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Genre:
    """Whether a piece reports an occurrence or comments on it, and why it was judged so."""

    kind: str  # REPORT or one of COMMENTARY_KINDS
    reason: str
    # a roundup whose item on the topic comes after other news: it reports the occurrence
    # when no report has yet (an event it would start), else it only mentions it
    unless_new: bool = False

    @property
    def is_report(self) -> bool:
        return self.kind == REPORT


@dataclass(frozen=True)
class Analysis:
    """Matching, frame and genre of one report (frame and genre only when a rule matched)."""

    result: MatchResult
    frame: Frame | None = None
    genre: Genre | None = None
    # the language the frame was read in (None with no frame, or when none was recognised)
    lang: str | None = None


@dataclass(frozen=True)
class Source:
    """One report of an event: the contract's `sources` entry."""

    source: str  # feed name
    url: str
    title: str
    lang: str | None
    published: datetime | None


@dataclass(frozen=True)
class EventDetails:
    """What an event alert says beyond the original payload (the contract's turn-2 keys)."""

    kind: str = REPORT
    what: str | None = None
    who: tuple[Person, ...] = ()
    where: Place | None = None
    when: date | None = None
    sources: tuple[Source, ...] = ()
    changes: tuple[str, ...] | None = None  # on event.updated: the keys that changed

    def payload(self) -> dict[str, object]:
        body: dict[str, object] = {
            "kind": self.kind,
            "what": self.what,
            "who": [{"name": p.name, "role": p.role} for p in self.who],
            "where": place_json(self.where),
            "when": self.when.isoformat() if self.when else None,
            "sources": [source_json(s) for s in self.sources],
        }
        if self.changes is not None:
            body["changes"] = list(self.changes)
        return body


# the keys EventDetails adds to a payload
DETAIL_KEYS = frozenset({"kind", "what", "who", "where", "when", "sources", "changes"})


def details_from_payload(data: Mapping[str, Any]) -> EventDetails | None:
    """The EventDetails of a stored payload (None for payloads without them)."""
    if "kind" not in data:
        return None
    where = data.get("where")
    return EventDetails(
        kind=str(data.get("kind") or REPORT),
        what=data.get("what"),
        who=tuple(Person(str(p.get("name", "")), p.get("role"), "") for p in data.get("who") or ()),
        where=Place(
            id="",
            name=str(where.get("name", "")),
            country=str(where.get("country", "")),
            country_code=str(where.get("country_code", "")),
            lat=where.get("lat"),
            lon=where.get("lon"),
            level=0,
        )
        if isinstance(where, dict)
        else None,
        when=date.fromisoformat(data["when"]) if data.get("when") else None,
        sources=tuple(
            Source(
                str(s.get("source", "")),
                str(s.get("url", "")),
                str(s.get("title", "")),
                s.get("lang"),
                _from_iso(s.get("published")),
            )
            for s in data.get("sources") or ()
        ),
        changes=tuple(data["changes"]) if data.get("changes") is not None else None,
    )


def _from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def place_json(place: Place | None) -> dict[str, object] | None:
    """The contract's `where`: name, country, lat, lon (plus the country's code)."""
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
    }


def source_json(s: Source) -> dict[str, object]:
    return {
        "source": s.source,
        "url": s.url,
        "title": s.title,
        "lang": s.lang,
        "published": iso(s.published) if s.published else None,
    }


@dataclass(frozen=True)
class Alert:
    """What is sent to a channel: the contract's alert payload."""

    type: str  # event.matched | event.updated | feed.failing | feed.recovered
    id: str
    title: str
    url: str
    source: str
    published: datetime | None
    rules: tuple[str, ...] = ()
    snippet: str = ""
    score: float = 0.0
    extra: Mapping[str, str] = field(default_factory=dict)
    event: EventDetails | None = None  # event alerts: kind, what, who, where, when, sources

    def payload(self) -> dict[str, object]:
        """The JSON body of the contract (keys in the contract's order)."""
        body: dict[str, object] = {
            "type": self.type,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": iso(self.published) if self.published else None,
            "rules": list(self.rules),
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }
        if self.event is not None:
            body.update(self.event.payload())
        body.update(self.extra)
        return body


def iso(dt: datetime, *, micro: bool = False) -> str:
    """The package's one ISO 8601 writer: UTC with a Z suffix, second precision (`micro`:
    microseconds, as the store writes timestamps so that they sort as text).

    isoformat, not strftime("%Y"): it pads years before 1000 to four digits, which
    datetime.fromisoformat needs to read them back.
    """
    if dt.tzinfo is not UTC:
        dt = dt.astimezone(UTC)
    return dt.isoformat(timespec="microseconds" if micro else "seconds")[:-6] + "Z"


# A feed or page claiming an earlier date is mistaken (or uses a sentinel such as year 1):
# the date counts as unknown, as if none were given.
EARLIEST_DATE = datetime(1900, 1, 1, tzinfo=UTC)


def plausible_date(dt: datetime | None) -> datetime | None:
    """`dt`, or None when it is before EARLIEST_DATE (later than now is clamped where used)."""
    if dt is None or dt < EARLIEST_DATE:
        return None
    return dt
