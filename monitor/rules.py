"""Load rules files (TOML) into a Ruleset, reporting every problem at once.

A file may hold `include` (other files, or "builtin:NAME" for a ruleset shipped in
monitor/rules/), `[groups]` (alias lists used in queries as @name) and `[[rules]]`.
A file sees the groups of the files it includes; its own groups replace same-named ones.
Relative includes resolve against the including file's folder; a file reached twice is
loaded once; an include cycle is an error.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from monitor.errors import QueryError, RulesError
from monitor.match import FIELDS, NO_MATCH, Matcher, Rule
from monitor.models import WHAT_KINDS, Analysis, Document, Frame, MatchResult, Report
from monitor.query import expand_groups, group_refs, parse_alias, parse_query

__all__ = ["BUILTIN", "BUILTIN_DIR", "Rule", "Ruleset", "load_ruleset"]

BUILTIN = "builtin:isis-syria"
BUILTIN_PREFIX = "builtin:"
BUILTIN_DIR = Path(__file__).with_name("rules")

_GROUP_NAME = re.compile(r"^[\w-]+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class Ruleset:
    """Compiled rules, ready to match documents."""

    def __init__(
        self,
        rules: Sequence[Rule],
        files: Sequence[str] = (),
        operations_in: Collection[str] | None = None,
        affiliates_in: Collection[str] = (),
    ) -> None:
        """`operations_in`: the countries (ISO 3166 codes) where an operation against the
        group is the topic; one elsewhere that hits no leader matches nothing (None: anywhere).
        `affiliates_in`: the countries whose leaders are the group's affiliates' (ISIS-K,
        ISWAP): an event placed there matches nothing unless it is a succession."""
        self._matcher = Matcher(rules)
        self.rules: tuple[Rule, ...] = self._matcher.rules
        self.files: tuple[str, ...] = tuple(files)  # every file loaded, includes too
        self.operations_in = frozenset(operations_in) if operations_in is not None else None
        self.affiliates_in = frozenset(affiliates_in)

        # what the rules declare: the kind of event each finds, and which alert commentary
        self.whats: dict[str, str] = {r.name: r.what for r in self.rules if r.what}
        self.commentary_rules = frozenset(r.name for r in self.rules if r.alert_commentary)

    def compiled_gate(self) -> bytes | None:
        """The matcher's gate compiled (see Matcher.compiled_gate), None without one."""
        return self._matcher.compiled_gate()

    def use_compiled_gate(self, data: bytes) -> None:
        """Load the gate `compiled_gate` gave in another process instead of compiling it."""
        self._matcher.use_compiled_gate(data)

    def match(self, doc: Document, *, cleaned: bool = False) -> MatchResult:
        """Every rule matching `doc`, with the event's score and snippet.

        `cleaned=True` says the fields already went through clean_text (saves redoing it).
        """
        return self._matcher.match(doc, cleaned=cleaned)

    def analyse(self, report: Report, *, cleaned: bool = False) -> Analysis:
        """Match a report; when a rule matched, read its event frame and genre too."""
        result = self._matcher.match(report.document, cleaned=cleaned)
        if not result.matched:
            return Analysis(result)
        from monitor.frames import read_frame  # loaded (with the gazetteer) only to use
        from monitor.genre import classify

        frame, lang = read_frame(report, result, rule_what=self.whats)
        if not self._in_scope(frame):
            # "Iraqi commandos kill four militants in Kirkuk valley": rank and file, in a
            # country whose operations the rules do not watch
            return Analysis(NO_MATCH)
        return Analysis(result, frame, classify(report, result), lang)

    def _in_scope(self, frame: Frame) -> bool:
        """Whether an event so read is the rules' topic: a leadership event anywhere but in
        the affiliates' countries (a succession there too: they pledge to the new caliph), and
        an operation placed in one of `operations_in` or in no known country."""
        if frame.where is None:
            return True
        country = frame.where.country_code
        if country in self.affiliates_in and frame.what != "succession":
            return False  # "US strike in Somalia's Cal Miskaad mountains targets IS-Somalia leader"
        if self.operations_in is None or frame.what != "operation":
            return True
        from monitor.places import ARRESTS_ONLY

        # ("Alleged ex-IS emir of Mayadeen held in Germany": an arrest read as an operation
        # for want of a verb; no raid or strike happens there)
        return not country or country in self.operations_in or country in ARRESTS_ONLY


