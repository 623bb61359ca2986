"""Who is named in a subject line: the public surface of :mod:`app.names`.

Policy: "If the email concerns an individual, do not name them in the
'subject field'." Rule SUB001 asks :meth:`NameIndex.find` for the people a
subject names and offers :func:`redact` as the fix.

A :class:`NameIndex` is built once per roster load (``Directory.build``
calls :meth:`NameIndex.build`) and then only read; ``find`` is pure and does
no I/O, so it can sit on the send-time hot path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from app.domain import PersonKind
from app.names import _detector
from app.names._directory import DirectoryIndex
from app.names._evidence import (
    WEAK_FORMS,
    Candidate,
    Model,
    Scorer,
    Subject,
    explain,
    features,
    score,
    shipped_scorer,
)
from app.names._initials import InitialsStyle, initials
from app.names._lexicon import Entry, lexicon, namelike, verb_forms
from app.names._tokens import Token, case_mode, fold_fast, tokenize
from app.names._vocab import AFTER_NAME_VERBS, HONORIFICS, PARTICLES
from app.people import Person


class RedactStyle(StrEnum):
    INITIALS = "initials"  # "J.S."
    REFERENCE = "reference"  # the person's MIS reference where the directory has one, else initials
    WORD = "word"  # a neutral word, e.g. "pupil" / "student" / "staff member"


@dataclass(frozen=True, slots=True)
class Mention:
    """One person named in a subject.

    ``start``/``end`` index the subject; the span covers the name only, not a
    title before it ("Mrs Begum" -> "Begum") nor a possessive after it
    ("Amir's" -> "Amir"), so that a replacement keeps both. ``person`` is set
    when the directory pins the mention to exactly one person; when several
    people fit (two pupils called Leo M.), up to 20 of them are in
    ``candidates`` and ``person`` is ``None``. ``why`` lists the evidence, for
    the admin view. ``ambiguous`` is set when the directory knows the name but
    the subject also reads another way, named in ``reading``: ``"place"``, a
    place, organisation or work ("Florence Hall booking" with a pupil
    Florence Hall on roll), ``"class"``, the name of one of the school's
    classes, tutor groups or houses ("Rowan photos" with a class and a pupil
    called Rowan), or ``"word"``, a rostered first name or surname alone that
    is also an everyday word, with nothing around it saying person or word
    ("RE: Hope" with a pupil called Hope).
    """

    start: int
    end: int
    text: str
    source: Literal["directory", "detector"]
    person: Person | None
    kind: PersonKind | None
    score: float
    reasons: tuple[str, ...]
    form: str = ""
    candidates: tuple[Person, ...] = ()
    ambiguous: bool = False
    reading: Literal["", "place", "class", "word"] = ""
    features: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)
    model: Model | None = field(default=None, repr=False, compare=False)

    @property
    def why(self) -> str:
        """The finder's reasons, then the features that moved the score most
        ("+1.8 before_verb"): computed when asked, not on the hot path."""
        parts = list(self.reasons)
        if self.model is not None:
            parts += explain(self.features, self.model, self.form)
        if self.ambiguous:
            parts.append(_READINGS.get(self.reading, "also reads another way"))
        return "; ".join(parts)


_READINGS = {
    "place": "also reads as a place or organisation",
    "class": "also the name of a class or house at this school",
    "word": "also an everyday word, and nothing around it says which",
}
_READING: dict[str, Literal["place", "class", "word"]] = {
    "place": "place",
    "class": "class",
    "word": "word",
}
_MAX_CANDIDATES = 20  # "Mr Brown" fits hundreds in a big trust: list a few, pin none


class NameIndex:
    """The directory's people, ready to be found in subject lines."""

    __slots__ = ("_dir", "_lex", "_scorer")

    def __init__(self, directory: DirectoryIndex, scorer: Scorer | None = None) -> None:
        self._dir = directory
        self._lex = lexicon()
        namelike("a")  # load the spelling model now, not on a subject's first unlisted name
        verb_forms()
        self._scorer = scorer or shipped_scorer()

    @classmethod
    def build(cls, people: Iterable[Person], scorer: Scorer | None = None) -> NameIndex:
        """Index ``people`` (may be empty: then only the detector runs).

        ``scorer`` replaces the shipped coefficients (for training and
        cross-validation only)."""
        return cls(DirectoryIndex(tuple(people)), scorer)

    def candidates(self, subject: str, *, detector: bool = True) -> list[Candidate]:
        """Every candidate span in ``subject`` with its features, unscored
        (what ``train_scorer`` fits on)."""
        return self._candidates(subject, detector)[1]

    def _candidates(self, subject: str, detector: bool) -> tuple[list[Token], list[Candidate]]:
        if not subject:
            return [], []
        folded = fold_fast(subject)
        tokens = tokenize(subject, folded)
        if not tokens:
            return [], []
        mode = case_mode(tokens)
        lex = self._lex
        _bare_possessives(tokens, self._dir.ids, lex)
        hits = self._dir.lattice(folded, tokens, lex)
        cands = self._dir.candidates(tokens, hits, mode, lex)
        if detector:
            # With a roster, a first name alone that nobody on it has is
            # someone the school cannot identify from it ("Thanks Claire",
            # "Amber weather warning"): not worth a prompt.
            cands.extend(_detector.candidates(tokens, mode, lex, first_alone=self._dir.empty))
        if not cands:
            return tokens, []
        subj = Subject.of(tokens, mode, lex, cands)
        out = [
            c
            for c in cands
            if features(c, subj)
            and (c.form != "last" or _evidenced(c))
            # a well-known brand, work, place or public figure ("Ted Baker",
            # "Marie Curie"): never a private individual to the detector (a
            # pupil who shares the name is the directory's to weigh)
            and not (c.source == "detector" and "named_thing" in c.feats)
        ]
        groups = self._dir.class_words
        if groups:
            # the name of one of the school's classes or houses ("in rowan",
            # "ROWAN, OAK, WYE"): the directory weighs it, and says so if the
            # name still stands; to the detector, which knows no such person,
            # it is the class ("Swimming letters - Caldey")
            out = [
                c
                for c in out
                if c.source == "directory"
                or not all(t.key in groups for t in tokens[c.i : c.j + 1])
            ]
        for c in out:
            if groups and all(t.key in groups for t in tokens[c.i : c.j + 1]):
                # A class does nothing and owns nothing: with a verb after it, a
                # possessive or a lead word, it is weighed apart ("hazel had a
                # great morning", "Messages for Holly")
                doing = any(k in c.feats for k in _DOING)
                c.feats["class_word_doing" if doing else "class_word"] = 1.0
            if any(t.typo for t in tokens[c.i : c.j + 1]):
                c.feats["typo"] = 1.0  # a slip of a rostered name: weighed
                c.why.append("spelt one slip away from the roster")
        return tokens, out

    def span_text(self, subject: str, c: Candidate) -> tuple[str, int, int]:
        """(text, start, end) of a candidate from :meth:`candidates`."""
        tokens = self._tokens(subject)
        start = tokens[c.i].start
        last = tokens[c.j]
        end = last.end + 1 if len(last.text) == 1 and last.dot else last.end
        return subject[start:end], start, end

    def contributions(self, c: Candidate) -> list[tuple[str, float, float]]:
        """``(feature, value, weight)`` for a scored candidate, largest effect
        first, the intercept first of all (for ``names scan --explain``)."""
        model = self._scorer.model(c.source)
        w = model.table(c.form)
        rows = [(k, v, w.get(k, 0.0)) for k, v in c.feats.items()]
        rows.sort(key=lambda r: -abs(r[1] * r[2]))
        return [("intercept", 1.0, model.intercept), *rows]

    def mentions(
        self, subject: str, cands: list[Candidate], min_score: float | None = None
    ) -> list[Mention]:
        """Score ``cands`` (from :meth:`candidates`) and keep the best non-overlapping."""
        return self._mentions(subject, self._tokens(subject), cands, min_score)

    def _tokens(self, subject: str) -> list[Token]:
        tokens = tokenize(subject, fold_fast(subject))
        _bare_possessives(tokens, self._dir.ids, self._lex)
        return tokens

    def _mentions(
        self, subject: str, tokens: list[Token], cands: list[Candidate], min_score: float | None
    ) -> list[Mention]:
        scorer = self._scorer
        directory, detector = scorer.directory, scorer.detector
        if min_score is None:
            least = (directory.threshold, detector.threshold)
        else:
            least = (min_score, min_score)
        for c in cands:
            if c.source == "directory":
                score(c, directory)
                if c.score >= least[0]:
                    reading = _other_reading(c)
                    if reading:
                        c.ambiguous, c.reading = True, reading
            else:
                score(c, detector)
        chosen = _choose(cands, least)
        if not chosen:
            return []
        people = self._dir.people
        out = []
        for c in chosen:
            start = tokens[c.i].start
            last = tokens[c.j]
            end = last.end + 1 if len(last.text) == 1 and last.dot else last.end
            persons = tuple(map(people.__getitem__, c.persons[:_MAX_CANDIDATES]))
            kinds = {p.kind for p in persons}
            out.append(
                Mention(
                    start=start,
                    end=end,
                    text=subject[start:end],
                    source="directory" if c.source == "directory" else "detector",
                    person=persons[0] if len(persons) == 1 else None,
                    kind=kinds.pop()
                    if len(kinds) == 1 and len(c.persons) == len(persons)
                    else None,
                    score=round(c.score, 3),
                    reasons=tuple(c.why),
                    form=c.form,
                    candidates=persons,
                    ambiguous=c.ambiguous,
                    reading=_READING.get(c.reading, ""),
                    features=c.feats,
                    model=scorer.model(c.source),
                )
            )
        return out

    def find(
        self, subject: str, *, detector: bool = True, min_score: float | None = None
    ) -> list[Mention]:
        """The people named in ``subject``, sorted by start, never overlapping.

        ``detector=False`` reports only people in the directory. ``min_score``
        is the least score for a mention to count; ``None`` uses each
        finder's operating point (``Model.threshold``, chosen offline by
        cross-validation: lower for the directory, which knows the names).
        """
        tokens, cands = self._candidates(subject, detector)
        return self._mentions(subject, tokens, cands, min_score) if cands else []


