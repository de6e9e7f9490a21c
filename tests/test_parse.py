"""Feed parser: fast lxml path vs feedparser, encodings, dates, sniffing, XML attacks."""

from __future__ import annotations

import http.server
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from monitor.errors import FetchError, FetchErrorKind
from monitor.models import ParsedFeed
from monitor.parse import (
    _tidy,
    html_to_text,
    parse_feed,
    parse_feed_fast,
    parse_feed_feedparser,
)
from monitor.textnorm import clean_text

FEEDS = Path(__file__).parent / "feeds"
FEED_URL = "https://feeds.example.com/path/feed.xml"

RSS_HEAD = (
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
    "<channel><title>{title}</title><link>https://site.example.com/</link>"
)


def rss(
    items: str, title: str = "Feed", decl: str = '<?xml version="1.0" encoding="utf-8"?>'
) -> str:
    return decl + RSS_HEAD.format(title=title) + items + "</channel></rss>"


def item(**fields: str) -> str:
    return (
        "<item>" + "".join(f"<{k}>{v}</{k.split(' ')[0]}>" for k, v in fields.items()) + "</item>"
    )


# Awkward but well-formed items: every one must come out the same from both paths.
VARIED_ITEMS = "".join(
    [
        item(
            title="Plain title",
            link="https://site.example.com/a",
            pubDate="Tue, 05 Mar 2024 14:30:00 GMT",
        ),
        item(title="Named zone PST", link="/b?x=1&amp;y=2", pubDate="Tue, 5 Mar 2024 14:30:00 PST"),
        item(
            title="Zone EDT",
            guid="https://site.example.com/c",
            pubDate="Wed, 06 Mar 2024 08:00:00 EDT",
        ),
        item(
            title="ISO with fraction",
            link="https://site.example.com/d",
            **{"dc:date": "2024-03-05T14:30:00.250+05:30"},
        ),
        item(title="Date only", link="https://site.example.com/e", **{"dc:date": "2024-03-05"}),
        item(
            title="No zone RFC",
            link="https://site.example.com/f",
            pubDate="05 Mar 2024 14:30 +0100",
        ),
        item(title="Garbage date", link="https://site.example.com/g", pubDate="yesterday-ish"),
        item(
            title="Entities &amp;amp; quotes &#8217; &#x2014;",
            link="https://site.example.com/h",
            description="&lt;p&gt;It&amp;#8217;s &amp;hellip; &amp;eacute;t&amp;eacute;"
            "&lt;br/&gt;next line&lt;/p&gt;",
        ),
        item(
            title="<![CDATA[CDATA <i>title</i> with &amp; entity]]>",
            link="https://site.example.com/i",
            description="<![CDATA[<TABLE><TR><TD>cell 1</TD><TD>cell 2</TD></TR></TABLE>"
            "<!-- a comment --><IMG SRC='x.png' ALT=\"a > b\">After image<style>p{}</style>]]>",
        ),
        item(
            title="Whitespace   galore\n\t here ",
            link="\n   https://site.example.com/j   \n",
            description="<![CDATA[  <p>  spaced\n out  </p>\n\n\n<p>second</p>  ]]>",
        ),
        item(
            title="a &lt; b and c &gt; d",
            link="https://site.example.com/k",
            description="5 &lt; 6 but 7 &gt; 3 &amp;amp; so on",
        ),
        item(
            title="Relative permalink guid",
            guid="items/55",
            description="<![CDATA[<ol><li>first</li><li>second</li></ol><h2>Heading</h2>tail]]>",
        ),
        item(
            **{
                "title": "Guid not a permalink",
                'guid isPermaLink="false"': "55",
                "link": "https://site.example.com/l",
                "content:encoded": "<![CDATA[<p>Full <em>body</em> text</p>]]>",
                "dc:creator": "Reporter Name",
            }
        ),
        item(
            **{
                "title": "Atom link in RSS",
                'atom:link rel="alternate" type="text/html" href="/m"': "",
                "description": "desc",
                "author": "desk@example.com (News Desk)",
            }
        ),
        item(title="", description="Only a description, no title or link"),
        item(
            title="Comment <!-- hidden --> and PI<?pi x?> inside",
            link="https://site.example.com/n",
            description="<![CDATA[split]]><![CDATA[ cdata]]> &amp; text",
        ),
    ]
)

