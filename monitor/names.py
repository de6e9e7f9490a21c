"""Names across spellings and scripts: one folded key for al-Qurashi, al-Qurayshi and القرشي.

Arabic names reach English, French and Arabic copy in many spellings: vowels differ (Hasan,
Hassan; Omar, Umar), consonants have several Latin renderings (q, k, g for ق; sh, ch for ش;
kh, h for خ), the article comes and goes (al-, el-, ال), and Arabic script writes no short
vowels at all. A word's *skeleton* keeps what every spelling agrees on: its consonants, in a
few merged classes, doubled letters once, without the article. Latin spellings also keep the
class of their first vowel, which tells apart names whose consonants coincide (Hasan and
Hussein are both h-s-n; "a" and "u" keep them apart). Arabic script has no such vowel, so it
matches either.

Pure functions; frames.py uses them for people and places, identity.py to compare them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from monitor.textnorm import MARKS

# Latin digraphs first (longest first), then single letters, to consonant classes.
_LATIN_DIGRAPHS = (
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "S"),  # French transliteration (Qourachi, Daech)
    ("kh", "h"),
    ("gh", "k"),
    # an interdental: "th" and "dh" render both ث and ذ (Muath and Muadh, معاذ; Uthman,
    # عثمان), which therefore share the class of د
    ("th", "d"),
    ("dh", "d"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
)
_LATIN = {
    "b": "b",
    "c": "k",
    "d": "d",
    "f": "f",
    "g": "k",
    "h": "h",
    "j": "j",
    "k": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "p": "b",
    "q": "k",
    "r": "r",
    "s": "s",
    "t": "t",
    "v": "f",
    "x": "ks",
    "z": "z",
}
_ARABIC = {
    "ب": "b",
    "ت": "t",
    "ث": "d",
    "ج": "j",
    "ح": "h",
    "خ": "h",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "S",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "k",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "گ": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "پ": "b",
    "چ": "S",
}
_ARABIC_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
# The article and particles as written in Latin script: never part of a name's identity.
PARTICLES = frozenset(
    {"al", "el", "ul", "ad", "ed", "as", "es", "ash", "at", "an", "ar", "az", "ez", "adh", "ath"}
)
# "e" renders both fatha and kasra (Essawi, Issawi; Dayr, Deir): it agrees with "a" and "i"
_VOWEL_CLASS = {"a": "a", "e": "e", "i": "i", "y": "i", "o": "u", "u": "u"}
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{MARKS}])*(?:['’ʼʿʾ`](?:[^\W\d_]|[{MARKS}])+)*")


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """Lower case, accents and Arabic marks removed, apostrophes (ʿayn, hamza) dropped."""
    text = unicodedata.normalize("NFKD", word)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’ʼʿʾ`]", "", text)
    return text.translate(_ARABIC_NORMAL)


_ARABIC_NORMAL = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ـ": None}
)


# A nom de guerre's nisba as French copy translates it ("Abou Khattab l'Irakien", "al-Irakien"
# for al-Iraqi): the Arabic word it stands for
_DEMONYMS = {
    "irakien": "iraqi", "syrien": "suri", "tunisien": "tunisi", "libyen": "libi",
    "jordanien": "urduni", "egyptien": "masri", "saoudien": "saudi", "marocain": "maghribi",
}  # fmt: skip
_ELIDED = re.compile(r"^[lLdD]['’](?=\w)")


@lru_cache(maxsize=50_000)
def skeleton(word: str) -> str:
    """The consonant skeleton of one word, with its first vowel's class when Latin.

    "Qurashi" -> "krS/u", "Qurayshi" -> "krS/u", "القرشي" -> "krS/", "Hasan" -> "hsn/a",
    "Hussein" -> "hsn/u". Empty for particles and words with no consonant.
    """
    # French writes the Arabic s as ç before a, o, u ("Fayçal", "Mouçab"): not a k
    w = fold(_ELIDED.sub("", word).replace("ç", "s").replace("Ç", "s"))
    if not w:
        return ""
    if w.isascii():
        if w in PARTICLES or w in ("l",):
            return ""
        for prefix in ("al-", "el-"):
            if w.startswith(prefix):
                w = w[len(prefix) :]
        w = _DEMONYMS.get(w, w)
        w = w.replace("-", "")
        vowel = _first_vowel(w)
        if w.endswith("h") and len(w) > 2 and w[-2] in "ae":
            w = w[:-1]  # Raqqah, Atmeh: the Arabic feminine ending (not Salih's ḥ)
        for src, dst in _LATIN_DIGRAPHS:
            w = w.replace(src, dst)
        cons = "".join(_LATIN.get(c, "") if c != "S" else "S" for c in w)
        return _squeeze(cons) + "/" + vowel if cons else ""
    for article in _ARABIC_ARTICLES:
        if w.startswith(article) and len(w) - len(article) >= 2:
            w = w[len(article) :]
            break
    if w.endswith("ه") and (len(w) >= 3 or w == "له"):
        # as Latin drops its final h: عبد الله and Abdallah, وجيه and Wajih (but "طه" is Taha:
        # two letters, its ه a consonant)
        w = w[:-1]
    cons = "".join(_ARABIC.get(c, "") for c in w)
    return _squeeze(cons) + "/" if cons else ""


def _first_vowel(w: str) -> str:
    """The class of a Latin word's first vowel; a diphthong before a consonant is the long
    vowel other spellings write ("Mawsili" and "Mosuli": u; "Zayd" and "Zeid": e)."""
    for i, c in enumerate(w):
        if c not in _VOWEL_CLASS:
            continue
        if c == "o" and w[i + 1 : i + 2] == "u" and w[i + 2 : i + 3] in _VOWEL_CLASS:
            # French "ou" before a vowel is a w ("Houeich" for Hwaish) or a u ("Fouad" for
            # Fuad): no class to tell either way
            return ""
        if c == "a" and w[i + 1 : i + 2] in ("w", "y") and w[i + 2 : i + 3] not in "aeiouy":
            return "u" if w[i + 1] == "w" else "e"
        if c in "ai" and w[i + 1 : i + 2] == "y" and w[i + 2 : i + 3] in _VOWEL_CLASS:
            # the vowel before a glide is heard either way ("al-Diyali", "al-Dayali"; Ziyad,
            # Zayad): the class that matches both
            return "e"
        return _VOWEL_CLASS[c]
    return ""


def _squeeze(cons: str) -> str:
    out: list[str] = []
    for c in cons:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def same_word(a: str, b: str) -> bool:
    """Whether two skeletons are spellings of one word (a missing vowel class matches any)."""
    if a == b:
        return bool(a)
    ca, _, va = a.partition("/")
    cb, _, vb = b.partition("/")
    if not ca or (ca != cb and not _same_but_h(ca, cb)):
        return False
    # a short i and u are heard either way in the Levant and Iraq (Homs gives al-Himsi and
    # al-Homsi, الجبوري al-Jibouri and al-Jubouri); an a is not (Hasan is not Husain)
    return (
        not va
        or not vb
        or va == vb
        or {va, vb} == {"i", "u"}
        or ("e" in (va, vb) and "u" not in (va, vb))
    )


def _same_but_h(a: str, b: str) -> bool:
    # an h is what transliterations drop most ("Mashhadani", "Mashadani"; مشهداني): one
    # word when the rest is long enough to say so on its own
    rest = a.replace("h", "")
    if len(rest) >= 4 and rest == b.replace("h", "") and a[0] == b[0]:
        return True
    # a final -eh or -ah is the feminine ending (Raqqah, الرقة) or a ḥ (Saleh, صالح): the
    # skeleton drops it as the former, so with or without it is one word
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long == short + "h"


def words(text: str) -> list[str]:
    """The words of a text, as written (hyphenated parts apart: al-Qurashi -> al, Qurashi)."""
    return _WORD.findall(text)


def name_key(name: str) -> str:
    """The key of a whole name: the skeletons of its words, space-separated, particles out.

    "Abd" names are one word however written: Abd al-Rahman, Abdulrahman, عبد الرحمن.
    """
    out: list[str] = []
    join = False  # the last word was "Abd" alone: the next one completes it
    named = words(name)
    if len(named) > 1 and fold(named[0]) in _HONORIFICS:
        named = named[1:]  # "Sheikh Abu Abdullah al-Iraqi" is Abu Abdullah al-Iraqi
    for word in (piece for w in named for piece in _abd(w)):
        part = skeleton(word)
        if not part:
            continue  # a particle ("al" of "Abd al-Rahman")
        if part.partition("/")[0] == "m" and fold(word) not in _UMM:
            # Muawiya, معاوية: all but the m is ʿayn and semivowels; not the generic Umm
            part = "mw/" + part.partition("/")[2]
        if join:
            # (one letter at the seam, as in one word: "Abd al-Daim" and "Abduldaim")
            cons, _, vowel = out[-1].partition("/")
            out[-1] = _squeeze(cons + part.partition("/")[0]) + "/" + vowel
        else:
            out.append(part)
        join = not join and fold(word) in _ABD_ALONE
    return " ".join(out)


# (and the pilgrim's: "Hajji Jassem", «حجي جاسم», is Jassem Mohammed al-Khalaf)
_HONORIFICS = frozenset(
    {"sheikh", "shaykh", "sheik", "cheikh", "الشيخ", "شيخ", "hajji", "haji", "hajj", "hadji",
     "al-hajj", "al-haj", "el-hadj", "حجي", "الحجي", "الحاج", "حاج"}
)  # fmt: skip
# ("مازن العبد الله" is Mazin al-Abdullah)
_ABD_ALONE = frozenset(
    {"abd", "abdul", "abdel", "abdal", "abdoul", "abdol", "abdu", "عبد", "العبد"}
)
_UMM = frozenset({"umm", "um", "oum", "oumm", "om", "omm", "ام", "وام"})


def _abd(word: str) -> tuple[str, ...]:
    """An "Abd" name written as one word, as the two it stands for ("Abdelhadi": Abd, hadi;
    read as one, its "dh" would be a letter of its own)."""
    w = word.lower()
    if w in _ABD_ALONE:
        return ("abd",)  # "Abdul Rahman": the article goes with the next word
    for joined in ("abdul", "abdel", "abdal", "abdoul", "abdol"):
        if w.startswith(joined) and len(w) > len(joined) + 2:
            return ("abd", word[len(joined) :])  # the article inside the word
    if w.startswith("عبدال") and len(w) > 6:
        return ("عبد", word[3:])  # "عبدالهادي", as "عبد الهادي"
    return (word,)


# Parts of names so common that sharing them says nothing about being one person: kunya
# markers (Abu, Umm, bin, ibn) and the lineage names every caliph of the group has taken
# (al-Hashimi, al-Qurashi), by their consonants.
GENERIC = frozenset({"b", "bn", "m", "hSm", "krS"})


def distinctive(key: str) -> list[str]:
    """The parts of a name key that tell one person from another."""
    return [p for p in key.split() if p.partition("/")[0] not in GENERIC]


# Given names so common that two men sharing only these may well be two men.
COMMON = frozenset(
    skeleton(word).partition("/")[0]
    for word in (
        "muhammad", "ahmad", "ali", "hasan", "hussein", "umar", "abdullah", "khalid", "ibrahim",
        "mahmud", "mustafa", "yusuf", "salih", "abd", "ahmed", "mohammed", "omar", "khaled",
        "saleh", "yousef", "mahmoud",
    )
)  # fmt: skip


SAME, COMPATIBLE, DIFFERENT = "same", "compatible", "different"


@lru_cache(maxsize=50_000)
def compare(a: str, b: str) -> str:
    """How two name keys relate: SAME when the distinctive parts of the shorter are found, in
    order, in the longer ("Abu Hafs al-Qurashi" in "Abu Hafs al-Hashimi al-Qurashi") and they
    share more than common given names; COMPATIBLE when they agree but share only those
    ("Abu Omar al-Qurayshi" and "Abu Umar al-Hashimi al-Qurashi": one man or two); else
    DIFFERENT ("Mahmoud al-Ali" is not "Ali Mahmoud al-Fahdawi")."""
    verdict = _compare(a, b)
    if verdict == SAME and (" " in a) != (" " in b):
        # a given name alone, its honorific left out ("Hajji Jassem"), opening a whole name
        # ("Jassem Mohammed al-Khalaf"): maybe that man, maybe another of the name (not a
        # surname alone: "al-Baghdadi" is Abu Bakr al-Baghdadi)
        one, whole = (a, b) if " " not in a else (b, a)
        if same_word(one, whole.split(" ", 1)[0]):
            return COMPATIBLE
    return verdict


def _compare(a: str, b: str) -> str:
    da, db = distinctive(a), distinctive(b)
    joined = _consonants(da)
    if len(da) != len(db) and len(joined) >= JOINED_CONSONANTS and joined == _consonants(db):
        # one name written in two words or one ("Abu Muadh al-Tal Afari", "أبو معاذ التلعفري")
        return SAME
    if not da or not db:
        # kunyas whose every part is generic ("Abu Ayyub", أبو أيوب): one man as far as they say
        alike = len(a.split()) == len(b.split()) and all(map(same_word, a.split(), b.split()))
        return COMPATIBLE if not da and not db and a and alike else DIFFERENT
    # two noms de guerre are two men when the names after Abu differ ("Abu Ubaidah" is not
    # "Abu Maryam al-Obaidi", however his nisba reads)
    ka, kb = _kunya_name(a), _kunya_name(b)
    small, large = (da, db) if len(da) <= len(db) else (db, da)
    if ka and kb and not same_word(ka, kb):
        # ...unless they differ by how the copy says an interdental ("Abou Osman", "Abu
        # Uthman", عثمان): maybe one man
        alike = _interdental(ka, kb) and _in_order(small, large, _same_consonants)
        return COMPATIBLE if alike else DIFFERENT
    if not _in_order(small, large, same_word):
        # one nom de guerre whose nisba two outlets vowel apart ("Abu Hamza al-Shuhayli", "Abu
        # Hamza al-Shahili", of al-Shuhayl), or one name ("Khaled al-Jabouri", "Khaled
        # al-Joubouri", of الجبوري): maybe one man, maybe two
        both_kunyas = ka is not None and kb is not None
        one_word = any(same_word(p, q) for p in small for q in large)
        loose = (both_kunyas or one_word) and _in_order(small, large, _same_consonants)
        return COMPATIBLE if loose else DIFFERENT
    if (ka is None) != (kb is None) and same_word(ka or kb or "", (b if ka else a).split()[0]):
        # "Omar Ali al-Juburi" and "Abu Omar al-Juburi": a man's given name is not the son's
        # name a kunya is formed on; one man or two
        return COMPATIBLE
    kunya = _kunya_parts(a) | _kunya_parts(b)
    rare = [s for s in small if s.partition("/")[0] not in COMMON or s in kunya]
    consonants = sum(len(s.partition("/")[0]) for s in rare)
    # three parts agreeing in order ("Yasin Hamad al-Obeidi", "Yaseen Hammad al-Ubaidi") are
    # one man even when each part is a common name
    return SAME if consonants >= 3 or len(rare) >= 2 or len(small) >= 3 else COMPATIBLE


# consonants enough for a name written in more or fewer words than another to be the same
JOINED_CONSONANTS = 5


def _consonants(parts: list[str]) -> str:
    return "".join(p.partition("/")[0] for p in parts)


def _in_order(small: list[str], large: list[str], same: Callable[[str, str], bool]) -> bool:
    """Whether each part of `small` is found, in order, among the parts of `large`."""
    k = 0
    for part in small:
        while k < len(large) and not same(part, large[k]):
            k += 1
        if k == len(large):
            return False
        k += 1
    return True


def _same_consonants(a: str, b: str) -> bool:
    """Whether two skeletons are one word but for the class of their first vowel, or for
    how an interdental is said (see _interdental)."""
    return same_word(a.partition("/")[0] + "/", b.partition("/")[0] + "/") or _interdental(a, b)


def _interdental(a: str, b: str) -> bool:
    """Whether two skeletons differ only where one has the d that ث and ذ (th, dh) take and
    the other an s or a z: French and Turkish copy say them so (Osman for Uthman, عثمان;
    Mouaz for Muadh, معاذ); or an s where the other has sh, as Turkish copy gives a ş without
    its cedilla (Sakir for Şakir, Shakir, شاكر). Not one word for sure: Khalis is not Khalid."""
    ca, cb = a.partition("/")[0], b.partition("/")[0]
    if len(ca) != len(cb) or len(ca) < 2:
        return False
    apart = [{x, y} for x, y in zip(ca, cb, strict=True) if x != y]
    return len(apart) == 1 and apart[0] in ({"d", "s"}, {"d", "z"}, {"s", "S"})


def _kunya_name(key: str) -> str | None:
    """The name after the Abu or Umm a key starts with, if it does."""
    parts = key.split()
    return parts[1] if len(parts) >= 2 and parts[0].partition("/")[0] in ("b", "m") else None


def _kunya_parts(key: str) -> set[str]:
    """Name parts after Abu/Umm: "Abu Ibrahim" is a rarer name than Ibrahim."""
    parts = key.split()
    return {q for p, q in pairwise(parts) if p.partition("/")[0] in ("b", "m")}


def same_person(a: str, b: str) -> bool:
    """Whether two name keys name one person (see compare)."""
    return compare(a, b) == SAME
