"""Candidates, their features, and the learned weights that score them.

Both finders (the directory matcher and the roster-free detector) propose
:class:`Candidate` spans with a few features of their form ("Amir Khan" is
a full name; "Grace" alone is a first name that is also a word, wordness
0.67). :func:`features` then adds what a careful reader would weigh:

- capitals, where the subject's casing makes them informative (a word that
  is usually lower-case, capitalised mid-sentence, is probably a name; a
  name typed in lower case in a sentence-case subject probably is not);
- a possessive ("Amir's"), most telling when followed by a word about a
  person ("Leo's behaviour", "Summer's mum");
- words elsewhere in the subject that say it concerns a person (detention,
  EHCP, mum, safeguarding...) or lead into one ("meeting with", "about"),
  and the words right next to it: "Hope left her bag" (a verb of doing
  after it) against "Hope you had a good half term" (a pronoun after it),
  a form group ("Tobi 8Q", "Kofi to 8R"), a list ("Rose & Evie");
- a place, organisation or work around it ("Grace Academy", "Stanley
  Park", "Peter Pan rehearsals", "St Mark's").

How much each feature counts is not set by hand: :mod:`app.names.data.train_scorer`
fits a logistic regression per finder, offline, on labelled subjects
(see its docstring for the data and the cross-validation), and writes the
coefficients to ``data/scorer.json``. At run time a candidate's score is
the logistic of a dot product: no model library is loaded.
``Mention.why`` lists the features that moved the score most.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from operator import mul

from app.names._lexicon import UNKNOWN, Entry, places, verb_forms
from app.names._tokens import CaseMode, Token
from app.names._vocab import (
    AFTER_NAME_VERBS,
    ASK_ALONE,
    ASK_WORDS,
    CONTEXT_WORDS,
    DETERMINERS,
    FAMILY_ADJECTIVES,
    FAMILY_WORDS,
    FESTIVAL_WORDS,
    GROUP_WORDS,
    HE_SHE,
    HONORIFICS,
    JOINERS,
    LEAD_WORDS,
    MODALS,
    NAMED_THING_MAX_WORDS,
    NAMED_THING_STARTS,
    NAMED_THINGS,
    NOUN_AFTER_WORD,
    OR_WORDS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_LEADS,
    PLACE_OF,
    PRE_NAME_WORDS,
    PRONOUNS,
    REPLY_PREFIXES,
    ROLE_WORDS,
    SCHOOL_SYSTEMS,
    SCHOOL_WORDS,
    SEASONS,
    SIBLING_MARKS,
    STOP_WORDS,
    TERM_AFTER,
    THANK_WORDS,
    TO_VERBS,
    TRIP_TO_WORDS,
    TRIP_WORDS,
    WELSH_WORDS,
    WORK_CONTEXT,
    YEAR_WORDS,
    YOU_WORDS,
    is_group_code,
)

_PARTICLES = PARTICLES
_NOT_NAMES = (
    CONTEXT_WORDS
    | STOP_WORDS
    | SCHOOL_WORDS
    | HONORIFICS
    | PLACE_HEADS
    | WELSH_WORDS
    | SCHOOL_SYSTEMS
    | FESTIVAL_WORDS
)
WEAK_FORMS = frozenset({"first", "last"})
# question words that STOP_WORDS leaves out: never the middle of a place's name
_WH_WORDS = frozenset({"which", "whom", "whose"})
# words that lead a year or class code rather than name its pupil ("Yr 9", "Set 3")
_GROUP_LEADS = frozenset({"year", "yr", "class", "set", "group", "form", "room", "tutor", "reg"})
_TO = frozenset({"to", "2"})
_TXT_SEE = frozenset({"c", "cee"})


@dataclass(slots=True)
class Candidate:
    i: int  # first token of the name
    j: int  # last token of the name (inclusive)
    # "full", "reversed", "first+initial", "initial+last", "last+initial",
    # "title+last", "first", "last"
    form: str
    source: str  # "directory" | "detector"
    feats: dict[str, float]  # form features, set by the finder; context added by features()
    why: list[str]
    wordness: float = 0.0  # of the leading name token, scales the case evidence
    persons: tuple[int, ...] = ()
    titled: bool = False
    score: float = field(default=0.0)
    logit: float = 0.0
    ambiguous: bool = False  # a directory name that also reads as something else
    reading: str = ""  # what else it reads as: "place" (or organisation, work) or "word"


class _Weights(dict[str, float]):
    """Weights by feature; a feature the model has no weight for weighs 0."""

    def __missing__(self, key: str) -> float:
        return 0.0


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic-regression coefficients for one finder.

    A weak form's context features have their own extra weight
    (``first:context_near`` beside ``context_near``); rather than copy
    every feature under its prefix at run time, :meth:`table` folds the two
    into one weight per feature for each form, once.
    """

    intercept: float
    weights: dict[str, float]
    # the operating point: least score for a mention to count, chosen offline
    # (``train_scorer``: DIRECTORY_THRESHOLD, DETECTOR_THRESHOLD)
    threshold: float = 0.5
    _tables: dict[str, dict[str, float]] = field(default_factory=dict, compare=False)

    def table(self, form: str) -> dict[str, float]:
        got = self._tables.get(form)
        if got is None:
            w = self.weights
            got = _Weights(w)
            if form in WEAK_FORMS:
                prefix = form + ":"
                for k, v in w.items():
                    if k.startswith(prefix):
                        base = k[len(prefix) :]
                        got[base] = got.get(base, 0.0) + v if base in w else v
            self._tables[form] = got
        return got

    def logit(self, feats: dict[str, float], form: str) -> float:
        w = self.table(form)
        dot: float = sum(map(mul, map(w.__getitem__, feats), feats.values()))
        return self.intercept + dot


