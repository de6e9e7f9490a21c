"""Report or commentary: does a matched piece report a new occurrence, or reflect on one?

Boolean rules cannot tell a report of a raid from an essay about raids: both use the same
words in the same order. This module weighs what tells them apart, in three layers, each
named in the verdict's reason:

1. What the page says of itself: a schema.org type (OpinionNewsArticle, AnalysisNewsArticle,
   Review...), a section (article:section, a URL path like /opinion/ or /analysis/), a label
   in the headline or byline ("Opinion:", "Analysis |", "Tribune", "رأي").
2. How it is written. Reports attribute ("officials said on Tuesday", "selon", "قال"), date
   the occurrence in their lead ("overnight", "early on Sunday") and put the occurrence in
   the lead. Commentary argues in the first person and the imperative ("we must"), explains
   ("what is", "how does"), generalises ("every time a leader has been killed"), reviews
   (a book, its author, its chapters), tells history (centuries, caliphates of old) or
   marks an anniversary ("ten years ago").
3. Where the rule matched: in the headline or lead, or only deep in the piece.

A piece is commentary when a commentary kind's evidence clearly outweighs the evidence of
reporting; otherwise it is a report (a missed event costs an analyst more than a stray essay).
Pure; runs where matching happens.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

from monitor.lexicon import Lexicon, folded, words
from monitor.models import REPORT, Genre, MatchResult, Report
from monitor.names import fold
from monitor.textnorm import (
    BULLETIN_HEADLINE,
    BULLETIN_ITEMS,
    HELD_IN_HEADLINE,
    MARKS,
    OPENING_AFTER,
    STRUCK_IN_HEADLINE,
    Caseless,
    iter_sentences,
    sentences,
)

# Evidence a commentary kind needs, and by how much it must outweigh the report evidence.
THRESHOLD = 3.0
MARGIN = 1.0
OTHERS = 0.5  # how much the signs of other commentary kinds add to the strongest
BODY_WORDS = 500  # enough of a piece to judge it; bounds the cost of very long pages

_DECLARED = {
    "opinionnewsarticle": "opinion",
    "analysisnewsarticle": "analysis",
    "backgroundnewsarticle": "explainer",
    "reviewnewsarticle": "review",
    "review": "review",
    "criticreview": "review",
    "book": "review",
    "liveblogposting": "liveblog",
    "satiricalarticle": "opinion",
    "askpublicnewsarticle": "explainer",
    "opinion": "opinion",
    "editorial": "opinion",
    "analysis": "analysis",
}
_REPORT_TYPES = frozenset({"reportagenewsarticle"})
# Sections and URL path segments, as sites name them.
_SECTIONS = {
    "opinion": (
        "opinion", "opinions", "comment", "commentisfree", "editorial", "editorials", "op-ed",
        "oped", "op-eds", "column", "columns", "columnists", "letters", "tribune", "tribunes",
        "idees", "debats", "chroniques", "chronique", "editos", "edito", "points-de-vue",
        "point-de-vue", "rai", "maqalat", "articles-opinion", "blogs", "blog", "voices",
        "perspective", "perspectives", "viewpoint", "viewpoints", "رأي", "آراء", "مقالات",
        "مقالات الرأي", "كتاب الرأي", "أقلام",
    ),
    "analysis": (
        "analysis", "analyses", "analyse", "decryptage", "insight", "insights", "in-depth",
        "long-read", "longreads", "the-big-story", "تحليل", "تحليلات", "قراءات",
    ),
    "explainer": ("explainer", "explainers", "explained", "q-and-a", "qa", "faq", "factbox"),
    "review": ("review", "reviews", "books", "book-review", "livres", "critique", "culture"),
    # not "archives": WordPress sites file every article under /archives/<id>
    "history": ("history", "histoire", "on-this-day"),
    "profile": ("profile", "profiles", "portrait", "portraits", "obituary", "obituaries"),
    "liveblog": ("live", "liveblog", "live-blog", "live-updates", "direct", "en-direct"),
}  # fmt: skip


def _joined_sections(segment: str) -> str | None:
    """The kind of a URL section that joins commentary sections ("/opinion-analysis/"): its
    first's, when every part names one."""
    kinds = [_SECTION_OF.get(part) for part in segment.split("-")]
    if len(kinds) > 1 and all(k is not None and k != "liveblog" for k in kinds):
        return kinds[0]
    return None


def _section_key(name: str) -> str:
    """A section name as looked up: folded words joined by hyphens ("Idées", "آراء")."""
    return "-".join(fold(w) for w in re.split(r"[\s/_-]+", name.strip()) if w)


_SECTION_OF = {_section_key(n): kind for kind, names in _SECTIONS.items() for n in names}
# slug starts that name a section ("editorial-...", "analysis-..."): not "live-..." or "blog-"
_SLUG_SECTIONS = frozenset(
    {"opinion", "editorial", "column", "analysis", "explainer", "explained", "review"}
)
_SLUG_ENDS = frozenset({"explainer", "explained", "factbox", "editorial"})
_SECTION_WORD = re.compile(r"[\w-]+")
# Labels a headline or byline starts with ("Opinion: ...", "ANALYSIS | ...", "رأي: ...").
_LABELS: dict[str, tuple[str, ...]] = {
    "opinion": ("opinion", "comment", "editorial", "op-ed", "column", "view", "tribune",
                "point de vue", "editorial", "chronique", "رأي", "مقال", "وجهة نظر"),
    "analysis": ("analysis", "news analysis", "analyse", "decryptage", "تحليل", "قراءة"),
    "explainer": ("explainer", "explained", "q&a", "factbox", "what we know",
                  "ce qu il faut savoir", "ما نعرفه", "who's who", "qui est qui", "guide",
                  "دليل"),
    "review": ("review", "book review", "books", "critique", "عرض كتاب", "مراجعة"),
    "profile": ("profile", "portrait", "obituary", "بورتريه", "بروفايل"),
    "history": ("history", "histoire", "from the archive", "on this day"),
    "liveblog": ("live", "as it happened", "en direct", "مباشر", "live updates"),
}  # fmt: skip
_LABELS = {
    k: tuple(" ".join(fold(w) for w in v.split(" ")) for v in vs) for k, vs in _LABELS.items()
}

