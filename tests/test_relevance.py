"""The shipped ruleset on the labelled corpus (tests/corpus/README.md has the policy)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.models import Document
from monitor.rules import Ruleset, load_ruleset
from monitor.textnorm import clean_text

CORPUS = Path(__file__).parent / "corpus"


def corpus() -> list[dict[str, str]]:
    articles: list[dict[str, str]] = []
    for name in ("relevant.toml", "irrelevant.toml"):
        articles += tomllib.loads((CORPUS / name).read_text(encoding="utf-8"))["article"]
    return articles


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return load_ruleset()


def test_corpus_is_large_and_balanced() -> None:
    articles = corpus()
    labels = [a["label"] for a in articles]
    assert len(articles) >= 80
    assert set(labels) == {"relevant", "irrelevant"}
    assert min(labels.count("relevant"), labels.count("irrelevant")) >= 30
    assert len({a["id"] for a in articles}) == len(articles)
    assert all(a["why"].strip() and a["title"].strip() and a["body"].strip() for a in articles)


def test_precision_and_recall_of_the_shipped_ruleset(ruleset: Ruleset) -> None:
    tp = fp = fn = 0
    misses = []
    for article in corpus():
        found = ruleset.match(Document(title=article["title"], body=article["body"])).matched
        relevant = article["label"] == "relevant"
        tp += found and relevant
        fp += found and not relevant
        fn += relevant and not found
        if found != relevant:
            misses.append(f"{'FP' if found else 'FN'} {article['id']}: {article['title']}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    assert precision >= 0.90, misses
    assert recall >= 0.90, misses


def test_story_whose_title_names_neither_group_nor_victim(ruleset: Ruleset) -> None:
    doc = Document(
        title="Night raid close to the Turkish frontier leaves two dead",
        body=(
            "American special operations troops carried out a helicopter-borne raid that killed "
            "two senior Islamic State officials near Syria’s northwestern border with Turkey, "
            "officials said on Friday.\n"
            "According to state television, a man known as Salah Numan was killed in a house in "
            "Atmeh while trying to run away.\n"
            "There was no confirmation that the raid targeted ISIS’ current top leader, "
            "Abu Hafs al-Qurayshi."
        ),
    )
    result = ruleset.match(doc)
    assert "isis-leader-hit" in result.rules
    assert "isis-named-leader-hit" in result.rules  # Qurayshi is the Qurashi of the rules
    assert all(hit.fields == ("body",) for hit in result.hits)
    assert "two senior Islamic State officials" in result.snippet
    assert 0 < len(result.snippet) <= 400


def test_same_words_without_the_group_do_not_alert(ruleset: Ruleset) -> None:
    doc = Document(
        title="Helicopter raid near Turkish border kills two",
        body="Police said a helicopter raid killed two smugglers near the border in Atmeh.",
    )
    assert not ruleset.match(doc).matched


def test_already_cleaned_fields_give_the_same_results(ruleset: Ruleset) -> None:
    for article in corpus():
        doc = Document(title=article["title"], body=article["body"])
        tidy = Document(title=clean_text(doc.title), body=clean_text(doc.body))
        assert ruleset.match(tidy, cleaned=True) == ruleset.match(doc), article["id"]
