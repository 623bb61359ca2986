"""Build roster.csv from sources/people.txt + sources/pools.txt (deterministic)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ascii_fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = {"pupil": 400, "staff": 110, "parent": 90}


def read_people():
    rows = []
    with open(os.path.join(ROOT, "sources", "people.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, first, pref, last, _note = [x.strip() for x in line.split(";")]
            rows.append({"kind": kind, "first": first, "pref": pref, "last": last})
    return rows


def read_pools():
    pools, cur = {}, None
    with open(os.path.join(ROOT, "sources", "pools.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"\[(\w+)\]", line)
            if m:
                cur = m.group(1)
                pools[cur] = []
                continue
            pools[cur].extend(line.split())
    return pools


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


def main():
    rng = random.Random(41)
    people = read_people()
    pools = read_pools()
    seen = {(p["kind"], p["first"], p["last"]) for p in people}
    counts = {k: sum(1 for p in people if p["kind"] == k) for k in TARGET}
    for kind, fkey, lkey in (("pupil", "pupil_first", "pupil_last"), ("staff", "staff_first", "staff_last")):
        while counts[kind] < TARGET[kind]:
            f, l = rng.choice(pools[fkey]), rng.choice(pools[lkey])
            if (kind, f, l) in seen:
                continue
            seen.add((kind, f, l))
            people.append({"kind": kind, "first": f, "pref": "", "last": l})
            counts[kind] += 1
    pupils = [p for p in people if p["kind"] == "pupil"]
    while counts["parent"] < TARGET["parent"]:
        child = rng.choice(pupils[125:])
        f = rng.choice(pools["parent_first"])
        if ("parent", f, child["last"]) in seen:
            continue
        seen.add(("parent", f, child["last"]))
        people.append({"kind": "parent", "first": f, "pref": "", "last": child["last"], "child": child})
        counts["parent"] += 1

    order = {"pupil": 0, "staff": 1, "parent": 2}
    people.sort(key=lambda p: order[p["kind"]])  # stable
    n = {"pupil": 0, "staff": 0, "parent": 0}
    used_email, used_code, used_upn = set(), set(), set()
    out = []
    for p in people:
        k = p["kind"]
        n[k] += 1
        if k == "pupil":
            pid = f"P{n[k]:04d}"
            yy = 14 + (n[k] % 7)
            base = f"{yy}{slug(p['last'])}{slug(p['first'])[:1]}"
            dom = "leavalley.luton.sch.uk"
            while True:
                upn = rng.choice("ABHKLMNRTY") + "".join(rng.choice("0123456789") for _ in range(12))
                if upn not in used_upn:
                    used_upn.add(upn)
                    break
            mis = upn
            personal = ""
            if rng.random() < 0.15:
                personal = f"{slug(p['pref'] or p['first'])}{slug(p['last'])[:4]}{rng.randint(10, 99)}@gmail.com"
        elif k == "staff":
            pid = f"S{n[k]:03d}"
            base = f"{slug(p['first'])[:1]}.{slug(p['last'])}"
            dom = "leavalley.luton.sch.uk"
            ln = slug(p["last"]).upper()
            fi = slug(p["first"]).upper()[:1]
            cands = [fi + ln[:2], fi + ln[0] + ln[-1], fi + ln[1:3]] + [fi + ln[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
            code = next(c for c in cands if len(c) == 3 and c not in used_code)
            used_code.add(code)
            mis = code
            personal = ""
        else:
            pid = f"G{n[k]:03d}"
            base = f"{slug(p['first'])}.{slug(p['last'])}{rng.randint(1, 99)}"
            dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk"])
            mis = p["child"]["id"] if "child" in p and "id" in p["child"] else ""
            personal = ""
            if rng.random() < 0.3:
                personal = f"{slug(p['first'])[:1]}{slug(p['last'])}{rng.randint(60, 99)}@hotmail.com"
        email = f"{base}@{dom}"
        i = 2
        while email in used_email:
            email = f"{base}{i}@{dom}"
            i += 1
        used_email.add(email)
        p["id"] = pid
        out.append([pid, p["first"], p["pref"], p["last"], k, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(out)
    print("roster:", n)


if __name__ == "__main__":
    main()