_TEXT = Lexicon(
    {
        # reporting: attribution of what happened to a source
        "attribution": [
            "said", "says", "told", "announced", "confirmed", "according to", "statement",
            "said in a statement", "a statement", "reported", "state media", "a declare",
            "a annonce", "a indique", "a affirme", "a confirme", "a precise", "selon", "annonce",
            "قال", "قالت", "اعلن", "أعلن", "اعلنت", "أعلنت", "اكد", "أكد", "افاد", "أفاد",
            "ذكر", "ذكرت", "بحسب", "وفقا", "وفق", "نقلت", "مصادر", "بيان",
        ],
        "recent": [
            "overnight", "yesterday", "today", "this morning", "last night", "early on",
            "late on", "on monday", "on tuesday", "on wednesday", "on thursday", "on friday",
            "on saturday", "on sunday", "hier", "dans la nuit", "ce matin", "lundi", "mardi",
            "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "امس", "أمس", "اليوم",
            "الاثنين", "الثلاثاء", "الاربعاء", "الأربعاء", "الخميس", "الجمعه", "الجمعة",
            "السبت", "الاحد", "الأحد", "ليل",
        ],
        # commentary, by kind
        "opinion": [
            "i", "i'm", "i've", "my", "me", "we must", "we should", "we need", "our", "must",
            "should", "ought", "it is time", "it's time", "need to", "let us", "let's",
            "mistake", "folly", "naive", "hubris", "reckless", "illusion", "we cannot",
            "cannot afford", "the west must", "je", "nous devons", "il faut", "doit", "devrait",
            "devraient", "faut", "erreur", "illusion", "يجب", "ينبغي", "لا بد", "علينا",
            "نحن", "خطأ", "وهم", "temptation", "deserve", "deserves", "too often", "rather than",
            "instead of", "no substitute", "the answer is", "would be wise", "seriously",
            "surely", "of course", "sadly", "rightly", "wrongly", "shameful", "failure",
            "faudrait", "il est temps", "tentation", "merite", "helas", "naif", "على الغرب",
            "لا يكفي", "ينبغي على", "آن الأوان", "ان الاوان",
        ],
        "analysis": [
            "analysts", "analysis", "implications", "what it means", "why it matters",
            "strategy", "strategic", "long term", "long-term", "trend", "pattern", "cycle",
            "resilience", "resilient", "regenerat*", "decapitation", "vacuum", "dynamics",
            "scenario*", "in the long run", "the question", "remains to be seen", "likely",
            "suggests", "either way", "reasons to believe", "the real test", "tells us",
            "signals", "a sign of", "the lesson", "lessons", "will be how", "what matters",
            "enjeux", "analyse", "strategie", "decapitation", "tendance", "تحليل",
            "استراتيجيه", "استراتيجية", "دلالات", "تداعيات", "مستقبل", "researchers",
            "experts", "observers", "indicates", "reflects", "underscores", "highlights",
            "shift", "transformation", "decentraliz*", "decentralis*", "raises questions",
            "chercheurs", "observateurs", "decentralisation", "mutation", "signal",
            "باحثون", "الباحثين", "مؤشر", "يعكس", "تحول",
            # "خبراء أمنيون يرون أن ...", "يتساءل كثيرون": experts weigh it (not "قال خبير":
            # reports quote one)
            "خبراء", "يتساءل", "يتساءلون",
            # what a piece weighing an event promises: "here is why that may matter less"
            "here is why", "here's why", "things to watch", "what to watch", "what changes",
            "than it seems", "one might think", "voici pourquoi", "ce qui change",
            "a surveiller",
            # "La vraie question est...", "Faut-il s'attendre à...", "n'est pas un épisode isolé"
            "la question", "la vraie question", "faut-il", "reste à savoir", "a ses limites",
            "épisode isolé",
            # "que change vraiment ce passage de témoin ?", "Sur le plan symbolique, l'enjeu est
            # réel", "la leçon est claire" (not "spécialistes": reports quote them too)
            "que change", "sur le plan symbolique", "l'enjeu", "la leçon",
        ],
        "generic": [
            "every time", "each time", "whenever", "time and again", "again and again",
            "has always", "have always", "tends to", "tend to", "history shows", "routinely",
            "chaque fois", "a chaque fois", "toujours", "كلما", "في كل مره", "في كل مرة",
        ],
        "explainer": [
            "what is", "who is", "who are", "what are", "how does", "how do", "how is",
            "here is", "here's", "explained", "the answer", "in short", "qui est", "comment",
            "pourquoi", "qu est ce", "من هو", "ما هي", "ما هو", "كيف", "لماذا",
            "questions and answers", "what we know", "what we don't know", "ce que l on sait",
            "أسئلة وأجوبة", "اسئله واجوبه", "ما نعرفه", "ماذا نعرف",
        ],
        "profile": [
            "was born", "born in", "grew up", "his father", "his family", "childhood",
            "studied", "rose through", "rise to", "biography", "his early life", "ne en",
            "ne a", "ne au", "ne dans", "fils d un", "son enfance", "son parcours", "a grandi",
            "portrait", "ولد", "نشا", "نشأ", "سيرة", "سيرته", "مواليد", "من مواليد", "اصله",
            "أصله", "تدرج", "طفولته", "حياته", "عرف عنه", "little is known about", "his rise",
            "early life", "career", "his career", "married", "left school", "those who knew him",
            "son of a", "parcours",
            # مسيرته, not مسيرة: without its shadda a drone (مسيّرة) reads as a career
            "مسيرته", "تزوج",
        ],
        "review": [
            "book", "books", "author", "chapter*", "pages", "publisher", "reader", "readers",
            "documentary", "film", "director", "episode", "podcast", "memoir", "novel",
            "exhibition", "reviewed", "livre", "auteur", "ouvrage", "chapitre*",
            "documentaire", "كتاب", "الكتاب", "المؤلف", "فيلم", "رواية",
        ],
        "history": [
            "century", "centuries", "medieval", "ancient", "empire", "dynasty", "abbasid*",
            "umayyad*", "ottoman*", "crusad*", "historian*", "caliphates", "siecle",
            "siecles", "medieval*", "empire", "القرن", "العباسي*", "الاموي*", "العثماني*",
            "المؤرخ*",
        ],
        "anniversary": [
            "anniversary", "years ago", "years since", "years after", "years on",
            # (not "a decade": "more than a decade ago" would count twice)
            "decade since", "decade after", "decade ago", "anniversaire",
            "ans apres", "il y a dix ans", "ذكرى", "الذكرى", "قبل سنوات", "عام على",
            "في مثل هذا اليوم", "on this day", "ce jour-la",
            "سنوات على", "a year ago today", "one year ago", "one year on", "a year on",
            "twelve months on", "one year in", "il y a un an", "un an apres", "un an plus tard",
            *(f"il y a {n} ans" for n in (
                "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "onze",
                "douze", "quinze", "vingt",
            )),
            "jour pour jour",
            "قبل عام", "بعد عام", "قبل عامين", "بعد عامين",
            # "قبل أربع سنوات", "بعد خمس سنوات"
            *(f"{w} {n} سنوات" for w in ("قبل", "بعد") for n in (
                "ثلاث", "اربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر",
            )),
        ],
        "liveblog": [
            "live updates", "as it happened", "key events", "follow live", "latest updates",
            # (not "مباشر" alone: "ارتباطه المباشر", his direct link)
            "en direct", "suivez", "بث مباشر", "تغطية مباشرة", "متابعة مباشرة",
        ],
    }
)  # fmt: skip
# Words that make a headline the news of an occurrence ("a night of helicopters in Tal Hamis")
_EVENT = Lexicon(
    {
        "event": [
            "kill*", "killed", "dead", "dies", "died", "captur*", "arrest*", "detain*", "seiz*",
            "raid*", "strike*", "airstrike*", "drone*", "helicopter*", "commando*", "sweep",
            # (each form of "tué": "tue*" is Tuesday's too)
            # ("Syria security roundup: cell broken up in Homs", "IS cell leader held in Homs
            # desert": "held" alone is also talks held)
            "broken up", "dismantl*", "demantel*", "nabs", *HELD_IN_HEADLINE,
            *STRUCK_IN_HEADLINE,
            "manhunt", "stormed", "tue", "tues", "tuee", "tuees", "tuent", "tuant", "tuer",
            "arrete*", "interpell*",
            "frappe*", "coup de filet", "heliporte*", "مقتل", "قتل", "اعتقال", "القبض",
            "غاره", "غارة", "غارات", "ضربه", "ضربة", "انزال", "إنزال", "مداهمه", "مداهمة",
            "توقيف", "استهداف", "حملة دهم", "حملات دهم", "عملية دهم", "عمليات دهم", "مداهمات",
            "اعتقالات", "ضربات", "landing", "airdrop", "air drop", "operation", "operations",
            "operation*", "عمليه", "عملية",
        ]
    }
)  # fmt: skip
# the group, as headlines name it in English and in French
_GROUP = r"(?:ISIS|ISIL|IS|Islamic State|Daesh)"
_LE_GROUPE = r"(?:EI|[ÉE]tat islamique|Daech)"
# "Islamic State ambush kills four soldiers", "Attaque de l'EI", "هجوم لداعش": the group as the
# perpetrator, which the topic leaves out
_GROUP_ATTACK = re.compile(
    rf"(?i)\b(?:{_GROUP}|jihadists?)(?:[-‐ ](?:led|linked|claimed))?"
    r" (?:ambush(?:es)?|attacks?|assault|gunmen|suicide bombers?|bombers?|bombings?|car bomb"
    r"|roadside bomb)\b(?: \S+){0,2}? (?:kills?|leaves|wounds?|hits?|targets?)\b"
    rf"|\b{_GROUP} claims?\b"
    rf"|\b{_GROUP} says it (?:killed|attacked|ambushed|carried out|was behind)\b"
    rf"|\bclaimed by (?:the )?{_GROUP}\b"
    rf"|\brevendiqu[ée]e?s? par (?:l['’]|le groupe )?{_LE_GROUPE}\b"
    r"|(?:تبنا[هه]ا?|تبنى)\s+(?:تنظيم\s+)?[«\"“]?(?:داعش|الدولة)"
    # "«داعش» يتبنى هجوماً", '"داعش" يتبنى تفجير': the group, then the verb
    r"|(?:داعش|الدولة)[»\"”]?\s+(?:يتبنى|تتبنى|تبنى|يعلن مسؤوليته|يهاجم)"
    r"|\b(?:embuscade|attaque|attentat)s? (?:de l['’]|du groupe |d['’]|de )?"
    rf"(?:{_LE_GROUPE}|jihadiste)\b"
    r"|(?:كمين|هجوم|تفجير)\s+(?:لـ?\s*)?(?:خلايا\s+)?(?:داعش|تنظيم الدولة|التنظيم|لداعش|لتنظيم)"
)
# "Cinq bergers tués par des jihadistes", "Shepherds killed by Islamic State fighters", "مقتل
# رعاة على يد داعش": the victims were the group's, unless the group's man is who died
_KILLED_BY_GROUP = re.compile(
    r"(?i)\b(?:killed|slain|executed|murdered|shot dead) by (?:suspected )?"
    rf"(?:{_GROUP}|jihadists?)\b"
    r"|\b(?:tuée?s?|exécutée?s?|abattue?s?|assassinée?s?) par (?:des |les |de présumés )?"
    rf"(?:jihadistes?|(?:l['’])?{_LE_GROUPE}|combattants (?:de l['’]|du groupe )?{_LE_GROUPE})\b"
    r"|(?:قتل|مقتل|إعدام|اعدام)\w*(?: \S+){0,4} (?:على يد|بيد|برصاص)"
    r" (?:عناصر |مسلحين |خلايا |مسلحي )?(?:من )?(?:داعش|تنظيم الدولة)"
    # a killing blamed on it: "Former rebel commander shot dead in Jasim; Islamic State cell
    # blamed", "Police officer gunned down in Sanamayn; officials point to Islamic State"
    r"|\b(?:shot dead|gunned down|killed|assassinated|murdered)\b[^.]{0,80}?"
    rf"(?:\b(?:blam\w*|points? to|pointed to|accus\w*) (?:an? |the )?(?:suspected )?{_GROUP}\b"
    rf"|\b{_GROUP}(?: cells?| militants| gunmen)? (?:is |are )?(?:blamed|suspected)\b)"
    r"|\b(?:abattue?s?|tuée?s?|assassinée?s?)\b[^.]{0,80}?"
    rf"(?:l['’]|le groupe )?{_LE_GROUPE} (?:soupçonnée?|mise? en cause|accusée?)\b"
    r"|(?:اغتيال|مقتل)(?: \S+){0,8} (?:واتهامات|وأصابع الاتهام|واتهام|اتهامات)\S*"
    r" (?:ل|إلى )?(?:داعش|تنظيم الدولة|خلية)"
)
# the group as the subject of a raid or an attack: "Islamic State fighters raid army post",
# "l'EI revendique un raid contre une patrouille" (the headline's "raid" is its own)
_GROUP_RAIDS = re.compile(
    rf"(?i)\b{_GROUP}(?: (?:fighters|militants|gunmen|cells?|"
    r"members|insurgents))? (?:raids?|storms?|overruns?|attacks?|ambush(?:es)?|seizes?|abducts?)"
    # a target follows: "attack planner" is a man, not an attack
    r" (?=(?:an?|the|two|three|four|five|several|army|military|security|SDF|Syrian|Iraqi|police"
    r"|checkpoints?|posts?|patrols?|villages?|towns?|bases?|prisons?|camps?|convoys?|soldiers"
    r"|troops|positions?)\b)"
    r"|\b(?:l['’]EI|l['’][ÉE]tat islamique|Daech) revendique\b"
)
# a headline about another group's man: its raid or strike is not the one the topic means
_OTHER_GROUP = re.compile(
    r"(?i)\b(?:Hurras al-Din|Hourras al-Din|Houras al-Din|HTS|Tahrir al-Sham|Tahrir al-Cham|"
    r"al[- ]Qaeda|al[- ]Qaida|al[- ]Qaïda|Hezbollah|Nusra|Nosra|Taliban|Shabaab|Shebabs?"
    r"|Chebabs?|Boko Haram"
    # "Strike hits militia weapons depot near Mayadin": Iran-backed militias, not the group
    r"|militias?|milices?|Iran-(?:backed|aligned|linked)|pro-Iran(?:ian)?|pro-iranien(?:ne)?s?"
    # the old regime's men: "une cellule d'anciens officiers de l'ère Assad"
    r"|Assad[- ]era|Assad loyalists|former regime|ère Assad|ancien régime"
    # "une cellule liée au Hamas", "two Uyghur fighters of the Turkistan Islamic Party"
    r"|Hamas|Turkistan Islamic Party|Turkestan Islamic Party|Parti islamique du Turkestan"
    r"|Uyghur|Uighur|ouïghours?"
    # "Deadly clashes between tribal fighters and Druze gunmen near Suwayda airbase"
    r"|Druzes?)\b"
    r"|فلول النظام|النظام البائد|حماس|الحزب الإسلامي التركستاني|الإيغور|الدروز|الدرزية"
    r"|حراس الدين|هيئة تحرير الشام|حزب الله|القاعدة|النصرة|الميليشيات|ميليشيا|الميليشيا"
)
# "Un commandant des FDS tué par une frappe de drone": the forces that fight the group lost a
# man (to Turkey, to the group): their story, not an operation against the group
_RIVAL_LOSS = re.compile(
    r"(?i)\b(?:commander|fighters?|members?|officer|commandant|combattants?|membres?|officier)"
    r" (?:of the |des |du )?(?:SDF|FDS|Syrian Democratic Forces|Forces démocratiques syriennes)\b"
    r".{0,40}\b(?:killed|dies|died|dead|tués?|morts?)\b"
    r"|\b(?:SDF|FDS) (?:commander|fighters?|officer|commandant|combattants?)\b.{0,40}"
    r"\b(?:killed|dies|died|dead|tués?|morts?)\b"
    # "Turkish drone strike kills Kurdish commander near Qamishli"
    r"|\b(?:kills?|killed|tue|tuent|tué|coûte la vie à) (?:an? |two |three |un |une |deux "
    r"|trois )?(?:Kurdish|SDF|FDS|kurdes?) (?:commanders?|fighters?|officers?|commandants?"
    r"|combattants?|responsables?)\b"
    # "مسيرة تركية تقتل قيادياً في قسد قرب القامشلي"
    r"|(?:مقتل|استشهاد|تقتل|يقتل) (?:\S+ ){0,3}(?:قيادي|قائد|عناصر|عنصر|مقاتل)\S* (?:\S+ )?"
    r"(?:في |من )?«?قسد"
    # "ثلاثة قتلى من قسد بهجوم على حاجز"
    r"|(?:قتلى|قتيلان|قتيلين|جرحى) (?:من |في )?(?:صفوف )?«?(?:قسد|قوات سوريا الديمقراطية)"
)
# "قسد تعتقل خمسة ... وتنفي صلتهم بداعش", "police deny any link to Islamic State": the men
# held are said to have nothing to do with the group
# a raid on other men, whose statement leaves the group out: "It did not mention the
# Islamic State", "The army statement made no mention of the Islamic State"
_NOT_MENTIONED = re.compile(
    rf"(?i)\b(?:did|does) not (?:mention|name|refer to) (?:the )?{_GROUP}\b"
    rf"|\b(?:made|makes|with) no (?:mention of|reference to) (?:the )?{_GROUP}\b"
    rf"|\b(?:ne fait|ne faisait|sans faire) (?:aucune |pas )?(?:mention|référence) (?:de |à )"
    rf"(?:l['’]|le groupe )?{_LE_GROUPE}\b"
    rf"|\b(?:ne (?:mentionne|mentionnait|cite|citait) pas|sans (?:mentionner|citer)) "
    rf"(?:l['’]|le groupe )?{_LE_GROUPE}\b"
    r"|(?:لم|دون أن) (?:يذكر|تذكر|يشر إلى|تشر إلى) (?:تنظيم )?(?:داعش|الدولة الإسلامية)"
)
_NO_LINK = re.compile(
    rf"(?i)\b(?:den(?:y|ies|ied)|rul(?:e|es|ed) out) (?:any |a )?(?:links?|ties|connection)s? "
    rf"(?:to|with) (?:the )?{_GROUP}\b"
    rf"|\bnot (?:linked|connected|affiliated|tied) (?:to|with) (?:the )?{_GROUP}\b"
    rf"|\b(?:nie|nient|exclut|écarte) (?:tout|un) lien avec (?:l['’]|le groupe )?{_LE_GROUPE}\b"
    rf"|\bsans (?:aucun )?lien avec (?:l['’]|le groupe )?{_LE_GROUPE}\b"
    r"|(?:تنفي|ينفي|نفت|نفى) (?:\S+ )?(?:صلتهم|صلته|علاقتهم|علاقته|ارتباطهم|ارتباطه)"
    r" ب(?:داعش|التنظيم|تنظيم)"
    # a gang that posed as the group's cells: "عصابة خطف كانت تنتحل صفة «خلايا التنظيم»"
    rf"|\b(?:posing|posed|pretending|pretended) as (?:\w+ ){{0,2}}?(?:the )?{_GROUP}\b"
    rf"|\bse (?:faisant|faisaient|faisait) passer pour (?:\w+ ){{0,3}}?(?:l['’]|le groupe )?"
    rf"{_LE_GROUPE}\b"
    r"|(?:تنتحل|ينتحل|ينتحلون|انتحلوا|انتحال) صفة «?(?:\S+ )?(?:داعش|التنظيم|تنظيم)"
    r"|" + _NOT_MENTIONED.pattern.removeprefix("(?i)")
)
# (what every match of _NOT_MENTIONED holds)
_NOT_MENTIONED_WORDS = (
    "mention", "not name", "not refer", "reference", "référence", "cite", "يذكر", "تذكر", "يشر",
    "تشر",
)  # fmt: skip
_NOT_MENTIONED_IN = Caseless(_NOT_MENTIONED, needs=_NOT_MENTIONED_WORDS)
_NO_LINK_IN = Caseless(
    _NO_LINK,
    needs=(
        "link", "ties", "connect", "affiliated", "tied", "lien", "صلته", "علاقته", "ارتباطه",
        " as ", "passer pour", "صفة", *_NOT_MENTIONED_WORDS,
    ),
)  # fmt: skip
# the group's names in a headline: one that names only another group is about that group
_GROUP_NAME = re.compile(
    r"\b(?:IS|ISIS|ISIL|EI)\b|(?i:\bislamic state\b|\bdae[sc]h\b|[ée]tat islamique)"
    r"|داعش|الدولة الإسلامية|الدولة الاسلامية|تنظيم الدولة"
)
# a headline of victims of an attack that names no attacker
_ATTACK_HEADLINE = re.compile(
    r"(?i)\b(?:ambush(?:ed|es)?|attack(?:ed|s)?|suicide bombing|car bomb|embuscade|attaque|"
    r"attentat|(?:gunmen|attackers|assailants) (?:kill|shoot|storm)\w*|by (?:unknown )?gunmen"
    r"|par des (?:hommes armés|inconnus armés))\b"
    r"|(?<!\w)[بو]?(?:كمين|هجوم)"  # "بكمين": "in an ambush"
    # "مقتل ثلاثة رعاة برصاص مسلحين": shot by gunmen
    r"|(?:برصاص|على يد|بنيران) (?:مسلحين|مجهولين)"
    # a car bomb, a bomb: "بانفجار سيارة مفخخة", "une voiture piégée"
    r"|مفخخة|عبوة ناسفة|voiture piégée|engin explosif"
)
# the lead names the group as the attacker: "suspected Islamic State fighters ambushed"
_GROUP_ATTACKS = re.compile(
    rf"(?i)\b(?:{_GROUP}|jihadists?)"
    r"(?: \w+){0,2}? (?:ambushed|attacked|stormed|opened fire|set off|detonated)\b"
    rf"|\b(?:{_LE_GROUPE}|jihadistes?)"
    r"(?: \w+){0,2}? ont (?:tendu|attaqué|ouvert)"
    # "كمين نصبه مسلحون يعتقد أنهم من خلايا تنظيم داعش"
    r"|(?:هاجم|هاجمت|نصب)\w*(?: \S+){0,6} (?:من )?(?:داعش|تنظيم الدولة|التنظيم)"
    # "..., the SDF said, blaming Islamic State cells", "an ambush blamed on Islamic State";
    # "an attack later claimed by the group"
    rf"|\bblam(?:ed|ing) (?:it )?(?:on )?(?:the )?{_GROUP}\b"
    # "أصابع الاتهام تتجه إلى خلايا داعش", "اتهم مصدر أمني خلايا تنظيم داعش بالوقوف وراء الهجوم"
    r"|الاتهام(?: \S+){0,2} (?:إلى|الى|نحو) (?:خلايا )?(?:تنظيم )?(?:داعش|الدولة)"
    r"|اتهم\S*(?: \S+){0,5} (?:خلايا )?(?:تنظيم )?(?:داعش|الدولة)\S*(?: \S+)? بالوقوف وراء"
    rf"|\bclaimed by (?:the )?{_GROUP}\b"
    rf"|\b(?:attribuée?s?|imputée?s?|revendiquée?s?) (?:à|par) (?:l['’]|le groupe )?{_LE_GROUPE}\b"
)
_BLAMED_ON = re.compile(rf"(?i)\bblamed on (?:the )?{_GROUP}\b")
_GROUP_CLAIMED = re.compile(
    rf"(?i)\b{_GROUP} (?:later |has |had )?claimed (?:responsibility|the attack|the ambush)"
    r"|(?:تبنى|وتبنى|وتبنّى|تبنّى) (?:تنظيم )?(?:داعش|التنظيم|الدولة) (?:الهجوم|الكمين|التفجير"
    r"|الاعتداء)"
    rf"|\b{_LE_GROUPE} a revendiqué"
)
# "Baghdad court sentences IS financier to death", "Procès à Paris d'une revenante",
# "محكمة ... تقضي بإعدام": a court's story, which the topic leaves out, whatever arrest or
# raid its body recalls
_TRIAL_HEADLINE = re.compile(
    # (not the group's own "judge", in quotes: "police detain suspected Islamic State 'judge'";
    # nor its own court, a post a man held: "Head of IS court in Tabqa detained in Sweden",
    # "le président du tribunal islamique de Daech", "رئيس المحكمة الشرعية لداعش")
    r"(?i)(?<![‘'\"«])\bjudges?\b(?![’'\"»])"
    r"|(?<!\bIS )(?<!ISIS )(?<!ISIL )(?<!State )(?<!sharia )(?<!Sharia )(?<!group's )"
    r"(?<!group’s )\bcourts?\b"
    r"|\btribunal\b(?! islamique| de (?:l['’]EI|Daech|l['’]État islamique|l['’]organisation))"
    r"|\b(?:juges?|sentenc\w*|jailed|"
    r"convicted|acquitt\w*|verdict|"
    r"on trial|trial|procès|condamn\w*|réclusion|death sentences?|life sentence|jugée?s?"
    r"|assises)\b"
    # "Bruxelles : huit ans de prison pour un ancien recruteur de l'EI", "ten years in jail"
    r"|\b(?:ans|années) de prison\b|\byears? in (?:prison|jail)\b|\bprison (?:terms?|sentences?)\b"
    # "الإعدام شنقاً لـ«أمير» في داعش أدين بقتل...": the death sentence, a man convicted
    r"|محكمة(?! الشرعية| شرعية| داعش| التنظيم)|بالإعدام|بالاعدام|بالسجن"
    r"|(?<!\w)(?:الإعدام|الاعدام|شنقاً|شنقا|أدين|المدان)(?!\w)"
)
# "SDF says it foiled escape attempt at Hasakah prison": the detainees' doing, no raid on them
_PRISON_HEADLINE = re.compile(
    r"(?i)\b(?:escape|breakout|break-out|jailbreak|riot|mutiny|unrest)\s(?:attempts?\s|bids?\s)?"
    r"(?:at|in|from)\s(?:[\w-]+\s){0,3}(?:prison|jail|detention)"
    r"|\bprison\s(?:riot|break|breakout|mutiny|unrest)|tentative d['’]évasion|mutinerie"
    r"|محاولة (?:فرار|هروب)|(?:تمرد|عصيان|استعصاء) (?:\w+ )?(?:في )?سجن"
)
# "Prison holding thousands of Islamic State detainees handed to Damascus": a handover (its
# "detainees" are no arrest)
_HANDOVER_HEADLINE = re.compile(
    r"(?i)\b(?:prison|jail)s?\b[^.:]{0,60}\b(?:handed|handover|hand-over|transferred)\b"
    r"|\b(?:handover|hand-over|transfer) of (?:the )?(?:[\w-]+ ){0,3}(?:prison|jail)"
    r"|\bremise (?:de la|du) (?:prison|centre de détention)|تسليم سجن"
    # detainees moved from one jail to another: "وصول دفعة جديدة من معتقلي داعش من سوريا",
    # "Iraq receives 300 suspects transferred from Syrian prisons"
    r"|\b(?:detainees|suspects|prisoners|inmates)\b[^.:]{0,40}\btransferred\b"
    r"|\btransfer of (?:[\w-]+ ){0,3}(?:detainees|suspects|prisoners)\b"
    r"|\b(?:transfert|contingent|convoi) de (?:[\w-]+ ){0,2}détenus\b"
    r"|دفعة (?:جديدة )?من (?:معتقلي|المعتقلين|السجناء|سجناء)"
)
# "Hundreds more Iraqis leave al-Hol camp in latest repatriation": families sent home, no
# operation (a raid in the camp is told as one)
_REPATRIATION_HEADLINE = re.compile(
    r"(?i)\b(?:repatriat\w*|returnees|rapatri\w*)\b"
    r"|(?<!\S)(?:إعادة|ترحيل|عودة)\s+(?:\S+\s+){0,2}?(?:عائلات|العائلات|أسر|الأسر|العراقيين)(?!\S)"
)
# "US targets Islamic State finance chiefs in new sanctions", "واشنطن ترصد 10 ملايين دولار
# للإيقاع بزعيم داعش": sanctions and rewards, no one hit
_SANCTIONS_HEADLINE = re.compile(
    r"(?i)\b(?:sanctions|sanctioned|sanctionne\w*|rewards? (?:of|for)|bounty|récompense)\b"
    r"|(?<!\w)(?:عقوبات|مكافأة|مكافاة|للإيقاع|للايقاع)(?!\w)"
)
# "Senate bill keeps money flowing to Syrian prisons holding ISIS fighters", "موازنة 2027":
# a budget or a bill, no operation
_BUDGET_HEADLINE = re.compile(
    r"(?i)\b(?:bill|budgets?|budgétaire|appropriations|spending|lawmakers|senate|senators"
    r"|congress|congressional|projet de loi|sénat|sénateurs|députés)\b"
    r"|مشروع قانون|الكونغرس|مجلس الشيوخ|الميزانية|موازنة|الموازنة"
)
# "Security forces seize captagon haul in raid near Jasim", "Soueïda : un gang spécialisé dans
# les enlèvements démantelé": a raid on drug smugglers or a criminal gang (the group's raid
# told further down is another occurrence)
_CRIME_HEADLINE = re.compile(
    r"(?i)\b(?:captagon|drugs?|narcotics?|hashish|amphetamines?|stupéfiants?|drogues?"
    r"|cocaïne|cocaine|heroin|héroïne|kidnapping (?:gang|ring)s?|gangs?"
    # "Al-Bab : un mort dans le braquage d'un bureau de change"
    r"|robbery|robberies|robbers?|heists?|hold-ups?|braquages?|braqueurs?|cambriolages?)\b"
    r"|كبتاغون|الكبتاغون|مخدرات|المخدرات|حشيش|عصابة|عصابات|سطو مسلح"
)
# "Strike shuts down Syria's largest oil field as workers demand back pay": a labour strike
_LABOUR_HEADLINE = re.compile(
    r"(?i)\b(?:workers|wages|back pay|walkout|walk-out|trade unions?|grève|grévistes"
    r"|salariés)\b|إضراب|الإضراب|العمال"
)
# "Damascus denies social media claims of IS leader's capture", "Ankara dément les
# informations sur la capture du chef de l'EI", "نفت الداخلية أنباء اعتقال...": a report
# denied, no occurrence (a denial of its civilian toll is the occurrence's)
_DENIAL_HEADLINE = re.compile(
    r"(?i)\b(?:denies|deny|denied|dismiss(?:es|ed)?|rejects?|refutes?|debunks?)\b"
    r"(?: [\w'’-]+){0,6}? (?:claims?|reports?|rumou?rs?|allegations?|speculation)\b"
    r"(?![^.:;]{0,60}\b(?:civilian|casualt|victims))"
    r"|\b(?:dément|démentent|démenti|nie|nient|réfute|réfutent|rejette|rejettent)\b"
    r"(?: [\w'’-]+){0,4}? (?:informations|rumeurs?|allégations|affirmations|annonces?)\b"
    r"(?![^.:;]{0,60}\b(?:civil|victimes))"
    r"|(?<!\S)(?:تنفي|ينفي|نفت|نفى|تنفيان|ينفيان|تكذب|يكذب|كذبت|كذب|تدحض)\s+(?:\S+\s+){0,3}?"
    r"(?:أنباء|الأنباء|شائعات|الشائعات|ادعاءات|الادعاءات|تقارير|التقارير|أخبار|الأخبار|صحة|خبر)"
    r"(?!\S*\s+(?:\S+\s+){0,6}\S*مدني)"
)
# "L'EI appelle à venger son chef et menace l'Europe", "IS urges attacks on Christmas
# markets", "داعش يتوعد بالثأر": the group's call or threat, no operation against it (unless
# the headline tells of one: "IS vows revenge after leader killed")
_THREAT_HEADLINE = re.compile(
    rf"(?i)\b(?:{_GROUP}|{_LE_GROUPE})\b[^:.]{{0,25}}?(?:\b(?:calls? (?:on|for)|urges?|vows?"
    r"|appelle|exhorte|promet)\b[^:.]{0,40}?\b(?:aveng\w*|revenge|attacks?|venger|vengeance"
    r"|attaques?|attentats?)\b|\b(?:threatens?|menace)\b)"
    r"|(?:داعش|تنظيم الدولة)»?[^:.]{0,25}?(?:يهدد|يتوعد|(?:يدعو|يحرض|يحث)[^:.]{0,40}?"
    r"(?:الثأر|بالثأر|للثأر|الانتقام|هجمات))"
)
_AGAINST = re.compile(
    r"(?i)\b(?:raid|strike|airstrike|struck|captur|arrest|detain|helicopter|commando|frapp"
    r"|arr[êe]t|interpell|drone)|غار|اعتقال|مداهم|انزال|إنزال"
)
# "Damas affirme avoir déjoué un attentat de l'EI", "إحباط مخطط لداعش"
_FOILED = re.compile(
    r"(?i)\b(?:foil(?:s|ed)?|thwart(?:s|ed)?|avert(?:s|ed)?|déjou\w*)\b"
    r"|إحباط|أحبط|احبط|يحبط|تحبط"
)
_TIMESTAMP = re.compile(r"(?m)^\s*\d{1,2}[:h.]\d{2}\b")
_DATELINE = re.compile(
    r"^\s*[A-ZÀ-Ý][A-ZÀ-Ý' .,-]{2,40}(?:\([^)]{1,40}\))?\s*[-—–:]|^\s*[\w .'-]{2,30}\s*\((?:AFP|"
    r"Reuters|AP|Anadolu|SANA|رويترز|فرانس برس|الأناضول)\)"
)
# headlines that promise a guide to how the group works, not an occurrence: "Who runs the
# Islamic State now? A guide to ...", "Wali, émir, calife : comment s'organise la hiérarchie"
_GUIDE_HEADLINE = re.compile(
    r"(?i)\b(?:a guide to|a primer on|who runs|who leads|who's who|qui dirige|qui sont les"
    r"|comment (?:[\w'’]+ ){0,4}(?:s['’])?(?:organise|fonctionne|choisit)"
    r"|how (?:[\w'’]+ ){0,4}(?:is organi[sz]ed|works|picks|chooses|organi[sz]es))\b"
    r"|من يقود|كيف (?:\S+ ){0,3}(?:يختار|ينظم|يعمل|يدير|[يت]\u064f?دار)"
)
_ANALYSIS_HEADLINE = re.compile(
    r"(?i)(?:^|[:—–-]\s*)(?:what|why|how)\b.*\b(?:tells us|means|matters|next|signals|reveals)"
    r"|(?:^|[:—–-]\s*)(?:why|how)\s|\bwhat(?:'s| is) next\b|\bthe case for\b"
    r"|\blessons? (?:of|from)\b"
    r"|\bsays? about\b|^(?:pourquoi|comment)\s|ce que (?:dit|révèle|signifie)|لماذا|دلالات"
    r"|ماذا (?:يعني|تعني|يقول|تقول|يكشف|تكشف|تغير|بعد)|ما الذي"
    # "بعد مقتل «أبو عائشة».. هل ينتهي خطر داعش في وادي الشاي؟": whether it ends the threat
    # (not "هل قُتل زعيم داعش؟": whether the strike killed him, the news itself)
    r"|(?:^|\.\.\s*|[:—–-]\s*)هل\s(?!(?:ق\u064f?تل|اعت\u064f?قل|أ\u064f?سر|است\u064f?هدف|نجا)"
    r"(?!\S))[^؟]*؟\s*$"
)
# headlines that take a stretch of time or a place's people for their subject, not one
# occurrence: "Bousayra, Chouheil, Thiban : une semaine d'opérations vue par les habitants"
_SPAN_HEADLINE = re.compile(
    r"(?i)\b(?:weeks?|months?|year|semaines?|mois|année|an) (?:of|d['’]|de) (?:raids|strikes"
    r"|operations|arrests|killings|opérations|frappes|arrestations|traque)\b"
    r"|\b(?:through the eyes of|as seen by|vue?s? par|racontée?s? par) (?:the |les |ses |their )?"
    r"(?:residents|locals|villagers|habitants|villageois)\b"
    r"|(?:أسبوع|شهر|أشهر|عام) من (?:المداهمات|الغارات|العمليات|الاعتقالات)"
)
# headlines that tell a life: "From smuggler to target list", "The short career of ..."
_PROFILE_HEADLINE = re.compile(
    r"(?i)^(?:from|de|du)\s.+\s(?:to|à|au)\s|\bthe (?:short |brief )?(?:life|career|rise)"
    r"(?: and (?:death|fall))? of\b|\bthe man (?:who|behind|with no|without)\b"
    # "The man with no face: what we know about Abu Umar" (not "... about Tuesday's strike")
    # "The shadow caliph: what little is known about Abu Hafs al-Qurashi"
    r"|\b(?:what (?:little )?(?:we know|is known) about|ce que l['’]on sait (?:de|d['’]|sur)"
    r"|ما (?:الذي )?نعرفه عن)"
    r"\s*(?:abu|abou|أبو|ابو)\b"
    # ...of anyone: "what little is known about ISIS's new leader"; "un « calife » sans
    # visage", "The faceless caliph: ..." (not "Was this the end of the faceless caliph?", nor
    # "ISIS names a new, faceless leader": a headline that opens on it)
    r"|\bwhat little (?:we know|is known) about\b|\bsans visage\b"
    r"|(?:^|[:|–—]\s*)(?:the |a |another )?faceless\b"
    # "Who was Abu Muadh?", "The quiet logistician: who was ...", "Qui était ...", "من هو ...";
    # not "qui était visé ?", who a strike was aimed at
    r"|(?:^|[:|–—]\s*)(?:who (?:was|is)|qui (?:était|est)|من (?:هو|كان))\s"
    r"(?!(?:visée?|ciblée?|tuée?|targeted|killed|hit|struck|the target)\b)"
    # "Abu Hafs al-Qurashi: the caliph nobody saw", "L'émir que personne ne connaissait"
    r"|(?:^|[:|–—]\s*|^[^,:]{3,60},\s*)(?:the|l['’]|le|la)\s*(?:[\w-]+ ){0,2}"
    r"(?:caliph|calife|emir|émir|leader|chef|chief|commander|commandant|man|homme|ghost"
    r"|fantôme|shadow|spokesman|strategist|financier|logistician|recruiter)s?"
    r" (?:who|whom|whose|nobody|no one|that|qui|que|dont)\b"
    # "Abu Hafs: portrait of the caliph nobody saw", "Portrait d'un émir discret"
    r"|(?:^|[:|–—]\s*)(?:an? |le |un )?(?:portrait|profile|profil)s? (?:of|de|d['’]|du)"
    # "من تاجر مواشٍ إلى «خزينة» داعش: سيرة خالد المشهداني" (from ... to ...; a life story)
    r"|^«?من\s.+\s(?:إلى|الى)\s|(?<!\w)(?:سيرة|السيرة)(?!\w)"
)
_MARK = re.compile(f"[{MARKS}]")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_DAY_MONTH = re.compile(rf"\b(?:{_MONTH} \d{{1,2}}|\d{{1,2}}(?:er)? {_MONTH})\b")
# headlines that argue rather than tell: "Killing caliphs is not a strategy", "Time to..."
_THESIS_HEADLINE = re.compile(
    r"(?i)\b(?:is not|isn't|are not|aren't|won't|will not|cannot|can't|must|should|ought"
    r"|needs? to|time to|stop|enough|the case (?:for|against)|why we|we need)\b"
    r"|\b(?:n'est pas|ne suffit pas|il faut|doit|devrait)\b|لا يكفي|يجب|ليس"
)
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Ww]e|[Oo]ur)\b")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-2][0-9])\b")
# a day written out with its year ("Dans la nuit du 26 au 27 octobre 2019", "October 26, 2019",
# "27 أكتوبر 2019"): in a lead, the year says when the occurrence was
# (looked for only before a year: searched everywhere, the alternatives cost ~0.2 ms a lead)
_DAY_MONTH_BEFORE = re.compile(
    rf"(?i)(?:{_MONTH} \d{{1,2}},? |\d{{1,2}}(?:er)? {_MONTH} |\d{{1,2}} (?:يناير|فبراير|مارس"
    r"|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون الثاني"
    r"|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|اب|أيلول|ايلول|تشرين الأول|تشرين الاول"
    r"|تشرين الثاني|كانون الأول|كانون الاول) )$"
)
_YEAR_OF_A_DAY = re.compile(r"\b(?:19|20)\d\d\b")
DAY_MONTH_CHARS = 30


