"""Build roster.csv from sources/roster_core.txt + sources/name_pools.txt (deterministic)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import fold  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
TARGET = {"pupil": 380, "staff": 70, "parent": 110}
DOMAIN = "shadwellbasin.sch.uk"
MAILHOSTS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.com"]


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "name_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]", line)
        if m:
            cur = m.group(1)
            pools[cur] = []
            continue
        pools[cur].extend(x.strip() for x in line.split(",") if x.strip())
    return pools


def ascii_local(s):
    s = fold(s).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def main():
    rng = random.Random(35)
    pools = read_pools()
    people = []
    for line in open(os.path.join(SRC, "roster_core.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        kind, first, pref, last, _note = line.split("|")
        people.append([kind, first, pref, last])
    seen = {(p[1], p[3]) for p in people}
    counts = {k: sum(1 for p in people if p[0] == k) for k in TARGET}

    groups = [("bd", 62), ("so", 8), ("pk", 6), ("wb", 10), ("lt", 3), ("vn", 2), ("gh", 3), ("pl", 2),
              ("ro", 2), ("mix", 2)]
    gnames = [g for g, _ in groups]
    gweights = [w for _, w in groups]

    def gen_person(kind):
        while True:
            if kind == "staff":
                first = rng.choice(pools["staff_first"])
                last = rng.choice(pools["staff_last"])
                pref = ""
            else:
                g = rng.choices(gnames, gweights)[0]
                sex = rng.choice("mf")
                if kind == "parent":
                    sex = "f" if rng.random() < 0.6 else "m"
                first = rng.choice(pools[g + "_" + sex])
                lastkey = g + "_last_" + sex if (g + "_last_" + sex) in pools else g + "_last"
                last = rng.choice(pools[lastkey])
                pref = ""
                if g == "bd" and sex == "m" and rng.random() < 0.3:
                    pref = first
                    first = rng.choice(pools["bd_prefix"]) + " " + first
                if kind == "parent" and g == "wb" and rng.random() < 0.5:
                    first = rng.choice(["Michelle", "Stacey", "Lee", "Wayne", "Kirsty", "Dean", "Tina", "Craig"])
            if (first, last) not in seen:
                seen.add((first, last))
                return [kind, first, pref, last]

    for kind in ("pupil", "staff", "parent"):
        while counts[kind] < TARGET[kind]:
            people.append(gen_person(kind))
            counts[kind] += 1

    rows = []
    ids = {"pupil": 0, "staff": 0, "parent": 0}
    codes = set()
    pupil_ids = []
    for kind, first, pref, last in people:
        ids[kind] += 1
        n = ids[kind]
        if kind == "pupil":
            pid = "P%04d" % n
            pupil_ids.append(pid)
        elif kind == "staff":
            pid = "S%03d" % n
        else:
            pid = "G%03d" % n
        rows.append({"id": pid, "kind": kind, "first_name": first, "preferred_name": pref, "last_name": last})

    emails = set()
    for r in rows:
        f = r["preferred_name"] or r["first_name"].split()[-1]
        l = r["last_name"]
        if r["kind"] == "staff":
            base = ascii_local(f)[0] + ascii_local(l)
            e = base + "@" + DOMAIN
            k = 2
            while e in emails:
                e = "%s%d@%s" % (base, k, DOMAIN)
                k += 1
            fi = fold(r["first_name"]).upper()
            la = re.sub(r"[^A-Z]", "", fold(l).upper())
            cands = [fi[0] + la[:2], fi[0] + la[0] + la[-1], fi[:2] + la[0], la[:3]]
            cands += [fi[0] + la[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
            code = next(c for c in cands if c not in codes)
            codes.add(code)
            r["mis_ref"] = code
            r["personal_emails"] = ""
        elif r["kind"] == "pupil":
            base = "%s.%s" % (ascii_local(f), ascii_local(l))
            e = base + "@students." + DOMAIN
            k = 2
            while e in emails:
                e = "%s%d@students.%s" % (base, k, DOMAIN)
                k += 1
            r["mis_ref"] = rng.choice("ABCDEFHJKLMNPRT") + "".join(rng.choice("0123456789") for _ in range(12))
            r["personal_emails"] = ""
            if rng.random() < 0.12:
                r["personal_emails"] = "%s%s%d@%s" % (ascii_local(f), ascii_local(l)[:3], rng.randint(1, 99),
                                                      rng.choice(MAILHOSTS[:3]))
        else:
            base = "%s.%s%d" % (ascii_local(f), ascii_local(l), rng.randint(1, 89))
            e = base + "@" + rng.choice(MAILHOSTS)
            while e in emails:
                e = "x" + e
            r["mis_ref"] = rng.choice(pupil_ids) if rng.random() < 0.7 else ""
            r["personal_emails"] = ""
            if rng.random() < 0.25:
                r["personal_emails"] = "%s%d@%s" % (ascii_local(f)[:4] + ascii_local(l), rng.randint(60, 99),
                                                    rng.choice(MAILHOSTS))
        emails.add(e)
        r["email"] = e

    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "first_name", "preferred_name", "last_name", "kind", "email",
                                           "personal_emails", "mis_ref"], lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    print("roster:", {k: ids[k] for k in ids}, "total", len(rows))


if __name__ == "__main__":
    main()
