"""Event identity: does a new report join an event already seen, or is it a new event?

Like reader's update Decider, this module does not touch storage: it is given the new
report's frame and the candidate events (with what they say happened), and decides.
pipeline.py fetches the candidates and applies the decision.

A report joins an event when their frames agree and the evidence that they describe one
occurrence is strong enough:
- the same kind of event (a succession is never the same event as a raid);
- event days within the window (default 72 h);
- places that can be one scene (the same village, villages a few km apart, a village and its
  province), never two scenes (two villages 40 km apart);
- the people they name (folded across spellings and scripts);
- their wording, by TF-IDF cosine over content words and entities (Miranda et al. 2018, on
  sparse vectors of entities and tokens): close across outlets writing in one language;
  across languages names and places carry it.
Every decision keeps its scores, shown by `monitor events --explain`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import filterfalse, repeat
from operator import methodcaller, mul

from monitor.models import Frame, Labels, Person, Place
from monitor.names import COMPATIBLE, DIFFERENT, SAME, compare, same_person
from monitor.places import (
    APART,
    ARRESTING_STATES,
    COUNTRY,
    NEAR,
    NEIGHBOURS_KM,
    REFINES_KM,
    REGION,
    TOWN,
    UNKNOWN,
    VICINITY_KM,
    VILLAGE,
    WITHIN,
    along,
    bearing,
    centre,
    distance_km,
    place_by_id,
    relation,
    skeleton_key,
    vicinity_radii,
)
from monitor.places import SAME as SAME_PLACE

# Score each kind of agreement adds (APART places are a veto unless people are shared).
# two towns a few km apart: maybe one raid placed by two outlets, more often two operations
# a report that names no place (a ministry's statement), or one no gazetteer entry can be
# compared with, is no sign against a scene: half of what "in Syria" earns (over dev, 15,959
# articles: 6 duplicates fewer, no event merged more)
PLACE_SCORES = {SAME_PLACE: 3.0, NEAR: -0.5, WITHIN: 1.0, UNKNOWN: 0.5}
# how far from the town it is named for a district reaches (Abu Kamal's, up the Euphrates to
# Hajin and Gharanij, 41 km; Dibis, another district of Kirkuk, lies 48 km from Hawija); a
# town's countryside, VICINITY_KM
DISTRICT_KM = 45.0
SHARED_PERSON = 3.5  # a man named in both, in the same days: enough on its own
DIFFERENT_PEOPLE = -2.0
# Reports of one event give its day, or the next (a later report names the day it refers
# to): days further apart count against, short of a man named in both.
DAY_SCORES = {0: 1.0, 1: 0.5, 2: -2.5}
FAR_DAYS = -4.0
UNDATED_SCORES = {0: 0.5, 1: 0.25}  # when one of the two reports gives no day of its own
SAME_WHAT = 0.5
# A man captured and a man killed are two outcomes, most often of two operations.
OTHER_OUTCOME = -1.5
# a sweep that netted suspects, and a leader killed or captured: most often two operations
# (swept over dev, 2,131 articles: -1.0 six over-merges, -2.0 four, for 0.003 more duplicate
# alerts per event; -2.5 and below split more than they keep apart)
OPERATION_AND_OUTCOME = -2.0
OPERATION_WITH_ITS_OUTCOME = -1.5
# two operations, one that killed men and one that arrested others (a strike, a sweep)
OTHER_RESULT = -1.5
SAME_ACTOR, OTHER_ACTOR = 1.0, -1.5  # the coalition, the SDF, Iraqi forces, Turkey...
SAME_MEANS, OTHER_MEANS = 0.5, -1.5  # from the air, or on the ground
SAME_ROLE, OTHER_ROLE = 1.0, -0.5  # the man's role: governor, financier, spokesman...
_COMMAND_ROLES = frozenset({"emir", "commander", "governor"})
# men said to hold no rank, and a man with one ("did not describe any of them as a commander")
RANKLESS_AND_RANKED = -1.5
# a man's office in the group, which outlets do not swap for a rank
_FUNCTIONS = frozenset({"financier", "spokesman", "media"})
OTHER_FUNCTION = -2.0
SAME_DAYPART, OTHER_DAYPART = 1.0, -1.0  # at night or by day
SAME_TARGET, OTHER_TARGET = 0.5, -1.0  # what was hit: a vehicle, a building
SAME_COUNT = 1.0  # as many killed or detained; a count differing is no sign (early ones err)
# ...except between two villages a few km apart: two scenes, two tallies (over dev's report
# pairs a day apart at most: 36 pairs of two events gave two counts there, 1 pair of one)
OTHER_COUNT_NEAR = -1.5
# a town in the part of the province the other report gives, or in another part
PART_AGREES = 0.75
PART_DISAGREES = -1.5
PART_CENTRE_KM = 15.0
PART_ARC = 60.0  # degrees off a province's part that still lie in it
PART_TOWN_ARC = 45.0  # the same, off a bearing from a town
# A group names a new leader once in months: two succession reports days apart are one
# announcement, and they may each name another man (the dead leader, his successor).
SAME_SUCCESSION = 2.5
OTHER_KIND = -2.0
# a report that names, locates or confirms an occurrence reported days before
FOLLOWUP = 1.5
# a report that says it tells of "a new raid", "the second strike in two days", beside an
# event dated before it (a penalty, not a veto: a day misread would split one event)
ANOTHER = -2.0
FOLLOWUP_DAYS = 3  # a succession beside a raid or a killing
# a follow-up naming the man ("died of his wounds", "DNA confirms") may come a week after
# the occurrence, past the window: it joins the event that names him too, and only that; so
# may one that names nobody, at the place of an event that named nobody either ("the leader
# who survived last week's strike near Sarmada has died of his wounds")
NAMED_FOLLOWUP_DAYS = 7
# a report giving no day of its own may be published this many days after the occurrence
UNDATED_DAYS = 4
SAME_FEED = -1.5
WORDING = 6.0  # times the cosine (0-1)
JOIN = 3.5  # total needed to join
# ...by a roundup's line on the topic, which only mentions what reports told in full (it
# alerts only when it would start an event: see Genre.unless_new)
MENTION_JOIN = 2.0
# Reports of one event in English and French share names and some words, not the rest, so
# their cosine runs lower: the median over the dev corpus's pairs of one event's reports was
# 0.28 in one language and 0.13 between English and French (0.073 and 0.018 for reports of
# different events the same days); scaled by the ratio. Between Arabic and a Latin script the
# cosine is almost only the place's terms, which the place score already counts.
LANGUAGE_FACTORS: dict[frozenset[str | None], float] = {frozenset(("en", "fr")): 2.2}
# Their wording is no evidence either way: credit an Arabic and a Latin-script report more
# than two reports of different events in one language share (6 x 0.073, the dev median) and
# less than two of one event do (6 x 0.28), so a report's language does not decide whether it
# can join (0.5 left an Arabic report of an event told in English its own event too often:
# over dev, 16,226 articles, 0.8 gave 12 duplicate alerts fewer and merged no event more)
CROSS_SCRIPT = 0.8
# what each kind of event ranks: a later report that says more upgrades the event
WHAT_RANK = {"operation": 0, "targeted": 1, "captured": 2, "killed": 3, "succession": 0}
MAX_EVENT_TERMS = 160
MAX_EVENT_PEOPLE = 8
RARE_TERMS = 6  # the rarest words of a report that file and find its event
RARE_IDF = 8.0  # the weight of a word never counted
# labels that are no words of the report (its language, the part of the province): scored
# apart, never in the wording's cosine nor among the rare words that file an event
_UNWORDED = ("l:", "b:", "u:", "v:", "k:", "f:", "c:", "s:", "i:", "q:", "e:", "w:")
_ENTITY_PREFIXES = ("n:", "p:", "a:", "m:", "r:")
_unworded = methodcaller("startswith", _UNWORDED)
_placed = methodcaller("startswith", ("v:", "b:", "e:"))  # how the place is given
_OUTCOMES = frozenset({"captured", "killed"})


@dataclass(frozen=True)
class Candidate:
    """A stored event a new report may belong to."""

    event_id: str
    frame: Frame
    day: date  # the event's day (its date, else its first report's publication day)
    # its terms weighted by IDF, and their norm, when the caller keeps them (see weigh)
    weights: tuple[dict[str, float], float] | None = None
    feed: str | None = None  # the feed of its first report


@dataclass(frozen=True)
class Scores:
    """How well a report agrees with one event, part by part."""

    place: str
    people: str  # shared | different | unknown
    days: int
    wording: float
    total: float
    joinable: bool
    veto: str = ""  # why it may not join whatever its total ("" when nothing forbids it)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "place": self.place,
            "people": self.people,
            "days_apart": self.days,
            "wording": round(self.wording, 3),
            "total": round(self.total, 2),
        }
        if self.veto:
            out["veto"] = self.veto
        return out


@dataclass(frozen=True)
class Decision:
    """Join `event_id` (None: a new event), with the scores of every candidate weighed."""

    event_id: str | None
    reason: str
    scores: tuple[tuple[str, Scores], ...] = ()

    def explain(self) -> dict[str, object]:
        """The decision as stored beside the report (events --explain)."""
        return {
            "joined": self.event_id,
            "reason": self.reason,
            "candidates": [{"event": eid, **s.as_dict()} for eid, s in self.scores],
        }


@dataclass(frozen=True)
class Merged:
    """An event's frame after a report joined it, and what the report added of substance."""

    frame: Frame
    changes: tuple[str, ...]  # keys of the payload that changed: what, who, where, when
    substance: bool  # whether the change is worth an event.updated