def _dated_years(text: str) -> list[int]:
    """The years of the days the text writes out in full ("le 27 octobre 2019": 2019)."""
    return [
        int(m.group())
        for m in _YEAR_OF_A_DAY.finditer(text)
        if _DAY_MONTH_BEFORE.search(text, max(0, m.start() - DAY_MONTH_CHARS), m.start())
    ]


@dataclass(frozen=True)
class Evidence:
    """Weighted signals for each kind (REPORT and the commentary kinds), with their reasons."""

    scores: dict[str, float]
    reasons: dict[str, list[str]]

    def add(self, kind: str, weight: float, reason: str) -> None:
        self.scores[kind] = self.scores.get(kind, 0.0) + weight
        self.reasons.setdefault(kind, []).append(reason)


LEAD_SENTENCES = 4
# A piece whose earliest match comes after this share of its words is about something else.
BACKGROUND_FROM = 0.35
# a sentence that tells of another, earlier occurrence than the one it follows
_EARLIER = re.compile(
    r"(?i)\b(?:came|comes) (?:\w+ )?(?:a day|days|hours|a week|weeks) (?:after|before)"
    r"|\b(?:a|one|two|three) days? (?:after|before)|\bseparate (?:operation|raid|strike)"
    r"|\bearlier (?:this|last|in the) (?:week|month)|\blast (?:week|month)"
    r"|\b(?:amid|after|follows?|followed) a series of|\bnot (?:related|linked|connected) to"
    r"|\bau lendemain d|\bla veille d|\bla semaine dernière|\ble mois dernier"
    r"|غداة|بعد يوم من|قبل يوم من|الأسبوع الماضي|الشهر الماضي"
)


