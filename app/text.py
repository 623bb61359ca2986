"""Text normalisation shared by the directory and the name matcher; whole numbers
read from text a caller sent."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Apostrophe-like characters staff type or paste (Word's curly quote, the
# modifier letter, the prime) all mean the same thing in a name.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-fold, strip diacritics and unify apostrophes: ``Zoë O’Neill`` -> ``zoe o'neill``.

    Length may change (``ß`` -> ``ss``); callers that need offsets into the
    original use :func:`fold_char_by_char` instead.
    """
    if text.isascii():
        # The same answer, quicker, for nearly every name and address: ASCII
        # has nothing to decompose and nothing combining, and its case fold is
        # its lower case.
        return text.lower().replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_char_by_char(text: str) -> str:
    """Like :func:`fold` but one output character per input character, so
    offsets found in the folded text are offsets in the original.

    A character whose folding is not exactly one character (``ß``, ligatures)
    is kept lower-cased as it is.
    """
    out = []
    for ch in text:
        f = fold(ch)
        out.append(f if len(f) == 1 else ch.lower())
    return "".join(out)


def whole_number(raw: str, most: int, least: int = 0) -> int | None:
    """``raw`` as a whole number from ``least`` to ``most``, or None.

    Only ASCII digits count: ``str.isdigit`` alone lets through what ``int``
    refuses (``"\u00b2"``, and digit strings past Python's 4,300-digit limit),
    so a path, query or CSV cell of either was a ``ValueError`` where "not a
    number" was meant. Leading zeros are fine (``"007"`` is 7).
    """
    if not (raw.isascii() and raw.isdigit()) or len(raw.lstrip("0")) > len(str(most)):
        return None
    n = int(raw)
    return n if least <= n <= most else None
