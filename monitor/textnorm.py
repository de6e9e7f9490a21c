"""Text clean-up shared by parsing, extraction and matching (display text stays readable)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import ClassVar

from ahocorasick_rs import AhoCorasick

# Combining marks a word may carry inside it: Latin accents left decomposed, Arabic
# harakat ("قُتل"); regexes' \w does not match them, so word patterns must name them
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Characters some step of clean_text drops or replaces, with the other whitespace that
# str.strip() removes (so that among whitespace only " " and "\n" need a closer look).
_SPECIAL = re.compile(
    r"[&\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\u00a0\u00ad\u1680\u2000-\u200d"
    r"\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"
)


def _is_clean(text: str) -> bool:
    """True when clean_text would return `text` unchanged (most texts, as the pipeline
    cleans its texts once and matching cleans them again): cheap checks before NFKC."""
    return (
        text[0] not in " \n"
        and text[-1] not in " \n"
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and "\n\n\n" not in text
        and _SPECIAL.search(text) is None
        and unicodedata.is_normalized("NFKC", text)
    )


def clean_text(text: str) -> str:
    """Unescape entities, NFKC (folds Arabic presentation forms), drop controls, tidy spaces."""
    if not text:
        return ""
    if _is_clean(text):
        return text
    text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = _WS.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def strip_marks(text: str) -> str:
    """NFKD without its combining marks: "État" -> "Etat", "قُتل" -> "قتل" (case kept); the one
    diacritics fold of matching (match._fold) and the story index (dedup._words)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def one_line(text: str, limit: int = 300) -> str:
    """Collapse to a single safe line (for logs and headers), cut to `limit` characters."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# "نشرة الفرات الصباحية: الخبز في الميادين...", "Syria security daily: strikes ...; Tabqa
# financier held": a bulletin of the day's news, its items after the label
BULLETIN_HEADLINE = re.compile(
    # (after a country's label: "Syrie : ce qu'il faut retenir de la semaine", "Syria this
    # week: bread prices, ...")
    r"(?i)^(?:[\w'’-]+ ?[:|] )?(?:[\w'’-]+ ){0,3}(?:(?:ال)?(?:نشرة|موجز|حصاد)|briefing|digest"
    r"|bulletin|roundup|round-up|daily(?=\s*[:|])|weekly(?=\s*[:|])|in brief|l['’]essentiel"
    r"|revue de presse"
    # ("La Matinale d'Euphrate - vendredi 27 novembre", "Le fil du vendredi : ...", "Le point
    # du soir – dimanche 22 novembre": an outlet's letter of the day)
    r"|matinale|le fil(?= d)|le point du(?= )"
    r"|ce qu['’]il faut retenir"
    r"|week in review|the week in|this week(?=\s*[:|])|la semaine en|la semaine au|أبرز أحداث)\b"
    r"(?:[^:|]{0,40}[:|])?\s*(?P<items>.*)$"
)
# (Arabic joins items with a "و" prefixed to the next: "أمطار في الساحل ومفاوضات الحسكة")
BULLETIN_ITEMS = re.compile(r"[,،;؛]|\s(?:and|et)\s|\s(?=و\S)")
# Headline phrases of an arrest and a strike whose verb alone says too little ("held" is also
# talks held, "hits" also prices), for the frames' and the genres' lexicons alike ("Security
# briefing: IS cell leader held in Homs", "Syria security briefing: coalition hits IS camp")
HELD_IN_HEADLINE = (
    "leader held", "chief held", "commander held", "emir held", "official held",
    "suspects held", "members held",
)  # fmt: skip
STRUCK_IN_HEADLINE = ("coalition hits", "coalition hit", "jets hit", "jets hits")

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”’»)]*\s+|\n+")
# Where a sentence end may begin (just after the first of those characters, at a newline): a
# pattern of one character class, which re searches for at C speed, where _SENTENCE_END
# tries its lookbehind at every character (4x as long over a 4 KB text)
_SENTENCE_END_AT = re.compile(r"[.!?؟…\n]")
_READ_BACK = 150  # characters sentence_at first reads back (twice as many each time after)
# A full stop that ends an abbreviation ends no sentence: "on Sept. 6", "U.S. forces",
# "Gen. Smith", "3 a.m. local time" (read as one, a background raid "on Sept. 1" is no
# longer cut off from the "latest in a series" that says it is background)
_ABBREVIATION = re.compile(
    r"(?i)(?:\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|gen|lt|col|maj|capt|sgt|"
    r"adm|cmdr|dr|mr|mrs|ms|st|mt|jr|sr|gov|sen|rep|vs|approx|av|bd|janv|févr|avr|juil|"
    r"déc|mme|(?-i:M))\.|\b(?:[a-z]\.){2,})$"
)
_NEXT_LOWER = re.compile(r"[a-z0-9\u00e0-\u00ff]")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    if m.group().startswith("\n") or text[m.start() - 1] != ".":
        return True
    if _NEXT_LOWER.match(text, m.end()):
        return False  # "U.S. forces", "3 a.m. local time"
    at = m.start()
    # an abbreviation ends in a letter, and is at most 6 letters or "x.y.": most full stops
    # follow a longer word or a figure, where the search need not be tried
    if not text[at - 2 : at - 1].isalpha() or (at >= 8 and text[at - 8 : at - 1].isalpha()):
        return True
    return not _ABBREVIATION.search(text, max(0, at - 12), at)


def _sentence_ends(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The sentence ends that start in text[pos:endpos], as _SENTENCE_END.finditer(text) finds
    them when `pos` is 0 or an alphanumeric character (no end holds one, so none runs across
    it), each checked by _ends_sentence."""
    end = pos  # of the last match: the next is looked for from there, as finditer does
    for c in _SENTENCE_END_AT.finditer(text, pos, len(text) if endpos is None else endpos):
        at = c.start() if c.group() == "\n" else c.end()
        if at < end:
            continue
        m = _SENTENCE_END.match(text, at)
        if m is None:
            continue
        end = m.end()
        if _ends_sentence(text, m):
            yield m


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of a text (and of its lines: a line ends one too)."""
    return spans_between(text, _sentence_ends(text))


def spans_between(text: str, ends: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    """The non-empty ranges of `text` between its sentence `ends`, in order."""
    return list(_iter_spans(text, ends))


def _iter_spans(text: str, ends: Iterable[re.Match[str]]) -> Iterator[tuple[int, int]]:
    start = 0
    for m in ends:
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def sentence_at(text: str, char: int) -> tuple[int, int]:
    """The range of sentence_spans(text) holding text[char], an alphanumeric character, read
    from the text around it only (a snippet needs the sentences of a few words of a text)."""
    end = next((m.start() for m in _sentence_ends(text, char)), len(text))
    stop = char
    back = _READ_BACK
    while stop > 0:
        # read back, from an alphanumeric character (so as finditer from the start would)
        pos = max(0, stop - back)
        back *= 2
        while pos > 0 and not text[pos].isalnum():
            pos -= 1
        ends = list(_sentence_ends(text, pos, stop))
        if ends:
            return ends[-1].end(), end
        stop = pos
    return 0, end


def sentences(text: str) -> list[str]:
    """The sentences of a text."""
    return [text[s:e] for s, e in sentence_spans(text)]


def iter_sentences(text: str) -> Iterator[str]:
    """The sentences of a text, read as they are asked for (a lead needs the first few of
    a page)."""
    return (text[s:e] for s, e in _iter_spans(text, _sentence_ends(text)))


# Characters that must not reach a reader from a feed: C0/C1 controls (terminal escapes, NUL,
# XML-invalid characters), line/paragraph separators, and the bidi embedding, override and
# isolate controls that can make the text around them read backwards.
_UNDISPLAYABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufffe\uffff]"
)


def display_line(text: str, limit: int = 300) -> str:
    """Untrusted text for one line of a page, feed or message: no controls, one line, cut."""
    text = " ".join(_UNDISPLAYABLE.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display_block(text: str, limit: int = 2000) -> str:
    """Untrusted text kept on several lines (a snippet): each line cleaned as display_line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [display_line(line, limit) for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# What ends a text that was cut to its bound (see bounded).
CUT_MARK = " […]"
# Characters of a title, from a feed or a page: far past any headline.
TITLE_MAX = 1_000


def bounded(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else cut (at a space when one is near)
    to fit within `limit` with CUT_MARK at its end, so that a reader sees it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(CUT_MARK)]
    space = cut.rfind(" ", len(cut) - len(cut) // 10)
    return (cut[:space] if space > 0 else cut).rstrip() + CUT_MARK


# Letters that re's case-insensitive matching folds otherwise than str.lower() does: the
# Turkish İ and ı, the long s, the micro sign, Greek (final sigma) and a few ligatures.
_FOLDS_APART = re.compile(
    "[\u0130\u0131\u017f\u00b5\u0345\u0370-\u03ff\u1e61\u1e9b\u1f00-\u1fff\ufb05\ufb06]"
)
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z-]")
# escapes that lower case would change the meaning of (\S, \W, \B) or that name a letter,
# and ranges with an upper-case end ([A-z] holds "_", [a-z] does not)
_CASED_ESCAPES = re.compile(r"\\[A-Zxu0-9]|[A-Z]-|-[A-Z]")


def caseless_lower(text: str) -> str | None:
    """text.lower() when case-insensitive patterns read the text as its lower case (the same
    letters at the same offsets: none that re and str.lower() fold apart); else None."""
    if text.isascii() or not _FOLDS_APART.search(text):
        return text.lower()
    return None


# "Seven weeks after a strike killed a financier of the group, Sarmada was hit again", "Sept
# semaines après la frappe qui avait tué un financier, ...", "بعد أسبوعين من الغارة التي قتلت
# ...،": an opening, up to its comma, that tells the occurrence this one follows
OPENING_AFTER = re.compile(
    r"(?i)(?:(?:some|about|barely|just|only|nearly|more than) )?(?:[\w-]+ )?(?:hours|days?"
    r"|weeks?|months?) (?:after|on from) [^,،]{5,200}[,،]"
    r"|(?:(?:quelque|environ|à peine|plus de|près de) )?(?:[\w-]+ )?(?:heures|jours?|semaines?"
    r"|mois)(?: seulement| à peine| tout juste)? après [^,،]{8,200}[,،]"
    r"|(?:(?:on|in) the (?:heels|wake) of|in the aftermath of|following|fresh from"
    r"|dans la foulée d[eu'’]|à la suite d[eu'’]) ?[^,،]{5,200}[,،]"
    r"|في أعقاب [^,،]{5,200}?(?:[,،]|\.\.)"
    # (a headline's clause may end on two dots: "بعد ساعات من مقتل قيادي في الشدادي.. حملة")
    r"|(?:بعد|عقب) (?:\S+ )?(?:ساعات|أيام|يومين|أسبوع|أسبوعين|أسابيع|شهر|شهرين|أشهر)"
    r"(?: فقط)? (?:من|على) [^,،]{8,200}?(?:[,،]|\.\.)"
)


class Needles:
    """Fixed strings, one of which a text may hold, all looked for in one pass (Aho-Corasick,
    ahocorasick-rs): an `in` test apiece scans the text once per string (a sentence against
    sixty of them: 0.9 µs against 6.5).

    A sentence is asked about by many Needles (a frame asks forty times about each): one pass
    over it finds the strings of every Needles at once, and what it found is kept for the
    next ones asked about the same text."""

    SHARED_CHARS = 600  # longer texts (a body) are asked about once: each its own pass
    _KEPT = 256  # texts whose findings are kept (a frame reads about ten)
    # every instance's strings, numbered, and the pass over all of them with what it found
    # (built again at first use after an instance brings new strings)
    _numbers: ClassVar[dict[str, int]] = {}
    _shared: ClassVar[tuple[AhoCorasick, dict[str, frozenset[int]]] | None] = None

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(words)
        self._finder = AhoCorasick(list(self.words)) if self.words else None
        numbers = Needles._numbers
        if not all(map(numbers.__contains__, self.words)):
            for w in self.words:
                numbers.setdefault(w, len(numbers))
            Needles._shared = None
        self._numbered = frozenset(map(numbers.__getitem__, self.words))

    def held_in(self, text: str) -> bool:
        """Whether `text` holds one of the strings (as `any(w in text for w in words)`)."""
        if self._finder is None:
            return False
        if len(text) > self.SHARED_CHARS:
            return bool(self._finder.find_matches_as_indexes(text))
        shared = Needles._shared
        if shared is None:
            shared = Needles._shared = (AhoCorasick(list(Needles._numbers)), {})
        finder, kept = shared
        found = kept.get(text)
        if found is None:
            if len(kept) >= self._KEPT:
                kept.clear()
            # (every occurrence of every string: a longer one overlapping it hides none)
            matches = finder.find_matches_as_indexes(text, overlapping=True)
            found = kept[text] = frozenset([n for n, _, _ in matches])
        return not self._numbered.isdisjoint(found)


class Caseless:
    """Where a case-insensitive pattern first matches, found faster.

    Python's re tries an alternative only when the text's character is its first one, but
    not under (?i): a pattern of many alternatives is searched 2-3 times faster as its
    lower-case, case-sensitive twin over the lowered text, with the same offsets. Texts
    holding a letter the two fold apart, and patterns the twin cannot stand for (an escape
    lower case changes, a flag inside, a letter lower case turns into two), are searched as
    they are.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        needs: tuple[str, ...] = (),
        needs_pattern: re.Pattern[str] | None = None,
    ) -> None:
        """`needs`, when given: fixed words (lower case) one of which every match holds, or
        else a match of `needs_pattern` (over the lower-cased text): a text holding none is
        not searched (a few `in` tests and a search for a fixed start cost less)."""
        self.pattern = pattern
        self.needs = needs
        self._needles = Needles(needs)
        self.needs_pattern = needs_pattern
        body = pattern.pattern.removeprefix("(?i)")
        twin = (
            pattern.flags & re.IGNORECASE
            and len(body.lower()) == len(body)
            and not _INLINE_FLAGS.search(body)
            and not _CASED_ESCAPES.search(body)
            and not _FOLDS_APART.search(body)
        )
        self._twin = re.compile(body.lower(), pattern.flags & ~re.IGNORECASE) if twin else None

    def start(self, text: str, pos: int = 0) -> int | None:
        """The offset of the first match in text[pos:], or None."""
        return self.start_lowered(text, caseless_lower(text) if self._twin else None, pos)

    def start_lowered(self, text: str, lowered: str | None, pos: int = 0) -> int | None:
        """start(text, pos), given caseless_lower(text) (read once for several patterns)."""
        if lowered is not None and self.needs and not self._may(lowered):
            return None
        if self._twin is None or lowered is None:
            m = self.pattern.search(text, pos)
        else:
            m = self._twin.search(lowered, pos)
        return m.start() if m is not None else None

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in text, as pattern.search gives it (a text holding none of
        `needs` is not searched)."""
        lowered = caseless_lower(text) if self.needs else None
        if lowered is not None and not self._may(lowered):
            return None
        return self.pattern.search(text)

    def _may(self, lowered: str) -> bool:
        """Whether a lower-cased text holds what every match needs."""
        return self._needles.held_in(lowered) or (
            self.needs_pattern is not None and self.needs_pattern.search(lowered) is not None
        )