ARABIC_ITEMS = item(
    title="مقتل زعيم تنظيم الدولة الإسلامية في سوريا",
    link="https://ar.example.com/news/1",
    description="<![CDATA[<p>أعلنت القوات الأمريكية مقتل زعيم <b>الدولة الإسلامية</b>.</p>]]>",
    pubDate="Tue, 05 Mar 2024 14:30:00 +0300",
)
FRENCH_ITEMS = item(
    title="L’État islamique perd un chef — « raid » en Syrie",
    link="https://fr.example.com/1",
    description="Opération menée à l’aube près de Deir ez-Zor.",
    pubDate="Mar, 05 Mar 2024 14:30:00 +0100",
)

ATOM_VARIANTS = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/a/b/">
  <title>Variants</title>
  <link href="https://atom.example.com/"/>
  <entry><title>html summary, text content</title><id>tag:atom.example.com,2024:1</id>
    <link href="../c/1"/><updated>2024-03-01T00:00:00Z</updated>
    <summary type="html">&lt;p&gt;HTML summary&lt;/p&gt;</summary>
    <content>text content</content></entry>
  <entry><title>published and updated</title><id>https://atom.example.com/2</id>
    <published>2024-03-02T10:00:00-08:00</published><updated>2024-03-05T00:00:00Z</updated>
    <link rel="self" href="/self/2"/><link rel="alternate" href="/alt/2"/></entry>
  <entry><title>author email only</title><id>3</id><updated>2024-03-03T00:00:00Z</updated>
    <author><email>only@example.com</email></author><link rel="related" href="/rel/3"/></entry>
  <entry xml:base="sub/"><title type="html">Base on &lt;b&gt;entry&lt;/b&gt;</title>
    <id>tag:x,2024:4</id><link href="4.html"/><updated>2024-03-04T00:00:00+00:00</updated></entry>
