"""The matching engine: normalisation, words, phrases, prefixes, NEAR, fields, snippets."""

from __future__ import annotations

import random

import pytest

from monitor.errors import QueryError
from monitor.match import SNIPPET_MAX, Matcher, Rule, keys
from monitor.models import Document
from monitor.textnorm import clean_text


def matches(query: str, body: str = "", title: str = "", **rule: object) -> bool:
    matcher = Matcher([Rule("r", query, **rule)])  # type: ignore[arg-type]
    return matcher.match(Document(title=title, body=body)).matched


@pytest.mark.parametrize(
    "family",
    [
        ["al-Qurashi", "al-Qurayshi", "Al Quraishi", "al-Qurashy", "al-Qourachi", "Qurashi"],
        ["Baghdadi", "al-Baghdady", "el-Baghdadi", "Al Baghdadi"],
        ["Daesh", "Daech", "Da'ish", "Da’ish", "Daish", "DAESH"],
        ["Hashimi", "al-Hashemi", "Hachimi"],
        ["Husseini", "Husayni", "Hussaini", "Houssaini"],
        ["Abu", "Abou"],
        ["Hussein", "Husayn", "Hussain"],
        ["Deir ez-Zor", "Deir ez Zor", "Deir el-Zour", "Dayr az-Zawr"],
        ["État islamique", "Etat Islamique", "l'État islamique"],
    ],
)
def test_transliteration_variants_are_one_name(family: list[str]) -> None:
    assert len({keys(spelling) for spelling in family}) == 1, [keys(s) for s in family]


@pytest.mark.parametrize(
    "family",
    [
        ["أبو إبراهيم", "ابو ابراهيم", "آبو ٱبراهيم"],  # alef with hamza, madda, wasla
        ["مستشفى", "مستشفي"],  # alef maqsura / ya
        ["الدولة الإسلامية", "الدوله الاسلاميه", "دولة إسلامية"],  # ta marbuta, article
        ["داعش", "داعـــش", "دَاعِش"],  # tatweel, harakat
    ],
)
def test_arabic_script_forms_are_one_word(family: list[str]) -> None:
    assert len({keys(spelling) for spelling in family}) == 1, [keys(s) for s in family]


@pytest.mark.parametrize(
    "words",
    [
        ("raid", "rid", "road", "red"),
        ("said", "sad"),
        ("main", "man"),
        ("march", "marsh"),
        ("much", "mush"),
        ("shout", "shut"),
        ("four", "fur"),
        ("good", "god"),
        ("later", "latter"),
        ("story", "stori"),
        ("chief", "shief"),
    ],
)
def test_common_english_words_stay_distinct(words: tuple[str, ...]) -> None:
    assert len({keys(w) for w in words}) == len(words)


def test_case_diacritics_and_possessives() -> None:
    assert matches("isis", "ISIS’ current top leader")
    assert matches("isis", "ISIS's leader")
    assert matches("etat", "l’ÉTAT")
    assert matches("qurashi", "Abu Hafs al-Qurayshi")
    assert matches("al-Qurayshi", "Abu Hafs al-Qurashi")


def test_words_are_whole_words() -> None:
    assert not matches("raid", "the raiders won")
    assert not matches("is", "this island")


def test_prefix() -> None:
    assert matches("strike*", "two airstrikes and drone strikes")
    assert not matches("strike*", "two airstrikes")
    assert matches("captur*", "forces captured him")
    # prefixes compare spellings, so a name prefix finds its longer forms
    assert matches("Baghdad*", "al-Baghdadi")


def test_phrases_need_consecutive_words_and_ignore_hyphens() -> None:
    assert matches('"Islamic State"', "senior Islamic-State official")
    assert matches("Islamic-State", "the Islamic State group")
    assert not matches('"Islamic State"', "an Islamic group, the State said")
    assert matches('"blew himself up"', "he blew himself up")
    assert not matches('"blew himself up"', "he blew up himself")


@pytest.mark.parametrize(("distance", "expected"), [(3, False), (4, True), (10, True)])
def test_near_counts_words_in_either_order(distance: int, expected: bool) -> None:
    body = "leader one two three killed"  # four words apart
    assert matches(f"leader NEAR/{distance} killed", body) is expected
    assert matches(f"killed NEAR/{distance} leader", body) is expected


