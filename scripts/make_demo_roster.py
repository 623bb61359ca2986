"""Regenerate the demo school's synthetic roster (app/demo/roster.csv).

Names are drawn at random (fixed seed) from ONS first names for England and
Wales (OGL v3, shared/data) and US Census surnames (the ``names`` package),
with a few British surnames the census list lacks. Nobody here is real; any
match with a real pupil is chance.

    python scripts/make_demo_roster.py ../shared/data/ons-first-names-england-wales.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import names as names_pkg

OUT = Path(__file__).resolve().parent.parent / "app" / "demo" / "roster.csv"
BRITISH = [
    "Begum",
    "Khan",
    "Patel",
    "Hussain",
    "Ahmed",
    "Evans",
    "Hughes",
    "Jones",
    "O'Neill",
    "Smith-Jones",
    "McDonald",
    "Van der Berg",
    "Okafor",
    "Nowak",
    "Kowalski",
    "Singh",
]


def main() -> None:
    ons = Path(sys.argv[1])
    with ons.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:3000]
    girls = [r["name"] for r in rows if int(r["female"]) > int(r["male"])]
    boys = [r["name"] for r in rows if int(r["male"]) >= int(r["female"])]
    census = Path(names_pkg.__file__).parent / "dist.all.last"
    surnames = [
        ln.split()[0].title() for ln in census.read_text().splitlines()[:2000]
    ] + BRITISH * 8
    rng = random.Random(20261123)
    out: list[dict[str, str]] = []
    used: set[tuple[str, str]] = set()

    def person(kind: str, n: int, first_pool: list[str], last: str | None = None) -> dict[str, str]:
        while True:
            first = rng.choice(first_pool)
            surname = last or rng.choice(surnames)
            if (first, surname) not in used:
                used.add((first, surname))
                break
        slug = f"{first}.{surname}".lower().replace("'", "").replace(" ", "")
        row = {
            "id": f"{ {'pupil': 'P', 'parent': 'C', 'staff': 'S'}[kind] }{n:05d}",
            "kind": kind,
            "first_name": first,
            "preferred_name": "",
            "last_name": surname,
            "middle_names": "",
            "email": "",
            "personal_emails": "",
            "mis_ref": "",
        }
        if kind == "pupil":
            row["email"] = f"{slug}@pupils.stmarys.sch.uk"
            row["mis_ref"] = f"ADM{n:04d}"
            if rng.random() < 0.05:
                row["personal_emails"] = f"{slug}{rng.randint(1, 99)}@gmail.com"
        elif kind == "staff":
            row["email"] = f"{slug}@stmarys.sch.uk"
        else:
            webmail = rng.choice(["gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk"])
            row["email"] = f"{slug.split('.')[0]}.{rng.randint(10, 999)}@{webmail}"
        return row

    for i in range(1, 301):
        pupil = person("pupil", i, rng.choice([girls, boys]))
        out.append(pupil)
        out.append(person("parent", i, girls if rng.random() < 0.6 else boys, pupil["last_name"]))
    for i in range(1, 41):
        out.append(person("staff", i, rng.choice([girls, boys])))
    # Fixed people the README's examples use.
    out.append(
        {
            "id": "P09001",
            "kind": "pupil",
            "first_name": "Amir",
            "preferred_name": "",
            "last_name": "Khan",
            "middle_names": "",
            "email": "amir.khan@pupils.stmarys.sch.uk",
            "personal_emails": "amirk2011@gmail.com",
            "mis_ref": "ADM9001",
        }
    )
    out.append(
        {
            "id": "P09002",
            "kind": "pupil",
            "first_name": "Zoë",
            "preferred_name": "Zoe",
            "last_name": "O'Neill",
            "middle_names": "",
            "email": "zoe.oneill@pupils.stmarys.sch.uk",
            "personal_emails": "",
            "mis_ref": "ADM9002",
        }
    )
    out.append(
        {
            "id": "S09001",
            "kind": "staff",
            "first_name": "Sarah",
            "preferred_name": "",
            "last_name": "Jones",
            "middle_names": "",
            "email": "s.jones@stmarys.sch.uk",
            "personal_emails": "",
            "mis_ref": "",
        }
    )
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(out[0]))
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} people to {OUT}")


if __name__ == "__main__":
    main()
