"""Build roster.csv from sources/staff.txt, pupils.txt, parents.txt and pools.txt (deterministic)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HEADER, ROOT, SRC, fold  # noqa: E402

DOMAIN = "normantonpark.derby.sch.uk"
N_PUPILS, N_PARENTS = 420, 90


def rows_of(name):
    out = []
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            out.append(line.split("|"))
    return out


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def main():
    rng = random.Random(61)
    people = []
    used_emails = set()

    def uniq_email(base):
        local, dom = base.split("@")
        e, n = base, 1
        while e in used_emails:
            n += 1
            e = f"{local}{n}@{dom}"
        used_emails.add(e)
        return e

    # staff
    codes = set()
    for i, (first, pref, last, code, _role) in enumerate(rows_of("staff.txt"), 1):
        assert len(code) == 3 and code.isalpha() and code.upper() not in codes, code
        codes.add(code.upper())
        email = uniq_email(f"{ascii_slug(pref or first)[0]}.{ascii_slug(last)}@{DOMAIN}")
        people.append(dict(id=f"S{i:03d}", first_name=first, preferred_name=pref, last_name=last, kind="staff",
                           email=email, personal_emails="", mis_ref=code.upper()))

    # pupils: hand-written core, then generated filler
    pupils = [(f, p, l, form) for f, p, l, form in rows_of("pupils.txt")]
    full = {f"{f} {l}" for f, _p, l, _ in pupils}
    pools = []
    for comm, w, firsts, lasts in rows_of("pools.txt"):
        pools.append((comm, int(w), firsts.split(","), lasts.split(",")))
    weights = [w for _, w, _, _ in pools]
    forms = [f"{y}{h}{n}" for y in range(7, 12) for h in "NWSR" for n in range(1, 5)] + \
            ["12HK", "12RP", "12TMa", "13AMo", "13LE", "13PFa"]
    while len(pupils) < N_PUPILS:
        comm, _w, firsts, lasts = rng.choices(pools, weights=weights)[0]
        f, l = rng.choice(firsts), rng.choice(lasts)
        if comm == "sikh" and l in ("Singh", "Kaur") and rng.random() < 0.5:
            l = f"{l} {rng.choice(['Sandhu', 'Gill', 'Bains', 'Johal', 'Dhillon', 'Grewal'])}"
        if f"{f} {l}" in full:
            continue
        full.add(f"{f} {l}")
        pupils.append((f, "", l, rng.choice(forms)))
    pupil_ids = {}
    for i, (f, p, l, form) in enumerate(pupils, 1):
        m = re.match(r"(\d+)", form)
        year = int(m.group(1))
        entry = 26 - (year - 6)  # Y7 in 2025/26 entered in 25
        email = uniq_email(f"{entry:02d}{ascii_slug(l)}{ascii_slug(p or f)[0]}@{DOMAIN}")
        personal = ""
        if rng.random() < 0.2:
            personal = f"{ascii_slug(p or f)}{ascii_slug(l)[:4]}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com'])}"
        upn = rng.choice("ABCDEFGHJKLMNPRT") + "".join(str(rng.randint(0, 9)) for _ in range(12))
        pid = f"P{i:04d}"
        pupil_ids.setdefault(f"{f} {l}", pid)
        people.append(dict(id=pid, first_name=f, preferred_name=p, last_name=l, kind="pupil", email=email,
                           personal_emails=personal, mis_ref=upn))

    # parents: hand-written, then filler parents for generated pupils (same surname)
    parents = [(f, p, l, child) for f, p, l, child in rows_of("parents.txt")]
    parent_firsts = ["Sarah", "Lisa", "Nazia", "Shamim", "Rizwan", "Balvinder", "Zuzana", "Marcela", "Anna",
                     "Joanna", "Tendai", "Ngozi", "Claudette", "Michelle", "Darren", "Jason", "Kerry", "Shaheen",
                     "Mariusz", "Beata", "Hawkar", "Yordanos", "Tomáš", "Nicola", "Samantha", "Imran"]
    gen = [p for p in pupils[len(rows_of("pupils.txt")):]]
    k = 0
    while len(parents) < N_PARENTS:
        f, _p, l, _form = gen[k * 7 % len(gen)]
        k += 1
        pf = parent_firsts[k % len(parent_firsts)]
        parents.append((pf, "", l.split()[-1] if l.startswith(("Singh ", "Kaur ")) else l, f"{f} {l}"))
    for i, (f, p, l, child) in enumerate(parents, 1):
        assert child in pupil_ids, child
        email = uniq_email(f"{ascii_slug(p or f)}.{ascii_slug(l)}{rng.randint(10, 99)}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com'])}")
        personal = ""
        if rng.random() < 0.25:
            personal = f"{ascii_slug(f)}{ascii_slug(l)}@{rng.choice(['icloud.com', 'live.co.uk'])}"
        people.append(dict(id=f"G{i:03d}", first_name=f, preferred_name=p, last_name=l, kind="parent", email=email,
                           personal_emails=personal, mis_ref=pupil_ids[child]))

    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(people)
    print(f"roster: {len(people)} people")


if __name__ == "__main__":
    main()
