"""Build roster.csv from sources/roster_people.txt + name pools (deterministic)."""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, ascii_fold  # noqa: E402

SRC = os.path.join(ROOT, "sources")
TARGET = {"pupil": 400, "staff": 100, "parent": 100}
DOMAIN = "ormesbybank.org.uk"


def read_people():
    people = []
    with open(os.path.join(SRC, "roster_people.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, first, pref, last, note = (line.split("|") + [""])[:5]
            people.append({"kind": kind, "first": first, "pref": pref, "last": last})
    return people


def read_pools():
    pools = []
    cur = None
    with open(os.path.join(SRC, "name_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@"):
                name, w = line[1:].split()
                cur = {"origin": name, "weight": int(w)}
                pools.append(cur)
            else:
                k, v = line.split(":", 1)
                cur[k.strip()] = [x.strip() for x in v.split(",") if x.strip()]
    adult = {}
    with open(os.path.join(SRC, "staff_pools.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            k, v = line.split(":", 1)
            adult[k.strip()] = [x.strip() for x in v.split(",") if x.strip()]
    return pools, adult


def slug(s):
    return "".join(c for c in ascii_fold(s).lower() if c.isalnum())


def main():
    rng = random.Random(51)
    people = read_people()
    pools, adult = read_pools()
    seen = {(p["first"], p["last"]) for p in people}
    counts = {k: sum(1 for p in people if p["kind"] == k) for k in TARGET}
    weights = [p["weight"] for p in pools]
    while counts["pupil"] < TARGET["pupil"]:
        pool = rng.choices(pools, weights)[0]
        f, l = rng.choice(pool["first"]), rng.choice(pool["last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        people.append({"kind": "pupil", "first": f, "pref": "", "last": l})
        counts["pupil"] += 1
    while counts["staff"] < TARGET["staff"]:
        f, l = rng.choice(adult["first"]), rng.choice(adult["last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        people.append({"kind": "staff", "first": f, "pref": "", "last": l})
        counts["staff"] += 1
    pupils = [p for p in people if p["kind"] == "pupil"]
    gen_pupils = pupils[138:]
    while counts["parent"] < TARGET["parent"]:
        child = rng.choice(gen_pupils)
        pool = next((pl for pl in pools if child["last"] in pl["last"]), pools[0])
        f = rng.choice(adult["first"]) if pool["origin"] in ("teesside", "irish") else rng.choice(pool["first"])
        l = child["last"]
        if (f, l) in seen or f == child["first"]:
            continue
        seen.add((f, l))
        people.append({"kind": "parent", "first": f, "pref": "", "last": l, "child": child})
        counts["parent"] += 1

    rows = []
    n = {"pupil": 0, "staff": 0, "parent": 0}
    codes, emails = set(), set()
    pupil_ids = {}
    for p in people:
        n[p["kind"]] += 1
        k = p["kind"]
        given = p["pref"] or p["first"]
        if k == "pupil":
            pid = f"P{n[k]:04d}"
            pupil_ids[id(p)] = pid
            yy = 20 + rng.randint(1, 5)
            base = f"{yy}{slug(p['last'])}{slug(p['first'])[0]}"
            email, i = f"{base}@pupils.{DOMAIN}", 1
            while email in emails:
                i += 1
                email = f"{base}{i}@pupils.{DOMAIN}"
            letter = rng.choice("ABCDEFGHJKLMNPRTWXY")
            mis = letter + "".join(str(rng.randint(0, 9)) for _ in range(12))
            personal = ""
            if rng.random() < 0.15:
                personal = f"{slug(given)}{slug(p['last'])}{rng.randint(1, 99)}@gmail.com"
        elif k == "staff":
            pid = f"S{n[k]:03d}"
            base = f"{slug(p['first'])[0]}{slug(p['last'])}"
            email, i = f"{base}@{DOMAIN}", 1
            while email in emails:
                i += 1
                email = f"{base}{i}@{DOMAIN}"
            sl = slug(p["last"]).upper()
            code = (slug(p["first"])[0].upper() + sl[:2])
            j = 2
            while code in codes:
                code = slug(p["first"])[0].upper() + sl[0] + (sl[j] if j < len(sl) else chr(63 + j))
                j += 1
            codes.add(code)
            mis, personal = code, ""
        else:
            pid = f"G{n[k]:03d}"
            dom = rng.choice(["hotmail.co.uk", "gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com"])
            base = f"{slug(given)}.{slug(p['last'])}"
            email, i = f"{base}@{dom}", 1
            while email in emails:
                i += 1
                email = f"{base}{i}@{dom}"
            personal = ""
            if rng.random() < 0.2:
                personal = f"{slug(given)}{rng.randint(70, 99)}@{rng.choice(['hotmail.com', 'live.co.uk', 'gmail.com'])}"
            mis = ""
            if "child" in p and rng.random() < 0.7:
                mis = pupil_ids[id(p["child"])]
        emails.add(email)
        rows.append([pid, p["first"], p["pref"], p["last"], k, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print("roster:", len(rows), n)


if __name__ == "__main__":
    main()