</feed>"""


def variants() -> Iterator[tuple[str, bytes, str | None]]:
    for path in sorted(FEEDS.glob("*.xml")):
        yield path.name, path.read_bytes(), "application/xml"
    yield "varied rss", rss(VARIED_ITEMS).encode(), "application/rss+xml"
    yield "arabic utf-8", rss(ARABIC_ITEMS, "الأخبار").encode(), "text/xml; charset=utf-8"
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>'
    french = rss(FRENCH_ITEMS.replace("’", "'").replace("—", "-"), "Actualités", latin)
    yield "french iso-8859-1", french.encode("iso-8859-1"), "text/xml"
    cp1252 = '<?xml version="1.0" encoding="windows-1252"?>'
    yield "french cp1252", rss(FRENCH_ITEMS, "Actualités", cp1252).encode("cp1252"), None
    yield "atom variants", ATOM_VARIANTS.encode(), "application/atom+xml"


@pytest.mark.parametrize(("name", "body", "ctype"), [pytest.param(*v, id=v[0]) for v in variants()])
def test_fast_path_matches_feedparser(name: str, body: bytes, ctype: str | None) -> None:
    fast = parse_feed_fast(body, FEED_URL, ctype)
    slow = parse_feed_feedparser(body, FEED_URL, ctype)
    assert fast is not None, f"{name}: the fast path should handle this well-formed feed"
    assert (fast.parser, slow.parser) == ("lxml", "feedparser")
    assert (fast.title, fast.link) == (slow.title, slow.link)
    assert len(fast.entries) == len(slow.entries) > 0
    for a, b in zip(fast.entries, slow.entries, strict=True):
        assert a == b
    assert parse_feed(body, FEED_URL, ctype) == fast


def by_title(feed: ParsedFeed) -> dict[str, object]:
    return {e.title: e for e in feed.entries}


def test_rss_fields_come_out_as_plain_absolute_utc() -> None:
    feed = parse_feed((FEEDS / "rss2_full.xml").read_bytes(), FEED_URL, "application/rss+xml")
    assert feed.parser == "lxml"
    assert feed.title == "World News & Analysis"
    first, relative, permalink, based, content_first, future, only_content = feed.entries
    assert first.url == "https://news.example.com/world/2024/isis-leader-killed"
    assert first.guid == first.url
    assert first.summary == (
        "US forces said the Islamic State leader was killed in a raid.\n\nSecond & last paragraph."
    )
    assert "track()" not in first.summary  # script bodies never reach the text
    assert first.content.startswith("Full text: the raid took place overnight")
    assert first.author == "Jane Doe"
    assert first.published == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    # relative link resolved against the channel's xml:base; query kept intact
    assert relative.url == "https://news.example.com/world/2024/relative?id=7&ref=rss"
    assert relative.guid == "item-7"  # isPermaLink="false": kept as is, not used as link
    assert relative.published == datetime(2024, 3, 6, 6, 0, tzinfo=UTC)  # +0300
    assert permalink.url == "https://news.example.com/world/2024/guid-permalink"
    assert permalink.published == datetime(2024, 3, 7, 15, 0, tzinfo=UTC)  # EST
    assert based.url == "https://other.example.org/base/strikes.html"  # item xml:base
    assert based.title == "Coalition strikes ISIS targets"
    assert based.published == datetime(2024, 3, 8, 10, 22, 33, tzinfo=UTC)  # dc:date
    assert (content_first.summary, content_first.content) == ("Short summary", "Full content")
    assert content_first.published is None  # unparseable date
    assert future.published == datetime(2101, 1, 1, tzinfo=UTC)  # future dates kept as-is
    assert only_content.summary == only_content.content == "Body only — no description."
    assert only_content.url is None  # a tag: guid is not a web page


def test_atom_first_alternate_link_and_updated_only() -> None:
    feed = parse_feed((FEEDS / "atom.xml").read_bytes(), FEED_URL, "application/atom+xml")
    several, updated_only, urn, relative_id = feed.entries
    assert feed.title == "Blog & Notes" and feed.link == "https://blog.example.net/"
    assert several.url == "https://blog.example.net/posts/1"
    assert several.published == datetime(2024, 3, 9, 8, 0, tzinfo=UTC)  # published wins
    assert several.author == "Ali Hassan (ali@example.net)"
    assert several.content == "HTML content & more\n\nPara 2"
    assert updated_only.published == datetime(2024, 3, 8, 8, 8, 8, tzinfo=UTC)
    assert updated_only.url == "https://blog.example.net/feeds/posts/2"
    assert urn.guid == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" and urn.url is None
    assert urn.summary == "Bold summary"
    assert relative_id.url == "https://blog.example.net/feeds/42"


def test_rdf_feed() -> None:
    feed = parse_feed((FEEDS / "rdf.xml").read_bytes(), FEED_URL, "application/rdf+xml")
    a, b = feed.entries
    assert feed.parser == "lxml" and feed.title == "RDF Site"
    assert (a.guid, a.url, a.author) == ("https://rdf.example.com/a", a.guid, "Someone")
    assert a.summary == "Description A & co"
    assert b.url == "https://feeds.example.com/b"
    assert b.published == datetime(2024, 2, 2, tzinfo=UTC)


# ------------------------------------------------------------------------------ encodings


def titles(feed: ParsedFeed) -> list[str]:
    return [e.title for e in feed.entries]


def test_arabic_utf8() -> None:
    feed = parse_feed(rss(ARABIC_ITEMS, "الأخبار").encode(), FEED_URL, "application/rss+xml")
    assert titles(feed) == ["مقتل زعيم تنظيم الدولة الإسلامية في سوريا"]
    assert "الدولة الإسلامية" in feed.entries[0].summary
    assert feed.title == "الأخبار"


@pytest.mark.parametrize("charset", ["ISO-8859-1", "windows-1252"])
def test_latin_charset_from_xml_declaration(charset: str) -> None:
    body = rss(
        item(title="L'État islamique revendique", link="https://fr.example.com/1"),
        decl=f'<?xml version="1.0" encoding="{charset}"?>',
    ).encode("cp1252")
    for ctype in ("application/xml", "text/xml", None):
        assert titles(parse_feed(body, FEED_URL, ctype)) == ["L'État islamique revendique"]


def test_windows_1252_curly_quotes_declared_as_latin1() -> None:
    # Many French sites declare ISO-8859-1 but use cp1252's curly quotes (bytes 0x92, 0x96).
    body = rss(item(title="L’État – bilan", link="https://fr.example.com/2"), decl="").encode(
        "cp1252"
    )
    body = b'<?xml version="1.0" encoding="iso-8859-1"?>' + body
    assert titles(parse_feed(body, FEED_URL)) == ["L’État – bilan"]


def test_http_charset_is_respected() -> None:
    arabic = "تنظيم الدولة الإسلامية"
    body = rss(item(title=arabic, link="https://ar.example.com/2"), decl="").encode("cp1256")
    feed = parse_feed(body, FEED_URL, "application/rss+xml; charset=windows-1256")
    assert titles(feed) == [arabic]


def test_http_charset_wins_over_declaration_unless_it_cannot_decode() -> None:
    declared_latin = '<?xml version="1.0" encoding="iso-8859-1"?>'
    # Header says UTF-8, bytes really are Latin-1 as declared: the header cannot decode them.
    body = rss(item(title="État", link="https://fr.example.com/3"), decl=declared_latin)
    assert titles(parse_feed(body.encode("latin-1"), FEED_URL, "text/xml; charset=utf-8")) == [
        "État"
    ]
    # Header says Latin-1 but the bytes are UTF-8: mojibake ("Ã‰tat") must not come out.
    body = rss(item(title="État islamique", link="https://fr.example.com/4"))
    assert titles(parse_feed(body.encode(), FEED_URL, "text/xml; charset=ISO-8859-1")) == [
        "État islamique"
    ]


def test_utf16_with_bom() -> None:
    body = rss(item(title="État", link="https://fr.example.com/5"), decl="")
    body = '<?xml version="1.0" encoding="utf-16"?>' + body
    assert titles(parse_feed(body.encode("utf-16"), FEED_URL, "text/xml")) == ["État"]


# ------------------------------------------------------------------------------ sniffing


GOOD = rss(item(title="Still a feed", link="https://site.example.com/x")).encode()


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "application/octet-stream", None])
def test_feed_with_wrong_content_type_is_still_a_feed(ctype: str | None) -> None:
    assert titles(parse_feed(GOOD, FEED_URL, ctype)) == ["Still a feed"]


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"", "application/rss+xml"),
        (b"   \n\t ", "text/xml"),
        (
            b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>",
            "text/xml",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>rss feed</p></body></html>',
            "application/rss+xml",
        ),
        (b"<html><body><a href='/feed'>&lt;rss&gt;</a></body></html>", "application/xml"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": []}', "application/json"),
        (b"[1, 2, 3]", "application/rss+xml"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "application/octet-stream"),
        (b"\x00\x01\x02\x03binary", None),
        (b"Service temporarily unavailable", "text/plain"),
        (b"http://127.0.0.1:9/feed.xml", None),
        (b"/etc/passwd", None),
        (b'<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>', "text/xml"),
    ],
)
def test_not_a_feed(body: bytes, ctype: str | None) -> None:
    with pytest.raises(FetchError) as err:
        parse_feed(body, FEED_URL, ctype)
    assert err.value.kind == FetchErrorKind.NOT_A_FEED


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><rss version="2.0"><<<>>>',
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel>',
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "unterminated',
    ],
)
def test_broken_xml_without_entries_is_malformed(body: bytes) -> None:
    with pytest.raises(FetchError) as err:
        parse_feed(body, FEED_URL, "application/rss+xml")
    assert err.value.kind == FetchErrorKind.MALFORMED


def test_broken_xml_is_recovered_by_feedparser_with_a_warning() -> None:
    body = (
        b"<rss version='2.0'><channel><title>A & B</title>"
        b"<item><title>Raid & strike</title><link>https://s.example.com/1</link></item>"
        b"<item><title>Second</title><link>https://s.example.com/2</link></item>"
        b"<item><title>Cut off mid-"
    )
    feed = parse_feed(body, FEED_URL, "application/rss+xml")
    assert feed.parser == "feedparser"
    assert feed.warning and "broken XML" in feed.warning
    assert [(e.title, e.url) for e in feed.entries][:2] == [
        ("Raid & strike", "https://s.example.com/1"),
        ("Second", "https://s.example.com/2"),
    ]


def test_leading_junk_before_the_feed_is_skipped() -> None:
    body = b"<br />\n<b>Warning</b>: Undefined index in /var/www/feed.php on line 3<br />\n" + GOOD
    feed = parse_feed(body, FEED_URL, "text/xml")
    assert titles(feed) == ["Still a feed"]
    assert feed.warning and "junk" in feed.warning


UNUSUAL = {
    "media group": rss(
        item(title="Media group", link="https://s.example.com/1").replace(
            "</item>",
            "<media:group xmlns:media='http://search.yahoo.com/mrss/'>"
            "<media:title>Other</media:title></media:group></item>",
        )
    ),
    "xhtml content": """<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
        <entry><title>Media group</title><id>https://s.example.com/1</id>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline
        <b>XHTML</b> body</p></div></content></entry></feed>""",
    "html entity without DTD": rss(item(title="Media&nbsp;group", link="https://s.example.com/1")),
    "two titles": rss(item(title="Media group", link="https://s.example.com/1")).replace(
        "</item>", "<dc:title>Other</dc:title></item>"
    ),
}


@pytest.mark.parametrize("name", list(UNUSUAL))
def test_unusual_feeds_fall_back_to_feedparser(name: str) -> None:
    body = UNUSUAL[name].encode()
    assert parse_feed_fast(body, FEED_URL) is None
    feed = parse_feed(body, FEED_URL)
    assert feed.parser == "feedparser"
    assert [(e.title, e.url or e.guid) for e in feed.entries] == [
        ("Media group", "https://s.example.com/1")
    ]


def test_xhtml_content_becomes_plain_text() -> None:
    feed = parse_feed(UNUSUAL["xhtml content"].encode(), FEED_URL)
    assert feed.entries[0].content == "Inline XHTML body"


def test_fast_clean_up_is_exactly_clean_text() -> None:
    # The fast path re-implements clean_text for ordinary text; it must never differ.
    pieces = [
        "a",
        "é",
        " ",
        "  ",
        "\t",
        "\n",
        "\n\n\n",
        "\r\n",
        "\xa0",
        "\u2003",
        "\u3000",
        "&amp;",
        "&nbsp;",
        "&#13;",
        "&#x85;",
        "&",
        ";",
        "\u200b",
        "\xad",
        "\x85",
        "\x00",
        "\u1680",
        "\u2028",
        "e\u0301",
        "\ufefb",
        "\ufb01",
        "\u2474",
        "ال",
        "&#8217;",
    ]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert _tidy(text) == clean_text(text), repr(text)


def test_html_to_text() -> None:
    assert html_to_text("<p>a &amp; b</p><p>c<br>d</p>") == "a & b\n\nc\nd"
    assert html_to_text("x <script>alert(1)</script>y<!-- hidden -->") == "x y"
    assert html_to_text("5 < 6 &gt; 4") == "5 < 6 > 4"
    assert html_to_text("<a title='x > y' href=\"/\">link</a>") == "link"
    assert html_to_text("  plain   words ") == "plain words"


# ------------------------------------------------------------------------------ XML attacks

LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
HOSTILE = {
    "billion laughs": f"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol0 "lol">{LAUGHS}]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>t &lol9;</title><description>&lol9;</description>
<link>https://x.example.com/1</link></item></channel></rss>""",
    "quadratic blowup": """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "{big}">]>
<rss version="2.0"><channel><title>q</title><item><title>t</title>
<description>{refs}</description><link>https://x.example.com/1</link></item></channel></rss>
""".format(big="A" * 100_000, refs="&a;" * 20_000),
    "external file": """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>t&xxe;</title>
<description>&xxe;</description><link>https://x.example.com/1</link></item></channel></rss>""",
    "external http": """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{url}/dtd"> %remote; <!ENTITY web SYSTEM "{url}/e">]>
<rss version="2.0"><channel><title>x</title><item><title>t&web;</title>
<link>https://x.example.com/1</link></item></channel></rss>""",
    "doctype inside body": """<?xml version="1.0"?>
<rss version="2.0"><channel><title>x</title>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<item><title>t&xxe;</title><link>https://x.example.com/1</link></item></channel></rss>""",
}

