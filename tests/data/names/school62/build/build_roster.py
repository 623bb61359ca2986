"""Build roster.csv from sources/roster_core.txt + sources/roster_pools.txt (deterministic)."""
import csv
import os
import re

from common import HEADER, ROOT, SRC, strip_accents

DOMAIN_STAFF = "brynmillroad.cymru"
DOMAIN_PUPIL = "pupils.brynmillroad.cymru"


def ascii_slug(s):
    s = strip_accents(s).lower()
    return re.sub(r"[^a-z]", "", s)


def read_core():
    people = []
    with open(os.path.join(SRC, "roster_core.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, first, pref, last, _note = line.split("|")
            people.append([kind, first, pref, last, None])
    return people


def read_pools():
    groups, parents = [], {}
    with open(os.path.join(SRC, "roster_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|")
            if parts[0].startswith("parent-"):
                parents[parts[0][7:]] = parts[1].split(",")
            else:
                groups.append((parts[0], int(parts[1]), parts[2].split(","),
                               parts[3].split(",")))
    return groups, parents


def main():
    core = read_core()
    taken = {(p[1], p[3]) for p in core}
    groups, parent_firsts = read_pools()
    gen_pupils = []
    for gname, count, firsts, lasts in groups:
        i = 0
        k = 0
        while k < count:
            f = firsts[i % len(firsts)]
            l = lasts[(i * 7 + i // len(firsts)) % len(lasts)]
            i += 1
            if (f, l) in taken:
                continue
            taken.add((f, l))
            gen_pupils.append(["pupil", f, "", l, gname])
            k += 1
    n_core_parents = sum(1 for p in core if p[0] == "parent")
    need = 140 - n_core_parents
    gen_parents = []
    pcount = {}
    for idx, p in enumerate(gen_pupils):
        if len(gen_parents) >= need:
            break
        if (idx * need) // len(gen_pupils) == ((idx + 1) * need) // len(gen_pupils):
            continue
        g = p[4]
        pool = parent_firsts[g]
        j = pcount.get(g, 0)
        while True:
            f = pool[j % len(pool)]
            j += 1
            if (f, p[3]) not in taken:
                break
        pcount[g] = j
        taken.add((f, p[3]))
        gen_parents.append(["parent", f, "", p[3], g])
    staff = [p for p in core if p[0] == "staff"]
    pupils = [p for p in core if p[0] == "pupil"] + gen_pupils
    parents = [p for p in core if p[0] == "parent"] + gen_parents
    assert len(staff) == 80 and len(pupils) == 300 and len(parents) == 140, (
        len(staff), len(pupils), len(parents))

    rows = []
    emails = set()
    codes = set()

    def unique_email(local, domain):
        base = local
        n = 1
        while (local + "@" + domain) in emails:
            n += 1
            local = base + str(n)
        emails.add(local + "@" + domain)
        return local + "@" + domain

    for i, (_, f, pr, l, _g) in enumerate(pupils, 1):
        email = unique_email(ascii_slug(f)[:1] + ascii_slug(l) + "%02d" % (i % 97),
                             DOMAIN_PUPIL)
        personal = ""
        if i % 11 == 0:
            personal = ascii_slug(pr or f) + ascii_slug(l) + "%d@gmail.com" % (2010 + i % 9)
        mis = "W" + "%012d" % (938402100000 + i * 7919 % 1000003)
        rows.append(["P%04d" % i, f, pr, l, "pupil", email, personal, mis])
    for i, (_, f, pr, l, _g) in enumerate(staff, 1):
        email = unique_email(ascii_slug(f) + "." + ascii_slug(l), DOMAIN_STAFF)
        a, b = ascii_slug(f).upper(), ascii_slug(l).upper()
        cands = [a[0] + b[:2], a[0] + b[0] + b[-1], a[:2] + b[0], a[0] + b[1:3],
                 a[0] + b[0] + a[1]]
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        rows.append(["S%03d" % i, f, pr, l, "staff", email, "", code])
    pupil_by_last = {}
    for r in rows:
        if r[4] == "pupil":
            pupil_by_last.setdefault(strip_accents(r[3]).lower(), r[0])
    for i, (_, f, pr, l, _g) in enumerate(parents, 1):
        style = i % 4
        local = ascii_slug(pr or f) + ("." if style == 1 else "") + ascii_slug(l)
        dom = ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com"][style]
        email = unique_email(local + ("%d" % (70 + i % 25) if style in (0, 2) else ""), dom)
        personal = ""
        if i % 5 == 0:
            personal = unique_email(ascii_slug(f) + "_" + ascii_slug(l) + "x", "icloud.com")
        mis = pupil_by_last.get(strip_accents(l).lower(), "") if i % 3 else ""
        rows.append(["G%03d" % i, f, pr, l, "parent", email, personal, mis])

    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print("roster rows:", len(rows))


if __name__ == "__main__":
    main()
