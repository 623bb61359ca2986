"""Regenerate ``roster.csv``: a synthetic school roster (no real people).

Random pupils, staff and parents draw first names from the ONS England and
Wales baby-names file (shared/data) and surnames from the US Census 1990
surname list that the ``names`` package ships, mixed with common UK surnames
that list lacks or under-weights. A short curated block adds the people the
evaluation set needs on purpose: names that are also words (Will Brown,
Grace Hall), diacritics (Zoë, José), multi-part surnames (van der Berg,
Smith-Jones, O'Neill, McDonald) and preferred names.

The evaluation set (``eval.jsonl``) was written against this exact file, so
regenerate only with the same seed and inputs::

    .venv/bin/python tests/data/names/make_roster.py \
        ../shared/data/ons-first-names-england-wales.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import names as names_pkg

HERE = Path(__file__).resolve().parent
UK_SURNAMES = [
    "Jones",
    "Williams",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Price",
    "Begum",
    "Khan",
    "Patel",
    "Ahmed",
    "Hussain",
    "Ali",
    "Iqbal",
    "Akhtar",
    "Mahmood",
    "Rahman",
    "Uddin",
    "Islam",
    "Miah",
    "Chowdhury",
    "Osei",
    "Mensah",
    "Adeyemi",
    "Okoro",
    "Balogun",
    "Nowak",
    "Kowalski",
    "Wojcik",
    "Kaur",
    "Singh",
    "Sandhu",
    "Gill",
    "Murphy",
    "Kelly",
    "Byrne",
    "Doyle",
    "Campbell",
    "Fraser",
    "Robertson",
    "Thompson",
    "Walsh",
    "Nguyen",
    "Chen",
]

CURATED = [
    # id, first, preferred, last, kind
    ("P9001", "William", "Will", "Brown", "pupil"),
    ("P9002", "Grace", "", "Hall", "pupil"),
    ("P9003", "May", "", "Green", "pupil"),
    ("P9004", "Hope", "", "Young", "pupil"),
    ("P9005", "Summer", "", "White", "pupil"),
    ("P9006", "Mark", "", "Field", "pupil"),
    ("P9007", "Rose", "", "Church", "pupil"),
    ("P9008", "Faith", "", "Turner", "pupil"),
    ("P9009", "Zoë", "", "O'Neill", "pupil"),
    ("P9010", "José", "", "Martínez", "pupil"),
    ("P9011", "Ruby", "", "Smith-Jones", "pupil"),
    ("P9012", "Daan", "", "van der Berg", "pupil"),
    ("P9013", "Ellie", "", "McDonald", "pupil"),
    ("P9014", "Amir", "", "Khan", "pupil"),
    ("P9015", "Leo", "", "Morris", "pupil"),
    ("P9016", "Oliwia", "", "Nowak", "pupil"),
    ("P9017", "Chidi", "", "Okafor", "pupil"),
    ("P9018", "Aisha", "", "Begum", "pupil"),
    ("P9019", "Alexander", "Alex", "Turner", "pupil"),
    ("P9020", "Olufunmilayo", "Funmi", "Adeyemi", "pupil"),
    ("P9021", "Christopher", "Kit", "Hughes", "pupil"),
    ("P9022", "Siobhán", "", "Ní Bhriain", "pupil"),
    ("P9023", "Harry", "", "Wood", "pupil"),
    ("P9024", "Jack", "", "Mason", "pupil"),
    ("P9025", "Poppy", "", "Field", "pupil"),
    ("P9026", "Autumn", "", "Rivers", "pupil"),
    ("P9027", "Muhammad", "", "Ali", "pupil"),
    ("P9028", "Kacper", "", "Wojcik", "pupil"),
    ("P9029", "Bill", "", "Hall", "pupil"),
    ("S9101", "Imran", "", "Khan", "staff"),
    ("S9102", "Sarah", "", "Green", "staff"),
    ("S9103", "Helen", "", "Marsh", "staff"),
    ("S9104", "David", "", "Price", "staff"),
    ("S9105", "Joanne", "Jo", "Whitfield", "staff"),
    ("S9106", "Mark", "", "Lawson", "staff"),
    ("S9107", "Priya", "", "Sharma", "staff"),
    ("S9108", "Gareth", "", "Evans", "staff"),
    ("G9201", "Shirin", "", "Begum", "parent"),
    ("G9202", "Tariq", "", "Khan", "parent"),
    ("G9203", "Ngozi", "", "Okafor", "parent"),
    ("G9204", "Claire", "", "O'Neill", "parent"),
    ("G9205", "Anna", "", "Nowak", "parent"),
    ("G9206", "Kerry", "", "Brown", "parent"),
    ("G9207", "Daniel", "", "Morris", "parent"),
    ("G9208", "Lisa", "", "Smith-Jones", "parent"),
]


def _weighted(path: Path, min_count: int) -> tuple[list[str], list[int]]:
    names, weights = [], []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            total = int(row["female"]) + int(row["male"])
            if total >= min_count and row["name"][-1].isalpha():
                names.append(row["name"])
                weights.append(total)
    return names, weights


def _census_surnames(limit: int) -> tuple[list[str], list[float]]:
    out, weights = [], []
    with open(names_pkg.FILES["last"], encoding="ascii") as fh:
        for line in fh:
            name, freq, _, rank = line.split()
            if int(rank) > limit:
                break
            out.append(name.title().replace("Mc", "Mc"))
            weights.append(float(freq))
    return out, weights


def main(ons_csv: str) -> None:
    rng = random.Random(20250603)
    firsts, fw = _weighted(Path(ons_csv), 2000)
    surnames, sw = _census_surnames(3000)
    rows = []

    def surname() -> str:
        if rng.random() < 0.35:
            return rng.choice(UK_SURNAMES)
        return rng.choices(surnames, sw)[0]

    for i in range(420):
        rows.append((f"P{i:04d}", rng.choices(firsts, fw)[0], "", surname(), "pupil"))
    for i in range(70):
        rows.append((f"S{i:04d}", rng.choices(firsts, fw)[0], "", surname(), "staff"))
    for i in range(220):
        child = rows[rng.randrange(420)]
        rows.append((f"G{i:04d}", rng.choices(firsts, fw)[0], "", child[3], "parent"))
    rows.extend(CURATED)
    with (HERE / "roster.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "id",
                "first_name",
                "preferred_name",
                "last_name",
                "kind",
                "email",
                "personal_emails",
                "mis_ref",
            ]
        )
        for pid, first, pref, last, kind in rows:
            local = f"{(pref or first)}.{last}".lower().replace(" ", "").replace("'", "")
            domain = "parents.example.sch.uk" if kind == "parent" else "example.sch.uk"
            w.writerow([pid, first, pref, last, kind, f"{local}@{domain}", "", f"ADM{pid[1:]}"])


if __name__ == "__main__":
    main(sys.argv[1])