# a relative after a name's bare possessive ("hopes mum", "summers gran")
_KIN = frozenset(
    [
        "mum",
        "mam",
        "mom",
        "mummy",
        "dad",
        "daddy",
        "gran",
        "nan",
        "nana",
        "nanna",
        "grandma",
        "grandad",
        "grandpa",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "brother",
        "sister",
        "bro",
        "sis",
        "stepdad",
        "stepmum",
        "cousin",
        "carer",
    ]
)


def _bare_possessives(tokens: list[Token], parts: Mapping[str, int], lex: dict[str, Entry]) -> None:
    """A possessive typed without its apostrophe ("Amirs coat", "tobis mum",
    "Zielinskis homework"): a token in no dictionary that is a name with an
    "s" after it becomes the name, marked possessive (in place).

    The name is a part of a rostered name, or a first name in the lexicon
    that is not an everyday word; the token itself must be in no word list
    (but for a rostered name's before a relative: "hopes mum rang"),
    so "Marks", "Rogers" and "James" stay as they are, and so does a name
    with a capitalised word after it ("Debs Holloway": a short form, then a
    surname), one that ends the subject or a segment, or one before a verb
    form the lexicon knows ("wrens started": a plural). Such a possessive is
    marked ``bare_possessive`` too, and weighed apart (``possessive_bare``)."""
    n = len(tokens)
    for k, t in enumerate(tokens):
        key = t.key
        if (
            len(key) < 4
            or key[-1] != "s"
            or t.possessive
            or not t.alpha
            or key in parts
            or not t.text[-1].isalpha()
        ):
            continue
        if key in lex and not (
            # a word ("hopes", "summers") before a relative is a rostered
            # name's possessive: "hopes mum rang", "dot wood (summers gran)"
            k + 1 < n
            and key[:-1] in parts
            and tokens[k + 1].key in _KIN
            and not tokens[k + 1].seg_start
        ):
            continue
        # something must follow it: a plural ends a segment or does something
        # ("Chickenpox in Wrens", "wrens started on time": a class named after a bird)
        if k + 1 >= n:
            continue
        nxt = tokens[k + 1]
        if nxt.seg_start or (nxt.cap and not nxt.upper):
            continue
        if nxt.key in AFTER_NAME_VERBS or nxt.key in verb_forms():
            continue
        stem = key[:-1]
        e = lex.get(stem)
        if stem in parts or (e is not None and e.first and not e.is_common_word):
            t.end -= 1
            t.text = t.text[:-1]
            t.key = stem
            t.possessive = True
            t.bare_possessive = True