def lead_text(body: str) -> str:
    """The lead of a piece: its first sentences, where news copy says what happened."""
    head = body[:3000]  # a long page's lead is at its head
    return " ".join([s for s in sentences(head) if len(s.split()) >= 4][:LEAD_SENTENCES])


def classify(report: Report, result: MatchResult) -> Genre:
    """Report, or the commentary kind the piece is, with the signals that decided it.

    When the rules match only well into the piece (result.first), the piece is about
    something else and mentions the topic in passing.
    """
    ev = Evidence({}, {})
    declared = _declared(report, result, ev)
    _page(report, ev)
    # a headline that tells of a raid or a killing is about it, though the rules meet the
    # group's name only further down (a reportage that names the group late)
    title = report.document.title
    # a headline about an occurrence (the rules may need the text below it to match) is the
    # report's, unless the rules matched only where the text recalls another occurrence
    # ("Iraqi jets strike hideouts ... The operation came a day after the arrest of a governor")
    in_lead = result.first < BACKGROUND_FROM or (
        bool(_EVENT.find(words(title)))
        and not _OTHER_GROUP.search(title)
        and not all(map(_EARLIER.search, result.snippet.split(" … ")))
    )
    # (a letter's headline that is its edition, its summary listing the strike first: the
    # strike is the item it leads with, however long its greeting)
    bulletin = BULLETIN_HEADLINE.search(title)
    lead_item = _lead_item(bulletin.group("items"), report.document.summary) if bulletin else ""
    leads_with_event = bool(lead_item and _EVENT.find(words(lead_item)))
    in_lead = in_lead or leads_with_event
    _text(report, result, ev, in_lead)
    commentary = {k: v for k, v in ev.scores.items() if k != REPORT}
    if "liveblog" in commentary and in_lead and _leads_with_an_event(report):
        # "Middle East live: Daraa raid, Gulf summit preparations": live coverage of the raid
        # it leads with (its /live/ URL and time-stamped entries say how, not what, it tells)
        del commentary["liveblog"]
    report_score = ev.scores.get(REPORT, 0.0)
    if declared is not None:
        return Genre(declared, "; ".join(ev.reasons[declared][:4]))
    labelled = _page_kind(ev)
    if labelled is not None:
        return Genre(labelled, "; ".join(ev.reasons[labelled][:4]))
    doc = report.document
    lead = lead_text(doc.body)  # read once: the group's attack and a denied link look there
    perpetrator = _GROUP_ATTACK.search(title)
    killed_by = _KILLED_BY_GROUP.search(title)
    if killed_by and not _GROUP_NAME.search(title, 0, killed_by.start()):
        perpetrator = perpetrator or killed_by
    if perpetrator is None and _ATTACK_HEADLINE.search(title):
        # "Four soldiers killed in desert ambush": whose ambush, the lead says
        # (as far as its third paragraph: "The Islamic State claimed the attack ...")
        perpetrator = _GROUP_ATTACKS.search(f"{doc.summary} {lead[:400]}")
        # ("Four Syrian soldiers killed in desert ambush blamed on Islamic State")
        perpetrator = perpetrator or _BLAMED_ON.search(title)
        perpetrator = perpetrator or _GROUP_CLAIMED.search(doc.body[:1000])
    # a strike or raid in the headline is on the group, unless the group makes it; an attack
    # foiled is the arrests that foiled it (not a raid the headline opens on as the one it came
    # after: "Days after al-Shuhail raid, IS gunmen kill two SDF fighters")
    own = _own_headline(title)
    if perpetrator and (_AGAINST.search(own) or _FOILED.search(own)):
        perpetrator = None
    perpetrator = _GROUP_RAIDS.search(title) or perpetrator
    if perpetrator:
        # the story is the group's own attack; a strike on it is at most its background
        return Genre("background", f"the headline tells of the group's own attack "
                     f"({perpetrator.group().strip()!r})")  # fmt: skip
    # (a bulletin that leads with an occurrence is about that item: "L'essentiel : coup de
    # filet près d'al-Mayadin, le prix du gaz, la grève des taxis à Alep")
    own = lead_item if leads_with_event else own
    elsewhere = _about_something_else(title, own, f"{title} {doc.summary} {lead}", doc.summary)
    if not elsewhere and not _GROUP_NAME.search(f"{title} {doc.summary}"):
        elsewhere = _named_only_as_left_out(doc.body)
    if elsewhere:
        return Genre("background", elsewhere)
    # when a bulletin's headline names no raid or strike, the topic is one line of it: a
    # bulletin reports the first item its headline lists (a raid first, it reports the raid)
    if bulletin and not leads_with_event:
        # (one that lists an occurrence further on reports it if nothing else has: "موجز
        # المساء: أمطار غزيرة في بغداد.. وضربة جوية في مطيبيجة")
        other = f"a bulletin that leads with other news ({lead_item[:40]!r})"
        return Genre("liveblog", other, unless_new=_lists_an_event(bulletin["items"], doc.summary))
    threat = _THREAT_HEADLINE.search(title)
    if threat and not _EVENT.find(words(title)):
        return Genre("background", f"the headline tells of the group's threat ({threat.group()!r})")
    prison = _PRISON_HEADLINE.search(title)
    if prison and not _AGAINST.search(title):
        return Genre("background", f"the headline tells of a prison riot ({prison.group()!r})")
    if commentary:
        kind = max(commentary, key=lambda k: commentary[k])
        # signs of several kinds add up ("four years on ... what changed?")
        total = commentary[kind] + OTHERS * (sum(commentary.values()) - commentary[kind])
        if commentary[kind] >= THRESHOLD and total >= report_score + MARGIN:
            why = ev.reasons[kind][:4]
            if report_score:
                why.append(f"outweighs the signs of a report ({report_score:.1f})")
            return Genre(kind, f"{kind} {commentary[kind]:.1f}: " + "; ".join(why))
    why = ev.reasons.get(REPORT, [])[:4] or ["no sign of commentary"]
    return Genre(REPORT, "; ".join(why))


