"""Write ``extra3.jsonl``: training subjects for the sibling marks, against ``../roster.csv``.

Written for issue 13's eighth round by the developer of the scorer from the
convention independent and boarding schools use to tell siblings apart
("Jones ma", "Patel mi", "Turner min"), not from any evaluation set's lines,
with the same words where they are no sibling mark (a Master of Arts, "mi"
in Spanish, "min" for minutes). Training data only, never evaluation. Marks as
in ``make_extra.py``: [directory] (on ../roster.csv), {detector} (not on it).
Run: ``python tests/data/names/train/make_extra3.py``.
"""

import json
from pathlib import Path

from make_extra import parse

SUBJECTS = """
[Jones] ma - exeat form not signed
[Jones] mi and [Jones] ma both off games
[Patel] mi left his blazer in chapel
exeat list: [Turner] ma, [Kelly] mi, [Price] min
[HUGHES] MA - DETENTION SAT
[hughes] mi - matron says temp 38
[Griffiths] ma to see the housemaster at 6
Can [Murphy] mi have a late lights?
[Brown] min needs a new tie
[WILLIAMS] MI - LEAVE-OUT REQUEST
Prep: [Nguyen] ma and [Ali] mi missed it
[murphy] ma + [murphy] mi flights home
MA in Education - fees support
mi casa es su casa - Spanish display
10 min late start tomorrow
MA Ed assignment deadline
Y9 Spanish: mi familia project
MIN 3 PEOPLE PER TABLE
PGCE and MA students - induction
30 min detention slips
""".strip().splitlines()


if __name__ == "__main__":
    path = Path(__file__).with_name("extra3.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for line in SUBJECTS:
            fh.write(json.dumps(parse(line), ensure_ascii=False) + "\n")