def test_near_with_phrases_groups_and_chains() -> None:
    body = "the Islamic State said its leader was killed in a raid"
    assert matches('"Islamic State" NEAR/4 leader', body)
    # the pair ends at "leader", five words before "raid"
    assert matches('("Islamic State" NEAR/4 leader) NEAR/5 raid', body)
    assert not matches('("Islamic State" NEAR/4 leader) NEAR/4 raid', body)


def test_near_does_not_cross_fields() -> None:
    assert not matches("leader NEAR/5 killed", title="A leader", body="was killed")
    assert matches("leader AND killed", title="A leader", body="was killed")


def test_boolean_logic() -> None:
    assert matches("raid NOT police", "army raid")
    assert not matches("raid NOT police", "police raid")
    assert matches("(raid OR strike) syria", "a strike in Syria")
    assert not matches("(raid OR strike) syria", "a strike in Iraq")


def test_fields_restriction() -> None:
    doc = Document(title="Weather", summary="", body="ISIS leader killed")
    body_only = Matcher([Rule("r", "isis leader", fields=("title",))])
    assert not body_only.match(doc).matched
    anywhere = Matcher([Rule("r", "isis leader")]).match(doc)
    assert anywhere.hits[0].fields == ("body",)


def test_score_sums_weights_and_favours_titles() -> None:
    matcher = Matcher([Rule("a", "raid", weight=1.0), Rule("b", "syria", weight=0.5)])
    body_only = matcher.match(Document(body="A raid in Syria."))
    assert body_only.rules == ("a", "b")
    assert body_only.score == 1.5
    in_title = matcher.match(Document(title="Raid", body="A raid in Syria."))
    assert in_title.score == 2.0  # rule a counts 1.5 times: it matched in the title


def test_snippet_is_the_sentence_with_the_hits() -> None:
    body = (
        "Residents heard aircraft overnight. "
        "US forces killed an ISIS leader in Atmeh. "
        "The weather was cold."
    )
    result = Matcher([Rule("r", "isis leader killed")]).match(Document(body=body))
    assert result.snippet == "US forces killed an ISIS leader in Atmeh."
    assert result.hits[0].snippet == result.snippet


def test_snippet_is_bounded() -> None:
    body = "word " * 300 + "ISIS leader killed " + "word " * 300
    snippet = Matcher([Rule("r", "isis leader killed")]).match(Document(body=body)).snippet
    assert len(snippet) <= SNIPPET_MAX
    assert "ISIS leader killed" in snippet