@dataclass(frozen=True)
class Decider:
    """Decides event identity from frames alone; holds the tunable thresholds."""

    window_days: float = 3.0
    join: float = JOIN
    wording: float = WORDING
    place_scores: Mapping[str, float] = field(default_factory=lambda: dict(PLACE_SCORES))

    def keys(self, frame: Frame, rare: Sequence[str] = ()) -> list[str]:
        """What an event is filed under and found by: its place and the province and country
        around it, its people and its rare words (each key brings a bounded number of
        candidates, so a province shared by many events costs no more than a village)."""
        out: list[str] = []
        where = frame.where
        if where is not None:
            if where.level > COUNTRY:
                out.append("p:" + where.id)
            if where.parent:
                out.append("p:" + where.parent)
            if where.country_code:
                out.append("c:" + where.country_code)
        else:
            # a statement that names no place ("detained in Amman", Jordan's intelligence said)
            # is found with the events in the country of the force that acted
            out.extend("c:" + _ACTOR_COUNTRIES[t] for t in frame.terms if t in _ACTOR_COUNTRIES)
        # (a force that acts at home only, whatever place the report gives: see _AT_HOME)
        out.extend("c:" + _AT_HOME[t] for t in frame.terms if t in _AT_HOME)
        for person in frame.who:
            out.extend("n:" + part.partition("/")[0] for part in _distinctive(person))
        if frame.what == "succession":
            # (the group has one leader: a report naming its new one finds the announcement,
            # whatever places and names each gives)
            out.append("w:succession")
        out.extend("t:" + t for t in rare[:RARE_TERMS])
        return list(dict.fromkeys(out))

    def span(self, frame: Frame, *, later: bool = False) -> float:
        """How many days from its own the events a report may join lie (the window; a week
        for a follow-up that names a man or a town, and for an event dated `later` than the
        report that names a man: "entered the building in the early hours of last Saturday and
        detained Mohammed al-Hamad", of a capture first dated by its announcement; and for a
        report that names a man but dates nothing: "arrested last week")."""
        may_tell_later = frame.followup or later or self.undated(frame)
        late = (may_tell_later and frame.who) or _placed_followup(frame)
        if late and (frame.what != "succession" or _names_the_successor(frame)):
            return max(self.window_days, NAMED_FOLLOWUP_DAYS)
        return self.window_days

    def reach(self, frame: Frame) -> tuple[int, int]:
        """Whole days before and after a report's own day where the events it may join lie
        (what the store is asked for; `decide` weighs each candidate's lag the same way)."""
        span = int(self.span(frame) + 0.999)
        later = int(self.span(frame, later=True) + 0.999)
        return span + (UNDATED_DAYS if self.undated(frame) else 0), later

    def undated(self, frame: Frame) -> bool:
        """Whether a report dates nothing and may tell of an occurrence up to UNDATED_DAYS
        before its publication ("Washington claims a strike near Sukhnah", on Friday, of
        Tuesday's): it names a place finer than a country ("in northern Syria" says too
        little), and is no succession (the day the group announces it)."""
        return frame.when is None and frame.what != "succession" and not _placeless(frame)

    def decide(
        self,
        frame: Frame,
        day: date,
        candidates: Sequence[Candidate],
        idf: Mapping[str, float],
        feed: str | None = None,
    ) -> Decision:
        """The event this report belongs to among `candidates`, or a new one (`feed`: the
        report's own)."""
        weighed = []
        report = weigh(frame.terms, idf)
        undated = self.undated(frame)
        for c in candidates:
            days = abs((c.day - day).days)
            lag = max(0, days - UNDATED_DAYS) if undated and c.day < day else days
            if lag > self.span(frame, later=c.day > day):
                continue
            weights = c.weights or weigh(c.frame.terms, idf)
            same_feed = feed is not None and feed == c.feed
            scores = self.score(frame, c.frame, days, idf, report, weights, same_feed=same_feed)
            # past the window, a follow-up joins the event that names its man, or one that
            # named nobody at the place it names ("Iraq names the governor arrested in Kirkuk
            # on Monday"; "in northern Syria" says too little)
            # (a succession is announced on its day: later, only the man's real name joins it)
            successor = c.frame.what == "succession" and _names_the_successor(frame)
            late = (
                successor
                or scores.people == "shared"
                or (
                    _placed_followup(frame)
                    and (
                        (not c.frame.who and scores.place in (SAME_PLACE, WITHIN))
                        or (scores.people == "unknown" and scores.place == SAME_PLACE)
                    )
                )
            )
            if lag > self.window_days and (
                not late or ("succession" in (frame.what, c.frame.what) and not successor)
            ):
                continue
            weighed.append((c.event_id, scores))
        weighed.sort(key=lambda x: x[1].total, reverse=True)
        best = next(((eid, s) for eid, s in weighed if s.joinable), None)
        if best is None:
            if not weighed:
                return Decision(None, "no event of that kind nearby in time and place")
            top = weighed[0][1]
            if top.total < self.join:
                why = f"no event close enough (best {top.total:.2f} < {self.join})"
            else:
                why = f"no event it may join (best {top.total:.2f}, but {top.veto})"
            return Decision(None, why, tuple(weighed))
        eid, s = best
        why = f"{s.total:.2f} >= {self.join}: place {s.place}, people {s.people}"
        why += f", {s.days} day(s) apart, wording {s.wording:.2f}"
        return Decision(eid, why, tuple(weighed[:5]))

    def score(
        self,
        a: Frame,
        b: Frame,
        days: int,
        idf: Mapping[str, float],
        weights: tuple[dict[str, float], float] | None = None,
        weights_b: tuple[dict[str, float], float] | None = None,
        *,
        same_feed: bool = False,
    ) -> Scores:
        """How strongly two frames say they are one event (`weights`: a's and b's, when
        already known; `same_feed`: one outlet wrote both)."""
        place = relation(a.where, b.where)
        if place in (NEAR, APART) and (_in_countryside(a, b) or _in_countryside(b, a)):
            place = WITHIN  # "near al-Bab" and "in Qabasin": one countryside
        elif place in (NEAR, APART) and (_anchored(a, b) or _anchored(b, a)):
            place = WITHIN  # "Jarablus" and "al-Ghandoura, a village outside Jarablus"
        elif place in (NEAR, APART) and (_along(a, b) or _along(b, a)):
            place = WITHIN  # "the road between Ma'dan and al-Sabkha" and "near Ma'dan"
        elif place in (NEAR, APART) and (_sets_right(a, b) or _sets_right(b, a)):
            place = WITHIN  # "seized in Shirqat, not Kirkuk": the place `b` first gave
        elif place == UNKNOWN and _two_villages(a.where, b.where):
            place = NEAR  # "حزيمة" the gazetteer lacks, and al-Karama: most often two scenes
        if place in (SAME_PLACE, WITHIN) and (
            _two_villages_by(a, b) or _village_beside(a, b) or _village_beside(b, a)
        ):
            place = NEAR  # "al-Kasrat, opposite Raqqa city" and "المنصورة غربي الرقة"
        elif place in (SAME_PLACE, WITHIN) and _two_quarters(a, b):
            place = APART  # "Deir ez-Zor's al-Jura district" and "حي الحميدية": two scenes
        elif place == WITHIN and (_quarter_and_town(a, b) or _quarter_and_town(b, a)):
            place = APART  # "Hasakah's Ghuwayran district" and "near al-Shaddadi": two scenes
        elif place == WITHIN and (_beyond_edge(a, b) or _beyond_edge(b, a)):
            place = APART  # "the outskirts of Raqqa city" and al-Mansoura, 27 km out
        people = _people(a.who, b.who)
        if people == "different" and (_corrects_name(a, b) or _corrects_name(b, a)):
            people = "unknown"  # "was a finance official, not Khaled al-Halabi as first named"
        cosine = _cosine(weights or weigh(a.terms, idf), weights_b or weigh(b.terms, idf))
        # (the labels read once, not once per kind)
        la, lb = a.labels, b.labels
        if place == APART and (_only_its_country(a, la) or _only_its_country(b, lb)):
            # "Iraq's intelligence service captured an emir" (where, it did not say) and "the
            # emir was taken in Boukamal, on the Syrian side": no two scenes
            place = UNKNOWN
        # two languages share only names, places and labels: their cosine runs lower
        lang_a, lang_b = la.lang, lb.lang
        factor = 1.0 if lang_a == lang_b else LANGUAGE_FACTORS.get(frozenset((lang_a, lang_b)), 1.0)
        cosine = min(1.0, cosine * factor)
        total = self.place_scores.get(place, 0.0) + self.wording * cosine
        if _cross_script(lang_a, lang_b):
            total += CROSS_SCRIPT
        if place == WITHIN:
            total += _part_agreement(a, b)
        elif place == SAME_PLACE and _opposite_parts(a, b):
            # "a village east of Raqqa" and "west of Raqqa": two scenes around one name
            place = APART
            total += PART_DISAGREES - self.place_scores.get(SAME_PLACE, 0.0)
        if (
            people == "shared"
            and days > 1
            and (
                _later_again(a, b, same_day=False)
                or _later_again(b, a, same_day=False)
                or _survived(a, b)
                or _survived(b, a)
            )
        ):
            # "the second raid in a week on Thiban", naming the commander the first one killed:
            # a man named in both is the earlier occurrence recalled (a day apart, the later
            # report may date the statement: "a day after the strike"); so is the earlier
            # attempt a man named in both survived
            people = "recalled"
        shared = people == "shared"
        if shared:
            total += SHARED_PERSON
        elif people == "different":
            total += DIFFERENT_PEOPLE
        # a report that gives no day is dated by its publication: a day or two late is no sign
        exact = a.when is not None and b.when is not None
        day_score = DAY_SCORES.get(days, FAR_DAYS) if exact else UNDATED_SCORES.get(days, 0.0)
        # a man named in both, or a follow-up (a name, a death confirmed days on): the later
        # report may date its own news, not the occurrence
        either_followup = a.followup or b.followup
        # (a week on, a follow-up at the very place of an event that named nobody, or named
        # the man as the follow-up may: "Abou Yaacoub" and «أبو يعقوب المياديني» in al-Bab)
        placed_late = (
            either_followup
            and days <= NAMED_FOLLOWUP_DAYS
            and place in (SAME_PLACE, WITHIN)
            and (not (a.who and b.who) or (people == "unknown" and place == SAME_PLACE))
        )
        succession = a.what == b.what == "succession"
        # "Iraq identifies new IS leader as Anbar-born veteran", a week on: its real name
        successor = (
            succession
            and days <= NAMED_FOLLOWUP_DAYS
            and (_names_the_successor(a) or _names_the_successor(b))
        )
        late_news = (
            shared or (either_followup and days <= FOLLOWUP_DAYS) or placed_late or successor
        )
        total += max(day_score, 0.0) if late_news else day_score
        what_a, what_b = a.what, b.what
        # men killed by one, men detained by the other
        other_result = bool(la.outcomes and lb.outcomes and la.outcomes.isdisjoint(lb.outcomes))
        if (la.quiet and ("killed" in lb.outcomes or lb.fight)) or (
            lb.quiet and ("killed" in la.outcomes or la.fight)
        ):
            # "no shots were fired", beside a man killed or clashes: two operations
            other_result = True
            total += OTHER_RESULT
        if what_a == what_b:
            total += SAME_WHAT
            if what_a == "operation":
                # two operations, one that killed men and one that arrested others
                total += _agreement(la.outcomes, lb.outcomes, 0.0, OTHER_RESULT)
        elif what_a in _OUTCOMES and what_b in _OUTCOMES:
            total += OTHER_OUTCOME  # captured and killed
        elif (what_a == "operation" and what_b in _OUTCOMES) or (
            what_b == "operation" and what_a in _OUTCOMES
        ):
            # an operation that killed men, and a commander killed: maybe one strike, told by
            # one outlet with his rank and by another with its toll
            op, outcome = (la, what_b) if what_a == "operation" else (lb, what_a)
            same = outcome in op.outcomes
            total += OPERATION_WITH_ITS_OUTCOME if same else OPERATION_AND_OUTCOME
        # each label both reports give (who acted, by what means, the man's role, the time of
        # day, what was hit) agrees or not; one report silent on it says nothing
        # who carried it out is read from whom the reports quote: a man named in both wins
        total += _agreement(la.actors, lb.actors, SAME_ACTOR, 0.0 if shared else OTHER_ACTOR)
        total += _agreement(la.means, lb.means, SAME_MEANS, OTHER_MEANS)
        roles_a, roles_b = la.roles, lb.roles
        if roles_a and roles_b:
            if not roles_a.isdisjoint(roles_b):
                total += SAME_ROLE
            elif not shared and (roles_a | roles_b) & _FUNCTIONS:
                # the group's money man, and its deputy governor: most often two men
                total += OTHER_FUNCTION
            elif not roles_a | roles_b <= _COMMAND_ROLES:
                # (an emir, a commander and a wali are one man's rank as outlets translate it)
                total += OTHER_ROLE
        if not shared and ((la.rankless and roles_b) or (lb.rankless and roles_a)):
            # "none of them was described as a commander", beside an emir taken: two arrests
            total += RANKLESS_AND_RANKED
        total += _agreement(la.dayparts, lb.dayparts, SAME_DAYPART, OTHER_DAYPART)
        total += _agreement(la.targets, lb.targets, SAME_TARGET, OTHER_TARGET)
        # ...and as many men counted differently: "killed three", "arrested two"
        other_count = OTHER_COUNT_NEAR if place == NEAR or other_result else 0.0
        total += _agreement(la.counts, lb.counts, SAME_COUNT, other_count)
        if succession:
            total += SAME_SUCCESSION
        # the group's announcement of its leader's death, beside a report of his killing:
        # one event only when they name the same man (else a raid and an announcement)
        # (one raid is reported as a raid, a strike on a leader, his death or his capture)
        other_kind = (what_a == "succession") != (what_b == "succession")
        if other_kind and shared and (_tells_more_of(a, b) or _tells_more_of(b, a)):
            # "the leader whose death the group acknowledged on Monday was killed in an
            # Iraqi strike": more of the group's announcement, not a killing of its own
            other_kind = False
        if other_kind:
            total += OTHER_KIND
        followup = either_followup and place != APART and not other_kind
        if followup:
            total += FOLLOWUP
        # "a second raid in two days": the report itself says it is not the earlier one
        # (the event's first report calling itself the day's second is no sign against a later
        # report of that same second raid that says nothing of the first)
        if (
            _later_again(a, b)
            or _later_again(b, a, same_day=False)
            or _set_apart(a, b)
            or _set_apart(b, a)
        ):
            total += ANOTHER
            if not shared and place in (SAME_PLACE, WITHIN) and _second_in_town(a, b):
                # "Second strike in a day hits al-Bab": not the one the event's reports told in
                # that town that day (in another village, a veto below; a lead that only sets
                # its occurrence after another may mean one elsewhere, the event's first report
                # silent on it)
                total += ANOTHER
        # an outlet reports an occurrence once, then tells more of it in a follow-up: a second
        # report of its own the same days is most often another occurrence
        # (a flash is always followed by its full story)
        if same_feed and not (either_followup or la.flash or lb.flash):
            total += SAME_FEED
        # two scenes are two events, unless the same man is named at both; two men named
        # (and none in common) are two events wherever they were
        if people == "different" and not succession:
            veto = "other people named"
        # event days two apart or more are two occurrences, unless the same man is in both
        elif not (
            days <= 1
            or shared
            or not exact
            or successor
            or (followup and (days <= FOLLOWUP_DAYS or placed_late))
        ):
            veto = f"events {days} days apart"
        elif place == APART and not shared and not succession:
            # (an announcement has no scene: the places its reports name are the dead
            # leader's, or "its agents in Damascus")
            veto = "another place"
        elif not shared and (_apart_from_village(a, b) or _apart_from_village(b, a)):
            veto = "set apart from the occurrence in that village"
        elif not shared and (
            _set_apart_in(a, b) or _set_apart_in(b, a) or _apart_from_a_report_of(a, b)
        ):
            # "Al-Hawaij lies a few kilometres from Dhiban, where security forces arrested four
            # men on Friday": the report says which occurrence it is not
            veto = "set apart from the occurrence there"
        elif place == NEAR and not shared and (_again_today(a, b) or _again_today(b, a)):
            veto = "the second of the day, in another village"
        elif (
            place == NEAR
            and not shared
            and ((what_a != what_b and {what_a, what_b} <= _OUTCOMES) or other_result)
        ):
            # a man killed in one village, another taken alive in the next: two raids (so are
            # two operations, one that killed men and one that detained others: over dev's
            # report pairs a day apart at most, in two villages and so told, 905 pairs of two
            # events, 20 of which the score joined, and 1 pair of one event, which it did not)
            veto = "killed in one village, captured in another"
        elif (
            {what_a, what_b} == _OUTCOMES
            and people == "unknown"
            and place in (WITHIN, UNKNOWN)
            and not either_followup
            and (_placeless(a) or _placeless(b))
        ):
            # "SDF says ISIS financier killed in overnight operation" (in Syria), beside a man
            # captured in Dhiban: nothing but the night and the force to tie them (over dev's
            # report pairs a day apart, 32 such pairs of two events and none of one)
            veto = "killed beside captured, no place or man to tie them"
        elif other_kind and not shared:
            veto = "a succession beside another kind of event"
        else:
            veto = ""
        return Scores(place, people, days, cosine, total, total >= self.join and not veto, veto)

    def merge(self, event: Frame, report: Frame) -> Merged:
        """The event's frame with what the joining report adds."""
        changes: list[str] = []
        substance = False
        what = event.what
        if WHAT_RANK.get(report.what, 0) > WHAT_RANK.get(event.what, 0):
            what = report.what
            changes.append("what")
            substance = True  # a death confirmed, a capture for a strike
        who = list(event.who)
        added = [p for p in report.who if not any(_same(p, q) for q in who)]
        if added:
            who.extend(added)
            changes.append("who")
            substance = substance or not event.who  # a name for an unnamed leader
        where = event.where
        # a finer place, or the right one ("in Shirqat, not Kirkuk as first reported")
        if report.where is not None and (
            _more_specific(report.where, event.where) or _sets_right(report, event)
        ):
            where = report.where
            changes.append("where")
            substance = True
        when = event.when or report.when
        if when != event.when:
            changes.append("when")
        # the event keeps its first report's wording (a union of every outlet's words would
        # dilute it until nothing looked close), and gains the entities later reports name
        entities = [t for t in report.terms if t[:2] in _ENTITY_PREFIXES]
        own = event.terms
        if where is not event.where:
            # the place comes with what the report says of it: only near the town ("near
            # Sarmada"), or in a part of the province
            own = (*filterfalse(_placed, own), *filter(_placed, report.terms))
            if event.where is not None and _sets_right(report, event):
                # no report puts the occurrence where the first put it wrongly (a report set
                # apart from an occurrence there is not set apart from this one)
                own = tuple(t for t in own if t != "p:" + event.where.id)
        elif (
            where is not None
            and report.where is not None
            and report.where.id == where.id
            and event.labels.near_town is None
        ):
            # "the village of Abbassi, near Hawija": the town a later report places the same
            # village by, for the reports to come that name only the town
            own = (*own, *(t for t in report.terms if t.startswith("g:")))
        if (
            report.labels.quarters
            and not event.labels.quarters
            and relation(report.where, where) in (SAME_PLACE, WITHIN)
        ):
            # "in Deir ez-Zor", then "in the city's al-Jura district": the district, for the
            # reports to come that put theirs in another (first: kept when terms are cut)
            # (not the time of day the same way: over dev, two duplicates fewer, an over-merge
            # more)
            own = (*(t for t in report.terms if t.startswith("q:")), *own)
        terms = list(dict.fromkeys([*own, *entities]))[:MAX_EVENT_TERMS]
        frame = replace(
            event, what=what, who=tuple(who[:MAX_EVENT_PEOPLE]), where=where, when=when,
            terms=tuple(terms),
        )  # fmt: skip
        return Merged(frame, tuple(changes), substance)


