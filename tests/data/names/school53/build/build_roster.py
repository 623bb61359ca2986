"""Build ../roster.csv from ../sources/{pupils,staff,parents}.txt (deterministic)."""
import csv
import os
import re
from common import fold

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "sources")
OUT = os.path.join(HERE, "..", "roster.csv")


def rows(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield [x.strip() for x in line.split("|")]


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def main():
    people = []
    used_email = set()

    def uniq(local, domain):
        cand, n = local, 1
        while f"{cand}@{domain}" in used_email:
            n += 1
            cand = f"{local}{n}"
        used_email.add(f"{cand}@{domain}")
        return f"{cand}@{domain}"

    pupil_by_name = {}
    letters = "ABCDEFGHJKLMNPRT"
    for i, (first, pref, last) in enumerate(rows("pupils.txt"), 1):
        pid = f"P{i:04d}"
        email = uniq(f"{slug(last)}.{slug(pref or first)[:1]}{slug(first)[:3]}", "pupils.bbggs.sch.uk")
        personal = ""
        if i % 6 == 0:
            personal = f"{slug(pref or first)}{slug(last)[:4]}{(i * 37) % 100:02d}@gmail.com"
        elif i % 17 == 0:
            personal = f"{slug(first)}.{slug(last)}@hotmail.co.uk"
        mis = letters[i % len(letters)] + f"{(8212000000000 + i * 7919137) % 10**12:012d}"
        people.append([pid, first, pref, last, "pupil", email, personal, mis])
        pupil_by_name.setdefault(f"{first} {last}", pid)

    codes = set()
    for i, (first, pref, last, title, role) in enumerate(rows("staff.txt"), 1):
        sid = f"S{i:03d}"
        f, l = fold(first).upper(), re.sub(r"[^A-Z]", "", fold(last).upper())
        cands = [f[0] + l[:2]] + [f[0] + l[0] + c for c in l[2:]] + [f[:2] + l[0]] + \
                [f[0] + a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        email = uniq(f"{slug(first)[:1]}.{slug(last)}", "bbggs.sch.uk")
        people.append([sid, first, pref, last, "staff", email, "", code])

    for i, (first, pref, last, title, child) in enumerate(rows("parents.txt"), 1):
        gid = f"G{i:03d}"
        if child not in pupil_by_name:
            raise SystemExit(f"parent {first} {last}: child {child!r} not found")
        domain = ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com"][i % 5]
        email = uniq(f"{slug(pref or first)}.{slug(last)}", domain)
        personal = ""
        if i % 4 == 0:
            personal = f"{slug(first)[:1]}{slug(last)}{(i * 13) % 90 + 10}@gmail.com"
            if i % 8 == 0:
                personal += f";{slug(last)}family@icloud.com"
        people.append([gid, first, pref, last, "parent", email, personal, pupil_by_name[child]])

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(people)
    print(f"roster.csv: {len(people)} people")


if __name__ == "__main__":
    main()