# What says a name alone is a person whatever else it reads as: something it
# does or is asked, a possessive, a word that only comes before a person, a
# household ("Hazel left her bag", "Rowan's coat", "thanks Willow").
_STRONG_PERSON = (
    "possessive",
    "before_verb",
    "after_pre_name",
    "before_ask",
    "before_to_verb",
    "before_family",
    "before_sibling",
)


# What makes a rostered surname that is also a school subject, school word
# or month ("English", "French", "May") a person when it stands alone: a
# possessive, a word that only ever comes before a person, a verb after it,
# a list with another name. Context words do not ("Y10 ENGLISH MOCK
# RESULTS", "FRENCH & ENGLISH SEATING"): mocks, results and seating plans
# are about subjects too; nor does a lead word ("concern from English",
# "missing from English paper 1": the department, the subject). So: what
# says any name alone is a person, and a list of names.
_SURNAME_EVIDENCE = (*_STRONG_PERSON, "list_name", "name_run")


def _evidenced(c: Candidate) -> bool:
    """False for a directory surname alone that is a school word with no
    evidence of a person around it (see ``_SURNAME_EVIDENCE``)."""
    feats = c.feats
    if c.form != "last" or c.source != "directory" or not feats.get("last:school_word"):
        return True
    return any(k in feats for k in _SURNAME_EVIDENCE)