# Headlines (or leads) whose story is not an operation against the group, in the order they
# are tried: the sign, whether it is read in the lead too, whether the group named in the
# headline makes it the group's story after all, and what it says
_SOMETHING_ELSE = (
    # "US strike kills Hurras al-Din leader": the lead's mention of the group is a recall
    (_OTHER_GROUP, False, True, "the headline is about another group"),
    (_NO_LINK_IN, True, False, "the men held are said to have no link to the group"),
    (_RIVAL_LOSS, False, True, "the headline tells of the SDF's own loss"),
    (_TRIAL_HEADLINE, False, False, "the headline tells of a trial"),
    (_LABOUR_HEADLINE, False, True, "the headline tells of a labour strike"),
    (_CRIME_HEADLINE, False, True, "the headline tells of drugs, a gang or a robbery"),
    (_HANDOVER_HEADLINE, False, False, "the headline tells of a prison or prisoners handed over"),
    (_SANCTIONS_HEADLINE, False, False, "the headline tells of sanctions or a reward"),
    (_REPATRIATION_HEADLINE, False, False, "the headline tells of families repatriated"),
    (_BUDGET_HEADLINE, False, False, "the headline tells of a budget or a bill"),
    (_DENIAL_HEADLINE, False, False, "the headline tells of a report denied"),
)