def load_ruleset(sources: Sequence[Path | str] = ()) -> Ruleset:
    """Load rules files (paths or "builtin:NAME"); none means the shipped builtin:isis-syria.

    Raises RulesError listing every problem, one line each.
    """
    loader = _Loader()
    for source in sources or (BUILTIN,):
        text = str(source)
        if text.startswith(BUILTIN_PREFIX):
            loader.load_builtin(text, text)
        else:
            loader.load_path(Path(source), str(source), stack=())
    if not loader.problems and not loader.rules:
        first = str((sources or (BUILTIN,))[0])
        loader.problems.append(f"{first}: rules: no rules defined")
    if loader.problems:
        raise RulesError(loader.problems)
    return Ruleset(loader.rules, loader.labels, loader.operations_in, loader.affiliates_in)


@dataclass
class _Loader:
    problems: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    # rule name -> file that defined it
    owners: dict[str, str] = field(default_factory=dict)
    # file identity -> groups visible in that file (None while it is being loaded)
    loaded: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # the countries every file's `operations_in` names together (None: no file names any)
    operations_in: set[str] | None = None
    # the countries every file's `affiliates_in` names together
    affiliates_in: set[str] = field(default_factory=set)

    def load_builtin(self, name: str, label: str, stack: tuple[str, ...] = ()) -> None:
        path = BUILTIN_DIR / f"{name.removeprefix(BUILTIN_PREFIX)}.toml"
        if not path.is_file():
            known = ", ".join(
                sorted(f"{BUILTIN_PREFIX}{p.stem}" for p in BUILTIN_DIR.glob("*.toml"))
            )
            self.problems.append(f"{label}: unknown builtin ruleset (known: {known})")
            return
        self.load_path(path, name, stack)

    def load_path(
        self, path: Path, label: str, stack: tuple[str, ...]
    ) -> dict[str, tuple[str, ...]]:
        """Load one file (once); returns the groups it defines or includes."""
        identity = str(path.resolve())
        if identity in self.loaded:
            return self.loaded[identity]
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problems.append(f"{label}: file not found")
            return {}
        except OSError as exc:
            self.problems.append(f"{label}: cannot read: {exc.strerror}")
            return {}
        except UnicodeDecodeError:
            self.problems.append(f"{label}: not UTF-8 text")
            return {}
        except tomllib.TOMLDecodeError as exc:
            self.problems.append(f"{label}: invalid TOML: {exc}")
            return {}
        self.loaded[identity] = {}
        self.labels.append(label)
        groups = self._file(raw, path, label, (*stack, identity))
        self.loaded[identity] = groups
        return groups

    def _file(
        self, raw: Mapping[str, Any], path: Path, label: str, stack: tuple[str, ...]
    ) -> dict[str, tuple[str, ...]]:
        for key in raw:
            if key not in ("include", "groups", "rules", "operations_in", "affiliates_in"):
                self.problems.append(f"{label}: {key}: unknown key")
        if "operations_in" in raw:
            countries = self._countries(raw, "operations_in", label)
            if countries is not None:
                self.operations_in = (self.operations_in or set()) | countries
        self.affiliates_in |= self._countries(raw, "affiliates_in", label) or set()
        groups: dict[str, tuple[str, ...]] = {}
        for i, target in enumerate(self._strings(raw, "include", label)):
            groups.update(self._include(target, path, f"{label}: include[{i}]", stack))
        groups.update(self._groups(raw.get("groups", {}), label))
        rules = raw.get("rules", [])
        if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
            self.problems.append(f"{label}: rules: expected an array of tables ([[rules]])")
            return groups
        for i, table in enumerate(rules):
            self._rule(table, f"rules[{i}]", label, groups)
        return groups

    def _countries(self, raw: Mapping[str, Any], key: str, label: str) -> set[str] | None:
        """The country codes a key lists, None (with the problem noted) when one is not."""
        countries = self._strings(raw, key, label)
        bad = [c for c in countries if not _COUNTRY.match(c)]
        if bad:
            self.problems.append(
                f"{label}: {key}: expected two-letter country codes (ISO 3166, "
                f'e.g. "SY"), got {", ".join(map(repr, bad))}'
            )
            return None
        return set(countries)

    def _include(
        self, target: str, path: Path, where: str, stack: tuple[str, ...]
    ) -> dict[str, tuple[str, ...]]:
        if target.startswith(BUILTIN_PREFIX):
            child = BUILTIN_DIR / f"{target.removeprefix(BUILTIN_PREFIX)}.toml"
            child_label = target
            if not child.is_file():
                self.problems.append(f"{where}: unknown builtin ruleset {target!r}")
                return {}
        else:
            child = path.parent / target
            child_label = str(child)
        identity = str(child.resolve())
        if identity in stack:
            chain = " -> ".join([*(Path(s).name for s in stack), child.name])
            self.problems.append(f"{where}: include cycle: {chain}")
            return {}
        if not child.is_file():
            self.problems.append(f"{where}: file not found: {child_label}")
            return {}
        return self.load_path(child, child_label, stack)

    def _strings(self, raw: Mapping[str, Any], key: str, label: str) -> list[str]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.append(f"{label}: {key}: expected a list of non-empty strings")
            return []
        return value

    def _groups(self, raw: Any, label: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(raw, dict):
            self.problems.append(f"{label}: groups: expected a table")
            return {}
        groups: dict[str, tuple[str, ...]] = {}
        for name, aliases in raw.items():
            where = f"{label}: groups.{name}"
            if not _GROUP_NAME.match(name):
                self.problems.append(f"{where}: group names use letters, digits, '_' and '-'")
                continue
            if (
                not isinstance(aliases, list)
                or not aliases
                or not all(isinstance(a, str) and a.strip() for a in aliases)
            ):
                self.problems.append(f"{where}: expected a non-empty list of non-empty strings")
                continue
            ok = True
            for i, alias in enumerate(aliases):
                if "@" in alias or '"' in alias:
                    self.problems.append(f"{where}[{i}]: an alias is plain words, got {alias!r}")
                    ok = False
                    continue
                try:
                    Matcher([Rule(name, alias, node=parse_alias(alias))])
                except QueryError as exc:
                    self.problems.append(f"{where}[{i}]: {exc.message}")
                    ok = False
            if ok:
                groups[name] = tuple(aliases)
        return groups

    def _rule(
        self, table: Mapping[str, Any], key: str, label: str, groups: Mapping[str, Sequence[str]]
    ) -> None:
        before = len(self.problems)
        for k in table:
            if k not in ("name", "query", "fields", "weight", "what", "alert_commentary"):
                self.problems.append(f"{label}: {key}.{k}: unknown key")
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            problem = "required key is missing" if name is None else "expected a non-empty string"
            self.problems.append(f"{label}: {key}.name: {problem}")
            name = None
        elif name in self.owners:
            self.problems.append(
                f"{label}: {key}.name: duplicate rule name {name!r} (also in {self.owners[name]})"
            )
        else:
            self.owners[name] = label
        query = table.get("query")
        if not isinstance(query, str):
            problem = "required key is missing" if query is None else "expected a string"
            self.problems.append(f"{label}: {key}.query: {problem}")
            query = None
        fields = self._fields(table.get("fields"), f"{label}: {key}.fields")
        weight = table.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            self.problems.append(f"{label}: {key}.weight: expected a number, got {weight!r}")
            weight = 1.0
        elif not math.isfinite(weight) or weight < 0:
            self.problems.append(f"{label}: {key}.weight: must be a number >= 0, got {weight}")
        what = table.get("what")
        if what is not None and what not in WHAT_KINDS:
            self.problems.append(
                f"{label}: {key}.what: expected one of {', '.join(WHAT_KINDS)}, got {what!r}"
            )
        commentary = table.get("alert_commentary", False)
        if not isinstance(commentary, bool):
            self.problems.append(
                f"{label}: {key}.alert_commentary: expected true or false, got {commentary!r}"
            )
        if name is None or query is None:
            return
        rule = self._compile(name, query, fields, float(weight), label, groups)
        if rule is not None and len(self.problems) == before:
            self.rules.append(replace(rule, what=what, alert_commentary=commentary is True))

    def _fields(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return FIELDS
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(f, str) and f in FIELDS for f in value)
            or len(set(value)) != len(value)
        ):
            self.problems.append(
                f"{where}: expected a non-empty list of distinct names among "
                f"{', '.join(FIELDS)}, got {value!r}"
            )
            return FIELDS
        # field order in the document, whatever order the file lists them in
        return tuple(f for f in FIELDS if f in value)

    def _compile(
        self,
        name: str,
        query: str,
        fields: tuple[str, ...],
        weight: float,
        label: str,
        groups: Mapping[str, Sequence[str]],
    ) -> Rule | None:
        where = f"{label}: rule {name!r}"
        try:
            parsed = parse_query(query)
        except QueryError as exc:
            self.problems.append(f"{where}: column {exc.column}: {exc.message}")
            return None
        unknown = [ref for ref in group_refs(parsed) if ref.name not in groups]
        for ref in unknown:
            self.problems.append(f"{where}: column {ref.column}: unknown group @{ref.name}")
        if unknown:
            return None
        rule = Rule(name, query, fields, weight, label, node=expand_groups(parsed, groups))
        try:
            # a throwaway matcher checks the rule compiles; Ruleset compiles the keepers
            Matcher([rule])
        except QueryError as exc:
            self.problems.append(f"{where}: column {exc.column}: {exc.message}")
            return None
        return rule
