"""Build roster.csv from sources/core_people.txt + sources/pools.txt + sources/staff_pools.txt.
Deterministic: fixed seed, sorted inputs."""
import csv
import os
import random
import re
from common import ROOT, HEADER, fold

SRC = os.path.join(ROOT, "sources")
N_PUPIL, N_STAFF, N_PARENT = 400, 110, 90
PREF = {"Thomas": "Tom", "James": "Jamie", "Christopher": "Chris", "Alexander": "Alex", "Samuel": "Sam",
        "Benjamin": "Ben", "Jonathan": "Jonny", "Peter": "Pete", "Rebecca": "Becky", "Jakub": "Kuba",
        "Mikołaj": "Mikey", "Wojciech": "Wojtek", "Chukwuemeka": "Emeka", "Temitope": "Tope",
        "Mohammad": "Mo", "Gonçalo": "Gonzo", "Hoi Ying": "Ivy", "Chun Hei": "Kenny", "Ho Yin": "Henry",
        "Catherine": "Cathy", "Victoria": "Vicky", "Michael": "Mick", "Kathleen": "Kathy", "Bernadette": "Bernie",
        "Roberta": "Bobbie", "Philip": "Phil"}


def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def main():
    rng = random.Random(63)
    core = []
    for line in open(os.path.join(SRC, "core_people.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, child = line.split("|")
        core.append(dict(kind=kind, first=first, pref=pref, last=last, child=child, origin=None))
    pools = []
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        origin, w, firsts, lasts = line.rstrip("\n").split("|")
        pools.append((origin, int(w), firsts.split(","), lasts.split(",")))
    sp = {}
    for line in open(os.path.join(SRC, "staff_pools.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("|")
        sp[parts[0]] = parts[1:]
    core_firsts = {fold(p["first"]).lower() for p in core} | {fold(p["pref"]).lower() for p in core if p["pref"]}

    pupils = [p for p in core if p["kind"] == "pupil"]
    staff = [p for p in core if p["kind"] == "staff"]
    parents = [p for p in core if p["kind"] == "parent"]
    seen = {(p["first"], p["last"]) for p in core}
    weighted = [pl for pl in pools for _ in range(pl[1])]
    while len(pupils) < N_PUPIL:
        origin, _, firsts, lasts = rng.choice(weighted)
        f = rng.choice(firsts)
        if fold(f).lower() in core_firsts:
            continue
        l = rng.choice(lasts)
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pref = PREF.get(f, "") if rng.random() < 0.7 else ""
        pupils.append(dict(kind="pupil", first=f, pref=pref, last=l, child="", origin=origin))
    sfirst, slast = sp["staff_first"][0].split(","), sp["staff_first"][1].split(",")
    while len(staff) < N_STAFF:
        f, l = rng.choice(sfirst), rng.choice(slast)
        if (f, l) in seen or fold(f).lower() in core_firsts:
            continue
        seen.add((f, l))
        pref = PREF.get(f, "") if rng.random() < 0.5 else ""
        staff.append(dict(kind="staff", first=f, pref=pref, last=l, child="", origin=None))
    filler_pupils = [p for p in pupils if p["origin"]]
    rng.shuffle(filler_pupils)
    for child in filler_pupils:
        if len(parents) >= N_PARENT:
            break
        names = sp["parent_" + child["origin"]][0].split(",")
        f = rng.choice(names)
        if (f, child["last"]) in seen:
            continue
        seen.add((f, child["last"]))
        parents.append(dict(kind="parent", first=f, pref="", last=child["last"],
                            child=child["first"] + " " + child["last"], origin=child["origin"]))

    rows = []
    by_full = {}
    used_codes, used_emails = set(), set()
    for i, p in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        by_full[p["first"] + " " + p["last"]] = pid
        base = slug(p["first"])[:1] + slug(p["last"])
        email = f"{base}{rng.randint(100, 999)}@c2kni.net"
        while email in used_emails:
            email = f"{base}{rng.randint(100, 999)}@c2kni.net"
        used_emails.add(email)
        personal = ""
        if rng.random() < 0.2:
            personal = f"{slug(p['pref'] or p['first'])}{slug(p['last'])}{rng.randint(1, 99)}@gmail.com"
        upn = rng.choice("ABCDEFGHJKLMNPRT") + "".join(str(rng.randint(0, 9)) for _ in range(12))
        rows.append([pid, p["first"], p["pref"], p["last"], "pupil", email, personal, upn])
    for i, p in enumerate(staff, 1):
        sid = f"S{i:03d}"
        a, b = slug(p["first"])[:1].upper(), slug(p["last"]).upper()
        cands = [a + b[:2], a + b[0] + b[-1], a + b[1:3]] + [a + b[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in used_codes and len(c) == 3)
        used_codes.add(code)
        email = f"{slug(p['first'])[:1]}{slug(p['last'])}@lvic.belfast.ni.sch.uk"
        n = 2
        while email in used_emails:
            email = f"{slug(p['first'])[:1]}{slug(p['last'])}{n}@lvic.belfast.ni.sch.uk"
            n += 1
        used_emails.add(email)
        rows.append([sid, p["first"], p["pref"], p["last"], "staff", email, "", code])
    for i, p in enumerate(parents, 1):
        gid = f"G{i:03d}"
        dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"])
        email = f"{slug(p['first'])}.{slug(p['last'])}{rng.randint(1, 99)}@{dom}"
        personal = ""
        if rng.random() < 0.25:
            personal = f"{slug(p['first'])[:1]}{slug(p['last'])}@{rng.choice(['gmail.com', 'hotmail.com'])}"
        rows.append([gid, p["first"], p["pref"], p["last"], "parent", email, personal, by_full[p["child"]]])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"roster: {len(pupils)} pupils, {len(staff)} staff, {len(parents)} parents")


if __name__ == "__main__":
    main()
