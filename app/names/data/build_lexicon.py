"""Rebuild ``lexicon.tsv.gz``, the detector's knowledge of names and words.

Run by a maintainer when a source changes, never at run time::

    .venv/bin/python -m app.names.data.build_lexicon \
        --ons ../shared/data/ons-first-names-england-wales.csv \
        --lexeme spacy_lookups_data-1.0.5-py2.py3-none-any.whl

(``pip download --no-deps spacy-lookups-data`` fetches the wheel; only its
``en_lexeme_prob`` table is read.) Sources and licences are in NOTICE.md.

One row per case-folded token:

``token``
    folded spelling.
``first``
    ONS England and Wales registrations 1996-2024 (boys + girls), 0 if the
    token is not a first name there. Names given fewer than ``MIN_FIRST``
    times are left out: they cover under 1% of registrations and are mostly
    one-off spellings whose only effect would be noise. Because those
    registrations are of today's children, the names of their parents'
    and teachers' generation (Susan, Janet, Kevin) are rare in them; the US
    Census 1990 first-name lists shipped with ``names`` fill that gap: a
    Census share is converted to the registrations it would be among ONS's
    8.5 million per sex, and the larger of the two figures is kept.
``surname``
    rank in the US Census 1990 surname list (1 = Smith), 0 if absent; ranks
    beyond ``MAX_SURNAME_RANK`` are left out (under 0.0005% of people each).
``lower``
    share of the token's lower-case uses among its lower-case and
    capitalised uses in spaCy's English lexeme probabilities. This is what
    tells a name that is also an ordinary word ("will": 0.97, "grace": 0.67)
    from a name that is nearly only a name ("amir": 0.09). Empty when the
    corpus has no information (both spellings at its floor).
``logp``
    natural-log probability of the lower-case spelling as a word (empty
    if unseen), so that "reports" can be told from "okonkwo".

Lower-case words (``logp`` at least ``MIN_WORD_LOGP``, written in lower case
at least ``MIN_WORD_LOWER`` of the time) are included even when they are no
name, so that the detector can tell that an unknown capitalised token
("Refreshments", "Interpreters") is an ordinary word and not a surname.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import zipfile
from pathlib import Path

import names as census

MIN_FIRST = 20
MAX_SURNAME_RANK = 40_000
MIN_WORD_LOGP = -17.5
MIN_WORD_LOWER = 0.6
CENSUS_SCALE = 8_500_000  # ONS registrations per sex, 1996-2024
_FLOOR = -19.0  # the lexeme table's probability floor is about -19.5: no information
OUT = Path(__file__).with_name("lexicon.tsv.gz")


def _fold(text: str) -> str:
    from app.text import fold

    return fold(text)


def _load_probs(path: Path) -> dict[str, float]:
    member = "spacy_lookups_data/data/en_lexeme_prob.json.gz"
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf, zf.open(member) as raw, gzip.open(raw) as unzipped:
            data: dict[str, float] = json.load(unzipped)
    else:
        with gzip.open(path) as unzipped:
            data = json.load(unzipped)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ons", type=Path, required=True)
    ap.add_argument("--lexeme", type=Path, required=True)
    args = ap.parse_args()

    first: dict[str, int] = {}
    with args.ons.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            total = int(row["female"]) + int(row["male"])
            name = row["name"]
            if total >= MIN_FIRST and name[-1].isalpha():
                key = _fold(name)
                first[key] = first.get(key, 0) + total

    for sex in ("first:male", "first:female"):
        with open(census.FILES[sex], encoding="ascii") as fh:
            for line in fh:
                name, freq, _, _ = line.split()
                key = _fold(name)
                first[key] = max(first.get(key, 0), round(float(freq) / 100 * CENSUS_SCALE))

    surname: dict[str, int] = {}
    with open(census.FILES["last"], encoding="ascii") as fh:
        for line in fh:
            name, _, _, rank = line.split()
            if int(rank) > MAX_SURNAME_RANK:
                break
            surname.setdefault(_fold(name), int(rank))

    probs = _load_probs(args.lexeme)

    def lower_share(word: str) -> float:
        lo = math.exp(probs.get(word, _FLOOR - 5))
        return lo / (lo + math.exp(probs.get(word.title(), _FLOOR - 5)))

    words = {
        k
        for k, v in probs.items()
        if v >= MIN_WORD_LOGP and k.isalpha() and k.islower() and lower_share(k) >= MIN_WORD_LOWER
    }

    rows = []
    for token in sorted(set(first) | set(surname) | words):
        lo = probs.get(token)
        ti = probs.get(token.title())
        lower = ""
        if lo is not None or ti is not None:
            lo_v, ti_v = lo if lo is not None else _FLOOR - 1, ti if ti is not None else _FLOOR - 1
            if max(lo_v, ti_v) > _FLOOR:
                share = math.exp(lo_v) / (math.exp(lo_v) + math.exp(ti_v))
                lower = f"{share:.2f}"
        logp = f"{lo:.1f}" if lo is not None and lo > _FLOOR else ""
        rows.append(f"{token}\t{first.get(token, 0)}\t{surname.get(token, 0)}\t{lower}\t{logp}\n")

    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("token\tfirst\tsurname\tlower\tlogp\n")
        out.writelines(rows)
    print(f"{OUT}: {len(rows)} tokens")


if __name__ == "__main__":
    main()