@pytest.mark.parametrize(
    ("query", "column", "fragment"),
    [
        ("raid al", 6, "no word to match"),
        ("a NEAR/3 (NOT b)", 3, "NOT cannot be used inside NEAR"),
        ("raid a*", 6, "at least 2 letters"),
        ("raid @nope", 6, "unknown group"),
    ],
)
def test_unusable_queries(query: str, column: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        Matcher([Rule("r", query)])
    assert info.value.column == column
    assert fragment in info.value.message


def test_many_rules_share_one_scan() -> None:
    rules = [Rule(f"r{i}", f"word{i} NEAR/4 raid") for i in range(2000)]
    matcher = Matcher(rules)
    result = matcher.match(Document(body="a raid on word1234 and word7"))
    assert result.rules == ("r7", "r1234")


# Documents whose words cannot satisfy any rule are turned away before any word position is
# computed (the prefilter); these tests check that this shortcut never changes what matches.

GATE_RULES = [
    Rule("phrase", '"IS group" NEAR/4 leader*'),
    Rule("prefix", "kill* NEAR/6 (emir OR commander*) NOT anniversary", weight=2.0),
    Rule("names", '"Abu Bakr al-Baghdadi" OR Qurashi', fields=("title",)),
    Rule("and", "syri* AND (raid OR strike) AND NOT police", fields=("summary", "body")),
    Rule("arabic", "داعش AND قتل*"),
]
# fmt: off
GATE_WORDS = [
    "the", "a", "in", "is", "group", "groups", "IS", "IS-group", "leader", "leaders",
    "leadership", "killed", "kill", "skill", "emir", "emirs", "l'emir", "commanders", "Abu",
    "Bakr", "al-Baghdadi", "Baghdady", "Qurayshi", "Qurashi", "al-Qourachi", "Syria", "Syrian",
    "syrup", "raid", "raids", "strike", "police", "anniversary", "داعش", "قتل", "قتلى", "الدولة",
    ",", ".", "-",
]
# fmt: on


def random_docs(count: int, seed: int) -> list[Document]:
    rng = random.Random(seed)

    def text(most: int) -> str:
        return " ".join(rng.choices(GATE_WORDS, k=rng.randint(0, most)))

    return [Document(title=text(8), summary=text(20), body=text(30)) for _ in range(count)]


def test_prefilter_never_changes_a_result() -> None:
    matcher = Matcher(GATE_RULES)
    docs = random_docs(3000, seed=5)
    results = [matcher.match(d) for d in docs]
    # the word-by-word scan evaluates every rule with a word in the document: the reference
    assert results == [matcher.match(d, reference=True) for d in docs]
    matched = {rule for r in results for rule in r.rules}
    assert matched == {r.name for r in GATE_RULES}  # every rule was exercised...
    assert sum(not r.matched for r in results) > 300  # ...and so was the prefilter


def test_prefilter_keeps_phrases_prefixes_and_spelling_variants() -> None:
    matcher = Matcher(GATE_RULES)
    assert matcher.match(Document(body="The IS group said its leaders fled")).rules == ("phrase",)
    assert matcher.match(Document(body="the emir was killed")).rules == ("prefix",)
    assert matcher.match(Document(title="Abu Hafs al-Qourachi")).rules == ("names",)
    assert not matcher.match(Document(body="Abu Hafs al-Qourachi")).matched  # title only
    assert matcher.match(Document(body="مقتل زعيم داعش")).rules == ()
    assert matcher.match(Document(body="قتل زعيم داعش")).rules == ("arabic",)


def test_rule_that_needs_no_word_still_matches_anything() -> None:
    matcher = Matcher([Rule("raid", "raid"), Rule("quiet", "NOT (isis OR daesh)")])
    assert matcher.match(Document(title="Sunny weather ahead")).rules == ("quiet",)
    assert matcher.match(Document(title="Police raid")).rules == ("raid", "quiet")
    assert not matcher.match(Document(title="ISIS statement")).matched


def test_prefilter_follows_rules_added_later() -> None:
    matcher = Matcher([Rule("raid", "raid")])
    assert not matcher.match(Document(body="a strike")).matched
    matcher.add(Rule("strike", "strike"))
    assert matcher.match(Document(body="a strike")).rules == ("strike",)


def test_already_cleaned_fields_match_alike() -> None:
    matcher = Matcher(GATE_RULES)
    messy = Document(
        title="  Abu&nbsp;Bakr  al-Baghdadi ",
        summary="IS\u00a0group\u200b leader\r\n\r\n\r\nkilled",
        body="the emir &amp; commanders were ki\u00adlled in Syria",
    )
    tidy = Document(clean_text(messy.title), clean_text(messy.summary), clean_text(messy.body))
    assert matcher.match(tidy, cleaned=True) == matcher.match(messy)
    assert matcher.match(messy).rules == ("phrase", "prefix", "names")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain words, already clean", "plain words, already clean"),
        ("para one\n\npara two", "para one\n\npara two"),
        ("two  spaces", "two spaces"),
        (" leading", "leading"),
        ("trailing\n", "trailing"),
        ("line end \nnext", "line end\nnext"),
        ("line\n start", "line\nstart"),
        ("three\n\n\nnewlines", "three\n\nnewlines"),
        ("tab\there", "tab here"),
        ("nbsp\u00a0here", "nbsp here"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("line sep\u2028", "line sep"),
        ("fish &amp; chips", "fish & chips"),
        ("cafe\u0301 \ufb01ne", "café fine"),  # NFKC composes and unfolds ligatures
        ("ctrl\x07char\r\nnext", "ctrl char\nnext"),
    ],
)
def test_clean_text_leaves_clean_text_alone_and_fixes_the_rest(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
    assert clean_text(clean) == clean


def test_a_stream_of_figures_neither_grows_the_memory_nor_changes_a_hit() -> None:
    # every wire item carries figures, times and ids never seen again ("Story 998-40."): the
    # matcher's memory of chunks stays bounded by them, and hits are those of the word scan
    from monitor.match import FIGURES_KEPT

    matcher = Matcher([Rule("r", '"leader killed" NEAR/5 raid'), Rule("n", "2026")])
    for i in range(3 * FIGURES_KEPT):
        doc = Document(
            title=f"Leader killed in raid at 10:{i % 60:02d}",
            body=f"Story {i}-{i * 7}. On 3 May 2026, {i * 37:,} people; item #{i}.",
        )
        result = matcher.match(doc)
        assert result == matcher.match(doc, reference=True)
        assert result.rules == ("r", "n")
    memo = matcher._codes
    assert len(memo) + len(memo.finals) < FIGURES_KEPT + 100