_BEARINGS = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}


def _part_agreement(a: Frame, b: Frame) -> float:
    """Whether a town one report names lies in the part of the province the other gives
    ("eastern Deir ez-Zor" and Hajin agree; and al-Hol in "southern Hasakah" does not)."""
    for wide, narrow in ((a, b), (b, a)):
        point, _, seen_from = (wide.part or "").partition("@")
        part = _BEARINGS.get(point)
        if part is None or wide.where is None or narrow.where is None:
            continue
        if narrow.where.level <= wide.where.level:
            continue
        # "east of Palmyra" is seen from Palmyra, "eastern Deir ez-Zor" from the capital
        middle = place_by_id(seen_from) if seen_from else centre(wide.where)
        if middle is None:
            continue
        km = distance_km(middle, narrow.where)
        towards = bearing(middle, narrow.where)
        if km is None or towards is None:
            continue
        if km < PART_CENTRE_KM:
            # near the middle of the province, any part; "near Palmyra" and "east of it", one
            return PART_AGREES if seen_from else 0.0
        off = _angle(towards, part)
        # "north of Palmyra" is said of what lies north of the town, not of a town off to
        # its north-east (al-Sukhnah); "northern Homs" spans a wider arc
        agrees = off <= (PART_TOWN_ARC if seen_from else PART_ARC)
        return PART_AGREES if agrees else PART_DISAGREES if off >= 110 else 0.0
    return 0.0