def _own_headline(title: str) -> str:
    """The headline after an opening that recalls another occurrence ("Weeks after desert
    strikes on IS, army raid nets captagon ring leader": the raid's)."""
    opening = OPENING_AFTER.match(title)
    return title[opening.end() :] if opening else title


def _about_something_else(title: str, own: str, lead: str, summary: str) -> str | None:
    """Why the piece is about something else than an operation against the group, if it is
    (`own`: the headline after an opening that recalls another occurrence, whose group is
    that one's; `lead`: the headline, summary and lead together)."""
    for sign, in_lead, unless_named, why in _SOMETHING_ELSE:
        found = sign.search(lead if in_lead else own)
        if found and not (unless_named and _GROUP_NAME.search(own)):
            return f"{why} ({found.group()!r})"
    # "Airstrike hits convoy near Abu Kamal" over "... trucks linked to an Iran-aligned Iraqi
    # faction": a headline naming no group leaves it to the summary to say whose men were hit
    if not _GROUP_NAME.search(title) and not _GROUP_NAME.search(summary):
        found = _OTHER_GROUP.search(summary)
        if found:
            return f"the summary is about another group ({found.group()!r})"
        # "Deux combattants ouïghours du Parti islamique du Turkestan tués par un drone": a lead
        # that names another group and never this one (it comes up only in the background)
        found = None if _GROUP_NAME.search(lead) else _OTHER_GROUP.search(lead)
        if found:
            return f"the lead is about another group ({found.group()!r})"
    return None


