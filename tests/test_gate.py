"""The compiled gate in front of the matcher (monitor/gate.py): it turns away documents no rule
can match and never one that a rule matches. The differential tests
(tests/test_match_differential.py) compare the gated matcher with the word-by-word one over
the corpus and generated text; these test the gate's own promises."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.gate import anchor_regex, gate_text
from monitor.match import COMBINED_RULES, Matcher, Rule, _atom_anchors, _fold, _kept
from monitor.models import Document
from monitor.rules import load_ruleset
from tests.support.properties import examples

pytest.importorskip("hyperscan")

OFF_TOPIC = Document(
    title="Quarterly results beat forecasts",
    summary="The company raised its outlook.",
    body="Sales grew in every region, and the board proposed a higher dividend. "
    "Analysts had expected a weaker quarter after the summer.",
)
ON_TOPIC = Document(
    title="Raid kills ISIS leader",
    body="U.S. forces killed the Islamic State's leader, Abu Hafs al-Qurayshi, in a raid "
    "in northwest Syria on Tuesday.",
)


def test_the_shipped_rules_turn_away_text_off_the_topic_and_match_the_rest() -> None:
    matcher = load_ruleset()._matcher
    gate = matcher.gate()
    assert gate is not None and gate.engine == "hyperscan"
    assert not gate.may_match((OFF_TOPIC.title, OFF_TOPIC.summary, OFF_TOPIC.body))
    assert not matcher.match(OFF_TOPIC).matched
    assert gate.may_match((ON_TOPIC.title, ON_TOPIC.summary, ON_TOPIC.body))
    ungated = Matcher(matcher.rules, gate=False)
    assert ungated.gate() is None
    assert matcher.match(ON_TOPIC) == ungated.match(ON_TOPIC)
    assert matcher.match(ON_TOPIC).matched


def test_a_rule_that_needs_no_word_leaves_no_gate() -> None:
    # NOT alone matches a document without any of the rule's words: nothing to look for
    matcher = Matcher([Rule("anything-but", "NOT football"), Rule("isis", "ISIS")])
    assert matcher.gate() is None
    assert matcher.match(OFF_TOPIC).matched


def test_text_the_gate_cannot_read_goes_to_the_matcher() -> None:
    readable = gate_text(["L’Etat islamique", "a “quote” — and ISIS’s"])
    assert readable == "letat islamique\na  quote    and isiss"
    assert gate_text(["Daech a été visé"]) is None  # accents: the matcher reads it
    matcher = load_ruleset()._matcher
    doc = Document(title="Raid contre l'État islamique : un émir tué", body="Près de Raqqa.")
    assert matcher.match(doc) == matcher.match(doc, reference=True)
    assert matcher.match(doc).matched


# Words as a document may write them: letters that name parts of Arabic names, apostrophes,
# elisions, possessives, doubled letters.
_LETTERS = "abcdeghiklmnoqrstuwyz"
words = st.text(_LETTERS, min_size=1, max_size=12)
spelled = st.builds(
    lambda elision, word, inner, possessive: elision + word + inner + possessive,
    st.sampled_from(["", "", "l'", "d'", "qu'", "L’"]),
    words,
    st.sampled_from(["", "", "'ish", "’a"]),
    st.sampled_from(["", "", "'s", "’s", "'"]),
)
glue = st.sampled_from([" ", " al-", " ash-", " al’s ", ", ", " (", "-", " el ", "\n", "’ "])


def _found(anchors: object, text: str) -> bool:
    assert isinstance(anchors, frozenset)
    return any(re.search(anchor_regex(a), text) for a in anchors)


@examples(300)
@given(word=spelled, before=glue, after=glue)
def test_every_word_the_matcher_reads_carries_its_anchor(
    word: str, before: str, after: str
) -> None:
    text = "x" + before + word + after + "y"
    readable = gate_text([text])
    assert readable is not None
    for _, spelling, key in _kept(text):
        anchors = _atom_anchors("word", (key,))
        if anchors is not None:
            assert _found(anchors, readable), (text, key)
        prefix = _atom_anchors("prefix", (spelling[:3],))
        if prefix is not None and len(spelling) >= 2:
            assert _found(prefix, readable), (text, spelling)


@examples(300)
@given(first=spelled, between=glue, second=spelled)
def test_every_phrase_the_matcher_reads_carries_its_anchor(
    first: str, between: str, second: str
) -> None:
    text = first + between + second
    keys = tuple(key for _, _, key in _kept(text))
    if len(keys) < 2 or "\n" in between:
        return
    anchors = _atom_anchors("phrase", keys)
    readable = gate_text([text])
    assert readable is not None
    if anchors is not None:
        assert _found(anchors, readable), (text, keys)


@pytest.mark.parametrize(
    "spelling",
    ["Qurashi", "al-Qurayshi", "Quraishi", "Qourachi", "Baghdady", "custody", "EI", "Da'ish"],
)
def test_name_spellings_share_their_anchor(spelling: str) -> None:
    key = _fold(spelling.split("-")[-1])[1]
    anchors = _atom_anchors("word", (key,))
    readable = gate_text([f"said {spelling}."])
    assert readable is not None and _found(anchors, readable)


def test_a_gate_that_turns_little_away_rests_and_measures_again() -> None:
    # every document has a word of the rule: gating them is all cost
    matcher = Matcher([Rule("the", "the")])
    gate = matcher.gate()
    assert gate is not None
    common = ("the news", "", "")
    for _ in range(gate.WINDOW):
        assert gate.may_match(common)
    # resting: a document it would turn away goes to the matcher, which finds nothing
    assert gate.may_match(("quarterly results", "", ""))
    assert not matcher.match(Document(title="quarterly results")).matched
    for _ in range(gate.REST):
        gate.may_match(common)
    assert not gate.may_match(("quarterly results", "", ""))  # measuring again


def _pairs(count: int) -> list[Rule]:
    """`count` rules each needing two common words: "the" and one of its own."""
    return [
        Rule(f"pair-{i}", f"the AND word{chr(97 + i % 26)}{chr(97 + i // 26)}")
        for i in range(count)
    ]


def test_many_rules_are_gated_on_all_they_need_not_only_their_rarest_word() -> None:
    matcher = Matcher(_pairs(COMBINED_RULES))
    gate = matcher.gate()
    assert gate is not None
    # every rule's rarer word is there, but not "the": no rule can match
    rare_only = ("wordaa wordba wordca", "", "")
    assert not gate.may_match(rare_only)
    assert not matcher.match(Document(title=rare_only[0])).matched
    both = ("the wordba", "", "")
    assert gate.may_match(both)
    assert matcher.match(Document(title=both[0])).matched
    # given to a worker compiled, both stages arrive
    arrived = Matcher(matcher.rules)
    arrived.use_compiled_gate(matcher.compiled_gate() or b"")
    again = arrived.gate()
    assert again is not None and again.compiled() == gate.compiled()
    assert not again.may_match(rare_only) and again.may_match(both)
    # a few rules keep the first stage alone: their rarer word lets the document through
    few = Matcher(_pairs(COMBINED_RULES - 1)).gate()
    assert few is not None and few.may_match(rare_only)


def test_rules_that_have_matched_still_go_to_a_worker() -> None:
    # a worker is sent the rules pickled, after the monitor itself matched with them (while
    # its workers start): the gate is left behind and built again where they arrive
    ruleset = load_ruleset()
    assert ruleset.match(ON_TOPIC).matched
    assert ruleset._matcher.gate() is not None
    arrived = pickle.loads(pickle.dumps(ruleset))
    assert arrived.match(ON_TOPIC) == ruleset.match(ON_TOPIC)
    assert not arrived.match(OFF_TOPIC).matched
    assert arrived._matcher.gate() is not None


def test_rules_given_the_gate_compiled_elsewhere_match_as_if_they_had_compiled_it() -> None:
    # the monitor has one passing process compile the gate and its workers load it: each
    # worker is spared the compiler's memory (bench/cycle.py), with the same hits
    compiled = load_ruleset().compiled_gate()
    assert compiled
    arrived = pickle.loads(pickle.dumps(load_ruleset()))
    arrived.use_compiled_gate(compiled)
    again = pickle.loads(pickle.dumps(arrived))  # as a worker receives it
    reference = load_ruleset()
    for rules in (arrived, again):
        assert rules.match(ON_TOPIC) == reference.match(ON_TOPIC)
        assert not rules.match(OFF_TOPIC).matched
        gate = rules._matcher.gate()
        assert gate is not None and gate.compiled() == compiled
