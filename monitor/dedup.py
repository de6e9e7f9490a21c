"""One story, one event: canonical URLs, stable keys and near-duplicate story detection.

Pure logic (canonical_url, entry_key, story_signature, same_story) plus StoryIndex, a small
SQLite-backed near-duplicate index over a sliding time window.

Near-duplicates use MinHash over word shingles, computed with one-permutation hashing: each
shingle is hashed once (blake2b) into one of NUM_HASHES bins and each bin keeps its minimum.
That is one hash per shingle instead of one per shingle per permutation: about 0.22 ms per KB
of text in pure Python (datasketch needs numpy/scipy and was slower on the same shingles).
Candidates come from LSH bands (BANDS bands of ROWS bins each), looked up by index in SQLite.
"""

from __future__ import annotations

import operator
import re
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from monitor.digest import blake2b, sha256
from monitor.textnorm import clean_text, strip_marks

if TYPE_CHECKING:
    import sqlite_utils

# --- canonical URLs -------------------------------------------------------------------------

# Query parameters that only say where a click came from; dropped (matched case-insensitively).
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        # ad and analytics click ids
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "li_fat_id", "igshid", "igsh", "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking",
        "mc_cid", "mc_eid", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid",
        "s_cid", "spm", "scm", "share", "sr_share", "__twitter_impression",
        # referrer and campaign markers used by news sites
        "ref", "ref_src", "ref_url", "referrer", "cmpid", "ocid", "cmp", "smid", "sh", "at_medium",
        "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "xtor",
        "rss", "taid", "guccounter", "guce_referrer", "guce_referrer_sig", "ncid", "partner",
        "src", "feature", "fsrc", "via",
        # AMP cache and viewer parameters
        "amp_js_v", "amp_gsa", "usqp", "amp_r", "aoh", "ampshare",
    }
)  # fmt: skip
# Any parameter starting with one of these is tracking too (utm_source, utm_medium, ...).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hmb_", "ga_", "_branch")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_LONE_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SLASHES = re.compile(r"/{2,}")
# AMP caches that carry the publisher's URL in their path: /c/s/HOST/PATH (s = https).
_AMP_CACHE_PATH = re.compile(r"^/(?:c|v|i)/(s/)?([^/]+)(/.*)?$")
_GOOGLE_AMP_PATH = re.compile(r"^/amp/(s/)?([^/]+)(/.*)?$")


def canonical_url(url: str) -> str:
    """The canonical form of an article URL: tracking, AMP and encoding noise removed.

    Never raises: anything that is not an absolute http(s) URL is returned stripped.
    """
    text = url.strip()
    current = text
    # Unwrapping an AMP cache URL can expose another layer; a few rounds reach a fixed point.
    for _ in range(4):
        try:
            nxt = _canonical_once(current)
        except (ValueError, UnicodeError):
            return text
        if nxt == current:
            break
        current = nxt
    return current


def _canonical_once(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = _normal_host(parts.hostname)
    port = parts.port  # raises ValueError on a bad port: caller returns the input
    path = _normal_pct(parts.path, safe="/")

    unwrapped = _unwrap_amp_cache(host, path)
    if unwrapped is not None:
        query = f"?{parts.query}" if parts.query else ""
        return unwrapped + query

    if host.startswith("amp.") and host.count(".") >= 2:
        host = host[len("amp.") :]
    path = _strip_amp_path(_SLASHES.sub("/", path))
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    if not path:
        path = "/"

    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, path, _normal_query(parts.query), ""))


def _normal_host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    if host.isascii():
        return host
    # Each label on its own so one odd label does not stop the rest from converting.
    labels = []
    for label in host.split("."):
        labels.append(label if label.isascii() else label.encode("idna").decode("ascii"))
    return ".".join(labels)