CHILD = textwrap.dedent(
    """
    import sys
    from monitor.errors import FetchError
    from monitor.parse import parse_feed, parse_feed_feedparser
    body = sys.stdin.buffer.read()
    for parse in (parse_feed, parse_feed_feedparser):
        try:
            feed = parse(body, "https://x.example.com/feed", "application/rss+xml")
            print(feed.title, [(e.title, e.summary, e.content) for e in feed.entries])
        except FetchError as exc:
            print("refused:", exc)
    # this process's own peak: ru_maxrss would carry the forking pytest worker's over exec
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print("maxrss_kb", peak.split()[1])
    """
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leak 'LEAKED'>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_entity_attacks_are_neutralised(name: str, recorder: str) -> None:
    body = HOSTILE[name].replace("{url}", recorder).encode()
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=body,
        capture_output=True,
        timeout=20,
        cwd=Path(__file__).parent.parent,
    )
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()
    maxrss_mb = int(out.rsplit("maxrss_kb", 1)[1]) / 1024
    assert maxrss_mb < 200
    assert "root:" not in out and "LEAKED" not in out
    assert "lollollol" not in out and "A" * 1000 not in out
    assert _Recorder.hits == []


@pytest.mark.parametrize("junk", ["<a ", "<script>", "<p ", '<a x="', "<", "</ "])
def test_pathological_html_is_stripped_in_linear_time(junk: str) -> None:
    html = "Before " + junk * 60_000 + " after"
    body = rss(item(title="t", link="https://x.example.com/1", description=f"<![CDATA[{html}]]>"))
    start = time.perf_counter()
    feed = parse_feed(body.encode(), FEED_URL)
    assert time.perf_counter() - start < 2
    assert feed.entries[0].summary.startswith("Before")