@dataclass(frozen=True, slots=True)
class Scorer:
    directory: Model
    detector: Model

    @classmethod
    def from_json(cls, data: dict[str, dict[str, object]]) -> Scorer:
        def model(d: dict[str, object]) -> Model:
            intercept = d["intercept"]
            weights = d["weights"]
            threshold = d.get("threshold", 0.5)
            assert isinstance(intercept, int | float) and isinstance(weights, dict)
            assert isinstance(threshold, int | float) and 0.0 < threshold < 1.0
            return Model(
                float(intercept), {str(k): float(v) for k, v in weights.items()}, float(threshold)
            )

        return cls(model(data["directory"]), model(data["detector"]))

    def model(self, source: str) -> Model:
        return self.directory if source == "directory" else self.detector


@cache
def shipped_scorer() -> Scorer:
    """The coefficients in ``data/scorer.json`` (fitted by ``train_scorer``)."""
    path = resources.files("app.names.data").joinpath("scorer.json")
    return Scorer.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(slots=True)
class Subject:
    """What :func:`features` needs about the whole subject, computed once."""

    tokens: list[Token]
    mode: CaseMode
    context: frozenset[int]  # person-context words ("detention", "EHCP", "mum")
    work: tuple[int, ...]  # words that make a name-shaped pair a thing ("booking", "voucher")
    groups: frozenset[int]  # form groups ("8Q", "11X2"), year groups and periods ("Y11", "P5")
    lex: dict[str, Entry]
    # token spans (first, last) that name a well-known brand, work or place
    # ("Jack Wills", "Romeo and Juliet"): see :func:`_thing_spans`
    things: frozenset[tuple[int, int]]
    places: frozenset[str]  # folded place names (the shared list)
    # first and last tokens of every candidate span (a school subject or
    # month alone excepted: "FRENCH & ENGLISH SEATING" is not two surnames)
    starts: frozenset[int] = frozenset()
    ends: frozenset[int] = frozenset()
    # tokens a rostered first name alone stands on: a run of them is a list
    # written without commas ("shiv orla aoibheann and darragh")
    firsts: frozenset[int] = frozenset()
    segs: list[int] = field(default_factory=list)  # each token's segment number
    # the last "he", "she", "him", "herself"... in the subject (-1: none): a word
    # before it may be the person it stands for ("ocean wet himself")
    he_she: int = -1
    # sentence case with one capital, the first word's ("Young carers card -
    # hope - signed by sharon", as a phone types it): lower case says less
    lead_cap: bool = False
    memo: dict[tuple[int, int, bool, float], dict[str, float] | None] = field(
        default_factory=dict
    )  # the evidence around each span, by span (see features)

    @classmethod
    def of(
        cls,
        tokens: list[Token],
        mode: CaseMode,
        lex: dict[str, Entry],
        cands: Sequence[Candidate] = (),
    ) -> Subject:
        context: list[int] = []
        work: list[int] = []
        groups: list[int] = []
        segs: list[int] = []
        seg = 0
        he_she = -1
        for k, t in enumerate(tokens):
            key = t.key
            if t.seg_start:
                seg += 1
            segs.append(seg)
            if key in HE_SHE:
                he_she = k
            if key in CONTEXT_WORDS:
                context.append(k)
            if key in WORK_CONTEXT:
                work.append(k)
            if key in YEAR_WORDS or (not t.alpha and is_group_code(key)):
                groups.append(k)
        starts: set[int] = set()
        ends: set[int] = set()
        firsts: set[int] = set()
        for c in cands:
            if c.i != c.j or tokens[c.i].key not in SCHOOL_WORDS:
                starts.add(c.i)
                ends.add(c.j)
            if c.form == "first" and c.source == "directory" and c.i == c.j:
                firsts.add(c.i)
        return cls(
            tokens,
            mode,
            frozenset(context),
            tuple(work),
            frozenset(groups),
            lex,
            _thing_spans(tokens, lex),
            places(),
            frozenset(starts),
            frozenset(ends),
            frozenset(firsts),
            segs,
            he_she=he_she,
            lead_cap=mode is CaseMode.SENTENCE and _lead_cap_only(tokens),
        )


