"""Build ../roster.csv from ../sources (deterministic)."""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ascii_fold

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "sources")
OUT = os.path.join(HERE, "..", "roster.csv")
DOMAIN = "neneparkacademy.org.uk"
MAILHOSTS = ["gmail.com", "hotmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"]


def rows(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("|")


def pools():
    out, cur = {}, None
    with open(os.path.join(SRC, "filler_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("== "):
                cur = line[3:]
                out[cur] = []
            else:
                out[cur].append(line)
    return out


def slug(s):
    return "".join(c for c in ascii_fold(s).lower() if c.isalnum())


def main():
    rng = random.Random(45)
    pl = pools()
    people = []
    used_emails = set()

    def uniq(email):
        base, dom = email.split("@")
        e, n = email, 1
        while e in used_emails:
            n += 1
            e = f"{base}{n}@{dom}"
        used_emails.add(e)
        return e

    # pupils
    pupils = [(f, p, l, int(y)) for f, p, l, y in rows("pupils_core.txt")]
    seen = {(f, l) for f, _, l, _ in pupils}
    while len(pupils) < 400:
        f = rng.choice(pl["pupil_first"])
        l = rng.choice(pl["pupil_last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append((f, "", l, rng.randint(7, 11)))
    upns = set()
    pupil_ids = {}
    for i, (f, p, l, y) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        pupil_ids[f"{l} {f}"] = pid
        entry = 26 - (y - 7)
        email = uniq(f"{entry}{slug(l)}{slug(f)[0]}@{DOMAIN}")
        while True:
            upn = rng.choice("ABCHJKLMNPRTWZ") + "".join(str(rng.randint(0, 9)) for _ in range(12))
            if upn not in upns:
                upns.add(upn)
                break
        pers = ""
        if y >= 10 and rng.random() < 0.2:
            pers = f"{slug(p or f)}{slug(l)}{rng.randint(1, 99)}@{rng.choice(MAILHOSTS)}"
        people.append([pid, f, p, l, "pupil", email, pers, upn])

    # staff
    codes = set()
    for i, (t, f, p, l, code, role) in enumerate(rows("staff.txt"), 1):
        assert code not in codes, code
        codes.add(code)
        email = uniq(f"{slug(f)[0]}{slug(l)}@{DOMAIN}")
        people.append([f"S{i:03d}", f, p, l, "staff", email, "", code])

    # parents
    parents = list(rows("parents_core.txt"))
    pseen = {(r[0], r[2]) for r in parents}
    filler_pupils = pupils[140:]
    k = 0
    while len(parents) < 100:
        f = rng.choice(pl["parent_first"])
        child = filler_pupils[k * 5 % len(filler_pupils)]
        k += 1
        l = child[2]
        if (f, l) in pseen:
            continue
        pseen.add((f, l))
        parents.append([f, "", l, f"{l} {child[0]}", ""])
    for i, (f, p, l, child, mail) in enumerate(parents, 1):
        if not mail:
            mail = f"{slug(p or f)}.{slug(l)}{rng.randint(1, 999)}@{rng.choice(MAILHOSTS)}"
        email = uniq(mail)
        extra = ""
        if rng.random() < 0.15:
            extra = uniq(f"{slug(f)}{slug(l)}@{rng.choice(MAILHOSTS)}")
        ref = pupil_ids.get(child, "") if rng.random() < 0.8 else ""
        people.append([f"G{i:03d}", f, p, l, "parent", email, extra, ref])

    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(people)
    print(f"roster: {len(people)} people -> {OUT}")


if __name__ == "__main__":
    main()