def _opposite_parts(a: Frame, b: Frame) -> bool:
    """Whether two reports of one place put the event in opposite parts of it, seen from the
    same point (east and west of the city, northern and southern countryside)."""
    pa, _, seen_a = (a.part or "").partition("@")
    pb, _, seen_b = (b.part or "").partition("@")
    if pa not in _BEARINGS or pb not in _BEARINGS or seen_a != seen_b:
        return False
    return _angle(_BEARINGS[pa], _BEARINGS[pb]) >= 110


def _angle(a: float, b: float) -> float:
    """Degrees between two compass bearings (0 to 180)."""
    off = abs(a - b) % 360
    return min(off, 360 - off)


def _placed_followup(frame: Frame) -> bool:
    """Whether a report is a follow-up that puts itself finer than a country ("in northern
    Syria" says too little to find the occurrence it follows up a week on)."""
    return frame.followup and not _placeless(frame)


def _later_again(a: Frame, b: Frame, *, same_day: bool = True) -> bool:
    """Whether `a` says it is another raid or strike ("the second in two days") and dates
    itself after `b`, the earlier one (or, unless `same_day` is off, the same day: "the second
    raid of the day")."""
    if not a.labels.another or a.when is None or b.when is None:
        return False
    if a.labels.days_after and (a.when - b.when).days < 2:
        return False  # ("days after a drone strike": not the raid of the night before)
    # (not beside a report that sets itself apart from another occurrence as well: two
    # reports of the day's second raid)
    apart = b.labels.another or b.labels.apart_from is not None
    return a.when > b.when or (same_day and a.labels.today and a.when == b.when and not apart)