# "Hall" in "Florence Hall" alone is not enough: it is her surname. Something
# else in the subject must read as a place, an organisation or a work.
_PLACE_FEATURES = ("place_after", "place_before", "work_context", "work_context_far", "named_thing")


# A rostered name alone that is also an everyday word ("Hope", "Will", "Summer")
# is a person when the words around it say so: a verb of doing after it, a
# possessive, a lead word or title before it, a person-context word, a form
# group, a list of names, a capital mid-sentence. With none of these ("RE:
# Hope", "Summer"), nothing decides between the person and the word.
# what a person does and a class does not (see ``class_word``)
_DOING = (
    "possessive",
    "before_verb",
    "after_lead",
    "after_pre_name",
    "before_ask",
    "before_to_verb",
    "before_family",
    "he_she_after",
)

_PERSON_FEATURES = (
    "context_near",
    "context_far",
    "possessive",
    "before_verb",
    "after_lead",
    "after_pre_name",
    "after_joiner",
    "before_joiner",
    "after_comma",
    "form_group_near",
    "form_group_far",
    "before_form_group",
    "cap_mid",
    "before_ask",
    "before_to_verb",
    "before_family",
    "name_run",
)
_WORD_LIKE = 0.5  # wordness from which a name alone is also an everyday word


def says_person(m: Mention) -> bool:
    """True when the words around a mention, not only its form, say it is a
    person (see ``_STRONG_PERSON``; a verb of any tense counts). SUB001 asks
    this of a name that is also one of the school's own words (a class, house
    or room: ``school_words``)."""
    return any(k in m.features for k in _STRONG_PERSON) or any(
        k.startswith("before_verb_") for k in m.features
    )


def _other_reading(c: Candidate) -> str:
    """ "place", "class", "word" or "" (see :class:`Mention`) for a passing
    directory candidate."""
    feats = c.feats
    if "class_word" in feats:
        return "class"
    if any(k in feats for k in _PLACE_FEATURES):
        return "place"
    if (
        c.form in WEAK_FORMS
        and c.wordness >= _WORD_LIKE
        and not any(k in feats for k in _PERSON_FEATURES)
    ):
        return "word"
    return ""


def _outranked(c: Candidate, directory: list[Candidate]) -> bool:
    """A detector reading gives way to a directory one on the same span, or
    to a more confident one it overlaps ("see Catrin" is Catrin; "Oyelaran,
    Iqbal" is two pupils, not "Surname, First")."""
    for d in directory:
        if d.i <= c.j and c.i <= d.j and ((d.i, d.j) == (c.i, c.j) or d.score >= c.score):
            return True
    return False


