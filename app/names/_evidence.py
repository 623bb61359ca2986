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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from app.names._lexicon import UNKNOWN, Entry
from app.names._tokens import CaseMode, Token
from app.names._vocab import (
    AFTER_NAME_VERBS,
    CONTEXT_WORDS,
    HONORIFICS,
    JOINERS,
    LEAD_WORDS,
    NAMED_THINGS,
    NOUN_AFTER_WORD,
    PARTICLES,
    PLACE_HEADS,
    PLACE_LEADS,
    PRE_NAME_WORDS,
    PRONOUNS,
    SCHOOL_WORDS,
    STOP_WORDS,
    WORK_CONTEXT,
    is_form_group,
)

_PARTICLES = PARTICLES
_NOT_NAMES = CONTEXT_WORDS | STOP_WORDS | SCHOOL_WORDS | HONORIFICS | PLACE_HEADS
_WEAK_FORMS = frozenset({"first", "last"})


@dataclass(slots=True)
class Candidate:
    i: int  # first token of the name
    j: int  # last token of the name (inclusive)
    form: str  # "full", "reversed", "first+initial", "initial+last", "title+last", "first", "last"
    source: str  # "directory" | "detector"
    feats: dict[str, float]  # form features, set by the finder; context added by features()
    why: list[str]
    wordness: float = 0.0  # of the leading name token, scales the case evidence
    persons: tuple[int, ...] = ()
    titled: bool = False
    score: float = field(default=0.0)
    logit: float = 0.0
    ambiguous: bool = False  # a directory name that also reads as a place or organisation


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic-regression coefficients for one finder."""

    intercept: float
    weights: dict[str, float]

    def logit(self, feats: dict[str, float]) -> float:
        w = self.weights
        return self.intercept + sum(w.get(k, 0.0) * v for k, v in feats.items())


@dataclass(frozen=True, slots=True)
class Scorer:
    directory: Model
    detector: Model

    @classmethod
    def from_json(cls, data: dict[str, dict[str, object]]) -> Scorer:
        def model(d: dict[str, object]) -> Model:
            intercept = d["intercept"]
            weights = d["weights"]
            assert isinstance(intercept, int | float) and isinstance(weights, dict)
            return Model(float(intercept), {str(k): float(v) for k, v in weights.items()})

        return cls(model(data["directory"]), model(data["detector"]))

    def model(self, source: str) -> Model:
        return self.directory if source == "directory" else self.detector


@cache
def shipped_scorer() -> Scorer:
    """The coefficients in ``data/scorer.json`` (fitted by ``train_scorer``)."""
    path = resources.files("app.names.data").joinpath("scorer.json")
    return Scorer.from_json(json.loads(path.read_text(encoding="utf-8")))


def features(
    c: Candidate,
    tokens: list[Token],
    mode: CaseMode,
    context: frozenset[int],
    lex: dict[str, Entry],
) -> bool:
    """Add the subject's evidence to ``c.feats``; False if ``c`` can never be a name.

    ``context`` holds the indices of tokens that are person-context words.
    Every feature is also copied with a ``form:`` prefix so that the model
    can weigh it differently for a weak form (a first name or surname
    alone) and a strong one.
    """
    first, last = tokens[c.i], tokens[c.j]
    n = len(tokens)
    nxt = tokens[c.j + 1] if c.j + 1 < n else None
    prev = tokens[c.i - 1] if c.i > 0 else None
    # A name never starts or ends inside "Ferreira-Lopes" or "O'Neill".
    if first.joined or (nxt is not None and nxt.joined):
        return False
    f: dict[str, float] = {}

    f["mode:" + mode.value] = 1.0
    if mode is CaseMode.SENTENCE:
        names = [t for t in tokens[c.i : c.j + 1] if len(t.text) >= 2 and t.key not in _PARTICLES]
        if any(t.lower for t in names):
            f["lower_in_sentence"] = 1.0
        elif not first.seg_start and not c.titled and first.cap:
            f["cap_mid"] = 1.0
            f["cap_mid_word"] = c.wordness
    if first.seg_start and (nxt is None or nxt.seg_start) and not c.titled:
        f["alone"] = 1.0
    if c.i == 0:
        f["subject_start"] = 1.0
    if nxt is None:
        f["subject_end"] = 1.0

    near = [k for k in context if c.j < k <= c.j + 2 or c.i - 2 <= k < c.i]
    far = context.difference(range(c.i - 2, c.j + 3))
    if last.possessive:
        f["possessive"] = 1.0
        f["possessive_word"] = c.wordness
        if nxt is not None and c.j + 1 in context:
            f["possessive_context"] = 1.0
    if near:
        f["context_near"] = 1.0
    if far:
        f["context_far"] = 1.0

    if prev is not None and not c.titled and not first.seg_start:
        if prev.key in LEAD_WORDS:
            f["after_lead"] = 1.0
        elif prev.key in JOINERS:
            f["after_joiner"] = 1.0
        elif _name_shaped(prev, mode):
            f["after_name_shaped"] = 1.0
        elif prev.key in PRONOUNS:
            f["after_pronoun"] = 1.0
    if prev is not None and prev.comma and not c.titled:
        f["after_comma"] = 1.0
    if nxt is not None and not last.possessive:
        if nxt.key in JOINERS or (last.comma and _name_shaped(nxt, mode)):
            f["before_joiner"] = 1.0
        if not nxt.seg_start or nxt.key in JOINERS:
            if nxt.key in PRONOUNS:
                f["before_pronoun"] = 1.0
            elif nxt.key in AFTER_NAME_VERBS:
                f["before_verb"] = 1.0
            elif nxt.key in NOUN_AFTER_WORD:
                f["before_noun_of_word"] = 1.0
            elif nxt.lower and nxt.alpha and lex.get(nxt.key, UNKNOWN).is_common_word:
                # "Holly wreath", "Daisy chain": a word-like name then an ordinary word
                f["before_common"] = 1.0
                f["before_common_word"] = c.wordness
    # a form group next to it: "Tobi 8Q", "Kofi to 8R", "(7R)", "in 9T"
    for k in (c.j + 1, c.j + 2, c.j + 3):
        if k < n and is_form_group(tokens[k].text):
            f["form_group_near"] = 1.0
            break
    if prev is not None and is_form_group(prev.text):
        f["form_group_near"] = 1.0

    if nxt is not None and nxt.key in PLACE_HEADS and (not nxt.seg_start or last.possessive):
        f["place_after"] = 1.0
    if c.j > c.i and last.key in PLACE_HEADS:
        f["place_last"] = 1.0
    if prev is not None and prev.key in PLACE_LEADS and not first.seg_start:
        f["place_before"] = 1.0
    if any(tokens[k].key in WORK_CONTEXT for k in range(n) if k < c.i or k > c.j):
        f["work_context"] = 1.0
    if _named_thing(tokens, c.i, c.j):
        f["named_thing"] = 1.0
    if prev is not None and prev.key in PRE_NAME_WORDS and not first.seg_start:
        f["after_pre_name"] = 1.0
    f["few_words"] = 1.0 if n <= 3 else 0.0

    weak = c.form in _WEAK_FORMS
    out = c.feats
    for name, v in f.items():
        out[name] = v
        if weak:
            out[c.form + ":" + name] = v
    return True


def score(c: Candidate, model: Model) -> None:
    """Set ``c.logit`` and ``c.score`` from ``c.feats``."""
    logit = model.logit(c.feats)
    c.logit = logit
    c.score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def explain(c: Candidate, model: Model, top: int = 4) -> list[str]:
    """The features that moved ``c``'s score most, strongest first: "+2.1 context_near"."""
    w = model.weights
    parts = sorted(
        ((w.get(k, 0.0) * v, k) for k, v in c.feats.items() if w.get(k, 0.0) * v),
        key=lambda x: -abs(x[0]),
    )
    return [f"{x:+.1f} {k}" for x, k in parts[:top]]


def _named_thing(tokens: list[Token], i: int, j: int) -> bool:
    """The span, or the span with the word before or after it, is a well-known
    brand, work, place or historical person ("Jack Wills", "Peter Pan")."""
    lo, hi = max(0, i - 1), min(len(tokens) - 1, j + 1)
    for a, b in ((i, j), (i, hi), (lo, j)):
        if b > a or (b == a and a != i):
            key = " ".join(
                t.key for t in tokens[a : b + 1] if t.key not in ("&", "and", "the", "of")
            )
            if key.replace("'", "") in NAMED_THINGS or key in NAMED_THINGS:
                return True
    return False


def _name_shaped(t: Token, mode: CaseMode) -> bool:
    """Could be the first half of a name ("May" in "May Murphy")."""
    if not t.alpha or len(t.text) < 2 or t.key in _NOT_NAMES:
        return False
    if mode is CaseMode.SENTENCE:
        return t.cap and not t.upper
    return mode is not CaseMode.TITLE or t.cap


def context_indices(tokens: list[Token]) -> frozenset[int]:
    return frozenset(k for k, t in enumerate(tokens) if t.key in CONTEXT_WORDS)