def _second_in_town(a: Frame, b: Frame) -> bool:
    """Whether either report's headline calls it the day's second in the town both name."""
    return (
        a.where is not None
        and b.where is not None
        and min(a.where.level, b.where.level) >= TOWN
        and ((a.labels.titled and _again_today(a, b)) or (b.labels.titled and _again_today(b, a)))
    )


def _survived(a: Frame, b: Frame) -> bool:
    """Whether `a`, dated after `b`, says its man had lived through an earlier attempt: the
    man named in both is the one `b` missed ("who had survived a drone attack near Atmeh
    five days earlier")."""
    return a.labels.survived and a.when is not None and b.when is not None and a.when > b.when


def _tells_more_of(a: Frame, b: Frame) -> bool:
    """Whether `a`, a follow-up dated no earlier than `b`, the group's announcement, tells
    more of the death it announced."""
    return (
        a.followup
        and b.what == "succession"
        and a.what != "succession"
        and a.when is not None
        and b.when is not None
        and a.when >= b.when
    )


def _again_today(a: Frame, b: Frame) -> bool:
    """Whether `a` says it is another occurrence of `b`'s day ("the second raid of the day")."""
    return a.labels.today and _later_again(a, b)


def _sets_right(a: Frame, b: Frame) -> bool:
    """Whether `a` says the occurrence was not where `b` places it ("in al-Amarna, not
    al-Ghandoura as first reported")."""
    wrong = a.labels.corrects
    if wrong is None or b.where is None:
        return False
    first = place_by_id(wrong)
    return first is not None and relation(first, b.where) in (SAME_PLACE, WITHIN)


