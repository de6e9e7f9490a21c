"""The rules' query language: a recursive-descent parser producing a small AST.

Grammar, from loosest to tightest binding (so NOT > NEAR > AND > OR in precedence):

    query    := or_expr
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := near_expr (["AND"] near_expr)*      adjacent operands mean AND
    near     := unary ("NEAR/n" unary)*             left-associative
    unary    := "NOT" unary | primary
    primary  := word | word* | "quoted phrase" | @group | "(" or_expr ")"

Operators are recognised in upper case only; `and`, `or`, `not` in lower case are words.
`a OR b c` is `a OR (b AND c)`; `a NEAR/3 b c` is `(a NEAR/3 b) AND c`.
Errors raise QueryError with a 1-based column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from monitor.errors import QueryError

MAX_NEAR = 1000


@dataclass(frozen=True)
class Term:
    """A word as written (hyphenated words become phrases when compiled)."""

    text: str
    column: int


@dataclass(frozen=True)
class Phrase:
    """A "quoted phrase": its words must be consecutive."""

    text: str
    column: int


@dataclass(frozen=True)
class Prefix:
    """`word*`: any word starting with `text`."""

    text: str
    column: int


@dataclass(frozen=True)
class GroupRef:
    """`@name`: any alias of a named group (resolved by the rules loader)."""

    name: str
    column: int


@dataclass(frozen=True)
class Not:
    child: Node
    column: int


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Near:
    """Both sides occur within `distance` words of each other."""

    left: Node
    right: Node
    distance: int
    column: int


Node = Term | Phrase | Prefix | GroupRef | Not | And | Or | Near


@dataclass(frozen=True)
class _Token:
    kind: str  # WORD PREFIX PHRASE GROUP AND OR NOT NEAR LPAREN RPAREN END
    text: str
    column: int
    distance: int = 0


_NEAR = re.compile(r"NEAR(?:/(\d*))?$")
_GROUP_NAME = re.compile(r"[\w-]+$")
_BREAK = set(' \t\r\n()"')


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(query)
    while i < n:
        ch = query[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token("LPAREN" if ch == "(" else "RPAREN", ch, col))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError("unterminated phrase: missing closing '\"'", col)
            text = query[i + 1 : end]
            if not text.strip():
                raise QueryError("empty phrase", col)
            tokens.append(_Token("PHRASE", text, col))
            i = end + 1
        else:
            j = i
            while j < n and query[j] not in _BREAK:
                j += 1
            tokens.append(_word_token(query[i:j], col))
            i = j
    tokens.append(_Token("END", "", n + 1))
    return tokens


def _word_token(word: str, col: int) -> _Token:
    if word in ("AND", "OR", "NOT"):
        return _Token(word, word, col)
    near = _NEAR.match(word)
    if near:
        digits = near.group(1)
        if not digits:
            raise QueryError("NEAR needs a distance, e.g. NEAR/5", col)
        distance = int(digits)
        if not 1 <= distance <= MAX_NEAR:
            raise QueryError(f"NEAR distance must be between 1 and {MAX_NEAR}", col)
        return _Token("NEAR", word, col, distance)
    if word.startswith("@"):
        name = word[1:]
        if not _GROUP_NAME.match(name):
            raise QueryError(f"invalid group name {word!r}", col)
        return _Token("GROUP", name, col)
    star = word.find("*")
    if star >= 0:
        if star == 0:
            raise QueryError("'*' needs a prefix before it, e.g. strike*", col)
        if star != len(word) - 1:
            raise QueryError("'*' is only allowed at the end of a word", col + star)
        return _Token("PREFIX", word[:-1], col)
    return _Token("WORD", word, col)


_OPERAND_START = {"WORD", "PREFIX", "PHRASE", "GROUP", "NOT", "LPAREN"}


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _lex(query)
        self.pos = 0

    @property
    def tok(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.tok.kind == "END":
            raise QueryError("empty query", 1)
        node = self.or_expr()
        if self.tok.kind == "RPAREN":
            raise QueryError("unmatched ')'", self.tok.column)
        if self.tok.kind != "END":  # pragma: no cover - every other token starts an operand
            raise QueryError(f"unexpected {self.tok.text!r}", self.tok.column)
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while self.tok.kind == "OR":
            self.operand_after(self.advance())
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self) -> Node:
        children = [self.near_expr()]
        while self.tok.kind == "AND" or self.tok.kind in _OPERAND_START:
            if self.tok.kind == "AND":
                self.operand_after(self.advance())
            children.append(self.near_expr())
        return children[0] if len(children) == 1 else And(tuple(children))

    def near_expr(self) -> Node:
        node = self.unary()
        while self.tok.kind == "NEAR":
            op = self.advance()
            self.operand_after(op)
            right = self.unary()
            node = Near(node, right, op.distance, op.column)
        return node

    def unary(self) -> Node:
        if self.tok.kind == "NOT":
            op = self.advance()
            self.operand_after(op)
            return Not(self.unary(), op.column)
        return self.primary()

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "LPAREN":
            self.advance()
            if self.tok.kind == "RPAREN":
                raise QueryError("empty parentheses", tok.column)
            node = self.or_expr()
            if self.tok.kind != "RPAREN":
                raise QueryError(f"missing ')' for '(' at column {tok.column}", self.tok.column)
            self.advance()
            return node
        self.advance()
        if tok.kind == "WORD":
            return Term(tok.text, tok.column)
        if tok.kind == "PREFIX":
            return Prefix(tok.text, tok.column)
        if tok.kind == "PHRASE":
            return Phrase(tok.text, tok.column)
        if tok.kind == "GROUP":
            return GroupRef(tok.text, tok.column)
        found = "the end of the query" if tok.kind == "END" else repr(tok.text)
        raise QueryError(f"expected a word, phrase, @group or '(' but found {found}", tok.column)

    def operand_after(self, op: _Token) -> None:
        """An operator must be followed by something it can apply to."""
        if self.tok.kind not in _OPERAND_START:
            found = "the end of the query" if self.tok.kind == "END" else repr(self.tok.text)
            raise QueryError(f"{op.text} must be followed by a word, not {found}", op.column)


def parse_query(query: str) -> Node:
    """Parse a query string into an AST; raises QueryError(message, column)."""
    return _Parser(query).parse()


def parse_alias(alias: str, column: int = 1) -> Node:
    """A group alias: a word, a `word*` prefix, or several words taken as a phrase.

    `column` is where the @group stands in the query, so errors point at it.
    """
    text = alias.strip()
    if text.endswith("*") and " " not in text and len(text) > 1:
        return Prefix(text[:-1], column)
    if " " in text:
        return Phrase(text, column)
    return Term(text, column)


def expand_groups(node: Node, groups: Mapping[str, Sequence[str]]) -> Node:
    """Replace each @group by the OR of its aliases; unknown groups are left in place."""
    if isinstance(node, GroupRef):
        aliases = groups.get(node.name)
        if aliases is None:
            return node
        return Or(tuple(parse_alias(a, node.column) for a in aliases))
    if isinstance(node, And):
        return And(tuple(expand_groups(c, groups) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(expand_groups(c, groups) for c in node.children))
    if isinstance(node, Near):
        left = expand_groups(node.left, groups)
        return Near(left, expand_groups(node.right, groups), node.distance, node.column)
    if isinstance(node, Not):
        return Not(expand_groups(node.child, groups), node.column)
    return node


def group_refs(node: Node) -> list[GroupRef]:
    """Every @group reference in the query, in order."""
    if isinstance(node, GroupRef):
        return [node]
    if isinstance(node, And | Or):
        return [ref for child in node.children for ref in group_refs(child)]
    if isinstance(node, Near):
        return group_refs(node.left) + group_refs(node.right)
    if isinstance(node, Not):
        return group_refs(node.child)
    return []