def _choose(cands: list[Candidate], least: tuple[float, float]) -> list[Candidate]:
    """Longest first among those that pass, then best score; never overlapping.

    "Amir Khan" is kept over "Khan" alone whenever both pass: the shorter
    reading would leave part of the name in the subject. Where the
    directory and the detector find the same span, the directory's reading
    is kept whatever the scores: it knows who the person is; a detector
    reading overlapping a more confident directory one gives way too, and a
    detector reading of exactly a rostered name the directory turned down
    ("Florence Hall booking": the room, says the directory, which knows a
    pupil of that name) is not taken either.
    """
    least_directory, least_detector = least
    turned_down = {
        (c.i, c.j) for c in cands if c.source == "directory" and c.score < least_directory
    }
    passing = [
        c
        for c in cands
        if c.score >= (least_directory if c.source == "directory" else least_detector)
        and not (c.source != "directory" and (c.i, c.j) in turned_down)
    ]
    if len(passing) < 2:
        return passing  # nothing to choose between (most subjects)
    # The readings of one title's name ("Mr Gareth Pryce Timesheet", "Mr
    # Gareth Pryce") are alternatives, each scored with where it cuts: the
    # best of them stands for the title, not the longest.
    best_titled: dict[int, Candidate] = {}
    for c in passing:
        if c.form == "title+last" and c.source == "detector":
            b = best_titled.get(c.i)
            if b is None or c.score > b.score:
                best_titled[c.i] = c
    if best_titled:
        passing = [
            c
            for c in passing
            if not (c.form == "title+last" and c.source == "detector") or best_titled[c.i] is c
        ]
    directory = [c for c in passing if c.source == "directory"]
    ranked = sorted(
        (c for c in passing if c.source == "directory" or not _outranked(c, directory)),
        key=lambda c: (c.i - c.j, -c.score, c.source != "directory"),
    )
    taken: list[Candidate] = []
    used: set[int] = set()
    for c in ranked:
        span = range(c.i, c.j + 1)
        if used.isdisjoint(span):
            taken.append(c)
            used.update(span)
    taken.sort(key=lambda c: c.i)
    return taken


# -- redaction ---------------------------------------------------------------

_TITLE_BEFORE = re.compile(r"(?i)\b([a-z]+)\.?\s+(?:&\s+[a-z]+\.?\s+)?$")


def _split_text(text: str, form: str) -> tuple[str, str]:
    """(first, surname) from the text of a mention, by the form it was found in."""
    first_part, comma, rest = text.partition(",")
    if comma:  # "Khan, Amir"
        return rest, first_part
    if form == "username":  # "BHall"
        return text[:1], text[1:]
    words = text.split()
    if form == "last" or (
        form == "title+last" and (len(words) == 1 or fold_fast(words[0]) in PARTICLES)
    ):
        return "", text  # "Mrs Begum", "Mr van der Berg"
    if form == "first" or len(words) == 1:
        return text, ""
    return words[0], " ".join(words[1:])


def mention_initials(m: Mention, style: InitialsStyle = InitialsStyle.COMPACT) -> str:
    """The initials of the person ``m`` names: from the directory where it pins
    one person, else from the matched text ("Amir Khan" -> "A.K.")."""
    if m.person is not None:
        p = m.person
        return initials(p.preferred_name or p.first_name, p.last_name, style)
    first, last = _split_text(m.text, m.form)
    return initials(first, last, style)


def _replacement(m: Mention, style: RedactStyle, word: str, initials_style: InitialsStyle) -> str:
    if style is RedactStyle.WORD:
        return word
    if style is RedactStyle.REFERENCE and m.person is not None and m.person.mis_ref:
        return m.person.mis_ref
    return mention_initials(m, initials_style)


def redact(
    subject: str,
    mentions: Sequence[Mention],
    style: RedactStyle,
    word: str = "pupil",
    initials_style: InitialsStyle = InitialsStyle.COMPACT,
) -> str:
    """``subject`` with each mention replaced; never returns the name.

    INITIALS gives "A.K." (from the person where the directory knows them,
    else from the matched text; a multi-part surname keeps each part, see
    :mod:`app.names._initials`); REFERENCE gives the MIS reference where
    known, else initials; WORD gives ``word`` and also drops a title before
    the name ("Mrs Begum" -> "parent" rather than "Mrs parent"). A possessive
    stays: "Amir's report" -> "A.K.'s report".
    """
    out: list[str] = []
    pos = 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            continue
        start = m.start
        if style is RedactStyle.WORD:
            t = _TITLE_BEFORE.search(subject, pos, m.start)
            if t and t.group(1).lower() in HONORIFICS:
                start = t.start()
        out.append(subject[pos:start])
        out.append(_replacement(m, style, word, initials_style))
        pos = m.end
    out.append(subject[pos:])
    return "".join(out)
