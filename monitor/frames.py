"""Event frames: what happened, to whom, where and when, read from one matched report.

A frame is read from the report's *event text*: its headline, its lead (the first sentences,
where news copy says what happened) and the sentence(s) that made a rule match. Background
further down ("Baghdadi was killed in Barisha in 2019") does not make the frame.

- what: succession, killed, captured, targeted or operation, from the verbs of the event text
  and whether they concern a leadership figure (a role word or a named person beside them).
- who: people named with Arabic-name shapes (Abu X, X al-Y, bin, ibn), introduced ("known as",
  "identified as", المدعو) or next to a role word; officials quoted ("said John Smith") are not
  the event's people. Each gets the role nearest to it and a transliteration-folded key.
- where: the most specific place of the event text in the gazetteer (places.py), else an
  unresolved "village of X".
- when: the event's own day from its date words ("on Tuesday", "overnight", "le 12 novembre",
  "فجر الثلاثاء"), resolved against the report's published time.
- terms: content words and entities, compared across outlets' wording (identity.py).

Pure: runs where matching happens (a worker process), from plain data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import dropwhile, islice, pairwise
from typing import TYPE_CHECKING

from monitor.lexicon import Hit, Lexicon, Word, words
from monitor.models import NO_MATCH, Document, Frame, MatchResult, Person, Place, Report
from monitor.names import fold, name_key, same_person
from monitor.places import (
    APART,
    CAPITALS,
    COUNTRY,
    NEAR,
    REFINES_KM,
    REGION,
    SAME,
    TOWN,
    VICINITY_KM,
    VILLAGE,
    WITHIN,
    Gazetteer,
    Mention,
    along,
    distance_km,
    fold_name,
    gazetteer,
    relation,
    skeleton_key,
    unresolved,
)
from monitor.textnorm import (
    BULLETIN_HEADLINE,
    BULLETIN_ITEMS,
    HELD_IN_HEADLINE,
    OPENING_AFTER,
    STRUCK_IN_HEADLINE,
    Caseless,
    Needles,
    caseless_lower,
    iter_sentences,
    sentences,
    strip_marks,
)

LEAD_SENTENCES = 3
PEOPLE_SENTENCES = 4  # the headline and the lead
LEAD_CHARS = 3000  # where the lead's sentences are looked for: the head of a long page
LATE_SENTENCES = 12  # how far down a lead of something else the occurrence is looked for


def _split(text: str) -> list[str]:
    return text.split()


MAX_PEOPLE = 6
# a day given further down, this long before the day the lead's statement was made, is
# another occurrence's
BACKGROUND_DAYS = 3
MAX_TERMS = 80
# Words further apart than this are not about each other (a verb and its role word).
NEAR_WORDS = 12
AIMED_WORDS = 7  # "strike against a senior Islamic State leader": the man a strike was aimed at
# a recall this far into a sentence follows the sentence's own news ("Days after the raid,
# ..." opens on it: what follows is the news)
RECALL_OPENING = 3
SEPARATE_CHARS = 110  # how far after "separate from" the other occurrence's place is named
LOCAL_OFFSET = timedelta(hours=3)  # Syria and Iraq
CONFIRMER_WORDS = 6  # "the US military on Tuesday confirmed the death"
NOT_THERE_CHARS = 100  # "contrary to reports that the raid took place in" Hajin
SAID_BACK = 4  # "officials said on Tuesday", "a annoncé mardi"
SAID_NAME_WORDS = 5  # "told Horizon News Agency on Saturday": the words of a name between
# "On Tuesday,", "Mardi,", "وفي يوم الثلاثاء": a day this near a sentence's start dates all of it
OPENING_DAY = 3
SAID_OPENING = 10  # an Arabic lead: "أكدت مصادر ...، الثلاثاء،"

_WHAT = Lexicon(
    {
        "succession": [
            "successor*", "new leader", "new caliph", "new emir", "new chief", "new head",
            "named a new", "names new", "name new", "naming a new", "pledged allegiance",
            "pledge allegiance", "pledges allegiance", "successeur*", "nouveau chef",
            "nouveau calife", "nouveau dirigeant", "nouvel emir", "nouveau leader",
            "allegeance", "nomme un nouveau", "خليفه جديد", "خليفة جديد", "زعيم جديد",
            "زعيما جديدا", "امير جديد", "خلفا له", "بيعه", "بيعة", "مبايعه", "مبايعة", "خليفته",
            # ("بايع" alone is also "بائع", a seller, once the hamza is folded)
            "بايع ابو", "بايع ابا", "بايع ابي", "بايع خليفه", "بايع خليفة", "بايع الخليفه",
            "بايع الخليفة", "بايع الزعيم", "بايع زعيم", "بايع زعيما", "بايع تنظيم",
            "بايع التنظيم", "بايع للتنظيم", "بايعوا", "بايعت", "بايعته", "بايعه", "يبايع",
            "يبايعون", "تبايع", "مبايعته",
        ],
        # the group itself confirms its leader's death: an announcement, hence a succession
        "succession_confirm": [
            "confirms death", "confirmed the death", "confirms the death", "confirmed his death",
            "acknowledged the death", "acknowledges the death", "concedes", "conceded",
            "announces the death", "announced the death", "announced his death", "mourns",
            "mourned", "eulog*", "its leader", "its chief", "its caliph", "its emir",
            "audio message", "audio recording", "naba", "newsletter", "weekly",
            "confirme la mort", "annonce la mort", "reconnait la mort", "son chef", "son calife",
            "يعلن مقتل", "يؤكد مقتل", "تقر بمقتل", "يقر بمقتل", "زعيمه", "نعى", "ينعى",
            "تسجيل صوتي", "صحيفه النبا", "صحيفة النبأ", "النبا",
        ],
        "succession_weak": [
            "succeed*", "succession", "appointed", "took over", "takes over", "take over",
            "chosen as", "succede*", "designe", "تعيين", "خلف", "خلفا",
        ],
        "killed": [
            "kill*", "dead", "death", "died", "dies", "slain", "eliminat*", "neutraliz*",
            "neutralis*", "blew himself up", "blown himself up", "blows himself up",
            "blew himself", "detonated a suicide", "shot dead", "lost his life", "perished",
            "tue", "tues", "tuee", "tuees", "tuant", "mort", "morts", "decede", "abattu*",
            "elimine*", "neutralise*", "fait exploser", "trouve la mort", "succombe", "مقتل", "قتل",
            "قتلى", "قتلي", "مصرع", "حتفه", "لقي حتفه", "تصفيه", "تصفية", "اغتيال", "فجر نفسه",
            "يقتل", "تقتل", "قتلت", "قتله", "مقتله", "يفجر نفسه",
        ],
        "captured": [
            "captur*", "arrest*", "detain*", "detention", "seized", "apprehend*", "custody",
            "taken prisoner", "nab", "nabs", "nabbed", "caught", "seize", "seizes", "snatch*",
            "nets", "netted", "round up", "rounds up", "rounded up", "arrete*", "arrestation",
            "interpell*", "detenu",
            "fait prisonnier", "capture*", "met la main sur", "mettent la main sur",
            "coup de filet", *HELD_IN_HEADLINE, "اعتقال", "اعتقل", "اعتقلت", "القبض", "قبض",
            "اسر", "احتجاز",
            "توقيف", "اوقف", "اوقفت", "يعتقل", "تعتقل", "يوقف", "توقف", "في قبضة",
            # with the man as object: "الذي اعتقله جهاز مكافحة الإرهاب", "المعتقل في تل علي"
            "اعتقله", "اعتقلته", "اعتقلهم", "اعتقلتهم", "اوقفه", "اوقفته", "معتقل",
            # Iraqi security statements: "يطيح بـ«والي كركوك»" (brings down: arrests)
            "يطيح", "اطاح", "الاطاحه",
        ],
        "targeted": [
            "target*", "aimed at", "attempt on", "survived", "survives", "escaped", "fate",
            "unclear whether", "not known whether", "assessing whether", "assessing the results",
            "whether he was killed", "whether he had been killed", "whether he survived",
            "s il a ete tue", "ما اذا كان", "visait", "visant", "cible*",
            # "des F-16 irakiens visent un chef de l'EI ; son sort reste inconnu" (the rules'
            # own "vise*": vise, visent, visee...)
            "vise*", "visaient", "sort reste inconnu",
            "a survecu", "sort inconnu", "echappe*", "استهداف", "استهدف", "استهدفت", "يستهدف",
            "تستهدف", "نجا",
            "مصير", "مصيره", "wounded", "wounds", "wounding", "injured", "blesse", "blesses",
            "grievement blesse", "اصابه", "إصابة", "اصيب", "أصيب", "بجروح", "جريح", "جرح",
        ],
        "operation": [
            "raid*", "strike*", "struck", "airstrike*", "air strike", "drone", "operation*",
            "airdrop", "sweep", "commando*", "helicopter*", "cell broken up", "dismantl*",
            "demantel*", *STRUCK_IN_HEADLINE, "frappe*", "opération*", "assaut",
            "pound", "pounds", "pounded",
            "غاره", "غارة", "ضربه", "ضربة", "عمليه", "عملية", "مداهمه", "مداهمة", "انزال",
            "انزالا", "هجوم", "دهم", "داهم", "داهمت", "يداهم", "تداهم",
        ],
    }
)  # fmt: skip

_ROLE = Lexicon(
    {
        "leader": [
            "leader*", "chief", "chiefs", "head", "chef", "dirigeant*", "زعيم", "زعيما",
            "قيادي", "قياديا", "قياديين", "قياديي", "قادة", "متزعم", "متزعما", "قيادات",
            # a post told by a verb: "a militant who ran the group's supply network", "suspected
            # of heading IS security in Tal Afar", "l'homme qui dirigeait", «كان يقود خلية»
            "who ran", "who headed", "who led", "who oversaw", "who commanded",
            "suspected of heading", "suspected of leading", "suspected of running",
            "accused of heading", "accused of leading", "accused of running",
            "suspected of having headed", "suspected of having led", "suspected of having run",
            "accused of having headed", "accused of having led", "accused of having run",
            "qui dirigeait", "qui commandait", "avoir dirige", "avoir commande", "ترأس",
            "يترأس", "بترؤس", "كان يقود", "المتهم بقيادة",
        ],
        "caliph": ["caliph*", "calife", "خليفه", "خليفة"],
        "emir": ["emir*", "amir", "أمير", "امير", "اميرا", "اميرة", "أميرة", "اميره"],
        "commander": ["commander*", "commandant*", "قائد", "قائدا"],
        "governor": ["governor", "wali", "gouverneur", "والي", "واليا"],
        "official": [
            "official", "officials", "officer", "responsable*", "cadre", "cadres", "مسؤول",
            "مسؤولا", "مسؤولين",
        ],
        "spokesman": [
            "spokesman", "spokesperson", "porte parole", "متحدث", "المتحدث", "الناطق", "ناطق",
        ],
        "deputy": ["deputy", "second in command", "number two", "adjoint", "numero deux", "نائب"],
        "financier": [
            "financier*", "finance chief", "finance official", "treasurer*", "argentier*",
            "grand argentier", "ممول", "مموّل", "مسؤول مالي", "مسؤولا ماليا", "المسؤول المالي",
            "financial official", "money man", "moneyman", "responsable financier",
            "مسؤول المالية", "مسؤول الماليه", "ممولا", "مموّلا",
        ],
        "media": [
            "media official", "media chief", "head of media", "propaganda chief",
            "head of propaganda", "propaganda official", "responsable de la propagande",
            "chargé de communication", "responsable médiatique", "مسؤول إعلامي",
            "المسؤول الإعلامي", "مسؤولا إعلاميا", "media emir", "chef de la propagande",
            "responsable de la communication", "أمير إعلامي", "الأمير الإعلامي", "أميرا إعلاميا",
        ],
        "operative": [
            "operative", "ideologue", "figure", "member", "planner", "courier", "recruiter",
            "spymaster", "facilitator",
        ],
    }
)  # fmt: skip

# Who carried the operation out. The US and the coalition it leads are one actor here.
_ACTORS = Lexicon(
    {
        "coalition": [
            "american forces", "american troops", "american commandos", "pentagon", "centcom",
            "central command", "delta force", "special operations", "coalition", "us-led",
            "forces americaines", "coalition internationale", "commandos americains",
            # (the French and Arabic adjective, as "US" in "a US raid")
            "raid americain", "raids americains", "frappe americaine", "frappes americaines",
            "armee americaine", "troupes americaines", "forces speciales americaines",
            "drone americain", "commandement central americain",
            "قوة أمريكية", "قوة أميركية", "غارة أمريكية", "غارة أميركية", "إنزال أمريكي",
            "إنزال أميركي", "مروحيات أمريكية", "مروحيات أميركية", "قوات أمريكية",
            "قوات أميركية", "مسيرة أمريكية", "مسيرة أميركية",
            "القوات الامريكيه", "القوات الأمريكية", "القوات الاميركيه", "القوات الأميركية",
            "التحالف الدولي", "التحالف", "سنتكوم", "القيادة المركزية الأمريكية",
            "القياده المركزيه الامريكيه", "طائرات امريكيه", "طائرات أمريكية", "طائرات أميركية",
            "انها امريكيه", "أنها أمريكية", "أنها أميركية", "الطيران الامريكي", "الطيران الأمريكي",
            "الطيران الأميركي",
        ],
        "sdf": [
            "sdf", "syrian democratic forces", "kurdish-led", "kurdish led", "asayish", "fds",
            "forces democratiques syriennes", "قسد", "قوات سوريا الديمقراطيه",
            "قوات سوريا الديمقراطية", "الاسايش", "الأسايش",
        ],
        "iraq": [
            "iraqi forces", "iraqi army", "iraqi military", "iraqi jets", "iraqi troops",
            "iraqi security forces", "iraqi police", "iraqi intelligence", "iraqi f-16*",
            "iraqi air force", "counter-terrorism service", "counter terrorism service",
            "iraqi counter-terrorism", "iraqi counter terrorism", "iraqi commandos",
            "iraqi special forces", "forces antiterroristes irakiennes",
            "service de contre-terrorisme", "service irakien de contre-terrorisme",
            "services de securite irakiens", "forces speciales irakiennes", "police irakienne",
            "commandement des operations conjointes", "cellule de communication securitaire",
            "drone irakien", "frappe irakienne", "frappes irakiennes",
            "iraq's national security service", "iraqi agents", "القوة الجوية العراقية",
            "ضربة جوية عراقية", "غارة عراقية", "خلية الصقور", "falcons intelligence cell",
            "iraqi air strike*", "iraqi airstrike*", "joint operations command",
            "قياده العمليات المشتركه", "قيادة العمليات المشتركة",
            "security media cell", "popular mobilisation", "popular mobilization", "hashd",
            "forces irakiennes", "armee irakienne", "aviation irakienne", "الجيش العراقي",
            "القوات العراقيه", "القوات العراقية", "جهاز مكافحه الارهاب",
            "جهاز مكافحة الإرهاب", "خليه الاعلام الامني",
            "خلية الإعلام الأمني", "الحشد الشعبي", "الطيران العراقي",
            # the services that announce most arrests: "المخابرات العراقية تطيح بـ..."
            "المخابرات العراقيه", "المخابرات العراقية", "جهاز المخابرات العراقي",
            "جهاز الامن الوطني", "الامن الوطني العراقي", "iraqi national security service",
            "renseignement irakien", "renseignements irakiens", "renseignement irakiens",
            "services irakiens",
            "forces de securite irakiennes",
        ],
        "turkey": [
            "turkish forces", "turkish army", "turkish military", "turkish intelligence",
            "turkish drone*", "turkish jets", "turkish troops", "turkish police", "mit",
            "forces turques", "armee turque", "renseignement turc", "renseignements turcs",
            "renseignement turcs",
            "police turque", "police antiterroriste turque", "forces speciales turques",
            "turkish prosecutors", "turkish authorities", "autorites turques", "parquet turc",
            "السلطات التركية",
            "القوات التركيه", "القوات التركية", "الجيش التركي",
            "الاستخبارات التركيه", "الاستخبارات التركية", "المخابرات التركية",
        ],
        "syria": [
            "syrian government", "syrian army", "general security", "syrian security forces",
            "government forces", "syrian interior ministry", "surete generale", "armee syrienne",
            "gouvernement syrien", "forces de securite syriennes", "securite generale",
            "ministere syrien de l'interieur", "ministere de l'interieur syrien",
            "forces speciales syriennes", "syrian special forces", "syria's interior ministry",
            "syrian troops", "syrian forces", "syrian ground troops", "syrian defence ministry",
            "syrian defense ministry", "syria's defence ministry", "syria's defense ministry",
            "syrian authorities", "autorites syriennes", "السلطات السورية",
            "وزارة الدفاع السورية",
            "الامن العام", "الأمن العام", "الجيش السوري",
            "وزارة الداخلية السورية", "القوات الحكومية",
        ],
        "russia": ["russian", "russia's", "russe", "russes", "الروسي", "الروسيه", "الروسية"],
        # (not the bare adjective: "near the Jordanian border" says where, not who)
        "jordan": [
            "jordanian army", "jordanian forces", "jordanian military", "jordanian jets",
            "jordanian warplanes", "jordanian air force", "jordanian aircraft",
            "jordanian strike*", "jordanian airstrike*", "jordanian air strike*",
            "jordanian drone*", "jordanian intelligence", "jordanian authorities",
            "jordanian security", "jordanian police", "police jordanienne", "jordan's army",
            "jordan's military", "armee jordanienne",
            "forces jordaniennes", "aviation jordanienne", "frappe jordanienne",
            "frappes jordaniennes", "autorites jordaniennes", "renseignement jordanien",
            "renseignement jordaniens", "renseignements jordaniens",
            "الجيش الاردني", "الجيش الأردني", "الطيران الاردني", "الطيران الأردني",
            "القوات الاردنيه", "القوات الأردنية", "السلاح الجو الاردني", "سلاح الجو الأردني",
            "المخابرات الاردنيه", "المخابرات الأردنية", "السلطات الاردنيه", "السلطات الأردنية",
            "الامن الاردني", "الأمن الأردني", "غاره اردنيه", "غارة أردنية", "غارات أردنية",
        ],
        "lebanon": ["lebanese army", "armee libanaise", "الجيش اللبناني"],
        # the states that arrest men who held posts in the group: the country itself ("Germany
        # arrests", «ألمانيا تعتقل») and its services. (France and Britain by their services
        # only: "Agence France-Presse", "the Britain-based Observatory" are no actors.)
        "germany": [
            "germany", "allemagne", "ألمانيا", "المانيا", "german police", "german prosecutors",
            "german authorities", "police allemande", "autorites allemandes",
            "parquet federal allemand", "الشرطة الألمانية", "السلطات الألمانية",
        ],
        "netherlands": [
            "netherlands", "pays-bas", "هولندا", "dutch police", "dutch prosecutors",
            "dutch authorities", "police neerlandaise", "autorites neerlandaises",
            "الشرطة الهولندية", "السلطات الهولندية",
        ],
        "belgium": [
            "belgium", "belgique", "بلجيكا", "belgian police", "belgian prosecutors",
            "belgian authorities", "police belge", "parquet federal belge", "autorites belges",
            "الشرطة البلجيكية", "السلطات البلجيكية",
        ],
        "austria": [
            "austria", "autriche", "النمسا", "austrian police", "austrian authorities",
            "police autrichienne", "autorites autrichiennes", "الشرطة النمساوية",
            "السلطات النمساوية",
        ],
        "sweden": [
            "sweden", "suede", "السويد", "swedish police", "swedish prosecutors",
            "swedish authorities", "police suedoise", "الشرطة السويدية", "السلطات السويدية",
        ],
        "denmark": [
            "denmark", "danemark", "الدنمارك", "danish police", "police danoise",
            "الشرطة الدنماركية",
        ],
        "norway": ["norway", "norvege", "النرويج", "norwegian police", "police norvegienne"],
        "switzerland": ["switzerland", "suisse", "سويسرا", "swiss police", "police suisse"],
        "spain": ["spain", "espagne", "إسبانيا", "spanish police", "police espagnole"],
        "italy": ["italy", "italie", "إيطاليا", "italian police", "police italienne"],
        "greece": ["greece", "grece", "اليونان", "greek police", "police grecque"],
        "finland": ["finland", "finlande", "فنلندا", "finnish police"],
        "france": [
            "dgsi", "pnat", "parquet national antiterroriste", "police francaise",
            "french police", "french prosecutors", "french authorities",
            "french counter-terrorism police", "french domestic intelligence",
            "autorites francaises", "الشرطة الفرنسية", "السلطات الفرنسية",
        ],
        "britain": [
            "british police", "scotland yard", "metropolitan police", "counter terrorism policing",
            "british authorities", "police britannique", "الشرطة البريطانية",
            "السلطات البريطانية",
        ],
    }
)  # fmt: skip
# How: from the air, or on the ground (a raid, a landing, an arrest).
_MEANS = Lexicon(
    {
        "air": [
            "airstrike*", "air strike*", "drone*", "jets", "warplane*", "aircraft", "f-16*",
            "bombing", "bombed", "air raid", "frappe aerienne", "frappes aeriennes", "drone",
            "avion*", "غاره جويه", "غارة جوية", "طائره مسيره", "طائرة مسيرة", "مسيره", "مسيّرة",
            "الطيران", "غارات", "ضربه جويه", "ضربة جوية", "ضربات جويه", "ضربات جوية",
            "قصف جوي", "مقاتلات", "طائرات حربيه", "طائرات حربية",
        ],
        "ground": [
            "raid*", "commando*", "stormed", "storm", "landing", "airdrop", "air drop",
            "heliborne", "helicopter-borne", "helicopter borne", "ground operation", "assault",
            "landed",
            # (not "detain*": "efforts to free Islamic State detainees", of an airstrike)
            "arrest*", "detain", "detains", "detained", "detaining", "captur*", "sweep", "swept",
            "checkpoint", "raid heliporte",
            "ratissage*", "تمشيط",
            "operation heliportee", "interpell*", "arrete*", "مداهمه", "مداهمة", "انزال",
            "إنزال", "اقتحام", "اعتقال", "اعتقل", "القبض", "حمله امنيه", "حملة أمنية",
        ],
    }
)  # fmt: skip

_DATES = Lexicon(
    {
        "today": [
            "today", "this morning", "tonight", "aujourd hui", "ce matin", "اليوم", "صباح اليوم",
            "فجر اليوم",
        ],
        "overnight": [
            "overnight", "last night", "dans la nuit", "cette nuit", "la nuit derniere",
            "الليله الماضيه", "الليلة الماضية", "ليل", "فجر",
        ],
        "yesterday": ["yesterday", "hier", "امس", "أمس"],
        "twodaysago": [
            "two days ago", "2 days ago", "the day before yesterday", "il y a deux jours",
            "il y a 2 jours", "avant hier", "قبل يومين", "منذ يومين", "اول امس", "أول أمس",
        ],
        "threedaysago": [
            "three days ago", "3 days ago", "il y a trois jours", "il y a 3 jours",
            "قبل ثلاثة ايام", "قبل ثلاثة أيام", "قبل ثلاثه ايام", "منذ ثلاثة أيام",
            "منذ ثلاثة ايام", "منذ ثلاثه ايام",
        ],
        "lastweek": ["last week", "la semaine derniere", "الاسبوع الماضي", "الأسبوع الماضي"],
        "latelastweek": [
            "late last week", "at the end of last week", "fin de la semaine derniere",
            "a la fin de la semaine derniere", "اواخر الاسبوع الماضي", "أواخر الأسبوع الماضي",
            "نهاية الاسبوع الماضي", "نهاية الأسبوع الماضي",
        ],
        # a day somewhere before the statement: the occurrence's own day is unknown
        "someday": [
            "earlier this week", "earlier in the week", "this week", "plus tot cette semaine",
            "en debut de semaine", "cette semaine", "مطلع الأسبوع", "مطلع الاسبوع",
            "هذا الأسبوع", "هذا الاسبوع", "خلال الأيام الماضية", "في الأيام الأخيرة",
        ],
        "weekend": [
            "at the weekend", "over the weekend", "this weekend", "last weekend", "ce week-end",
            "le week-end dernier", "نهاية الأسبوع", "عطلة نهاية الأسبوع",
        ],
        "mon": ["monday", "lundi", "الاثنين", "الإثنين"],
        "tue": ["tuesday", "mardi", "الثلاثاء"],
        "wed": ["wednesday", "mercredi", "الاربعاء", "الأربعاء"],
        "thu": ["thursday", "jeudi", "الخميس"],
        "fri": ["friday", "vendredi", "الجمعه", "الجمعة"],
        "sat": ["saturday", "samedi", "السبت"],
        "sun": ["sunday", "dimanche", "الاحد", "الأحد"],
    }
)  # fmt: skip
# The time of day: outlets reporting one raid agree it came at night or by day; two
# operations in one province on one day often do not
_DAYPART = Lexicon(
    {
        "night": [
            "overnight", "last night", "night", "nighttime", "before dawn", "pre-dawn",
            "predawn", "dawn", "early hours", "dans la nuit", "nuit", "nocturne", "aube",
            "petit matin", "ليل", "ليلا", "ليلة", "الليل", "فجر", "فجرا",
            "منتصف الليل", "ساعات الفجر", "late on", "late monday", "late tuesday",
            "late wednesday", "late thursday", "late friday", "late saturday", "late sunday",
            "tard dans la nuit", "before sunrise", "avant le lever du soleil",
            "قبل شروق الشمس", "قبيل شروق الشمس",
        ],
        "day": [
            "afternoon", "midday", "noon", "daylight", "broad daylight", "apres-midi",
            "apres midi", "mi-journee", "en plein jour", "ظهر", "ظهرا", "الظهر", "عصر", "عصرا",
            "ظهيرة", "وضح النهار", "daytime", "mid-morning", "late morning", "during the day",
            "en pleine journee", "نهارا", "نهاراً",
        ],
    }
)  # fmt: skip
# What was hit: a vehicle on a road, or a building (a house, a farm, a hideout)
_TARGET = Lexicon(
    {
        "vehicle": [
            "car", "cars", "vehicle*", "motorcycle*", "motorbike*", "truck*", "pickup*", "van",
            "convoy", "voiture*", "vehicule*", "moto", "motos", "camion*", "سيارة", "سياره",
            "سيارات", "دراجة نارية", "دراجه ناريه", "دراجة", "شاحنة", "آلية", "عربة",
        ],
        "building": [
            "house", "home", "homes", "houses", "farm*", "farmhouse*", "hideout*",
            "apartment*", "flat", "compound", "building", "maison*", "domicile", "ferme*",
            "appartement*", "cache", "repaire", "batiment", "منزل", "منزلا", "بيت", "مزرعة",
            "شقة", "مقر", "مخبأ", "وكر",
        ],
    }
)  # fmt: skip
# How many were killed or detained: outlets of one report most often give the same count
# ("four ISIS members detained", "اعتقال أربعة شبان"); two look-alike operations seldom do
# (dev: 236 pairs of one event's reports agree, 1 pair of distinct events). A count differing
# says little: early counts are often wrong. "one", "un" are articles as often as counts.
_COUNT = Lexicon(
    {
        "2": ["two", "deux", "2", "اثنين", "اثنان", "شخصين", "عنصرين", "شابين", "شقيقين",
              "مسلحين اثنين", "قياديين اثنين"],
        "3": ["three", "trois", "3", "ثلاثة", "ثلاث"],
        "4": ["four", "quatre", "4", "أربعة", "اربعة", "أربع", "اربع"],
        "5": ["five", "cinq", "5", "خمسة", "خمس"],
        "6": ["six", "6", "ستة", "ست"],
        "7": ["seven", "sept", "7", "سبعة", "سبع"],
        "8": ["eight", "huit", "8", "ثمانية", "ثماني"],
        "9": ["nine", "neuf", "9", "تسعة", "تسع"],
        "10": ["ten", "dix", "10", "عشرة"],
        "11": ["eleven", "onze", "11"],
        "12": ["twelve", "douze", "12"],
    }
)  # fmt: skip
# the men a count is of: "five suspected Islamic State members", "six jihadistes présumés"
_HEADCOUNT = Lexicon(
    {
        "people": [
            "member*", "militant*", "suspect*", "men", "people", "person*", "fighter*",
            "jihadist*", "djihadist*", "operative*", "commander*", "leader*", "brother*",
            "insurgent*", "extremist*", "gunmen", "terrorist*", "alleged", "membre*", "homme*",
            "personne*", "combattant*", "frere*", "individu*", "cadre*", "chef*", "presume*",
            "islamiste*", "شخصين", "عنصرين", "شابين", "شقيقين", "عناصر", "عنصرا", "عنصراً",
            "أشخاص", "اشخاص", "شبان", "مشتبه", "مشتبهين", "متهمين", "مسلحين", "قيادات",
            "قياديين", "إرهابيين", "ارهابيين", "دواعش", "من عناصر", "من قيادات", "اخوة", "إخوة",
        ],
    }
)  # fmt: skip
# All of the above in one lexicon: a sentence is looked up once, its hits sorted by kind.
_LEXICONS = {
    "what": _WHAT, "role": _ROLE, "actor": _ACTORS, "means": _MEANS, "date": _DATES,
    "daypart": _DAYPART, "target": _TARGET, "count": _COUNT, "headcount": _HEADCOUNT,
}  # fmt: skip
_FRAME = Lexicon(
    {
        f"{kind}:{label}": phrases
        for kind, lexicon in _LEXICONS.items()
        for label, phrases in lexicon.entries.items()
    }
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين_الاول تشرين_الثاني كانون_الاول",
    "jan feb mar apr may jun jul aug sep oct nov dec",
)
_MONTHS = {m: i + 1 for names in _MONTH_NAMES for i, m in enumerate(_split(names))}
_MONTHS["sept"] = 9
# the first words of months named in two ("كانون الثاني")
_MONTH_FIRSTS = frozenset(m.partition("_")[0] for m in _MONTHS if "_" in m)
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er)?$")

_STOPWORDS = frozenset(
    _split(
        """
        a an the and or but of in on at to for from by with without into onto over under about
        after before during since until while as than that this these those there here it its
        is are was were be been being has have had do does did not no nor so such can could may
        might will would shall should must also just only very more most other some any each
        which who whom whose what when where why how all both few many much one two three four
        five six seven eight nine ten said says say told tells according he him his she her they
        them their we us our you your i me my mr mrs ms new last first year years day days week
        le la les un une des du de d l et ou mais dans sur sous par pour avec sans en au aux ce
        cette ces il elle ils elles on nous vous se sa son ses leur leurs qui que quoi dont ou
        est sont etait ete etre a ont avait selon plus moins tres aussi comme lors apres avant
        ف في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين ان أن إن كان كانت قد لقد
        وقال قال قالت وقالت حيث بعد قبل خلال عند او أو ثم كما لا لم لن ما هو هي هم
        """
    )
)
# Capitalised words that start no person's name in news copy.
_NOT_NAMES = frozenset(
    _split(
        """
        the a an in on at of and but this that islamic state states us u.s american americans
        pentagon syrian syrians iraqi iraqis kurdish kurds turkish turks russian russians french
        british israeli iranian lebanese jordanian arab arabic central command coalition monday
        tuesday wednesday thursday friday saturday sunday january february march april may june
        july august september october november december reuters afp ap associated press sdf
        democratic forces observatory president minister ministry defense defence interior army
        police military government officials official spokesman he she it they we i his her
        their its isis isil daesh is group hts hayat tahrir sham qaeda al-qaeda hezbollah
        taliban ypg pkk un united nations europe european washington damascus baghdad ankara
        moscow white house department cia fbi mit new le la les l un une des selon lundi mardi
        mercredi jeudi vendredi samedi dimanche etat islamique syrie irak turquie god allah ei
        prophet muslim muslims sunni shia shiite christian after before when while although
        however meanwhile residents witnesses sources analysts experts observers jabal jebel
        bab wadi tal tell ras ain deir kafr camp province village town district
        pres apres avant dans vers chez sous sur pour contre entre depuis malgre avec sans
        near outside inside
        hashd hachd jaish jaysh liwa kataib saraya harakat
        wilayat wilaya wilayah
        """
    )
)
_KUNYA = frozenset(_split("abu abou abo abi umm oum um"))
_MOTHER = frozenset(_split("umm oum um om"))
_CONNECTORS = frozenset(_split("bin ibn ben bint abu abou al el ad ash"))
_INTRODUCERS = (
    "known as", "named", "identified as", "called", "alias", "nom de guerre", "dubbed",
    "surnamed", "going by", "connu sous le nom de", "surnomme", "dit", "nomme", "identifie comme",
)  # fmt: skip
_QUOTERS = frozenset(
    _split("said says told tells added spokesman spokeswoman declared declare affirme selon")
)
_ARABIC_INTRODUCERS = frozenset(_split("المدعو الملقب المكنى يدعى المعروف باسم"))


def _introduces(raw: str) -> bool:
    """Whether a word says a name follows: "المدعو", and "ويُدعى" with its "and" and vowels."""
    if raw in _ARABIC_INTRODUCERS:
        return True
    bare = strip_marks(raw)
    return bare in _ARABIC_INTRODUCERS or (bare[:1] == "و" and bare[1:] in _ARABIC_INTRODUCERS)


_NAME_WORDS = frozenset(_split("باسم بلقب بكنية بلقبه بكنيته"))
_ARABIC_TITLES = frozenset(_split("والي أمير امير قائد مسؤول زعيم"))
# (no "أم": most often "or", else a village, "أم حجيرة", "أم قصر"; the leaders are men)
_ARABIC_KUNYA = frozenset(_split("ابو أبو ابي أبي ابا أبا"))
_ARABIC_STOP = frozenset(
    _split(
        """
        في من على الى إلى عن مع الذي التي الذين بعد قبل خلال عند او أو ثم كما و قال قالت وقال
        وقالت حيث انه أنه ان أن إن كان كانت قد لقد اليوم امس أمس فجر ليل صباح مساء يوم تنظيم
        داعش الدولة الاسلامية الإسلامية قوات التحالف الجيش الامريكية الأمريكية داخل التنظيم
        بين الريف ريف بـ ب هو هي
        قريبة قريبه مجاورة مجاوره صغيرة صغيره نائية نائيه حدودية حدوديه واقعة واقعه
        """
    )
)
_CAPITAL = re.compile(r"[A-Z]")
# what every accepted name has near it: a kunya, an article or "son of", or an introducer
_NAME_HINT = re.compile(
    r"(?i)\b(?:abu|abou|abo|abi|umm|oum|um|bin|ibn|ben|bint)\b|\b(?:al|el|ad|as|ash|at|an|ar|az"
    r"|ez)[-‐‑–]|known as|named|identified|called|alias|guerre|dubbed|surnamed|going by"
    r"|connu sous|surnomm|\bdit\b|nomm|identifi"
)
# every match holds one of these, or a particle's end and a hyphen
_NAME_HINT_START = Caseless(
    _NAME_HINT,
    (
        "ab", "um", "bin", "ibn", "ben", "known as", "named", "identifi", "called", "alias",
        "guerre", "dubbed", "going by", "connu sous", "surnomm", "dit", "nomm",
    ),
    re.compile("[ldshtnrz][-‐‑–]"),
)  # fmt: skip
# (an apostrophe inside a word only: "Ma'dan", "d'Abou"; quotes around a name are none of it,
# "money man 'Abu Khattab al-Ansari'")
_NAME_TOKEN = re.compile(r"[\wʿ.-]+(?:['’][\wʿ.-]+)*")
_ELIDED = re.compile(r"^(?:d|l|qu)['’](?=[A-Z])")
_LATIN_NAME = re.compile(
    r"(?:(?:al|el|ad|as|ash|at|an|ar|az|ez)[-‐‑–])?[A-Z][\w'’ʿ]*(?:[-‐‑–][A-Z][\w'’ʿ]*)*"
)


# "coalition troops hit IS hideout in Hasakah", "security forces foil IS bomb plot in Manbij":
# an occurrence told, after an opening
_HIT_VERB = re.compile(
    r"\b(?:hit|hits|struck) (?!by\b|back\b|out\b)|\b(?:foil|thwart)(?:s|ed)? |\bdéjou(?:e|ent|é) "
)


if TYPE_CHECKING:
    from functools import cached_property as _once
else:

    class _once:
        """functools.cached_property without its lock (3.11 takes one on every first read): a
        sentence is read by one thread, and a frame makes thousands of first reads a second."""

        def __init__(self, func):
            self.func = func
            self.name = func.__name__

        def __get__(self, obj, owner=None):
            if obj is None:
                return self
            value = obj.__dict__[self.name] = self.func(obj)
            return value


# words after which «توقف» is a noun, a stoppage ("بعد توقف محطة علوك عن الضخ"), not the
# present tense of "to arrest" ("الجيش اللبناني توقف أمير خلية")
_STOPPAGE_AFTER = frozenset(
    {"بعد", "مع", "من", "الى", "إلى", "عن", "رغم", "بسبب", "منذ", "قبل", "حتى", "استمرار",
     "تعلن", "يعلن", "اعلنت", "أعلنت"}
)  # fmt: skip


def _misread(words: list[Word], hit: Hit) -> bool:
    """Whether a hit of what happened is another word spelled alike: French "s'abattre" (to
    fall upon: "des pluies se sont abattues", "un drone s'est abattu"), not "abattre" (to
    shoot a man down); «توقف» a stoppage, not an arrest."""
    if not hit.start:
        return False
    before = words[hit.start - 1].raw
    if hit.label == "captured":
        return words[hit.start].raw == "توقف" and before in _STOPPAGE_AFTER
    if hit.label != "killed" or not words[hit.start].form.startswith("abatt"):
        return False
    before = before.lower()
    if before.startswith(("s'", "s’")):
        return True  # "s'est abattue", "s'étaient abattus"
    # "se sont abattues" (not "ils sont abattus")
    return (
        before in ("sont", "seront", "étaient", "etaient")
        and hit.start >= 2
        and words[hit.start - 2].raw.lower() == "se"
    )


@dataclass(frozen=True, eq=False)
class _Sentence:
    text: str
    words: list[Word]
    weight: float  # the headline and first sentence weigh most
    aside: bool = False  # it tells another occurrence than the lead's (see _set_aside)
    # the headline and lead tell no occurrence (a feature's scene-setting opening), so "earlier
    # this week" dates the article's own (see _set_aside)
    own_week: bool = False
    # a follow-up's: the occurrence it recalls is its own ("named the man it arrested last week
    # near Damascus"), so no cue sets the sentence aside (see read_frame)
    own_past: bool = False
    # a scene-led report's own lead: its first sentence to tell the occurrence, and the next
    # ones (see _set_aside)
    late_lead: bool = False

    @_once
    def hits(self) -> dict[str, list[Hit]]:
        """The frame lexicons' hits in the sentence, by lexicon ("what", "role"...)."""
        out: dict[str, list[Hit]] = {kind: [] for kind in _LEXICONS}
        new = tuple.__new__  # the named tuple built in C
        for hit in _FRAME.find(self.words):
            kind, _, label = hit.label.partition(":")
            out[kind].append(new(Hit, (label, hit.start, hit.end)))
        if out["what"] and (out["date"] or out["daypart"]):
            # «فجّر نفسه» (blew himself up) spells «فجر» (dawn) but for its vowel marks: no
            # time word inside a phrase of what happened
            told = {i for h in out["what"] if h.end - h.start > 1 for i in range(h.start, h.end)}
            for kind in ("date", "daypart"):
                out[kind] = [h for h in out[kind] if h.start not in told]
        if out["what"]:
            out["what"] = [h for h in out["what"] if not _misread(self.words, h)]
        return out

    @_once
    def asks(self) -> bool:
        """Whether it is a question ("Was the ISIS leader killed?", "هل قتل زعيم داعش؟")."""
        return self.text.rstrip(" »\"'’”").endswith(("?", "؟"))

    @_once
    def lowered(self) -> str | None:
        """The text lower-cased, as case-insensitive patterns read it (see caseless_lower)."""
        return caseless_lower(self.text)

    @_once
    def names(self) -> list[tuple[str, int]]:
        """The people's names in the sentence, with their offsets."""
        arabic = _arabic_names(self.words) if _ARABIC_SCRIPT.search(self.text) else []
        # (a witness who speaks is no man of the event: _latin_names leaves out "said Abu
        # Mahmoud, a farmer"; "يقول أبو محمد، وهو نازح" is left out here)
        arabic = [(n, at) for n, at in arabic if not _witness_said(self.text, n, at)]
        return _latin_names(self.text, self.lowered) + arabic

    @_once
    def men_named(self) -> bool:
        """Whether a name the sentence gives is no place's ("près d'Abou Hamam": a town)."""
        return any(not _names_place(self, name, at, gazetteer()) for name, at in self.names)

    @_once
    def recalls(self) -> bool:
        """Whether it recalls another occurrence ("the latest in a series", "days after")."""
        return self._recall is not None

    @_once
    def _recall(self) -> int | None:
        if self.aside:
            return 0
        if self.own_past:
            return None
        if self.before:
            return 0  # anchored: the whole sentence tells the earlier occurrence
        at = _PAST_START.start_lowered(self.text, self.lowered)
        if at is not None and self.own_week and not _PAST.search(_THIS_WEEK.sub(" ", self.text)):
            return None  # "Plus tôt cette semaine, des forces spéciales ont mené un raid"
        return at

    @_once
    def before(self) -> bool:
        """Whether the whole sentence, in the pluperfect, tells an earlier occurrence ("Il
        avait survécu à un bombardement le 7 novembre")."""
        if _PLUPERFECT_START.start_lowered(self.text, self.lowered) is None:
            return False
        # ("Sept semaines après la frappe qui avait tué un financier, Sarmada a de nouveau été
        # visée mardi": the pluperfect is the opening's, the sentence tells its own)
        return self.recall_to == 0

    @_once
    def recall_to(self) -> int:
        """The word up to which an opening recalls another occurrence before the sentence
        tells its own ("Seven weeks after a strike killed a financier, Sarmada was hit
        again"); else 0."""
        opening = self._opening
        if (
            opening is None
            # ("Deux jours après l'arrestation d'un financier, un nouveau coup de filet": a
            # recent arrest may be all the sweep is known for)
            or not _LONG_BEFORE.search(opening.group())
            or not self.tells_outside(0, opening.end())
        ):
            return 0
        return next((k for k, w in enumerate(self.words) if w.start >= opening.end()), 0)

    @_once
    def _opening(self) -> re.Match[str] | None:
        # (read by recall_to and opening_recall: matched once)
        return OPENING_AFTER.match(self.text)

    @_once
    def opening_recall(self) -> int:
        """Where an opening that recalls another occurrence ends, when the sentence goes on to
        tell its own ("Hours after Tell Brak raid, Kurdish police round up a cell in
        Markada"); else 0."""
        opening = self._opening
        if opening is None:
            return 0
        end = opening.end()
        # (the opening may name no occurrence word: "On the heels of Shaddadi standoff, ...";
        # troops that "hit" a hideout or "foil" a plot tell one: verbs the lexicon leaves out)
        return end if self.tells_outside(0, end) or _HIT_VERB.search(self.text, end) else 0

    @_once
    def recall_from(self) -> int:
        """The word from which the sentence recalls another occurrence, when it first tells its
        own ("detained five on Wednesday, a day after a raid killed a commander"); else past
        its end."""
        at = self._recall
        if at is None:
            return len(self.words)
        cut = next((k for k, w in enumerate(self.words) if w.start >= at), len(self.words))
        if cut <= RECALL_OPENING:
            return len(self.words)
        # "Le ministère a salué mercredi une coopération, au lendemain d'une opération": a
        # sentence that tells no occurrence of its own before the recall reacts to it
        return cut if self.tells_outside(at, len(self.text)) else len(self.words)

    @_once
    def tells_then_recalls(self) -> bool:
        """Whether, in a scene-led report's own lead, it tells its occurrence before it recalls
        anything: "one of the dead was Abu Ubaida al-Iraqi, who had lived there for months"."""
        if not self.late_lead or _YEAR.search(self.text):
            return False  # ("fait écho à Abou Omar al-Baghdadi, tué en 2010": the past)
        # (a recall that opens the sentence is all of it: "Le même jour, ... l'arrestation")
        cut = self.recall_from
        return cut < len(self.words) and any(
            h.start < cut for h in self.hits["what"] if h.label in _TOLD
        )

    def tells_outside(self, start: int, end: int) -> bool:
        """Whether the sentence names an occurrence ("killed", "raid", "اعتقال"...) outside
        text[start:end]."""
        words = self.words
        return any(not start <= words[h.start].start < end for h in self.hits["what"])


def extract_frame(
    report: Report,
    result: MatchResult,
    *,
    rule_what: Mapping[str, str] | None = None,
    places: Gazetteer | None = None,
) -> Frame:
    """The frame of one matched report."""
    return read_frame(report, result, rule_what=rule_what, places=places)[0]


def read_frame(
    report: Report,
    result: MatchResult,
    *,
    rule_what: Mapping[str, str] | None = None,
    places: Gazetteer | None = None,
) -> tuple[Frame, str | None]:
    """The frame of one matched report, and the language it was read in (detected once here;
    the pipeline files the report's event under it)."""
    places = places or gazetteer()
    doc = report.document
    newest = _newest_of_the_week(doc, report.published)
    if newest is not None:
        # a week's review recalls what was reported at the time; it reports what is new
        doc, result = newest, replace(result, snippet="")
    event = _set_aside(
        _event_text(doc.title, doc.summary, doc.body, result.snippet, places, report.published),
        report.published,
    )
    what = _what(event, result, rule_what or {})
    # the feed's description, as read for what happened (only when it may change it)
    standfirst_said = (
        [_Sentence(s, words(s), 2.0) for s in sentences(doc.summary)]
        if doc.body and doc.summary and what in ("killed", "operation")
        else []
    )
    if (
        what == "operation"
        and standfirst_said
        and not any(h.label in _TOLD for s in event[:2] for h in s.hits["what"])
        and not _DENIES.search(doc.summary)
    ):
        # "Strike on a house at the edge of al-Dana: residents speak", a headline and lead
        # that tell no outcome: the standfirst may say whom it befell ("killed a man they
        # knew as the local emir", "amid reports the group's leader was targeted"), unless it
        # says what did not happen ("sans faire état de la mort d'un responsable")
        told = _what(standfirst_said, NO_MATCH, {})
        # (a rank it gives: a name _what counts may be a place, "al-Hajar al-Aswad")
        ranked = any(not _speaks(s.words, r) for s in standfirst_said for r in s.hits["role"])
        what = told if told in _TOLD and ranked else what
    fate_unknown = what in ("killed", "operation") and any(
        _FATE_UNKNOWN_START.start_lowered(s.text, s.lowered) is not None
        for s in [*event[:4], *standfirst_said]
    )
    if fate_unknown or (
        what in ("killed", "captured", "operation") and any(_survived(s) for s in event[:2])
    ):
        # "Iraqi jets hit hideout of IS commander; fate unclear"; "une frappe de drone contre
        # un responsable... Son sort restait incertain"; "commander escapes drone strike",
        # "commander slips away as forces storm hideout" (a raid to capture him): a man was
        # the target
        what = "targeted"
    year = report.published.year if report.published else None
    when = _when(event, report.published, announcement=what == "succession")
    taken = (when, report.published) if when is not None and report.published else None
    who = _people(event, places, year, taken, what)
    where, part, near = _place(event, places)
    first = next((s for s in event[: 1 + LEAD_SENTENCES] if _FIRST_OPERATION.search(s.text)), None)
    if first is not None:
        # "two operations ... the first took place in the al-Mishlab district of Raqqa city":
        # a statement of several occurrences is filed under the first it tells
        found = _place([first], places)
        if found[0] is not None and found[0].level >= TOWN:
            where, part, near = found
    # the feed's description, read only when the body's lead lacks the place or the man
    needed = doc.body and doc.summary and (where is None or not who)
    standfirst = (
        [replace(s, weight=1.0) for s in standfirst_said]
        or [_Sentence(s, words(s), 1.0) for s in sentences(doc.summary)]
        if needed
        else []
    )
    if where is None and standfirst:
        # "Army intelligence swoops on Tabbaneh hideout", a lead of streets: the standfirst
        # may name the town ("Residents of the Tripoli district woke to gunfire")
        where, part, near = _place(standfirst, places)
    if not who and standfirst:
        # "The Islamic State leader whose death the group acknowledged on Monday": the
        # standfirst may name him
        who = _people(standfirst, places, year, taken, what)
    if where is not None and where.id.startswith("name:") and who:
        # "the village of Ghanem al-Ali", a village the gazetteer lacks: no man's name
        its_key = name_key(where.name)
        who = tuple(p for p in who if p.key != its_key)
    ends = _stretch(event[: 1 + LEAD_SENTENCES], places)
    if where is None and ends is not None:
        where = ends[0]  # only "on the road between Ma'dan and al-Sabkha": on its way from one
    roles = [r for r in _leading(event[:2], "role") if r not in _VAGUE_ROLES]
    lead = event[:3]  # the time and the target of the event, not of background
    lang = detect_language(" ".join(s.text for s in event))
    terms = _terms(
        event, who, where, _leading(event, "actor"), _leading(event, "means"), roles,
        _leading(lead, "daypart"), _leading(lead, "target"), [lang] if lang else [],
        [part] if part else [], _leading(lead, "what", _OUTCOMES), near, _counts(lead),
    )  # fmt: skip
    evidence = next((s.text for s in event[1:] if s.weight >= 1.5), event[0].text if event else "")
    # "Second raid in two days: IS 'finance chief' captured": another occurrence, said so
    # (the summary too: a standfirst may say it when the lead does not)
    lead_texts = [s.text for s in event[:2]] + ([doc.summary] if doc.summary else [])
    told_apart = _told_apart(doc.body)
    after_other = [
        m
        for text in lead_texts
        if (m := _AFTER_OTHER_START.search(text))
        and not _OWN_AFTERMATH.search(text, 0, m.start())
        # "Damas a salué mercredi une coopération, au lendemain d'une opération": a sentence
        # that tells no occurrence besides reacts to that one (unless it calls it "separate")
        and (
            _ANOTHER_ONE.search(m.group())
            or _Sentence(text, words(text), 1.0).tells_outside(m.start(), m.end())
        )
    ]
    came_after = _came_after_by(doc.body[:LEAD_CHARS])
    another = (
        bool(after_other)
        or any(_NEW_START.start_lowered(s.text, s.lowered) is not None for s in event[:2])
        or any(_it_was_another(s.text) for s in event[2:5])
        or _said_to_be_another(doc.body[:LEAD_CHARS])
        or any(_separate_from_earlier(text) for text in told_apart)
        or came_after is not None
    )
    # a man who died of his wounds was hit before: more of that strike, whatever the strike
    # itself came after ("وجاءت الغارة بعد أيام من عملية الإنزال في أطمة")
    died_of_wounds = any(
        _DIED_OF_WOUNDS_START.start_lowered(s.text, s.lowered) is not None for s in event[:2]
    )
    another = another and not died_of_wounds
    followup = died_of_wounds or (
        not another
        and (
            any(_FOLLOWUP_START.start_lowered(s.text, s.lowered) is not None for s in event[:2])
            or _ANNOUNCED_AFTER.search(doc.body) is not None
            # "كشفت مصادر قضائية هولندية عن مكان اعتقال العراقي" in the feed's description,
            # over a lead that tells only what the sources revealed
            or (bool(doc.body) and _WHERE_REVEALED.search(doc.summary) is not None)
        )
    )
    if followup and (where is None or where.level == COUNTRY):
        # "Syria names the cell leader arrested last week near Damascus": the place the
        # recalled occurrence names is the follow-up's own
        own = _place([replace(s, own_past=True) for s in event], places)
        if _may_place(own[0], where):
            where, part, near = own
    recalled = (
        _recalled(doc.body[:LEAD_CHARS])
        if followup
        and what != "succession"  # (announced on its day, whatever raid it recalls)
        and (when is None or where is None or where.level == COUNTRY)
        else None
    )
    if recalled is not None:
        # "named the man seized earlier this week", and further down "The operation that
        # netted him took place before dawn on Monday in al-Kasrat": the day and the place the
        # lead leaves out
        when = when or _when([recalled], report.published)
        if where is None or where.level == COUNTRY:
            found = _place([recalled], places)
            if _may_place(found[0], where):
                where, part, near = found
    corrected = _corrected(event[:3], places, _NOT_THERE_NEAR)
    if corrected is not None and where is not None and corrected.id == where.id:
        # "took place in the village of al-Dashisha ... and not in the town of al-Shaddadi as
        # first reported": the place first reported is no place of the event; the village the
        # gazetteer lacks is
        right = _put_right(event[:3], where, places)
        if right is not None:
            where, part, near = right, None, ""
    if corrected is None:
        corrected = _placed_first(doc.body[:LEAD_CHARS], places)
        if corrected is not None and where is not None and corrected.id == where.id:
            # "SDF sweeps al-Shaddadi ... Some initial reports had placed that overnight raid
            # in al-Shaddadi itself": the report's own place is where another occurrence was
            # first put, wrongly; this one sets nothing right
            corrected = None
    if corrected is not None:
        # "the raid hit al-Amarna, not al-Ghandoura": more of an occurrence already told
        terms, followup = (*terms, "c:" + corrected.id), not another
    # "correcting reports that had named him as a local commander ... had identified the dead
    # man as Khaled al-Halabi": the names earlier reports gave wrongly
    terms = (*terms, *("w:" + key for key in _misnamed(doc.body)))
    if _FLASH.match(doc.title):
        terms = (*terms, "f:flash")
    if "u:killed" not in terms and _QUIET.found(doc.body[:QUIET_CHARS]):
        terms = (*terms, "f:quiet")
    elif any(
        _FIGHT.start_lowered(s.text, s.lowered) is not None for s in event[: 1 + LEAD_SENTENCES]
    ):
        terms = (*terms, "f:fight")
    if not roles and _RANKLESS.found(doc.body[:RANKLESS_CHARS]):
        terms = (*terms, "f:rankless")
    if another:
        terms = (*terms, "f:another")
        if _NEW_START.start(doc.title) is not None:
            terms = (*terms, "f:titled")  # "Second strike in a day hits al-Bab"
        # ("the landing came only hours after warplanes struck": the same day too)
        told_after = [m.group() for m in after_other] + ([came_after] if came_after else [])
        hours_after = any(_hours_after(text, when) for text in told_after)
        if (
            hours_after
            or any(_of_the_day(s.text) for s in event[:2])
            or any(_SAME_DAY.search(text) for text in told_apart)
        ):
            terms = (*terms, "f:today")
        elif (
            told_after
            and all(_DAYS_AFTER.search(text) for text in told_after)
            and not _YESTERDAY.search(doc.body[:LEAD_CHARS])
        ):
            # "ويأتي الإنزال بعد أيام من غارة قرب سرمدا": the other occurrence lies days back
            # (not "two days after an operation near Boukamal, and Iraqi strikes yesterday")
            terms = (*terms, "f:days")
    if any(_SURVIVED_EARLIER.search(text) for text in (doc.summary, doc.body[:LEAD_CHARS])):
        terms = (*terms, "f:survived")
    elsewhere = _set_apart_from(event[:LEAD_SENTENCES], told_apart, places, where)
    if elsewhere is None:
        elsewhere = _opening_town(event[:2], where, places)
    if elsewhere is None:
        elsewhere = _recalled_town(doc.body, event, when, where, places, report.published)
        if elsewhere is not None:
            terms = (*terms, "f:before")
    if elsewhere is not None:
        terms = (*terms, "s:" + elsewhere.id)
    village = _village_by(event[:2], where, places) if where and where.level == TOWN else None
    if village is not None:
        terms = (*terms, "i:" + village)
    quarter = _quarter(lead_texts, places) if where and where.level >= REGION else None
    if quarter is not None:
        terms = (*terms, "q:" + quarter)
    side = (
        # (the second lead sentence too: "Les FDS ont mené deux raids... Le premier visait
        # une maison du quartier est")
        _side([s.text for s in event[:3]] + ([doc.summary] if doc.summary else []), places)
        if where and where.level >= REGION and not where.id.startswith(("p:", "c:", "r:"))
        else None
    )
    if side is not None:
        terms = (*terms, "q:@" + side)
    anchor = _anchor(event[:2], where, places) if where and where.level >= TOWN else None
    if anchor is not None:
        terms = (*terms, "g:" + anchor.id)
    if ends is not None and where is not None and along(where, *ends):
        # (a road named for another reason is no scene: "planted bombs on the Deir ez-Zor to
        # al-Hasakah road", of a man captured in al-Busayrah)
        terms = (*terms, *("e:" + end.id for end in ends))
    return Frame(what, who, where, when, terms, evidence[:400], followup), lang


def _set_apart_from(
    lead: list[_Sentence], told_apart: list[str], places: Gazetteer, where: Place | None
) -> Place | None:
    """The place of the other occurrence the report says this one is separate from: in the
    headline or lead, "separate from the coalition raid on Dhiban" (Dhiban), "two separate
    raids, in Dhiban and al-Busayrah" (the town of the two that is not `where`); further on
    (`told_apart`), "...detained a cell leader in Diban, in a separate operation" (Diban, a
    town named before it)."""
    for sentence in lead:
        other = _separate_from(sentence.text, places, towns_only=False)
        if other is not None:
            return other
        m = _TWO_SEPARATE_NEAR.search(sentence, 0, len(sentence.text))
        if m is not None and where is not None:
            after = sentence.text[m.end() : m.end() + 2 * SEPARATE_CHARS]
            towns = [f.place for f in places.find(after) if f.place.level >= TOWN]
            others = [t for t in towns if t.id != where.id]
            if len(others) < len(towns) and others:
                return others[0]  # (the report placed in one of the towns it lists)
    for text in told_apart:
        # "The sweep was separate from an overnight helicopter raid further south-east, in
        # the village of Dhiban"; a town only, as further on a province or a city named like
        # it ("a raid in Hasakah city") is too wide to set anything apart
        other = _separate_from(text, places, towns_only=True)
        if other is not None:
            return other
        # "on the same night as a separate SDF raid in Dhiban", "un autre raid héliporté à
        # al-Bousayra": the town named next is the other occurrence's
        other = _separate_from(text, places, towns_only=True, words=_OTHER_OPERATION_IN)
        if where is not None and other is not None and relation(other, where) != SAME:
            return other
        if other is None and where is not None and _city_of_its_province(where):
            # "arrested five in the city of Hasakah, hours after ... a separate overnight raid
            # in the south of Hasakah province": the province around the city
            wide = _separate_from(text, places, towns_only=False, words=_OTHER_OPERATION_IN)
            if wide is not None and wide.id.startswith("p:") and relation(where, wide) == WITHIN:
                return wide
        # (the town after it is the report's own: "lors d'une opération distincte menée à
        # al-Bousayra")
        if where is not None and (m := _SEPARATE_OPERATION.search(text)) is not None:
            towns = [f.place for f in places.find(text[: m.start()]) if f.place.level >= TOWN]
            others = [t for t in towns if t.id != where.id and relation(t, where) != SAME]
            if others:
                return others[0]
    return None


# "the first operation took place in ...": a statement's first of several occurrences
_FIRST_OPERATION = re.compile(
    r"(?i)\bthe first (?:operation|raid|strike|arrest|sweep|airdrop)\b"
    r"|\bla première (?:opération|frappe|arrestation|intervention)\b|العملية الأولى"
)
# how far after "between" the two ends of a span are looked for, and what ends it sooner
BETWEEN_CHARS = 100
_SPAN_STOP = re.compile(r"[.;:,،؛]")
_SPAN_AND = re.compile(r"\b(?:and|et)\b|(?<!\S)و")
# what joins an end to the country that qualifies it ("Syria's Hasakah")
_QUALIFIER = frozenset({"'s ", "’s ", " ", ", "})


def _across_border(sentence: _Sentence, mentions: list[Mention]) -> list[Mention]:
    """The places named as the two ends of a span across a border, one a province or a
    country ("a network smuggling fighters between Iraq's Nineveh province and Syria's
    Hasakah", "entre la Syrie et l'Irak"): where something moves, no scene."""
    if not mentions:
        return []
    text = sentence.text
    out: list[Mention] = []
    for between in _BETWEEN.finditer(text):
        end = between.end() + BETWEEN_CHARS
        stop = _SPAN_STOP.search(text, between.end(), end)
        if stop is not None:
            end = stop.start()
        named = [m for m in mentions if between.end() <= m.start < end]
        joined = _SPAN_AND.search(text, named[0].end, end) if named else None
        if joined is None:
            continue
        # the first end, "and", the second end, each with the country it is qualified by
        # ("Syria's Hasakah"); not what the sentence goes on to ("... in Raqqa province")
        second = [m for m in named if m.start >= joined.end()][:2]
        if len(second) == 2 and text[second[0].end : second[1].start] not in _QUALIFIER:
            second = second[:1]
        ends = [m for m in named if m.start < joined.start()] + second
        if len({m.place.country_code for m in ends}) > 1 and any(
            m.place.id.startswith(("p:", "c:")) for m in ends
        ):
            out.extend(ends)
    return out


def _recalled_in_opening(
    sentence: _Sentence, mentions: list[Mention], recall_at: int
) -> list[Mention]:
    """The places of an opening that recalls another occurrence ("Hours after Tell Brak
    raid, ..."), when the sentence goes on to put its own elsewhere ("... in Markada")."""
    end = sentence.opening_recall
    if not end:
        return []
    # (a recall within the opening itself is the opening's: "Following the capture of the
    # Kirkuk governor in Hawija earlier in the day, Iraqi jets struck ... in Wadi al-Shay")
    until = recall_at if recall_at > end else len(sentence.text)
    own = [m.place for m in mentions if end <= m.start < until]
    # (a range or a desert "takes in" a town named in the opening: "Two weeks after Kirkuk
    # arrest, Iraqi jets kill IS deputy governor in Hamrin mountains")
    return [
        m
        for m in mentions
        if m.start < end
        and any(
            relation(m.place, p) in (APART, NEAR) or (p.id.startswith("r:") and p.id != m.place.id)
            for p in own
        )
    ]


def _in_opening_recall(sentence: _Sentence, hit: Hit) -> bool:
    """Whether a hit lies in an opening that recalls another occurrence ("Three days after
    IS names new chief, ...") of a sentence that goes on to tell its own."""
    end = sentence.opening_recall
    return bool(end) and sentence.words[hit.start].start < end


def _opening_town(lead: list[_Sentence], where: Place | None, places: Gazetteer) -> Place | None:
    """The town of another occurrence the headline or lead opens on ("Hours after Tell Brak
    raid, ..."), when it lies apart from the report's own."""
    if where is None:
        return None
    for sentence in lead:
        end = sentence.opening_recall
        if not end:
            continue
        # (the sentence's places, found once for it: see _place)
        for m in (m for m in places.find(sentence.text) if m.start < end):
            if m.place.level >= TOWN and relation(m.place, where) in (APART, NEAR):
                return m.place
    return None


def _city_of_its_province(place: Place) -> bool:
    """Whether a place is a city named like its province, read as an area ("Al Hasakah")."""
    return place.level == REGION and not place.id.startswith(("p:", "c:"))


def _recalled_town(
    body: str,
    event: list[_Sentence],
    when: date | None,
    where: Place | None,
    places: Gazetteer,
    published: datetime | None,
) -> Place | None:
    """A town elsewhere where the body's head tells an occurrence of an earlier day in a
    sentence opening on that day: "On Tuesday night, Kurdish-led commandos seized a cell
    leader in al-Busayrah" (of an arrest in al-Shuhayl on Thursday); or in a clause on the
    town: "Al-Hawaij lies a few kilometres from Dhiban, where security forces arrested four
    men on Friday" (of a raid in al-Hawaij overnight into Saturday)."""
    if when is None or where is None or published is None:
        return None
    day = published.date()
    local = (published + LOCAL_OFFSET).date()
    told = {s.text for s in event}
    head = body[:LEAD_CHARS]
    # (cut at _SENTENCE_END, not by iter_sentences, which reads "U.S." right but costs 2.5
    # times as much over a head; matched only where a sentence opens, as a search through the
    # head costs 3 times as much)
    opens = (0, *(m.end() for m in _SENTENCE_END.finditer(head)))
    for start in (i for i in opens if _DAY_OPENING.match(head, i)):
        text = _sentence_from(head, start)
        if text.strip() in told:
            continue  # the lead's own
        if not _told_earlier(text, when, local, day, opening=True):
            continue
        for found in places.find(text):
            if found.place.level >= TOWN and relation(found.place, where) not in (SAME, WITHIN):
                return found.place
    if not any(w in head for w in _WHERE_WORDS):
        return None  # most heads
    for clause in _WHERE_CLAUSE.finditer(head):
        # the town the clause is on ends right before its comma
        stretch = head[max(0, clause.start() - SEPARATE_CHARS) : clause.start()]
        before = places.find(stretch)
        if not before or stretch[before[-1].end :].strip():
            continue
        town = before[-1].place
        if town.level < TOWN or relation(town, where) in (SAME, WITHIN):
            continue
        if _told_earlier(_sentence_from(head, clause.end()), when, local, day, opening=False):
            return town
    return None


def _sentence_from(head: str, start: int) -> str:
    """The sentence of `head` read from `start`, to its end (at most SENTENCE_CHARS)."""
    text = head[start : start + SENTENCE_CHARS]
    end = _SENTENCE_END.search(text)
    return text[: end.start() + 1] if end is not None else text


def _told_earlier(text: str, when: date, local: date, day: date, *, opening: bool) -> bool:
    """Whether a sentence tells a killing, a capture or a strike on a man, on a weekday before
    `when` (the weekday it opens on, with `opening`; else the first it names)."""
    sentence = _Sentence(text, words(text), 1.0)
    days = [
        h for h in sentence.hits["date"] if h.label in _WEEKDAYS and (h.start <= 3 or not opening)
    ]
    return (
        bool(days) and _tells(sentence) and _named_day(sentence.words, days[0], local, day) < when
    )


# "Dhiban, where security forces arrested four men on Friday", "à Thiban, où ..."
_WHERE_CLAUSE = re.compile(r",\s+(?:where|où)\s+")
_WHERE_WORDS = (", where", ", où")
# a sentence opening on a weekday: "On Tuesday night, ...", "Mardi soir, ...", "وفي يوم الثلاثاء"
_DAY_OPENING = re.compile(
    r"(?i)(?:(?:late |early )?on |dans la nuit de |(?:و)?(?:في )?(?:يوم |مساء |فجر |ليل |ليلة "
    r"|صباح )?)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد)(?!\w)"
)
_SENTENCE_END = re.compile(r"[.!?؟\n]\s*")
SENTENCE_CHARS = 400  # a sentence read from where it opens


def _separate_from(
    text: str, places: Gazetteer, *, towns_only: bool, words: Caseless | None = None
) -> Place | None:
    """The first place (or town) named just after "separate from" (or other `words`) in a
    sentence, if any."""
    m = (words or _SEPARATE_IN).search(text)
    if m is None:
        return None
    after = places.find(text[m.end() : m.end() + SEPARATE_CHARS])
    known = next((f.place for f in after if not towns_only or f.place.level >= TOWN), None)
    if known is not None:
        return known
    # "distincte du raid héliporté mené la même nuit dans le village voisin de Ziban": a
    # village the gazetteer lacks, by its name
    village = _unknown_village(text[m.end() : m.end() + 2 * SEPARATE_CHARS], places)
    if village is not None:
        return unresolved(village[0])
    # "separate from the coalition's airborne landing at al-Dashisha": a name set by "at"
    named = _NAMED_AT.search(text, m.end())
    if named is None or named.start() >= m.end() + SEPARATE_CHARS:
        return None
    return unresolved(named.group(1)) if places.lookup(named.group(1)) is None else None


# a place's name after "at", "in", "near", as a whole: capitalised words (an article joined
# by a hyphen), then the clause's end ("at al-Dashisha, about 40 kilometres to the southeast")
_NAMED_AT = re.compile(
    r"\b(?:at|in|near|à|dans|près d[e'’]) ((?:[Aa]l-|[Ee]l-)?[A-Z][\w'’-]*\w"
    r"(?: (?:al-|el-)?[A-Z][\w'’-]*\w)?)(?=[,.;])"
)


def _told_apart(body: str) -> list[str]:
    """The sentences of the body's head that set the event apart from another occurrence
    ("Cette opération est distincte du raid mené la veille", "..., in a separate operation")."""
    head = body[:LEAD_CHARS]
    lowered = head.lower()
    if not _APART.held_in(lowered):
        return []  # most reports: no sentence split
    # (not the dateline: "QAMISHLI, Syria (Wire Desk) - ... in a separate operation" is no
    # town the other occurrence was in)
    head = _DATELINE.sub("", head, count=1)
    return [
        s
        for s in iter_sentences(head)
        if _may_hold(s, _APART)
        and (
            _SEPARATE.search(s) is not None
            or _SEPARATE_OPERATION.search(s) is not None
            or _OTHER_OPERATION_AT.search(s) is not None
        )
    ]


def _may_hold(text: str, needed: Needles) -> bool:
    """Whether `text` may hold a match of a pattern every match of which holds one of
    `needed` (lower case): looking for them costs less than searching most sentences."""
    lowered = caseless_lower(text)
    return lowered is None or needed.held_in(lowered)


# "in the village of", "في بلدة": the lead puts the event in the village named next
_IN_VILLAGE = re.compile(
    r"(?i)(?:\b(?:in|at)\s+(?:the\s+)?|\b(?:dans|à)\s+(?:le\s+|la\s+)?|(?<!\S)في\s+)$"
)


def _village_by(lead: list[_Sentence], town: Place, places: Gazetteer) -> str | None:
    """The consonants of the village the headline or lead puts the event in, when the
    gazetteer lacks it and the place found is the town it lies by ("in the village of
    al-Kasrat, opposite Raqqa city"): two such villages are two scenes."""
    for sentence in lead:
        found = _unknown_village(sentence.text, places)
        if found is None or not _IN_VILLAGE.search(sentence.text, 0, found[1]):
            continue
        key = skeleton_key(found[0])
        if key and key != skeleton_key(town.name):
            return key
    return None


# a name of a city's part: "al-Hajar al-Aswad", "Bab el-Tebbaneh" (not "Hasakah's", the city)
_PART_NAME = r"(?:al-|el-)?[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)*(?: (?:al-|el-)?[A-Z][\w-]*){0,2}"
# "the al-Jura district", "the city's eastern al-Mishlab district", "al-Jura, a district in the
# west of Deir ez-Zor city", "the neighbourhood of al-Qusour", "le quartier d'al-Hamidiyé",
# "حي الجورة": the part of a city the lead puts the event in
_CITY_PART = re.compile(
    rf"\b({_PART_NAME})(?:,\s+an?\s+(?:[\w-]+\s+)?|\s+)(?:district|neighbou?rhood|quarter)\b"
    rf"|\b(?:neighbou?rhood|quarter) of (?:the )?({_PART_NAME})"
    rf"|\bquartier (?:de |d['’]|du |des )?(?:l['’])?({_PART_NAME})"
    r"|(?<!\S)[وبف]?حيّ? ((?:(?:باب|أبو|ابو|عين|تل|جسر|بستان) )?ال\w{2,}"
    r"|(?:باب|أبو|ابو|عين|تل) \w{2,})"
)
# (each match of _CITY_PART holds one of these)
_CITY_PART_WORDS = ("district", "neighbo", "quarter", "quartier", "حي")
# words that open a sentence or qualify a district, no district's name ("The district of
# Harem", "le quartier Nord")
_NO_PART = frozenset((
    "the", "le", "la", "les", "a", "an", "un", "une", "this", "that", "its", "their", "each",
    "city", "old", "central", "eastern", "western", "northern", "southern", "industrial",
    "residential", "christian", "kurdish",
))  # fmt: skip


def _quarter(lead: list[str], places: Gazetteer) -> str | None:
    """The consonants of the district of a city the headline, lead or summary puts the event
    in ("a raid on the al-Jura district", "حي الرميلة"): two raids the same day in two
    districts of Deir ez-Zor are two scenes, not the city's one. (Not a district named for
    its town, "the Abu Kamal district": an area around the town, which the gazetteer knows.)"""
    for text in lead:
        if not any(map(text.__contains__, _CITY_PART_WORDS)):
            continue  # (most leads name no district: a few `in` tests, not a search)
        for m in _CITY_PART.finditer(text):
            found = next(g for g in m.groups() if g).split()
            while found and found[0].lower() in _NO_PART:
                del found[0]
            name = " ".join(found)
            # (not the city itself, "a Raqqa neighbourhood", "un quartier de Tabqa", nor a
            # town's district, "the Abu Kamal district"; but after "حي", a district's name
            # however many places bear it: "حي المثنى")
            known = places.lookup(name) if name and not m[4] else None
            if not name or (known is not None and known.level <= TOWN):
                continue
            return skeleton_key(name) or None
    return None


# "the western side of Busayra", "le quartier nord", «الحي الشرقي من بلدة البصيرة»: the side
# of a town the event was in. Over dev's reports of one batch two days apart at most, two
# sides told two events 37 times and one event twice (and one side, one event 27 times).
_SIDES = {
    "east": "E", "eastern": "E", "west": "W", "western": "W", "north": "N", "northern": "N",
    "south": "S", "southern": "S", "est": "E", "ouest": "W", "nord": "N", "sud": "S",
    "orientale": "E", "occidentale": "W", "septentrionale": "N", "méridionale": "S",
    "الشرقي": "E", "الغربي": "W", "الشمالي": "N", "الجنوبي": "S", "الشرقية": "E",
    "الغربية": "W", "الشمالية": "N", "الجنوبية": "S",
}  # fmt: skip
_SIDE = re.compile(
    r"\b(east|west|north|south)(?:ern)? (quarter|neighbou?rhood|district|side|part|end)s? of "
    r"(?:the )?(?:(?:town|city|village) of )?"
    r"|\bquartiers? (est|ouest|nord|sud)\b"
    r"|\bpartie (orientale|occidentale|septentrionale|méridionale|nord|sud|est|ouest) "
    r"(?:de la ville |du village |de la localité )?(?:de |d['’]|du )"
    r"|(?<!\S)[وبف]?(?:ال)?(?:حي|أحياء|الأحياء|الجهة|الطرف|القسم|الجزء|الحارة) "
    r"(الشرقي|الغربي|الشمالي|الجنوبي|الشرقية|الغربية|الشمالية|الجنوبية)(?: من| في| ل)"
)
# (each match of _SIDE holds one of these)
_SIDE_WORDS = Needles(
    (
        "quarter", "neighbo", "district", "side", "part", "end", "quartier", "حي", "أحياء",
        "الجهة", "الطرف", "القسم", "الجزء", "الحارة",
    )
)  # fmt: skip


def _side(lead: list[str], places: Gazetteer) -> str | None:
    """The side of its town the headline, lead or summary puts the event on ("E", "W", "N",
    "S"): two raids the same night on two sides of one town are two scenes. (Not "the eastern
    part of Deir ez-Zor province": a side, part or end of a town or village only.)"""
    for text in lead:
        if not _SIDE_WORDS.held_in(text):
            continue  # (most leads name no side: one pass for its words, not a search)
        for m in _SIDE.finditer(text):
            if m[2] in ("side", "part", "end"):
                after = [x for x in places.find(text[m.end() : m.end() + 40]) if x.start <= 2]
                if (
                    not after
                    or after[0].place.id.startswith(("p:", "c:", "r:"))
                    or after[0].place.level < TOWN
                ):
                    continue
            return _SIDES[next(g for g in (m[1], m[3], m[4], m[5]) if g)]
    return None


def _unknown_village(text: str, places: Gazetteer) -> tuple[str, int] | None:
    """The name of the village or town a text introduces ("the village of X", "قرية X") when
    the gazetteer lacks it, and where its introduction starts."""
    if not any(map(text.__contains__, _UNRESOLVED_WORDS)):
        return None  # (most texts introduce no village: a few `in` tests, not a search)
    m = _UNRESOLVED.search(text)
    if m is None:
        return None
    group = next(k for k, g in enumerate(m.groups(), 1) if g)
    name = m.group(group)
    if (
        name.split()[0] in _ARABIC_STOP
        or len(name.replace("ـ", "")) < 3
        or places.lookup(name) is not None
        # "a 44-year-old from the Anbar town of Hit": a man's home, no scene
        or _ORIGIN.search(text, max(0, m.start() - 40), m.start(group)) is not None
    ):
        return None
    return name, m.start()


def _anchor(lead: list[_Sentence], where: Place, places: Gazetteer) -> Place | None:
    """The town the headline or lead puts a village near ("al-Ghandoura, a village in the
    countryside of Jarablus", "villagers near Jarablus"): a report that names that town tells
    of the same countryside. (Not a bearing: "al-Karama, east of Raqqa" is no raid in Raqqa.)"""
    for sentence in lead:
        for m in places.find(sentence.text):
            town = m.place
            if town.id == where.id or town.level not in (REGION, TOWN):
                continue
            if town.lat is None or town.id.startswith(("p:", "c:")):
                continue
            km = distance_km(town, where)
            if km is not None and km <= VICINITY_KM and _named_around(sentence, m):
                return town
    return None


# what joins the two ends of a stretch: "between Ma'dan and al-Sabkha", "reliant al-Chaddadi à
# Markada", "بين الشدادي ومركدة", "the Palmyra-Deir ez-Zor highway"
_STRETCH_JOIN = re.compile(
    r"(?i)^\s*(?:and|et|to|à|au|with|avec|[-‐‑–—]|و|إلى|الى|حتى)?\s*"
    r"(?:(?:the|la|le|les|town|city|village|of|de|du|d['’]|مدينة|مدينتي|بلدة|قرية|ناحية)\s*)*"
    r"(?:(?:al|el|ad|as|ash|at|ar|az|an)[-‐‑–])?$"
)
# what the group plants or mounts on a road ("roadside bombs on the Deir ez-Zor to al-Hasakah
# road", "des embuscades sur la route", "عبوات ناسفة على طريق")
_STRUCK_ON = re.compile(
    r"(?i)\b(?:bombs?|mines?|IEDs?|explosives?|devices?|attacks?|ambush(?:es)?|checkpoints?"
    r"|engins?|attaques?|attentats?|embuscades?|barrages?)\b[^.;:]{0,75}$"
    r"|(?:عبوات|عبوة|ألغام|الغام|هجمات|هجوم|كمائن|كمين|حواجز)[^.؛]{0,75}$"
)
# where a man's cell works, not where the event was: "a cell operating in villages between",
# "خلية للتنظيم تنشط في قرى الشامية بين"
_REMIT = re.compile(
    r"(?i)\b(?:operat(?:es|ed|ing)|active|activ(?:e|es)|opérant|opère|sévissant)\b[^.;:]{0,40}$"
    r"|(?<!\S)(?:تنشط|ينشط|الناشطة|الناشط|تعمل|يعمل|العاملة)(?!\S)[^.؛]{0,40}$"
)
_STRETCH_WORDS = ("between", "entre", "بين", "road", "route", "highway", "way", "طريق")


def _stretch(lead: list[_Sentence], places: Gazetteer) -> tuple[Place, Place] | None:
    """The two ends of the stretch the headline or lead puts the event on, when it does ("on
    the road between Ma'dan and al-Sabkha", "une localité située entre al-Chaddadi et Deir
    ez-Zor"): a report placing it at a town along the way tells of the same scene."""
    for n, sentence in enumerate(lead):
        lowered = sentence.lowered or sentence.text.lower()
        if (n >= 2 and sentence.recalls) or not any(w in lowered for w in _STRETCH_WORDS):
            continue  # most leads
        found = [m for m in places.find(sentence.text) if not m.place.id.startswith(("p:", "c:"))]
        for first, second in pairwise(found):
            if (
                first.place.id == second.place.id
                or min(first.place.level, second.place.level) < REGION
            ):
                continue  # (a province, a country: "between Syria and Iraq" is no stretch)
            if not _STRETCH_JOIN.match(sentence.text[first.end : second.start]):
                continue
            if not (
                _BETWEEN.search(sentence.text, max(0, first.start - 40), first.start)
                or _ROAD_NEAR.search(sentence, first.start - 40, first.start)
                or _ROAD_AFTER.match(sentence.text[first.end : second.end + 30])
            ):
                continue
            # "the men planted roadside bombs on the Raqqa-Tabqa road", "responsible for
            # attacks on the road between Dhiban and al-Hawaij": where the group strikes
            if _ACCUSED_NEAR.search(sentence, first.start - 160, first.start) or _STRUCK_ON.search(
                sentence.text, max(0, first.start - 90), first.start
            ):
                continue
            if _REMIT.search(sentence.text, max(0, first.start - 50), first.start):
                continue  # "a cell operating in villages between Mayadin and Albu Kamal"
            return first.place, second.place
    return None


def _named_around(sentence: _Sentence, m: Mention) -> bool:
    """Whether the sentence names the place as a vicinity ("near Manbij", "the Manbij
    countryside", "ريف منبج", "the Afrin region")."""
    return bool(
        _VICINITY_NEAR.search(sentence, m.start - 40, m.start)
        or _VICINITY_AFTER.match(sentence.text[m.end : m.end + 20])
    )


# "Earlier reports had identified the dead man as Khaled al-Halabi", "wrongly named as",
# "que des médias avaient identifié comme": a name that the report says was wrong
_MISNAMED = re.compile(
    r"(?i)\b(?:had (?:identified|named)|(?:wrongly|mistakenly|initially|first|earlier|falsely)"
    r" (?:identified|named)|misidentified)\b[^.;]{0,60}?\bas "
    r"|\b(?:avaient|avait) (?:identifié|désigné|nommé)[^.;]{0,60}?\bcomme "
    r"|\b(?:identifiée?|présentée?|désignée?) à tort comme "
)
# one of which every match holds
_MISNAMED_WORDS = Needles(
    (
        "identified",
        "had named",
        "ly named",
        "first named",
        "earlier named",
        "misidentif",
        "identifié",
        "désigné",
        "nommé",
        "à tort",
    )
)


def _misnamed(body: str) -> list[str]:
    """The keys of the names a report says earlier reports gave wrongly."""
    if not _MISNAMED_WORDS.held_in(body):
        return []  # (most bodies correct no name: one pass for the words, not a search)
    out = []
    for m in _MISNAMED.finditer(body):
        tail = body[m.end() : m.end() + 80]
        named = _latin_names(tail, caseless_lower(tail))
        if named and named[0][1] == 0:
            out.append(name_key(named[0][0]))
    return out


def _put_right(lead: list[_Sentence], wrong: Place, places: Gazetteer) -> Place | None:
    """The village a lead that sets `wrong` right introduces, when the gazetteer lacks it."""
    for sentence in lead:
        if not _NOT_THERE_NEAR.may(sentence):
            continue
        found = _unknown_village(sentence.text, places)
        if found is not None:
            return _within(unresolved(found[0]), places.by_id.get(wrong.parent or ""))
    return None


def _corrected(lead: list[_Sentence], places: Gazetteer, said: _Gated) -> Place | None:
    """The place the sentences say the event was not at, as first reported: named right after
    what `said` reads ("not in", "contrary to reports of a raid in": _NOT_THERE_NEAR)."""
    for sentence in lead:
        if not said.may(sentence):
            continue  # no "not", "rather", "ليس"...: no place to look for (most leads)
        for m in places.find(sentence.text):
            if said.search(sentence, m.start - NOT_THERE_CHARS, m.start):
                return m.place
    return None


# "Earlier accounts had placed the raid in Raqqa province", "Les premières informations
# évoquaient un raid dans la région de Raqqa": where first reports put it, wrongly
_FIRST_REPORTS = re.compile(
    r"(?i)\b(?:earlier|initial|first|previous|early) (?:reports?|accounts?)\b"
    r"|\b(?:premières|précédentes) (?:informations|versions)\b"
    r"|(?:تقارير|أنباء|معلومات|روايات) (?:أولية|سابقة|أولى)"
    # "not near al-Hol camp, as pages had it at first": the place first reported, before it
    r"|\bas (?:first|initially|earlier) reported\b"
    r"|\bcomme (?:annoncé|rapporté|indiqué) (?:initialement|d['’]abord|dans un premier temps)"
    r"|(?<!\S)كما (?:تداولت|ذكرت|أفادت|أشارت|نقلت)[^.؛]{0,40}?(?:في البداية|سابقا|سابقاً)(?!\w)"
)
# (every match of _FIRST_REPORTS holds one of these: looking for them costs a fifth of a search)
_FIRST_REPORTS_IN = Caseless(_FIRST_REPORTS, (
    *(f"{a} {b}" for a in _split("earlier initial first previous early")
      for b in ("report", "account")),
    *(f"{a} {b}" for a in ("premières", "précédentes") for b in ("informations", "versions")),
    *(f"{a} {b}" for a in _split("تقارير أنباء معلومات روايات")
      for b in _split("أولية سابقة أولى")),
    "as first reported", "as initially reported", "as earlier reported", "initialement",
    "d'abord", "d’abord", "dans un premier temps", "كما ",
))  # fmt: skip
_PLACED_FIRST = re.compile(
    r"(?i)\b(?:earlier|initial|first|previous|early) (?:reports?|accounts?)[^.;]{0,40}?"
    r" (?:placed|put|located|set)\b[^.;]{0,30}? (?:in|at|near) (?:the )?(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:premières|précédentes) (?:informations|versions)[^.;]{0,60}?"
    r" (?:à|dans|près de|près d['’]|de|d['’]) (?:la |le )?$"
    r"|(?:تقارير|أنباء|معلومات|روايات) (?:أولية|سابقة|أولى)[^.؛]{0,50}? (?:في|ب|قرب)\s*"
    r"(?:(?:ريف|منطقة|محافظة|بلدة|قرية|مدينة)\s+)?$"
    # (in a text that says where first reports put it: "not near al-Hol, as first reported")
    r"|\b(?:and )?not (?:in|at|near) (?:the )?(?:(?:town|village|camp) of )?(?:(?:al|el)[-‐‑–])?$"
    r"|\bet non (?:pas )?(?:à|dans|près de|près d['’]) (?:la |le )?$"
    r"|(?<!\S)(?:وليس|وليست)\s+(?:في|قرب|داخل)\s+(?:(?:بلدة|قرية|مدينة)\s+)?$"
)


def _placed_first(body: str, places: Gazetteer) -> Place | None:
    """The place the text says first reports put the event at, wrongly."""
    if _FIRST_REPORTS_IN.search(body) is None:
        return None  # (most texts: no sentence is searched for places)
    # (not in a sentence on an occurrence set apart: "separate from the air strike near
    # al-Sukhnah, which some early reports had placed near Palmyra")
    told = [
        _Sentence(text, words(text), 1.0)
        for text in iter_sentences(body)
        if _SEPARATE_IN.search(text) is None
    ]
    return _corrected(told, places, _PLACED_FIRST_NEAR)


NEWS_OF_THE_WEEK_DAYS = 1  # a week's review tells what is new: the day before it, or its own
# "Week in review: a caliph confirmed dead, a financier in custody, and a night drop near
# al-Shaddadi", "La semaine au Levant : ...", "حصاد الأسبوع الأمني: ..."
_WEEK_REVIEW = re.compile(
    r"(?i)\b(?:week in review|the week in|la semaine (?:en|au|à)|semaine en revue)\b"
    r"|حصاد الأسبوع|أبرز أحداث الأسبوع"
)


def _newest_of_the_week(doc: Document, published: datetime | None) -> Document | None:
    """The paragraph of a week's review that tells an occurrence of the day before it (or
    its own day), as a document of its own: the rest is the week's news, reported at the
    time. None for any other piece, and for a review of the week's news alone."""
    if published is None or not _WEEK_REVIEW.search(doc.title):
        return None
    best: tuple[date, str] | None = None
    for paragraph in doc.body.split("\n\n")[1:]:
        told = [_Sentence(s, words(s), 1.0) for s in sentences(paragraph) if _four_words(s)]
        if not any(s.hits["what"] for s in told):
            continue
        when = _when(told, published)
        if when is not None and (best is None or when > best[0]):
            best = (when, paragraph)
    if best is None or (published.date() - best[0]).days > NEWS_OF_THE_WEEK_DAYS:
        return None
    return Document(title="", summary="", body=best[1])


def _event_text(
    title: str,
    summary: str,
    body: str,
    snippet: str,
    places: Gazetteer,
    published: datetime | None = None,
) -> list[_Sentence]:
    """The headline, the lead and the sentences that matched, most telling first (the lead
    after its opening sentences that tell the story so far: see _recap)."""
    bulletin = BULLETIN_HEADLINE.search(title)
    out = [_headline(title, bulletin)] if title.strip() else []
    # "BEIRUT (Reuters) -": where the reporter files from, not where it happened (unless the
    # lead puts it in "this town")
    body = _without_dateline((body or summary)[:LEAD_CHARS])
    body = _DATELINE_LINE.sub("", body, count=1)
    if bulletin is not None:
        body = _first_item(body, places)
    # a sentence of four words at least: "بغداد – العراق الجديد" is a dateline, not a lead
    told = [s for s in islice(iter_sentences(body), 2 * LEAD_SENTENCES) if _four_words(s)]
    read: dict[str, list[Word]] = {}  # the words of each sentence the recap test read

    def tells(s: str) -> bool:
        return bool(_Sentence(s, read.setdefault(s, words(s)), 1.0).hits["what"])

    # "Pluies torrentielles en Irak ; un chef de l'EI tué ...", and a lead on the floods
    clauses = _other_news_first(out[0]) if out and told and bulletin is None else []
    if clauses and tells(told[0]):
        clauses = []
    # ...whose scene is the clause's that tells the occurrence, when that names one
    # ("Alep : embouteillages sur la rocade, une frappe tue un émir de l'EI à Atmeh")
    for start in clauses:
        told_clause = title[start:]
        if places.find(told_clause):
            out[0] = _Sentence(told_clause, words(told_clause), 2.0)
            break
    if bulletin is not None or clauses:
        # "Bonsoir. Voici ce qu'il fallait retenir de ce dimanche. IRAK — L'aviation irakienne
        # a bombardé ...": a bulletin's greeting is no lead; nor the floods of such a headline
        k = next((k for k, s in enumerate(told) if tells(s)), 0)
        if bulletin is not None:
            # (from the start of that item: "الرقة: فجر الأربعاء، طوّقت قوى الأمن منزلاً ...
            # فجّر الرقاوي حزاماً ناسفاً": its day is in the sentence before)
            item = next((p for p in body.split("\n\n") if told[k] in p), "")
            while k and told[k - 1] in item:
                k -= 1
        told = told[k:]
    if published is not None:
        day = published.date()
        kept = list(dropwhile(lambda s: _recap(s, read.setdefault(s, words(s)), day), told))
        told = kept or told  # (all of it the story so far: the lead as it is)
    lead = told[:LEAD_SENTENCES]
    if not lead and summary:
        lead = sentences(summary)[:LEAD_SENTENCES]
    for n, text in enumerate(lead):
        out.append(_Sentence(text, read.get(text) or words(text), 2.0 if n == 0 else 1.0))
    seen = {s.text for s in out}
    for piece in snippet.split(" … "):
        piece = _DATELINE.sub("", piece.strip("…").strip(), count=1)
        if piece and not any(piece in s for s in seen) and (bulletin is None or piece in body):
            out.append(_Sentence(piece, words(piece), 1.0))
    if bulletin is None and not any(s.hits["what"] for s in out):
        # "Interior minister tours Sayyida Zaynab", a lead and a snippet of the visit, and in
        # the fourth paragraph "units raided two houses ... and arrested four members of the
        # cell": the occurrence the report was matched for, told further down (read from it)
        later = (_Sentence(t, words(t), 1.0) for t in islice(iter_sentences(body), LATE_SENTENCES))
        first = next((s for s in later if s.hits["what"]), None)
        if first is not None:
            seen = {s.text for s in out}
            out += [s for s in (first, next(later, None)) if s is not None and s.text not in seen]
    return out


# where a headline's clauses part ("Pluies torrentielles en Irak ; un chef de l'EI tué")
# (not a colon: "Deir ez-Zor : la guerre des raids nocturnes" is one story)
_CLAUSE_END = re.compile(r"\s*[;,]\s+|\s+[–—-]\s+")
# other news takes a few words ("Pluies torrentielles en Irak"; not "A stray bullet, a
# mourning tent and a name: the aftermath of the Dhiban raid")
_OTHER_NEWS_WORDS = 4
# ...and holds no word of the topic (its role, actor, means...)
_TOPIC_KINDS = ("role", "actor", "means", "target", "count", "headcount")
# a headline that opens on a place sets the story's scene ("Outside a Raqqa police post,
# mothers wait for sons seized in sweep")
_SCENE_OPENING = re.compile(
    r"(?i)(?:outside|inside|in|at|near|à|au|aux|dans|près|devant|في|قرب|عند|داخل|خارج)\s"
)


def _other_news_first(headline: _Sentence) -> list[int]:
    """Where the clause telling the occurrence may start, latest first, in a headline that
    opens on a clause of other news ("Raqqa : des rues inondées après les premières pluies,
    une frappe vise l'EI"): after the last clause end before what happened, else after an
    earlier ';' that closes a clause of three words at least ("Erdogan reçoit al-Charaa ; à
    Istanbul, un financier de l'EI arrêté": its place is in the clause before the comma).
    Empty in any other headline."""
    hits = headline.hits
    told = hits["what"]
    if not told:
        return []
    first = headline.words[told[0].start].start
    ends = list(_CLAUSE_END.finditer(headline.text, 0, first))
    if not ends:
        return []
    before = sum(w.end <= ends[-1].start() for w in headline.words)
    # (and not a word of the topic: "Coalition troops land near al-Busayrah, target's fate
    # unknown", "Outside a Raqqa police post, mothers wait for sons seized in sweep")
    if (
        before < _OTHER_NEWS_WORDS
        or any(h.start < before for kind in _TOPIC_KINDS for h in hits[kind])
        or _SCENE_OPENING.match(headline.text)
    ):
        return []
    return [ends[-1].end()] + [
        m.end()
        for m in ends[:-1]
        if ";" in m.group() and len(headline.text[: m.start()].split()) >= 3
    ]


def _first_item(body: str, places: Gazetteer) -> str:
    """A bulletin's first paragraph that tells an occurrence somewhere in a country (the item
    it reports; a greeting or an opening on "the week's operations in Syria" before it, and
    the items after, are no part of it), else its whole body."""
    for paragraph in body.split("\n\n"):
        told = _Sentence(paragraph, words(paragraph), 1.0)
        if told.hits["what"]:
            where = _place([told], places)[0]
            if where is not None and where.level > COUNTRY:
                return paragraph
    return body


def _headline(title: str, bulletin: re.Match[str] | None) -> _Sentence:
    """The headline as a sentence: a bulletin's only its first item that tells an occurrence
    ("Syria security daily: strikes on desert hideout south of Raqqa; Tabqa financier held"
    reports the strikes, as its body does first; Tabqa is another item's)."""
    if bulletin is not None:
        for item in BULLETIN_ITEMS.split(bulletin.group("items")):
            told = _Sentence(item, words(item), 2.0)
            if told.hits["what"]:
                return told
    return _Sentence(title, words(title), 2.0)


_TOLD = frozenset({"killed", "captured", "targeted"})  # outcomes a headline or lead tells

RECAP_DAYS = 7  # a lead sentence opening on a day further back recalls another occurrence
RECAP_WORDS = 5  # ...on a day written within its first words ("On the night of Oct. 5")
# "Six weeks ago, ...", "Since then, ...", "Il y a trois semaines, ...", "قبل ستة أسابيع":
# a lead that opens on the story so far
_RECAP_OPENING = re.compile(
    r"(?i)(?:(?:about|some|nearly|almost|just over) )?(?:\w+ )?(?:weeks|months) ago\b"
    # ("Ten days ago, ...": more than RECAP_DAYS back)
    r"|(?:(?:about|some|nearly|almost|just over) )?(?:eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|twenty|\d\d) days ago\b"
    r"|il y a (?:une )?(?:huit|neuf|dix|onze|douze|quinze|vingt|\d\d) jours\b"
    r"|(?:قبل|منذ) (?:ثمانية|تسعة|عشرة|\d\d) (?:أيام|يوما|يوماً)(?!\S)"
    r"|since then\b|il y a (?:\w+ )?(?:semaines|mois)\b|depuis,"
    r"|(?:hours|days) later\b|back in (?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december|\d{4})\b"
    r"|(?:قبل|منذ) (?:\S+ )?(?:أسابيع|أسبوعين|أشهر|شهرين|شهر)(?!\S)"
)


def _recap(sentence: str, told: Sequence[Word], day: date) -> bool:
    """Whether a sentence opening a lead (its words `told`) tells the story so far: it opens on
    a day written out more than RECAP_DAYS before the report ("On the night of Oct. 5, ...",
    of Nov. 13), on "Six weeks ago", "Since then", or goes on from one that did ("Hours later,
    ...")."""
    if _RECAP_OPENING.match(sentence):
        return True
    opening = [
        d for at, d in _explicit_dates(told, day) + _month_days(told, day) if at <= RECAP_WORDS
    ]
    return bool(opening) and (day - opening[0]).days > RECAP_DAYS


def _set_aside(event: list[_Sentence], published: datetime | None) -> list[_Sentence]:
    """The event text, the sentences after the lead that tell another occurrence set aside:
    "It was the third operation this week, after the capture on Tuesday of...", one that
    opens on another weekday than the lead's ("On Tuesday, troops captured..."), or one that
    dates all it tells days before the report when the lead names its own day ("early on
    Wednesday", then "a strike near Atmeh on Oct. 17 killed")."""
    day = next(
        (
            h.label
            for s in event[:2]
            for h in s.hits["date"]
            if h.label in _WEEKDAYS and not _said(s, h.start)
        ),
        None,
    )
    out = event[:2]
    # "Dans l'est syrien, la nuit où les hélicoptères sont revenus. Les habitants disent avoir
    # d'abord entendu le bruit...": a headline and lead that tell no outcome and a lead with no
    # event word leave the occurrence to the sentences after, "earlier this week" or not; the
    # first to tell an outcome weighs as a lead
    told = {h.label for s in event[:2] for h in s.hits["what"]}
    own_week = told.isdisjoint(_TOLD) and (len(event) < 2 or not event[1].hits["what"])
    late = 0  # how many sentences of a scene-led report's own lead are still to come
    for sentence in event[2:]:
        if own_week:
            tells = _tells(sentence)
            sentence = replace(sentence, own_week=True, weight=2.0 if tells else sentence.weight)
            own_week = not tells
            late = LEAD_SENTENCES if tells else 0
        if late:
            sentence = replace(sentence, late_lead=True)
            late -= 1
        opens = next((h for h in sentence.hits["date"] if h.start <= OPENING_DAY), None)
        other_day = (
            day is not None
            and opens is not None
            and opens.label in _WEEKDAYS
            and opens.label != day
            # "Tuesday night" in a report of "early Wednesday": the same night
            and not (
                _WEEKDAYS[(_WEEKDAYS.index(day) - 1) % 7] == opens.label
                and any(h.label == "night" for h in sentence.hits["daypart"])
            )
        )
        if (
            other_day
            or _it_was_another(sentence.text)
            or (day is not None and _dated_before(sentence, published))
        ):
            sentence = replace(sentence, aside=True)
        out.append(sentence)
    return out


def _dated_before(sentence: _Sentence, published: datetime | None) -> bool:
    """Whether every day a sentence writes out ("on Oct. 17", "le 4 octobre") lies more
    than BACKGROUND_DAYS before the report: another occurrence's."""
    if published is None:
        return False
    day = published.date()
    dates = _explicit_dates(sentence.words, day)
    return bool(dates) and all((day - when).days > BACKGROUND_DAYS for _, when in dates)


# a standfirst that says what did not happen
_DENIES = re.compile(
    r"(?i)\b(?:no|not|nor|without|never|denie[sd]|sans|ni|pas|aucune?|jamais|dément\w*)\b"
    r"|\bn['’]|(?<!\S)(?:لم|لا|دون|بدون|ينفي|نفى|نفت|تنفي)(?!\S)"
)


def _four_words(text: str) -> bool:
    """Whether a text has four words at least (read up to the fourth only)."""
    return next(islice(_WORDS.finditer(text), 3, None), None) is not None


# ---- what --------------------------------------------------------------------------------

_PRECEDENCE = ("succession", "killed", "captured", "targeted")


def _what(event: list[_Sentence], result: MatchResult, rule_what: Mapping[str, str]) -> str:
    """The event's kind: the strongest kind the event text gives a leadership figure."""
    scores = dict.fromkeys(
        (*_PRECEDENCE, "operation", "succession_weak", "succession_confirm"), 0.0
    )
    told: tuple[float, frozenset[str]] = (0.0, frozenset())  # the last sentence's outcomes
    for n, sentence in enumerate(event):
        if n >= 2 and sentence.recalls and not sentence.tells_then_recalls:
            told = (0.0, frozenset())
            continue  # "the strike came days after the group confirmed its leader's death"
        hits = sentence.hits["what"]
        roles = [r for r in sentence.hits["role"] if not _speaks(sentence.words, r)]
        if roles and hits and _RANKLESS.found(sentence.text):
            roles = []  # "لم تشر إلى وجود قيادي بينهم": the dead held no rank
        cut, opening = sentence.recall_from, sentence.recall_to
        if told[1] and roles and not hits and _AMONG.match(sentence.text):
            # "Neuf personnes ont été interpellées. Parmi elles figure l'« émir » d'une
            # cellule": the men the sentence before took or killed include a leader
            for label in told[1]:
                scores[label] += told[0] + sentence.weight
        told = (
            sentence.weight,
            frozenset(h.label for h in hits if h.label in _OUTCOMES and opening <= h.start < cut),
        )
        outcome = any(h.label in _OUTCOMES for h in hits if h.start >= opening)
        for hit in hits:
            if hit.start >= cut:
                break  # "...on Wednesday, a day after a U.S. raid killed a commander"
            if hit.start < opening:
                continue  # "Seven weeks after a strike killed a financier, Sarmada was hit"
            if hit.label.startswith("succession") and _in_opening_recall(sentence, hit):
                continue  # "Three days after IS names new chief, raid targets a commander"
            if hit.label == "succession_confirm" and (
                _confirmed_by_its_enemy(sentence, hit) or _lost(sentence.words, hit)
            ):
                # "Centcom confirms the death of the leader it targeted"; "the office that
                # plotted abroad loses its chief": a death told, no announcement of the group's
                continue
            if hit.label == "operation" and not outcome and _aimed(sentence, hit, roles):
                # "a strike against a senior leader", "raid on IS money man": aimed at him,
                # in a sentence that says no more
                scores["targeted"] += sentence.weight
                continue
            if hit.label in ("operation", "succession", "succession_weak", "succession_confirm"):
                scores[hit.label] += sentence.weight
                continue
            # killing or arresting rank and file is an operation; a leader's, the event
            near_role = any(
                abs(r.start - hit.start) <= NEAR_WORDS
                or (hit.start < r.start <= hit.start + 2 * NEAR_WORDS and _presented(sentence, r))
                for r in roles
            )
            label = hit.label
            if _after_it(sentence.words, hit) and any(
                h.start > hit.start and h.label in _TOLD and h.label != label for h in hits
            ):
                # "après l'arrestation du wali, son adjoint tué", "بعد اعتقال الوالي.. مقتل
                # نائبه": the outcome the news follows, told before it (alone, "two days
                # after the arrest of a financier, a new sweep", it may be all there is)
                continue
            if label == "captured" and _led_by(_AVOIDED, sentence, hit, 40):
                continue  # "se fait exploser pour échapper à l'arrestation": not taken
            if label == "killed" and _led_by(_CHARGED, sentence, hit, 40):
                continue  # "accused of assassinations": what he did, not what befell him
            if label == "killed" and (sentence.asks or _led_by(_INTENT, sentence, hit, 30)):
                # "Was the ISIS leader killed?", "dans le but d'éliminer un responsable": a
                # strike on him
                label = "targeted"
            elif label in _OUTCOMES and _led_by(_WHETHER, sentence, hit, 40):
                # "without saying whether he had been killed or captured": his fate untold
                label = "targeted"
            # (the names read last: most hits are near a role, and reading names costs)
            scores[label if near_role or sentence.men_named else "operation"] += sentence.weight
    # the group's own announcement, or a successor named: the headline or lead says so
    if scores["succession"] >= 2.0 and scores["succession"] + scores["succession_weak"] >= 3.0:
        return "succession"
    if scores["succession_confirm"] >= 3.0 and scores["killed"] > 0 and _top_told(event[:2]):
        return "succession"  # the group confirms its own leader's death
    best = max(_PRECEDENCE[1:], key=lambda k: (scores[k], -_PRECEDENCE.index(k)))
    # a leader's fate read only further down, beside a stronger sweep, is another story
    # ("the arrests came on the day a strike killed a commander")
    if scores[best] > 0 and (scores[best] >= 2.0 or scores[best] >= scores["operation"]):
        # a strike that killed its target was aimed at him too: killed beats targeted
        if best == "targeted" and scores["killed"] >= scores["targeted"] * 0.5:
            return "killed"
        return best
    if scores["operation"] > 0:
        return "operation"  # not the kind a rule declares for a line further down
    declared = [rule_what[r] for r in result.rules if r in rule_what]
    return declared[0] if declared else "operation"


# An official who speaks of the event is not its man: "killing five militants, a US defence
# official said"; "selon un responsable"; "two men described by a security official as..."
_SPEECH_AFTER = frozenset(
    _split(
        "said says told tells added described confirmed declared stated dit declare indique "
        "precise affirme قال أفاد افاد"
    )
)
_SPEECH_BEFORE = frozenset(_split("according by selon par told to"))
_SPEAKERS = frozenset({"official", "spokesman"})
_OFFICES = frozenset(_split("prosecutor prosecutors judge justice executive inspector procureur"))


# "after", and the words that may stand between it and the outcome it names
_AFTER_OUTCOME = frozenset({"after", "apres", "بعد", "following", "lendemain"})
_BETWEEN_AFTER = frozenset(
    {"the", "his", "its", "their", "la", "le", "les", "l", "son", "sa", "de"}
)


def _after_it(words: list[Word], hit: Hit) -> bool:
    """Whether an outcome is named as what the news came after ("after the arrest of")."""
    k = hit.start - 1
    while k >= 0 and k >= hit.start - 3 and words[k].form in _BETWEEN_AFTER:
        k -= 1
    return k >= 0 and not _AFTER_OUTCOME.isdisjoint(words[k].forms)


# "arrested a Syrian national presented as the group's recruitment chief": the man the
# outcome befell, given his role further on than a role near it would stand
_PRESENTED = frozenset(
    _split(
        "described presented identified named introduced believed presente presentes decrit "
        "decrits identifie identifies designe designes considere"
    )
)
_AS = frozenset(_split("as comme"))
_BE = frozenset(_split("be being"))
_TO_OF = frozenset(_split("to of"))
_SUSPECTED = frozenset(_split("suspected believed thought alleged accused said reported"))


def _presented(sentence: _Sentence, role: Hit) -> bool:
    """Whether a role word follows "described as", "présenté comme", "suspected of being"
    (four words at most between, "the group's recruitment chief")."""
    words = sentence.words
    for k in range(role.start - 1, max(0, role.start - 5), -1):
        if not _AS.isdisjoint(words[k].forms):
            return not _PRESENTED.isdisjoint(words[k - 1].forms)
        if k >= 2 and not _BE.isdisjoint(words[k].forms):
            # "a man neighbours suspected of being an Islamic State commander"
            return not _SUSPECTED.isdisjoint(words[k - 2].forms) and not _TO_OF.isdisjoint(
                words[k - 1].forms
            )
    return False


def _speaks(words: list[Word], role: Hit) -> bool:
    """Whether a role word is someone speaking of the event (an official who said it), or
    the title of an office of the state ("the city's chief prosecutor said")."""
    if role.end < len(words) and not _OFFICES.isdisjoint(words[role.end].forms):
        return True
    if role.label not in _SPEAKERS:
        return False
    after = words[role.end : role.end + 3]
    before = words[max(0, role.start - 5) : role.start]
    return any(not _SPEECH_AFTER.isdisjoint(w.forms) for w in after) or any(
        not _SPEECH_BEFORE.isdisjoint(w.forms) for w in before
    )


# what ties an operation to the man it was aimed at: "strike against", "raid on", "contre"
_AIMED_AT = frozenset(
    {"against", "on", "targeting", "carrying", "contre", "visant", "ciblant", "ضد", "على"}
)


# what a strike set out to do, not what it did: "in a bid to kill", "dans le but d'éliminer"
_INTENT = re.compile(
    r"(?i)\b(?:in a bid to|aim(?:ed|ing)? to|seek(?:ing)? to|sought to|in an attempt to|"
    r"attempt(?:ed|ing)? to|intended to|meant to|trying to|tried to|dans le but d['’]|"
    r"afin d['’]|pour tenter d['’]|visant à|cherchant à|en vue d['’])\s*$"
    r"|(?<!\S)(?:بهدف|لمحاولة|في محاولة (?:ل|لـ)?)\s*$"
)


# what a man is accused of, not what befell him: "accused of killing council members", "يتهمونه
# بالوقوف وراء عمليات اغتيال", "soupçonné d'avoir tué deux policiers" (not "behind" or "ordered"
# alone: "the unit behind the killing of the group's leader" tells the killing)
_CHARGED = re.compile(
    r"(?i)\b(?:accused of|charged with|blamed for|suspected of|wanted for|responsible for"
    r"|plotted|plotting|accusée? d['’]avoir|soupçonnée? d['’]avoir|accusée? de|soupçonnée? de"
    r"|responsable de)"
    # ("accused of ordering the killing of local officials")
    r"(?: (?:ordering|organi[sz]ing|planning|carrying out|committing|involvement in))?"
    r"(?: (?:the|a|several|a series of|a wave of|dozens of|l['’]|la|les|des|d['’]|du))*\s*$"
    r"|(?<!\S)(?:[يت]?تهم\w*|متهم\w*|المتهم\w*|بتهمة|مسؤول عن|المسؤول عن|بالوقوف وراء)"
    r"(?: (?:عمليات|عملية|سلسلة|موجة))?\s*$"
)


# an outcome asked of, not told: "without saying whether he had been killed or captured",
# "sans préciser s'il a été tué", "دون أن يوضح ما إذا كان قد قتل"
_WHETHER = re.compile(
    r"(?i)\b(?:whether|if) (?:he|they|the (?:man|men|target|official|commander)) "
    r"(?:had been|has been|was|were|had|have been) (?:(?:killed|captured|detained) or )?$"
    r"|\bs['’](?:il|ils) (?:avait|avaient|a|ont) été (?:(?:tué|capturé|arrêté)s? ou )?$"
    r"|(?<!\S)(?:ما )?إذا (?:كان|كانوا)(?: قد)? (?:(?:قتل|اعتقل|أسر) أو )?$"
)


# what a cornered man did to escape capture, not a capture: "blew himself up to avoid arrest",
# "se fait exploser pour échapper à l'arrestation", "فجر نفسه هرباً من الاعتقال"
_AVOIDED = re.compile(
    r"(?i)\b(?:to (?:avoid|evade|escape|resist)|rather than (?:face|be|risk)|avoiding"
    r"|evading|resisting|pour (?:échapper|éviter|se soustraire)|plutôt que d['’]être)"
    r"(?: (?:an?|the|his|being|à|a|l['’]|d['’]être|son|sa|une?))?\s*$"
    r"|(?<!\S)(?:هربا?ً?|تفاديا?ً?|تجنبا?ً?|لتفادي|لتجنب|رفضا?ً? ل)\s*(?:من )?(?:ال)?$"
)


# the ranks below the group's own leader: "newsletter confirms Anbar deputy died" tells that
# man's death, more of the strike on him, not a succession
_BELOW_TOP = frozenset(
    {"emir", "commander", "governor", "official", "deputy", "financier", "spokesman", "operative"}
)


# "قيادي", "القادة": a leading member, one of the leaders, never the group's own leader (زعيم)
_ONE_OF_THE_LEADERS = frozenset({"قيادي", "قياديا", "قياديين", "قياديي", "قادة", "قيادات"})


# what the group calls the man whose death it confirms, when it is its leader ("mourns its
# leader", "annonce la mort de son chef", "ينعى زعيمه")
_ITS_LEADER = frozenset(
    {"its leader", "its chief", "its caliph", "son chef", "son calife", "زعيمه"}
)


def _top_told(lead: list[_Sentence]) -> bool:
    """Whether the headline and lead tell of the group's leader: by his rank, by what the group
    calls him, or by the Qurashi lineage its caliphs claim (not a eulogy for a "sheikh" of no
    rank given: another death, not an announcement)."""
    for s in lead:
        if any(
            h.label == "succession_confirm"
            and " ".join(w.form for w in s.words[h.start : h.end]) in _ITS_LEADER
            for h in s.hits["what"]
        ):
            return True
        if any(p.startswith("krS/") for name, _ in s.names for p in name_key(name).split()):
            return True
    roles = _lead_roles(lead)
    return bool(roles) and not roles <= _BELOW_TOP


def _lead_roles(lead: list[_Sentence]) -> set[str]:
    """The ranks the headline and lead give a man ("قيادي": one of the leaders, a commander)."""
    return {
        "commander" if _ONE_OF_THE_LEADERS.intersection(s.words[r.start].forms) else r.label
        for s in lead
        for r in s.hits["role"]
        # ("a rare acknowledgement of a leadership loss": no man's rank)
        if not _speaks(s.words, r) and not s.words[r.start].form.startswith("leadership")
    }


def _led_by(pattern: re.Pattern[str], sentence: _Sentence, hit: Hit, chars: int) -> bool:
    """Whether `pattern` ends right before the hit's word, within `chars` characters ("in a bid
    to" kill: the aim; "to avoid" arrest: what the man escaped)."""
    start = sentence.words[hit.start].start
    return pattern.search(sentence.text, max(0, start - chars), start) is not None


def _aimed(sentence: _Sentence, hit: Hit, roles: list[Hit]) -> bool:
    """Whether an operation word is aimed at a role word a few words on ("a strike against a
    senior leader"; not "the operations chief", nor "struck what officials described")."""
    words = sentence.words
    return any(
        1 < r.start - hit.start <= AIMED_WORDS
        and any(not _AIMED_AT.isdisjoint(w.forms) for w in words[hit.end : r.start])
        for r in roles
    )


_LOST = frozenset(_split("loses lost lose losing perd perdu"))


def _lost(words: list[Word], hit: Hit) -> bool:
    """Whether "its chief" is what something lost ("loses its chief", "a perdu son chef")."""
    return hit.start > 0 and not _LOST.isdisjoint(words[hit.start - 1].forms)


def _confirmed_by_its_enemy(sentence: _Sentence, hit: Hit) -> bool:
    """Whether someone other than the group confirms the death: the forces that fight it
    (the coalition, the SDF, Iraq... named just before the words), or a DNA test."""
    start = hit.start - CONFIRMER_WORDS
    return any(start <= a.start < hit.start for a in sentence.hits["actor"]) or any(
        w.raw in ("US", "U.S", "U.S.") or w.form in _TESTS
        for w in sentence.words[max(0, start) : hit.start]
    )


# "DNA tests confirm the death", "l'ADN confirme la mort", "فحص الحمض النووي يؤكد مقتل"
_TESTS = frozenset({"dna", "adn", "test", "tests", "النووي", "فحص"})


# ---- who ---------------------------------------------------------------------------------


def _people(
    event: list[_Sentence],
    places: Gazetteer,
    year: int | None = None,
    taken: tuple[date, datetime] | None = None,
    what: str = "",
) -> tuple[Person, ...]:
    """The people the headline and lead name as the event's (`taken`: the event's day and
    the report's time, to leave out a man the lead says was taken on an earlier day; `what`:
    the event's kind, to leave out a man whose other fate it followed)."""
    other_fate = _OTHER_FATE.get(what)
    found: dict[str, Person] = {}
    # the headline and the lead name the event's people; the matched sentences further down
    # may name the people of other, earlier events
    # (a scene-led report names them where it first tells the occurrence)
    late = [
        s
        for s in event[PEOPLE_SENTENCES:]
        if s.late_lead and (not s.recalls or s.tells_then_recalls)
    ]
    for n, sentence in enumerate([*event[:PEOPLE_SENTENCES], *late]):
        roles = sentence.hits["role"]
        past = _past_year(sentence.text, year)
        if sentence.recalls and (
            sentence.late_lead or (n >= 2 and _came_after_by(sentence.text) is not None)
        ):
            # (its recall names another's men; in the lead too, after "it came after":
            # "وتأتي هذه العملية بعد يومين فقط من إعلان اعتقال مهند العبيدي")
            past = min(past, sentence._recall or 0)
        kin_end = -KIN_CHARS - 1
        for name, start in sentence.names:
            if start > past:
                # "Since October 2019 and the death of Abu Bakr al-Baghdadi...", "In February
                # 2022, his successor, Abu Ibrahim al-Hashimi...": the lead's background
                continue
            key = name_key(name)
            if not key or any(_same_name(key, k) for k in found):
                continue
            if taken is not None and _taken_before(sentence, start + len(name), *taken):
                continue
            if _KIN_BEFORE.search(sentence.text, max(0, start - KIN_CHARS), start) or (
                0 <= start - kin_end <= KIN_CHARS and _ALIAS.search(sentence.text, kin_end, start)
            ):
                # "the deputy and chief of staff to Ahmad al-Dulaymi, the Iraqi known as Abu
                # Abd al-Rahman", "frère de": the man told of is another, by either name
                kin_end = start + len(name)
                continue
            if _names_place(sentence, name, start, places):
                continue
            if other_fate is not None and other_fate.search(
                sentence.text, max(0, start - FATE_CHARS), start
            ):
                # "designated him in the days following the death of Abu Hamza al-Tunisi", in a
                # report of the successor's capture: the man whose death it came after
                continue
            parts = name.split()
            # "the wali of Kirkuk Abu Yasir al-Issawi", "arrêté à Istanbul Youssef al-Ahmad": the
            # place goes before a nom de guerre, or after "of", "in"... (not "named him as Jassim
            # Mohammed al-Obeidi": a given name spelled like the town of Jassem)
            placed = _IN_OR_OF.search(sentence.text, max(0, start - 12), start) is not None
            while (
                len(parts) > 2
                and (placed or fold(parts[1]) in _KUNYA or parts[1] in _ARABIC_KUNYA)
                and places.lookup(parts[0]) is not None
            ):
                parts = parts[1:]
            if len(parts) != len(name.split()):
                name, key = " ".join(parts), name_key(" ".join(parts))
            role = _role_near(sentence.words, start, roles)
            if role is None and fold(parts[0]) in _MOTHER:
                # "Umm Khaled was kneading dough when the windows shook": a scene-led lead's
                # witness, or a village ("Um Madfa"); the group's leaders are men, and a woman
                # of it is named with her title ("the hisba official Umm Hamza")
                continue
            if role is None and n >= 1 and _witness_in_scene(sentence, name, start):
                continue
            found[key] = Person(name, role, key)
            if len(found) >= MAX_PEOPLE:
                return tuple(found.values())
    return tuple(found.values())


def _witness_in_scene(sentence: _Sentence, name: str, start: int) -> bool:
    """Whether a man a lead names is a scene's witness: a child ("15-year-old Yazan al-Ali
    lies with his leg in a frame"), or the subject of a scene that tells no outcome ("Abu
    Mustafa was closing the shutters of his olive press when the first helicopter passed")."""
    if _CHILD_BEFORE.search(sentence.text, max(0, start - 30), start):
        return True
    return (
        start == 0
        and _SCENE_VERB.match(sentence.text, len(name)) is not None
        and not any(h.label in _TOLD for h in sentence.hits["what"])
    )


_CHILD_BEFORE = re.compile(r"\b(?:[1-9]|1[0-7])-year-old (?:boy |girl |son |daughter )?$")
# a scene's narrative: "was kneading", "lies", "sat", "remembers"
_SCENE_VERB = re.compile(
    r" (?:was|were|is|had been) \w+ing\b"
    r"| (?:lies|lay|sits|sat|stands|stood|remembers|recalls|still|never|had just)\b"
)


# the words before a place's name that run on into a man's ("the wali of Kirkuk Abu Yasir")
_IN_OR_OF = re.compile(
    r"(?i)\b(?:of|for|in|at|near|from|de|du|à|pour|dans)\s$|\bd['’]$|(?<!\S)(?:في|من)\s$"
)


def _names_place(sentence: _Sentence, name: str, start: int, places: Gazetteer) -> bool:
    """Whether a name the sentence gives at `start` is a place's: "Abu Kamal" the town,
    "Djebel al-Amour" the mountains, "the village of Jurdi al-Sharqi" and "Jabal Abu Rujmein"
    the gazetteer does not know."""
    return bool(
        places.lookup(name) is not None
        or fold(name.split()[0]) in _PLACE_WORDS
        or _PLACE_BEFORE.search(sentence.text, max(0, start - 30), start)
        or _PLACE_START.match(sentence.text, start)
        or _PLACE_AFTER.match(sentence.text, start + len(name))
    )


# ", known as Abu Talha, who was arrested in Mayadin, about 15 km up the river, on Tuesday"
_WHO_WAS = re.compile(
    r",? (?:[^,.;]{1,60}, )?(?:who|qui) (?:was|had been|a été|avait été) (?:\w+ )?"
    r"(?:arrested|captured|detained|seized|killed|arrêté|capturé|interpellé|tué)\b"
)
WHO_WAS_CHARS = 90  # from the end of a name to the verb of its relative clause


def _taken_before(sentence: _Sentence, end: int, when: date, published: datetime) -> bool:
    """Whether the man named up to `end` is said, in a clause of his own, to have been taken or
    killed on a day before the event's: "the questioning of Yasser al-Dandal, who was
    arrested in Mayadin on Tuesday" in a report of Wednesday's arrests (another occurrence)."""
    m = _WHO_WAS.match(sentence.text, end, end + WHO_WAS_CHARS)
    if m is None:
        return False
    local = (published + LOCAL_OFFSET).date()
    for hit in sentence.hits["date"]:
        if sentence.words[hit.start].start < m.start():
            continue
        if hit.label in _WEEKDAYS or hit.label in _DAYS_AGO:
            return _named_day(sentence.words, hit, local, published.date()) < when
    return False


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _past_year(text: str, year: int | None) -> int:
    """Where the text first names a year before `year` (past its end when it names none)."""
    if year is not None and ("19" in text or "20" in text):
        for m in _YEAR.finditer(text):
            if int(m.group()) < year:
                return m.start()
    return len(text)


# the man another is kin, deputy or aide to ("the deputy and chief of staff to", "le frère
# de", "شقيق"), or whose network he served, and the cover name neighbours knew him by: named to
# say who the event's man is, not one of its people
_KIN_BEFORE = re.compile(
    r"(?i)\b(?:deputy|aide|brother|son|nephew|cousin|relative|wife|widow|right-hand man|bodyguard|"
    r"driver|adjoint|bras droit|frère|fils|neveu|épouse|veuve|garde du corps|chauffeur"
    # "managing money for the external operations network of Abu Ubaydah": its head
    r"|network|réseau)"
    r"(?: [\w-]+){0,4} (?:to|of|de|du|d['’])\s*(?:the |late |slain |feu )*$"
    r"|\b(?:network|réseau) (?:run|led|headed|dirigé|mené) (?:by|par)\s*(?:the |late |feu )*$"
    # "une famille que les voisins connaissaient sous le nom d'« Abou Ahmad »": a cover name
    r"|\b(?:voisins|habitants|neighbou?rs|residents|locals)\b[^.]{0,40}?\b(?:connaissaient"
    r"|connaissent|knew|know)\b[^.]{0,25}?(?:sous le nom (?:de |d['’])|as )[«\"“]?\s*$"
    r"|(?<!\S)(?:نائب|شقيق|نجل|زوجة|أرملة|مرافق|سائق|شبكة)(?: (?:ال|لل)\S+)? $"
    # "he was a different person from Abu Musab al-Jubouri, the Kirkuk wali killed on Monday":
    # the man he is told apart from
    r"|\b(?:(?:a |an )?(?:different|another|other) (?:person|man|individual) (?:from|than)"
    r"|not (?:to be )?confused with|(?:une )?autre personne que|(?:à ne pas|ne doit pas être)"
    r" confondu avec)\s*(?:the |late |slain |feu )*$"
    r"|(?<!\S)(?:شخص آخر غير|غير)\s*$"
)
KIN_CHARS = 60
# a man whose death a capture followed, or whose capture a killing followed ("after the death
# of", "après l'arrestation de", "بعد مقتل"): another occurrence's (a succession names the dead
# leader it followed as its own)
_AFTER_DEATH = (
    r"(?i)\b(?:after|following|since) (?:the )?(?:death|killing) of (?:the |late |slain )*$"
    r"|\b(?:après|depuis) (?:la mort|l['’]élimination) (?:de |d['’])\s*$"
    r"|(?<!\S)(?:بعد|عقب|إثر|اثر) (?:مقتل|وفاة)\s*$"
)
_AFTER_CAPTURE = (
    r"(?i)\b(?:after|following|since) (?:the )?(?:capture|arrest|detention) of (?:the )*$"
    r"|\b(?:après|depuis) (?:la capture|l['’]arrestation|l['’]interpellation) (?:de |d['’])\s*$"
    r"|(?<!\S)(?:بعد|عقب|إثر|اثر) (?:اعتقال|القبض على|أسر)\s*$"
)
# the man the event's man succeeded ("his predecessor, Abu Hamza", "خلفاً لأبي حمزة التونسي")
_PREDECESSOR = (
    r"\b(?:his|their|its) predecessor,? (?:the late |late )?$|\bson prédécesseur,? (?:feu )?$"
    r"|(?<!\S)خلف(?:ا|اً|ًا) (?:ل|لـ ?)?$"
)
# (in a report of a killing, "confirming that his predecessor, Abu Hafs, is dead" may name
# the dead man)
_OTHER_FATE = {
    "captured": re.compile(f"{_AFTER_DEATH}|{_PREDECESSOR}"),
    "killed": re.compile(_AFTER_CAPTURE),
}
FATE_CHARS = 45
# a witness who speaks, not a man the report is about: "يقول أبو محمد، وهو نازح يقيم في مخيم
# مجاور" (in Latin script, _WITNESS_AFTER: "said Abu Mahmoud, a farmer")
_SPEAKS_BEFORE = re.compile(r"(?<!\S)(?:و)?(?:يقول|قال|يروي|روى|تقول|قالت|يضيف|أضاف)\s*$")
_WITNESS_SAID = re.compile(
    r"\s*(?:\(اسم مستعار\)\s*)?(?:،\s*(?:وهو|وهي|أحد|احد)(?!\S)|\(اسم مستعار\))"
)


# "وقال أحد سكان الحي، ويدعى أبو خالد": a resident, and then his name
_RESIDENT_NAMED = re.compile(
    r"(?<!\S)(?:أحد|احد|إحدى|احدى) (?:سكان|أهالي|اهالي|الأهالي|السكان|شهود|ساكني|جيران)"
    r"(?: \S+){0,3}?،?\s*(?:و)?(?:يدعى|يُدعى|تدعى|اسمه|يُكنى|يكنى)\s*$"
)


# "كان أبو محمد، صاحب محطة صغيرة لبيع المحروقات": a man his trade introduces, who tells
_TRADE_AFTER = re.compile(
    r"\s*،\s*(?:صاحب|صاحبة|بائع|بائعة|مزارع|سائق|راعي|تاجر|معلم|مدرس|ممرض|ممرضة|عامل|موظف"
    r"|من سكان|من أهالي|أحد سكان|أحد أهالي)(?!\S)"
)


def _witness_said(text: str, name: str, start: int) -> bool:
    """Whether the Arabic name at `start` is a witness's, who speaks and is described (or a
    resident, named after he is said to be one, or introduced by his trade)."""
    return (
        bool(
            _SPEAKS_BEFORE.search(text, max(0, start - 12), start)
            and _WITNESS_SAID.match(text, start + len(name))
        )
        or bool(_RESIDENT_NAMED.search(text, max(0, start - 60), start))
        or bool(_TRADE_AFTER.match(text, start + len(name)))
    )


_ALIAS = re.compile(
    r"(?i)\b(?:known as|alias|aka|dit|surnommé|connu sous le nom)\b|المعروف|الملقب|المكنى"
)
# what names a place, not a man: "the village of Jurdi al-Sharqi", "قرية جديد عكيدات"
_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:village|town|hamlet|camp|localité|bourg|ville|hameau)s? (?:of |de |d['’])?"
    r"(?:(?:the )?(?:nearby|neighbou?ring|voisin[es]*) )?$|(?<!\S)(?:قرية|بلدة|قرى|بلدات|مخيم) $"
    # "landed on the outskirts of Ghanem al-Ali"
    r"|\b(?:outskirts|edge) of (?:the )?$"
)
# ...or a word after it says so: "Ghanem al-Ali, a village near Maadan", "Abou Hamam, une
# localité"
_PLACE_AFTER = re.compile(
    r"(?i),? (?:an? (?:small |tiny |farming |nearby |riverside )?(?:village|town|hamlet)"
    r"|une? (?:petite? )?(?:village|localité|bourgade|ville|hameau))\b"
)
# ...or is one: "Jabal Abu Rujmein" (a name read from its start drops the mountain's word)
_PLACE_START = re.compile(r"(?i)(?:jabal|jebel|djebel|mount|wadi|oued|جبل|جبال|وادي)\s")

# the first words of places, never of a man's name
_PLACE_WORDS = frozenset(
    _split(
        """
        jabal jebel djebel jbel tal tel tell tall wadi oued ayn ain deir dayr kafr kfar khirbet
        khirbat bir jisr qasr mont camp jazrat jazirat jezireh
        جبل تل وادي دير كفر جسر بئر مخيم جزرة جزيرة
        """
    )
)


def _same_name(a: str, b: str) -> bool:
    return a == b or same_person(a, b)


def _role_near(text: list[Word], start: int, roles: list[Hit]) -> str | None:
    index = next((i for i, w in enumerate(text) if w.start >= start), len(text))
    near = [r for r in roles if abs(r.start - index) <= 6]
    if not near:
        return None
    return min(near, key=lambda r: abs(r.start - index)).label


# "the al-Bab–Qabasin road": two towns; "Who is 'Abu Hamza'? Dhiban raid nets...": a quote
# closes a name
_NAME_BREAKS = frozenset(",;:()[]|/–—?!\"“”«»'’‘")


def _latin_names(text: str, lowered: str | None) -> list[tuple[str, int]]:
    """Names in Latin script: (name, character offset); `lowered`: caseless_lower(text)."""
    if not _CAPITAL.search(text) or _NAME_HINT_START.start_lowered(text, lowered) is None:
        return []  # Arabic copy, nothing capitalised, or no name shape to accept
    out = []
    tokens = []
    for m in _NAME_TOKEN.finditer(text):
        word, start = m.group(), m.start()
        elided = _ELIDED.match(word) if "'" in word or "’" in word else None
        if elided:  # "d'Abou Ibrahim": the French article is not part of the name
            word, start = word[elided.end() :], start + elided.end()
        tokens.append((word, start, m.end()))
    i = 0
    while i < len(tokens):
        first = tokens[i][0]
        if not (first[:1].isupper() or "-" in first[:4]):
            i += 1  # no run starts here (the test below, on the word as written)
            continue
        run: list[tuple[str, int, int]] = []
        j = i
        while j < len(tokens):
            if run and not _NAME_BREAKS.isdisjoint(text[tokens[j - 1][2] : tokens[j][1]]):
                break  # "entre Azaz et al-Bab, Akhtarine": no name runs across a comma
            word = tokens[j][0].rstrip(".")
            lower = word.lower()
            # a name's word starts with a capital or a particle ("al-"): test those only
            if (run and lower in _CONNECTORS) or (
                (word[:1].isupper() or "-" in word[:4]) and _LATIN_NAME.fullmatch(word)
            ):
                run.append((word, tokens[j][1], tokens[j][2]))
                j += 1
                if tokens[j - 1][0].endswith(".") and len(word) > 1:
                    break  # a sentence or an abbreviation ends here
                continue
            break
        if len(run) < 2:
            i = max(j, i + 1)
            continue  # every name accepted has two words at least
        while run and run[-1][0].lower() in _CONNECTORS:
            run.pop()
        name = _person_name(text, run, tokens, i)
        if name:
            out.append((name, run[0][1]))
        i = max(j, i + 1)
    return out


def _person_name(
    text: str, run: list[tuple[str, int, int]], tokens: list[tuple[str, int, int]], i: int
) -> str | None:
    """The person a run of capitalised words names, or None when it names none."""
    while run and _common(run[0][0]):
        run = run[1:]
    while run and _common(run[-1][0]):
        run = run[:-1]
    lowered = [w.lower() for w, _, _ in run]
    # the word after Abu is the kunya's own ("Abu Muslim", "Abu Islam"): no common word then
    if not run or any(
        _common(w) and not (k and lowered[k - 1] in _KUNYA) for k, w in enumerate(lowered)
    ):
        return None
    if any(w.endswith(("'s", "’s")) for w in lowered[:-1]):
        return None  # "Syria's al-Bab": a possessive ends a name, it does not run through one
    kunya = lowered[0] in _KUNYA and len(run) >= 2
    arabic_shape = any(
        w.startswith(("al-", "el-", "al‑", "el‑")) or w in ("bin", "ibn") for w in lowered
    )
    before = text[max(0, run[0][1] - 40) : run[0][1]].lower()
    introduced = any(before.rstrip().endswith(p) for p in _INTRODUCERS)
    if not (kunya or (arabic_shape and len(run) >= 2) or (introduced and len(run) >= 2)):
        return None
    previous = tokens[i - 1][0].lower() if i > 0 else ""
    following = text[run[-1][2] : run[-1][2] + 12].lower()
    if not kunya and (previous in _QUOTERS or following.lstrip(" ,").startswith(("said", "told"))):
        return None  # an official quoted, not the event's person
    if "," in following and _WITNESS_AFTER.match(text, run[-1][2]):
        return None  # "said Abu Mahmoud, a farmer who lives two doors away": a witness
    if _MEDIUM_BEFORE.search(before):
        return None  # "le réseau d'information local « Sada al-Charqiya »": an outlet
    if _SOURCE_NAMED.search(text, max(0, run[0][1] - 60), run[0][1]):
        return None  # "a neighbour, who asked to be identified only as Abu Khalil": a witness
    return " ".join(w for w, _, _ in run)


# the name a witness chose to be quoted by (not "a commander identified only as Abu Omar",
# who is the report's man)
_SOURCE_NAMED = re.compile(
    r"(?i)\b(?:asked|wished|preferred|wanted|agreed) (?:to be|that he be|that she be) "
    r"(?:identified|named|called|referred to|quoted)(?: only)? (?:as|by)\s*[«\"“]?\s*$"
    r"|\bg(?:ave|ives?|iving) (?:his|her) name (?:only )?as\s*[«\"“]?\s*$"
    r"|\ba demandé à (?:n['’])?être (?:identifiée?|appelée?|nommée?|citée?)(?: que)?"
    r" (?:sous le nom (?:de |d['’])|comme |par )\s*[«\"“]?\s*$"
    r"|\bs['’]est présentée? (?:seulement |uniquement )?(?:sous le nom (?:de |d['’])|comme )"
    r"\s*[«\"“]?\s*$"
)


# words after a man's name that make him a witness, not the event's man ("Abu Mahmoud, a
# farmer"; not "militant", a fighter in English)
_WITNESS_AFTER = re.compile(
    r"(?i),\s*(?:an? |un |une |the |le |la )?(?:[\w-]+ )?(?:farmer|resident|villager|neighbou?r"
    r"|shopkeeper|witness|relative|teacher|driver|trader|elder|activist|journalist|doctor|nurse"
    r"|mukhtar|shepherd|agriculteur|habitant|voisin|témoin|commerçant|berger|enseignant"
    r"|chauffeur|médecin|infirmier|journaliste"
    # ("Abou Fadi, un instituteur à la retraite, montre les traces de pneus")
    r"|schoolteacher|headmaster|mechanic|baker|grocer|pharmacist|tailor|labou?rer|pensioner"
    r"|instituteur|institutrice|professeur|retraité|ouvrier|mécanicien|boulanger|fermier"
    r"|éleveur|pharmacien|épicier"
    # "Sada al-Sharqiya, a local news network": an outlet
    r"|network|outlet|website|page|réseau|site|média)e?s?\b"
)
# an outlet's name after what it is: "the local network Sada al-Sharqiya", "le réseau
# d'information local « Sada al-Charqiya »"
_MEDIUM_BEFORE = re.compile(
    r"\b(?:network|outlet|website|news site|page|channel|réseau|site|média|chaîne)"
    # (not "identified by a monitoring network as Abu Hamza": the man it named)
    r"(?: (?!(?:as|comme|by|par|that|who|qui|to|said|an?)\b)[\w'’-]+){0,3}\s*[«\"“]?\s*$"
)


def _common(word: str) -> bool:
    """Whether a capitalised word is one that starts no name ("Près", "État", "Monday")."""
    lower = word.lower()
    return lower in _NOT_NAMES or (not lower.isascii() and fold(lower) in _NOT_NAMES)


def _stop(word: Word) -> bool:
    # as written: folded, the preposition على reads as the name Ali
    return word.raw.replace("ـ", "") in _ARABIC_STOP


def _punctuated(text: list[Word], k: int) -> bool:
    """Whether more than a space stands between word k and the one before (a comma, a
    quote: no name runs across it)."""
    return text[k].start - text[k - 1].end > 1


# Arabic letters, and the presentation forms and symbols that fold into them: a sentence
# without any names no one in Arabic script (three in four sentences are Latin script)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\U0001ee00-\U0001eeff]")


_LANDMARKS = frozenset(
    _split("جبل جبال تل تلة وادي قريه قرية بلده بلدة منطقه منطقة حي مدينة مدينه ناحية ناحيه مخيم")
)


# "باسم مستعار", "باسم حركي": a false name, a nom de guerre, and none given
_NO_NAME = frozenset(_split("مستعار مستعاره مستعارة حركي وهمي مزور مزيف"))
# "خلف الحسن، الملقب بـ...": a name, then what he is called
_ARABIC_ALIASES = frozenset(_split("الملقب المكنى المعروف"))
# what a name stated before its alias follows: "القبض على", "اعتقال", "مقتل"
_BEFORE_A_NAME = frozenset(_split("اعتقال واعتقال القبض مقتل ومقتل استهداف اغتيال تصفية"))


def _name_before_alias(text: list[Word], i: int) -> tuple[str, int] | None:
    """The two or three words before an alias set off by a comma ("على خلف الحسن، الملقب"),
    when a preposition or an arrest or a killing comes just before them."""
    if i < 3 or not _punctuated(text, i):
        return None
    for size in (2, 3):
        first = i - size
        if first < 1 or any(_stop(w) for w in text[first:i]):
            return None
        if any(_punctuated(text, k) for k in range(first + 1, i)):
            return None  # a comma inside: no one name
        before = text[first - 1].raw.replace("ـ", "")
        if any(f in _LANDMARKS for f in text[first].forms):
            return None  # "في مدينة البصيرة، المعروف بلقب": a town, and who lives there
        if not text[first].raw.startswith("ال") and (
            _stop(text[first - 1]) or before in _BEFORE_A_NAME
        ):
            return " ".join(w.raw for w in text[first:i]), text[first].start
    return None


def _arabic_names(text: list[Word]) -> list[tuple[str, int]]:
    """Names in Arabic script: a kunya (أبو ...) or an introduced name (المدعو ...)."""
    out = []
    for i, word in enumerate(text):
        # "الملقب بأبي عمر": "by" joined to the kunya
        kunya = word.raw if word.raw in _ARABIC_KUNYA else None
        if kunya is None and any(f in _ARABIC_KUNYA for f in word.forms[1:]):
            kunya = word.raw[1:]
        if kunya is not None and i + 1 < len(text):
            parts = [kunya, text[i + 1].raw]
            k = i + 2
            while k < len(text) and len(parts) < 5 and text[k].raw.startswith("ال"):
                if _stop(text[k]) or _punctuated(text, k):
                    break
                parts.append(text[k].raw)
                k += 1
            # "جبل أبو رجمين", "تل أبو ...": a mountain's or a hill's name, no man's
            # ("في أبو خشب": "in" Abu Khashab, a village)
            # ("وقرية أبو حردوب": "and the village of")
            landmark = i > 0 and (
                any(f in _LANDMARKS for f in text[i - 1].forms) or text[i - 1].raw == "في"
            )
            if not _stop(text[i + 1]) and not landmark:
                out.append((" ".join(parts), word.start))
        elif word.raw in _ARABIC_ALIASES and (name := _name_before_alias(text, i)):
            out.append(name)  # "القبض على خلف الحسن، الملقب بأبي دجانة": his name, then
        if _introduces(word.raw) and kunya is None and i + 2 < len(text):
            # ("المعروف بلقب الحجي": known by the nickname; the name follows)
            k = i + 1 + (text[i + 1].raw in _NAME_WORDS)
            parts = []
            # (an "Abd" name is one name in two words: "عبد الكريم محمود الحسن" is three)
            while k < len(text) and len(parts) - parts.count("عبد") < 3 and not _stop(text[k]):
                raw = text[k].raw.replace("ـ", "")
                if (parts and raw.startswith("و")) or len(raw) < 2:
                    break  # "ومرافقه": "and his companion" ends the name
                if parts and _punctuated(text, k):
                    break  # 'المكنى "أبو أنس"، بغارة': the quote and comma end it
                if parts and (raw in _ARABIC_ALIASES or _introduces(raw)):
                    break  # 'المدعو محمود الخلف الملقب "أبو طلحة"': his alias follows
                if not parts and raw in _NO_NAME:
                    break  # "يقيم باسم مستعار": under a false name, no name given
                if not parts and (raw in _ARABIC_TITLES or raw in _ARABIC_KUNYA):
                    # 'المعروف بلقب «والي ديالى»': a title, no name; a kunya is read as one
                    break
                if not parts and raw.startswith(("ال", "بال")):
                    # "المعروف داخل التنظيم", "المعروف بالأحرف الأولى ك.ح." (by his
                    # initials): no name starts with the article
                    break
                parts.append(raw)
                k += 1
            if len(parts) >= 2:
                out.append((" ".join(parts), text[i + 1].start))
    return out


# ---- where -------------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W_]+")
_DATELINE = re.compile(
    r"^\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý' ./-]{2,40}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    # ", Oct 3", ", Syria, Sept 29", ", 3 sept 2026" (French copy)
    r"(?:,\s*(?:[A-Z][A-Za-z]{2,12}\.?(?: \d{1,2})?|\d{1,2}(?:er)? [a-zéû]{3,9}\.?(?: \d{4})?))*"
    r"\s*(?:\([^)]{1,40}\))?\s*[-—–]\s+"
)
# "a village south of this town", "dans cette localité": where the dateline is
_THIS_TOWN = re.compile(
    r"(?i)\b(?:this|cette) ((?:[a-z]+ )?(?:town|city|village)|ville|localité|bourgade)\b"
)
THIS_TOWN_CHARS = 400  # how far into the lead "this town" is read as the dateline's


def _without_dateline(body: str) -> str:
    """The body without its dateline; where its lead says "this town", it names the
    dateline's instead ("AL-SHADDADI, Syria - ... a village south of this town" tells of a
    village south of the town of Al-Shaddadi)."""
    dateline = _DATELINE.match(body)
    if dateline is None:
        return body
    rest = body[dateline.end() :]
    name = re.split(r"[,(]", dateline.group(), maxsplit=1)[0].strip()
    this = _THIS_TOWN.search(rest, 0, THIS_TOWN_CHARS)
    if this is None or not name.isupper():
        return rest
    # ("the riverside town of Thiban", "la localité de Thiban")
    town = this.group(1)
    article = "the" if this.group().startswith(("t", "T")) else "la"
    named = f"{article} {town} {'of' if article == 'the' else 'de'} {name.title()}"
    return rest[: this.start()] + named + rest[this.end() :]


# "دير الزور – البادية اليوم": an Arabic dateline on a line of its own, place and outlet (whose
# name may say "today", اليوم)
_DATELINE_LINE = re.compile(
    r"^\s*[\u0600-\u06FF][\u0600-\u06FF ]{1,40}\s[-—–]\s[\u0600-\u06FF«»\" ]{2,40}\n"
)
# «كشفت مصادر قضائية هولندية عن مكان اعتقال العراقي» (sources revealed where the Iraqi was
# arrested): a place told days on, a follow-up's cue in its lead (_FOLLOWUP) and in a feed's
# description (_WHERE_REVEALED) (not «دون الكشف عن مكان مقتله», «لم تكشف عن مكان»: what was
# not revealed)
_WHERE_REVEALED_AR = (
    r"(?<![^\s])(?<!لم )(?<!دون )(?:كشفت|كشف|تكشف|يكشف)(?: [^ ]+){0,8}? عن مكان"
    r" (?:اعتقال|مقتل|القبض|توقيف|استهداف)"
)
# A report that tells more of an occurrence already reported: who the man was, that he died
_FOLLOWUP = re.compile(
    r"(?i)\b(?:identif(?:ied|ying) (?:him |the (?:[\w'’-]+ ){1,10}?)?as"
    r"|nam(?:ed|ing) (?:him |the \w+ )?as"
    r"|identifies|"
    r"confirm(?:s|ed)? (?:the |his )?death|died of (?:his |their )?(?:wounds|injuries)"
    r"|succumbed|DNA|reveal(?:s|ed)? (?:the |his )?(?:name|identity)|"
    r"des suites de (?:ses|leurs) blessures|"
    # "Le ministère a dévoilé mardi l'identité de l'homme présenté comme le chef de la cellule"
    r"(?:révèl|dévoil)\w* (?:[\w-]+ )?(?:l['’]identité|le nom)|"
    r"identifi[eé]|ADN\b|confirme (?:la )?mort|succombé|"
    r"l[’'](?:homme|individu) (?:arrêté|tué|visé)|"
    # "SDF names Islamic State 'emir' seized in...", "US confirms attack planner killed"
    r"name[sd]? (?:the |an? )?(?:[\w'’-]+ ){0,5}(?:killed|seized|captured|arrested|detained|"
    r"held|targeted|wounded|slain|died|blew|detonated)"
    r"|confirms? (?:that )?(?:[\w'’-]+ ){0,6}(?:killed|dead|died)"
    # "the man named last week as the new leader of the Islamic State is Hamid al-Zobaie",
    # "says new IS chief is former Anbar teacher": who the man announced is
    # (not "New IS chief is 'Abu Ibrahim al-Husseini', spokesman's recording says": the
    # announcement)
    r"|\bnew (?:IS |ISIS |Islamic State )?(?:leader|chief|head|caliph) is (?:an? )?(?:former\b|ex-)"
    r"|\b(?:named|announced|unveiled) (?:[\w'’-]+ ){0,2}?as (?:the )?new (?:[\w'’-]+ ){0,5}?"
    r"(?:leader|chief|head|caliph)\b[^.]{0,40}? is (?:an? )?(?:former\b|ex-"
    r"|(?:[\w'’-]+ ){1,4}(?:al|el|ad|as|ash)-)"
    # "the official targeted in a raid last week was killed", "died in last week's raid"
    r"|targeted in (?:[\w'’-]+ ){0,8}(?:was|were|has been|had been) (?:killed|dead)"
    r"|(?:died|killed|dead) (?:in|during) last week['’]s"
    r"|(?:tué|mort|décédé)e?s? (?:lors|au cours) d(?:u|e la|e l['’]) ?(?:[\w'’-]+ ){1,5}"
    r"de la semaine dernière"
    # a toll that rises: a later count of the same strike
    r"|(?:death )?toll (?:rises|rose|climbs|climbed|jumps|jumped|has risen)"
    r"|bilan (?:s['’]alourdit|s['’]est alourdi|grimpe|passe à)"
    # "the commander whose arrest Syria announced on Friday was seized at a farm": more of
    # an occurrence already told
    r"|whose (?:arrest|capture|killing|death|detention) (?:[\w'’-]+ ){0,3}(?:was |were )?"
    r"(?:announced|reported|confirmed|acknowledged)"
    r"|confirm(?:s|ed|ing)? (?:an?|the) (?:arrest|capture|killing|death) (?:[\w'’-]+ ){0,4}?"
    r"(?:announced|reported)"
    # "confirmed on Tuesday, four days after announcing the detention without saying where":
    # the arrest days before, told more of
    r"|\b(?:(?:two|three|four|five|six|several|a few|\d+) (?:days|weeks)|a week) after "
    r"announcing (?:the |his |an? )?(?:arrest|detention|capture|killing|death)\b"
    r"|(?:jours|semaines|une semaine) après avoir annoncé (?:l['’]arrestation|la capture"
    r"|l['’]interpellation|la mort)"
    # "giving the first details of the location", "les premiers détails": more of it
    r"|\b(?:gave|giving|gives|give|offered|released) (?:the )?first details\b"
    r"|premiers détails"
    r"|dont (?:l['’]arrestation|la capture|la mort|l['’]élimination) (?:[\w'’-]+ ){0,4}"
    r"(?:annoncée?|rapportée?|confirmée?|reconnue?))"
    r"|(?:الذي|التي) (?:أعلن|أعلنت|اعلن|اعلنت)(?: [^ ]+){0,3} (?:عن )?"
    r"(?:اعتقاله|مقتله|القبض عليه|توقيفه|قتله|تصفيته|أسره)"
    r"|ارتفاع حصيلة|ارتفعت حصيلة|ترتفع حصيلة"
    r"|الكشف عن هوية|كشف هوية|تكشف هوية|يكشف هوية|تأكيد مقتل|متأثرا بجراحه|متأثراً بجراحه"
    # «كشفت مصادر أمنية في قسد لشبكة الخابور هوية مسؤول خلية»: who revealed it between
    r"|(?:كشفت|كشف|تكشف|يكشف)(?: [^ ]+){1,8}? (?:عن )?هوية"
    rf"|{_WHERE_REVEALED_AR}"
    r"|(?:الكشف عن|كشف|تكشف|يكشف) (?:ال)?اسم"
    r"|متأثرا بجروح|متأثراً بجروح|المستهدف"
    # "Syrian TV airs 'confession' of man accused of church plot": a man already held
    r"|\bconfess(?:ion|ions|ed|es)\b|\baveux\b|\bavoue\b|اعترافات|اعترف"
    # the end of a siege or a manhunt begun days before: "killed after two-day search",
    # "Besieged IS emir blows himself up", "après deux jours de traque", «لليوم الثاني»
    r"|\bafter (?:an? )?(?:two|three|four|\d+)[- ](?:day|days|night|nights)(?:[- ]long)? "
    r"(?:search|siege|standoff|stand-off|manhunt|hunt|chase|pursuit)\b"
    r"|\b(?:siege|standoff|stand-off|manhunt) (?:ends|ended|is over)\b"
    r"|\bbesieged (?:IS|ISIS|ISIL|Islamic State|jihadist|militant|emir|commander|leader|cell)\b"
    r"|après (?:deux|trois|quatre|\d+) (?:jours|nuits) de (?:siège|traque|recherches|poursuite)"
    r"|\b(?:émir|chef|commandant|jihadiste|djihadiste|militant)s? (?:de l['’]EI |de Daech )?"
    r"assiégée?s?\b"
    r"|لليوم (?:الثاني|الثالث|الرابع)|انتهاء (?:حصار|الحصار)"
    r"|بعد (?:يومين|ثلاثة أيام|أربعة أيام) من (?:الحصار|حصار|الملاحقة|البحث|المطاردة)"
)
# A follow-up's own account of the occurrence it tells more of, wherever in its head: "The
# operation that netted him took place before dawn on Monday in al-Kasrat", "Tuesday's strike
# hit a white pickup on the road between al-Shaddadi and Markada", "La frappe avait eu lieu
# jeudi à l'aube, au sud de Chaddadi", «وجرت العملية فجر الاثنين في قرية الكسرة»
_RECALLED = re.compile(
    r"\b(?:[Tt]he|[Tt]hat|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s"
    r"|last week['’]s) (?:[\w'’-]+ ){0,3}?(?:raid|operation|strike|airstrike|air strike|airdrop"
    r"|assault|landing|ambush|arrest|capture)s?,? (?:[^.]{0,80}? )?(?:took place|happened"
    r"|occurred|was carried out|was conducted|was launched|unfolded|hit|struck)\b"
    r"|(?:L['’]opération|Le raid|La frappe|L['’]assaut|Le débarquement|L['’]héliportage"
    r"|L['’]arrestation|Le coup de filet)[^.]{0,80}? (?:a eu lieu|s['’]est déroulée?"
    r"|avait eu lieu|s['’]était déroulée?|a visé|a frappé)"
    r"|(?:وجرت|جرت|ونفذت|نفذت|ووقعت|وقعت|وتمت|تمت) (?:العملية|الغارة|الضربة|عملية الإنزال"
    r"|المداهمة)"
)
# "did not say where the strike took place": no account of it
_WHERE_UNSAID = re.compile(r"(?i)\b(?:where|où)\b|أين")


def _may_place(recalled: Place | None, where: Place | None) -> bool:
    """Whether the place of the occurrence a follow-up recalls may stand for the follow-up's
    own (which names none, or only a country): one in that country."""
    return recalled is not None and (where is None or recalled.country_code == where.country_code)


def _recalled(head: str) -> _Sentence | None:
    """The first sentence of a follow-up's head that recounts the occurrence it tells more of
    (read for the day and the place its lead does not give)."""
    for text in sentences(head):
        m = _RECALLED.search(text)
        if m is not None and not _WHERE_UNSAID.search(text, 0, m.start()):
            return _Sentence(text, words(text), 1.0, own_past=True)
    return None


# a man dead of the wounds an earlier strike gave him: always more of that strike
_DIED_OF_WOUNDS = re.compile(
    r"(?i)\b(?:died|dies|die|dead) (?:[\w'’-]+ ){0,3}?of (?:his |their |her )?(?:wounds|injuries)\b"
    r"|\bsuccumb(?:ed|s)? to (?:his |their |her )?(?:wounds|injuries)"
    r"|\b(?:days?|hours?) after (?:being|he was|she was) (?:wounded|injured|hurt)\b"
    r"|\b(?:mort|morte|meurt|décédée?|décède|succombée?|succombe) (?:[\w'’-]+ ){0,3}?"
    r"(?:des suites de|de|à) (?:ses|leurs) blessures"
    r"|\b(?:jours?|heures?) après avoir été (?:blessée?|grièvement blessée?)"
    r"|متأثرا?ً? ?(?:بجروح|بجراح|بالجروح|بالجراح|بإصاب)"
)
_DIED_OF_WOUNDS_START = Caseless(
    _DIED_OF_WOUNDS,
    ("wound", "injur", "hurt", "blessé", "blessure", "بجروح", "بجراح", "بالجروح", "بالجراح",
     "بإصاب"),
)  # fmt: skip
_FOLLOWUP_START = Caseless(
    _FOLLOWUP,
    (
        "identifi", "name", "confirm", "died", "succumbed", "succombé", "dna", "adn", "reveal",
        "blessures", "révèl", "dévoil", "homme", "individu", "targeted in", "last week",
        "semaine dernière", "toll", "bilan", "whose", "first details", "premiers détails", "dont",
        "أعلن", "اعلن", "حصيلة", "كشف", "تأكيد", "متأثر", "المستهدف", "confess", "aveux", "avoue",
        "اعتراف", "اعترف", "search", "siege", "standoff", "stand-off", "hunt", "chase", "pursuit",
        "siège", "traque", "recherches", "poursuite", "assiég", "لليوم", "انتهاء", "حصار",
        "الملاحقة", "البحث", "المطاردة", "leader is", "chief is", "head is", "caliph is",
        "announced", "unveiled", "naming", "identify", "after announcing", "après avoir annoncé",
    ),
)  # fmt: skip
# "كشفت مصادر قضائية عن مكان اعتقال العراقي", "revealed where he was arrested": a place
# told days on, which a feed's description may say over a lead that says only who revealed it
_WHERE_REVEALED = re.compile(
    _WHERE_REVEALED_AR
    + r"|(?i:(?<!not )(?<!never )\b(?:revealed|disclosed|named) (?:where|the (?:town|city"
    r"|place) where)\b|(?<!pas )(?<!jamais )\b(?:révélé|dévoilé) (?:le lieu|où)\b)"
)
# "a new airdrop near al-Bab, the targeted leader escapes": another occurrence, no follow-up
_NEW = re.compile(
    r"(?i)\b(?:new|another|fresh|second|third|fourth),? (?:[\w-]+,? ){0,2}(?:raid|strike|airstrike|"
    r"operation|sweep|airdrop|landing|assault|crackdown)s?\b"
    r"|\b(?:nouvel(?:le)?|nouveau|autre|deuxième|second(?:e)?|troisième|quatrième) (?:[\w-]+ ){0,2}"
    r"(?:raid|frappe|opération|coup de filet|descente|débarquement|assaut|ratissage)s?\b"
    r"|(?:إنزال|غارة|غارات|ضربة|ضربات|عملية|حملة|مداهمة)(?: \S+){0,2} (?:جديدة?|أخرى|ثانية)"
    r"|(?:ثاني|ثالث|رابع) (?:إنزال|غارة|عملية|حملة|مداهمة)"
    # "Second Islamic State official killed in Deir ez-Zor in as many days"
    r"|\b(?:second|third|fourth) (?:[\w'’-]+ ){1,11}?in (?:as many|two|three|four|\d+) days\b"
    r"|\b(?:deuxième|second(?:e)?|troisième) (?:[\w'’-]+ ){1,11}?en (?:autant de|deux|trois"
    r"|\d+) jours\b"
)
_NEW_START = Caseless(
    _NEW,
    (
        "new", "another", "fresh", "second", "third", "fourth", "nouve", "autre", "deuxième",
        "troisième", "quatrième", "إنزال", "غارة", "غارات", "ضربة", "ضربات", "عملية", "حملة",
        "مداهمة", "ثاني", "ثالث", "رابع",
    ),
)  # fmt: skip
# "It was the second coalition operation in the province in two days", "C'est la deuxième
# opération...": the report says, after its lead, that its occurrence is not the first
_IT_WAS = re.compile(
    r"(?:It was|It is|This was|This is|It marks) (?:the|a) "
    r"|(?:C['’]est|Il s['’]agit de) (?:la|le|une?) "
)
# "the second raid of the day", "deuxième opération de la journée": another occurrence the
# same day as the first
_OF_THE_DAY = re.compile(
    r"(?i)^(?: [\w-]+){0,3}? (?:of the day|today|within hours|(?:on )?the same day"
    r"|in (?:a|one|a single) day|de la journée|dans la journée|du jour|le même jour"
    r"|en (?:une|un seul) jour(?:née)?)\b"
    r"|^(?: \S+){0,3}? (?:اليوم|في اليوم نفسه|في اليوم ذاته|في يوم واحد|خلال ساعات)(?!\w)"
)


# "the man who had survived a drone attack near Atmeh five days earlier", "qui avait échappé à
# une première frappe", «كان قد نجا من محاولة اغتيال»: the man this one hit had lived through
# another (not "who escaped the strike": a report of that strike itself)
_SURVIVED_EARLIER = Caseless(
    re.compile(
        r"(?i)\bhad (?:survived|escaped) (?:an?|one|two|three|several) (?:[\w'’-]+ ){0,3}?"
        r"(?:strike|airstrike|attack|raid|attempt|ambush)s?\b"
        r"|\b(?:survived|escaped) (?:an? )?(?:earlier|previous|first) (?:[\w'’-]+ ){0,2}?"
        r"(?:strike|airstrike|attack|raid|attempt|ambush)s?\b"
        r"|\bavai(?:t|ent) (?:survécu|échappé) (?:à|aux) (?:une?|deux|trois|plusieurs) "
        r"(?:[\w'’-]+ ){0,2}?(?:frappe|attaque|raid|tentative|embuscade|bombardement)s?\b"
        r"|\b(?:visée?|ciblée?|frappée?) une première fois\b"
        r"|(?<!\S)و?كان قد نجا من|(?<!\S)نجا (?:سابقا|سابقاً|في وقت سابق) من"
    ),
    needs=("survived", "escaped", "survécu", "échappé", "une première fois", "نجا"),
)
# "hours after a separate airdrop", "après un autre raid": the earlier one said to be another
_ANOTHER_ONE = re.compile(
    r"(?i)\b(?:separate|another|other|distinct|second|autre)\b|آخر|أخرى|منفصل"
)


def _it_was_another(text: str) -> bool:
    """Whether a sentence opens by calling the occurrence another ("It was the second raid")."""
    m = _IT_WAS.match(text)
    return m is not None and _NEW.match(text, m.end()) is not None


# "It was the second operation in al-Busayrah in eight days", wherever in the body's head: a
# sentence that opens so (found by its first words, then its sentence's start checked)
_IT_WAS_WORDS = ("It was ", "It is ", "This was ", "This is ", "It marks ", "C'est ", "C’est ",
                 "Il s'agit ", "Il s’agit ")  # fmt: skip
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?»\"”\n])\s*$")  # (ends before a sentence's start)


def _said_to_be_another(head: str) -> bool:
    """Whether a sentence of the body's head opens by calling the occurrence another."""
    for opening in _IT_WAS_WORDS:
        k = head.find(opening)
        while k >= 0:
            m = _IT_WAS.match(head, k)
            if (
                m is not None
                and _SENTENCE_OPENS.search(head, max(0, k - 4), k) is not None
                and _NEW.match(head, m.end()) is not None
            ):
                return True
            k = head.find(opening, k + 1)
    return False


def _of_the_day(text: str) -> bool:
    """Whether a sentence calls the occurrence another of the same day."""
    m = _NEW.search(text)
    return m is not None and _OF_THE_DAY.match(text[m.end() :]) is not None


# "Six detained in sweep of Busayra, hours after Diban raid", "a day after a separate strike
# north of al-Bab", "a day after IS security chief's capture", "two days after detaining a
# security official", "au lendemain du raid d'al-Bab", "بعد يوم من ضربة مماثلة قرب تادف": the
# headline or lead sets the occurrence after another one, named by its place or as "a" raid
# ("hours after the raid, the coalition named him", "hours after killing him", tell more of
# the same one)
_AFTER_OTHER = re.compile(
    r"\b(?:[Hh]ours|[Aa] day|\d+ hours|[Tt]wo days|[Dd]ays) after (?:an? (?:[\w'’-]+ ){0,3}?"
    r"|(?:the )?[A-Z][\w'’-]+ (?:[\w'’-]+ ){0,2}?)(?:raid|strike|airstrike|operation|sweep|airdrop"
    r"|landing|capture|arrest)s?\b"
    # "hours after a drone killed the group's Aleppo governor"
    r"|\b(?:[Hh]ours|[Aa] day|\d+ hours) after an? (?:[\w'’-]+ ){0,2}?(?:drone|warplane|jet)s? "
    r"(?:killed|hit|struck|targeted)\b"
    r"|\b(?:[Hh]ours|[Aa] day|\d+ hours|[Tt]wo days|[Dd]ays) after (?:capturing|arresting|detaining"
    r"|killing) (?!(?:him|her|them|it)\b)"
    r"|\b(?:[Aa]u lendemain|[Qq]uelques heures après) (?:d['’]une?|du|de l['’]|de la) "
    r"(?:[\w'’-]+ ){0,2}?(?:raid|frappe|opération|arrestation|coup de filet)s?\b"
    r"(?! (?:qui|dont|au cours))"
    r"|بعد (?:ساعات|يوم|يومين)(?: واحد)? من (?:إنزال|انزال|غارة|ضربة|عملية|مداهمة)(?!\S)"
    # "بعد ساعات من مقتل والي حلب" (not "مقتله": his own)
    r"|بعد (?:ساعات|يوم|يومين)(?: واحد)? من (?:مقتل|اعتقال|استهداف)(?!\S)"
)
_AFTER_OTHER_START = Caseless(_AFTER_OTHER, ("after", "lendemain", "heures après", "بعد"))
# "IS security chief found dead days after Raqqa drone strike", "named hours after the raid":
# the man the earlier strike hit, more of that one
_OWN_AFTERMATH = re.compile(
    r"(?i)\b(?:found dead|dies|died|dead of|succumb\w*|identified|named|buried)\b"
    r"|\b(?:retrouvée? morte?|succombe|succombé|décédée?|meurt|identifiée?|inhumée?)\b"
    r"|(?:توفي|وفاة|متأثرا|متأثراً|الكشف عن هوية)"
)
_HOURS = ("hour", "heure", "ساعات")  # "hours after": the same day


def _hours_after(text: str, when: date | None) -> bool:
    """Whether a report says it came hours after another occurrence, so the same day (not
    "hours after a landing at dawn on Monday" in a report of Tuesday's)."""
    lowered = text.lower()
    if not any(h in lowered for h in _HOURS):
        return False
    own = None if when is None else _WEEKDAYS[when.weekday()]
    return not any(
        day != own and any(name in lowered for name in _DATES.entries[day]) for day in _WEEKDAYS
    )


# "comes days after a drone strike", "deux semaines après", "بعد أيام من": days apart at least
_DAYS_AFTER = re.compile(
    r"(?i)\b(?:days|weeks|months) (?:after|since)\b|\b(?:jours|semaines|mois) (?:après|depuis)\b"
    r"|(?<!\S)بعد (?:أيام|ايام|أسبوع|اسبوع|أسابيع|اسابيع|أشهر|اشهر|يومين)(?!\S)"
)
_YESTERDAY = re.compile(
    r"(?i)\byesterday\b|\bthe (?:day|night) before\b|\bhier\b|\bla veille\b"
    r"|(?<!\S)(?:أمس|امس|الأمس|البارحة)(?!\S)"
)
# "separate from a coalition helicopter assault on the same town hours earlier": the other
# occurrence was the same day
_SAME_DAY = re.compile(
    r"(?i)\b(?:hours earlier|earlier (?:in|on) the day|earlier that day|the same day"
    r"|quelques heures plus tôt|plus tôt dans la journée|le même jour)\b"
    r"|(?<!\S)(?:قبل ساعات|في اليوم نفسه|في اليوم ذاته)(?!\S)"
)
# "The strike came barely a day after Iraq said an F-16 raid had killed the group's leader for
# Kirkuk", "وتأتي هذه الضربة بعد يوم واحد فقط من إعلان ... مقتل", "Cette frappe intervient au
# lendemain de l'annonce...": anywhere in the body's head, the report's occurrence set after
# another raid or strike (not "the announcement came a day after the raid": the same one; not
# "after an ambush killed four soldiers": no operation of ours). A pattern for each language,
# searched only where the head holds its verb and its "after": most heads lack them, and each
# pattern costs 0.05-0.13 ms a head
_COMES_AR = "(?:تأتي|يأتي|جاءت|جاء)"  # "comes", "came"
_OPERATION_AR = "(?:الضربة|العملية|الغارة|المداهمة|الإنزال|الانزال)"  # the strike, the raid...
_CAME_AFTER = (
    (
        ("came", "comes", "follows", "followed"),
        ("after",),
        re.compile(
            r"(?i)\b(?:the|this|[a-z]+day['’]s) (?:[\w-]+ ){0,2}?(?:strike|raid|operation"
            r"|airstrike|arrest|sweep|airdrop|landing|assault)s?(?:,? which)? (?:came|comes"
            r"|follows|followed) "
            r"(?:[\w-]+ ){0,2}?(?:hours|a day|one day|two days|three days|days|\d+ hours|a week) "
            r"after (?:(?:[\w'’-]+ ){0,6}?(?:raid|strike|air ?strike|operation|sweep|airdrop"
            r"|landing)s?|(?:[\w'’-]+ ){0,2}?(?:warplanes|jets|aircraft|drones?|helicopters) "
            r"(?:[\w-]+ ){0,2}?(?:struck|hit|bombed|pounded|raided)"
            # "The arrest came a day after Syrian forces killed two suspected militants"
            r"|(?:[\w'’-]+ ){0,2}?(?:forces|troops|commandos) (?:killed|captured|detained"
            r"|arrested|seized|raided|stormed))\b"
        ),
    ),
    (
        ("intervient", "intervenue", "survient", "survenue", "a eu lieu"),
        ("lendemain", "après"),
        re.compile(
            r"(?i)\b(?:cette|la) (?:frappe|opération|arrestation|descente|raid)s?(?:,? qui)?"
            r" (?:intervient|survient|est intervenue|est survenue|a eu lieu) (?:[\w-]+ ){0,2}?"
            r"(?:au lendemain"
            r"|deux jours après|quelques heures après|trois jours après) (?:[\w'’-]+ ){0,6}?"
            r"(?:raid|frappe|opération|arrestation|coup de filet|bombardement)s?\b"
        ),
    ),
    (
        ("تأتي", "يأتي", "جاء"),
        ("بعد",),
        re.compile(
            rf"(?<!\S)(?:(?:و)?{_COMES_AR} (?:هذه |هذا )?{_OPERATION_AR}(?: \S+){{0,2}}?"
            # ("هذه الغارة، التي جاءت بعد ساعات من ضربات منفصلة")
            rf"|{_OPERATION_AR}،? (?:التي|الذي) {_COMES_AR})"
            r" بعد (?:يوم|يومين|ساعات|أيام|ثلاثة أيام)"
            # ("بعد ساعات من حملة دهم في بلدة ذيبان المجاورة": a sweep next door)
            r"(?: \S+){0,8}? (?:مقتل|اعتقال|إنزال|انزال|غارة|غارات|ضربة|ضربات|عملية|مداهمة"
            r"|مداهمات|حملة|دهم)(?!\S)"
        ),
    ),
    # "The raid was the second in the area this week", "Cette opération est la deuxième en
    # vingt-quatre heures dans ce secteur": another came before it
    (
        ("the second", "the third", "la deuxième", "la seconde", "la troisième"),
        ("hours", "days", "week", "heures", "jours", "semaine"),
        re.compile(
            r"(?i)\b(?:the|this) (?:strike|raid|operation|arrest|sweep|airstrike)s? (?:is|was) "
            r"the (?:second|third)(?: [\w'’-]+){0,4}? (?:in|within|this) (?:[\w-]+ ){0,3}?"
            r"(?:hours|days|week)\b"
            r"|\b(?:cette|la) (?:frappe|opération|arrestation|descente|raid)s? (?:est|était) "
            r"(?:la|le) (?:deuxième|seconde?|troisième)(?: [\w'’-]+){0,4}? (?:en|de la|cette) "
            r"(?:[\w-]+ ){0,3}?(?:heures|jours|semaine)\b"
        ),
    ),
)


# "The announcement came a day after residents reported a helicopter landing", "ويأتي الإعلان
# بعد يوم من تداول سكان روايات عن عملية إنزال": a statement on an occurrence already told
# (a raid that "came after" another is another: _CAME_AFTER)
_ANNOUNCED_AFTER = Caseless(
    re.compile(
        r"(?i)\b(?:the|this|that|its|their) (?:announcement|statement|confirmation|disclosure"
        r"|claim)s? (?:came|comes|follows|followed) (?:[\w-]+ ){0,2}?(?:hours|a day|one day"
        r"|two days|three days|a few days|days|\d+ hours) after (?:[\w'’-]+ ){0,4}?"
        r"(?:reported|reports?|accounts?|rumou?rs?|described)\b"
        r"|\b(?:l['’]annonce|le communiqué|ce communiqué|cette annonce|la confirmation)"
        r" (?:intervient|survient|est intervenue|arrive) (?:[\w-]+ ){0,2}?(?:au lendemain"
        r"|(?:quelques heures|un jour|deux jours|trois jours) après) (?:[\w'’-]+ ){0,4}?"
        r"(?:récits?|témoignages?|informations?|rumeurs?|fait état)"
        r"|(?<!\S)(?:و)?(?:يأتي|تأتي|جاء|جاءت) (?:هذا |هذه )?(?:الإعلان|الاعلان|البيان|التأكيد)"
        r"(?: \S+){0,2}? بعد (?:يوم|يومين|ساعات|أيام|ثلاثة أيام) من (?:تداول|حديث|رواية"
        r"|روايات|أنباء|تقارير|إفادات)"
    ),
    # what every match holds (a body holding none is not searched: most are not, and a
    # search of the whole body is the slow part)
    needs=(
        "ment came", "ment comes", "ment follow", "tion came", "tion comes", "tion follow",
        "sure came", "sure comes", "claim came", "claim comes", "intervient", "intervenue",
        "survient", " arrive ", "يأتي ", "تأتي ", "جاء ال", "جاءت ال",
    ),
)  # fmt: skip


def _came_after_by(head: str) -> str | None:
    """What the body's head says the occurrence came soon after, as written ("The strike came
    barely a day after a coalition raid", "came only hours after warplanes struck"), or
    None."""
    lowered = head.lower()
    for verbs, after, pattern in _CAME_AFTER:
        if any(v in lowered for v in verbs) and any(w in lowered for w in after):
            m = pattern.search(head)
            if m is not None:
                # (with the rest of its clause: "... after a landing at dawn on Monday")
                rest = re.match(r"[^.،؛;\n]{0,60}", head[m.end() :])
                return m.group() + (rest.group() if rest else "")
    return None


# "in an operation separate from the arrest of its Turkey chief", "في عملية منفصلة عن مداهمة
# ببيلا": the report says it is not that other occurrence
_SEPARATE = re.compile(
    # (the word quoted too: 'the sweep was "separate" from a coalition-led raid')
    r"(?i)\b(?:separate(?:ly)?[\"”’']? from|unrelated to|not (?:linked|related|connected) to|"
    r"distincte? (?:de|d['’]|du)|sans (?:lien|rapport) avec|indépendante? (?:de|d['’]|du))"
    r"|منفصلة? عن"
)
# "...detained a cell leader in the town of Diban, in a separate operation": the town named
# before it is the other occurrence's
_SEPARATE_OPERATION = re.compile(
    r"(?i)\b(?:in|during) an? separate (?:operation|raid|strike|air ?strike|incident|arrest)\b"
    r"|\b(?:lors )?d['’]une (?:opération|frappe|descente|arrestation) (?:distincte|séparée)\b"
    r"|(?<!\S)(?:في |ب)?(?:عملية|غارة|ضربة|مداهمة) منفصلة(?!\S)"
    # "...the coalition's landing in the Nawa countryside; the two operations are separate"
    r"|\bthe two (?:operations|raids|strikes|arrests|sweeps) (?:were|are) (?:separate|unrelated"
    r"|not linked)\b"
    r"|\bles deux (?:opérations|raids|frappes) (?:sont|étaient|seraient) (?:distinct|séparé"
    r"|sans lien)"
    r"|(?<!\S)(?:العمليتين|العمليتان) (?:منفصلتان|منفصلتين)(?!\w)"
)
# "on the same night as a separate SDF raid in Dhiban", "un autre raid héliporté à
# al-Bousayra", "عملية إنزال أخرى في البصيرة": another occurrence, placed next
_OTHER_OPERATION_AT = re.compile(
    r"(?i)\b(?:a separate|another) (?:[\w-]+ ){0,2}?"
    r"(?:operation|raid|strike|air ?strike|sweep|landing|arrest)s? (?:in|at|on|near)\b"
    r"|\b(?:un autre|une autre) (?:raid|opération|frappe|descente|coup de filet)"
    r"(?: [\w-]+){0,2}? (?:à|dans|près de|sur)(?!\S)"
    r"|(?<!\S)(?:عملية|غارة|ضربة|مداهمة|إنزال)(?: \S+){0,2}? (?:أخرى|منفصلة) (?:في|قرب)(?!\S)"
    # "It took place hours after coalition helicopters raided a farm near Nawa"
    r"|\b(?:hours|a day|shortly) after (?:[\w'’-]+ ){0,3}?(?:raided|struck|hit|stormed|bombed"
    r"|landed)(?: [\w'’-]+){0,3}? (?:in|at|on|near|outside)\b"
    r"|\bquelques heures après (?:que )?(?:[\w'’-]+ ){0,4}?(?:ont|a|eurent|eut) (?:mené|frappé"
    r"|visé|pris d['’]assaut|bombardé)(?: [\w'’-]+){0,3}? (?:à|dans|près (?:de|d['’]))"
    r"|(?<!\S)بعد ساعات من (?:إنزال|غارة|مداهمة|ضربة|عملية)(?: \S+){0,3}? (?:في|قرب)(?!\S)"
    # a roundup's other operations: "A second raid, in al-Busayrah", "The third operation
    # took place south of al-Shaddadi", "two other operations in al-Busayrah and near...",
    # "une deuxième opération, menée à", "وفي عملية ثانية في"
    r"|\b(?:a|the) (?:second|third|fourth) (?:[\w-]+ )?(?:operation|raid|strike|air ?strike"
    r"|sweep|landing|arrest)\b,? (?:took place |was carried out |was conducted |targeted |hit )?"
    r"(?:in|at|on|near|outside|(?:north|south|east|west)\w* of)\b"
    r"|\b(?:two|three) other (?:operations|raids|strikes|sweeps|landings) (?:in|at|on|near)\b"
    r"|\b(?:une?|la|le) (?:deuxième|seconde?|troisième) (?:opération|frappe|descente|raid)"
    r"(?:,? [\w-]+){0,2}?,? (?:à|dans|près (?:de|d['’])|sur)(?!\S)"
    r"|\b(?:deux|trois) autres (?:opérations|raids|frappes|descentes) (?:à|dans|près de)(?!\S)"
    r"|(?<!\S)(?:عملية|غارة|ضربة|مداهمة|حملة)(?: \S+)? (?:ثانية|ثالثة) (?:في|قرب)(?!\S)"
)
# the words every sentence `_told_apart` keeps holds one of (a cheap test of the whole head)
_APART_WORDS = (
    "separate", "unrelated", "not linked", "not related", "not connected", "distinct",
    "séparé", "sans lien", "sans rapport", "indépendant", "منفصل", "another", "autre", "أخرى",
    "hours after", "a day after", "shortly after", "heures après", "بعد ساعات",
    "second", "third", "fourth", "other operations", "other raids", "other strikes",
    "other sweeps", "other landings", "deuxième", "troisième", "ثانية", "ثالثة",
)  # fmt: skip
_APART = Needles(_APART_WORDS)
# (every match of either holds one of _APART_WORDS: a sentence holding none is not searched)
_SEPARATE_IN = Caseless(_SEPARATE, _APART_WORDS)
_OTHER_OPERATION_IN = Caseless(_OTHER_OPERATION_AT, _APART_WORDS)
# "distincte du raid mené la veille": the other occurrence came the day before
_EARLIER = re.compile(
    r"(?i)\b(?:la veille|l['’]avant-veille|the (?:day|night) before|the previous (?:day|night)"
    r"|a day earlier)\b|(?<!\S)(?:أمس|اليوم السابق|الليلة السابقة)(?!\S)"
)


def _separate_from_earlier(text: str) -> bool:
    """Whether a sentence says the event is separate from another of the day before."""
    m = _SEPARATE.search(text)
    return m is not None and _EARLIER.search(text, m.end(), m.end() + SEPARATE_CHARS) is not None


# "two separate raids, in Dhiban and al-Busayrah", "عمليتي دهم منفصلتين ... طالت بلدتي ذيبان
# والبصيرة": a roundup of two occurrences, each its own event
_TWO_SEPARATE = re.compile(
    r"(?i)\b(?:two|2) separate (?:raids|operations|strikes|air ?strikes|arrests|sweeps)\b"
    r"|\bin separate (?:raids|operations|strikes)\b"
    r"|\bdeux (?:opérations|raids|frappes|descentes|coups de filet) (?:distinct|séparé)e?s\b"
    r"|(?:عمليتي|عمليتين|مداهمتين|غارتين|ضربتين)(?: \S+){0,2} منفصلت(?:ين|ان)"
)
# A wire's flash: the full story follows from the same outlet ("BREAKING:", "عاجل |")
# (in capitals, or set off by a colon or a bar: "Flash floods..." is no flash)
_FLASH = re.compile(
    r"\s*(?:BREAKING|URGENT|FLASH|JUST IN|ALERTE|DERNI[EÈ]RE MINUTE)\b"
    r"|\s*(?:Breaking(?: news)?|Urgent|Flash|Just in|Alerte|Derni[eè]re minute)\s*[:|–—-]"
    r"|\s*(?:عاجل|خبر عاجل)\b"
)
# the words between two places named side by side ("X and the nearby village of Y", "X et
# Y", "X وY"), to the first letter of the second
_BESIDE = re.compile(
    r"(?i)[\s,]*(?:and|et|ainsi que|as well as)\s+(?:(?:in|at|à|dans)\s+)?(?:the\s+|le\s+|la\s+)?"
    r"(?:(?:nearby|neighbou?ring|adjacent|voisin[es]*)\s+)?(?:(?:village|town|localité|bourg)\s+)?"
    r"(?:(?:voisin[es]*)\s+)?(?:(?:of|de|d['’])\s*)?(?:(?:al|el)[-‐‑–])?\w$"
    # "vers Palmyre, Soukhné et Qaryatayn": a list's middle
    r"|\s*,\s*(?:(?:al|el)[-‐‑–])?\w$"
    # (the place's own "و": "هجين والبحرة", read up to its first letter; "الميادين وبلدة
    # محكان المجاورة", "في مدينة الرقة وفي قرية كسرة شيخ الجمعة")
    r"|\s*(?:،\s*)?و(?:في )?(?:(?:مدينة|بلدة|قرية|ناحية|مخيم) )?\w?$"
)
# the target may have survived: the strike was aimed at him, his death is not reported
_FATE_UNKNOWN = re.compile(
    r"(?i)\b(?:fate|outcome) (?:was |is |remains |remained )?(?:still )?"
    r"(?:unclear|unknown|not known)"
    r"|\b(?:not (?:immediately |yet )?(?:clear|known)|unclear|without saying|(?:did not|didn't|"
    r"would not|wouldn't|could not|couldn't|cannot|declined to) (?:yet )?(?:say|confirm)|"
    r"do(?:es)?n't know(?: yet)?|"
    r"(?:is|are|was|were) (?:still )?assessing) (?:whether|if) (?:he|the (?:\w+ )?(?:commander|"
    r"leader|official|target|man)) (?:was killed|had been killed|died|survived|was hit|"
    r"was among (?:the dead|those killed))"
    r"|\bwhether (?:he|the (?:\w+ )?(?:commander|leader|official|target|man)) (?:was killed|"
    r"had been killed|died|survived) (?:was|is|remains|remained) (?:still )?(?:unclear|unknown|"
    r"not known|being assessed|\W*still being assessed)"
    r"|\b(?:son|dont le|leur) sort (?:est |reste |demeure |restait |demeurait |était )?"
    r"(?:encore )?(?:inconnu|incertain|ignoré)"
    r"|\bfate of (?:the |an? )?(?:\S+ ){1,4}(?:is |was |remains |remained )?(?:still )?"
    r"(?:unclear|unknown|not known)"
    # "The fate of the target, whom the sources did not name, was not known."
    r"|\bfate of (?:the |an? )?(?:\S+ ){0,3}\S+, [^,.]{1,80}, (?:is |was |remains |remained )?"
    r"(?:still )?(?:unclear|unknown|not known)"
    r"|\b(?:without|not) confirm(?:ing|ed)? (?:his|her|the \w+(?:['’]s)?) death"
    # "we are currently assessing the results of the strike", "nous évaluons les résultats"
    r"|\b(?:assess(?:es|ed|ing)?|évalu(?:ons|ent|e|ait|aient|er)|déterminer) (?:currently |still "
    r"|actuellement "
    r"|encore )?(?:the |les )?(?:results?|outcome|résultats?)\b"
    r"|\b(?:results?|outcome|résultat|bilan) (?:of (?:the|a) \w+ |de la \w+ )?(?:is|are|was|"
    r"were|est) (?:still )?(?:being assessed|en cours d['’]évaluation)"
    r"|\bsans confirmer (?:sa|la) mort"
    r"|(?:من )?دون (?:أن|ان) (?:يؤكد|تؤكد|يؤكدوا|تتأكد) (?:مقتله|مصرعه)"
    r"|\b(?:sans (?:préciser|dire|confirmer)|on ignore(?: encore)?|(?:il )?n'est pas (?:encore )?"
    r"(?:clair|établi)) s['’]il a (?:été tué|survécu|péri)"
    # "on ignorait dimanche soir si l'homme avait été tué ou s'il avait pu s'échapper"
    r"|\bon ignor(?:e|ait)(?: encore)?(?: [\w-]+){0,3}? si (?:l['’]homme|le \w+|il) (?:a|avait) "
    r"(?:été tué|survécu|péri)"
    r"|لم يتضح (?:بعد )?(?:مصيره|ما إذا|ما اذا)"
    r"|مصيره (?:مجهول|لا يزال مجهولا|غير معروف)|لم يعرف مصيره|لم يعرف بعد مصيره"
    # "ومصير الهدف ما زال مجهولاً"
    r"|مصير (?:ال\w+ ){1,2}(?:ما زال |ما يزال |لا يزال |لايزال |بقي )?(?:مجهولا?ً?|غير معروف)"
)
# the man struck lived: "escapes drone strike", "survives", "نجاة قيادي", "échappe à un raid"
_SURVIVED = re.compile(
    r"(?i)\b(?:surviv(?:ed|es)|escap(?:ed|es)|slip(?:s|ped)? (?:through|away)|miss(?:ed|es) "
    r"(?:a |an |the )?(?:senior |top )?(?:\w+ )?(?:leader|commander|official|operative|target)|"
    r"a survécu|survit|(?:a |s'est )?échappé|échappe)\b|(?<!\S)(?:نجاة|نجا|ينجو)(?!\S)"
)
# (each of their matches holds one of these words)
_FATE_UNKNOWN_START = Caseless(
    _FATE_UNKNOWN,
    needs=(
        "unclear", "unknown", "not known", "whether", " if ", "sort", "confirm", "assess",
        "évalu", "déterminer", "ignor", "دون", "s'il a", "s’il a", "لم يتضح", "مصير",
    ),
)  # fmt: skip


class _Around:
    """A pattern read in a body's head only around its fixed words (lower case, one of which
    every match holds, within `before` characters of the match's start and `after` of the
    word's end): a handful of short searches cost a tenth of one over the whole head, whose
    pattern of many alternatives re tries at every offset."""

    def __init__(
        self, pattern: re.Pattern[str], words: tuple[str, ...], before: int, after: int
    ) -> None:
        self.pattern = pattern
        self.words = words
        self.before = before
        self.after = after

    def found(self, text: str) -> bool:
        """Whether the pattern matches somewhere in text."""
        lowered = caseless_lower(text)
        if lowered is None:
            # (a letter whose lower case is longer, "İstanbul": the offsets would not agree)
            return self.pattern.search(text) is not None
        for word in self.words:
            k = lowered.find(word)
            while k >= 0:
                if self.pattern.search(text, max(0, k - self.before), k + len(word) + self.after):
                    return True
                k = lowered.find(word, k + 1)
        return False


# the operation ended without a fight: "no shots were fired", "sans affrontement", "دون
# مقاومة" (a report of one where a man was killed tells of another)
QUIET_CHARS = 1500  # how far into the body an operation's quiet end is told
_QUIET = _Around(
    re.compile(
        r"(?i)\b(?:no shots? (?:was|were) fired|(?:nobody|no one|no-one) fired (?:a )?shots?"
        r"|not a (?:single )?shot was fired|without (?:incident|resisting|a shot|firing a shot"
        r"|a fight|(?:any )?resistance|(?:any )?clashes|an exchange of fire)"
        r"|there were no casualties(?! among)|no casualties were reported(?! among)"
        r"|there was no (?:shooting|gunfire|exchange of fire|resistance))"
        r"|\bsans (?:affrontement|heurts?|incident|résist(?:ance|er)|qu['’]un (?:seul )?coup de"
        r" feu|échange de tirs)"
        r"|(?<!\S)(?:دون|بدون|من دون) (?:أي |وقوع )?(?:مقاومة|اشتباك|اشتباكات|إطلاق نار|إطلاق رصاص)"
    ),
    ("shot", "without", "casualties", "was no ", "sans ", "دون "),
    30,
    40,
)
# a fight the headline or lead tells: "a war monitor reported clashes", "اشتباكات عنيفة" (beside
# an operation said to end without one, another operation)
_FIGHT = Caseless(
    re.compile(
        r"(?i)\b(?:clash(?:es|ed)|fire ?fights?|gun ?fights?|gun battles?|exchanges? of fire"
        r"|exchanged fire|heavy gunfire|bursts? of (?:automatic |heavy )?(?:gun)?fire"
        r"|shoot-?outs?|affrontements?|accrochages?|échanges? de tirs|fusillades?|rafales"
        r"|gunfire (?:could be|was|were) heard)\b"
        r"|(?<!\S)[وبل]?(?:اشتباك|اشتباكات|اشتبكت|اشتبك|تبادل لإطلاق النار|تبادل إطلاق النار)(?!\S)"
    ),
    # what every match holds (a lead holding none is not searched)
    needs=(
        "clash", "fire", "fight", "gun", "shoot", "affront", "accroch", "tirs", "fusill",
        "rafale", "اشتب", "إطلاق",
    ),
)  # fmt: skip
# the men taken held no rank: "did not describe any of them as a commander", "none of the five
# was described as a leader", "Aucun des suspects n'a été présenté comme un responsable", "لم
# يشر البيان إلى وجود أي قيادي" (a report that names an emir taken tells of another arrest)
RANKLESS_CHARS = 2000  # how far into the body it is told
_RANKLESS = _Around(
    re.compile(
        r"(?i)\b(?:did not|didn['’]t|does not|would not) (?:describe|identify|say|suggest|present"
        r"|name|list)(?: that)? (?:any|either|one) of (?:them|the (?:[\w-]+ ){0,2}?(?:men|suspects"
        r"|detainees|two|three|four|five|six))(?: as| was| were| held| had)\b"
        r"|\bnone of (?:them|the (?:[\w-]+ ){0,2}?(?:men|suspects|detainees|two|three|four|five"
        r"|six|seven))(?: was| were| is| are| held| had)\b(?: (?:described|identified|named"
        r"|presented) as)?(?: an?)? (?:[\w-]+ )?(?:commanders?|leaders?|senior|leadership"
        r"|command|emirs?|officials?|rank|figure)"
        r"|\baucun (?:d['’]entre eux |des (?:[\w-]+ ){1,2})?n['’](?:a|avait|ont) été (?:présenté"
        r"|décrit|identifié)|\bne leur attribue aucun rôle|\bsans leur attribuer (?:de|aucun) rôle"
        r"|(?<!\S)(?:لم|دون أن|من دون أن)(?: \S+){1,6}? (?:صفة قيادية|منصب(?:اً|ا)? قيادي(?:اً|ا)?"
        r"|موقع(?:اً|ا)? قيادي(?:اً|ا)?|وجود (?:أي )?قيادي|أي قيادي)(?!\S)"
    ),
    ("any of", "either of", "one of", "none of", "aucun", "attribu", "قيادي"),
    90,
    90,
)
_SURVIVED_START = Caseless(
    _SURVIVED,
    needs=("surviv", "escap", "slip", "miss", "survécu", "survit", "échapp", "نجا", "ينجو"),
)
# an escape told as past or denied: "tué une semaine après avoir échappé aux F-16", "il n'a
# pas échappé au raid suivant", "killed days after he survived a strike"; escapes a man ran
# ("the Iraqi who ran al-Hol escapes", "organised prison escapes")
_SURVIVED_BEFORE = re.compile(
    r"(?i)(?:\bafter (?:he |having |being )?|\b(?:did not|didn't|never|failed to|could not"
    r"|couldn't|no longer) |\baprès (?:avoir |s['’]être |qu['’]il (?:a|eut|avait) )?"
    r"|\bn['’](?:a|avait|ont) (?:pas|plus|jamais) |\bsans |(?<!\S)(?:بعد|لم|بعدما|بعد أن) )$"
    r"|\b(?:ran|runs|running|organi[sz]ed|organi[sz]ing|arranged|orchestrated|prison|jail"
    r"|camp|mass)\b[\w\s'’-]{0,20}$"
)


def _survived(sentence: _Sentence) -> bool:
    """Whether the sentence says the man struck lived ("commander escapes drone strike"), not
    that he had escaped an earlier one or failed to."""
    text, lowered = sentence.text, sentence.lowered
    at = _SURVIVED_START.start_lowered(text, lowered)
    while at is not None:
        if _SURVIVED_BEFORE.search(text, max(0, at - 30), at) is None:
            return True
        at = _SURVIVED_START.start_lowered(text, lowered, at + 1)
    return False


_BETWEEN = re.compile(r"(?i)\b(?:between|entre)\b|(?<!\S)بين(?!\S)")  # not تبين (it showed)
# months as copy writes them, accents and all (_MONTH_NAMES holds their folded forms)
_MONTHS_WRITTEN = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_MONTHS_WRITTEN_AR = (
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أيلول|ايلول|أكتوبر"
    "|اكتوبر|تشرين الأول|تشرين الاول|نوفمبر|تشرين الثاني|ديسمبر|كانون الأول|كانون الاول"
)
# Sentences that recall earlier events: their places are not the scene
_PAST = re.compile(
    r"(?i)\b(?:earlier (?:this|last|in)|last (?:week|month|year)|this (?:month|year)|"
    r"(?:weeks|months|years) ago|in (?:[a-z]+ )?(?:19|20)\d\d|since (?:19|20)\d\d|a series of|"
    # "il avait été « émir » dans le secteur de Chaddadi avant 2019"
    r"(?:before|until|avant|jusqu['’]en) (?:19|20)\d\d|"
    r"il y a (?:[\w-]+ ){0,2}?(?:semaines|mois|ans)|"
    r"the latest in|previous(?:ly)?|plus tôt|le mois dernier|la semaine dernière|"
    # "Since joining the coalition, Syria's authorities have stepped up operations...": a
    # campaign's background
    r"since (?:joining|taking|the fall of|it (?:joined|took)|then)|"
    # "the first such operation announced since U.S. forces killed the group's leader near
    # al-Bab on Monday": measured from another occurrence
    r"since (?!been )(?:[\w.'’-]+ ){1,4}?(?:killed|captured|detained|arrested|seized|raided|struck"
    r"|targeted)|since the (?:killing|death|capture|arrest|raid|strike) of|"
    r"en (?:[a-zéû]+ )?(?:19|20)\d\d|depuis|une série de|précédent|"
    # "the strike came hours after ... in a separate operation", "a separate coalition
    # helicopter raid", "separate from the raid on Dhiban", "in an unrelated raid": another
    # occurrence
    r"(?:a |in an? )?(?:separate|unrelated) (?:[\w-]+ ){0,2}(?:operation|raid|strike|attack"
    r"|incident|arrest|sweep|ambush|assault|airstrike)s?|separate from|"
    r"hours (?:earlier|later)|the day before|"
    # "killed near Harim on Tuesday was Abu Yasir, the man who had survived a drone attack on
    # his car near Atmeh": the places after it are the other occurrence's
    r"who had (?:survived|escaped)|who (?:survived|escaped) (?:an?|one|two) (?:[\w'’-]+ ){0,3}?"
    r"(?:strike|airstrike|attack|raid|attempt|ambush)s?\b|"
    # "the strike came hours after", "The operation comes less than three weeks after a
    # helicopter raid in the nearby town of Thiban", "L'opération intervient deux semaines
    # après": measured from another occurrence
    r"(?:comes?|came|coming) (?:[\w-]+ ){0,3}?(?:hours?|days?|weeks?|months?) (?:after|before)|"
    r"intervien(?:t|nent) (?:[\w-]+ ){0,4}?(?:heures|jours|semaines|mois) (?:après|avant)|"
    # "L'accrochage est survenu quelques heures après un raid héliporté ... à Markadé"
    r"(?:survenue?s?|eu lieu) (?:[\w-]+ ){0,4}?(?:heures|jours|semaines|mois) (?:après|avant)|"
    # ("وتأتي العملية بعد أيام من": not "جاءت بعد متابعة استخبارية" or "بعد أشهر من المتابعة",
    # what led to it)
    # ([^\s], not \S: the lower-case twin of the pattern must read alike; see Caseless)
    r"(?<![^\s])و?(?:تأتي|يأتي|جاءت|جاء)(?: [^\s]+){0,3}? بعد (?:(?:أقل|أكثر) من |نحو |قرابة )?"
    r"(?:ساعات|ساعة|يوم|يومين|أيام|أسبوع|أسبوعين|أسابيع|شهر|شهرين|أشهر)(?![^\s])"
    r"(?! (?:من|على) (?:ال)?(?:متابعة|رصد|مراقبة|غياب|تحقيق|تحقيقات|تحري|تحريات|تعقب|ملاحقة"
    r"|تصاعد|هدوء))|"
    # "The arrests followed by a day a U.S.-led helicopter raid in al-Karama"
    # (not "followed several weeks of surveillance")
    r"followed by (?:just |only )?(?:a|one|two|three|a few|several|\d+) (?:hours?|days?"
    r"|weeks?)\b|"
    # "Six detained in sweep of Busayra, hours after Diban raid"
    r"hours after (?:an? |the )?(?:[\w'’-]+ ){0,3}?(?:raid|strike|airstrike|operation|sweep"
    r"|arrest|airdrop|landing)s?\b|"
    r"(?:opération|arrestation|frappe) distincte|une autre (?:opération|arrestation)|"
    r"quelques heures (?:plus tôt|auparavant)|"
    # "the operation comes the day after a local emir was killed in Maadan"
    # ("arrêté la veille à al-Bab": the day before, elsewhere)
    r"(?:(?:the|a|one|two|three) days?|days) after|au lendemain (?:de|du|des|d['’])|la veille\b|"
    # "Le même jour, un responsable a été tué près de Markada": another occurrence that day
    # ("In a separate announcement the same morning, the ministry said it had captured a cell
    # leader in the village of al-Mukharram")
    r"(?:on |in )?the same (?:day|night|morning|afternoon|evening)|le même jour|la même nuit|"
    r"le même matin|la même (?:matinée|soirée)|"
    # "The sweep was one of two operations on Tuesday. Further south-east, a drone strike hit
    # a truck near Maadan": a sentence that opens on a bearing from the scene tells another
    r"^(?:further|farther) (?:north|south|east|west)|^elsewhere\b|^ailleurs\b|"
    # "Thursday's clash took place in the same province, but on the opposite bank, as a
    # coalition raid in the town of Dhiban": compared with another occurrence
    r"(?:in|on) the same (?:province|area|region|district|stretch)\b[^.;]{0,80}?\bas (?:an?|the)"
    r"|"
    # "the sweep was unrelated to a raid in al-Bab": named to be set apart
    r"unrelated to|not (?:linked|related|connected) to|sans (?:lien|rapport) avec|"
    r"n['’]a (?:aucun|pas de) (?:lien|rapport)|لا علاقة|"
    # "une enquête distincte de celle qui a conduit, jeudi, à la frappe", "لا يرتبطون بالخلية"
    r"distincte? (?:de|d['’]|du)|لا (?:ي|ت)رتبط\w*|غير مرتبط\w*)\b"
    r"|l['’]an dernier|l['’]année dernière"
    # "In October, the coalition captured a financier in Dhiban": a sentence opening on a month,
    # no day (not "a councillor shot dead in June told...": a clause)
    rf"|^(?:in|back in|en|au mois d['’]) ?(?:{_MONTHS_WRITTEN})\b(?![\s,]*\d)"
    # "The second operation, an airdrop near al-Karama, ...": a statement's other occurrence
    r"|^(?:the|a) (?:second|other|latter) (?:[\w-]+ ){0,2}?(?:operation|raid|strike|arrest"
    r"|sweep|airdrop|landing)s?\b"
    r"|^(?:la|une) (?:seconde|deuxième|autre) (?:[\w-]+ ){0,2}?(?:opération|frappe|arrestation"
    r"|descente|intervention)s?\b|^l['’]autre (?:opération|frappe|arrestation)"
    r"|^و?(?:في )?العملية (?:الثانية|الأخرى)"
    rf"|^و?في (?:شهر )?(?:{_MONTHS_WRITTEN_AR})(?! ?\d)(?![^\s])"
    r"|الشهر الماضي|الأسبوع الماضي|العام الماضي|السنة الماضية|في وقت سابق"
    r"|سلسلة عمليات|منذ|عام (?:19|20)\d\d"
    # ("بعد يومين فقط من إعلان ... اعتقال": only two days after)
    r"|عملية منفصلة|عملية أخرى|قبل ساعات|غداة|بعد (?:يوم|يومين)(?: فقط)? من"
    r"|في اليوم نفسه|في اليوم ذاته"
    # "في عملية أمنية منفصلة عن الإنزال الجوي الذي شهده ريف الشدادي"
    r"|منفصلة? عن"
)
# the week's own cue, no other occurrence's: "earlier this week", "plus tôt cette semaine"
_THIS_WEEK = re.compile(
    r"(?i)\b(?:earlier (?:this|in the) week|plus tôt (?:cette|dans la) semaine)\b"
    r"|(?<!\S)(?:مطلع|في وقت سابق من) (?:هذا )?الأسبوع(?: الجاري)?"
)
# "Mardi, un commando avait capturé à Dhiban...", "وكانت قوات التحالف قد اعتقلت": a sentence
# in the pluperfect tells an occurrence before this one (not after "que", "selon": "la
# coalition a indiqué que ses forces avaient capturé" is reported speech; English's "said it had
# captured" too often to read it so). Matched at the sentence's start only, and only where
# "avait" or "كان" is (not beside _PAST, whose other cues most sentences hold).
_PLUPERFECT_START = Caseless(
    re.compile(
        r"(?i)^(?:(?:(?!\bqu(?:e\b|['’])|\bselon\b).){0,120}?"
        r"(?:\bavai(?:t|ent) (?:été )?(?:captur|arrêt|interpell|tué|abattu|visé|frapp|mené"
        r"|lancé|survécu|échappé)"
        # ("des hélicoptères s'étaient posés dans cette localité")
        r"|\bs['’]étai(?:t|ent) (?:posé|introduit|infiltré|abattu))"
        r"|(?:و|ف)?كان(?:ت)?(?: \S+){0,4} قد (?:اعتقل|قتل|استهدف|نفذ|نفّذ|شن|شنّ|داهم|ألق"
        r"|أسر|أحبط|فكك|أغار))"
    ),
    needs=("avait ", "avaient ", "étai", "كان"),
)
# "Parmi elles figure l'« émir » d'une cellule", "Among them was", "ومن بينهم": of the men the
# sentence before told of
_AMONG = re.compile(
    r"(?i)(?:parmi (?:eux|elles|les (?:personnes|suspects|hommes|interpellés|morts|tués))"
    r"|among (?:them|those|the (?:dead|detained|detainees|suspects|men))"
    r"|(?:و)?(?:من )?(?:بينهم|بين (?:المعتقلين|الموقوفين|القتلى)))\b"
)
# an opening's occurrence weeks before, or told in the pluperfect
_LONG_BEFORE = re.compile(
    r"(?i)\b(?:weeks?|months?|semaines?|mois|had|avai(?:t|ent))\b"
    r"|(?<!\S)(?:أسبوع|أسبوعين|أسابيع|شهر|شهرين|أشهر|كان|كانت)(?!\S)"
)
# every match holds one of these, or a year
_PAST_START = Caseless(
    _PAST,
    (
        "earlier ", "last week", "last month", "last year", "this month", "this year", "s ago",
        "series of", "latest in", "il y a ", "previous", "plus tôt", "mois dernier",
        "semaine dernière",
        "depuis", "série de", "précédent", "separate ", "came ", "hours earlier",
        "who had survived", "who had escaped", "who survived", "who escaped",
        "come ", "comes ", "coming ", "intervien", "survenu", "eu lieu", "تأتي", "يأتي", "جاء",
        "hours later", "hours after", "day before", "same province", "same area", "same region",
        "same district", "same stretch", "opération distincte", "arrestation distincte",
        "frappe distincte", "autre opération", "autre arrestation",
        "quelques heures", "day after", "days after", "lendemain", "la veille", "same day",
        "same night", "même nuit", "same morning", "same afternoon", "same evening",
        "même matin", "même soirée", "second ", "other ", "latter ", "seconde ", "deuxième ",
        "autre ", "العملية الثانية", "العملية الأخرى", "further ", "farther ", "elsewhere",
        "ailleurs",
        "même jour", "اليوم نفسه", "اليوم ذاته",
        "unrelated ", "not linked", "not related", "not connected", "sans lien",
        "sans rapport", "a aucun", "a pas de", "لا علاقة", "an dernier", "année dernière",
        "الماضي", "في وقت سابق", "سلسلة عمليات", "منذ", "عملية منفصلة", "عملية أخرى", "منفصل",
        "قبل ساعات", "غداة", "بعد يوم", "since ", "distinct", "يرتبط", "ترتبط",
        "مرتبط", "followed by",
    ),
    re.compile(
        rf"(?:19|20)\d\d|(?:in|en|d['’]) ?(?:{_MONTHS_WRITTEN})"
        rf"|في (?:شهر )?(?:{_MONTHS_WRITTEN_AR})"
    ),
)  # fmt: skip
# "east of Raqqa", "au sud de Hassaké", "شرق الرقة": the town is a bearing, the event is out
# in its province
_BEARING = re.compile(
    r"(?i)\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern outskirts)? of (?:the )?"
    # ("east of the Syrian city of Deir ez-Zor")
    r"(?:(?:Syrian |Iraqi |northern |eastern |southern |western |ancient |historic |oasis )?"
    r"(?:border )?(?:city|town) of )?$"
    r"|\b(?:nord|sud|est|ouest)(?:-(?:est|ouest))? (?:de |d['’]|du )"
    r"(?:la (?:ville|cité) (?:syrienne |irakienne |antique |historique )?(?:frontalière )?de )?$"
    r"|(?:شرق|غرب|شمال|جنوب|شرقي|غربي|شمالي|جنوبي)(?: مدينة)? $"
    # "upstream from Dhiban", "35 km from Raqqa", "en amont de Hajine": a point to measure from
    r"|\b(?:(?:up|down)stream|(?:\d+ ?|a few |several )(?:km|kilometres|kilometers|miles)) "
    r"(?:from|of) (?:the )?(?:city of |town of |village of )?$"
    r"|\ben (?:amont|aval) (?:de |d['’]|du )$"
    r"|\b(?:\d+ ?|quelques )(?:km|kilomètres) (?:de |d['’]|du )(?:la ville (?:de |d['’]))?$"
)
# "sending seven youths to join the group in Syria and Iraq", "il avait rejoint l'EI en Syrie",
# "للالتحاق بصفوف التنظيم في سوريا": where recruits went to fight, not the scene
_JOINED = re.compile(
    # (not "killed during fighting in Hajin": a scene)
    r"(?i)\b(?:join|joins|joined|joining|to fight|fought (?:for|with|alongside))"
    r"(?: [\w'’-]+){0,4}? (?:in|en) (?:the )?$"
    r"|\b(?:rejoindre|rejoint|rejoignaient|combattre|combattu)(?: [\w'’-]+){0,4}? (?:en|au|à) $"
    r"|(?<!\S)(?:للالتحاق|للقتال|التحق|قاتل)(?: \S+){0,3}? في $"
)
# "near the Syrian village of Baghuz, across the border from al-Qaim", "en face de la ville
# irakienne d'al-Qaïm": a town across a border from the scene (across a river, "Ratla, across
# the Euphrates from Raqqa", it is the village's own landmark)
_ACROSS = re.compile(
    r"(?i)\bacross the (?:border|frontier) from (?:the )?"
    r"(?:(?:Iraqi |Syrian |Turkish )?(?:city|town|village) of )?(?:(?:al|el)[-‐‑–])?$"
    r"|\ben face (?:de |d['’]|du )la ville (?:syrienne|irakienne|turque) (?:de |d['’])"
    r"(?:(?:al|el)[-‐‑–])?$"
    # "cette ville frontalière située face à Azaz", "the border city opposite Azaz",
    # "ولاية كلس المقابلة لمدينة أعزاز"
    r"|\bfrontali[èe]re (?:[\w'’-]+ ){0,2}(?:face à |en face (?:de |d['’]))(?:(?:al|el)[-‐‑–])?$"
    r"|\bborder (?:town|city|province|crossing)(?: [\w'’-]+){0,3} (?:opposite|facing) (?:the )?"
    r"(?:(?:Syrian|Turkish|Iraqi) )?(?:(?:town|city) of )?(?:(?:al|el)[-‐‑–])?$"
    r"|(?<!\S)(?:المقابلة|المقابل) (?:لمدينة|لبلدة) $"
    # "Akçakale, ville turque située face à Tal Abyad"
    r"|\b(?:située?s?|qui fai(?:t|sait)|faisant) (?:juste )?face à (?:(?:al|el)[-‐‑–])?$"
)

# a town's quarter named like a place elsewhere ("حي صلاح الدين بحلب", "le quartier de
# Salaheddine à Alep"): no scene of its own; the town named after it is
_QUARTER = re.compile(
    r"(?i)(?:\b(?:quartier|neighbou?rhood) (?:de |d['’]|du |of )?(?:the )?"
    r"|(?<!\S)حي )(?:(?:al|el)[-‐‑–])?$"
)
# a capitalised name right before: "the Bab Tadmur district" (a place's name ending a
# quarter's: "Bab" is no place), "the Ghuwayran neighbourhood of", "the al-Mashlab
# neighbourhood of" (a quarter's name before "neighbourhood", the town after it)
_NAME_BEFORE = re.compile(
    r"(?:^|\s)(?!(?:The|In|At|Of|On|From|Near)\s)(?:(?:al|el|ar|ad|as|ash|an|az)[-‐‑–])?"
    r"[A-Z][\w'’-]*\s$"
)
_DISTRICT_AFTER = re.compile(r" (?:district|neighbou?rhood|quarter)\b")
# "in Shirqat, not Kirkuk", "not in nearby al-Ghandoura as first reported", "et non à Hajine",
# "وليس في الشحيل": a place first reported, set right
_NOT_THERE = re.compile(
    r"(?i)\b(?:not|rather than|instead of|et non|non pas|et pas)\s+"
    r"(?:in\s+|at\s+|à\s+|dans\s+|de\s+|d['’]|(?:aux abords|près) (?:de\s+|d['’]))?"
    r"(?:(?:nearby|neighbou?ring|voisine?)\s+)?(?:the\s+|la\s+|le\s+)?"
    r"(?:(?:town|village|city|ville|localité)\s+(?:of\s+|de\s+|d['’]))?(?:(?:al|el)[-‐‑–])?$"
    r"|(?<!\S)(?:وليس|وليست|لا)\s+(?:في\s+)?(?:(?:بلدة|قرية|مدينة)\s+)?$"
    # "contrary to earlier reports of a raid in Hajin", "خلافاً لما تداولته بعض الوسائل
    # الإعلامية عن وقوع العملية في ريف دير الزور": the place first reported, wrongly
    r"|\bcontrary to (?:some |earlier |initial |first )?reports\b[^.;]{0,50}?"
    r" (?:in|at|near) (?:the )?(?:(?:al|el)[-‐‑–])?$"
    r"|\bcontrairement (?:à ce qu|aux (?:premières )?informations)[^.;]{0,50}?"
    r" (?:à|dans|près d['’]|près de|d['’]) (?:la |le )?$"
    r"|(?<!\S)خلافا?ً? لما[^.؛]{0,60}? (?:في|ب|قرب)\s*(?:(?:بلدة|قرية|مدينة)\s+)?$"
)

# "the city of Raqqa", "la ville de Raqqa", "مدينة الرقة": the town named like its province
_CITY = re.compile(
    r"(?i)\b(?:city|town|ville|centre|center|downtown|neighbourhoods? of|quartiers? de)"
    r"(?: of| de| d['’])? (?:the )?(?:(?:al|el|ar|ad)[-‐‑–])?$|(?:مدينة|وسط) $"
)
# "Raqqa city", "Raqqa's al-Mashlab neighbourhood": the town, not the area
# ("Raqqa neighbourhood" too; but "the Raqqa district" is the area named for the town)
_CITY_AFTER = re.compile(
    r"(?i)(?: city\b|['’]s (?:[\w-]+ ){0,3}(?:neighbou?rhood|district)\b"
    r"| (?:[\w-]+ ){0,2}neighbou?rhood\b)"
)


def _possessive(sentence: _Sentence, m: Mention) -> bool:
    """Whether a place's name as found ends with a possessive's "'s"."""
    return sentence.text.endswith(("'s", "’s"), m.start, m.end)


def _district_of_a_town(sentence: _Sentence, m: Mention, after: Mention) -> bool:
    """Whether a province's possessive names a town's district right after it: "Kirkuk's
    Hawija district" (not "Syria's Afrin district", a country's)."""
    return (
        m.place.level == REGION
        and _possessive(sentence, m)
        and after.place.level == TOWN
        and after.start - m.end <= 1
    )


# "bombs on the Raqqa-Tabqa road": the road is not the scene
_ROAD_AFTER = re.compile(
    # ("the Palmyra-Deir ez-Zor highway")
    r"(?i)^(?:\s?[-–]\s?[\w'’-]+(?: [\w'’-]+)?| to [\w'’-]+(?: [\w'’-]+)?){0,2}"
    r" (?:road|highway|motorway)\b"
)
# "a man from the nearby town of al-Shuhail", "originaire de Hajin", "ينحدر من الشحيل": where he
# comes from, not where it happened
_ORIGIN = re.compile(
    r"(?i)\b(?:(?:comes?|hails?|originally|is|was) from|native of|born in|a man from|"
    # "a Syrian from the Deir el-Zour region", "an Iraqi from Mosul": his home, not the scene
    r"an? (?:Syrian|Iraqi|Turkish|Jordanian|Saudi|Tunisian|Egyptian|Lebanese|local man) from|"
    # "a 44-year-old from the Anbar town of Hit"
    r"from(?= the (?:[\w'’-]+ ){0,2}?(?:town|village) of)|years?-old from|"
    r"originaire d['’e]|natif d['’e]|né à|(?:ينحدر|المنحدر|ينتمي|يتحدر|المتحدر) من|من أبناء"
    # "who had fought with the group since its early days in Anbar": his past, not the scene
    r"|\bsince (?:its|his|their|the group['’]s) (?:early|first) (?:days|years) in"
    r"|\bdepuis (?:ses|les) (?:débuts|premières années) (?:à|en|dans)(?: la| le)?"
    # "زعيم داعش الجديد عراقي من الطارمية": an Iraqi from Tarmiyah
    r"|(?:عراقي|سوري|تونسي|سعودي|أردني|اردني|مصري|تركي|لبناني)(?: الجنسية)? من"
    # "من مواليد قضاء الطارمية": born in the Tarmiyah district
    r"|(?:من )?مواليد(?: (?:قضاء|مدينة|بلدة|قرية|ناحية|محافظة))?"
    # "بتهريب عوائل داعش من مخيم الهول", "spiriting families out of al-Hol": where the people
    # were smuggled from, not where the men were held
    r"|\b(?:smuggl\w*|escape[sd]?|escaping|spirit(?:ed|ing|s)?)(?: [\w'’-]+){0,4} (?:from|out of)"
    r"|\b(?:exfiltr\w*|évasions?|évadés?|faire sortir|fait sortir)(?: [\w'’-]+){0,4}"
    r" (?:de|du|d['’])"
    # ("التهريب من مخيم الهول": the article joins the word, no \b before it)
    r"|(?:ال|ب|ل|بال|لل)?(?:تهريب|هروب|فرار)(?: \S+){0,3} من"
    # "an emir who had crossed from Lebanon", "infiltré depuis le Liban", "تسلل من لبنان",
    # "قادماً من سوريا": where a man came from, not where he was held
    r"|\b(?:came|coming|arriving|arrived|crossed|crossing|infiltrated|infiltrating|slipped"
    r"|sneaked|lured|luring)(?: [\w'’-]+){0,4} from"
    r"|\b(?:venue?s?|arrivée?s?|infiltrée?s?|passée?s?) (?:clandestinement )?(?:de|depuis|du)"
    r"|\ben provenance (?:de|du|d['’])"
    r"|(?:تسلل|متسلل|قادم|قادما|قادماً|القادم)\S*(?: \S+){0,3} من"
    # "تقدمت عبر طريق ترابي انطلاقاً من بلدة معدان", "troops setting out from Maadan": where
    # the force left from, not the scene
    r"|(?<!\S)انطلاقا\S?(?: من)?(?: (?:بلدة|مدينة|قرية|قاعدة|قاعدتها))?"
    r"|\b(?:set(?:ting)? out|setting off|departing|deployed) from"
    # "بعد استدراجه من الأراضي السورية إلى مدينة الموصل": lured from Syria, held in Mosul
    r"|(?:استدراج|استدرج)\S*(?: \S+){0,3} من(?: ال[أا]راضي)?"
    # "شخص من التابعية السورية": a Syrian national, wherever he was held
    r"|(?:ال)?(?:تابعية|جنسية)"
    # "l'acheminement des recrues vers la Syrie", "heading towards Raqqa", "نحو سوريا": where
    # men or goods were bound, not the scene
    r"|\b(?:towards?|vers(?: la| le)?)|(?<!\S)(?:نحو|باتجاه)"
    # "payments to the families of its members in al-Hol camp": where the men's families live
    r"|\bfamil(?:y|ies) (?:[\w'’-]+ ){0,4}?(?:in|at)|\bfamilles (?:[\w'’-]+ ){0,4}?(?:à|dans)"
    r"|(?<!\S)(?:عائلات|عوائل)(?: \S+){0,4} في)"
    # ("originally from the Anbar town of Rawa", "from the area of al-Shaddadi")
    r" (?:the )?(?:nearby )?(?:(?:[\w'’-]+ ){0,2}?(?:town|village|city|area|region) of "
    # ("originaire de la région de Tell Abyad")
    r"|(?:la )?(?:ville|localité|région) de |du village de "
    r"|(?:مدينة|بلدة|قرية|منطقة|محافظة|ناحية|قضاء|مخيم) )?"
    r"(?:(?:al|el)[-‐‑–])?$"
)
# "the Badia, stretching from Palmyra toward the Iraqi border": where a region ends
_EXTENT = re.compile(
    # (and the far end: "the sector stretching from Hajin to the outskirts of Baghouz")
    r"(?i)\b(?:stretch|extend|run|reach)\w* (?:from (?:[\w'’-]+ ){1,3}?to|from|to|toward|towards"
    r"|as far as) (?:the )?"
    # "from the outskirts of Palmyra", "to the edges of Deir ez-Zor"
    r"(?:(?:outskirts|edges?|gates|suburbs|countryside) of (?:the )?)?"
    r"(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:s['’]étend\w*|s['’]étirant|allant) (?:de |d['’]|du |jusqu['’]à "
    r"|jusqu['’]aux (?:confins|portes|abords|limites) (?:de (?:la )?|du |des ))$"
    r"|(?:الممتدة|الممتد|تمتد|يمتد) (?:من|حتى|إلى|الى) $"
    # "the Badia, the vast desert that stretches between Palmyra, al-Sukhnah and the Euphrates":
    # a desert's bounds, the towns on its edge (not "the farm track that runs between Atmeh
    # and Qah", "the stretch between Sarmada and Bab al-Hawa": a scene on the way)
    r"|\b(?:desert|steppe|expanse|badia)s?,? (?:that |which )?(?:stretch|extend)\w* between"
    r"(?: [\w'’-]+,?(?: and)?){0,4}? (?:the )?(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:désert|steppe|étendue|badia)s?,? qui s['’](?:étend|étire)\w* entre"
    r"(?: [\w'’-]+,?(?: et)?){0,4}? (?:l['’]|le |la )?(?:(?:al|el)[-‐‑–])?$"
    r"|(?<!\S)(?:البادية|الصحراء) (?:الممتدة|التي تمتد) بين (?:\S+ ){0,3}?(?:و)?$"
)
# "in the districts of Hawija, Dibis and Daquq", "dans les provinces de Raqqa et Hassaké", "في
# أقضية الحويجة والدبس وداقوق": where a man was active, an area; no scene
_AREAS = re.compile(
    r"(?i)\b(?:districts|sub-?districts|provinces|governorates|regions|areas) (?:of )?(?:the )?"
    r"(?:[\w'’-]+,? (?:and |or )?){0,5}$"
    r"|\b(?:districts|provinces|régions|secteurs|localités) (?:de |d['’]|du |des )"
    r"(?:[\w'’-]+,? (?:et |ou )?){0,5}$"
    r"|(?:أقضية|اقضية|نواحي|محافظات|مناطق) (?:\S+ ){0,5}$"
)
# What a man or a cell is accused of, and where: "accused of bombings and killings in Hawija,
# Abbasi and Riyadh", "responsable d'attentats à Raqqa", "بمشاركته في عمليات زرع عبوات ناسفة
# استهدفت عجلات للجيش في العباسي": their past, not the scene
_ACCUSED = re.compile(
    r"(?i)\b(?:accused of|blamed for|responsible for|suspected of|involved in|behind)\b"
    r"[^.;:]{0,80}?\b(?:attacks?|bombings?|killings?|ambush(?:es)?|assassinations?"
    r"|kidnappings?|abductions?|extortion)\b[^.;:]{0,60}$"
    r"|\b(?:accusée?s? d['’]|soupçonnée?s? d['’]|responsables? d['’]|impliquée?s? dans"
    r"|auteurs? d['’])[^.;:]{0,80}?\b(?:attentats?|attaques?|assassinats?|embuscades?"
    r"|enlèvements?|meurtres?|racket)\b[^.;:]{0,60}$"
    r"|(?:متهم|متورط|مسؤول عن|مسؤولة عن|مشاركته في|وراء)[^.؛]{0,100}?(?:هجمات|هجوم|تفجير"
    r"|اغتيال|كمائن|عبوات|خطف)[^.؛]{0,80}$"
    # the operations a man directed: "an official who directed the group's operations inside
    # Iraq", "qui dirigeait les opérations du groupe en Irak"
    r"|\b(?:directed|directing|directs|ran|running|oversaw|overseeing|oversees|coordinated"
    r"|commanded|managed|in charge of|responsible for) (?:the group's |its |IS |ISIS )?"
    r"(?:operations|attacks|cells|networks?)(?: [\w'’-]+){0,2}? (?:inside|in|across) (?:the )?$"
    r"|\b(?:dirigeait|supervisait|coordonnait|chargée? des|responsable des) "
    r"(?:les )?opérations(?: [\w'’-]+){0,3}? (?:en|au|à|dans) (?:la |le |l['’])?$"
    # where a man served before: "a former member of the group's security apparatus in
    # Hawija", "un ancien commandant de l'EI à Hajine"
    r"|\b(?:former|ex-|onetime|one-time) ?(?:[\w'’-]+ ){0,2}?(?:member|official|commander|emir"
    r"|leader|head|chief|fighter|governor|wali|judge)s?\b[^.;:,]{0,50}? (?:in|at) (?:the )?$"
    r"|\banciens? (?:[\w'’-]+ ){0,2}?(?:membre|responsable|commandant|émir|chef|combattant"
    r"|gouverneur|wali|juge)s?\b[^.;:,]{0,50}? (?:à|en|dans) (?:la |le |l['’])?$"
    # the province a man ran for the group: "who had run the group's province of Raqqa",
    # "qui aurait dirigé la province de Raqqa au temps du califat"
    r"|\b(?:ran|run|led|governed|headed|administered) (?:the )?(?:group['’]s |its |IS |ISIS )?"
    r"(?:province|wilaya|wilayat|administration) (?:of|in) (?:the )?"
    r"(?:(?:Syrian |Iraqi )?(?:city|town|province) of )?(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:dirigé|administré|gouverné) (?:la |le |l['’])?"
    r"(?:(?:province|wilaya|ville|administration) (?:de |d['’]|du ))?(?:(?:al|el)[-‐‑–])?$"
)
# "la cellule de l'attaque du bus de Palmyre", "les auteurs de l'attentat de Manbij": the
# attack the men are held for, not where they were taken (a headline's too)
_ATTACK_OF = re.compile(
    r"(?i)\b(?:cellules?|auteurs?|commandos?) (?:de |d['’])(?:l['’]|la |les )?(?:attentats?"
    r"|attaques?|assassinats?|embuscades?)(?: [\w'’-]+){0,2}? (?:de |d['’]|du )$"
    # the city a plot foiled aimed at: "avoir déjoué un projet d'attentat de l'EI à Damas" (the
    # cell was caught in al-Kiswah; but "a plot to bomb the Sayyida Zeinab shrine" was most
    # often foiled near it)
    r"|\b(?:projets?|plans?|préparatifs) d['’](?:attentats?|attaques?)(?: [\w'’-]+){0,4}? "
    r"(?:à|dans) (?:la |le |l['’])?$"
)
# "the governor of Kirkuk", "'wali' for Raqqa province", "l'émir de Hajin", "والي كركوك": a
# place named as a man's title
_TITLE = re.compile(
    r"(?i)\b(?:governor|wali|emir|amir|gouverneur|émir|commander)(?:\s?['’\"»])?"
    r"(?: \([^()]{0,20}\))?"
    # "l'adjoint du « gouverneur » jihadiste de Salaheddine"
    r"(?: (?:jihadiste|djihadiste|autoproclamé),?)?"
    # "the wali (governor) of the Islamic State for Kirkuk province"
    r"(?: (?:of|de) (?:the |l['’]|l['’]organisation |l['’]organisation de l['’])?(?:Islamic State"
    r"|IS|ISIS|Daesh|EI|[ÉE]tat islamique|group|groupe))?"
    # (the commander "for the 'al-Jazira' sector")
    r" (?:of|for|de|d['’]|du|pour) (?:the |la )?(?:province of |province de )?(?:[\"“«‘']\s?)?"
    r"(?:(?:al|el)[-‐‑–])?$"
    r"|(?:والي|أمير|امير|ولاية)(?: (?:قاطع|قطاع))? $"
    # "المسؤول الأمني لتنظيم داعش في قطاع جنوب دمشق": the sector a man answers for
    r"|(?<!\S)(?:قطاع|قاطع)(?: (?:جنوب|شمال|شرق|غرب)ي?)? $"
    # "the group's leader for the Samarra area", "le responsable de l'EI pour la province de
    # Salaheddine"
    r"|\bleader for (?:the )?$"
    r"|\b(?:responsable|chef) (?:[\w'’]+ ){0,4}?pour (?:la )?"
    r"(?:(?:province|région|zone|secteur)(?: syrienne| irakienne)? (?:de |d['’]))?$"
    # "soupçonné de diriger l'EI dans la région syrienne d'Alep", "مسؤول داعش عن حلب"
    r"|\bdiriger (?:[\w'’()]+ ){1,5}?(?:dans|pour) (?:la )?(?:province|région|zone)"
    r"(?: syrienne| irakienne)? (?:de |d['’])$"
    r"|(?<!\S)(?:ب|ل)?(?:ال)?مسؤول (?:\S+ ){0,2}?عن $"
    # "an Iraqi who ran al-Hol escapes", "qui dirigeait les filières du camp d'al-Hol": the
    # place a man's job was, like his title
    # (not "the official responsible for the Hawija area", most often taken there)
    r"|\b(?:who |which )?(?:ran|runs|running|headed|oversaw|oversees|overseeing)\s(?:the\s)?"
    r"(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:qui )?(?:dirigeait|gérait|supervisait)\s(?:la |le |les |l['’])?"
    r"(?:(?:camp|réseau|filières?) (?:de |d['’]|du ))?$"
    r"|(?:أدار|يدير|يشرف على) $"
)
# "Islamic State's Salahuddin governor", "its Kirkuk wali": the title after the province
# (and "IS 'Jazira' commander")
_TITLE_AFTER = re.compile(
    r"(?i)(?:['’\"”»])?(?:['’]s)? (?:province |sector |area )?"
    r"(?:governor|wali|emir|commander|chief)\b"
    r"| area leader\b"
)
# "in contact with Islamic State commanders hiding in the Syrian desert", "تلقى تعليماته من
# قياديين ينشطون في البادية": where the men he answered to are, not the scene
_CONTACT = re.compile(
    r"(?i)\b(?:communicat\w*|contacts?|touch|links?|ties|orders|instructions|directives)\b"
    r"[^.;:!?]{0,60}\b(?:in|inside|from)\s+(?:the\s+)?(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:contacts?|liens?|ordres|instructions)\b[^.;:!?]{0,60}"
    r"\b(?:en|à|au|dans (?:le|la|les))\s+$"
    r"|(?:تواصل|اتصال|تعليمات|تعليماته|أوامر|اوامر|مرتبط|ارتباط)[^.؛:!?]{0,60}(?:في )?$"
)
# "the official, from the SDF's internal security service in Shaddadi, said": where the one who
# speaks works, not the scene
_BASED = re.compile(
    r"(?i)\b(?:official|officer|source|spokes(?:man|woman|person)|commander|member"
    r"|representative)s?,? (?:from|of|with|at|in) (?:the |an? )?(?:[\w'’-]+ ){0,6}?"
    r"(?:service|office|council|command|directorate|branch|administration|headquarters)s?"
    r" (?:in|at) (?:the )?(?:(?:al|el)[-‐‑–])?$"
    r"|\b(?:responsable|officier|source|porte-parole|membre|représentant)s? (?:du|de la|des"
    r"|de l['’]) (?:[\w'’-]+ ){0,6}?(?:service|bureau|conseil|commandement|direction"
    r"|administration)s? (?:à|de|d['’]) ?(?:(?:al|el)[-‐‑–])?$"
    # "citing the chief prosecutor's office in Istanbul", "le parquet d'Istanbul": who charges
    r"|\bprosecutor(?:['’]s|s['’]|s)? office (?:in|at) (?:the )?$"
    r"|\bparquet (?:général )?(?:de |d['’])$"
)
# local outlets named for their town: "صوت دير الزور", "شبكة الرقة", "Deir Ezzor 24", "Raqqa Post"
# (and "Agence France-Presse", "France 24": no arrest in France)
_OUTLET = re.compile(r"(?:صوت|شبكة|شبكه|موقع|إذاعة|اذاعة|راديو|قناة|تلفزيون|مرصد|نداء) $")
_OUTLET_AFTER = re.compile(r"^(?: (?:24|Post|بوست)|[-‑]Press[e]?)(?!\w)")
# "the operative who ran al-Hol escape network": where men were spirited out of, not the scene
_ESCAPES_AFTER = re.compile(
    r"(?i) (?:(?:camp|prison|jail)(?:['’]s)? )?(?:mass )?"
    r"(?:escape|jailbreak|prison-?break|breakout)s?"
    r" (?:network|ring|route|racket|plot|scheme|pipeline)s?\b"
)
# "a checkpoint on the road to al-Tabqa", "la route de Tabqa", "طريق الرقة": a direction
_ROAD = re.compile(
    r"(?i)\b(?:road|highway|route|way)s? (?:leading |heading |running )?"
    r"(?:to|from|linking|connecting|between|towards?"
    # "the desert highway that links Palmyra with the Euphrates valley"
    r"|(?:that|which) (?:links?|connects?|joins?|leads? to|runs? (?:to|from|between))) (?:the )?"
    r"(?:city of |town of )?(?:(?:al|el|ad|as|ash|at|ar|az|an)[-‐‑–])?$"
    r"|\broute (?:menant |qui mène )?(?:de |d['’]|du |vers |reliant |à |au )(?:(?:al|el)[-‐‑–])?$"
    r"|طريق (?:مدينة )?$"
    # "على الطريق المؤدي إلى بلدة مركدة": the road leading to the town (or to a crossing:
    # "الطريق المؤدي إلى معبر باب الهوى")
    r"|(?:طريق|طرق)(?: ال\w+)? (?:المؤدي|المؤدية|الواصل|الواصلة|المتجه|المتجهة|الذاهب)"
    r" (?:إلى|الى|نحو) (?:مدينة |بلدة |قرية |معبر |منفذ )?$"
    # its other end: "the road between Raqqa and Tabqa", "طريق الرقة – الطبقة"
    r"|\b(?:road|highway|route)s? (?:linking|connecting|between|from|reliant|entre|de"
    r"|(?:that|which) (?:links?|connects?|joins?)) (?:[\w'’-]+ ){1,3}"
    r"(?:and|to|with|et|à) (?:(?:al|el)[-‐‑–])?$|طريق (?:مدينة )?\w+ ?[-–] ?$"
    # "sur l'axe Raqqa-Tabqa", "la route Palmyre-Deir ez-Zor": either end
    r"|\b(?:axe(?: routier)?|route) (?:[\w'’-]+(?: [\w'’-]+){0,2} ?[-–] ?)?"
    r"(?:(?:al|el)[-‐‑–])?$"
    # "الطرق الواصلة بين تدمر ودير الزور": the roads between two towns
    r"|(?:طريق|طرق)(?: ال\w+)? (?:الواصل|الواصلة|الرابط|الرابطة|الممتد|الممتدة) بين $"
    # "الطريق الترابي الذي يصل المنطقة ببلدة معدان", "a track that links the area to Maadan":
    # the road's far end, whatever it sets out from
    r"|(?:طريق|طرق)(?: ال\w+)? (?:الذي|التي) (?:يصل|يربط|تصل|تربط)(?: \S+){0,2}"
    r" (?:ب|إلى |الى )?(?:ب?(?:مدينة|بلدة|قرية) )?$"
    r"|\b(?:road|highway|track)s? (?:that|which) (?:links?|connects?|joins?)(?: [\w'’-]+){1,3}"
    r" (?:to|with) (?:the )?(?:city of |town of )?(?:(?:al|el)[-‐‑–])?$"
)


# of those, a district named for its town ("the Abu Kamal district"): it reaches further
_DISTRICT = re.compile(r"(?i)\bdistrict|(?<!\S)(?:قضاء|ناحية)(?!\S)")
# "near Qamishli", "outside Manbij", "the Manbij countryside", "près de Salamiyé", "ريف منبج",
# "the district of Abu Kamal", "le district d'Abou Kamal", "قضاء القائم": the scene is around the
# town, as far as a village of its countryside
_VICINITY = re.compile(
    r"(?i)\b(?:near|outside|around|next to|beside|close to|(?:the )?outskirts of"
    r"|(?:the )?countryside of|rural"
    r"|(?:the )?(?:sub-?)?district of|(?:le |du )?(?:sous-)?district (?:d['’e]\s?)?"
    r"|près d['’e]\s?|(?:aux )?environs d['’e]\s?|(?:la )?région d['’e]\s?|la campagne d['’e]\s?)"
    r"\s*(?:the\s+)?(?:(?:town|city|village|localité|ville) (?:of |de |d['’])\s*)?"
    r"(?:(?:al|el)[-‐‑–])?$|(?:ريف|قرب|بالقرب من|القريبة من|القريب من|محيط|أطراف|اطراف"
    r"|ضواحي|قضاء|ناحية|بمنطقة|منطقة) "
    r"(?:مدينة |بلدة )?$"
    # "the road between Qabasin and al-Bab", "الطريق الواصل بين قرية قباسين ومدينة الباب"
    r"|\b(?:road|highway|route)s? (?:between|linking|reliant|entre) (?:the )?"
    r"(?:(?:town|village|city) of )?(?:(?:al|el)[-‐‑–])?$"
    r"|(?:الطريق|طريق)(?: الواصل| الرابط| الدولي)? بين (?:مدينة |بلدة |قرية )?$"
)
# "near the Sayyida Zeinab shrine": near a landmark in the town, so in the town
_LANDMARK_AFTER = re.compile(r"(?i)\s+(?:shrine|mosque|mausoleum|sanctuary)\b")
_VICINITY_AFTER = re.compile(
    r"(?i)^(?:['’]s)? (?:countryside|outskirts|area|region|(?:sub-?)?district)\b"
)
# of those, the edge of a city ("the outskirts of Raqqa city", "أطراف مدينة الرقة"): the scene is
# at the city, not anywhere in its countryside (al-Mansoura, 27 km out, is another scene). Read
# only where _VICINITY already put the event near the town: "edge of" counts beside "'s
# countryside" after the name, never alone ("on edge of Homs" is read in Homs)
_EDGE = re.compile(
    r"(?i)\b(?:outskirts|edges?|fringes?) of\s*(?:the\s+)?(?:(?:town|city) of\s*)?"
    r"(?:(?:al|el)[-‐‑–])?$|(?:أطراف|اطراف|ضواحي) (?:مدينة |بلدة )?$"
)
_EDGE_AFTER = re.compile(r"(?i)(?:['’]s)? outskirts\b")  # (matched at the name's end)


def _bearing_from(place: Place, places: Gazetteer) -> Place:
    """The province a town given as a bearing lies in (the town itself without one)."""
    if place.level < TOWN or not place.parent:
        return place
    return places.by_id.get(place.parent, place)


# a country named for its border ("near Iraq border", "the border with Turkey", "الحدود مع
# العراق"): the scene is on the other side
_BORDER_AFTER = re.compile(r"(?i)[\s-]*(?:border|frontier)s?\b")
_BORDER_BEFORE = re.compile(
    r"(?i)\b(?:border|frontier|frontière) (?:with |avec )(?:the |l['’]|la |le )?$|الحدود مع $"
)
# a country that acts ("Iraq strikes across the border", "Iraq's military said", "L'Irak frappe
# en Syrie", "العراق يقصف"): the force, not the scene, when the headline or lead says it acted
# across a border (most often a country acts at home: "Turkey says it captured...")
_COUNTRY_ACTS = re.compile(
    r"(?i)(?<=['’]s) (?:military|army|armed forces|air force|jets|warplanes|forces|troops"
    r"|intelligence|security forces|counter-terrorism)\b"
    r"| (?:says|said|names|named|confirms|announces)\b"
    r"| (?:says it |said it |claims it )?(?:strikes?|struck|kills?|killed|captures?|captured"
    r"|arrests?|arrested|detains?|detained|raids?|raided|bombs?|bombed|frappe|bombarde|tue"
    r"|arrête|capture)\b"
    r"| (?:يقصف|يضرب|يقتل|يعتقل|يستهدف|تقصف|تضرب|تقتل|تعتقل|تستهدف)(?!\S)"
)
_CROSS_BORDER_START = Caseless(
    re.compile(
        r"(?i)\bacross the border\b|\bcross-border\b|\binside (?:Syria|Iraq)\b"
        r"|\bde l['’]autre côté de la frontière\b|\btransfrontali\w+"
        r"|\ben territoire (?:syrien|irakien)"
        r"|داخل الأراضي (?:السورية|العراقية)|داخل الاراضي (?:السورية|العراقية)|عبر الحدود"
    ),
    (
        "border", "inside ", "frontière", "transfrontali", "en territoire", "داخل الأراضي",
        "داخل الاراضي", "عبر الحدود",
    ),
)  # fmt: skip
# "in Tripoli", "near al-Bab", "à Mossoul", "في الموصل": the scene, where a headline says it
# "the village of", "le village de", "قرية": a village the lead introduces by name
_VILLAGE_OF = re.compile(
    r"(?i)\bvillage\s+(?:of\s+|de\s+|d['’])(?:(?:al|el)[-‐‑–])?$|(?<!\S)قرية\s+$"
)
_SCENE = re.compile(
    # "near the Syrian border town of Jarablus", "près de la ville frontalière de Jarablus",
    # "قرب بلدة البصيرة"
    r"(?i)(?:\b(?:in|near|at|outside)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|village)"
    r" of\s+)?|\b(?:à|près d['’]|près de|dans)\s*(?:(?:la|le)\s+(?:ville|localité|village|bourg)"
    r"(?:\s+[\w-]+)?\s+(?:de\s+|d['’]))?|(?:في|قرب)\s+(?:(?:مدينة|بلدة|قرية)\s+)?)"
    r"(?:(?:al|el)[-‐‑–])?$"
)


_UNRESOLVED = re.compile(
    # ("the village of Ghanem al-Ali": a second word may open on its article)
    r"\b(?:village|town|hamlet|locality|area) of ((?:al-)?[A-Z][\w'’-]+"
    r"(?: (?:(?:al|el)-)?[A-Z][\w'’-]+)?)"
    r"|\b(?:village|localité|bourg)(?: voisine?)? (?:de |d['’])((?:al-)?[A-Z][\w'’-]+)"
    # "بلدة الدشيشة الواقعة جنوب الشدادي": the name, not "located" after it
    # (not "أبناء القرية لـ«الفرات اليوم»": "the village" said of one already named)
    r"|(?<!\w)[وبفل]?(?:قرية|بلدة) ((?:أبو|ابو|أم|ام|عين|تل|بئر|دير|خربة|خربه|كفر) \w+"
    r"|\w+(?: (?!الواقع|التابع|الحدودي|المحاذي|القريب|المقابل|الشرقي|الغربي|الشمالي|"
    r"الجنوبي)ال\w+)?)"
)

# (each match of _UNRESOLVED holds one of these)
_UNRESOLVED_WORDS = (
    "village", "town", "hamlet", "locality", "area", "localité", "bourg", "قرية", "بلدة",
)  # fmt: skip


class _Gated:
    """A pattern read in a stretch of a sentence only when the stretch holds one of `words`,
    fixed words (lower case) that every match of the pattern holds: a few `in` tests cost
    less than a search trying each offset of the stretch, and most stretches hold none.
    A sentence that holds none of them anywhere (one pass over it for every gate's words:
    see Needles) is not even sliced."""

    def __init__(self, pattern: re.Pattern[str], *words: str) -> None:
        self.pattern = pattern
        self.words = words
        self._needles = Needles(words)

    def _may(self, sentence: _Sentence, start: int, end: int) -> bool:
        lowered = sentence.lowered
        if lowered is None:
            return True  # a letter re folds otherwise: the pattern itself says
        if not self._needles.held_in(lowered):
            return False
        return any(map(lowered[start:end].__contains__, self.words))

    def may(self, sentence: _Sentence) -> bool:
        """Whether the pattern may match anywhere in the sentence."""
        return self._may(sentence, 0, len(sentence.text))

    def search(self, sentence: _Sentence, start: int, end: int) -> re.Match[str] | None:
        """pattern.search(sentence.text, start, end) (start below 0: from 0)."""
        start = max(0, start)
        if not self._may(sentence, start, end):
            return None
        return self.pattern.search(sentence.text, start, end)

    def search_cut(self, sentence: _Sentence, start: int, end: int) -> re.Match[str] | None:
        """pattern.search(sentence.text[start:end])."""
        if not self._may(sentence, start, end):
            return None
        return self.pattern.search(sentence.text[start:end])

    def match_cut(self, sentence: _Sentence, start: int, end: int) -> re.Match[str] | None:
        """pattern.match(sentence.text[start:end])."""
        if not self._may(sentence, start, end):
            return None
        return self.pattern.match(sentence.text[start:end])


# (every match of _TWO_SEPARATE holds one of these)
_TWO_SEPARATE_NEAR = _Gated(_TWO_SEPARATE, "separate", "distinct", "séparé", "منفصلت")
_COMPASS = ("north", "south", "east", "west", "nord", "sud", "est", "ouest")
_COMPASS_AR = ("شمال", "جنوب", "شرق", "غرب")
_ROAD_WORDS = ("road", "way", "route")  # "highway", "motorway"
# each pattern of _place with the fixed words its every match holds
_OUTLET_NEAR = _Gated(
    _OUTLET, "صوت", "شبكة", "شبكه", "موقع", "إذاعة", "اذاعة", "راديو", "قناة", "تلفزيون", "مرصد",
    "نداء",
)  # fmt: skip
_ROAD_NEAR = _Gated(_ROAD, *_ROAD_WORDS, "track", "طريق", "طرق", "axe")
# "near Syria Street" (in Tripoli), "rue de Damas", "شارع سوريا": a street named for a place
# (a capital S: "a Damascus street" is in Damascus)
_STREET_AFTER = re.compile(r" (?:Street|St\.|Avenue|Boulevard|Square)\b")
_STREET_BEFORE = _Gated(
    re.compile(r"(?i)\b(?:rue|avenue|boulevard) (?:de |d['’]|du |des )?$|شارع $"),
    "rue",
    "avenue",
    "boulevard",
    "شارع",
)
_ROAD_NEXT = _Gated(_ROAD_AFTER, "road", "way")
_ORIGIN_NEAR = _Gated(
    _ORIGIN, "from", "native of", "born in", "originaire d", "natif d", "né à", "من", "مواليد",
    "out of", "exfiltr", "évas", "évad", "sortir", "venu", "arrivé", "infiltré", "passé",
    "depuis", "provenance", "early days", "first years", "débuts", "premières années",
    "تابعية", "جنسية", "toward", "vers", "نحو", "باتجاه", "famil", "عائلات", "عوائل",
    "انطلاقا",
)  # fmt: skip
_ATTACK_OF_NEAR = _Gated(
    _ATTACK_OF, "cellule", "auteur", "commando", "projet", "plan", "préparatif"
)
_ACCUSED_NEAR = _Gated(
    _ACCUSED, "accused", "blamed", "responsible", "suspected", "involved", "behind",
    "accusé", "soupçonné", "responsable", "impliqué", "auteur", "متهم", "متورط", "مسؤول",
    "مشاركته", "وراء", "direct", "ran", "running", "oversaw", "overseeing", "oversees",
    "coordinated", "commanded", "managed", "in charge", "dirigeait", "supervisait",
    "coordonnait", "chargé", "former", "ex-", "onetime", "one-time", "ancien", "run", "led",
    "governed", "headed", "administered", "dirigé", "administré", "gouverné",
)  # fmt: skip
_AREAS_NEAR = _Gated(
    _AREAS, "districts", "provinces", "governorates", "regions", "areas", "régions", "secteurs",
    "localités", "أقضية", "اقضية", "نواحي", "محافظات", "مناطق",
)  # fmt: skip
_TITLE_NEAR = _Gated(
    _TITLE, "governor", "wali", "emir", "amir", "gouverneur", "émir", "commander", "والي",
    "أمير", "امير", "ولاية", "قطاع", "قاطع", "leader for", "responsable", "chef",
    "ran ", "runs ", "running ", "headed ", "oversaw", "oversee", "dirigeait", "gérait",
    "supervisait", "أدار", "يدير", "يشرف", "diriger", "مسؤول",
)  # fmt: skip
_BASED_NEAR = _Gated(
    _BASED, "service", "office", "council", "command", "directorate", "branch",
    "administration", "headquarters", "bureau", "conseil", "commandement", "direction",
    "parquet",
)  # fmt: skip
_CONTACT_NEAR = _Gated(
    _CONTACT, "communicat", "contact", "touch", "link", "ties", "orders", "instructions",
    "directives", "lien", "ordres", "تواصل", "اتصال", "تعليمات", "أوامر", "اوامر", "مرتبط",
    "ارتباط",
)  # fmt: skip
_EXTENT_NEAR = _Gated(
    _EXTENT, "stretch", "extend", "run", "reach", "étend", "étirant", "étire", "allant", "ممتد",
    "تمتد", "يمتد",
)  # fmt: skip
_NOT_THERE_NEAR = _Gated(
    _NOT_THERE, "not", "rather", "instead", "non", "pas", "ليس", "لا", "contrary", "contrairement"
)
_PLACED_FIRST_NEAR = _Gated(
    _PLACED_FIRST,
    "placed",
    "put",
    "located",
    " set",
    "premières",
    "précédentes",
    "أولية",
    "سابقة",
    "أولى",
    "not ",
    "et non",
    "وليس",
)
_BEARING_NEAR = _Gated(
    _BEARING,
    *_COMPASS,
    *_COMPASS_AR,
    "stream",
    "km",
    "kilomet",
    "kilomè",
    "miles",
    "amont",
    "aval",
)
_ACROSS_NEAR = _Gated(_ACROSS, "across", "face", "opposite", "facing", "المقابل")
_JOINED_NEAR = _Gated(
    _JOINED, "join", "to fight", "fought", "rejoindre", "rejoint", "rejoignaient", "combattre",
    "combattu", "للالتحاق", "للقتال", "التحق", "قاتل",
)  # fmt: skip
_VICINITY_NEAR = _Gated(
    _VICINITY, "near", "outside", "around", "next to", "beside", "close to", "outskirts",
    "countryside", "rural", "district",
    "près d", "environs d", "région d", "campagne d", "ريف", "قرب", "محيط", "أطراف", "اطراف",
    "ضواحي", "قضاء", "ناحية", "منطقة", "القريب", *_ROAD_WORDS, "طريق",
)  # fmt: skip


def _place(event: list[_Sentence], places: Gazetteer) -> tuple[Place | None, str | None, str]:
    """Where the event happened: the most specific place of the event text that agrees with
    the first place it names (the headline's, else the lead's); background places that lie
    elsewhere ("the strike came days after a raid in Hajin") do not move it. With it, the part
    of that place the text gives ("eastern Deir ez-Zor": "E"), when it does, and whether the
    text puts the event only near that town: "near" ("outside al-Bab"), "district" ("the Abu
    Kamal district"), "edge" ("the outskirts of Raqqa"); else "city" when it is a city named
    like its province, called a city ("in the city of Idlib"), else ""."""
    found: list[tuple[Place, str]] = []  # each place, and its name as written
    titled: list[bool] = []  # whether it was named as a man's title ("the wali of Raqqa")
    capitals_in: set[str] = set()  # capitals the text puts the event in ("in Damascus")
    # places named beside the one before them ("X and the nearby village of Y"), how often each
    # is named on its own, and how often first in a list that goes on to two places far from it
    beside: set[str] = set()
    solo: Counter[str] = Counter()
    spanning: Counter[str] = Counter()
    parts: dict[str, str] = {}  # place id -> the part of it first named
    scenes: list[Place] = []  # towns the headline or lead puts it "in" or "near"
    around: set[str] = set()  # towns the headline or lead puts it near, not in
    headline_around: set[str] = set()  # ...of those, the headline's
    villages: set[str] = set()  # villages the lead names as such ("the village of X")
    districts: set[str] = set()  # ...of those, towns named for their district
    edges: set[str] = set()  # ...and towns at whose edge it puts it ("the outskirts of Raqqa")
    early: set[str] = set()  # places of the headline and the lead's first two sentences
    town_first = False  # whether the headline or the lead's first sentence names a town
    between: set[str] = set()  # places named as one end of a stretch ("between Tadef and ...")
    cities: set[str] = set()  # cities named for their province, named as cities ("مدينة حمص")
    # ...of those, the headline's or the first sentence's, not as a bearing ("a village south
    # of the city of Hasakah") and not as where else the report looks ("a hospital in the city")
    said_cities: set[str] = set()
    lead_places = 0  # how many of `found` the headline and the lead named (they come first)
    force: Place | None = None  # the country of the force the headline or lead says acted
    # "Iraq strikes across the border", "inside Syria": the country that acts is elsewhere
    cross_border = any(
        _CROSS_BORDER_START.start_lowered(s.text, s.lowered) is not None for s in event[:2]
    )
    for n, sentence in enumerate(event):
        if n >= 2 and sentence.recalls:
            continue  # "the latest in a series, after a raid in al-Shuhail on Sept. 1"
        if n <= 1 and force is None:
            force = _force_country(sentence.text, places)
        last_start = last_end = -1  # where the sentence's previous place starts and ends
        dropped = False  # whether that place was read as no scene (a road's end, a title...)
        head: Place | None = None  # the place the sentence's current list opened on
        far = 0  # ...and how many of the list's others lie far from it
        # "a drone strike in northern Syria, one day after commandos raided a house in Idlib":
        # the places after the recall are the other occurrence's
        cut = sentence.recall_from
        recall_at = sentence.words[cut].start if cut < len(sentence.words) else len(sentence.text)
        mentions = places.find(sentence.text)
        recalled = _recalled_in_opening(sentence, mentions, recall_at) if n <= 1 else ()
        crossing = _across_border(sentence, mentions)
        for k, m in enumerate(mentions):
            if m.start >= recall_at:
                break
            if m in recalled:
                continue  # "Hours after Tell Brak raid, police round up a cell in Markada"
            if m in crossing:
                continue  # "smuggling fighters between Iraq's Nineveh province and Syria's..."
            # "à Hajine et dans le village voisin d'Al-Bahra", "في الشحيل والبصيرة": a place
            # named beside the one before spans the scene with it, no finer scene
            next_to = (
                last_end >= 0
                and _BESIDE.match(sentence.text, last_end, m.start + 1)
                # "between Raqqa and the Tabqa dam": a stretch (see `between`)
                and not _BETWEEN.search(sentence.text, max(0, last_start - 40), last_start)
            )
            # "بين مدينتي الرقة والطبقة": the far end of a stretch (Arabic joins its "and" to
            # the name), no scene
            far_end = m.listed and not next_to
            # "من مدينة تل أبيض السورية", "Tal Abyad, Syria": the country of the place before
            qualifies = (
                m.place.level == COUNTRY
                and last_end >= 0
                and not sentence.text[last_end : m.start].strip(" ,،")
            )
            previous_end = last_end
            last_start, last_end = m.start, m.end
            if (next_to and dropped) or far_end or (qualifies and dropped):
                continue  # "attacks in Kirkuk and Hawija": no scene, like the place before
            dropped = True  # until the place is kept
            if _inside_name(sentence, m.start, places) or (
                # "naming him as Ahmad Ali al-Jasim. Al-Jasim was seized": the man, not Jassem
                # (a surname opening the sentence, or after a verb: "CENTCOM said al-Jasim
                # procured weapons"; not "في الشدادي" beside "أبو عمر الشدادي", nor "a raid in
                # al-Jasim")
                (
                    _OPENING_SURNAME.fullmatch(sentence.text, 0, m.start) is not None
                    or _SURNAME_AFTER.search(sentence.text, max(0, m.start - 30), m.start)
                    is not None
                )
                and fold_name(sentence.text[m.start : m.end]) in _surnames(event)
            ):
                continue  # "Abu Hamza al-Shami": no village
            if _SPEAKER_NAMED.search(sentence.text, max(0, m.start - 40), m.start):
                continue  # "SDF media official Kawa Derik": a man, not al-Malikiyah
            if (
                n >= 1
                and m.place.level >= TOWN
                and _SOURCE_IN.search(sentence.text, max(0, m.start - 60), m.start)
            ):
                continue  # "according to a medic in the town of al-Sabkha": where he is
            if (
                m.place.level == COUNTRY
                and cross_border
                and _COUNTRY_ACTS.match(sentence.text, m.end)
            ):
                if n <= 1 and force is None:
                    force = m.place  # (the scene when the text names none)
                continue
            if m.place.level == COUNTRY and (
                _BORDER_AFTER.match(sentence.text, m.end)
                or _BORDER_BEFORE.search(sentence.text, max(0, m.start - 30), m.start)
            ):
                continue  # "raid near Iraq border": on this side of it, not in Iraq
            if n <= 2 and _NOT_THERE_NEAR.search(sentence, m.start - NOT_THERE_CHARS, m.start):
                continue  # "seized in Shirqat, not Kirkuk": the place first reported, wrong
            if (
                _DISTRICT_AFTER.match(sentence.text, m.end)
                and _NAME_BEFORE.search(sentence.text, max(0, m.start - 30), m.start)
                # (not "Kirkuk's Hawija district": the town's)
                and not (k and _district_of_a_town(sentence, mentions[k - 1], m))
            ):
                continue  # "the Bab Tadmur district of Homs": a quarter named for Palmyra
            quarter = _QUARTER.search(sentence.text, max(0, m.start - 20), m.start)
            if (
                quarter
                and not _NAME_BEFORE.search(
                    sentence.text, max(0, quarter.start() - 40), quarter.start()
                )
                # (but "حي كفرسوسة بالعاصمة دمشق": a quarter of the city named after it)
                and not _of_its_city(m.place, sentence.text[m.end : m.end + 40], places)
            ):
                # "حي صلاح الدين بحلب": Aleppo's Salah al-Din quarter, not the Iraqi province
                # (not "the Ghuwayran neighbourhood of Hasakah": the quarter is named before)
                continue
            if _OUTLET_NEAR.search(sentence, m.start - 12, m.start) or _OUTLET_AFTER.match(
                sentence.text[m.end : m.end + 12]
            ):
                continue  # "مراسل صوت دير الزور", "Deir Ezzor 24": an outlet's name
            # (a headline's too: "زعيم داعش الجديد عراقي من الطارمية", from Tarmiyah)
            if (
                _ORIGIN_NEAR.search(sentence, m.start - 50, m.start)
                or _ESCAPES_AFTER.match(sentence.text, m.end) is not None
                or _ATTACK_OF_NEAR.search(sentence, m.start - 60, m.start)
                or (
                    n >= 1
                    and (
                        _ROAD_NEAR.search(sentence, m.start - 40, m.start)
                        or _ROAD_NEXT.match_cut(sentence, m.end, m.end + 40)
                        or _STREET_AFTER.match(sentence.text, m.end)
                        or _STREET_BEFORE.search(sentence, m.start - 15, m.start)
                        or _EXTENT_NEAR.search(sentence, m.start - 70, m.start)
                        or _AREAS_NEAR.search(sentence, m.start - 60, m.start)
                        or _ACCUSED_NEAR.search(sentence, m.start - 160, m.start)
                        or _CONTACT_NEAR.search(sentence, m.start - 90, m.start)
                        or _BASED_NEAR.search(sentence, m.start - 120, m.start)
                        or _ACROSS_NEAR.search(sentence, m.start - 60, m.start)
                        or _JOINED_NEAR.search(sentence, m.start - 60, m.start)
                    )
                )
            ):
                # the road to a town, a street named for one, a man's home town, a region's
                # end, the districts a man ran, where the men he answered to hide, the town
                # across the border: not the scene
                continue
            place = m.place
            bearing = _BEARING_NEAR.search(sentence, m.start - 60, m.start)
            if place.id in _COUNTRYSIDE and (
                bearing or _VICINITY_NEAR.search(sentence, m.start - 40, m.start)
            ):
                # "the western countryside of Damascus", "au sud-ouest de Damas": its province
                place = places.by_id.get(_COUNTRYSIDE[place.id], place)
            if bearing:
                if (
                    n <= 1
                    and place.level == TOWN
                    and previous_end >= 0
                    and _SET_BY.fullmatch(sentence.text, previous_end, bearing.start())
                    and any(p.id == place.id for p, _ in found)
                ):
                    # "Manbij : ...", then "près d'al-Arima, à l'ouest de Manbij": the lead
                    # sets the place before in the countryside of the town named first (not
                    # "le quartier ouest de Kiswé": a part of the town)
                    around.add(place.id)
                place = _bearing_from(place, places)
                direction = _direction(bearing)
                if direction and place.id != m.place.id and place.id not in parts:
                    # "east of Palmyra": that part of the province, seen from Palmyra
                    parts[place.id] = f"{direction}@{m.place.id}"
            elif _city_of_its_province(place) and (
                _CITY.search(sentence.text, max(0, m.start - 30), m.start)
                or sentence.text.startswith("مدينة ", m.start)  # (GeoNames' "مدينة حمص")
                # (the possessive may be the match's own: "Raqqa's Mashlab district")
                or (
                    _CITY_AFTER.match(sentence.text, m.end - 2 * _possessive(sentence, m))
                    # (not "Kirkuk's Hawija district": a town's district of the province)
                    and not (
                        k + 1 < len(mentions) and _district_of_a_town(sentence, m, mentions[k + 1])
                    )
                )
            ):
                if place.id.startswith("x:"):
                    place = replace(place, level=TOWN)  # "the city of Raqqa": the town
                else:
                    # "داخل مدينة حمص": the city, which a town of its province far out does not
                    # refine (kept an area: "Homs" elsewhere is read so, and they must agree)
                    cities.add(place.id)
                    if n <= 1 and not _COMPASS_WORD.search(
                        sentence.text, max(0, m.start - 60), m.start
                    ):
                        said_cities.add(place.id)
            found.append((place, sentence.text[m.start : m.end]))
            dropped = False
            if n <= 1:
                lead_places = len(found)
            if not next_to:
                solo[place.id] += 1
                head, far = place, 0
            else:
                beside.add(place.id)
                if head is not None and relation(head, place) == APART:
                    # "raids in Istanbul, Gaziantep and Sanliurfa": a sweep across provinces,
                    # no scene in the first of them (two more far from it: "X and Y" may be a
                    # raid and the town it set out from)
                    far += 1
                    if far == 2:
                        spanning[head.id] += 1
            titled.append(
                bool(
                    _TITLE_NEAR.search(sentence, m.start - 90, m.start)
                    or _TITLE_AFTER.match(sentence.text, m.end)
                )
            )
            if place.level >= TOWN and _BETWEEN.search(
                sentence.text, max(0, m.start - 40), m.start
            ):
                between.add(place.id)
            if (
                n <= 2
                and place.level == VILLAGE
                and _VILLAGE_OF.search(sentence.text, max(0, m.start - 20), m.start)
                and not _BETWEEN.search(sentence.text, max(0, m.start - 80), m.start)
            ):
                villages.add(place.id)  # "raided the village of al-Hawayij"
            if (
                # (when the headline and lead name no town, the next sentence may: "a
                # landing in eastern Deir ez-Zor. Helicopters circled the area close to the
                # town of al-Busayrah")
                (n <= 1 or (n == 2 and not town_first))
                and _named_around(sentence, m)
                and not _LANDMARK_AFTER.match(sentence.text, m.end)
            ):
                around.add(place.id)
                if n == 0:
                    headline_around.add(place.id)
                if _DISTRICT.search(sentence.text, max(0, m.start - 40), m.end + 20):
                    districts.add(place.id)
                elif _EDGE.search(
                    sentence.text, max(0, m.start - 40), m.start
                ) or _EDGE_AFTER.match(sentence.text, m.end):
                    edges.add(place.id)
            if n <= 2:
                early.add(place.id)
            town_first = town_first or (n <= 1 and place.level >= TOWN)
            scene = _SCENE.search(sentence.text, max(0, m.start - 40), m.start)
            if n <= 1 and place.level >= TOWN and scene:
                scenes.append(place)
            if scene and place.name in CAPITALS:
                capitals_in.add(place.id)  # "in Baghdad": the city, not who speaks
            if (
                place.level == VILLAGE
                # ("raid hits village next to Thiban": the lead may say which)
                and place.id not in headline_around
                and all(p.name in CAPITALS for p, _ in found[:-1])
            ):
                # the first place named is a village: nothing refines it, but its name may be
                # shared, and the text's other places say which one is meant
                others = _places_named(event, places)
                return _namesake_near(place, others, places), None, ""
            if place.level <= REGION and place.id not in parts:
                # "east of Raqqa" (the city and its province): that part, seen from its centre
                part = _part(sentence, m.start, m.end) or (bearing and _direction(bearing))
                if part:
                    parts[place.id] = part
    # "the wali of Salahuddin killed south of Kirkuk": a man's province is his title, the
    # scene is elsewhere when the text names another place
    if not all(titled):
        lead_places = titled[:lead_places].count(False)
        found = [f for f, t in zip(found, titled, strict=True) if not t]
    if force is not None and not lead_places:
        # "أعلن جهاز الأمن الوطني العراقي القبض على نائب والي الأنبار": the Iraqi service's
        # country, not the Syria a later sentence names
        found.insert(0, (force, force.name))
    # a capital is more often who speaks ("Baghdad said") than where it happened
    if any(p.name not in CAPITALS for p, _ in found):
        found = [(p, name) for p, name in found if p.name not in CAPITALS]
    elif found and not capitals_in:
        # only the capital, never "in" it ("Baghdad names the new leader"): its country
        country = places.by_id.get(f"c:{found[0][0].country_code}")
        found = [(country, country.name)] if country else found
    anchor = found[0][0] if found else None
    if anchor is not None and anchor.level == COUNTRY:
        # "IS cell leader with Syria links escapes army raid in Tripoli": the country named
        # first is not where it happened when the headline puts it in a town outside it
        anchor = next((p for p in scenes if p.country_code != anchor.country_code), anchor)
    best = anchor
    agreed = False  # whether a place named after the best agrees with it
    for place, name in found[1:]:
        # each place more precise than the best so far and agreeing with it refines it
        # ("in Syria", "near al-Bab", "between al-Bab and Qabbasin")
        assert best is not None
        if (place.id in beside and not solo[place.id]) or spanning[place.id] >= solo[place.id] > 0:
            continue  # only ever named beside another ("in Hajin and the nearby al-Bahra")
        # ("à Souran, au nord de Hama ... l'autoroute qui relie Hama à Alep": Hama says which
        # Suran; Aleppo, named after it, does not undo that)
        agreed = agreed or (
            place.id != best.id and (_refines(place, best) or _refines(best, place))
        )
        if not _refines(place, best) and place.level >= TOWN:
            # a village's name is often shared: the namesake near the best is meant (not a
            # region's: Syria's Jazira is not the As Suwayrah GeoNames also calls "Jazira")
            place = next((p for p in places.namesakes(name) if _refines(p, best)), place)
        if (
            not agreed
            and not _refines(place, best)
            and best.level >= TOWN
            and place.level > COUNTRY
        ):
            # "في صوران بريف حلب الشمالي", "the village of Suran, near Azaz": the best's
            # namesake in the province or by the town named after it (not the Suran in Hama)
            namesake = next(
                (
                    p
                    for p in places.namesakes(best.name)
                    # (the very name: Mayadin is no namesake of Maadan, though its consonants
                    # are Maadan's)
                    if p.name == best.name and p.id != best.id and _refines(p, place)
                ),
                None,
            )
            if namesake is not None:
                best, agreed = namesake, True
                continue
        # "in the countryside of al-Bab ... in the town of Tadef": a town refines a town the
        # event is only near
        # (a city named as a city is a town: "غارات في البادية ... داخل مدينة حمص")
        finer = (TOWN if place.id in cities else place.level) > (
            TOWN if best.id in cities else best.level
        ) or (
            place.level == best.level
            and place.id != best.id
            # (a village the headline puts it next to: "raid hits village next to Thiban ...
            # raided the village of al-Hawayij")
            and (
                best.id in around
                if best.level == TOWN
                else best.level == VILLAGE and best.id in headline_around and place.id in villages
            )
            and place.id not in between
        )
        if best.id in cities and (distance_km(place, best) or 0.0) > REFINES_KM:
            continue  # "arrested inside the city of Homs ... intermediaries in Palmyra"
        if finer and (
            _refines(place, best)
            # (not "near the town of Maadan ... a dirt track between Maadan and the village of
            # al-Sabkha": the road from the town, no scene in the village at its far end)
            or (place.id in early and place.id not in between and _around(place, best, around))
        ):
            if (
                (place.level == VILLAGE or place.id in between)
                and place.id not in early
                and _introduces_village(event, places)
            ):
                # "in the village of Hamrat, east of Raqqa ... Hamrat lies a few kilometres
                # from al-Karama, where", "along the road between Raqqa and the town of
                # Maadan": the lead's village, which the gazetteer lacks
                continue
            best, agreed = place, False
    # a town the event is only near: a village of its countryside the gazetteer knows in
    # another spelling may still say where ("بلدة الكرامة بريف الرقة الشرقي")
    town = best is not None and best.level >= VILLAGE - 1
    if best is None or not town or best.id in around:
        unresolved_names = event
    elif best.level == TOWN:
        unresolved_names = event[:2]  # a town the lead measures from: "بلدة الكرامة شرقي الرقة"
    else:
        unresolved_names = []
    for sentence in unresolved_names:
        introduced = _unknown_village(sentence.text, places)
        # (not "L'opération intervient au lendemain d'un raid héliporté dans le village voisin
        # de Ratla": the village of the occurrence it came after)
        if introduced is None or _after_another(sentence.text, introduced[1]):
            continue
        village = introduced[0]
        # "قرية الكرامة شرقي الرقة": the one village of that province so spelled
        near = [p for p in places.namesakes(village) if best and _refines(p, best)]
        if len(near) == 1:
            return near[0], None, ""
        if not town:
            return _within(unresolved(village), best), None, ""
    if best is None:
        return None, None, ""
    # "near Raqqa", "la campagne de Damas": a city (even one that is its own province)
    around_city = best.id in around and not best.id.startswith(("p:", "c:"))
    vicinity = "district" if best.id in districts else "edge" if best.id in edges else "near"
    if town:
        best = _namesake_near(best, (p for p, _ in found), places)
        return best, None, vicinity if around_city and best.level == TOWN else ""
    if around_city and best.level == REGION:
        return best, parts.get(best.id), vicinity
    return best, parts.get(best.id), "city" if best.id in said_cities else ""


def _after_another(text: str, at: int) -> bool:
    """Whether the sentence sets what it tells after another occurrence ("au lendemain d'un
    raid", "hours after the Diban raid") before offset `at`."""
    m = _AFTER_OTHER_START.search(text)
    return m is not None and m.start() <= at


def _introduces_village(event: list[_Sentence], places: Gazetteer) -> bool:
    """Whether the headline or lead puts the event in a village the gazetteer lacks."""
    return any(_unknown_village(s.text, places) is not None for s in event[:2])


# what lies between a place and the bearing that sets it by a town: "al-Arima, west of
# Manbij", "al-Arima, à l'ouest de Manbij", "العريمة غربي منبج"
_SET_BY = re.compile(r"[\s,،]*(?:(?:à l['’]|au |à )|(?:just|some|about) )?")
# what may stand before a surname that opens a sentence ("Al-Jasim was seized")
_OPENING_SURNAME = re.compile(r"\s*[\"'“‘«]?\s*(?:(?:al|el|Al|El|AL)[-‐‑–])?")
# a man's surname, with its article, as the subject of what he did or the object of what was
# said of him ("said al-Jasim procured", "that al-Jasim ran"): a verb or conjunction before it
_SURNAME_AFTER = re.compile(
    r"\b(?:said|says|added|stated|claimed|alleged|believed|that|whom"
    r"|dit|affirmé|ajouté|que|qu['’]) (?:al|el|Al|El|AL)[-‐‑–]$"
)


# where a source is, not the scene: "according to a medic in the town of al-Sabkha", "selon un
# médecin de l'hôpital de Hajine", "قال طبيب في مستشفى بلدة"
_SOURCE_IN = re.compile(
    r"(?i)\b(?:medic|doctor|paramedic|nurse|hospital|clinic|morgue)s? (?:[\w-]+ ){0,2}?"
    r"(?:in|at|from) (?:the )?(?:(?:town|village|city|hospital) (?:of |in ))?"
    r"(?:(?:al|el|as|ash|ad|ar|az|at|an|ez)[-‐‑–])?$"
    r"|\b(?:médecin|infirmier|infirmière|hôpital|morgue)s? (?:[\w-]+ ){0,2}?"
    r"(?:à|de|d['’]|du) (?:la ville (?:de |d['’])|du village (?:de |d['’])|l['’]hôpital "
    r"(?:de |d['’]))?(?:(?:al|el|as|ach|ad|ar|az|at|an)[-‐‑–])?$"
    r"|(?<!\S)(?:طبيب|مسعف|مستشفى|ممرض)(?: \S+){0,2} (?:في|من) (?:مدينة |بلدة |قرية )?$"
)
# a spokesman's given name before his surname, the place his family comes from ("SDF media
# official Kawa Derik said": a man, not al-Malikiyah)
_SPEAKER_NAMED = re.compile(
    r"\b(?:official|spokes(?:man|woman|person)|commander|officer|porte-parole|responsable"
    r"|commandant) [A-Z][a-z]+ $"
)


# The country of the force or service that acted, from its adjective: "Iraqi forces", "جهاز
# الأمن الوطني العراقي", "les forces irakiennes"
_FORCE = re.compile(
    r"\b(Iraqi|Syrian|Turkish|Lebanese|Jordanian)(?: [A-Za-z-]+){0,2} (?:forces|troops|army"
    r"|military|security|counter-?terrorism|police|intelligence|jets|aircraft|warplanes"
    r"|authorities|officials|ministry|service|government)\b"
    r"|\b(?:forces|troupes|armée|services|sécurité|renseignement|aviation|autorités|police"
    r"|ministère)(?: [\w'’-]+){0,3}? (irakien|syrien|turc|libanais|jordanien)(?:ne|que|e)?s?\b"
    r"|(?:جهاز|قوات|القوات|الاستخبارات|استخبارات|خلية|قيادة|الأمن|الامن|الشرطة|الجيش|الطيران"
    r"|طيران|طائرات|الطائرات|مقاتلات|المقاتلات|وزارة|السلطات)(?: [^\s.،]+){0,4}?"
    r" ال(عراقي|سوري|تركي|لبناني|أردني|اردني)ة?(?!\w)"
)
_FORCE_COUNTRIES = {
    "iraqi": "c:IQ", "irakien": "c:IQ", "عراقي": "c:IQ",
    "syrian": "c:SY", "syrien": "c:SY", "سوري": "c:SY",
    "turkish": "c:TR", "turc": "c:TR", "تركي": "c:TR",
    "lebanese": "c:LB", "libanais": "c:LB", "لبناني": "c:LB",
    "jordanian": "c:JO", "jordanien": "c:JO", "أردني": "c:JO", "اردني": "c:JO",
}  # fmt: skip


def _surnames(event: list[_Sentence]) -> set[str]:
    """The last words of the names the event text gives, as places fold them."""
    return {fold_name(n.rsplit(" ", 1)[-1]) for s in event for n, _ in s.names if " " in n}


def _of_its_city(quarter: Place, after: str, places: Gazetteer) -> bool:
    """Whether a quarter's name is followed by the city it lies in (its province's)."""
    return quarter.level == VILLAGE and any(
        f.place.parent == quarter.parent or f.place.id == quarter.parent for f in places.find(after)
    )


def _force_country(text: str, places: Gazetteer) -> Place | None:
    """The country whose forces or services the text says acted, if it says so."""
    m = _FORCE.search(text)
    if m is None:
        return None
    adjective = next(g for g in m.groups() if g).lower()
    return places.by_id.get(_FORCE_COUNTRIES.get(adjective, ""))


def _namesake_near(village: Place, others: Iterable[Place], places: Gazetteer) -> Place:
    """The village of that name next to another town or village the text names ("près de
    Qabassine ... entre Qabassine et al-Bab": the Qabasin by al-Bab, not its namesake 55 km
    east), else `village`."""
    namesakes = places.namesakes(village.name) if village.level >= TOWN else []
    if len(namesakes) < 2:
        return village
    skeleton = {p.id for p in namesakes} | {village.id}
    towns = [o for o in others if o.level >= TOWN and o.id not in skeleton]

    def nearest(p: Place) -> float:
        km = (distance_km(p, o) for o in towns)
        return min((k for k in km if k is not None), default=VICINITY_KM)

    best = min(namesakes, key=nearest)
    return best if nearest(best) < min(nearest(village), REFINES_KM) else village


def _places_named(event: list[_Sentence], places: Gazetteer) -> Iterator[Place]:
    """Every place the event's sentences name (recalled occurrences left out)."""
    for sentence in event[:6]:
        if not sentence.recalls:
            yield from (m.place for m in places.find(sentence.text))


# "eastern Deir ez-Zor", "north-west Syria", "l'est de la province de Deir ez-Zor", "شمال غربي
# سوريا", "ريف دير الزور الشرقي": the part of a province or country the event is in
_POINTS = {
    "north": "N", "south": "S", "east": "E", "west": "W", "nord": "N", "sud": "S", "est": "E",
    "ouest": "W", "شمال": "N", "جنوب": "S", "شرق": "E", "غرب": "W", "oriental": "E",
    "occidental": "W", "septentrional": "N", "méridional": "S",
}  # fmt: skip
_PART_BEFORE = re.compile(
    r"(?i)\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
    r"(?: rural| parts? of| countryside of| desert of| outskirts of)?(?: the)?"
    r"(?: province of| governorate of)? (?:rural )?$"
    r"|\b(?:l['’]|le )(?:nord|sud|est|ouest)(?:-(?:est|ouest))? (?:de la province "
    r"|du gouvernorat |de la campagne |de la région )?(?:de |d['’]|du )(?:la )?$"
    # "la campagne orientale de la province de Deir ez-Zor"
    r"|\b(?:campagne|région|partie|zone) (?:orientale|occidentale|septentrionale|méridionale)"
    r" (?:de la province |du gouvernorat )?(?:de |d['’]|du )(?:la )?$"
    r"|(?:شمال|جنوب|شرق|غرب)ي?(?: (?:شرق|غرب)ي?)? (?:محافظة )?$"
)
_PART_AFTER = re.compile(
    r"(?i)^(?:['’]s)? (?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? "
    r"(?:countryside|desert|outskirts|parts?|reaches|hinterland)"
    r"|^ ال(?:شمالي|جنوبي|شرقي|غربي)(?: ال(?:شرقي|غربي))?"
)


_PART_BEFORE_NEAR = _Gated(
    _PART_BEFORE, *_COMPASS, *_COMPASS_AR, "orienta", "occidenta", "septentriona", "méridiona"
)
_PART_AFTER_NEXT = _Gated(_PART_AFTER, *_COMPASS[:4], *_COMPASS_AR)


def _part(sentence: _Sentence, start: int, end: int) -> str | None:
    """The compass part of a named province or country the text puts the event in."""
    m = _PART_BEFORE_NEAR.search(sentence, start - 50, start)
    if m is not None and _COUNTRYS.search(sentence.text, max(0, m.start() - 12), m.start()):
        return None  # "Syria's southern Daraa province": where the province lies in Syria
    m = m or _PART_AFTER_NEXT.search_cut(sentence, end, end + 40)
    return _direction(m) if m is not None else None


_COUNTRYS = re.compile(r"\b(?:Syria|Iraq|Turkey|Lebanon|Jordan)['’]s $")


_POINT_WORDS = re.compile("(?i)" + "|".join(_POINTS))
_COMPASS_WORD = re.compile(rf"(?i)\b(?:{'|'.join(_COMPASS)})|{'|'.join(_COMPASS_AR)}")


def _direction(m: re.Match[str]) -> str | None:
    """The compass point a bearing's words give ("north-west", "شمال غربي": "NW")."""
    points = [_POINTS[w.lower()] for w in _POINT_WORDS.findall(m.group())]
    return "".join(dict.fromkeys(points[:2])) or None


# a city that is a province of its own, and the province of its countryside
_COUNTRYSIDE = {"gn:170654": "p:SY-08"}  # Damascus, Rif Dimashq


def _refines(place: Place, anchor: Place | None) -> bool:
    """Whether a place says more precisely where than the anchor: a village of its province,
    or one close to its town ("near Hajin", then "in al-Bahra")."""
    if relation(place, anchor) in (SAME, NEAR, WITHIN):
        return True
    km = distance_km(place, anchor) if anchor is not None else None
    return km is not None and km <= REFINES_KM


def _around(place: Place, town: Place, around: set[str]) -> bool:
    """Whether a place lies in the countryside of a town the text puts the event near."""
    if town.id not in around or town.level != TOWN or place.parent != town.parent:
        return False
    km = distance_km(place, town)
    return km is not None and km <= VICINITY_KM


def _inside_name(sentence: _Sentence, start: int, places: Gazetteer) -> bool:
    return any(
        s <= start < s + len(name) and places.lookup(name) is None for name, s in sentence.names
    )


def _within(place: Place, around: Place | None) -> Place:
    """An unresolved village takes the country of the place named around it."""
    if around is None or around.level > COUNTRY + 1:
        return place
    return Place(
        place.id, place.name, around.country, around.country_code, None, None, place.level,
        parent=around.id if around.level > COUNTRY else None,
    )  # fmt: skip


def mentions(text: str) -> list[Mention]:
    """Every place the shipped gazetteer finds in `text` (for `monitor events --explain`)."""
    return gazetteer().find(text)


# ---- when --------------------------------------------------------------------------------


def _when(
    event: list[_Sentence], published: datetime | None, *, announcement: bool = False
) -> date | None:
    """The event's day from the first date word of the event text (None without one).

    A day given for a statement ("officials said on Thursday") counts only when no other
    is given, unless the event is the statement itself (`announcement`: a succession)."""
    told = _when_told(event, published, announcement=announcement)
    if told is None or len(event) < 2 or not _vaguely_dated(event[0]):
        return told
    # "Villagers recount overnight raid", then "landed on Thursday night": the lead's day
    # says which side of midnight (a day further off is some other day's)
    lead = _when_told(event, published, announcement=announcement, headline=False)
    return lead if lead is not None and abs((lead - told).days) <= 1 else told


def _vaguely_dated(sentence: _Sentence) -> bool:
    """Whether a sentence dates things only by "overnight", "today", "this morning"."""
    hits = sentence.hits["date"]
    return bool(hits) and all(h.label not in _NAMED_DAYS and h.label not in _SOME_DAY for h in hits)


def _when_told(
    event: list[_Sentence],
    published: datetime | None,
    *,
    announcement: bool = False,
    headline: bool = True,
) -> date | None:
    """_when's reading (`headline` False: leaving out the headline's vague days)."""
    if published is None:
        return None
    day = published.date()
    # a weekday is named in the region's time (UTC+3): "فجر الخميس" in copy filed at 23:05
    # UTC on Wednesday is the night just begun, not last week's Thursday
    local = (published + LOCAL_OFFSET).date()
    said = None  # the day something was said: the occurrence's own day is better
    said_in = -1  # the sentence that gave it
    lag = None  # how many days after the occurrence that sentence says it was said
    # which of "last week", "earlier this week" was said: "the arrests were made earlier in
    # the week", its day is unknown
    vague_labels: set[str] = set()
    unknown = False  # ...said so in the lead before any day: later days are of other things
    for n, sentence in enumerate(event):
        hits = sentence.hits["date"]
        # (not "last week" where a sentence after the lead recalls another occurrence: "based
        # on what four men arrested last week in the same town confessed")
        some_days = [
            h
            for h in hits
            if h.label in _SOME_DAY
            and (n < LEAD_SENTENCES or h.start < sentence.recall_from)
            and not _an_issue(sentence.words, h)
        ]
        vaguely = min((h.start for h in some_days), default=None)
        vague_labels.update(h.label for h in some_days)
        # "before dawn on Sunday", "dans la nuit du 13 au 14 septembre": a day named or
        # written out says more than "dawn" or "overnight"
        named = [
            (h.start, _named_day(sentence.words, h, local, day))
            for h in hits
            if h.label in _NAMED_DAYS
            and not _in_a_name(sentence.words, h)
            and not _rite(sentence.words, h)
            and not _within_another(h, hits)
            and not _began(sentence.words, h)
            and not _since(sentence.words, h)
            and not _untold_until(sentence.words, h)
            and not _of_the_press(sentence.words, h)
        ]
        vague_hits = [
            h
            for h in hits
            if h.label not in _NAMED_DAYS and h.label not in _SOME_DAY and (headline or n)
        ]
        if any(h.label == "weekend" for h in vague_hits):
            # "the overnight raid ... at the weekend": the night of the weekend, not the one
            # before the filing
            vague_hits = [h for h in vague_hits if h.label == "weekend"]
        vague = [(h.start, _relative(h.label, day)) for h in vague_hits]
        # "last Thursday", "jeudi dernier": the one before the week of writing, said so
        last = {h.start for h in hits if h.label in _WEEKDAYS and _last(sentence.words, h)}
        written = _explicit_dates(sentence.words, day) + _month_days(sentence.words, day)
        if written and named:
            # "on Friday, Oct. 2", "vendredi 2 octobre": the date written out says which Friday
            named = [(s, d) for s, d in named if not any(0 < w - s <= 3 for w, _ in written)]
        named += written
        found = _nights(sorted(named, key=lambda d: d[0]), sentence.words)
        if not announcement:
            found = _occurrence_first(found, sentence)
        if n <= 1 and found and _EVE.search(sentence.text):
            # "a annoncé lundi l'arrestation, la veille au soir", "a revendiqué samedi une
            # frappe menée la veille": the day before the one named
            return found[0][1] - timedelta(days=1)
        if n >= 1 and (found or vague) and sentence.before:
            # a lead in the pluperfect dates nothing: "Il avait survécu à une frappe le 7 novembre"
            # (nor a sentence after a scene-setting lead: "Dans la nuit du 5 au 6 octobre, des
            # hélicoptères s'étaient posés ...", then "ils sont revenus")
            found, vague = [], []
        if n > LEAD_SENTENCES and said is not None and len({d for _, d in found}) > 1:
            # the lead's "said on Saturday", then "On Thursday, a raid killed..., and on Friday
            # forces arrested...": a roundup of the week's other occurrences
            continue
        for start, when in found + vague:
            if n >= 2 and start >= sentence.recall_from:
                continue  # "..., not linked to the cell whose emir was seized on Sunday"
            if not announcement and _said(sentence, start):
                if said is None or (when < said and n < LEAD_SENTENCES):
                    # "officials said on Thursday"; "told the Dispatch on Thursday", then "the
                    # service announced the arrest on Monday": the first statement bounds it
                    # (further on, a statement is another occurrence's more often)
                    said, said_in = when, n
                    lag = _lag(sentence.text)
                continue
            if (
                vague_labels == {"lastweek"}
                and _last_week(when, local)
                and _tells(sentence)
                and not sentence.recalls
            ):
                # "the cell leader arrested last week", then "detained in a raid before dawn
                # on Wednesday": last week's Wednesday, an arrest's, is the day it was
                return when
            if unknown or (vaguely is not None and vaguely < start):
                # "the man police detained last week... was charged on Monday"
                return None
            if said is not None and when > said and (start, when) in vague:
                # "killed five in an overnight operation, the command said on Wednesday", filed
                # on Thursday: the night before the statement, not the one before the filing
                return said
            if said is not None and n >= 2 and said_in < n:
                # the lead's "said on Wednesday", then "On Oct 8, another raid...", not
                # "named on Tuesday the man killed last Friday" in one sentence; in a sentence
                # that recalls another occurrence, any day but the statement's ("Cette
                # opération intervient au lendemain d'une intervention ...: dans la nuit de
                # samedi à dimanche")
                days = (said - when).days
                if days < 0:
                    # "Turkish intelligence said last Friday it had captured him", then "the
                    # prosecution document, submitted on Tuesday": a later step, not the
                    # occurrence the statement told
                    continue
                if days == lag:
                    return when  # "said on Tuesday, four days after the arrest": Friday's
                if start in last and _tells(sentence) and not sentence.recalls:
                    return when  # "said on Tuesday", then "was detained ... last Thursday"
                if _OF_THE_LEADS_MAN.match(sentence.text) and _tells(sentence):
                    # "reported on Sunday", then "He was seized on Thursday night": the lead's
                    # man, the lead's occurrence
                    return when
                if (days != 0) if sentence.recalls else (days > BACKGROUND_DAYS):
                    continue
            return when
        unknown = unknown or (n >= 1 and vaguely is not None)
    if vague_labels:
        return None
    # "said on Monday, confirming an arrest Iraq had announced four days earlier": no day of
    # its own, but so many before the statement's
    return said - timedelta(days=lag) if said is not None and lag else said


# the day before the one the sentence names (not "la veille de l'attaque": the eve of another)
_EVE = re.compile(
    r"(?i)\bla veille\b(?! (?:de |du |des |d['’]))|\bthe previous (?:day|night)\b"
    # "said on Wednesday they had captured a financier the day before" (not "the day before
    # the raid": another day's eve)
    r"|\bthe day before\b(?! (?:the|a|an|his|its|their|that|this)\b)"
)
# a sentence about the man the lead told of: "He was seized", "The man was killed", "Il a été"
_OF_THE_LEADS_MAN = re.compile(
    r"(?:He|The man|The suspect|Il|L['’]homme|Le suspect) (?:was|had been|a été|avait été)\b"
)


def _last_week(when: date, local: date) -> bool:
    """Whether a day lies in the calendar week before the one of `local`."""
    return local.weekday() < (local - when).days <= local.weekday() + 7


def _tells(sentence: _Sentence) -> bool:
    """Whether a sentence tells a killing, a capture or a strike on a man."""
    return any(h.label in _TOLD for h in sentence.hits["what"])


def _occurrence_first(found: list[tuple[int, date]], sentence: _Sentence) -> list[tuple[int, date]]:
    """The days a sentence names, the one right after its killing or arrest first: "la tribu
    a renié jeudi l'un de ses fils, tué dimanche soir" dates the killing Sunday."""
    if len(found) < 2:
        return found
    ends = [h.end for h in sentence.hits["what"] if h.label in _OUTCOMES]
    attached = next((d for d in found if any(0 <= d[0] - end <= 1 for end in ends)), None)
    if attached is None or attached is found[0]:
        return found
    return [attached, *(d for d in found if d is not attached)]


# "said on Tuesday, four days after the arrest took place", "ont annoncé jeudi les autorités,
# une semaine après les faits": how long after the occurrence a statement came
_LAG = re.compile(
    r"(?i)\b(a|one|two|three|four|five|six|seven|\d) (days?|weeks?) after (?:the|its|his) "
    r"(?:arrest|raid|strike|operation|capture|killing|attack)\b"
    r"|\b(une?|deux|trois|quatre|cinq|six|sept|\d) (jours?|semaines?) après (?:les faits|"
    r"l['’]arrestation|le raid|la frappe|l['’]opération|la capture|l['’]attaque)"
    # "confirming an arrest that Iraq had announced four days earlier": it came before that
    r"|\b(?:arrest|capture|killing|death|raid|strike) (?:[\w'’-]+ ){0,4}?(?:announced|reported) "
    r"(a|one|two|three|four|five|six|seven|\d) (days?|weeks?) (?:earlier|before)\b"
)
_LAG_NUMBERS = dict.fromkeys(("a", "one", "un", "une"), 1) | {
    n: i + 2 for names in ("two three four five six seven", "deux trois quatre cinq six sept")
    for i, n in enumerate(names.split())
}  # fmt: skip


def _lag(text: str) -> int | None:
    """The days a statement says it came after the occurrence ("four days after the arrest")."""
    m = _LAG.search(text)
    if m is None:
        return None
    number, unit = next((m.group(k), m.group(k + 1)) for k in (1, 3, 5) if m.group(k) is not None)
    count = int(number) if number.isdigit() else _LAG_NUMBERS[number.lower()]
    return count * (7 if unit.lower().startswith(("week", "semaine")) else 1)


_DAYS_AGO = {"yesterday": 1, "twodaysago": 2, "threedaysago": 3}
_NAMED_DAYS = frozenset({*_WEEKDAYS, *_DAYS_AGO})
# "earlier this week", "last week" (three to ten days back): no day of its own
_SOME_DAY = frozenset({"someday", "lastweek"})
# "last Tuesday", "mardi dernier", "الثلاثاء الماضي": the one before the day of writing
_LAST_BEFORE = frozenset(_split("last"))
_LAST_AFTER = frozenset(_split("dernier passe الماضي الفايت"))  # folded (ئ: ي)


# "كسرة شيخ الجمعة" (a village), "سوق الجمعة" (a market): a weekday in a name is no day
_NAME_BEFORE_DAY = frozenset(_split("شيخ الشيخ سوق"))


# "the sweep began two days ago", "العملية انطلقت قبل يومين": when it started, not its day
_BEGAN = frozenset(
    _split("began begun started launched commence lancee lance debute انطلقت بدات انطلق بدا")
)


_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "another", "latest"})


def _since(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a weekday bounds a count of occurrences ("its second arrest in the province
    since Saturday"): the first one's day, not this one's ("une opération menée depuis mardi"
    began that day)."""
    if hit.label not in _WEEKDAYS or hit.start < 1 or text[hit.start - 1].form != "since":
        return False
    return any(w.form in _ORDINALS for w in text[max(0, hit.start - 9) : hit.start - 1])


# "This week's roundup of operations", "this week's security briefing": the issue's week, no
# day of the occurrence
_ISSUES = frozenset(
    _split("roundup review digest edition newsletter tally briefing bulletin summary wrap")
)


# "La presse irakienne de ce mardi consacre ses unes à l'opération menée dimanche soir",
# "Tuesday's newspapers": the papers' day, not the occurrence's
_PRESS = frozenset(_split("presse journaux quotidiens newspapers papers صحف"))


def _of_the_press(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a weekday dates the newspapers a press review reads."""
    return hit.label in _WEEKDAYS and any(
        w.form in _PRESS
        for w in (*text[max(0, hit.start - 4) : hit.start], *text[hit.end : hit.end + 1])
    )


def _an_issue(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a vague day names the period a roundup covers ("this week's roundup")."""
    return any(w.form in _ISSUES for w in text[hit.end : hit.end + 2])


# "a raid that went unreported until Friday": the day it was told, not the occurrence's (not
# "few had heard of him until Friday", the day he was named)
_UNTIL = frozenset(_split("until till jusqua jusquau"))
_UNTOLD = ("unreport", "unannounc", "undisclos", "unconfirm", "secret", "inaperç", "inaperc")


def _untold_until(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a weekday ends the time an occurrence went untold ("unreported until
    Friday")."""
    k = hit.start - 1
    if hit.label not in _WEEKDAYS or k < 1 or text[k].form not in _UNTIL:
        return False
    return any(w.form.startswith(_UNTOLD) for w in text[max(0, k - 3) : k])


def _began(text: Sequence[Word], hit: Hit) -> bool:
    """Whether so many days ago dates the start of an operation ("began two days ago")."""
    if _DAYS_AGO.get(hit.label, 0) < 2:
        return False
    return any(w.form in _BEGAN for w in text[max(0, hit.start - 2) : hit.start])


def _within_another(hit: Hit, hits: Sequence[Hit]) -> bool:
    """Whether a named day is part of a longer one: "hier" in "avant-hier", "أمس" in "أول
    أمس" (the day before yesterday)."""
    return any(
        o.label in _NAMED_DAYS and o.start <= hit.start and hit.end <= o.end and o != hit
        for o in hits
    )


def _in_a_name(text: Sequence[Word], hit: Hit) -> bool:
    return hit.start > 0 and text[hit.start - 1].form in _NAME_BEFORE_DAY


# "a plot to bomb the church during Sunday mass", "صلاة الجمعة", "la prière du vendredi":
# the day of a rite, any week's, not the day of the occurrence
_RITE_BEFORE_DAY = frozenset(
    _split("صلاة صلاه خطبة خطبه قداس messe messes priere prieres sermon every")
)
_RITE_AFTER_DAY = frozenset(_split("mass masses prayer prayers sermon sermons service services"))
_RITE_OF = frozenset(_split("du يوم"))  # "la messe du dimanche", "قداس يوم الأحد"


def _rite(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a weekday names a rite held that day ("Sunday mass", "Friday prayers")."""
    k = hit.start - 1
    if k > 0 and text[k].form in _RITE_OF:
        k -= 1
    return (k >= 0 and any(f in _RITE_BEFORE_DAY for f in text[k].forms)) or (
        hit.end < len(text) and text[hit.end].form in _RITE_AFTER_DAY
    )


def _named_day(text: Sequence[Word], hit: Hit, local: date, day: date) -> date:
    """The date a named day stands for ("on Tuesday", "last Thursday", "yesterday"), in copy
    published on `day` (`local`: that day where it happened)."""
    return _relative(hit.label, _before(text, hit, local, day))


def _before(text: Sequence[Word], hit: Hit, local: date, day: date) -> date:
    """The day from which a named day is counted back: a weekday from the local day (the
    day itself, when it is that weekday), or the day before when the text says "last"."""
    if hit.label not in _WEEKDAYS:
        return day
    return local - timedelta(days=1) if _last(text, hit) else local


def _last(text: Sequence[Word], hit: Hit) -> bool:
    """Whether a weekday is said to be the last one ("last Tuesday", "mardi dernier")."""
    return (hit.start > 0 and text[hit.start - 1].forms[0] in _LAST_BEFORE) or (
        hit.end < len(text) and text[hit.end].forms[0] in _LAST_AFTER
    )


_NIGHT_TO = frozenset(_split("to into a au الى حتى على"))


def _nights(named: list[tuple[int, date]], text: Sequence[Word]) -> list[tuple[int, date]]:
    """A night between two days ("dans la nuit de dimanche à lundi", "Sunday night into
    Monday", "du 13 au 14"): the occurrence is dated by the morning, as most reports do."""
    out = list(named)
    for k in range(len(out) - 1, 0, -1):
        (a, first), (b, second) = out[k - 1], out[k]
        between = {w.form for w in text[a + 1 : b]}
        # "dans la nuit de dimanche à lundi"; "ليل الخميس - الجمعة"
        linked = between & _NIGHT_TO or b - a == 1
        if second - first == timedelta(days=1) and 0 < b - a <= 4 and linked:
            del out[k - 1]
    return out


# the verbs whose object is a noun: "announced the arrest on Monday"
_ANNOUNCED = frozenset({"announced", "reported", "confirmed", "revealed", "disclosed"})
_THE_ON = frozenset({"the", "on", "late", "early"})
# a verb of speaking to someone named after it ("told Reuters on Friday")
_TOLD_TO = frozenset(("told", "said"))
_SAID = frozenset(
    _split(
        """
        said says told reported announced confirmed named identified statement added declared
        declare annonce indique affirme confirme precise selon revealed disclosed revele
        published released publie communique identifie nomme rendu public devoile
        قال قالت اعلن أعلن اعلنت أعلنت اكد أكد اكدت أكدت تؤكد يؤكد افاد أفاد افادت أفادت ذكر
        ذكرت كشف كشفت تكشف يكشف بيان البيان صدر
        """
    )
)


_THAT = frozenset(_split("ان أن انه أنه بان بأن"))
_THAT_CLAUSE = _THAT | {"that", "que"}


def _said(sentence: _Sentence, i: int) -> bool:
    """Whether a date word dates a statement ("said on Thursday", "a annoncé jeudi"), not
    an occurrence named after the statement ("a identifié dimanche l'homme arrêté vendredi")."""
    text = sentence.words
    # "اليوم الخميس", "Saturday evening": a day in several date words is counted from its first
    while any(h.end == i and h.start < i for h in sentence.hits["date"]):
        i = min(h.start for h in sentence.hits["date"] if h.end == i)
    # one word on: "the service on Thursday identified the man seized on Monday"
    said = [j for j in range(max(0, i - SAID_BACK), min(len(text), i + 2)) if text[j].form in _SAID]
    if not said:
        # "told Horizon News Agency on Saturday": an outlet's name between the verb and the day
        j = i - 1 if i and text[i - 1].form == "on" else i
        k = j - 1
        while k >= 0 and j - k <= SAID_NAME_WORDS and text[k].raw[:1].isupper():
            k -= 1
        if k >= 0 and k < j - 1 and text[k].form in _TOLD_TO:
            said = [k]
    # an Arabic lead opens on its verb, then the speaker, then the day: "أكدت مصادر في
    # قوات سوريا الديمقراطية (قسد)، الثلاثاء، مقتل ..."
    # (up to the clause it opens: "أعلن الجهاز، اليوم السبت، أنه تمكن أمس الجمعة من...")
    opening = not said and i <= SAID_OPENING and text and text[0].form in _SAID
    if opening and not any(w.form in _THAT for w in text[1:i]):
        said = [0]
    if not said:
        return False
    last = max(j for j in said if j <= i) if any(j <= i for j in said) else i
    if any(w.form in _THAT_CLAUSE for w in text[last + 1 : i]):
        return False  # "said on Tuesday that Saturday night's raid...": the raid's day
    between = [h for h in sentence.hits["what"] if last < h.start < i]
    if not between:
        return True
    # "announced the arrest on Monday without naming him": a noun for object, the statement's
    # day (not "said the raid on Sunday killed...": the raid's)
    hit = between[0]
    return (
        text[last].form in _ANNOUNCED
        and len(between) == 1
        and all(w.form in _THE_ON for w in text[last + 1 : hit.start] + text[hit.end : i])
    )


def _relative(label: str, day: date) -> date:
    if label in ("today", "overnight"):
        return day
    if label in _DAYS_AGO:
        return day - timedelta(days=_DAYS_AGO[label])
    if label == "lastweek":
        return day - timedelta(days=7)
    if label == "latelastweek":  # the Friday before the week of `day`
        return day - timedelta(days=day.weekday() + 3)
    if label == "weekend":  # the Saturday just gone (or today)
        return day - timedelta(days=(day.weekday() - 5) % 7)
    # "on Tuesday" in copy published on a Thursday: the Tuesday just gone (or today)
    back = (day.weekday() - _WEEKDAYS.index(label)) % 7
    return day - timedelta(days=back)


def _explicit_dates(text: Sequence[Word], day: date) -> list[tuple[int, date]]:
    """Days and months written out ("November 23", "23 novembre", "23 نوفمبر"), by position."""
    found: list[tuple[int, date]] = []
    for i, word in enumerate(text):
        form = word[0][0]
        month = _MONTHS.get(form)
        if month is None and form in _MONTH_FIRSTS and i + 1 < len(text):
            month = _MONTHS.get(form + "_" + text[i + 1].form)
        if month is None:
            continue
        for k in (i - 1, i + 1, i + 2):
            if 0 <= k < len(text):
                m = _DAY_NUMBER.match(text[k].form)
                number = int(m.group(1)) if m else 0
                if 1 <= number <= 31:
                    if k == i - 1 and _span_end(text, k, number):
                        break  # "semaine du 9 au 14 novembre": a week, no day
                    try:
                        when = date(day.year, month, number)
                    except ValueError:
                        continue
                    if when > day + timedelta(days=1):
                        when = when.replace(year=day.year - 1)  # December news read in January
                    found.append((min(i, k), when))
                    break
    return found


_SPAN_TO = frozenset(_split("au to until through الى إلى حتى"))


def _span_end(text: Sequence[Word], k: int, last: int) -> bool:
    """Whether the day number at word k (`last`) ends a span of days ("du 9 au 14", "from 9 to
    14"; not a night's two days, "dans la nuit du 26 au 27")."""
    if k < 2 or text[k - 1].form not in _SPAN_TO:
        return False
    first = _DAY_NUMBER.match(text[k - 2].form)
    return first is not None and last - int(first[1]) >= 2


# the day of a month written without it: "on the 14th", "le 14 au soir", "في الرابع عشر من
# الشهر الجاري", "يوم 14 الجاري"
_ORDINAL_DAYS = {
    "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
    "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي": 1, "العشرين": 20, "الثلاثين": 30,
}  # fmt: skip
_TEENS = frozenset({"عشر", "عشره", "عشرة"})
_TENS = {"العشرين": 20, "الثلاثين": 30}  # (their "و" read off: "والعشرين")
_THIS_MONTH = frozenset({"الجاري", "الحالي"})
_LAST_MONTH = frozenset({"الماضي", "المنصرم", "السابق", "last"})
_ORDINAL_SUFFIX = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_DAY_DIGITS = re.compile(r"^(?:(\d{1,2})|1er)$")
_AFTER_WORDS = frozenset({"after", "since", "following", "apres", "depuis", "بعد", "منذ"})
# what follows "le 14" when it is a day ("le 14 au soir", "le 14, selon"), not a count
_AFTER_FRENCH_DAY = frozenset(
    _split("au courant dans vers et en lors peu avant apres de du selon par pres alors soit a")
)


def _month_days(text: Sequence[Word], day: date) -> list[tuple[int, date]]:
    """Days of a month written without it ("on the 14th", "le 14", "في 14 من الشهر الجاري"),
    by position: of the month of publication, or the one before ("of last month", a day
    still to come)."""
    found: list[tuple[int, date]] = []
    for i, word in enumerate(text):
        form = word.form
        if form not in _ORDINAL_DAYS and not form[:1].isdigit():
            continue  # most words: no day ("14", "1er", "14th", "الرابع")
        number, last = _month_day(text, i, form)
        if number is None or not 1 <= number <= 31:
            continue
        if any(not _AFTER_WORDS.isdisjoint(w.forms) for w in text[max(0, i - 6) : i]):
            continue  # "فبعد إنزال ذيبان في الثاني من الشهر": the day of another occurrence
        month = date(day.year, day.month, 1)
        if last:
            month = (month - timedelta(days=1)).replace(day=1)
        try:
            when = month.replace(day=number)
        except ValueError:
            continue  # "the 31st" of a shorter month
        if when > day + timedelta(days=1):
            when = (month - timedelta(days=1)).replace(day=1)
            try:
                when = when.replace(day=number)
            except ValueError:
                continue
        found.append((i, when))
    return found


def _month_day(text: Sequence[Word], i: int, form: str) -> tuple[int | None, bool]:
    """The day of the month a word at `i` gives, with the month unnamed, and whether it is of
    last month; None when it gives none."""
    after = [w.form for w in text[i + 1 : i + 4]]
    of_month = after[:2] == ["من", "الشهر"]
    if form in _ORDINAL_DAYS:
        number = _ORDINAL_DAYS[form]
        if number < 10 and after and after[0] in _TEENS:
            number, after = number + 10, after[1:] + [w.form for w in text[i + 4 : i + 5]]
        elif number < 10 and after and (tens := _tens(text[i + 1])):
            number, after = number + tens, after[1:] + [w.form for w in text[i + 4 : i + 5]]
        if after[:2] != ["من", "الشهر"]:
            return None, False  # "the fourth" of anything else
        return number, after[2:3] != [] and after[2] in _LAST_MONTH
    before = [w.form for w in text[max(0, i - 2) : i]]
    if (m := _DAY_DIGITS.match(form)) is not None and before:
        number = int(m.group(1) or 1)
        if of_month:
            return number, len(after) > 2 and after[2] in _LAST_MONTH  # "في 14 من الشهر"
        if after[:1] and after[0] in _THIS_MONTH:
            return number, False  # "يوم 14 الجاري"
        if before[-1] == "le" and (not after or after[0] in _AFTER_FRENCH_DAY):
            return number, False  # "le 14 au soir"
        return None, False
    m = _ORDINAL_SUFFIX.match(form)
    if m is not None and before == ["on", "the"]:
        if after[:1] == ["of"] and after[1:2] and after[1] in _MONTHS:
            return None, False  # "on the 14th of October": read with its month
        return int(m.group(1)), after[:2] == ["of", "last"]
    return None, False


def _tens(word: Word) -> int:
    """20 or 30 for "والعشرين", "والثلاثين" (the tens of an ordinal day), else 0."""
    return next((_TENS[f] for f in word.forms if f in _TENS), 0)


# ---- terms -------------------------------------------------------------------------------


# roles too common to tell one man from another
_VAGUE_ROLES = frozenset({"official", "operative", "leader"})
# what an operation ended in, as the headline and lead say: deaths, arrests or both
_OUTCOMES = frozenset({"killed", "captured"})


def _leading(event: list[_Sentence], kind: str, only: frozenset[str] | None = None) -> list[str]:
    """The labels a lexicon finds in the event text (of `only`, when given), those weighing
    at least half the top."""
    score: dict[str, float] = {}
    for n, sentence in enumerate(event):
        if n >= 2 and kind in ("means", "actor") and sentence.recalls:
            # "Central Command has announced dozens of strikes and raids this year", "the
            # arrests came the same day the coalition announced strikes elsewhere": earlier
            # or other operations' means and forces
            continue
        # "killed a financier on Wednesday, a day after forces raided a house": not its means
        cut = sentence.recall_from
        hits = [h for h in sentence.hits[kind] if h.start < cut]
        if kind == "means" and hits:
            hits = [h for h in hits if not _overhead(sentence.words, h)]
        if kind == "actor" and hits:
            # "attacks on SDF positions", "embuscades contre les FDS": the group's own targets
            hits = [h for h in hits if not _not_acting(sentence, h)]
        if kind == "daypart" and hits:
            # "the coalition said late on Thursday", "a annoncé samedi soir": the statement's hour
            hits = [h for h in hits if not _statement_hour(sentence, h)]
        labels = {h.label for h in hits}
        if only is not None:
            labels &= only
        if kind == "actor" and _names_us(sentence):
            labels.add("coalition")  # "US", not "told us"
        for label in labels:
            score[label] = score.get(label, 0.0) + sentence.weight
    top = max(score.values(), default=0.0)
    return sorted(k for k, v in score.items() if v >= max(top / 2, 1.0))


def _statement_hour(sentence: _Sentence, hit: Hit) -> bool:
    """Whether a time of day is that of a statement's day ("said late on Thursday")."""
    return any(
        hit.start - 1 <= d.start <= hit.end and _said(sentence, d.start)
        for d in sentence.hits["date"]
        if d.label in _NAMED_DAYS
    )


# "تحليق مكثف للطيران المروحي", "الطيران حلّق لساعات", "صوت الطيران": aircraft overhead (a
# raid's escort, a drone watching), not the means of the blow
_OVERHEAD = frozenset(_split("تحليق حلق حلقت يحلق تحلق صوت أصوات اصوات هدير مروحي المروحي"))


def _overhead(text: list[Word], hit: Hit) -> bool:
    """Whether "الطيران" (aviation) is said to fly over or be heard, or is the helicopters."""
    if "طيران" not in text[hit.start].forms:
        return False
    around = (*text[max(0, hit.start - 2) : hit.start], *text[hit.end : hit.end + 1])
    return any(not _OVERHEAD.isdisjoint(w.forms) for w in around)


# the words before a force that make it the group's target, not the operation's actor
_ATTACKED_BEFORE = re.compile(
    r"(?i)\b(?:attacks?|attaques?|attentats?|ambush(?:es)?|embuscades?|assaults?)"
    r"(?: \S+){0,3}? (?:on|against|targeting|contre|visant)(?: [^\s,.;:]+){0,6}? \(?$"
    r"|(?:هجمات|هجوم|الهجمات|كمائن)(?: \S+){0,3}? (?:على|ضد|تستهدف)(?: [^\s,.;:،]+){0,4}? \(?$"
)


# forces that cordon off the scene afterwards ("وطوقت قوات الأمن العام الموقع", "security forces
# sealed off the area"): there after the blow, whoever struck it
_CORDON_BEFORE = re.compile(
    r"(?<!\S)[وف]?(?:طوقت|طوّقت|طوق|طوّق|تطوق|تطوّق|أغلقت|اغلقت)\s+(?:(?:قوات|عناصر|دوريات)\s+)?$"
)
_CORDON_AFTER = re.compile(
    r"(?i)(?: [\w'’-]+){0,2}? (?:cordon(?:ed|s)? off|seal(?:ed|s)? off|closed off"
    r"|(?:ont|a) (?:bouclé|sécurisé|fermé))\b"
)


# "carried out without coalition help", "sans l'appui de la coalition", "دون مشاركة التحالف":
# the force said not to have taken part; "negotiates the drawdown of US-led coalition forces",
# "le retrait des troupes américaines", "انسحاب القوات الأمريكية": the force leaving
_WITHOUT_BEFORE = re.compile(
    r"(?i)\b(?:without|sans)(?: (?:any|the|l['’]\w+|le|la|les|de|du|des|[\w-]+-led|help|aide"
    r"|appui|support|soutien|involvement|participation)){0,4} $"
    r"|(?<!\S)(?:دون|بدون)(?: (?:أي|اي|مشاركة|مساعدة|دعم|تدخل|من))* $"
    r"|\b(?:drawdown|draw-down|withdrawal|pull-?out|retrait|départ) (?:of|des?|du|d['’])"
    r"(?: (?:the|les|la|[\w-]+-led))? ?$"
    r"|(?<!\S)(?:انسحاب|سحب|خروج) $"
)


def _not_acting(sentence: _Sentence, hit: Hit) -> bool:
    """Whether a force the sentence names did not carry the operation out: the group's target
    ("attacks on SDF positions"), there to cordon off the scene afterwards, said not to have
    taken part ("without coalition help") or leaving ("the drawdown of coalition forces")."""
    text, words = sentence.text, sentence.words
    start = words[hit.start].start
    return bool(
        _ATTACKED_BEFORE.search(text, 0, start)
        or _WITHOUT_BEFORE.search(text, max(0, start - 50), start)
        or _CORDON_BEFORE.search(text, max(0, start - 30), start)
        or _CORDON_AFTER.match(text, words[hit.end - 1].end)
    )


def _counts(lead: list[_Sentence]) -> list[str]:
    """How many men the headline and lead say were killed or detained ("five suspected
    members", "أربعة شبان"): a count followed within three words by whom it counts."""
    out: set[str] = set()
    for sentence in lead:
        hits = sentence.hits
        starts = [h.start for h in hits["headcount"]]
        for h in hits["count"]:
            if h.start < sentence.recall_from and any(h.start <= s <= h.end + 2 for s in starts):
                out.add(h.label)
    return sorted(out)


def _names_us(sentence: _Sentence) -> bool:
    """Whether a word of the sentence is "US" as written, not said to stand aside ("the
    drawdown of US forces") (looked for only in a sentence that holds those letters)."""
    text = sentence.text
    if "US" not in text and "U.S" not in text:
        return False
    return any(
        # ("U.S." is read as two words, U and S)
        (w.raw == "US" or (w.raw == "U" and text.startswith(".S", w.end)))
        and not _not_acting(sentence, Hit("coalition", k, k + 1))
        for k, w in enumerate(sentence.words)
    )


def _terms(
    event: list[_Sentence],
    who: tuple[Person, ...],
    where: Place | None,
    actors: list[str],
    means: list[str],
    roles: list[str],
    dayparts: list[str],
    targets: list[str],
    lang: list[str],
    parts: list[str],
    outcomes: list[str],
    near: str,
    counts: list[str],
) -> tuple[str, ...]:
    """Content words (folded, cut to a stem) and entities of the event text."""
    seen: dict[str, None] = dict.fromkeys(
        ["l:" + x for x in lang]
        + (["v:near"] if near and near != "city" else [])
        + (["v:city"] if near == "city" else [])
        + (["v:district"] if near == "district" else [])
        + (["v:edge"] if near == "edge" else [])
        + ["u:" + u for u in outcomes]
        + ["b:" + x for x in parts]
        + ["a:" + a for a in actors]
        + ["m:" + m for m in means]
        + ["r:" + r for r in roles]
        + ["h:" + h for h in dayparts]
        + ["o:" + o for o in targets]
        + ["k:" + k for k in counts]
    )
    for person in who:
        for part in person.key.split():
            seen.setdefault("n:" + part.partition("/")[0])
    if where is not None:
        seen.setdefault("p:" + where.id)
        if where.parent:
            seen.setdefault("p:" + where.parent)
    known = _TERMS.get
    for sentence in event:
        for word in sentence.words:
            forms = word[0]
            term = known(forms, _UNKNOWN)
            if term is _UNKNOWN:
                term = _term(forms)
            if term is None:
                continue
            seen.setdefault(term)
            if len(seen) >= MAX_TERMS:
                return tuple(seen)
    return tuple(seen)


# the term of each word's forms, as _term reads it (texts repeat their words): a plain dict,
# looked up in _terms without a call
_TERMS: dict[tuple[str, ...], str | None] = {}
_UNKNOWN = ""  # (no term is empty)


def _term(forms: tuple[str, ...]) -> str | None:
    """The term a word counts as (its stem), or None for a stopword, a figure or a short word
    (cached)."""
    term = _TERMS.get(forms, _UNKNOWN)
    if term is _UNKNOWN:
        if len(_TERMS) >= 100_000:
            _TERMS.clear()
        term = _TERMS[forms] = _stem(forms[-1])
    return term


def _stem(form: str) -> str | None:
    if len(form) < 3 or form in _STOPWORDS or form.isdigit():
        return None
    if form.isascii():
        return form[:6]
    return _ENGLISH_TERMS.get(form[:5], form[:5])


# The story's own words in Arabic, counted as their English stems: an Arabic and an English
# report of one raid share no word but names and places, and the wording measure would tell
# them no closer than two unrelated reports ("مزرعة"/"farm", "معسكر تدريب"/"training camp")
_ARABIC_TO_ENGLISH = {
    "raid": "مداهمة مداهمات دهم داهمت اقتحام",
    "helicopter": "مروحية مروحيات إنزال انزال",
    "drone": "مسيرة مسيّرة مسيرات",
    "strike": "غارة غارات ضربة ضربات قصف",
    "arrest": "اعتقال اعتقلت اعتقل توقيف القبض تعتقل موقوفين",
    "killed": "مقتل قتل قتلى قتيل",
    "leader": "قيادي قياديا قياديين زعيم",
    "official": "مسؤول مسؤولا",
    "emir": "أمير امير",
    "financier": "ممول",
    "finance": "تمويل مالي مالية أموال اموال مبالغ",
    "cell": "خلية خلايا",
    "explosive": "ناسف ناسفة عبوة عبوات متفجرات",
    "belt": "حزام",
    "car": "سيارة سيارات",
    "motorcycle": "دراجة",
    "house": "منزل منازل",
    "apartment": "شقة",
    "farm": "مزرعة مزارع",
    "training": "تدريب",
    "camp": "معسكر مخيم",
    "prison": "سجن",
    "checkpoint": "حاجز حواجز",
    "weapons": "أسلحة اسلحة",
    "ammunition": "ذخائر ذخيرة",
    "phones": "هواتف",
    "oil": "نفط",
    "extortion": "إتاوات اتاوات",
    "zakat": "زكاة الزكاة",
    "assassination": "اغتيال",
    "bombing": "تفجير تفجيرات",
    "plot": "مخطط",
    "shrine": "مقام",
    "church": "كنيسة",
    "attack": "هجوم هجمات",
    "ambush": "كمين",
    "clash": "اشتباك اشتباكات",
    "bodies": "جثث جثة",
    "tunnel": "نفق أنفاق",
    "cave": "كهف مغارة",
    "mountain": "جبل جبال",
    "desert": "صحراء بادية",
    "river": "نهر",
    "border": "حدود الحدودية",
    "road": "طريق",
    "brothers": "شقيقين شقيقان إخوة",
    "women": "نساء زوجة",
    "children": "أطفال",
    "wounded": "جريح جرحى إصابة",
    "identity": "هوية",
    "caliph": "خليفة",
    "spokesman": "متحدث",
    "statement": "بيان",
    "court": "محكمة",
    "smuggling": "تهريب",
}


def _english_terms() -> dict[str, str]:
    out: dict[str, str] = {}
    for english, arabic in _ARABIC_TO_ENGLISH.items():
        for word in words(arabic):
            # every folded form: "بادية" alone loses its ب as if a prefix, "البادية" does not
            for form in word.forms:
                out.setdefault(form[:5], english[:6])
    return out


_ENGLISH_TERMS = _english_terms()


# common words of one language only ("a" is both English and French, "on" both too)
_FRENCH = frozenset(
    _split("le la les des du une est dans pour selon avec sur qui été au aux et il ont par lors")
)
_ENGLISH = frozenset(
    _split("the of and to in is was for that with said by from at were has have after its who")
)
_LOWER_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]+")


def detect_language(text: str) -> str | None:
    """The language of a text: "ar" for Arabic script, else "fr" or "en" by common words."""
    sample = text[:2000]
    tokens = _LOWER_WORD.findall(sample.lower())
    letters = sum(map(len, tokens))
    if not letters:
        return None
    # (an ASCII sample holds no Arabic letter)
    if not sample.isascii() and sum(map(len, _ARABIC_LETTERS.findall(sample))) > letters / 3:
        return "ar"
    fr = sum(map(_FRENCH.__contains__, tokens))
    en = sum(map(_ENGLISH.__contains__, tokens))
    if not fr and not en:
        return None
    return "fr" if fr > en else "en"