def _set_apart(a: Frame, b: Frame) -> bool:
    """Whether `a` says it is separate from another occurrence ("separate from the raid on
    Dhiban") that `b` may be: placed there, elsewhere than `a`, and dated no later (earlier,
    when `a` told that occurrence on an earlier day)."""
    other = a.labels.apart_from
    if other is None or b.where is None or not _dated_before(b, a):
        return False
    there = place_by_id(other)
    # b placed there or somewhere in it (not in a wider area holding it: "Hasakah" and the
    # raid in its countryside "separate from" the one in the city; nor in the next village,
    # however close: Kafr Lusin lies 1.3 km from Atmeh)
    return (
        there is not None
        and relation(there, b.where) in (SAME_PLACE, WITHIN)
        and b.where.level >= there.level
        and relation(a.where, b.where) != SAME_PLACE
    )


def _dated_before(b: Frame, a: Frame) -> bool:
    """Whether `b` is dated no later than `a` (earlier, when `a` told the occurrence it sets
    apart on an earlier day: "On Tuesday, SDF units detained ... in nearby al-Shuhayl")."""
    if a.when is None or b.when is None:
        return False
    return b.when < a.when if a.labels.apart_before else b.when <= a.when


def _set_apart_in(a: Frame, b: Frame) -> bool:
    """Whether `a` sets itself apart from an occurrence in the very town `b` puts the event in
    (not only near it: "a raid near al-Busayrah" may be the one in the next village; not in a
    wide area holding it: "Jabal al-Bishri" and "near al-Sukhnah")."""
    other = a.labels.apart_from
    if other is not None and other == b.labels.near_town:
        # "separate from an earlier raid in Esenyurt", of the raid the other report put in
        # the city's Esenyurt district (both reports put theirs in the city, Istanbul)
        return (
            a.where is not None
            and b.where is not None
            and a.where.id == b.where.id != other
            and a.labels.near_town != b.labels.near_town
            and _dated_before(b, a)
        )
    return (
        not b.near_only
        and b.where is not None
        and a.labels.apart_from == b.where.id
        and _set_apart(a, b)
    )


def _apart_from_a_report_of(a: Frame, b: Frame) -> bool:
    """Whether `a` sets itself apart from an occurrence in a town that one of the reports
    joined in event `b` put it in, though the event's place is another: an event placed in
    Dhiban by one outlet and in al-Shuhayl by the next, and "separate from the raid on
    al-Shuhayl"."""
    other = a.labels.apart_from
    if other is None or b.where is None or b.where.id == other or "p:" + other not in b.terms:
        return False
    there = place_by_id(other)
    return there is not None and there.level >= TOWN and _dated_before(b, a)


