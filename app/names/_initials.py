"""Initials as school staff write them, for SUB001's fix and its evidence.

A surname of several parts keeps every part's initial, because that is
what tells two families apart on a class list: "Ruby Smith-Jones" is
"R.S-J." (the hyphen kept), "Daan van der Berg" is "D.vdB." (Dutch,
German, French and Italian particles in lower case, as the name itself
writes them), "Siobhán Ní Bhriain" is "S.NB.". That is the ``compact``
style, the default. ``dotted`` gives every initial in capitals with its
own dot ("R.S.J.", "D.V.D.B."), which some MIS exports and schools use
instead. An apostrophe is not a part break: "O'Neill" and "McDonald"
are "O." and "M.".
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.names._tokens import fold_fast


class InitialsStyle(StrEnum):
    COMPACT = "compact"  # R.S-J., D.vdB.
    DOTTED = "dotted"  # R.S.J., D.V.D.B.


# Particles written in lower case inside a name ("van der Berg", "de la Cruz",
# "von Trapp", "di Stefano"). Gaelic ones ("Ní", "Mac", "Ó") are capitalised.
_LOWER_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "dei", "di", "da", "das", "dos"}
    | {"du", "la", "le", "ter", "ten", "te", "zu"}
)
_PART = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|-")


def surname_initials(last: str, style: InitialsStyle = InitialsStyle.COMPACT) -> str:
    """The surname's initials without the final dot: "Smith-Jones" -> "S-J"."""
    parts = _PART.findall(last)
    words = [p for p in parts if p != "-"]
    if not words:
        return ""
    if style is InitialsStyle.DOTTED:
        return ".".join(w[0].upper() for w in words)
    out: list[str] = []
    for p in parts:
        if p == "-":
            if out and out[-1] != "-":
                out.append("-")
            continue
        particle = fold_fast(p) in _LOWER_PARTICLES and p is not words[-1]
        out.append(p[0].lower() if particle else p[0].upper())
    return "".join(out).strip("-")


def initials(first: str, last: str, style: InitialsStyle = InitialsStyle.COMPACT) -> str:
    """ "Ruby", "Smith-Jones" -> "R.S-J."; either part may be empty ("Dr Okonkwo" -> "O.")."""
    f = _PART.findall(first)
    head = f[0][0].upper() if f and f[0] != "-" else ""
    tail = surname_initials(last, style)
    return ".".join(x for x in (head, tail) if x) + "." if head or tail else ""