def _named_only_as_left_out(body: str) -> str | None:
    """Why the piece is about others, when it names the group only to say the statement about
    it left the group out ("The army statement made no mention of Islamic State", of smugglers
    hit)."""
    if _NOT_MENTIONED_IN.search(body) is None:
        return None  # (most texts: one scan)
    # (not "their families deny any link to the group", of men a raid killed: the raid's)
    said = [_NOT_MENTIONED_IN.search(s) for s in iter_sentences(body) if _GROUP_NAME.search(s)]
    first = said[0] if said and all(said) else None
    if first is None:
        return None
    return f"the group is named only as left out of a statement ({first.group()!r})"


def _declared(report: Report, result: MatchResult, ev: Evidence) -> str | None:
    """A commentary kind the page states as its type (schema.org or Open Graph)."""
    found = None
    for raw in report.hints.types:
        key = raw.rsplit("/", 1)[-1].strip().lower()
        kind = _DECLARED.get(key)
        # a live blog of the raid itself reports it; one about something else does not
        # ("Middle East live: Daraa raid, Gulf summit preparations": the raid it leads with,
        # which the rules may find only in the entry)
        if kind == "liveblog" and (
            any("title" in h.fields for h in result.hits) or _leads_with_an_event(report)
        ):
            ev.add(REPORT, 2.0, f"a live blog whose headline is the event ({raw})")
            continue
        if kind is not None:
            ev.add(kind, 10.0, f"the page declares itself {raw}")
            found = found or kind
        elif key in _REPORT_TYPES:
            ev.add(REPORT, 2.0, f"the page declares itself {raw}")
    return found


def _listed(items: str, summary: str) -> list[str]:
    """The items a bulletin lists: its headline's, or, when the headline lists none but the
    edition ("L'essentiel du soir – dimanche 25 octobre"), its summary's ("Frappe irakienne
    dans le wadi Houran, pont rouvert à Raqqa, ...")."""
    listed = BULLETIN_ITEMS.split(items)
    if len(listed) == 1 and summary and not _EVENT.find(words(items)):
        return BULLETIN_ITEMS.split(summary)
    return listed