def _lead_cap_only(tokens: list[Token]) -> bool:
    """Of the words of two letters or more, one is capitalised and it comes
    first (a reply prefix, "Re:", "Fwd:", left out); the rest are lower case
    or acronyms, three or more of them lower case."""
    seen_lower = False
    caps = lower = 0
    for t in tokens:
        if not t.alpha or len(t.text) < 2 or t.upper:
            continue
        if t.lower:
            lower += 1
            seen_lower = True
        elif t.key in REPLY_PREFIXES and not seen_lower and not caps:
            continue
        else:
            caps += 1
            if seen_lower or caps > 1:
                return False
    return caps == 1 and lower >= 3


def features(c: Candidate, subj: Subject) -> bool:
    """Add the subject's evidence to ``c.feats``; False if ``c`` can never be a name.

    For a weak form (a first name or surname alone) the model weighs each
    feature differently ("detention" next to a surname alone says more
    than next to a full name): see :func:`expand` and :meth:`Model.table`.
    """
    # Candidates on the same span (a directory first name, surname and the
    # detector's reading of "Will") share the evidence around it: computed once.
    key = (c.i, c.j, c.titled, c.wordness)
    got = subj.memo.get(key, _UNSEEN)
    if got is _UNSEEN:
        got = subj.memo[key] = _context(c.i, c.j, c.titled, c.wordness, subj)
    if got is None:
        return False
    c.feats.update(got)
    if c.form == "first" and c.source == "directory" and _in_run(c.i, c.j, subj):
        c.feats["name_run"] = 1.0
        if c.i == c.j and _run_length(c.i, subj) >= 3:
            # three or more rostered first names in a row: the ones around
            # are other pupils, not this one's first name or surname
            # ("choir list Diya Anaya Kavya Meera")
            c.feats.pop("after_name_shaped", None)
            c.feats.pop("first:followed_by_surname", None)
            c.feats.pop("first:followed_by_surname_uncased", None)
    return True


def _run_length(k: int, subj: Subject) -> int:
    """How many rostered first names stand in a row with the one at ``k``, in
    one segment."""
    firsts, tokens = subj.firsts, subj.tokens
    a = b = k
    while a - 1 in firsts and not tokens[a].seg_start and not tokens[a - 1].possessive:
        a -= 1
    while b + 1 in firsts and not tokens[b + 1].seg_start and not tokens[b].possessive:
        b += 1
    return b - a + 1


def _in_run(i: int, j: int, subj: Subject) -> bool:
    """A rostered first name next to another, in one segment: "AUTUMN IVY JUNE"
    (not across a possessive: "Tiana's nana" is Tiana's grandmother)."""
    firsts, tokens = subj.firsts, subj.tokens
    return (i - 1 in firsts and not tokens[i].seg_start and not tokens[i - 1].possessive) or (
        j + 1 in firsts and not tokens[j + 1].seg_start and not tokens[j].possessive
    )


_UNSEEN: dict[str, float] = {}

# after a modal, what makes it one: a verb's base form or a negation
_MODAL_NEXT = TO_VERBS | {"not", "need", "be", "have", "probably", "also", "still", "now"}