def test_the_usual_rss_date_reads_as_feedparser_reads_it() -> None:
    from email.utils import formatdate

    from feedparser.datetimes import _parse_date

    from monitor.parse import _parse_date_cached, _rfc822_date, _to_datetime

    rng = random.Random(7)
    dates = [
        formatdate(rng.uniform(-2e9, 4e9), usegmt=True)[:-3]
        + rng.choice(["GMT", "UT", "UTC", "Z", "+0000", "+0530", "-0800", "+1245", "-0030"])
        for _ in range(2000)
    ]
    # the forms left to feedparser: impossible dates, a year out of range after the offset
    dates += [
        "Thu, 31 Feb 2026 10:46:22 GMT",
        "Thu, 26 Nov 2026 24:00:00 GMT",
        "Mon, 01 Jan 0001 00:00:00 +0100",
        "26 Nov 26 10:46 EST",
        "Mar, 05 Mar 2024 14:30:00 +0100",  # a French day name: feedparser refuses it
        "thu, 26 nov 2026 10:46:22 gmt",
    ]
    assert sum(_rfc822_date(d) is not None for d in dates) == 2000
    for date in dates:
        assert _parse_date_cached(date) == _to_datetime(_parse_date(date)), date


def test_the_parser_and_the_monitor_leave_unused_libraries_unloaded() -> None:
    # every worker would carry chardet's tables (feedparser's encoding guess, which text
    # decoded here never needs) and the monitor httpx's command-line tool (click, pygments)
    script = textwrap.dedent(
        """
        import sys
        import monitor.parse, monitor.pipeline
        feed = monitor.parse.parse_feed(sys.stdin.buffer.read(), "http://x/f", None)
        assert len(feed.entries) == 1, feed
        print(" ".join(m for m in ("chardet", "cchardet", "click", "pygments") if m in sys.modules))
        import feedparser.encodings
        data = "Zażółć gęślą jaźń, powiedział minister w Łodzi.".encode("iso-8859-2")
        import chardet  # asked for, the guess is chardet's
        assert feedparser.encodings.lazy_chardet_encoding(data) == chardet.detect(data)["encoding"]
        """
    )
    feed = (
        b"<?xml version='1.0' encoding='iso-8859-2'?><rss version='2.0'><channel><title>t</title>"
        b"<item><title>Zaj\xea\xe6</title><link>http://x/1</link></item></channel></rss>"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=feed, capture_output=True, timeout=60, check=True
    )
    assert done.stdout.decode().strip() == ""


