"""The query language parser: every construct, precedence and error columns."""

from __future__ import annotations

import pytest

from monitor.errors import QueryError
from monitor.query import And, GroupRef, Near, Not, Or, Phrase, Prefix, Term, parse_query


def t(text: str, column: int) -> Term:
    return Term(text, column)


def test_single_constructs() -> None:
    assert parse_query("killed") == t("killed", 1)
    assert parse_query('"Islamic State"') == Phrase("Islamic State", 1)
    assert parse_query("strike*") == Prefix("strike", 1)
    assert parse_query("@isis") == GroupRef("isis", 1)
    assert parse_query("NOT raid") == Not(t("raid", 5), 1)
    assert parse_query("a AND b") == And((t("a", 1), t("b", 7)))
    assert parse_query("a b") == And((t("a", 1), t("b", 3)))
    assert parse_query("a OR b") == Or((t("a", 1), t("b", 6)))
    assert parse_query("a NEAR/5 b") == Near(t("a", 1), t("b", 10), 5, 3)
    assert parse_query("(a OR b) c") == And((Or((t("a", 2), t("b", 7))), t("c", 10)))


def test_lowercase_operators_are_words() -> None:
    assert parse_query("rock and roll") == And((t("rock", 1), t("and", 6), t("roll", 10)))


def test_precedence_not_near_and_or() -> None:
    # OR is loosest: a OR (b AND c)
    assert parse_query("a OR b c") == Or((t("a", 1), And((t("b", 6), t("c", 8)))))
    # NEAR binds tighter than AND: (a NEAR b) AND c
    assert parse_query("a NEAR/3 b c") == And((Near(t("a", 1), t("b", 10), 3, 3), t("c", 12)))
    # NOT binds tighter than NEAR
    assert parse_query("NOT a NEAR/2 b") == Near(Not(t("a", 5), 1), t("b", 14), 2, 7)
    # NEAR chains to the left
    near = parse_query("a NEAR/1 b NEAR/2 c")
    assert near == Near(Near(t("a", 1), t("b", 10), 1, 3), t("c", 19), 2, 12)
    # implicit AND with NOT: a AND NOT b
    assert parse_query("a NOT b") == And((t("a", 1), Not(t("b", 7), 3)))


def test_contract_example_parses() -> None:
    node = parse_query('@isis NEAR/20 @leader AND (killed OR captured OR "raid" OR strike*)')
    assert isinstance(node, And)
    assert node.children[0] == Near(GroupRef("isis", 1), GroupRef("leader", 15), 20, 7)
    assert node.children[1] == Or(
        (t("killed", 28), t("captured", 38), Phrase("raid", 50), Prefix("strike", 60))
    )


@pytest.mark.parametrize(
    ("query", "column", "fragment"),
    [
        ("", 1, "empty query"),
        ("   ", 1, "empty query"),
        ('killed "Islamic State', 8, "unterminated phrase"),
        ('a ""', 3, "empty phrase"),
        ("a AND", 3, "AND must be followed"),
        ("a OR OR b", 3, "OR must be followed"),
        ("NOT", 1, "NOT must be followed"),
        ("a )", 3, "unmatched ')'"),
        ("(a OR b", 8, "missing ')' for '(' at column 1"),
        ("()", 1, "empty parentheses"),
        ("a NEAR b", 3, "NEAR needs a distance"),
        ("a NEAR/0 b", 3, "between 1 and"),
        ("a NEAR/5", 3, "NEAR/5 must be followed"),
        ("st*ar", 3, "only allowed at the end"),
        ("*ar", 1, "needs a prefix"),
        ("leader @", 8, "invalid group name"),
        ("AND a", 1, "expected a word"),
    ],
)
def test_errors_carry_the_column(query: str, column: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert info.value.column == column
    assert fragment in info.value.message
    assert str(info.value).startswith(f"column {column}: ")