def _context(
    i: int, j: int, titled: bool, wordness: float, subj: Subject
) -> dict[str, float] | None:
    tokens = subj.tokens
    mode = subj.mode
    first, last = tokens[i], tokens[j]
    n = len(tokens)
    nxt = tokens[j + 1] if j + 1 < n else None
    prev = tokens[i - 1] if i > 0 else None
    # A name never starts or ends inside "Ferreira-Lopes" or "O'Neill".
    if first.joined or (nxt is not None and nxt.joined):
        return None
    f: dict[str, float] = {}
    f[_MODE[mode]] = 1.0
    if mode is SENTENCE:
        # (the later parts of a hyphenated name may be typed in lower case: "Lily-rose")
        if any(
            t.lower and len(t.text) >= 2 and t.key not in _PARTICLES and not t.joined
            for t in tokens[i : j + 1]
        ):
            f["lower_in_sentence"] = 1.0
            if subj.lead_cap:
                f["lower_after_lead_cap"] = 1.0  # "... signed by sharon"
        elif not first.seg_start and not titled and first.cap:
            f["cap_mid"] = 1.0
            f["cap_mid_word"] = wordness
    if first.seg_start and (nxt is None or nxt.seg_start) and not titled:
        f["alone"] = 1.0
    if i == 0:
        f["subject_start"] = 1.0
    if first.seg_start and not titled:
        # how word-like a name is that starts the subject or a segment, where
        # its capital says nothing: "Cerys hay fever meds" against "Will you
        # cover P5" (the two features above cannot weigh them apart)
        f["start_word"] = wordness
    if nxt is None:
        f["subject_end"] = 1.0
    if i == j and first.key in SEASONS:
        # a term, not a pupil: "Autumn 2", "Spring Term", and a season alone
        # closing a subject after its first segment ("Governors' Report - Summer")
        if nxt is not None and not nxt.seg_start and nxt.key in TERM_AFTER:
            f["season_term"] = 1.0
        elif (
            nxt is None
            and first.seg_start
            and prev is not None
            and not prev.comma  # a list's last name: "Grace, Hope, Autumn"
            and prev.key not in JOINERS
        ):
            f["season_last"] = 1.0

    context = subj.context
    if context:
        if any(j < k <= j + 2 or i - 2 <= k < i for k in context):
            f["context_near"] = 1.0
        if any(k < i - 2 or k > j + 2 for k in context):
            f["context_far"] = 1.0
    if subj.he_she > j:
        f["he_she_after"] = 1.0  # "ocean wet himself", "rafaela absent, brother says she's"
    if last.possessive:
        f["possessive"] = 1.0
        f["possessive_word"] = wordness
        if last.bare_possessive:
            f["possessive_bare"] = 1.0  # "amirs bag", and the plural "Wrens" (a class)
        if nxt is not None and j + 1 in context:
            f["possessive_context"] = 1.0

    if prev is not None and not titled and not first.seg_start:
        if prev.key in LEAD_WORDS:
            f["after_lead"] = 1.0
        elif prev.key in JOINERS:
            f["after_joiner"] = 1.0
        elif _name_shaped(prev, mode, subj.lex) and prev.key not in ROLE_WORDS:
            f["after_name_shaped"] = 1.0
        elif prev.key in PRONOUNS:
            f["after_pronoun"] = 1.0
        elif prev.key in DETERMINERS:
            f["after_determiner"] = 1.0
            # "the field is flooded", "our hope": weighed by how word-like
            f["after_determiner_word"] = wordness
        elif (
            not prev.possessive
            and _everyday(prev.key, subj.lex)
            and prev.key not in CONTEXT_WORDS
            and prev.key not in STOP_WORDS
            and prev.key not in PRE_NAME_WORDS
            and prev.key not in ROLE_WORDS
            and prev.key not in verb_forms()
        ):
            # after an everyday word, a word-like name is often a compound
            # noun's second half ("car jack", "WATER BILL")
            f["after_common"] = 1.0
            f["after_common_word"] = wordness
        if (verb := verb_forms().get(prev.key)) is not None:
            # the object of a verb: "Who collects Poppy", "Hazel bit King"
            f["after_" + verb.removeprefix("before_")] = 1.0
        if prev.key in ROLE_WORDS:
            f["after_role"] = 1.0  # "candidate Kaya", "examiner Harbans Lall"
        if prev.key in ASK_ALONE and nxt is not None and not nxt.seg_start:
            # "pls chase lukas": a verb more often than a name; at the end of
            # its segment it is the person asked ("SIGN FOR IT PLS VICKY")
            f["after_please"] = 1.0
        if prev.key in ASK_ALONE and i == j and first.key in TO_VERBS:
            f["after_please_verb"] = 1.0  # "PLEASE CHASE - Y8 MISSING MARKS"
        if prev.key in PRE_NAME_WORDS or (
            prev.key in YOU_WORDS and i >= 2 and tokens[i - 2].key in THANK_WORDS
        ):
            f["after_pre_name"] = 1.0  # "Thanks Claire", "Thank you Catherine"
    if prev is not None and prev.comma and not titled:
        f["after_comma"] = 1.0
    if prev is not None and first.seg_start and prev.key == "w" and not titled:
        f["after_lead"] = 1.0  # "w/ Eze": the slash ends a segment, "w/" still leads
    # another candidate name across "&", "and", "+" or a comma: a list of
    # people ("Jade & Rose", "lukasz + tomek", "Kowalczyk, Popa & Hassan")
    starts, ends = subj.starts, subj.ends
    if (
        nxt is not None
        and not last.possessive
        and ((nxt.key in JOINERS and j + 2 in starts) or (last.comma and j + 1 in starts))
    ) or (
        prev is not None
        and not titled
        and ((prev.key in JOINERS and i - 2 in ends) or (prev.comma and i - 1 in ends))
    ):
        f["list_name"] = 1.0
    elif _listed_with_word(tokens, i, j, subj.lex, titled):
        f["list_word"] = 1.0  # "Christian values - Hope, Friendship, Courage"
    elif (nxt is not None and not last.possessive and nxt.key in OR_WORDS and j + 2 in starts) or (
        prev is not None and not titled and prev.key in OR_WORDS and i - 2 in ends
    ):
        f["list_or"] = 1.0
    if nxt is not None and not last.possessive:
        if nxt.key in JOINERS or (last.comma and _name_shaped(nxt, mode, subj.lex)):
            f["before_joiner"] = 1.0
        after = tokens[j + 2].key if j + 2 < n else ""
        if i == j and first.key in MODALS and not nxt.seg_start and nxt.key in _MODAL_NEXT:
            # the word itself a modal before a verb: "helen will cover", "WILL
            # NEED THE MINIBUS KEYS" (not "Will - bumped head", "Will's coat")
            f["modal_use"] = 1.0
        if nxt.key in ASK_WORDS and (nxt.key in ASK_ALONE or after in YOU_WORDS):
            f["before_ask"] = 1.0  # "Dan can you check", "Dan please check"
        elif nxt.key in _TO and (after in TO_VERBS or after in _TXT_SEE):
            f["before_to_verb"] = 1.0  # "kian to see mr heywood", "gift 2 c mrs q"
        elif nxt.key in MODALS and after in TO_VERBS:
            f["before_modal_verb"] = 1.0  # "Kamran can do Tuesdays"
        elif nxt.key in FAMILY_WORDS and first.key not in FAMILY_ADJECTIVES:
            f["before_family"] = 1.0  # "HOME VISIT - MOYO FAMILY" (not "new family")
        elif nxt.key in SIBLING_MARKS and not nxt.seg_start:
            f["before_sibling"] = 1.0  # "Okafor ma - exeat form"
        elif nxt.key == "from" and not nxt.seg_start:
            f["before_from"] = 1.0  # "Raj from Drum Up", "KEITH FROM TEMPEST"
        if not nxt.seg_start or nxt.key in JOINERS:
            key = nxt.key
            if key in PRONOUNS:
                f["before_pronoun"] = 1.0
                # "Hope you had a good half term" (a word-like name) against
                # "kayleigh u in room 12?" (a name spoken to)
                f["before_pronoun_word"] = wordness
            elif key in AFTER_NAME_VERBS:
                f["before_verb"] = 1.0
            elif key in NOUN_AFTER_WORD:
                f["before_noun_of_word"] = 1.0
            elif (verb := verb_forms().get(key)) is not None:
                # any inflected verb: "isla brought a rabbit", "will missed the
                # bus" (a past tense: not the modal), "DELROY COVERING"
                f[verb] = 1.0
            elif key in SIBLING_MARKS:
                pass  # "Okafor ma": weighed above, not an ordinary word after a name
            elif key in _ADVERBS and (verb := _verb_at(tokens, j + 2)) is not None:
                # an adverb, then the verb: "Popescu still owes £40", "amir now
                # has a plan"
                f[verb] = 1.0
            elif nxt.lower and nxt.alpha and subj.lex.get(key, UNKNOWN).is_common_word:
                # "Holly wreath", "Daisy chain": a word-like name, then an ordinary word
                f["before_common"] = 1.0
                f["before_common_word"] = wordness
    # a form group next to it: "Tobi 8Q", "Kofi to 8R", "(7R)", "in 9T"
    groups = subj.groups
    if groups:
        if i - 1 in groups and i == j and first.key in SCHOOL_WORDS:
            pass  # "Y8 Art", "10X English": the class's subject, not a pupil in it
        elif j + 1 in groups or j + 2 in groups or j + 3 in groups or i - 1 in groups:
            f["form_group_near"] = 1.0
            if (
                j + 1 in groups
                and not tokens[j + 1].seg_start
                and first.key not in SCHOOL_WORDS
                and not last.possessive
            ):
                # right before it: "Hope 11LO walked out", "MARK 9SK - LATE" (a
                # pupil and their class, the way registers and staff write them;
                # "English 10B" is the class's subject, left out above)
                f["before_form_group"] = 1.0
        else:
            f["form_group_far"] = 1.0  # a class, year or period elsewhere: about pupils
        if i - 1 in groups and not first.seg_start and not last.possessive:
            # straight after a year or class: a class named after a tree or an
            # author ("Y1 Rowan", "Y2 DONALDSON", "REC OAK & ASH") far more
            # often than a pupil ("Y9 Gurpreet")
            f["after_group"] = 1.0
            p2 = tokens[i - 2] if i >= 2 else None
            if (
                i == j
                and p2 is not None
                and prev is not None
                and not prev.seg_start
                and not p2.comma
                and p2.key not in _GROUP_LEADS
                and _name_shaped(p2, mode, subj.lex)
            ):
                # a name, its year, then this: the class ("willow y4 hazel
                # upset", "CAINE Y3 ASH NOT IN"), not a second pupil
                f["after_name_group"] = 1.0

    # a number next to it that is not a form group: a date or a numbered thing
    # ("27 June", "6th Jan", "Autumn 2", "Spring 1 data drop")
    if prev is not None and prev.key[:1].isdigit() and i - 1 not in groups:
        f["after_number"] = 1.0
    if nxt is not None and nxt.key[:1].isdigit() and j + 1 not in groups and not nxt.seg_start:
        f["before_number"] = 1.0

    if nxt is not None and nxt.key in PLACE_HEADS and (not nxt.seg_start or last.possessive):
        f["place_after"] = 1.0
        if nxt.key in GROUP_WORDS and not last.possessive and not nxt.seg_start:
            f["before_group"] = 1.0  # "for Otter class": a class named after an animal
    elif (
        nxt is not None
        and j + 2 < n
        and not nxt.seg_start
        and nxt.cap
        # "DOMINYKAS WHICH CLASS?": no name between
        and nxt.key not in STOP_WORDS
        and nxt.key not in _WH_WORDS
        and not tokens[j + 2].seg_start
        and tokens[j + 2].key in PLACE_HEADS
    ):
        f["place_after_next"] = 1.0  # "Mary Potter Health Centre", "LEN SHAW SPORTS HALL"
    if j > i and last.key in PLACE_HEADS:
        f["place_last"] = 1.0
        # how much the place word is a surname too: "Kelly Hill", "Sam Green"
        # are people more often than "Don Valley", "Eden Camp"
        f["place_last_surname"] = subj.lex.get(last.key, UNKNOWN).surname_strength
    if prev is not None and prev.key in PLACE_LEADS and not first.seg_start:
        f["place_before"] = 1.0
    work = subj.work
    if work and any(k < i or k > j for k in work):
        # in the name's own segment ("Ted Baker voucher", "Florence Hall
        # booking") or only in another ("Scarlett - costume for Peter Pan")
        # A name alone weighs it by how word-like the name is: "Holly wreath
        # workshop" is the plant, but "Aisha phoned about the trip" is Aisha,
        # whatever the trip.
        strength = 1.0 if j > i else wordness
        seg = subj.segs
        if strength:
            if any((k < i or k > j) and seg[k] == seg[i] for k in work):
                f["work_context"] = strength
            else:
                f["work_context_far"] = strength
    if subj.things and _named_thing(i, j, subj.things):
        f["named_thing"] = 1.0
    if j > i and last.key in subj.places:
        # a full name ending in a town or country ("priya oxford interview",
        # "family in Bulgaria"): weighed, not refused ("Ben Holloway")
        f["last_place"] = 1.0
    if nxt is not None and nxt.key in TRIP_WORDS and not nxt.seg_start and not last.possessive:
        f["before_trip"] = 1.0  # "FORFAR TRIP CANCELLED", "Arran Residential"
    elif (
        nxt is not None
        and j + 2 < n
        and not nxt.seg_start
        and not last.possessive
        and not tokens[j + 2].seg_start
        and tokens[j + 2].key in TRIP_WORDS
    ):
        f["before_trip_far"] = 1.0  # "Florence art trip", "PARIS SKI TRIP"
    if _after_phrase(tokens, i, "to", TRIP_TO_WORDS) and not last.possessive:
        f["after_trip_to"] = 1.0  # "Residential to Arran", "visit to Armagh"
    if _after_phrase(tokens, i, "of", PLACE_OF):
        f["after_place_of"] = 1.0  # "Isle of Skye", "Isle of Lewis", "City of London"
    if _place_name(tokens, i, j, subj.places):
        f["place_name"] = 1.0
        if prev is not None and prev.key in _PLACE_PREPOSITIONS:
            f["place_name_after_preposition"] = 1.0
    if n <= 3:
        f["few_words"] = 1.0

    return f