def test_a_worker_leaves_the_event_loop_and_url_fetching_unloaded() -> None:
    # asyncio, and urllib.request with ssl, http.client and email (feedparser's own fetching),
    # and OpenSSL's hashing: megabytes in the fork server and in every worker that a worker
    # never uses, even while it parses, matches and reads a report's frame
    script = textwrap.dedent(
        """
        import sys
        from datetime import UTC, datetime
        import monitor.worker_process, monitor.parse
        from monitor.prepare import prepare_feed
        from monitor.rules import load_ruleset
        feed = monitor.parse.parse_feed(sys.stdin.buffer.read(), "http://x/f", None)
        assert len(feed.entries) == 1, feed
        prepared = prepare_feed(feed, load_ruleset(), feed="f", now=datetime.now(UTC))
        assert prepared.entries[0].analysis.frame is not None, prepared
        loaded = ("asyncio", "ssl", "http.client", "_hashlib")
        print(" ".join(m for m in loaded if m in sys.modules))
        import urllib.request, feedparser  # asked for, they are there
        assert urllib.request.Request("http://x/").host == "x"
        assert callable(feedparser.http.get)
        assert "ssl" in sys.modules
        """
    )
    feed = (
        b"<rss version='2.0'><channel><item><title>US raid kills Islamic State leader in Syria"
        b"</title><description>US forces killed the Islamic State leader Abu Hafs al-Hashimi"
        b" al-Qurashi in a raid in Atmeh, Idlib province, on Tuesday.</description>"
        b"<link>http://x/a</link></item></channel></rss>"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=feed, capture_output=True, timeout=60, check=True
    )
    assert done.stdout.decode().strip() == ""