def _apart_from_village(a: Frame, b: Frame) -> bool:
    """Whether `a` says it is separate from an occurrence in a village the gazetteer lacks
    ("distincte du raid mené dans le village voisin de Ziban") and `b` is put in it."""
    other = a.labels.apart_from
    if other is None or not other.startswith("name:") or b.where is None:
        return False
    village = other.removeprefix("name:")
    return b.where.id == other or (
        village in b.labels.villages | b.labels.quarters
        and village not in a.labels.villages | a.labels.quarters
    )


def _names_the_successor(frame: Frame) -> bool:
    """Whether a follow-up of a succession names the man ("Iraqi intelligence identifies the
    new leader as Ammar al-Hiti"): it may come a week after the announcement."""
    return frame.followup and frame.what == "succession" and bool(frame.who)


def _placeless(frame: Frame) -> bool:
    """Whether a report names no place finer than a country."""
    return frame.where is None or frame.where.level <= COUNTRY


def _cross_script(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b and "ar" in (a, b)


def _two_villages(a: Place | None, b: Place | None) -> bool:
    """Whether one report names a village the gazetteer lacks and the other a known village
    by another name (the same name in another spelling is the same place; beside a known
    town, the unknown village may well be in its countryside)."""
    if a is None or b is None:
        return False
    for unknown, known in ((a, b), (b, a)):
        if unknown.id.startswith("name:") and not known.id.startswith("name:"):
            return known.level >= VILLAGE
    return False


def _two_villages_by(a: Frame, b: Frame) -> bool:
    """Whether the two reports put the event in villages of other names by one town, both
    villages the gazetteer lacks."""
    va, vb = a.labels.villages, b.labels.villages
    return bool(va and vb and va.isdisjoint(vb))


def _village_beside(by_town: Frame, other: Frame) -> bool:
    """Whether one report puts the event in a village the gazetteer lacks by a town ("Ratla,
    across the Euphrates from Raqqa") and the other in a known village of another name by
    it (Hazima, north of Raqqa)."""
    villages = by_town.labels.villages
    there = other.where
    return bool(
        villages
        and there is not None
        and there.level >= VILLAGE
        and not there.id.startswith("name:")
        and skeleton_key(there.name) not in villages
    )


def _two_quarters(a: Frame, b: Frame) -> bool:
    """Whether the two reports put the event in districts of other names of one city (a name
    written in part is the same: "Bab al-Tabbaneh" and "حي التبانة")."""
    qa, qb = a.labels.quarters, b.labels.quarters
    if not (qa and qb):
        return False
    # (a side of the town, "@E", is compared with a side: "the western side" may hold al-Jura)
    sides_a, sides_b = {q for q in qa if q[:1] == "@"}, {q for q in qb if q[:1] == "@"}
    if sides_a and sides_b and sides_a.isdisjoint(sides_b):
        return True
    named_a, named_b = qa - sides_a, qb - sides_b
    return bool(named_a and named_b) and not any(x in y or y in x for x in named_a for y in named_b)


def _quarter_and_town(city: Frame, town: Frame) -> bool:
    """Whether `city`'s report puts the event in a city named like its province (in one of its
    districts, or in what it calls the city: "in the city of Idlib"), so not in the province,
    and `town`'s in another town or village of it."""
    a, b = city.where, town.where
    if a is None or b is None or a.level != REGION or a.id.startswith(("p:", "r:", "c:")):
        return False
    km = distance_km(a, b)
    # (a district by name: a side, "the city's southern quarter", may be any town's)
    named = any(q[:1] != "@" for q in city.labels.quarters) or city.labels.city
    return named and b.level >= TOWN and km is not None and km > REFINES_KM


def _anchored(village: Frame, town: Frame) -> bool:
    """Whether `village`'s report puts its place near the town `town`'s report names."""
    anchor = village.labels.near_town
    return anchor is not None and town.where is not None and town.where.id == anchor


def _along(stretch: Frame, other: Frame) -> bool:
    """Whether `stretch` puts the event between two places ("on the road between Ma'dan and
    al-Sabkha") and `other` at a town along the way, or at one of its ends."""
    ends = stretch.labels.stretch
    place = other.where
    if len(ends) != 2 or place is None or place.level < TOWN:
        return False
    first, second = (place_by_id(end) for end in sorted(ends))
    return first is not None and second is not None and along(place, first, second)


def _beyond_edge(edge: Frame, other: Frame) -> bool:
    """Whether `edge` puts the event at its town's outskirts and `other` in a town or village
    further out than the villages next to them (NEIGHBOURS_KM). A report only "near" its town
    may still mean those outskirts ("near Harem", 20 km off, and "the outskirts of Sarmada")."""
    town, place = edge.where, other.where
    if not edge.labels.edge or other.near_only or town is None or place is None:
        return False
    km = distance_km(town, place) if place.level >= TOWN else None
    return not town.id.startswith(("p:", "r:", "c:")) and km is not None and km > NEIGHBOURS_KM


def _in_countryside(around: Frame, other: Frame) -> bool:
    """Whether `around` puts the event only near its town, and `other`'s place is in that
    town's countryside (within VICINITY_KM, DISTRICT_KM of a district, in its country: a
    city's countryside may be a province of its own, as Rif Dimashq is Damascus')."""
    town, place = around.where, other.where
    if not around.near_only or town is None or place is None:
        return False
    if place.level < TOWN or town.country_code != place.country_code:
        return False
    km = distance_km(town, place)
    if around.labels.edge:
        return km is not None and km <= NEIGHBOURS_KM  # "the outskirts of Raqqa": not 27 km out
    reach = DISTRICT_KM if around.labels.district else VICINITY_KM
    return km is not None and km <= max(reach, vicinity_radii().get(town.id, 0.0))


def _agreement(a: frozenset[str], b: frozenset[str], same: float, other: float) -> float:
    """`same` when two reports name a common value, `other` when both name values and none
    in common, 0 when one is silent."""
    if not a or not b:
        return 0.0
    return other if a.isdisjoint(b) else same


def _distinctive(person: Person) -> list[str]:
    from monitor.names import distinctive

    return distinctive(person.key)


def _same(a: Person, b: Person) -> bool:
    return a.key == b.key or same_person(a.key, b.key)


def _people(a: Sequence[Person], b: Sequence[Person]) -> str:
    if not a or not b:
        return "unknown"
    verdicts = [(p, q, compare(p.key, q.key)) for p in a for q in b]
    compared = [(verdict, _kunya(p) and _kunya(q)) for p, q, verdict in verdicts]
    found = {verdict for verdict, _ in compared}
    if SAME in found:
        return "unknown" if _only_a_bare_kunya(verdicts) else "shared"
    # noms de guerre that differ name two men, whatever a real name beside one seems to share
    kunyas = {verdict for verdict, both in compared if both}
    if kunyas == {DIFFERENT}:
        return "different"
    if COMPATIBLE in found:
        return "unknown"
    # one report gives noms de guerre only, the other real names only: maybe one man
    if {_kunya(p) for p in a} | {_kunya(q) for q in b} == {True, False} and (
        len({_kunya(p) for p in a}) == 1 and len({_kunya(q) for q in b}) == 1
    ):
        return "unknown"
    return "different"


def _only_a_bare_kunya(verdicts: Sequence[tuple[Person, Person, str]]) -> bool:
    """Whether two reports (their men compared pair by pair) share only a bare nom de guerre
    ("Abu Hamza", many men's) while the real names they give differ ("Saad al-Jubouri" taken
    in Mosul, "Hamza al-Jibouri, Abu Hamza al-Iraqi" killed in Shaddadi)."""
    real = [verdict for p, q, verdict in verdicts if not (_kunya(p) or _kunya(q))]
    if not real or any(verdict != DIFFERENT for verdict in real):
        return False
    return not any(
        verdict == SAME and _kunya(p) and _kunya(q) and min(p.key.count(" "), q.key.count(" ")) >= 2
        for p, q, verdict in verdicts
    )


def _corrects_name(correcting: Frame, other: Frame) -> bool:
    """Whether `correcting`'s report says a man `other`'s report names was named wrongly."""
    wrong = correcting.labels.misnamed
    return bool(wrong) and any(
        k == p.key or same_person(k, p.key) for k in wrong for p in other.who
    )


def _kunya(p: Person) -> bool:
    """Whether a name is a nom de guerre (Abu X, Umm X) rather than a given name."""
    return p.key.split(" ", 1)[0].partition("/")[0] in ("b", "m")


def _more_specific(new: Place, old: Place | None) -> bool:
    if old is None:
        return True
    if new.id.startswith("name:") and not old.id.startswith("name:"):
        return old.level < 2  # an unresolved village is better than a province or country
    if new.level <= old.level:
        return False
    if relation(new, old) in (WITHIN, NEAR, SAME_PLACE):
        return True
    km = distance_km(new, old)  # "near Hajin", then "in al-Bahra, outside Hajin"
    return km is not None and km <= REFINES_KM


def weigh(terms: Sequence[str], idf: Mapping[str, float]) -> tuple[dict[str, float], float]:
    """Terms as a vector weighted by inverse document frequency, and its norm."""
    # (in C: map over the methods; the same sums, in the same order)
    kept = list(filterfalse(_unworded, terms))
    w = dict(zip(kept, map(idf.get, kept, repeat(RARE_IDF)), strict=False))
    values = w.values()
    return w, math.sqrt(sum(map(mul, values, values)))


# the states that only ever act at home: an arrest there of a man who held a post in the
# group is told by one outlet at the arresting country ("held in Germany") and by another at
# his post ("the emir of Mayadeen"), so their reports are filed under that country whatever
# place each gives. (Lebanon's army too: "Lebanese army says it caught former IS emir of
# Qaryatain", «توقف «أمير» داعش السابق في القريتين داخل عرسال».)
_AT_HOME = {
    **{"a:" + actor: cc for actor, cc in ARRESTING_STATES.items()},
    "a:lebanon": "LB",
}
# the actor label of each country's own forces (see frames' actor lexicon)
_FORCES_OF = {
    "IQ": "iraq", "SY": "syria", "TR": "turkey", "JO": "jordan", "LB": "lebanon",
    **{cc: term.removeprefix("a:") for term, cc in _AT_HOME.items()},
}  # fmt: skip


def _only_its_country(frame: Frame, labels: Labels) -> bool:
    """Whether a report places the event only in the country whose own forces acted."""
    where = frame.where
    return (
        where is not None
        and where.level == COUNTRY
        and _FORCES_OF.get(where.country_code, "") in labels.actors
    )


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    """Cosine of two weighted term vectors."""
    (wa, na), (wb, nb) = a, b
    if not na or not nb:
        return 0.0
    if len(wb) < len(wa):
        wa, wb = wb, wa
    # the shared terms found by a set intersection (C speed): two reports share few
    dot = sum([wa[t] * wb[t] for t in wa.keys() & wb.keys()])
    return dot / (na * nb)


def idf_weights(terms: Sequence[str], documents: int, df: Mapping[str, int]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term, from the stored statistics."""
    n = max(documents, 1)
    return {t: math.log((n + 1) / (df.get(t, 0) + 1)) + 1.0 for t in terms}


# the forces that act in their own country outside the main theatre and across the border
# too, by their label's term: a report naming no place is filed under their country (Syria's
# and Iraq's would draw the candidates of a whole theatre: 0.1 ms a decision at 10,000
# events; the coalition and Russia act abroad). Lebanon's army, which acts at home only, is
# filed under Lebanon whatever the report names (_AT_HOME).
_ACTOR_COUNTRIES = {"a:turkey": "TR", "a:jordan": "JO"}


def rare_terms(terms: Sequence[str], idf: Mapping[str, float], k: int = RARE_TERMS) -> list[str]:
    """The `k` terms of a report that say most about it (entities first, then rare words)."""
    words = [t for t in terms if not t.startswith(("n:", "p:", *_UNWORDED))]
    return sorted(words, key=lambda t: (-idf.get(t, 0.0), t))[:k]