def expand(feats: dict[str, float], form: str) -> dict[str, float]:
    """``feats`` with, for a weak form, each shared feature copied under the
    form's prefix: what the model is fitted on (see :meth:`Model.table`)."""
    if form not in WEAK_FORMS:
        return feats
    prefix = form + ":"
    out = dict(feats)
    for k, v in feats.items():
        if not k.startswith(prefix) and not k.startswith("form:"):
            out[prefix + k] = v
    return out


_MODE = {m: "mode:" + m.value for m in CaseMode}
SENTENCE = CaseMode.SENTENCE


def score(c: Candidate, model: Model) -> None:
    """Set ``c.logit`` and ``c.score`` from ``c.feats``."""
    logit = model.logit(c.feats, c.form)
    c.logit = logit
    c.score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def explain(feats: Mapping[str, float], model: Model, form: str, top: int = 4) -> list[str]:
    """The features that moved a score most, strongest first: "+2.1 context_near"."""
    w = model.table(form)
    parts = sorted(
        ((w.get(k, 0.0) * v, k) for k, v in feats.items() if w.get(k, 0.0) * v),
        key=lambda x: -abs(x[0]),
    )
    return [f"{x:+.1f} {k}" for x, k in parts[:top]]


_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "via"})


def _place_name(tokens: list[Token], i: int, j: int, known: frozenset[str]) -> bool:
    """The span, or the span and the word after or before it, is a place
    ("Florence", "El Paso", "Tel Aviv"; "Kingston upon Thames" is not needed:
    "Kingston" is)."""
    key = tokens[i].key if i == j else " ".join(t.key for t in tokens[i : j + 1])
    if key in known:
        return True
    if j + 1 < len(tokens) and key + " " + tokens[j + 1].key in known:
        return True
    return i > 0 and not tokens[i].seg_start and tokens[i - 1].key + " " + key in known