def _normal_pct(text: str, *, safe: str) -> str:
    """Percent-encoding in one spelling: unreserved bytes decoded, others upper-case %XX."""
    text = _LONE_PCT.sub("%25", text)
    text = quote(text, safe=safe + "%!$&'()*+,;=:@")

    def fix(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if char in _UNRESERVED else "%" + m.group(1).upper()

    return _PCT.sub(fix, text)


def _unwrap_amp_cache(host: str, path: str) -> str | None:
    """The publisher URL behind a Google AMP viewer or AMP cache URL, or None."""
    m = None
    if host in ("google.com", "www.google.com"):
        m = _GOOGLE_AMP_PATH.match(path)
    elif host == "cdn.ampproject.org" or host.endswith(".cdn.ampproject.org"):
        m = _AMP_CACHE_PATH.match(path)
    if m is None:
        return None
    scheme = "https" if m.group(1) else "http"
    return f"{scheme}://{m.group(2)}{m.group(3) or '/'}"


def _strip_amp_path(path: str) -> str:
    while path.startswith("/amp/"):
        path = path[len("/amp") :]
    for suffix in ("/amp/", "/amp", ".amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)]
    if path.endswith(".amp.html"):
        return path[: -len(".amp.html")] + ".html"
    return path


def _normal_query(query: str) -> str:
    kept: list[tuple[str, str]] = []
    for pair in query.split("&"):
        if not pair:
            continue
        key, sep, value = pair.partition("=")
        key = _normal_pct(key, safe="")
        value = _normal_pct(value, safe="=")
        if _is_noise_param(key, value):
            continue
        kept.append((key, f"{key}{sep}{value}"))
    kept.sort()
    return "&".join(item for _, item in kept)


def _is_noise_param(key: str, value: str) -> bool:
    name = key.lower()
    if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES):
        return True
    if name == "amp" and value.lower() in ("", "1", "true", "yes"):
        return True
    return name == "outputtype" and value.lower() == "amp"


# --- ids and keys -----------------------------------------------------------------------------


def event_id_for(canonical: str) -> str:
    """Stable event id derived from the story's first canonical URL."""
    return "ev_" + sha256(canonical.encode("utf-8")).hexdigest()[:20]


# Guids made only of digits, spaces and date punctuation are counters or timestamps, which
# some feeds regenerate on every edit; they cannot identify an entry.
_UNSTABLE_GUID = re.compile(r"^[\d\s:.,+\-TZ/]*$")


def entry_key(guid: str | None, url: str | None, title: str) -> str:
    """Key of a feed entry within its feed: stable guid, else canonical URL, else title hash."""
    guid = (guid or "").strip()
    if guid and not _UNSTABLE_GUID.match(guid):
        if guid.lower().startswith(("http://", "https://")):
            return "g:" + canonical_url(guid)
        return "g:" + guid
    link = (url or "").strip()
    if link:
        return "u:" + canonical_url(link)
    words = " ".join(_words(title))
    return "t:" + sha256(words.encode("utf-8")).hexdigest()[:32]


# --- story signatures -------------------------------------------------------------------------

NUM_HASHES = 128  # MinHash bins; the Jaccard estimate's error is about 0.045 at 0.5
BANDS = 32  # LSH bands of ROWS bins (the first 96 bins); see StoryIndex for the odds
ROWS = 3
SHINGLE = 3  # words per shingle, after dropping stopwords
LEAD = 48  # shingles that make the lead: about the first two or three paragraphs
LEAD_WINDOW = 96  # a lead is looked for this far into the other story (paragraphs move)

# Thresholds of same_story. Measured on tests/test_dedup.py: copies of one story (other outlet,
# AMP page, update) share 0.64-0.96 of body shingles and 0.90-1.00 of the lead; different raids
# written from one template with the same background paragraphs share 0.43-0.51 of the body
# and 0.25-0.54 of the lead, with identical headlines. So the body decides alone only when it
# is clearly the same text; below that, the lead (where the names, places and dates of a story
# are) must agree too. Headlines are formulaic, so titles only decide when there is no body.
SAME_BODY = 0.7  # estimated Jaccard of body shingles: at least this, the same story
MIN_BODY = 0.35  # below this, never the same story (unless there is no body to compare)
SAME_LEAD = 0.75  # between the two, the leads must overlap this much
SHORT_BODY = 12  # fewer body shingles than this on either side: the titles decide...
SAME_TITLE = 0.8  # ...by sharing this much (Jaccard of title words)

_EMPTY = (1 << 64) - 1
_BORROWED = struct.Struct(">QI")  # a borrowed bin's value and the distance it travelled
_BAND = struct.Struct(f">H{ROWS}Q")  # a band's number and its bins
_WORD = re.compile(r"\w+")
_STOPWORD_TEXT = """
    a about after against all also an and any are as at be been being but by can could did
    do does for from had has have he her his how i if in into is it its itself may more most
    no not of on once one only or other our out over said says she so some such than that the
    their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class StorySignature:
    """What near-duplicate detection keeps of a story."""

    minhash: tuple[int, ...]  # NUM_HASHES minimum shingle hashes (64-bit)
    bands: tuple[int, ...]  # BANDS signed 64-bit LSH keys, band number folded in
    lead: tuple[int, ...]  # 32-bit hashes of the first LEAD_WINDOW distinct body shingles
    title_words: tuple[str, ...]  # normalised title words, sorted, stopwords dropped
    length: int  # distinct body shingles


def story_signature(title: str, body: str) -> StorySignature:
    """Signature of a story from its title and body text."""
    hashes = _shingle_hashes(body)
    minhash = _one_permutation_minhash(hashes)
    lead = tuple(h >> 32 for h in hashes[:LEAD_WINDOW])
    title_words = tuple(sorted({w for w in _words(title) if w not in _STOPWORDS}))
    return StorySignature(minhash, _band_keys(minhash), lead, title_words, len(hashes))


def _words(text: str) -> list[str]:
    """Lower-case words with diacritics folded; 'U.S.' and 'US' both become 'us'."""
    words = _WORD.findall(clean_text(text).lower().replace(".", "").replace("_", " "))
    return [w if w.isascii() else strip_marks(w) for w in words]


def _shingle_hashes(body: str) -> list[int]:
    """64-bit hashes of the distinct word shingles of `body`, in order of first appearance."""
    words = [w for w in _words(body) if w not in _STOPWORDS]
    if len(words) >= SHINGLE:
        shingles = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    else:
        shingles = [" ".join(words)] if words else []
    distinct = dict.fromkeys(shingles)  # keeps order, unlike a set
    return [int.from_bytes(blake2b(s.encode(), digest_size=8).digest(), "big") for s in distinct]


def _one_permutation_minhash(hashes: Iterable[int]) -> tuple[int, ...]:
    mins = [_EMPTY] * NUM_HASHES
    for h in hashes:
        slot = h % NUM_HASHES
        if h < mins[slot]:
            mins[slot] = h
    return _densify(mins)


def _densify(mins: list[int]) -> tuple[int, ...]:
    """Fill empty bins from the next non-empty one (rotation), so short texts still compare.

    The borrowed value is mixed with the distance travelled so that a filled bin only agrees
    with another text's bin when both borrowed the same value from the same distance.
    """
    n = len(mins)
    filled = [i for i, v in enumerate(mins) if v != _EMPTY]
    if not filled or len(filled) == n:
        return tuple(mins)
    out = list(mins)
    # a short text leaves most bins empty: this loop is most of a signature's cost
    pack, hash8, from_bytes = _BORROWED.pack, blake2b, int.from_bytes
    # each run of empty bins borrows from the filled bin after it (the first, past the end)
    for after, before in zip([*filled[1:], filled[0] + n], filled, strict=True):
        value = mins[after % n]
        for i in range(before + 1, after):
            digest = hash8(pack(value, after - i), digest_size=8).digest()
            out[i % n] = from_bytes(digest, "big")
    return tuple(out)


def _band_keys(minhash: tuple[int, ...]) -> tuple[int, ...]:
    keys = []
    empty = (_EMPTY,) * ROWS
    for band in range(BANDS):
        rows = minhash[band * ROWS : (band + 1) * ROWS]
        if rows == empty:
            continue  # an empty body has no bands: it is never a candidate by body
        digest = blake2b(_BAND.pack(band, *rows), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))  # fits an SQLite INTEGER
    return tuple(keys)


def body_similarity(a: StorySignature, b: StorySignature) -> float:
    """Estimated Jaccard similarity of the two bodies' shingle sets (0 when either is empty)."""
    if not a.length or not b.length:
        return 0.0
    same = sum(map(operator.eq, a.minhash, b.minhash))  # map: several times faster
    return same / NUM_HASHES


def title_similarity(a: StorySignature, b: StorySignature) -> float:
    """Jaccard similarity of the normalised title words."""
    if not a.title_words or not b.title_words:
        return 0.0
    sa, sb = set(a.title_words), set(b.title_words)
    return len(sa & sb) / len(sa | sb)


def lead_similarity(a: StorySignature, b: StorySignature) -> float:
    """Share of one story's lead found near the top of the other (the better direction)."""
    if not a.lead or not b.lead:
        return 0.0

    def share(x: tuple[int, ...], y: tuple[int, ...]) -> float:
        head = set(x[:LEAD])
        return len(head & set(y)) / len(head)

    return max(share(a.lead, b.lead), share(b.lead, a.lead))


def same_story(a: StorySignature, b: StorySignature) -> bool:
    """True when two signatures describe the same story (thresholds: see SAME_* above)."""
    return _same_story_body(a, b) is not None


def _same_story_body(a: StorySignature, b: StorySignature) -> float | None:
    """The body similarity of two signatures of the same story; None when they are not."""
    body = body_similarity(a, b)
    if min(a.length, b.length) < SHORT_BODY:
        return body if title_similarity(a, b) >= SAME_TITLE else None
    if body >= SAME_BODY or (body >= MIN_BODY and lead_similarity(a, b) >= SAME_LEAD):
        return body
    return None


# stored stories compared with a new one at most (those sharing the most LSH bands with it)
MAX_CANDIDATES = 16

# signatures kept unpacked in memory by a StoryIndex (about 2 KB each)
UNPACKED_CACHE = 20_000

# --- the index --------------------------------------------------------------------------------


class StoryIndex:
    """Near-duplicate lookup over recent stories, kept in two SQLite tables.

    story_signatures holds one row per added signature; story_bands one row per LSH band key,
    indexed by (band, created_at) so a lookup reads only rows sharing a band with the new story.
    With 32 bands of 3 bins, a stored story is a candidate with probability 0.986 at body
    Jaccard 0.5, 0.88 at 0.4, 0.75 at 0.35, and 0.0003 at 0.02 (unrelated stories).
    """

    def __init__(self, db: sqlite_utils.Database | sqlite3.Connection) -> None:
        self.db = db
        # plain sqlite3 underneath, so a Store's connection serves without sqlite-utils
        self.conn = db if isinstance(db, sqlite3.Connection) else db.conn
        self._unpacked: dict[tuple[int, str, int], StorySignature] = {}
        self.conn.execute(
            """CREATE TABLE IF NOT EXISTS story_signatures (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                minhash BLOB NOT NULL,
                lead BLOB NOT NULL,
                title_words TEXT NOT NULL,
                length INTEGER NOT NULL
            )"""
        )
        self.conn.execute(
            """CREATE TABLE IF NOT EXISTS story_bands (
                band INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                signature_id INTEGER NOT NULL,
                PRIMARY KEY (band, created_at, signature_id)
            ) WITHOUT ROWID"""
        )
        self.conn.execute(
            "CREATE INDEX IF NOT EXISTS story_signatures_created_at"
            " ON story_signatures (created_at)"
        )

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """All-or-nothing without committing: joins a caller's transaction if there is one."""
        conn = self.conn
        conn.execute("SAVEPOINT story_index")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO story_index")
            conn.execute("RELEASE story_index")
            raise
        conn.execute("RELEASE story_index")

    def find(self, sig: StorySignature, *, since: datetime) -> str | None:
        """Event id of a stored story at or after `since` that is the same story, or None."""
        if not sig.bands:
            return None
        marks = ",".join("?" * len(sig.bands))
        # A busy topic makes many stories share a few bands; those sharing the most are the
        # likeliest copies, and comparing only them keeps a lookup's cost flat.
        rows = self.conn.execute(
            f"""SELECT id, event_id, minhash, lead, title_words, length FROM story_signatures
            JOIN (SELECT signature_id, COUNT(*) AS shared FROM story_bands
                  WHERE band IN ({marks}) AND created_at >= ?
                  GROUP BY signature_id ORDER BY shared DESC LIMIT {MAX_CANDIDATES})
            ON id = signature_id
            ORDER BY shared DESC, created_at DESC""",
            [*sig.bands, _epoch(since)],
        ).fetchall()
        best: tuple[float, str] | None = None
        for sig_id, event_id, minhash, lead, title_words, length in rows:
            # a busy story is a candidate for every copy of it: unpack its blobs once
            # keyed by more than the row id: a rolled-back or pruned row's id can come back
            key = (sig_id, event_id, length)
            other = self._unpacked.get(key)
            if other is None:
                if len(self._unpacked) >= UNPACKED_CACHE:
                    self._unpacked.clear()
                other = self._unpacked[key] = StorySignature(
                    _unpack(minhash, "Q"),
                    (),
                    _unpack(lead, "I"),
                    tuple(title_words.split()),
                    length,
                )
            score = _same_story_body(sig, other)
            if score is not None:
                if score >= 1.0:
                    # the same text (a wire copy): no candidate can do better, and a busy
                    # story's copies would otherwise each be compared with every candidate
                    return event_id
                if best is None or score > best[0]:
                    best = (score, event_id)
        return best[1] if best else None

    def add(self, event_id: str, sig: StorySignature, at: datetime) -> None:
        """Remember `sig` as a version of event `event_id`, seen at `at`."""
        created = _epoch(at)
        with self._atomic():
            cur = self.conn.execute(
                "INSERT INTO story_signatures"
                " (event_id, created_at, minhash, lead, title_words, length)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    created,
                    _pack(sig.minhash, "Q"),
                    _pack(sig.lead, "I"),
                    " ".join(sig.title_words),
                    sig.length,
                ),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO story_bands (band, created_at, signature_id)"
                " VALUES (?, ?, ?)",
                [(band, created, cur.lastrowid) for band in sig.bands],
            )

    def prune(self, before: datetime) -> int:
        """Forget signatures added before `before`; returns how many were removed."""
        self._unpacked.clear()  # a freed row id may be given to a new signature
        old = self.conn.execute(
            "SELECT id, created_at, minhash FROM story_signatures WHERE created_at < ?",
            [_epoch(before)],
        ).fetchall()
        with self._atomic():
            # Band keys are recomputed from the minhash, so each band row is deleted by its
            # primary key: the cost follows the rows pruned, not the size of the table.
            self.conn.executemany(
                "DELETE FROM story_bands WHERE band = ? AND created_at = ? AND signature_id = ?",
                [
                    (band, created, sig_id)
                    for sig_id, created, blob in old
                    for band in _band_keys(_unpack(blob, "Q"))
                ],
            )
            self.conn.executemany(
                "DELETE FROM story_signatures WHERE id = ?", [(row[0],) for row in old]
            )
        return len(old)


def _epoch(at: datetime) -> int:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)  # the project's datetimes are UTC; be lenient
    return int(at.timestamp())


def _pack(values: tuple[int, ...], code: str) -> bytes:
    return struct.pack(f">{len(values)}{code}", *values)


def _unpack(blob: bytes, code: str) -> tuple[int, ...]:
    count = len(blob) // struct.calcsize(code)
    return struct.unpack(f">{count}{code}", blob)
