"""Alert quality on the labelled event corpus (tests/corpus, see POLICY.md there).

The dev part is what the rules, frames, genres and identity thresholds were tuned on; the
held-out part was written blind and is never tuned on (bench/relevance.py prints both).
Here, the dev part is replayed through the monitor as a user runs it (each writer's batch a
world of its own, its articles coming out as time passes: a fifth of the batches, all of them
under FULL_CORPUS=1), and the figures a user would notice must hold; the held-out part guards
the shipped rules' recall.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from monitor.models import COMMENTARY_KINDS, WHAT_KINDS, Document
from monitor.rules import load_ruleset
from tests.support.corpus import FULL, Article, load, sample, score_by_batch

LABELS = {"report", "followup", "commentary", "irrelevant"}


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_the_corpus_is_well_formed_and_large(part: str) -> None:
    articles = load(part)
    assert len({a.id for a in articles}) == len(articles)
    assert {a.label for a in articles} == LABELS
    events = {a.event for a in articles if a.label in ("report", "followup")}
    assert all(a.event for a in articles if a.label in ("report", "followup"))
    assert all(a.what in WHAT_KINDS for a in articles if a.label == "report")
    assert all(a.kind in COMMENTARY_KINDS for a in articles if a.label == "commentary")
    assert all(not a.about or a.about in events for a in articles)
    assert all(a.title.strip() and a.body.strip() for a in articles)
    # an event is one writer's: an id two batches used would score them as one world
    writers = {(a.event, a.id.split("-")[0]) for a in articles if a.event}
    shared = Counter(event for event, _ in writers)
    assert not [event for event, n in shared.items() if n > 1]
    assert {a.lang for a in articles} == {"en", "fr", "ar"}
    sizes = Counter(a.event for a in articles if a.label in ("report", "followup"))
    multi = sum(1 for n in sizes.values() if n >= 2)
    commentary = sum(a.label == "commentary" for a in articles)
    assert len(articles) >= 150 and multi >= 25 and commentary >= 40


def test_the_corpus_as_a_whole_meets_the_issue_sizes() -> None:
    articles = load("dev") + load("heldout")
    sizes = Counter(a.event for a in articles if a.label in ("report", "followup"))
    assert len(articles) >= 300
    assert sum(1 for n in sizes.values() if 2 <= n <= 4) >= 40
    assert sum(a.label == "commentary" for a in articles) >= 80
    assert sum(a.label == "followup" for a in articles) >= 20


def test_the_shipped_rules_find_the_reports_of_both_parts() -> None:
    ruleset = load_ruleset()

    def matched(a: Article) -> bool:
        return ruleset.match(Document(a.title, a.summary, a.body)).matched

    # the held-out part was never tuned on: its bound guards against a regression
    for part, bound in (("dev", 0.97), ("heldout", 0.9)):
        reports = [a for a in load(part) if a.relevant]
        found = sum(matched(a) for a in reports)
        assert found / len(reports) >= bound, part


# the replay of a fifth of the dev part's batches (2,400 articles) takes 2-4 min on a 2-core
# machine; of all of it (FULL_CORPUS=1, 30,818 articles), 10-15 min
@pytest.mark.timeout(900 if FULL else 400)
def test_one_alert_per_event_and_none_for_commentary_on_the_dev_part(tmp_path: Path) -> None:
    articles = sample(load("dev"))
    s = score_by_batch(articles, tmp_path)
    # measured when last tuned (replayed, deterministic). The fifth (35 batches, 2,558
    # articles): P 0.994, R 0.994, 0.011 duplicate alerts per event (7; 6 since the twenty-
    # fourth session, 0.009), B-cubed 0.999/0.989;
    # dGF-, a blind batch of 2026-12-04 (56 articles), joined it untuned: none wrong or
    # missed, no duplicate, no over-merge on arrival;
    # dFT-, a blind batch of 2026-12-04 (90 articles), joined it tuned on (1 duplicate in its
    # per-batch replay, no over-merge);
    # dFO-, a blind batch of 2026-12-03 (93 articles), joined it with one over-merge left (a
    # sweep of three on a farm, told apart from the helicopter raid on the same town "hours
    # earlier", joins the raid's event); the 34 before it: P 0.993 (dFB's four off-topic
    # look-alikes: a Captagon gang, a kidnapping gang, shepherds killed by the group, a
    # repatriation), R 0.995, 0.010 duplicate alerts per event, no over-merge, B-cubed
    # 1.000/0.990.
    # All of it (30,818 articles, 443 batches): 110 duplicate alerts by per-batch replay
    # (0.014 per event; the sixtieth session's start, 44a218c, had 112: 109 in the 441 batches
    # before, and dTJ-'s three on arrival), 40 events missed (40 at the start), 19 false
    # alerts (20 at the start: 19 and dTJ-'s one), 26 over-merges (28 at the start: 26 and
    # dTH-'s two): dSE-'s five (no emphasis was given to its writer: a dawn capture, a
    # late-morning market sweep and an evening farm raid in Mayadin the same day by the same
    # force; two drone strikes near Sarmada hours apart, the first named by a follow-up days
    # later; a first report of the night that gives no side of Busayra draws in the raid on
    # the other side), and the six of the fortieth session's end (dAS, dFK, dFZ, dFP, dHY,
    # dIC), dMJ's (a weapons cache found in Maadan, where the first report put a raid that was
    # in al-Karama), dMT's (a first report placed in the wrong town draws in the separate
    # operation really there), dNJ's (a strike placed by 'Campagne d'Albou Kamal' read in the
    # town, which takes in the drone strike near Hajin the same day), dNP's (a statement
    # placing a raid only in Deir ez-Zor, scored a hair closer to the village arrests of that
    # night), dOE's, dOF's ('near Raqqa' and Tabqa, 43 km off, inside the province: keeping
    # 'near' a provincial capital to 40 km split 22 events whose other reports meant the
    # province's countryside), dOI's (a sweep in Hajin and a raid placed only 'near a village
    # in the Deir ez-Zor countryside'), dPI's and dPM's (one SDF statement for two operations
    # that night, naming no town, labelled with one, joins the other), dQS's (a coalition
    # statement of three operations, labelled with the desert strike its lead tells, read at
    # the town of another it lists further down), dQX's two (arrests 'outside Raqqa' and a
    # capture in a village 5 km south of it the same morning; the second, a cell 'near
    # Damascus' and a cache in al-Kiswah, 13 km south, is apart since the fifty-fifth), dQY's
    # (a ministry statement of three operations naming no place in its lead, labelled with the
    # first it lists, joins another), dRA's two (a strike near al-Shaddadi and a raid on a
    # village south of it; a raid 'near al-Busayrah' and a second 'in the town itself', one
    # place id for both) and dRB's (a ministry statement of a cell leader taken 'around'
    # Sayyida Zeinab and two men held in al-Kiswah, 13 km off, labelled with the first: a
    # report of the Kiswah arrests joins it; dOK-034's headline of the same shape tells one
    # event, so a headline's second place is no sign).
    # The sixtieth session mended dTH's two over-merges (a second strike the same day in the
    # same town, 'Second strike in a day hits al-Bab', «غارة ثانية على الباب», joined the
    # first; a DNA follow-up naming a man killed near Harim, 'who had survived a drone attack
    # near Atmeh five days earlier', joined the Atmeh strike he survived), dTJ's two
    # duplicates (a press review dated by its papers' day, 'La presse irakienne de ce mardi';
    # 'Erdogan reçoit al-Charaa ; à Istanbul, un financier présumé de l'EI arrêté' placed by
    # the president's name) and its false alert (an Arabic analysis under a question headline,
    # «... هل ينتهي خطر داعش في وادي الشاي؟»); left: dTJ-046 (a confirmation naming the
    # leader, kept apart by the cover name, 'Abu Mohammed', neighbours knew him by).
    # The fifty-ninth session mended dTF's two duplicates (an Arabic evening bulletin read from the
    # water crisis it opened on, «توقف» of a pumping station read as an arrest and «دهم» as nothing;
    # 'Réfugiés : Amman plaide pour un fonds régional ; dans l'Est syrien, une frappe vise un chef
    # de l'EI') and its miss (the only report of an Iraqi strike, the second item of an Arabic
    # bulletin: a bulletin that lists an occurrence after other news now alerts when no event takes
    # it), dTG's duplicate (an arrest by the Lebanese army placed in Syria, where the man had
    # served) and miss (a letter leading with an arrest, held as a labour strike listed further on),
    # dTC's and dTD's reports opening on floods and rain, dLY's and dNG's duplicates; new: dGA's
    # false alert (a weekly roundup recalling a raid 'we covered in detail', placed only in Idlib
    # province, a day too far for the raid's event).
    # The fifty-eighth session mended dSV's duplicate (strikes 'east of the ancient city of Palmyra'
    # read as the town), dSW's two (an airdrop placed where the group's leader had been killed days
    # 'since'; a French morning letter, 'La Matinale'), dSZ's miss (a live page whose headline leads
    # with a Daraa raid, held as a live blog of other news), dTB's miss (an evening letter whose
    # headline is its edition: its summary's first item, an Iraqi strike on an official whose fate
    # was unknown), dTC's miss and false alert ('Le fil du vendredi'), one of dTD's duplicates ('Le
    # point du soir'), dNC's false alert and dPC's miss; left: dTB's 'Evening Brief' (as a bulletin
    # headline it missed dSZ-033, a briefing whose second item is the only report of a landing), and
    # dTC's and dTD's reports that open on floods or rain before the strike (reading from the first
    # paragraph that tells an occurrence mended four duplicates and cost three, an over-merge and a
    # miss).
    # The fifty-seventh session mended dSS's two duplicates (an Arabic report naming the financier
    # «عبد الكريم محمود الحسن» read only his first two names; an Arabic report of Iraq's
    # Counter-Terrorism Service, listed only as spelt «مكافحه», read the coalition's air support as
    # the only force) and nine more (dCY, dDN, dDO, dEO, dEU, dGQ, dL, dMT, dOK) by the forces
    # French, Arabic and English copy names that the actor lexicon lacked ('le ministère syrien de
    # l'Intérieur', 'le raid américain', «قوات أمريكية», 'Syria's interior ministry', 'Syrian
    # troops').
    # The fifty-sixth session mended dSI's duplicate (desert strikes placed at the towns the
    # Badia 'stretches between'), dSL's (a follow-up dated by the day sources 'told Horizon
    # News Agency'), one of dSJ's (a cell broken up in al-Hajar al-Aswad told only below a
    # lead of the minister's visit to Sayyida Zaynab) and dFL's; dSJ's other (a strike near
    # al-Bab told below a lead of a minister's visit to Damascus, placed in Turkey) is left.
    # The fifty-fifth session mended dSC's duplicates of arrests in Europe told at the
    # arrest's country by one outlet and at the man's post by another (Germany was read as
    # Jaramana; reports are now filed under the arresting country), one of dSE's over-merges
    # (two sides of Busayra, of al-Shaddadi) and the misses of dSD and dSC (a post told by a
    # verb: 'who ran', 'suspected of heading', «كان يقود»); dDN, dOR and dPR gained one each
    # (a marginal join tipped below the bar; a follow-up newly matched, placed in Tal Alo).
    # The fifty-fourth session mended dRV's duplicate (a capture the clash came 'quelques
    # heures après' read as the clash's outcome) and dRY's (a follow-up that says where the
    # man was arrested abroad), and the misses of dRY (the group's own court in a headline read
    # as a trial; 'IS police chief' matched no rule), dKD and dU (a clash, «اشتباك», an
    # 'accrochage', is an operation against the group); dEO gained one (a marginal join the
    # newly matched Harasta report's words tip below the bar).
    # The fifty-third session mended the duplicates of dKM, dRF and dRL (follow-ups dated and
    # placed by their own account of the occurrence further down, 'identifying him as' read as
    # a follow-up's cue) and of dKB, dRO, dRR and dRT (al-Jurdhi and Ma'dan in the gazetteer,
    # 'the town of Sabkha' read, «فجّر نفسه» no dawn). The fifty-second session mended dRK's
    # duplicate (a French 'département du Rhône' read as Iraq's Anah) and the misses of dOH
    # and dRF (Iraqi strikes on an 'IS sector commander', an 'IS field commander': the rules
    # now read a rank word between 'IS' and the role; dHJ's report that this newly matched
    # joins its event, since «المتحدر من» names the commander's home, not the scene). The
    # fifty-first session mended dOH's and dRE's (a raid that killed men in one village and
    # one that detained others in the next, the same night: two events, as a man killed beside
    # a man captured were), dQZ's (arrests 'on the eastern outskirts of Homs' read at the
    # village of 'a separate announcement the same morning': the same morning tells another
    # occurrence) and dRD's (arrests 'in the city of Idlib' and a raid on Qurqina, 23 km
    # north: a city the lead calls a city is not its province). The fiftieth session mended
    # dQV's ('the outskirts of Raqqa city' and al-Mansoura, 27 km off, inside the province,
    # two arrests the same morning: a town's outskirts reach 20 km). The forty-ninth session
    # mended dQP's (a capture read with the man whose death it followed: 'following the death
    # of', 'his predecessor', 'خلفاً لـ') and dQQ's (a lead 'south of this town' under the
    # dateline 'AL-SHADDADI, Syria', read only in Syria). The forty-eighth session mended
    # dPV's two (a scene-led piece read at the place of the other operation its rule match
    # tells; a witness 'Umm Khaled' read as the event's man), dPY's (a desert clash read as
    # the capture its last paragraph compares it with), dPZ's (a statement of two operations
    # read at the second) and dQH's (a wali 'a different person from' another read as him).
    # The forty-seventh session mended dPJ's (a roundup read at its second item), dPN's and
    # dOA's (a bare 'Abu Hamza' or 'Abu Suhayb' shared while the real names differ is no one
    # man). The forty-sixth session mended dOL's (a man killed 'in eastern Syria' is not the
    # man captured in Dhiban) and dPF's. The forty-fifth session mended dOA's other ('Omar Ali
    # al-Juburi' is no 'Abu Omar al-Juburi'). The forty-fourth session mended dMO's and one of
    # dMJ's: a sweep of the town where first reports put the night's raid sets nothing right,
    # a lead that sets the place right takes the village the gazetteer lacks, and 'separate
    # from the landing at al-Dashisha' sets that village apart. The forty-third session mended
    # dMV's, dNC's, dNG's and dLV's (openings on another occurrence in more words, a
    # pluperfect landing). Earlier: dAS's, dFK's and dFZ's a roundup of two operations filed
    # with one, read as the other, whose reports it then draws in; dFP's an arrest of two in
    # Tabqa one morning 'sans heurts' and a night raid there that killed three; dHY's a French
    # report dated by the first raid's Tuesday in a relative clause; dIC's an SDF statement
    # naming the man and only the province, joined to a ground sweep that morning in
    # al-Busayrah; dHR's capture in Shaddadi whose body recalls a sweep there "last week" is
    # dated by its statement since the thirty-fourth session, and no longer filed with that
    # sweep; dHD's storming told with "heavy gunfire" beside "a second, separate operation" in
    # which "no shots were fired" is told apart since the thirty-second session (f:fight and
    # f:quiet); dBS's arrests "no shots were fired" beside a raid that killed a man, dQ's
    # sweep of men "none of them described as a commander" beside an emir taken, dC's raid
    # "separate from an earlier raid in Esenyurt", dFO's sweep "hours" after the helicopter
    # raid on the same town and dM's ambushes "along the highway between Palmyra and Deir
    # ez-Zor" are told apart since the thirty-first session; dFM's two districts of one city
    # raided the same day (al-Jura and al-Hamidiyah of Deir ez-Zor, al-Mishlab and al-Rumaila
    # of Raqqa) and dFN's (in Raqqa, Deir ez-Zor and Mosul) are set apart by the districts
    # their reports name; dBD, dCQ, dCU, dE and dEH by what a report says further on ("in a
    # separate operation", "distincte du raid mené la veille") and by two villages by one town
    assert s.recall >= 0.97, s.misses
    assert s.precision >= 0.97, s.wrong
    assert s.duplicates_per_event <= 0.02, s.wrong
    assert s.over_merges <= (26 if FULL else 1)
    assert s.bcubed_precision >= 0.98 and s.bcubed_recall >= 0.94
    commentary = sum(a.label == "commentary" for a in articles)
    assert sum(s.held_by_kind.values()) >= commentary * 0.99
