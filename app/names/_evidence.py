"""Candidates and the evidence that turns them into scored mentions.

Both finders (the directory matcher and the roster-free detector) propose
:class:`Candidate` spans with a prior log-odds for their form ("Amir Khan"
is a strong form, "Grace" alone a weak one). :func:`score` then adds what a
careful reader would weigh, each item recorded for ``Mention.why``:

- capitals, where the subject's casing makes them informative (a word that
  is usually lower-case, capitalised mid-sentence, is probably a name; a
  name typed in lower case in a sentence-case subject probably is not);
- a possessive ("Amir's"), strongest when followed by a word about a person
  ("Leo's behaviour", "Summer's mum");
- words elsewhere in the subject that say it concerns a person (detention,
  EHCP, mum, safeguarding...) or lead into one ("meeting with", "about");
- a place or organisation word after the name ("Grace Academy", "Hope
  Street", "Jack Petchey Award") or an eponym marker before it ("St Mark's").

The weights are log-odds, set by reasoning about likelihood ratios (a
word that is usually lower-case, capitalised mid-sentence, is about 20
times likelier to be a name, so that evidence is worth up to +3), then
revised where ``tests/data/names/eval.jsonl`` showed a whole class of error
(a possessive or a capital says more about a word-like token; context next
to a name says more than context far from it). ``holdout.jsonl``, written
after those revisions and never tuned on, measures how far they generalise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.names._tokens import CaseMode, Token
from app.names._vocab import (
    CONTEXT_WORDS,
    HONORIFICS,
    JOINERS,
    LEAD_WORDS,
    PARTICLES,
    PLACE_HEADS,
    PLACE_LEADS,
    SCHOOL_WORDS,
    STOP_WORDS,
)

_PARTICLES = PARTICLES
_NOT_NAMES = CONTEXT_WORDS | STOP_WORDS | SCHOOL_WORDS | HONORIFICS | PLACE_HEADS


@dataclass(slots=True)
class Candidate:
    i: int  # first token of the name
    j: int  # last token of the name (inclusive)
    form: str  # "full", "reversed", "first+initial", "initial+last", "title+last", "first"
    source: str  # "directory" | "detector"
    logit: float
    why: list[str]
    wordness: float = 0.0  # of the leading name token, scales the case evidence
    persons: tuple[int, ...] = ()
    titled: bool = False
    score: float = field(default=0.0)


def score(c: Candidate, tokens: list[Token], mode: CaseMode, context: frozenset[int]) -> None:
    """Add the subject's evidence to ``c.logit`` and set ``c.score`` (0..1).

    ``context`` holds the indices of tokens that are person-context words.
    """
    first, last = tokens[c.i], tokens[c.j]
    n = len(tokens)
    nxt = tokens[c.j + 1] if c.j + 1 < n else None
    prev = tokens[c.i - 1] if c.i > 0 else None
    # A name never starts or ends inside "Ferreira-Lopes" or "O'Neill".
    if first.joined or (nxt is not None and nxt.joined):
        c.score = 0.0
        return
    logit = c.logit
    why = c.why

    if mode is CaseMode.SENTENCE:
        names = [t for t in tokens[c.i : c.j + 1] if len(t.text) >= 2 and t.key not in _PARTICLES]
        if any(t.lower for t in names):
            logit -= 3.0
            why.append("lower-case in a sentence-case subject")
        elif not first.seg_start and not c.titled and first.cap:
            logit += 1.0 + 2.0 * c.wordness
            why.append("capitalised mid-sentence")

    alone = first.seg_start and (nxt is None or nxt.seg_start)
    if alone and not c.titled:
        logit += 1.0
        why.append("stands alone as the topic")

    near = [k for k in context if c.j < k <= c.j + 2 or c.i - 2 <= k < c.i]
    # A possessive, like a capital, says more about a word-like token: "Will's"
    # is hardly ever the verb, while "Amir's" was a name anyway.
    possessive = 2.0 + 1.5 * c.wordness
    if last.possessive and nxt is not None and c.j + 1 in context:
        logit += possessive + 1.5
        why.append(f"possessive + '{nxt.text}'")
        if context.difference(range(c.i, c.j + 2)):
            logit += 0.5
    elif near:
        logit += 2.5
        why.append(f"person context next to it: '{tokens[near[0]].text}'")
    elif last.possessive:
        logit += possessive
        why.append("possessive")
        if context.difference(range(c.i, c.j + 1)):
            logit += 1.0
            why.append("person context: " + next(tokens[k].text for k in sorted(context)))
    elif context.difference(range(c.i, c.j + 1)):
        logit += 1.5
        why.append("person context: " + next(tokens[k].text for k in sorted(context)))

    if prev is not None and not c.titled and not first.seg_start:
        if prev.key in LEAD_WORDS:
            logit += 0.7
            why.append(f"after '{prev.text}'")
        elif prev.key in JOINERS:
            logit += 0.8
            why.append("joined to another name")
        elif c.form in ("first", "last") and _name_shaped(prev, mode):
            logit -= 2.0
            why.append(f"after another capitalised word '{prev.text}' (a surname?)")
    if nxt is not None and nxt.key in JOINERS and not last.possessive:
        logit += 0.5

    if (
        nxt is not None
        and nxt.key in PLACE_HEADS
        and (not nxt.seg_start or last.possessive)
        and (mode is not CaseMode.SENTENCE or nxt.cap)
    ):
        logit -= 4.0
        why.append(f"place/organisation word '{nxt.text}' follows")
    if prev is not None and prev.key in PLACE_LEADS and not first.seg_start:
        logit -= 4.0
        why.append(f"'{prev.text}' before it (place or eponym)")

    c.logit = logit
    c.score = 1.0 / (1.0 + math.exp(-logit))


def _name_shaped(t: Token, mode: CaseMode) -> bool:
    """Could be the first half of a name ("May" in "May Murphy")."""
    if not t.alpha or len(t.text) < 2 or t.key in _NOT_NAMES:
        return False
    if mode is CaseMode.SENTENCE:
        return t.cap and not t.upper
    return mode is not CaseMode.TITLE or t.cap


def context_indices(tokens: list[Token]) -> frozenset[int]:
    return frozenset(k for k, t in enumerate(tokens) if t.key in CONTEXT_WORDS)