_VOWELS = frozenset("aeiouy")


_SKIP_IN_THINGS = frozenset({"&", "and", "the", "of"})


def _thing_spans(tokens: list[Token], lex: dict[str, Entry]) -> frozenset[tuple[int, int]]:
    """Every token span (first, last) of the subject whose words, "and", "&",
    "the" and "of" left out, are a well-known brand, work, place or public
    figure (``NAMED_THINGS``): looked for once per subject, from the words
    such names start with. A storm is named too: "Storm" before a capitalised
    given name that is no everyday word ("Storm Arwen - school closed",
    "STORM BELLA"; the Met Office names storms after people), not "STORM NOT
    IN TODAY"."""
    n = len(tokens)
    out: set[tuple[int, int]] = set()
    for a in range(n):
        first = tokens[a].key
        if first == "storm" and a + 1 < n and tokens[a].cap:
            nxt = tokens[a + 1]
            e = lex.get(nxt.key)
            if (
                nxt.cap
                and not nxt.seg_start
                and not tokens[a].possessive
                and e is not None
                and e.first
                and not e.is_common_word
            ):
                out.add((a, a + 1))
        if first not in NAMED_THING_STARTS:
            continue
        words = [first]
        b = a + 1
        while b < n and len(words) < NAMED_THING_MAX_WORDS:
            key = tokens[b].key
            if key not in _SKIP_IN_THINGS:
                words.append(key)
                name = " ".join(words)
                if name in NAMED_THINGS or name.replace("'", "") in NAMED_THINGS:
                    out.add((a, b))
            b += 1
    return frozenset(out)


