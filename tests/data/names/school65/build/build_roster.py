"""Build roster.csv from sources/roster_people.txt and sources/filler_pools.txt (deterministic)."""
import csv
import hashlib
import os
import random
import re

from common import ROOT, SRC, HEADER, fold

DOMAIN = "etruriavalley.org.uk"
MAILS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]
PREF_MAP = {"Thomas": "Tom", "Oliver": "Ollie", "Daniel": "Dan", "Jakub": "Kuba", "Mateusz": "Matt",
            "Zakariya": "Zak", "Matthew": "Matt", "Rebecca": "Becky", "Victoria": "Vicky", "Jennifer": "Jen",
            "Samantha": "Sam", "Andrew": "Andy", "Steven": "Steve", "Nicola": "Nicky", "Philip": "Phil",
            "Katarzyna": "Kasia", "Joshua": "Josh", "Mihail": "Misha", "Alexia": "Lexie"}
TARGET = {"pupil": 420, "staff": 110, "parent": 90}


def slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def h(s, n):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n


def read_people():
    people = []
    with open(os.path.join(SRC, "roster_people.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, first, pref, last, link = line.split("|")
            people.append(dict(kind=kind, first=first, pref=pref, last=last, link=link))
    return people


def read_pools():
    pools = {}
    with open(os.path.join(SRC, "filler_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            name, w, firsts, lasts = line.split("|")
            pools[name] = (int(w), [x for x in firsts.split(",") if x], [x for x in lasts.split(",") if x])
    return pools


def main():
    rnd = random.Random(6565)
    people = read_people()
    pools = read_pools()
    seen = {(p["kind"], p["first"], p["last"]) for p in people}
    full = {(p["first"], p["last"]) for p in people}
    comm = [(k, v) for k, v in pools.items() if v[0] > 0]
    weighted = [k for k, v in comm for _ in range(v[0])]
    count = {k: sum(1 for p in people if p["kind"] == k) for k in TARGET}
    # filler pupils
    while count["pupil"] < TARGET["pupil"]:
        c = rnd.choice(weighted)
        f = rnd.choice(pools[c][1]); l = rnd.choice(pools[c][2])
        if (f, l) in full:
            continue
        pref = PREF_MAP.get(f, "") if rnd.random() < 0.5 else ""
        people.append(dict(kind="pupil", first=f, pref=pref, last=l, link=""))
        full.add((f, l)); count["pupil"] += 1
    while count["staff"] < TARGET["staff"]:
        f = rnd.choice(pools["staff_first"][1]); l = rnd.choice(pools["staff_last"][2])
        if (f, l) in full:
            continue
        pref = PREF_MAP.get(f, "") if rnd.random() < 0.4 else ""
        people.append(dict(kind="staff", first=f, pref=pref, last=l, link=""))
        full.add((f, l)); count["staff"] += 1
    filler_pupils = [p for p in people if p["kind"] == "pupil"][144:]
    while count["parent"] < TARGET["parent"]:
        child = rnd.choice(filler_pupils)
        f = rnd.choice(pools["parent_first"][1]); l = child["last"]
        if (f, l) in full:
            continue
        people.append(dict(kind="parent", first=f, pref="", last=l, link=f"{child['first']} {child['last']}"))
        full.add((f, l)); count["parent"] += 1

    rows = [HEADER]
    ids = {}
    n = {"pupil": 0, "staff": 0, "parent": 0}
    codes = set()
    emails = set()
    for p in [p for k in ("pupil", "staff", "parent") for p in people if p["kind"] == k]:
        n[p["kind"]] += 1
        k = p["kind"]
        if k == "pupil":
            pid = f"P{n[k]:04d}"
            yr = 22 + h(pid, 5)
            base = f"{yr}{slug(p['last'])}{slug(p['first'])[0]}"
            email = base + f"@{DOMAIN}"
            i = 2
            while email in emails:
                email = f"{base}{i}@{DOMAIN}"; i += 1
            mis = "ABCDEFGHJKLMNPQRTUVWXYZ"[h(pid + "L", 23)] + f"{h(pid + 'U', 10**12):012d}"
            pers = ""
            if h(pid + "pe", 5) == 0:
                pers = f"{slug(p['pref'] or p['first'])}{slug(p['last'])}{h(pid, 90) + 10}@{MAILS[h(pid, 6)]}"
        elif k == "staff":
            pid = f"S{n[k]:03d}"
            base = f"{slug(p['first'])[0]}.{slug(p['last'])}"
            email = base + f"@{DOMAIN}"
            i = 2
            while email in emails:
                email = f"{base}{i}@{DOMAIN}"; i += 1
            F = slug(p["first"]).upper(); L = slug(p["last"]).upper()
            cands = [F[0] + L[:2], F[0] + L[0] + L[-1], F[:2] + L[0], F[0] + L[1:3]] + \
                    [F[0] + L[0] + c for c in "ABCDEFGHJKLMNPRSTVWXYZ"]
            mis = next(c for c in cands if c not in codes)
            codes.add(mis)
            pers = ""
        else:
            pid = f"G{n[k]:03d}"
            email = f"{slug(p['first'])}.{slug(p['last'])}{h(pid, 90) + 10}@{MAILS[h(pid, 6)]}"
            pers = ""
            if h(pid + "pe", 3) == 0:
                pers = f"{slug(p['first'])}{slug(p['last'])[0]}{h(pid + 'x', 900) + 100}@{MAILS[h(pid + 'y', 6)]}"
            mis = ids.get(p["link"], "")
        emails.add(email)
        if k == "pupil":
            ids[f"{p['first']} {p['last']}"] = pid
        rows.append([pid, p["first"], p["pref"], p["last"], k, email, pers, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    print(f"roster.csv: {len(rows) - 1} people", {k: v for k, v in n.items()})


if __name__ == "__main__":
    main()
