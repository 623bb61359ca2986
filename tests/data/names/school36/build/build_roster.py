"""Build roster.csv from sources/roster_core.txt + sources/pools.txt (deterministic)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import fold  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def read_core():
    rows = []
    for line in open(os.path.join(SRC, "roster_core.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, extra, note = line.split("|")
        rows.append(dict(kind=kind, first=first, pref=pref, last=last, extra=extra, note=note))
    return rows


def read_pools():
    pools = {}
    cur = None
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            cur = line.strip("[]")
            pools[cur] = {}
            continue
        key, vals = line.split(":", 1)
        pools[cur][key.strip()] = [v.strip() for v in vals.split(",") if v.strip()]
    return pools


def main():
    rng = random.Random(36)
    core = read_core()
    pools = read_pools()
    weights = pools["weights"]
    origins = [o for o in weights]
    wts = [int(weights[o][0]) for o in origins]
    seen = {(r["first"], r["last"]) for r in core}
    pupils = [r for r in core if r["kind"] == "pupil"]
    staff = [r for r in core if r["kind"] == "staff"]
    parents = [r for r in core if r["kind"] == "parent"]
    years = ["N", "R", "1", "2", "3", "4", "5", "6"]
    filler = []
    while len(pupils) + len(filler) < 400:
        o = rng.choices(origins, wts)[0]
        first = rng.choice(pools[o]["first"])
        last = rng.choice(pools[o]["last"])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        pref = ""
        prefs = pools["preferred"]
        if first in prefs and rng.random() < 0.6:
            pref = prefs[first][0]
        filler.append(dict(kind="pupil", first=first, pref=pref, last=last,
                           extra=rng.choice(years), note="", origin=o))
    pupils += filler
    # filler parents: a parent for some filler pupils, same surname
    pfill = []
    i = 0
    while len(parents) + len(pfill) < 100:
        child = filler[i * 3 % len(filler)]
        i += 1
        o = child["origin"]
        first = rng.choice(pools[o]["adult"])
        if (first, child["last"]) in seen:
            continue
        seen.add((first, child["last"]))
        pfill.append(dict(kind="parent", first=first, pref="", last=child["last"],
                          extra=f"{child['first']} {child['last']}", note=""))
    parents += pfill

    out = []
    used_emails = set()

    def uniq(e):
        base, dom = e.split("@")
        n, cand = 1, e
        while cand in used_emails:
            n += 1
            cand = f"{base}{n}@{dom}"
        used_emails.add(cand)
        return cand

    pid = {}
    for n, r in enumerate(pupils, 1):
        i = f"P{n:04d}"
        pid[f"{r['first']} {r['last']}"] = i
        f = ascii_slug(r["pref"] or r["first"])
        email = uniq(f"{f}.{ascii_slug(r['last'])}@pupils.palmersgreen.sch.uk")
        pers = ""
        if r["extra"] in ("5", "6") and rng.random() < 0.15:
            pers = f"{f}{ascii_slug(r['last'])}{rng.randint(10, 99)}@gmail.com"
        la = rng.choice(["308", "309"])
        mis = rng.choice("ABCDEFGHJKLMN") + la + "".join(str(rng.randint(0, 9)) for _ in range(9))
        out.append([i, r["first"], r["pref"], r["last"], "pupil", email, pers, mis])
    for n, r in enumerate(staff, 1):
        email = uniq(f"{ascii_slug(r['first'])[0]}{ascii_slug(r['last'])}@palmersgreen.enfield.sch.uk")
        out.append([f"S{n:03d}", r["first"], r["pref"], r["last"], "staff", email, "", r["extra"]])
    for n, r in enumerate(parents, 1):
        f, l = ascii_slug(r["first"]), ascii_slug(r["last"])
        dom = rng.choice(["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "icloud.com"])
        email = uniq(f"{f}.{l}{rng.randint(1, 99)}@{dom}")
        pers = ""
        if rng.random() < 0.25:
            pers = uniq(f"{f[0]}{l}@{rng.choice(['hotmail.com', 'gmail.com'])}")
        out.append([f"G{n:03d}", r["first"], r["pref"], r["last"], "parent", email, pers,
                    pid.get(r["extra"], "")])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(out)
    print(f"roster: {len(pupils)} pupils, {len(staff)} staff, {len(parents)} parents")


if __name__ == "__main__":
    main()