def _after_phrase(tokens: list[Token], i: int, word: str, heads: frozenset[str]) -> bool:
    """Token ``i`` follows one of ``heads`` and then ``word``, in one segment:
    "Residential to Arran" (an outing, "to"), "Isle of Skye" (a place word, "of")."""
    return (
        i >= 2
        and tokens[i - 1].key == word
        and tokens[i - 2].key in heads
        and not tokens[i].seg_start
    )


def _named_thing(i: int, j: int, spans: frozenset[tuple[int, int]]) -> bool:
    """The span lies inside a well-known brand, work, place or historical
    person's name ("Jack Wills", "Peter Pan", "Paul" in "St Vincent de
    Paul"), or such a name of two words or more makes up all of the span but
    one word at an end ("Julia Donaldson Gruffalo trail": the author, then
    her book); such names run across "and"/"&" too: "Romeo and Juliet",
    "Marks & Spencer"."""
    return any(
        (a <= i and j <= b) or (b > a and i <= a and b <= j and (b - a) + 1 >= (j - i))
        for a, b in spans
    )


# adverbs between a name and its verb ("Popescu still owes")
_ADVERBS = frozenset(
    ["still", "now", "also", "already", "just", "again", "never", "always", "really", "finally"]
)


def _verb_at(tokens: list[Token], k: int) -> str | None:
    """The feature a verb at ``k`` gives the name before it (``before_verb``,
    ``before_verb_past``...), if ``k`` is a verb in the name's segment."""
    if k >= len(tokens) or tokens[k].seg_start:
        return None
    key = tokens[k].key
    if key in AFTER_NAME_VERBS:
        return "before_verb"
    return verb_forms().get(key)


