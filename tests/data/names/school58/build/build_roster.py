"""Build roster.csv from sources/pupils.txt, staff.txt, parents.txt and filler_pools.txt.
Deterministic: filler uses random.Random(58)."""
import csv
import os
import random
import re

from names import ROOT, ascii_fold

SRC = os.path.join(ROOT, "sources")
TARGET = {"pupil": 350, "staff": 100, "parent": 100}


def read_rows(name):
    rows = []
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("|"))
    return rows


def read_pools():
    pools, cur = {}, None
    with open(os.path.join(SRC, "filler_pools.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"\[(\w+)\]$", line)
            if m:
                cur = pools.setdefault(m.group(1), {})
                continue
            k, v = line.split(":", 1)
            cur[k.strip()] = [x.strip() for x in v.split(",") if x.strip()]
    return pools


def female(last):
    """Slovak female surname: Horváth -> Horváthová, Kaleja -> Kalejová, Ferko -> Ferková."""
    if last.endswith("ová"):
        return last
    if last[-1] in "ao":
        return last[:-1] + "ová"
    return last + "ová"


MALE = {"Horváthová": "Horváth", "Kalejová": "Kaleja", "Gažiová": "Gaži", "Conková": "Conka",
        "Balogová": "Balog", "Ferková": "Ferko", "Pokutová": "Pokuta", "Lacková": "Lacko",
        "Dudová": "Duda", "Oláhová": "Oláh", "Kotlárová": "Kotlár", "Červeňáková": "Červeňák"}


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


def main():
    rng = random.Random(58)
    pools = read_pools()
    pupils = [(r[0], r[1], r[2]) for r in read_rows("pupils.txt")]
    staff = [(r[0], r[1], r[2]) for r in read_rows("staff.txt")]
    parents = [(r[0], r[1], r[2], r[3]) for r in read_rows("parents.txt")]

    seen = {(f, l) for f, _, l in pupils}
    comm = [c for c in pools if c != "staff"]
    weights = {"roma": 5, "pakistani": 4, "scottish": 5, "african": 2, "polish": 2,
               "romanian": 2, "ukrainian": 1, "southasian_other": 2, "mena_afghan": 1, "chinese": 1}
    wl = [weights[c] for c in comm]
    filler_pupils = []
    while len(pupils) < TARGET["pupil"]:
        c = rng.choices(comm, wl)[0]
        p = pools[c]
        first = rng.choice(p["pupil_f"] + p["pupil_m"])
        last = rng.choice(p["last"])
        if c == "roma" and first in p["pupil_f"]:
            last = female(last)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        pupils.append((first, "", last))
        filler_pupils.append((first, last, c))

    sseen = {(f, l) for f, _, l in staff}
    sp = pools["staff"]
    while len(staff) < TARGET["staff"]:
        first = rng.choice(sp["adult_f"] * 3 + sp["adult_m"])
        last = rng.choice(sp["last"])
        if (first, last) in sseen:
            continue
        sseen.add((first, last))
        staff.append((first, "", last))

    pseen = {(f, l) for f, _, l, _ in parents}
    i = 0
    while len(parents) < TARGET["parent"]:
        cf, cl, c = filler_pupils[i]
        i += 1
        p = pools[c]
        first = rng.choice(p["adult_f"] + p["adult_m"])
        last = cl
        if c == "roma":
            base = MALE.get(last, last)
            last = female(base) if first in p["adult_f"] else base
        if (first, last) in pseen:
            continue
        pseen.add((first, last))
        parents.append((first, "", last, f"{cf} {cl}"))

    rows = []
    used_emails = set()

    def uniq_email(local, domain):
        e, n = f"{local}@{domain}", 2
        while e in used_emails:
            e = f"{local}{n}@{domain}"
            n += 1
        used_emails.add(e)
        return e

    pupil_ids = {}
    for n, (f, pref, l) in enumerate(pupils, 1):
        pid = f"P{n:04d}"
        pupil_ids.setdefault(f"{f} {l}", pid)
        yy = 14 + (n * 7) % 8
        email = uniq_email(f"gw{yy}{slug(f)}{slug(l)}", "glow.sch.uk")
        personal = ""
        if n % 23 == 0:
            personal = uniq_email(f"{slug(pref or f)}{slug(l)}{yy}", "gmail.com")
        mis = "S" + f"{(n * 7919 + 123456789) % 10**12:012d}"
        mis = "S" + str(100000000000 + (n * 982451653) % 899999999999)
        rows.append([pid, f, pref, l, "pupil", email, personal, mis])

    used_codes = set()
    for n, (f, pref, l) in enumerate(staff, 1):
        sid = f"S{n:03d}"
        a, b = slug(f), slug(l)
        cands = [a[0] + b[:2], a[0] + b[0] + b[-1], a[:2] + b[0], a[0] + b[1:3], a[0] + b[0] + b[2]]
        cands += [a[0] + b[0] + chr(c) for c in range(ord("a"), ord("z") + 1)]
        code = next(c.upper() for c in cands if c.upper() not in used_codes)
        used_codes.add(code)
        email = uniq_email(f"{slug(f)}.{slug(l)}", "calderstreet.glasgow.sch.uk")
        rows.append([sid, f, pref, l, "staff", email, "", code])

    hosts = ["gmail.com", "hotmail.com", "hotmail.co.uk", "yahoo.com", "outlook.com", "icloud.com"]
    for n, (f, pref, l, child) in enumerate(parents, 1):
        gid = f"G{n:03d}"
        h = hosts[n % len(hosts)]
        email = uniq_email(f"{slug(pref or f)}{slug(l)}{n % 90 + 10}", h)
        personal = ""
        if n % 4 == 0:
            personal = uniq_email(f"{slug(f)}.{slug(l)}", hosts[(n + 2) % len(hosts)])
        rows.append([gid, f, pref, l, "parent", email, personal, pupil_ids.get(child, "")])

    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email",
                    "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster.csv: {len(rows)} people")


if __name__ == "__main__":
    main()
