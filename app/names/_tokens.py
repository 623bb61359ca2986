"""Tokens of a subject line, with the case and layout evidence a reader uses.

A subject is split into word tokens (letters and digits, with apostrophes
inside a word kept: ``O'Neill``), a trailing possessive is split off
(``Amir's`` -> ``Amir`` + possessive), and each token notes whether it starts
a segment (after ``Re:``, `` - ``, a bracket or a comma), because a capital
letter there says nothing about whether a word is a name.

The subject's *case mode* decides whether capitals are evidence at all: in
Title Case, ALL CAPS and all-lower subjects every word looks the same, so
only a sentence-case subject lets "Hope" (capitalised mid-sentence) be told
from "hope".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from app.names._vocab import STOP_WORDS
from app.text import fold_char_by_char

_WORD = re.compile(r"[^\W_]+(?:['\u2019\u2018\u02bc`][^\W_]+)*|[&+]")
WORD_RE = _WORD  # for the directory: how many tokens a name part spans
_APOS = "'\u2019\u2018\u02bc`"
_APOS_RE = re.compile("[" + _APOS + "]")
_SEGMENT_BREAK = re.compile(r"[:|()\[\]{},;!?/\u2013\u2014]|\s-|-\s|\.\s|\s\.|^-|-$")


class CaseMode(Enum):
    SENTENCE = "sentence"  # capitals carry information
    TITLE = "title"
    UPPER = "upper"
    LOWER = "lower"


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded
    alpha: bool  # letters only (no digits)
    cap: bool  # first letter upper-case
    upper: bool  # two or more letters, all upper-case
    lower: bool  # no upper-case letter
    seg_start: bool  # first token of a segment
    possessive: bool  # followed by 's or a bare apostrophe
    dot: bool  # immediately followed by "."
    comma: bool  # followed by ","
    end_poss: int  # end including the possessive, for the span after it
    joined: bool  # joined to the previous token by a hyphen or apostrophe only
    typo: bool = False  # matched a rostered name part only with one letter dropped or swapped
    bare_possessive: bool = False  # "amirs bag": an "s" taken as a possessive with no apostrophe
    shorthand: bool = False  # a letter that is a word here, never an initial: see _shorthand


def fold_fast(text: str) -> str:
    """:func:`app.text.fold_char_by_char` with a fast path for ASCII subjects
    (nearly all of them), where folding is lower-casing plus the backtick."""
    if text.isascii():
        return text.lower().replace("`", "'")
    return fold_char_by_char(text).translate(_STROKES)


# Letters Unicode does not decompose into a base letter and an accent, so that
# folding keeps them: Polish "Łukasz", Turkish "Aydın", Vietnamese "Đặng",
# Norwegian "Øyvind" are written without them as often as with them
# (one character for one, so offsets stay the subject's).
_STROKES = str.maketrans({"ł": "l", "ı": "i", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ŧ": "t"})


def tokenize(subject: str, folded: str) -> list[Token]:
    """Word tokens of ``subject``; ``folded`` is :func:`fold_fast` of it (same length)."""
    tokens: list[Token] = []
    append = tokens.append
    prev_end = 0
    n = len(subject)
    for m in _WORD.finditer(subject):
        s, e = m.span()
        text = m.group()
        if (
            (text == "s" or text == "S")
            and tokens
            and s - prev_end == 2
            and subject[prev_end] == " "
            and subject[s - 1] in _APOS
            and (e == n or not subject[e].isalnum())
        ):
            # "Elliott 's party": a possessive typed with a space before it
            prev = tokens[-1]
            prev.possessive = True
            prev.end_poss = prev_end = e
            continue
        possessive = False
        end_poss = e
        if text[-1] in "sS" and len(text) > 2 and text[-2] in _APOS:
            e -= 2
            text = text[:-2]
            possessive = True
        elif e < n and subject[e] in _APOS and (e + 1 == n or not subject[e + 1].isalnum()):
            possessive = text[-1] in "sS"
            end_poss = e + 1 if possessive else e
        gap = subject[prev_end:s]
        if not tokens:
            joined = False
            seg_start = True
        elif gap == " ":
            joined = seg_start = False
        else:
            joined = gap == "-" or (len(gap) == 1 and gap in _APOS)
            # "A. Khan": the dot after an initial does not end a segment.
            if len(tokens[-1].text) == 1 and gap[:1] == ".":
                gap = gap[1:]
            seg_start = not joined and _SEGMENT_BREAK.search(gap) is not None
        alpha = text.isalpha() or _APOS_RE.sub("", text).isalpha()
        upper = text.isupper() and len(text) > 1
        after = subject[end_poss : end_poss + 1]
        shorthand = len(text) == 1 and _shorthand(text, subject[s - 1 : s], after, subject, e)
        append(
            Token(
                s,
                e,
                text,
                folded[s:e],
                alpha,
                text[0].isupper(),
                upper,
                not upper and text.lower() == text,
                seg_start,
                possessive,
                after == ".",
                after == "," or (after == " " and subject[end_poss + 1 : end_poss + 2] == ","),
                end_poss,
                joined,
                shorthand=shorthand,
            )
        )
        prev_end = end_poss
    return tokens


def title_reaches(tokens: list[Token], k: int) -> bool:
    """Whether the title before ``tokens[k]`` reaches it: not across a dash,
    colon or bracket ("Ofsted - HMI - Day 1 schedule", "Mr: Day"), but across
    the dot of an abbreviated title ("Mr. Day", "Dr. Okafor")."""
    return not tokens[k].seg_start or tokens[k - 1].dot


def _shorthand(letter: str, before: str, after: str, subject: str, end: int) -> bool:
    """A single letter that staff type as a word, not as a name's initial:
    one next to a slash ("w/ Khan", "c/o", "w/c 12 May", "n/a"), an "x"
    before a number ("books x 30") and a "v" between two words ("Darwin v
    Fleming", "BECKFOOT V MOORSIDE": versus)."""
    if before == "/" or after == "/":
        return True
    if letter in "xX" and after == " " and end + 1 < len(subject) and subject[end + 1].isdigit():
        return True  # "ROMEO AND JULIET X 60": times, a count
    return letter in "vV" and after == " " and end + 1 < len(subject) and subject[end + 1].isalnum()


def case_mode(tokens: list[Token]) -> CaseMode:
    """How the subject is cased, from its words of two or more letters."""
    words = upper = lower = 0
    content_lower = False
    for t in tokens:
        if t.alpha and len(t.text) >= 2:
            words += 1
            if t.upper:
                upper += 1
            elif t.lower:
                lower += 1
                if not content_lower and t.key not in STOP_WORDS:
                    content_lower = True
    if not words:
        return CaseMode.TITLE
    if words >= 2 and upper >= 0.7 * words:
        return CaseMode.UPPER
    if lower == words or (lower + upper == words and content_lower):
        # all lower case but for acronyms ("incident report tyrese campbell -
        # PH used"): an acronym says nothing of how the writer types names
        return CaseMode.LOWER
    if content_lower:
        return CaseMode.SENTENCE
    return CaseMode.TITLE