def _lead_item(items: str, summary: str) -> str:
    """The item a bulletin leads with: the first it lists."""
    return _listed(items, summary)[0]


def _lists_an_event(items: str, summary: str) -> bool:
    """Whether a bulletin lists an occurrence among its items."""
    return any(_EVENT.find(words(item)) for item in _listed(items, summary))


def _leads_with_an_event(report: Report) -> bool:
    """Whether a headline that lists its items after a colon leads with an occurrence ("Syria
    live: drone hits car near Tabqa; Aleppo bread prices rise"), as a bulletin's does."""
    _, colon, items = report.document.title.partition(":")
    return bool(colon and _EVENT.find(words(_lead_item(items, ""))))


# what a page's section, URL or headline label says is decisive for these kinds (a report is
# never filed under /opinion/); a live blog can be the event's own coverage
_DECISIVE = frozenset({"opinion", "analysis", "explainer", "review", "profile"})


def _page_kind(ev: Evidence) -> str | None:
    for kind in _DECISIVE:
        if any(r.startswith(_PAGE_REASONS) for r in ev.reasons.get(kind, ())):
            return kind
    return None


_PAGE_REASONS = ("section ", "URL section ", "headline labelled ", "byline labelled ")


def _page(report: Report, ev: Evidence) -> None:
    hints = report.hints
    if hints.section:
        kind = _SECTION_OF.get(_section_key(hints.section))
        if kind:
            ev.add(kind, 4.0, f"section {hints.section!r}")
    path = urlsplit(hints.url).path.lower() if hints.url else ""
    segments = _SECTION_WORD.findall(path)
    for segment in segments[:-1]:
        kind = _SECTION_OF.get(segment) or _joined_sections(segment)
        if kind:
            ev.add(kind, 4.0, f"URL section /{segment}/")
            break
    else:
        # "/2026/11/08/editorial-new-caliph...": the slug may start with the section
        slug = segments[-1].split("-", 1)[0] if segments else ""
        kind = _SECTION_OF.get(slug) if slug in _SLUG_SECTIONS else None
        if kind:
            ev.add(kind, 4.0, f"URL section /{slug}-.../")
        # ".../who-runs-islamic-state-syria-explainer": or end with the kind
        end = segments[-1].rsplit("-", 1)[-1] if segments else ""
        if end in _SLUG_ENDS and not kind:
            ev.add(_SECTION_OF[end], 4.0, f"URL section /...-{end}/")
    for text, what in ((report.document.title, "headline"), (hints.byline or "", "byline")):
        label = _label(text, byline=what == "byline")
        if label:
            ev.add(label, 4.0, f"{what} labelled {text.split(':')[0][:30]!r}")


_SEPARATORS = (":", "|", "-", "—", "–")


def _label(text: str, *, byline: bool = False) -> str | None:
    """The kind a leading label names ("Décryptage :", "ANALYSIS |"); a byline's label
    needs no colon ("رأي الوطن", "Opinion by ...")."""
    head = " ".join(fold(w) for w in text.strip().split(" "))
    for kind, labels in _LABELS.items():
        for label in labels:
            if not head.startswith(label):
                continue
            rest = head[len(label) :]
            if rest.lstrip()[:1] in _SEPARATORS or (byline and rest[:1] in (" ", "")):
                return kind
    return None


def _text(report: Report, result: MatchResult, ev: Evidence, in_lead: bool) -> None:
    doc = report.document
    body = doc.body or doc.summary
    text = folded(body[: BODY_WORDS * 8])[:BODY_WORDS]
    n = max(len(text), 1)
    # the labels the headline's words carry, each counted (the lead's too when it is about
    # the occurrence): the words looked up once, not once a label
    title_labels = Counter(h.label for h in _TEXT.find(words(doc.title)))

    hits = _TEXT.find(text)
    per = {h: 0 for h in _TEXT_LABELS}
    for h in hits:
        per[h.label] += 1

    # reporting: of the occurrence the rules found, when the lead is about it
    if in_lead:
        lead = " ".join(islice(iter_sentences(body[:2000]), 2))
        lead_labels = Counter(h.label for h in _TEXT.find(words(lead)))
        year = report.published.year if report.published else None
        past = _dated_years(lead)
        if year and past and max(past) < year:
            # "Dans la nuit du 26 au 27 octobre 2019, des hélicoptères...": told again
            ev.add("history", 3.0, f"the lead dates the occurrence in {max(past)}")
            lead_labels["recent"] = 0
        attributions = lead_labels["attribution"]
        if attributions:
            ev.add(REPORT, min(2.0, 1.0 * attributions), f"attributed in the lead ({attributions})")
        recent = lead_labels["recent"] + title_labels["recent"]
        if recent:
            ev.add(REPORT, 1.5, "the lead dates the occurrence")
        if per["attribution"] >= 3:
            ev.add(REPORT, 0.5, f"{per['attribution']} attributions")
        ev.add(REPORT, 1.0, "the rule matched in the headline or lead")
    else:
        ev.add("background", 3.0, f"the topic appears only {result.first:.0%} into a piece "
               "about something else")  # fmt: skip
        ev.add("liveblog", 1.0, "the rule matched only deep in the piece")
    if _DATELINE.match(body):
        ev.add(REPORT, 1.5, "a dateline")

    # commentary, per 300 words so a long report with one "should" stays a report
    scale = 300 / max(n, 150)
    for kind in ("opinion", "analysis", "explainer", "profile", "review", "history"):
        if per[kind]:
            weight = min(_CAPS.get(kind, 4.0), per[kind] * scale * _WEIGHTS[kind])
            ev.add(kind, weight, f"{per[kind]} {kind} words")
    if per["generic"]:
        ev.add("analysis", 1.5 * per["generic"], "generalises ('every time'...)")
    if per["anniversary"]:
        ev.add("anniversary", 2.5 * per["anniversary"], "marks an anniversary")
    years = [int(y) for y in _YEAR.findall(body)]
    old = [y for y in years if y < 2020]
    if len(old) >= 2:
        ev.add("history", min(3.0, 0.75 * len(old)), f"{len(old)} past years named")
    if per["liveblog"] or len(_TIMESTAMP.findall(body)) >= 3:
        ev.add("liveblog", 3.0, "time-stamped live entries")
    questions = sum(1 for s in sentences(body[:6000]) if s.rstrip().endswith(("?", "؟")))
    if questions >= 3:
        ev.add("explainer", min(4.0, questions), f"{questions} questions asked and answered")
    dates = len(_DAY_MONTH.findall(body[:6000]))
    if dates >= 3:
        ev.add("analysis", min(3.0, dates - 1.0), f"{dates} dates: a string of occurrences")
    if doc.title.rstrip().endswith(("?", "؟")):
        ev.add("explainer", 1.5, "a question for a headline")
        ev.add("analysis", 1.0, "a question for a headline")
    if title_labels["explainer"]:
        ev.add("explainer", 2.0, "the headline asks what, who or how")
    headline = _MARK.sub("", doc.title)
    if title_labels["anniversary"]:
        ev.add("anniversary", 3.0, "the headline marks an anniversary")
    if _PROFILE_HEADLINE.search(headline):
        ev.add("profile", 3.0, "the headline tells a life ('the career of', 'from ... to')")
    if _GUIDE_HEADLINE.search(headline):
        ev.add("explainer", 3.0, "the headline promises a guide ('who runs', 'comment ...')")
    if _ANALYSIS_HEADLINE.search(headline):
        ev.add("analysis", 2.5, "the headline promises meaning ('what it tells us', 'why')")
    if _SPAN_HEADLINE.search(headline):
        ev.add("analysis", 2.5, "the headline spans weeks or a place's people, no occurrence")
    if _THESIS_HEADLINE.search(doc.title):
        ev.add("opinion", 2.0, "the headline argues ('is not a strategy', 'must', 'time to')")
    first_person = len(_FIRST_PERSON.findall(body[: BODY_WORDS * 8]))
    if first_person >= 2:
        ev.add("opinion", min(3.0, first_person * 0.75), "written in the first person")


_TEXT_LABELS = (
    "attribution", "recent", "opinion", "analysis", "generic", "explainer", "profile",
    "review", "history", "anniversary", "liveblog",
)  # fmt: skip
_WEIGHTS = {
    "opinion": 1.0,
    "analysis": 0.6,
    "explainer": 0.5,
    "profile": 1.0,
    "review": 0.8,
    "history": 0.8,
}
# a life story (born, grew up, his father) is rarely told in a report: its words weigh more
_CAPS = {"profile": 5.0, "opinion": 5.0}
