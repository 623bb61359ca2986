"""Rebuild ``verbs.txt.gz``: English verb forms that tell a name is a person.

Run by a maintainer, never at run time (lemminflect is a dev dependency)::

    .venv/bin/python -m app.names.data.build_verbs

"Isla brought a rabbit in", "DELROY COVERING TILL", "Favour moved up to
gold": a first name followed by a verb that someone does is a person, not
the word (compare "Summer term", "Mark scheme"). The hand list in
``_vocab.AFTER_NAME_VERBS`` holds the verbs of a school day's incidents;
this list holds every inflected verb form in lemminflect's English
dictionary (past tense, past participle, ``-ing`` and third person
``-s``), so that the evidence does not depend on a verb having been
foreseen. A form that differs from its base ("read" past is "read": left
out, it reads as the base) is kept; each line is ``form<TAB>tense<TAB>kind``:
tense is ``past`` (past tense or participle: "brought", "missed"), ``ing``
or ``s``; kind is ``verb`` when the dictionary knows the form only as a
verb ("brought", "said") and ``also`` when it is also a noun or adjective
("covering", "needs", "sheets"), which is weaker evidence ("Summer reading
list"). The scorer weighs each pair as its own feature: a past tense after
a word-like name says person ("will missed the bus") where a base form
does not ("will need a ladder").
Source and licence: NOTICE.md.
"""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources
from pathlib import Path

OUT = Path(__file__).with_name("verbs.txt.gz")


def _rows(name: str) -> list[list[str]]:
    path = resources.files("lemminflect").joinpath("resources", name)
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def main() -> None:
    forms: dict[str, str] = {}  # form -> "past" | "ing" | "s"
    for row in _rows("infl_lu.csv.gz"):
        if len(row) < 6 or row[1] != "verb" or not row[0].isalpha() or not row[0].islower():
            continue
        base = row[0]
        # columns: past tense, past participle, -ing, third person -s
        for form, tense in zip(row[2:6], ("past", "past", "ing", "s"), strict=True):
            for f in form.split("/"):
                if f and f != base and f.isalpha() and f.islower():
                    forms.setdefault(f, tense)
    other: set[str] = set()  # forms with a noun, adjective or adverb reading
    for row in _rows("lemma_lu.csv.gz"):
        if len(row) >= 2 and row[1] in ("noun", "adj", "adv") and row[0] in forms:
            other.add(row[0])
    lines = [f"{f}\t{forms[f]}\t{'also' if f in other else 'verb'}" for f in sorted(forms)]
    with gzip.open(OUT, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {OUT} ({len(lines)} forms, {len(other)} also nouns or adjectives)")


if __name__ == "__main__":
    main()
