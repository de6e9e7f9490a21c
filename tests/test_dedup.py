"""One story, one event: canonical URLs, entry keys and near-duplicate stories (issue 8)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from monitor.dedup import (
    MAX_CANDIDATES,
    StoryIndex,
    body_similarity,
    canonical_url,
    entry_key,
    event_id_for,
    same_story,
    story_signature,
)

# --- canonical URLs ---------------------------------------------------------------------------

CANONICAL_CASES = [
    # scheme and host case, default ports, fragment
    ("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    ("https://example.com/a#comments", "https://example.com/a"),
    ("https://example.com./a", "https://example.com/a"),
    ("  https://example.com/a  ", "https://example.com/a"),
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ("https://user@Example.com/a", "https://user@example.com/a"),
    # tracking parameters
    (
        "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x&id=7",
        "https://example.com/a?id=7",
    ),
    ("https://example.com/a?fbclid=IwAR0abc", "https://example.com/a"),
    ("https://example.com/a?gclid=1&dclid=2&msclkid=3&yclid=4", "https://example.com/a"),
    ("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&_ga=4&spm=5", "https://example.com/a"),
    ("https://example.com/a?ref=twitter&ref_src=twsrc&cmpid=x&ocid=y", "https://example.com/a"),
    ("https://example.com/a?UTM_Source=x&p=2", "https://example.com/a?p=2"),
    # remaining parameters sorted, values kept as they were
    ("https://example.com/a?b=2&a=1&c=", "https://example.com/a?a=1&b=2&c="),
    ("https://example.com/a?q=a+b&page=2", "https://example.com/a?page=2&q=a+b"),
    # percent-encoding in one spelling
    ("https://example.com/%7euser/caf%c3%a9", "https://example.com/~user/caf%C3%A9"),
    ("https://example.com/%41rticle", "https://example.com/Article"),
    ("https://example.com/café", "https://example.com/caf%C3%A9"),
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("https://example.com/100%", "https://example.com/100%25"),
    ("https://example.com/a?q=%2f%2F", "https://example.com/a?q=%2F%2F"),
    # slashes
    ("https://example.com//news///2024//story", "https://example.com/news/2024/story"),
    ("https://example.com/news/story/", "https://example.com/news/story"),
    ("https://example.com/", "https://example.com/"),
    ("https://example.com", "https://example.com/"),
    # AMP variants of https://example.com/news/story
    ("https://example.com/news/story/amp", "https://example.com/news/story"),
    ("https://example.com/news/story/amp/", "https://example.com/news/story"),
    ("https://example.com/news/story.amp", "https://example.com/news/story"),
    ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
    ("https://example.com/news/story?amp=1", "https://example.com/news/story"),
    ("https://example.com/news/story?amp", "https://example.com/news/story"),
    ("https://example.com/news/story?outputType=amp", "https://example.com/news/story"),
    ("https://amp.example.com/news/story", "https://example.com/news/story"),
    ("https://example.com/amp/news/story", "https://example.com/news/story"),
    ("https://www.google.com/amp/s/example.com/news/story", "https://example.com/news/story"),
    ("https://www.google.com/amp/example.com/news/story", "http://example.com/news/story"),
    (
        "https://example-com.cdn.ampproject.org/c/s/example.com/news/story/amp?amp_js_v=0.1",
        "https://example.com/news/story",
    ),
    ("https://cdn.ampproject.org/c/s/example.com/news/story", "https://example.com/news/story"),
    # IDN hosts to punycode
    ("https://BÜCHER.example/a", "https://xn--bcher-kva.example/a"),
    ("https://xn--bcher-kva.example/a", "https://xn--bcher-kva.example/a"),
    ("https://مثال.إختبار/خبر", "https://xn--mgbh0fb.xn--kgbechtv/%D8%AE%D8%A8%D8%B1"),
    # not an absolute http(s) URL: returned stripped, never an exception
    ("  not a url ", "not a url"),
    ("", ""),
    ("/relative/path", "/relative/path"),
    ("mailto:desk@example.com", "mailto:desk@example.com"),
    ("http://[::1/oops", "http://[::1/oops"),
    ("http://example.com:99999/a", "http://example.com:99999/a"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL_CASES)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", [url for url, _ in CANONICAL_CASES])
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


def test_every_amp_variant_gives_one_event_id() -> None:
    plain = "https://www.example.com/world/2024/10/17/us-raid-syria"
    variants = [
        plain,
        plain + "/amp",
        plain + "?amp=1&utm_source=twitter",
        "https://www.google.com/amp/s/www.example.com/world/2024/10/17/us-raid-syria",
        "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/amp/world/2024/10/17/us-raid-syria",
        "HTTPS://WWW.EXAMPLE.COM:443/world//2024/10/17/us-raid-syria/#top",
    ]
    ids = {event_id_for(canonical_url(u)) for u in variants}
    assert len(ids) == 1
    (only,) = ids
    assert only.startswith("ev_") and len(only) == 23


# --- entry keys -------------------------------------------------------------------------------


def test_entry_key_prefers_a_stable_guid() -> None:
    assert entry_key("tag:example.com,2024:story-1", "https://example.com/a", "T") == (
        "g:tag:example.com,2024:story-1"
    )
    # a URL guid is canonicalised, so a tracking parameter added later does not change it
    assert entry_key("https://example.com/a?utm_source=rss", None, "T") == entry_key(
        "https://example.com/a", None, "T"
    )


@pytest.mark.parametrize("guid", [None, "", "  ", "12345", "2024-10-17T08:00:00Z", "1729152000"])
def test_entry_key_falls_back_to_the_url_when_the_guid_is_not_stable(guid: str | None) -> None:
    key = entry_key(guid, "https://example.com/a?utm_source=rss#x", "Title")
    assert key == "u:https://example.com/a"


def test_entry_key_falls_back_to_the_title() -> None:
    key = entry_key(None, None, "US raid kills ISIS official")
    assert key.startswith("t:")
    assert key == entry_key("", "  ", "  us RAID kills ISIS official ")
    assert key != entry_key(None, None, "US raid kills ISIS leader")


# --- near-duplicate stories -------------------------------------------------------------------

WIRE_TITLE = "US raid in Syria kills senior Islamic State leader, military says"
WIRE = [
    "BEIRUT (AP) — U.S. special forces killed a senior Islamic State commander in a helicopter "
    "raid in northwestern Syria early Thursday, the U.S. military said, in the latest operation "
    "targeting the extremist group's leadership.",
    "U.S. Central Command said in a statement that the raid in the village of Atmeh, in Idlib "
    "province near the Turkish border, killed Abu Yusuf al-Muhajir, whom it described as a "
    "senior official responsible for planning attacks in the region and in Europe.",
    "Two other militants were killed and one was detained, the statement said. No U.S. "
    "personnel were wounded and no civilians were harmed, according to CENTCOM.",
    "Residents of Atmeh said they heard helicopters hovering over the area for nearly two hours "
    "after midnight, followed by gunfire and a loud explosion. Syrian opposition activists said "
    "the forces surrounded a two-story house on the edge of the village that had been rented by "
    "a family displaced from Aleppo.",
    "The Britain-based Syrian Observatory for Human Rights, an opposition war monitor, said the "
    "raid lasted about ninety minutes and that the helicopters landed in an olive grove nearby. "
    "It put the death toll at four, including a woman.",
    "The Islamic State group once controlled a large swath of territory straddling Syria and "
    "Iraq, where it declared a so-called caliphate in 2014. It was defeated in Iraq in 2017 and "
    "in Syria in 2019, but its sleeper cells continue to carry out deadly attacks in both "
    "countries.",
    "The United States has about 900 troops in eastern Syria, where they work with the "
    "Kurdish-led Syrian Democratic Forces to prevent a resurgence of the group. Washington has "
    "carried out several raids in Idlib over the past years, including one in February 2022 "
    "that killed the group's leader, Abu Ibrahim al-Hashimi al-Qurayshi.",
    "CENTCOM commander Gen. Michael Kurilla said the operation showed the command's commitment "
    'to the enduring defeat of the group. "ISIS remains a threat to the region and beyond," '
    "he said.",
]


def _wire_copy_b() -> tuple[str, str]:
    """Second outlet: new dateline, US spelling, one sentence added, one paragraph dropped."""
    paras = [p.replace("U.S.", "US") for p in WIRE]
    paras[0] = paras[0].replace("BEIRUT (AP) —", "WASHINGTON —")
    paras[1] += " The man had been on a US list of the most wanted militants in the region."
    del paras[4]
    return "Senior ISIS commander killed in US helicopter raid in northwest Syria", "\n\n".join(
        paras
    )


def _wire_copy_c() -> tuple[str, str]:
    """Third outlet: no dateline, some words swapped, last paragraph cut, a new one added."""
    paras = list(WIRE)
    paras[0] = paras[0].replace("BEIRUT (AP) — ", "").replace("extremist group", "militant group")
    paras[3] = paras[3].replace("nearly two hours", "almost two hours")
    paras = paras[:-1]
    paras.insert(
        5,
        "Turkey's defence ministry declined to comment on the operation, which took place a few "
        "kilometres from its border.",
    )
    return "American commandos kill Islamic State official in Idlib", "\n\n".join(paras)


def _wire_copy_amp() -> tuple[str, str]:
    """The AMP page of the original: same text with page furniture around it."""
    body = "\n\n".join(["Advertisement", *WIRE[:4], "Read more:", *WIRE[4:], "Share this story"])
    return WIRE_TITLE, body


def _wire_updated() -> tuple[str, str]:
    """The original, updated later with a paragraph at the end."""
    update = (
        "Later Thursday, a Pentagon spokesman said the detained man was being questioned and "
        "that DNA tests had confirmed the identity of al-Muhajir. He did not say where the "
        "detainee was being held or whether he was a member of the group."
    )
    return "UPDATE: " + WIRE_TITLE, "\n\n".join([*WIRE, update])


# Background paragraphs an outlet pastes under every story about the group: this shared text is
# what makes different stories look alike.
BACKGROUND = [
    "The Islamic State group once controlled a large swath of territory straddling Syria and "
    "Iraq, where it declared a so-called caliphate in 2014. It was defeated in Iraq in 2017 and in "
    "Syria in 2019, but its sleeper cells continue to carry out deadly attacks in both countries.",
    "The United States has about 900 troops in eastern Syria, where they work with the "
    "Kurdish-led Syrian Democratic Forces to prevent a resurgence of the group.",
]


def _raid(
    *, day: str, town: str, province: str, name: str, role: str, killed: str, detail: str
) -> tuple[str, str]:
    """A formulaic raid report, as a news desk writes many of them."""
    title = f"US forces kill ISIS official in raid in {town}, Syria"
    paras = [
        f"US forces carried out a raid in {town}, {province} province, on {day}, killing an ISIS "
        f"official, the US military said.",
        f"US Central Command said the raid killed {name}, who it said was {role}. {killed}",
        detail,
        *BACKGROUND,
    ]
    return title, "\n\n".join(paras)


RAID_ATMEH_1 = _raid(
    day="Tuesday",
    town="Atmeh",
    province="Idlib",
    name="Abu Hafs al-Ansari",
    role="a senior ISIS official in charge of smuggling weapons and fighters into Turkey",
    killed="Two of his aides were also killed and no civilians were hurt, CENTCOM said.",
    detail="Residents said helicopters landed near a poultry farm on the eastern edge of the "
    "town shortly after 1 a.m. and the shooting lasted for about forty minutes before a "
    "large blast destroyed a car parked outside.",
)
RAID_ATMEH_2 = _raid(
    day="Tuesday",
    town="Atmeh",
    province="Idlib",
    name="Khaled Ahmed al-Aydi",
    role="an ISIS financier who moved money to families of fighters held in camps",
    killed="His wife and a child were wounded, and a second man was taken into custody.",
    detail="Witnesses said US troops used loudspeakers to call on the people inside a "
    "three-story building near the main market to surrender, before storming it at dawn.",
)
RAID_ALBAB = _raid(
    day="Tuesday",
    town="al-Bab",
    province="Aleppo",
    name="Abu Bakr al-Shami",
    role="a senior ISIS official in charge of smuggling weapons and fighters into Turkey",
    killed="Two of his aides were also killed and no civilians were hurt, CENTCOM said.",
    detail="Local activists said a drone circled over a farmhouse west of al-Bab for hours "
    "before the raid, and that Turkish-backed fighters cordoned off the road.",
)
RAID_ATMEH_FRIDAY = _raid(
    day="Friday",
    town="Atmeh",
    province="Idlib",
    name="Abu Muslim al-Iraqi",
    role="a senior ISIS official in charge of smuggling weapons and fighters into Turkey",
    killed="One of his guards was also killed and no civilians were hurt, CENTCOM said.",
    detail="Residents said helicopters landed near a camp for displaced people north of the "
    "town shortly after 2 a.m. and the gunfire lasted for about half an hour.",
)

DIFFERENT_RAIDS = {
    "same day, same town, different person killed": (RAID_ATMEH_1, RAID_ATMEH_2),
    "same day, different town, same wording": (RAID_ATMEH_1, RAID_ALBAB),
    "same town, different date and person": (RAID_ATMEH_1, RAID_ATMEH_FRIDAY),
    "different town and person": (RAID_ATMEH_2, RAID_ALBAB),
}


def _sig(story: tuple[str, str]):  # type: ignore[no-untyped-def]
    return story_signature(*story)


WIRE_ORIGINAL = (WIRE_TITLE, "\n\n".join(WIRE))
SAME_STORY = {
    "second outlet": _wire_copy_b(),
    "third outlet": _wire_copy_c(),
    "AMP page": _wire_copy_amp(),
    "updated with a paragraph": _wire_updated(),
}


@pytest.mark.parametrize("name", list(SAME_STORY))
def test_copies_of_a_wire_story_are_the_same_story(name: str) -> None:
    assert same_story(_sig(WIRE_ORIGINAL), _sig(SAME_STORY[name]))
    assert same_story(_sig(SAME_STORY[name]), _sig(WIRE_ORIGINAL))


def test_outlets_copying_each_other_are_the_same_story() -> None:
    b, c = _sig(SAME_STORY["second outlet"]), _sig(SAME_STORY["third outlet"])
    assert same_story(b, c)


@pytest.mark.parametrize("name", list(DIFFERENT_RAIDS))
def test_different_raids_in_formulaic_words_stay_two_stories(name: str) -> None:
    a, b = DIFFERENT_RAIDS[name]
    assert not same_story(_sig(a), _sig(b))


def test_a_raid_report_is_not_the_wire_story_on_another_raid() -> None:
    assert not same_story(_sig(WIRE_ORIGINAL), _sig(RAID_ATMEH_1))


def test_signature_ignores_case_accents_and_spacing() -> None:
    a = story_signature("Raid", "Résidents of Atmeh said   the RAID lasted an hour.")
    b = story_signature("raid", "residents of atmeh said the raid lasted an hour")
    assert a == b


def test_similarity_is_graded() -> None:
    original = _sig(WIRE_ORIGINAL)
    assert body_similarity(original, original) == 1.0
    assert body_similarity(original, _sig(SAME_STORY["second outlet"])) > body_similarity(
        original, _sig(RAID_ATMEH_1)
    )


# --- the index --------------------------------------------------------------------------------

T0 = datetime(2024, 10, 17, 8, 0, tzinfo=UTC)


@pytest.fixture
def index(tmp_path: Path) -> StoryIndex:
    return StoryIndex(sqlite_utils.Database(tmp_path / "monitor.db"))


def test_index_finds_every_copy_of_one_story(index: StoryIndex) -> None:
    first = event_id_for(canonical_url("https://apnews.com/article/us-raid-syria-isis"))
    index.add(first, _sig(WIRE_ORIGINAL), T0)
    for n, raid in enumerate([RAID_ATMEH_1, RAID_ATMEH_2, RAID_ALBAB, RAID_ATMEH_FRIDAY]):
        index.add(f"ev_raid{n}", _sig(raid), T0 + timedelta(minutes=n))

    since = T0 - timedelta(days=2)
    for copy in SAME_STORY.values():
        assert index.find(_sig(copy), since=since) == first
    assert index.find(_sig(RAID_ATMEH_2), since=since) == "ev_raid1"


def test_index_keeps_different_raids_apart(index: StoryIndex) -> None:
    index.add("ev_atmeh", _sig(RAID_ATMEH_1), T0)
    since = T0 - timedelta(days=2)
    for other in (RAID_ATMEH_2, RAID_ALBAB, RAID_ATMEH_FRIDAY):
        assert index.find(_sig(other), since=since) is None


def test_index_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    StoryIndex(sqlite_utils.Database(path)).add("ev_1", _sig(WIRE_ORIGINAL), T0)
    reopened = StoryIndex(sqlite_utils.Database(path))
    assert reopened.find(_sig(SAME_STORY["third outlet"]), since=T0) == "ev_1"


def test_find_ignores_stories_before_since_and_prune_removes_them(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "monitor.db")
    index = StoryIndex(db)
    index.add("ev_old", _sig(WIRE_ORIGINAL), T0 - timedelta(days=3))
    index.add("ev_new", _sig(RAID_ATMEH_1), T0)

    assert index.find(_sig(SAME_STORY["second outlet"]), since=T0 - timedelta(days=4)) == "ev_old"
    assert index.find(_sig(SAME_STORY["second outlet"]), since=T0 - timedelta(days=2)) is None

    assert index.prune(T0 - timedelta(days=2)) == 1
    assert index.find(_sig(SAME_STORY["second outlet"]), since=T0 - timedelta(days=4)) is None
    assert index.find(_sig(RAID_ATMEH_1), since=T0 - timedelta(days=4)) == "ev_new"
    assert db["story_signatures"].count == 1
    # every band row of the pruned story went with it
    assert db.execute("SELECT COUNT(DISTINCT signature_id) FROM story_bands").fetchone()[0] == 1
    assert index.prune(T0 - timedelta(days=2)) == 0


def test_an_empty_body_is_never_matched_by_body(index: StoryIndex) -> None:
    index.add("ev_empty", story_signature("Photos of the day", ""), T0)
    assert index.find(story_signature("Photos of the day", ""), since=T0) is None
    assert not same_story(story_signature("A", ""), story_signature("B", ""))


def test_a_copy_is_found_among_many_stories_sharing_its_background(index: StoryIndex) -> None:
    # A busy topic: far more formulaic raid reports than a lookup compares (MAX_CANDIDATES),
    # all sharing the background paragraphs; the copy of one of them still finds it.
    title, body = RAID_ATMEH_1
    towns = [f"Town{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(3 * MAX_CANDIDATES)]
    for town in towns:
        index.add(f"ev_{town}", _sig((title, body.replace("Atmeh", town))), T0)
    index.add("ev_atmeh", _sig(RAID_ATMEH_1), T0 - timedelta(hours=1))  # the oldest
    since = T0 - timedelta(days=2)
    assert index.find(_sig(RAID_ATMEH_1), since=since) == "ev_atmeh"
    assert index.find(_sig((title, body.replace("Atmeh", towns[7]))), since=since) == "ev_TownAH"


def test_the_identical_story_wins_over_a_newer_near_copy(index: StoryIndex) -> None:
    # an exact copy ends the search early; that must not let a near copy met first win
    title, body = RAID_ATMEH_1
    index.add("ev_exact", _sig(RAID_ATMEH_1), T0 - timedelta(hours=1))
    index.add("ev_near", _sig((title, body + " Residents said the raid lasted hours.")), T0)
    since = T0 - timedelta(days=2)
    assert index.find(_sig(RAID_ATMEH_1), since=since) == "ev_exact"
    near = _sig((title, body + " Residents said the raid lasted hours."))
    assert index.find(near, since=since) == "ev_near"
