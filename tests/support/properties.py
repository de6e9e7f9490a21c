"""Hypothesis settings and strategies for the property tests.

Profiles, chosen by the environment variable HYPOTHESIS_PROFILE:
- "ci" (the default): few examples, derandomized, so `make test` stays quick and repeatable;
- "thorough": many random examples, to hunt for new failures (HYPOTHESIS_PROFILE=thorough
  .venv/bin/pytest tests/test_properties.py).
Each test scales its own example count with `examples(n)`: n under "ci", 20 n under
"thorough".
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
_SCALE = {"ci": 1, "thorough": 20}.get(PROFILE, 1)

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(PROFILE if PROFILE in ("ci", "thorough") else "ci")


# pytest-timeout's limit for a module of property tests: "thorough" runs for much longer
TIMEOUT = 120 * _SCALE


def examples(n: int) -> settings:
    """Settings of a test that runs `n` examples under the "ci" profile."""
    return settings(max_examples=n * _SCALE)


# --- text as hostile feeds write it -------------------------------------------------------------

NASTY = [
    "=?utf-8?q?=0D=0AReply-To:_attacker@evil.test=0D=0A=0D=0A<b>body</b>?=",
    "=?utf-8?b?DQpCY2M6IGV2aWxAZXhhbXBsZS5vcmc=?=",
    "=?",
    "?=",
    "\r\nBcc: evil@example.org",
    "\x00",
    "\x1b[31m",
    "\u202e",  # right-to-left override
    "\u2028",
    "\u0085",
    "\ufeff",
    "\u200b",
    "مقتل زعيم تنظيم الدولة",
    "עברית",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "]]>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&nbsp;",
    "%s%n",
    "{title}",
    "\\",
    '"',
    "💥",
]

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=6).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é ", "\n", "=?"]), st.integers(1, 30_000)),
)


def _date_text(moment: datetime) -> str:
    return format_datetime(moment)


dates = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31), timezones=st.just(UTC)
    ).map(_date_text),
    st.sampled_from(
        [
            "Mon, 01 Jan 0205 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 -1200",
            "Mon, 01 Jan 0001 00:00:00 +1400",
            "1970-01-01T00:00:00Z",
            "0000-00-00T00:00:00Z",
            "9999-12-31T23:59:59-12:00",
            "yesterday",
            "",
            "Thu, 31 Feb 2026 25:61:61 GMT",
        ]
    ),
    st.just(_date_text(datetime.now(UTC) + timedelta(days=3650))),
)

links = st.one_of(
    st.none(),
    st.just("https://news.example.org/a"),
    st.builds(lambda n: f"https://news.example.org/story/{n}", st.integers(0, 5)),
    st.sampled_from(
        ["javascript:alert(1)", "/relative/path", "http://", "https://[::1", "mailto:a@b"]
    ),
    st.builds(lambda n: "https://news.example.org/" + "a" * n, st.integers(1, 20_000)),
)

guids = st.one_of(st.none(), st.sampled_from(["g1", "g2", "2026-11-30", ""]), texts)


@st.composite
def raw_items(draw: st.DrawFn) -> dict[str, str | None]:
    return {
        "title": draw(st.one_of(st.none(), texts)),
        "text": draw(st.one_of(st.none(), texts)),
        "link": draw(links),
        "guid": draw(guids),
        "date": draw(dates),
    }


def _xml_text(value: str, escaped: bool) -> str:
    return escape(value, quote=False) if escaped else value


def feed_document(kind: str, items: list[dict[str, str | None]], *, escaped: bool = True) -> str:
    """An RSS 2.0, RSS 1.0 (RDF) or Atom document of `items` (see raw_items)."""

    def field(tag: str, value: str | None, attrs: str = "") -> str:
        return "" if value is None else f"<{tag}{attrs}>{_xml_text(value, escaped)}</{tag}>"

    parts = []
    for n, it in enumerate(items):
        if kind == "atom":
            link = f'<link href="{escape(it["link"])}"/>' if it["link"] is not None else ""
            parts.append(
                "<entry>"
                + field("id", it["guid"])
                + field("title", it["title"])
                + link
                + field("summary", it["text"], ' type="html"')
                + field("updated", it["date"])
                + "</entry>"
            )
        else:
            about = f' rdf:about="{escape(it["link"] or f"urn:item:{n}")}"' if kind == "rdf" else ""
            parts.append(
                f"<item{about}>"
                + ("" if kind == "rdf" else field("guid", it["guid"], ' isPermaLink="false"'))
                + field("title", it["title"])
                + field("link", it["link"])
                + field("description", it["text"])
                + field("dc:date" if kind == "rdf" else "pubDate", it["date"])
                + "</item>"
            )
    body = "".join(parts)
    if kind == "atom":
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Wire</title>{body}</feed>"
        )
    if kind == "rdf":
        return (
            '<?xml version="1.0" encoding="utf-8"?><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="urn:wire"><title>Wire</title></channel>{body}</rdf:RDF>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>http://example.org/</link>{body}</channel></rss>"
    )


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A feed document as bytes with its content-type, well-formed or not, in any encoding."""
    kind = draw(st.sampled_from(["rss", "rdf", "atom"]))
    items = draw(st.lists(raw_items(), max_size=6))
    text = feed_document(kind, items, escaped=draw(st.booleans()))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1 label", "none"]))
    if encoding == "utf-16":
        body = text.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    else:
        body = text.encode("utf-8", "surrogatepass")
    content_type: str | None = "application/rss+xml"
    if encoding == "latin-1 label":
        content_type = "application/rss+xml; charset=iso-8859-1"
    elif encoding == "none":
        content_type = None
    damage = draw(st.sampled_from(["none", "none", "truncate", "bytes", "junk"]))
    if damage == "truncate" and body:
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif damage == "bytes" and body:
        at = draw(st.integers(0, len(body) - 1))
        body = body[:at] + draw(st.binary(min_size=1, max_size=8)) + body[at + 1 :]
    elif damage == "junk":
        body = draw(st.binary(max_size=40)) + body
    return body, content_type