def _listed_with_word(
    tokens: list[Token], i: int, j: int, lex: Mapping[str, Entry], titled: bool
) -> bool:
    """Next to an everyday word across "&", "and", "+" or a comma: a list of
    things, not of people ("Hope, Friendship, Courage", "oak & ash")."""
    n = len(tokens)
    last = tokens[j]
    if j + 1 < n and not last.possessive:
        nxt = tokens[j + 1]
        if last.comma and _plain_word(nxt.key, lex):
            return True
        if (
            nxt.key in JOINERS
            and j + 2 < n
            and not tokens[j + 2].seg_start
            and _plain_word(tokens[j + 2].key, lex)
        ):
            return True
    if i >= 1 and not titled:
        prev = tokens[i - 1]
        if prev.comma and _plain_word(prev.key, lex):
            return True
        if (
            prev.key in JOINERS
            and i >= 2
            and not tokens[i].seg_start
            and _plain_word(tokens[i - 2].key, lex)
            and not tokens[i - 2].possessive
        ):
            return True
    return False


def _everyday(key: str, lex: Mapping[str, Entry]) -> bool:
    """An everyday word written in lower case nearly always and no first name
    ("car", "water": rare surnames too)."""
    e = lex.get(key)
    return e is not None and e.is_common_word and e.wordness >= 0.9 and not e.first


def _plain_word(key: str, lex: Mapping[str, Entry]) -> bool:
    """An everyday word and neither a first name nor a surname ("which")."""
    e = lex.get(key)
    return e is not None and e.is_common_word and not e.first and not e.surname


def _name_shaped(t: Token, mode: CaseMode, lex: Mapping[str, Entry]) -> bool:
    """Could be the first half of a name ("May" in "May Murphy"). Where case
    says nothing, an everyday word that is no first name is not ("home visit
    mcdonagh": "visit" does not make "mcdonagh" a second name); in Title Case,
    where every word has its capital, neither ("New Starter Zihan Li")."""
    if not t.alpha or len(t.text) < 2 or t.key in _NOT_NAMES:
        return False
    if len(t.key) >= 3 and not _VOWELS.intersection(t.key):
        return False  # an abbreviation ("MTG", "SLT", "Hwk"), not a name
    if mode is CaseMode.SENTENCE:
        return t.cap and not t.upper
    if mode is CaseMode.TITLE and not t.cap:
        return False
    e = lex.get(t.key)
    return e is None or not e.is_common_word or e.first > 0
