"""One real-world event, one alert: reports by several outlets, in several languages, through
`monitor once` with real feeds, pages and a webhook receiver (tests/support/corpus.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.corpus import Article, Outcome, run

# a Wednesday noon (15:00 in Syria): the reports say "on Thursday", "on Sunday"... of days
# before it; the real clock would make them, in the hours around a local midnight, read the
# day named as today for one outlet and as last week's for another
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def art(
    id: str,
    outlet: str,
    title: str,
    body: str,
    *,
    lang: str = "en",
    hours_ago: float = 3,
    event: str = "",
    label: str = "report",
    kind: str = "",
    page_type: str = "",
    url: str = "",
) -> Article:
    return Article(
        id=id,
        outlet=outlet,
        lang=lang,
        published=NOW - timedelta(hours=hours_ago),
        url=url or f"/news/{id}",
        title=title,
        summary="",
        body=body,
        label=label,
        event=event,
        what="",
        kind=kind,
        adds="",
        about="",
        page_type=page_type,
    )


RAID_WIRE = art(
    "raid-wire",
    "Wire Service",
    "Helicopter raid near Turkish border kills two",
    "US special operations forces killed two senior Islamic State officials in a "
    "helicopter-borne raid overnight in Atmeh, a town in Idlib province close to the Turkish "
    "border, two US officials said.\n\n"
    "Syrian state media said one of the men, an Iraqi national known as Salah Numan, was shot "
    "as he tried to flee the house. The second man was not identified.\n\n"
    "Residents said aircraft circled the area for more than an hour before the assault began. "
    "The Pentagon declined to comment on the identities of the dead.",
    event="raid",
)
RAID_GULF = art(
    "raid-gulf",
    "Gulf Daily",
    "Pre-dawn assault in Idlib leaves jihadist commanders dead",
    "Residents of Atma said they heard helicopters for over an hour before gunfire erupted in "
    "the early hours, as American commandos stormed a two-storey house on the edge of town.\n\n"
    "The US-led coalition later confirmed that its forces had killed two leaders of the "
    "Islamic State group in the operation, without naming them.\n\n"
    "A local rescuer told the paper that a woman and three children were led out unharmed. "
    "The town, a few kilometres from the border, shelters tens of thousands of displaced.",
    hours_ago=2,
    event="raid",
)
RAID_FR = art(
    "raid-fr",
    "Euro Monitor",
    "Syrie : deux cadres de l'État islamique tués lors d'une opération héliportée",
    "Deux responsables de l'organisation État islamique ont été tués cette nuit lors d'un raid "
    "héliporté des forces spéciales américaines à Atmé, près de la frontière turque, selon des "
    "responsables américains.\n\n"
    "L'un d'eux, présenté par les médias officiels syriens comme un Irakien connu sous le nom "
    "de Salah Numan, aurait été abattu alors qu'il tentait de s'enfuir.\n\n"
    "Washington n'a pas confirmé l'identité des deux hommes.",
    lang="fr",
    hours_ago=1,
    event="raid",
)
# the same province, the same day: another operation, another village, another man
STRIKE_SARMADA = art(
    "strike-sarmada",
    "Regional Desk",
    "Drone strike kills Islamic State financier in Sarmada",
    "A drone strike killed a senior Islamic State financier known as Abu Yahya al-Shami in "
    "Sarmada on Tuesday evening, local sources and a monitoring group said.\n\n"
    "The car he was driving was hit on a road leading out of the town, in Idlib province. "
    "The US-led coalition did not immediately comment on the strike.",
    event="sarmada",
)

SUCCESSION_1 = art(
    "succ-1",
    "Wire Service",
    "Islamic State names new 'caliph' after leader's death",
    "The Islamic State group named Abu Umar al-Hashimi al-Qurashi as its new leader on "
    "Thursday, in an audio message released by its spokesman, and confirmed that its "
    "previous chief had been killed.\n\n"
    "The spokesman gave no details about the new caliph beyond his nom de guerre.",
    event="succession",
)
SUCCESSION_2 = art(
    "succ-2",
    "Gulf Daily",
    "Jihadist group announces successor in recording",
    "In a recording posted on its channels on Thursday, the spokesman of the Islamic State "
    "said the group's shura council had pledged allegiance to Abu Omar al-Qurayshi.\n\n"
    "Analysts said the speed of the announcement suggested the choice had been made weeks "
    "ago.",
    hours_ago=2,
    event="succession",
)
SUCCESSION_FR = art(
    "succ-fr",
    "Euro Monitor",
    "L'État islamique désigne un nouveau calife",
    "Le groupe État islamique a annoncé jeudi le nom de son nouveau chef, Abou Omar al-Hachimi "
    "al-Qourachi, dans un message audio de son porte-parole, qui confirme la mort de son "
    "prédécesseur.\n\n"
    "Aucune information n'a été donnée sur l'identité réelle du nouveau « calife ».",
    lang="fr",
    hours_ago=1,
    event="succession",
)

DRONE_AR = art(
    "drone-ar",
    "Al-Sham Today",
    "مقتل قيادي في تنظيم الدولة بغارة لطائرة مسيرة قرب الباب",
    "قتل قيادي في تنظيم الدولة الإسلامية يدعى أبو عبد الرحمن الحلبي بغارة نفذتها طائرة مسيرة "
    "تابعة للتحالف الدولي مساء الأحد قرب مدينة الباب في ريف حلب الشرقي، بحسب مصادر محلية.\n\n"
    "وقالت المصادر إن الغارة استهدفت سيارة كان يستقلها على طريق فرعي.",
    lang="ar",
    event="drone",
)
DRONE_EN = art(
    "drone-en",
    "Wire Service",
    "Coalition drone kills Islamic State commander near al-Bab",
    "A coalition drone strike on Sunday evening killed an Islamic State commander, Abu "
    "Abdulrahman al-Halabi, as he drove near the town of al-Bab in northern Aleppo province, "
    "a war monitor said.\n\n"
    "The monitor said the commander had run the group's cells in the area since 2020.",
    hours_ago=2,
    event="drone",
)


def alerts_of(outcome: Outcome, kind: str = "event.matched") -> list[dict[str, object]]:
    return [a for a in outcome.alerts if a["type"] == kind]


def articles_in(alert: dict[str, object], outcome: Outcome) -> set[str]:
    return {outcome.article_of[s["url"]] for s in alert["sources"]}  # type: ignore[index,union-attr]


def event_of(outcome: Outcome, article: str) -> dict[str, object]:
    for e in outcome.events:
        if article in {outcome.article_of.get(s["url"]) for s in e["sources"]}:  # type: ignore[union-attr]
            return e
    raise AssertionError(f"{article} filed in no event")


def test_one_raid_by_three_outlets_in_two_languages_is_one_alert(tmp_path: Path) -> None:
    outcome = run([RAID_WIRE, RAID_GULF, RAID_FR, STRIKE_SARMADA], tmp_path)
    matched = alerts_of(outcome)
    assert len(matched) == 2, [a["title"] for a in matched]
    raid = event_of(outcome, "raid-wire")
    # the other reports are sources of the one event, whatever reached the monitor first
    assert {outcome.article_of[s["url"]] for s in raid["sources"]} == {  # type: ignore[union-attr]
        "raid-wire",
        "raid-gulf",
        "raid-fr",
    }
    assert raid["what"] == "killed"
    assert raid["where"]["name"] == "Atmeh" and raid["where"]["country"] == "Syria"  # type: ignore[index]
    assert raid["where"]["lat"] and raid["where"]["lon"]  # type: ignore[index]
    # the drone strike in the next town, the same day, on another man: its own event
    sarmada = event_of(outcome, "strike-sarmada")
    assert sarmada["id"] != raid["id"]
    assert {outcome.article_of[s["url"]] for s in sarmada["sources"]} == {"strike-sarmada"}  # type: ignore[union-attr]
    assert sarmada["who"][0]["name"] == "Abu Yahya al-Shami"  # type: ignore[index]


def test_a_succession_reported_in_english_and_french_is_one_alert(tmp_path: Path) -> None:
    outcome = run([SUCCESSION_1, SUCCESSION_2, SUCCESSION_FR], tmp_path)
    (alert,) = alerts_of(outcome)
    assert alert["what"] == "succession"
    event = event_of(outcome, "succ-1")
    assert len(event["sources"]) == 3  # type: ignore[arg-type]
    names = [p["name"] for p in event["who"]]  # type: ignore[union-attr]
    assert any("Umar" in n or "Omar" in n for n in names)
    langs = {s["lang"] for s in event["sources"]}  # type: ignore[union-attr]
    assert langs == {"en", "fr"}


def test_a_drone_strike_in_arabic_and_english_is_one_alert(tmp_path: Path) -> None:
    outcome = run([DRONE_AR, DRONE_EN], tmp_path)
    (alert,) = alerts_of(outcome)
    assert articles_in(alert, outcome) <= {"drone-ar", "drone-en"}
    event = event_of(outcome, "drone-ar")
    assert len(event["sources"]) == 2  # type: ignore[arg-type]
    assert event["where"]["name"] == "al-Bab"  # type: ignore[index]


CAPTURE_REGIONAL = art(
    "capture-regional",
    "Regional Desk",
    "SDF capture Islamic State emir in Shuhail raid",
    "Kurdish-led forces captured an Islamic State emir, Abu Jandal al-Ansari, in a raid on "
    "his house in the village of Shuhail in Deir ez-Zor province early on Friday, the Syrian "
    "Democratic Forces said in a statement.\n\n"
    "Two of his aides were also detained, the statement said. Coalition helicopters "
    "supported the operation.",
    event="capture",
)
CAPTURE_LOCAL = art(
    "capture-local",
    "Eastern Monitor",
    "Dawn operation in Euphrates village nets senior jihadist",
    "Residents of al-Shuhail woke to the sound of helicopters before dawn on Friday as "
    "SDF fighters surrounded a house near the river and led away a man they described as "
    "an Islamic State leader, along with two others.\n\n"
    "Local activists named the man as Abu Jandal al-Ansari, a veteran of the group's "
    "fight for Baghuz.",
    hours_ago=2,
    event="capture",
)
# the same province and day: a different village, a different man
CAPTURE_OTHER = art(
    "capture-other",
    "Regional Desk",
    "Second raid in Deir ez-Zor detains Islamic State official",
    "In a separate operation on Friday, SDF forces detained an Islamic State official "
    "identified as Abu Hamza al-Iraqi in the town of Busayrah, further along the "
    "Euphrates in Deir ez-Zor province, the SDF said.\n\n"
    "The official is accused of collecting the group's taxes from local traders.",
    hours_ago=1,
    event="capture-other",
)
GOVERNOR_1 = art(
    "governor-1",
    "Wire Service",
    "Iraqi jets kill Islamic State 'wali' of Kirkuk in Hamrin mountains",
    "Iraqi F-16 jets struck a hideout in the Hamrin mountains on Sunday, killing the Islamic "
    "State's so-called governor of Kirkuk, Abu Yasir al-Issawi, and four of his guards, the "
    "Iraqi military said.",
    event="governor",
)
GOVERNOR_2 = art(
    "governor-2",
    "Gulf Daily",
    "Iraq says air strike killed IS provincial chief",
    "The Islamic State's top official in Kirkuk province was among five militants killed in "
    "an Iraqi air strike on a cave complex in the Hamrin range, Iraq's Security Media Cell "
    "said on Sunday, naming him as Abu Yaser al-Essawi.",
    hours_ago=2,
    event="governor",
)


# one arrest: placed by the man's remit (Raqqa) by the first outlet, in Gaziantep and named
# with his kunya by the second, known only by that kunya to the third
TURKEY_WIRE = art(
    "turkey-wire",
    "Capital Tribune",
    "Turkish intelligence detains militant who ran Islamic State's Raqqa affairs",
    "Turkish intelligence agents have detained a senior Islamic State member who had been "
    "tasked by the group with running its affairs in Syria's Raqqa province, Turkish state "
    "media reported on Monday.\n\n"
    "The National Intelligence Organisation (MIT) caught the man, identified as Halef "
    "el-Hasan, in an operation in the southeastern city of Gaziantep, the state-run news "
    "agency said.",
    hours_ago=50,
    event="turkey",
)
TURKEY_AR = art(
    "turkey-ar",
    "بوابة الشرق",
    'الاستخبارات التركية تعتقل "والي الرقة" في غازي عنتاب',
    'أعلن جهاز الاستخبارات الوطني التركي، الاثنين، القبض على خلف الحسن، الملقب بـ"أبو دجانة '
    'الرقاوي"، الذي قالت وسائل إعلام تركية إنه يشغل منصب "والي الرقة" في تنظيم داعش، وذلك في '
    "عملية بولاية غازي عنتاب جنوبي البلاد.",
    lang="ar",
    hours_ago=48,
    event="turkey",
)
TURKEY_LATER = art(
    "turkey-later",
    "Legacy Wire",
    "'Raqqa governor' lived under false name in Gaziantep before arrest",
    "A man described by Turkish officials as the Islamic State's governor for Raqqa had been "
    "living in Gaziantep for months under a false name before his arrest, Turkish media "
    "reported.\n\n"
    "Known to the group as Abu Dujana al-Raqqawi, the Syrian national was detained in a flat "
    "in the Sahinbey district, according to pro-government newspapers.",
    hours_ago=26,
    event="turkey",
)


def test_a_name_a_later_report_gave_finds_the_event_for_the_next(tmp_path: Path) -> None:
    """The first report placed the arrest by the man's remit and named him by his real name;
    the second named his kunya too: the third, with the kunya alone, finds the event by it."""
    outcome = run([TURKEY_WIRE, TURKEY_AR, TURKEY_LATER], tmp_path)
    assert len(alerts_of(outcome)) == 1
    event = event_of(outcome, "turkey-wire")
    assert {outcome.article_of[s["url"]] for s in event["sources"]} == {  # type: ignore[union-attr]
        "turkey-wire",
        "turkey-ar",
        "turkey-later",
    }


def test_a_village_capture_and_an_iraqi_strike_each_one_alert(tmp_path: Path) -> None:
    outcome = run(
        [CAPTURE_REGIONAL, CAPTURE_LOCAL, CAPTURE_OTHER, GOVERNOR_1, GOVERNOR_2], tmp_path
    )
    matched = alerts_of(outcome)
    assert len(matched) == 3, [a["title"] for a in matched]
    capture = event_of(outcome, "capture-regional")
    assert {outcome.article_of[s["url"]] for s in capture["sources"]} == {  # type: ignore[union-attr]
        "capture-regional",
        "capture-local",
    }
    assert capture["what"] == "captured"
    assert event_of(outcome, "capture-other")["id"] != capture["id"]
    governor = event_of(outcome, "governor-1")
    assert len(governor["sources"]) == 2  # type: ignore[arg-type]
    assert governor["where"]["country"] == "Iraq"  # type: ignore[index]


# ---- commentary ------------------------------------------------------------------------------

ESSAY = art(
    "essay",
    "Euro Monitor",
    "The hydra problem",
    "Every time a leader of the Islamic State has been killed in a raid in Syria, Western "
    "officials have declared a turning point, and every time the group has named a successor "
    "within weeks.\n\n"
    "The pattern says something about the organisation's resilience. Its leadership was "
    "built to survive decapitation: councils rather than men, couriers rather than phones.\n\n"
    "Decapitation strategies tend to work against groups whose authority rests on one "
    "charismatic figure. The Islamic State learned that lesson long ago.",
    hours_ago=2,
    label="commentary",
    kind="analysis",
)
OPINION = art(
    "opinion",
    "Gulf Daily",
    "Last night's raid will not end this war",
    "US commandos killed two senior Islamic State officials in Atmeh overnight, officials "
    "said this morning. I have covered this region for twenty years, and I have heard the "
    "same promises after every such raid.\n\n"
    "We must stop pretending that killing commanders is a strategy. The West should invest "
    "in the prisons and camps where the next generation is being raised, or we will be "
    "writing these columns for another decade.",
    hours_ago=1,
    label="commentary",
    kind="opinion",
)
EXPLAINER = art(
    "explainer",
    "Wire Service",
    "How does the Islamic State choose its leaders?",
    "The Islamic State has named a new leader five times since 2019. Here is how the process "
    "works, according to researchers who study the group.\n\n"
    "What is the shura council? A small body of senior figures who, in theory, choose the "
    "caliph. Who can become caliph? The group claims its leaders descend from the Quraysh "
    "tribe, which is why each takes the name al-Qurashi.\n\n"
    "How is a new leader announced? Usually by the spokesman, in an audio message, after the "
    "previous leader has been killed.",
    hours_ago=4,
    label="commentary",
    kind="explainer",
)
BOOK_REVIEW = art(
    "review",
    "Euro Monitor",
    "Review: the caliphs who came before",
    "In her new book, the historian traces the rise of medieval Islamic states, their leaders "
    "and the frontier raids that defined them, from the Abbasid caliphate to the Ottoman "
    "empire.\n\n"
    "The author's chapters on the twelfth century are the strongest. Readers looking for a "
    "guide to today's jihadist 'caliphate' will find only a short epilogue, in which she "
    "argues that the Islamic State's leader was killed, like many caliphs before him, by a "
    "raid he never saw coming.",
    hours_ago=5,
    label="commentary",
    kind="review",
)


def test_commentary_is_stored_and_matched_but_only_the_report_alerts(tmp_path: Path) -> None:
    outcome = run([RAID_WIRE, ESSAY, OPINION, EXPLAINER, BOOK_REVIEW], tmp_path)
    (alert,) = alerts_of(outcome)
    assert articles_in(alert, outcome) == {"raid-wire"}
    assert alert["kind"] == "report"
    by_article = {outcome.article_of[e["sources"][0]["url"]]: e for e in outcome.events}  # type: ignore[index]
    assert by_article["essay"]["kind"] == "analysis"
    assert by_article["opinion"]["kind"] == "opinion"
    assert by_article["explainer"]["kind"] == "explainer"
    assert by_article["review"]["kind"] == "review"
    for name in ("essay", "opinion", "explainer", "review"):
        assert by_article[name]["alerted"] is False
        assert by_article[name]["kind_reason"], name


def test_commentary_alerts_when_the_config_opts_in(tmp_path: Path) -> None:
    outcome = run(
        [OPINION, BOOK_REVIEW],
        tmp_path,
        extra_config="[matching]\nalert_commentary = true\n",
    )
    kinds = sorted(str(a["kind"]) for a in alerts_of(outcome))
    assert kinds == ["opinion", "review"]


def test_events_all_and_explain_show_why(tmp_path: Path) -> None:
    outcome = run([RAID_WIRE, RAID_GULF, OPINION], tmp_path)
    assert len(alerts_of(outcome)) == 1
    config = tmp_path / "monitor.toml"

    def monitor(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "monitor", "--config", str(config), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    reports = [json.loads(line) for line in monitor("events", "--json").splitlines()]
    assert [e["kind"] for e in reports] == ["report"]
    everything = [json.loads(line) for line in monitor("events", "--all", "--json").splitlines()]
    assert sorted(e["kind"] for e in everything) == ["opinion", "report"]
    text = monitor("events", "--all")
    assert "[opinion]" in text and "not alerted:" in text

    explained = monitor("events", "--explain", str(reports[0]["id"]))
    assert "started the event" in explained and "joined" in explained
    assert "wording" in explained  # the scores of the decision are shown
    data = json.loads(monitor("events", "--explain", str(reports[0]["id"]), "--json"))
    assert len(data["reports"]) == 2
    assert data["reports"][1]["decision"]["reason"]


# ---- follow-ups --------------------------------------------------------------------------------

TARGETED = art(
    "targeted",
    "Wire Service",
    "Coalition strike targets Islamic State commander near Hajin",
    "A coalition air strike on Saturday targeted a house near Hajin in Deir ez-Zor province "
    "where a senior Islamic State commander was believed to be hiding, the coalition said. "
    "His fate was not known.",
    hours_ago=20,
    event="hajin",
)
CONFIRMED = art(
    "confirmed",
    "Gulf Daily",
    "Islamic State commander Abu Talha al-Jazrawi died in Hajin strike, coalition confirms",
    "The coalition said on Sunday that Abu Talha al-Jazrawi, a senior Islamic State "
    "commander, was killed in its air strike near Hajin in Deir ez-Zor province, confirming "
    "the death of the man it had targeted.",
    hours_ago=2,
    label="followup",
    event="hajin",
)


def test_a_follow_up_with_substance_sends_one_update(tmp_path: Path) -> None:
    first = run([TARGETED], tmp_path)
    (matched,) = alerts_of(first)
    assert matched["what"] == "targeted" and matched["who"] == []
    second = run([TARGETED, CONFIRMED], tmp_path)
    assert alerts_of(second) == []  # no second event.matched
    (update,) = alerts_of(second, "event.updated")
    assert update["id"] == matched["id"]
    assert set(update["changes"]) >= {"what", "who"}  # type: ignore[arg-type]
    assert update["what"] == "killed"
    assert update["who"][0]["name"] == "Abu Talha al-Jazrawi"  # type: ignore[index]
    # a third report with nothing new sends nothing
    repeat = art(
        "repeat",
        "Regional Desk",
        "Coalition confirms Hajin strike killed IS commander",
        "The coalition confirmed on Sunday that its strike near Hajin, in Deir ez-Zor, killed "
        "Islamic State commander Abu Talha al-Jazrawi.",
        hours_ago=1,
        event="hajin",
    )
    third = run([TARGETED, CONFIRMED, repeat], tmp_path)
    assert third.alerts == []


def test_updates_found_before_the_first_alert_is_sent_go_into_it(tmp_path: Path) -> None:
    # both reports in one cycle: the first alert goes out with the fuller picture, alone
    outcome = run([TARGETED, CONFIRMED], tmp_path, step=None)
    assert [a["type"] for a in outcome.alerts] == ["event.matched"]
    (alert,) = outcome.alerts
    assert alert["what"] == "killed"
    assert len(alert["sources"]) == 2  # type: ignore[arg-type]


PROFILE = art(
    "profile",
    "Regional Desk",
    "The caliph nobody saw",
    "Little is known about the Islamic State leader US officials say was killed in last "
    "night's raid. He was "
    "born in Mosul in the early 1980s, according to Iraqi officials, and grew up in a family "
    "of religious scholars.\n\n"
    "He rose through the group's ranks after 2014, first as a judge, then as a member of its "
    "governing council, and was named leader in 2023. His father, a teacher, was killed in "
    "the battle for Mosul. Those who met him describe a quiet, cautious man.",
    hours_ago=1,
    label="commentary",
    kind="profile",
)
ANNIVERSARY = art(
    "anniversary",
    "Euro Monitor",
    "Ten years after the fall of Raqqa's 'caliphate' capital",
    "Ten years ago this month, US-backed forces drove the Islamic State out of Raqqa. A "
    "decade on, residents remember the air strikes that killed the group's local leaders and "
    "the raids that followed.\n\n"
    "The anniversary finds the city rebuilt in parts, scarred in others.",
    hours_ago=4,
    label="commentary",
    kind="anniversary",
)
LIVEBLOG = art(
    "liveblog",
    "Wire Service",
    "Middle East live: Lebanon cabinet row, oil slips, fuel queues",
    "09:05 Lebanon's cabinet met to discuss the fuel crisis, ministers said.\n\n"
    "09:40 Queues formed at petrol stations across Beirut as prices rose again.\n\n"
    "10:15 Oil prices slipped in early trading on fears of weaker demand.\n\n"
    "10:50 The central bank said it would release more dollars for imports.\n\n"
    "11:30 In Syria, officials said a US raid in Atmeh overnight killed a senior Islamic "
    "State official.",
    hours_ago=1,
    label="commentary",
    kind="liveblog",
    url="/live/middle-east",
)
WHAT_IT_MEANS = art(
    "what-it-means",
    "Gulf Daily",
    "What the Atmeh raid tells us about the war on ISIS",
    "The raid that killed two senior Islamic State officials in Atmeh overnight suggests "
    "that the group's leadership still shelters in the north-west, analysts said.\n\n"
    "The strategy of decapitation has its limits. Every time a leader has been killed, the "
    "group has adapted, and the long-term trend is one of resilience rather than collapse. "
    "The real test will be whether the cells in the desert regenerate.",
    hours_ago=1,
    label="commentary",
    kind="analysis",
)

HISTORY = art(
    "history",
    "Regional Desk",
    "From Raqqa to Baghouz: how the caliphate rose and fell, 2013-2019",
    "In April 2013 the Islamic State of Iraq announced its expansion into Syria, and by "
    "January 2014 its fighters held Raqqa. In June 2014 its leader, Abu Bakr al-Baghdadi, "
    "declared a caliphate from the pulpit of Mosul's great mosque.\n\n"
    "The US-led coalition began air strikes in Syria in September 2014. Over the next five "
    "years its raids and strikes killed dozens of the group's commanders, and in October "
    "2019 a US raid in Barisha, in Idlib province, ended with Baghdadi's death.\n\n"
    "Historians still argue over why the state collapsed so fast after 2017: the loss of "
    "Mosul in July of that year and of Raqqa in October left it with the desert alone.",
    hours_ago=3,
    label="commentary",
    kind="history",
)


def test_profiles_anniversaries_live_blogs_and_meanings_are_not_alerted(tmp_path: Path) -> None:
    outcome = run([RAID_WIRE, PROFILE, ANNIVERSARY, LIVEBLOG, WHAT_IT_MEANS, HISTORY], tmp_path)
    (alert,) = alerts_of(outcome)
    assert articles_in(alert, outcome) == {"raid-wire"}
    kinds = {
        outcome.article_of[e["sources"][0]["url"]]: e["kind"]  # type: ignore[index]
        for e in outcome.events
    }
    assert kinds["profile"] == "profile"
    assert kinds["anniversary"] in ("anniversary", "history")
    assert kinds["liveblog"] in ("liveblog", "background")
    assert kinds["what-it-means"] == "analysis"
    assert kinds["history"] in ("history", "anniversary")


def test_a_feed_or_a_rule_can_opt_commentary_in(tmp_path: Path) -> None:
    # the feed of the opinion column alerts commentary; the other feeds do not
    outcome = run(
        [OPINION, BOOK_REVIEW],
        tmp_path / "feed",
        feed_config={"Gulf Daily": "alert_commentary = true\n"},
    )
    assert [a["kind"] for a in alerts_of(outcome)] == ["opinion"]
    # a rule that opts in alerts what it matches, whatever the piece
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'include = ["builtin:isis-syria"]\n'
        "[[rules]]\n"
        'name = "caliphs-in-books"\n'
        "query = 'caliph* AND (book OR author)'\n"
        "alert_commentary = true\n"
    )
    outcome = run(
        [OPINION, BOOK_REVIEW],
        tmp_path / "rule",
        extra_config=f'[matching]\nrules = ["{rules}"]\n',
    )
    assert [a["kind"] for a in alerts_of(outcome)] == ["review"]


SECOND_FOLLOW_UP = art(
    "second-follow-up",
    "Regional Desk",
    "Hajin strike: commander killed in the village of al-Bahra, locals say",
    "Residents said the coalition strike that killed Islamic State commander Abu Talha "
    "al-Jazrawi on Saturday hit a house in the village of al-Bahra, near Hajin in Deir "
    "ez-Zor province.",
    hours_ago=1,
    label="followup",
    event="hajin",
)


def test_at_most_one_update_an_hour(tmp_path: Path) -> None:
    first = run([TARGETED], tmp_path)
    assert len(alerts_of(first)) == 1
    second = run([TARGETED, CONFIRMED], tmp_path)
    assert len(alerts_of(second, "event.updated")) == 1
    # more substance (a village) minutes later: queued for when the hour is over, not sent
    third = run([TARGETED, CONFIRMED, SECOND_FOLLOW_UP], tmp_path)
    assert third.alerts == []
    config = tmp_path / "monitor.toml"
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), "deliveries", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    waiting = [r for r in rows if r["state"] == "pending"]
    assert [r["type"] for r in waiting] == ["event.updated"]
    due = datetime.fromisoformat(str(waiting[0]["next_attempt"]).replace("Z", "+00:00"))
    assert due - datetime.now(UTC) > timedelta(minutes=50)


DIGEST = art(
    "digest",
    "Regional Desk",
    "Evening digest: Baghdad rains flood streets; air strike in Mutaibija; book fair opens",
    "Heavy rain flooded streets and underpasses in Karrada and Dora on Tuesday, and the city "
    "council sent pumps to drain them.\n\n"
    "SECURITY: Iraqi F-16s struck a hideout in the Mutaibija area between Salahuddin and "
    "Diyala on Tuesday afternoon, killing an Islamic State cell leader known as Abu Musab, "
    "the Security Media Cell said.\n\n"
    "CULTURE: The Baghdad International Book Fair opened with 400 publishers.",
    hours_ago=1,
)
STRIKE_WIRE = art(
    "strike-wire",
    "Wire Service",
    "Iraqi jets kill Islamic State cell leader in Mutaibija",
    "Iraqi F-16 jets killed an Islamic State cell leader known as Abu Musab in an air strike "
    "on a hideout in the Mutaibija area on Tuesday afternoon, Iraq's Security Media Cell said. "
    "Mutaibija lies between Salahuddin and Diyala provinces.",
    hours_ago=2,
)


def test_a_digest_whose_later_item_no_report_has_told_alerts_it_once(tmp_path: Path) -> None:
    # the strike's only report: the digest leads with the rain, but tells a new occurrence
    (alert,) = alerts_of(run([DIGEST], tmp_path / "alone"))
    assert alert["kind"] == "report" and alert["where"]["name"] == "Mutaibija"  # type: ignore[index]
    # ...and once a report has told it, the digest is one more source of the event
    outcome = run([STRIKE_WIRE, DIGEST], tmp_path / "after")
    (alert,) = alerts_of(outcome)
    assert articles_in(alert, outcome) == {"strike-wire", "digest"}
