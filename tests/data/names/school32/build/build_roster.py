"""Build roster.csv from sources/roster_core.txt and sources/name_pools.txt (deterministic)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from names import ascii_fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOMAIN = "eastonrise.bristol.sch.uk"
TARGET = {"pupil": 300, "staff": 60, "parent": 160}
NICK = {"Krzysztof": "Krzys", "Magdalena": "Magda", "Rhiannon": "Rhi", "Abdullahi": "Abdi",
        "Mikołaj": "Miko", "Jakub": "Kuba", "Elijah": "Eli", "Frankie": "", "Christopher": "Chris"}


def read_core():
    people = []
    for line in open(os.path.join(ROOT, "sources", "roster_core.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, note = line.split("|")
        people.append({"kind": kind, "first": first, "pref": pref, "last": last, "note": note})
    return people


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(ROOT, "sources", "name_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]\s+(\d+)", line)
        if m:
            cur = m.group(1)
            pools[cur] = {"weight": int(m.group(2))}
            continue
        key, vals = line.split(":", 1)
        pools[cur][key] = [v.strip() for v in vals.split(",")]
    return pools


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


def main():
    rnd = random.Random(32)
    core = read_core()
    pools = read_pools()
    comms = sorted(pools)
    weights = [pools[c]["weight"] for c in comms]
    people = list(core)
    seen = {(p["first"], p["last"]) for p in people}
    n_pupil = sum(1 for p in people if p["kind"] == "pupil")
    filler_pupils = []
    while n_pupil < TARGET["pupil"]:
        c = rnd.choices(comms, weights)[0]
        first, last = rnd.choice(pools[c]["child"]), rnd.choice(pools[c]["last"])
        if (first, last) in seen:
            continue
        seen.add((first, last))
        p = {"kind": "pupil", "first": first, "pref": NICK.get(first, ""), "last": last,
             "note": "filler", "comm": c}
        people.append(p)
        filler_pupils.append(p)
        n_pupil += 1
    n_par = sum(1 for p in people if p["kind"] == "parent")
    kids = list(filler_pupils)
    rnd.shuffle(kids)
    k = 0
    while n_par < TARGET["parent"]:
        child = kids[k % len(kids)]
        k += 1
        c = child["comm"]
        first = rnd.choice(pools[c]["adult"])
        last = child["last"]
        if c == "somali":
            last = rnd.choice(pools[c]["last"])
            if last == first:
                continue
        if (first, last) in seen:
            continue
        seen.add((first, last))
        people.append({"kind": "parent", "first": first, "pref": NICK.get(first, ""), "last": last,
                       "note": "filler"})
        n_par += 1
    counts = {k2: sum(1 for p in people if p["kind"] == k2) for k2 in TARGET}
    assert counts == TARGET, counts

    rows, used_codes, used_emails = [], set(), set()
    ctr = {"pupil": 0, "staff": 0, "parent": 0}
    prefix = {"pupil": "P%04d", "staff": "S%03d", "parent": "G%03d"}
    order = {"pupil": 0, "staff": 1, "parent": 2}
    for p in sorted(people, key=lambda x: order[x["kind"]]):
        kind = p["kind"]
        ctr[kind] += 1
        pid = prefix[kind] % ctr[kind]
        f, l = slug(p["pref"] or p["first"]), slug(p["last"])
        personal = ""
        if kind == "staff":
            email = "%s.%s@%s" % (slug(p["first"]), l, DOMAIN)
            fl = ascii_fold(p["first"]).upper().replace("-", "")
            ll = re.sub(r"[^A-Z]", "", ascii_fold(p["last"]).upper())
            cands = [fl[0] + ll[:2], fl[0] + ll[0] + ll[-1], fl[:2] + ll[0], fl[0] + ll[1:3]]
            code = next(c for c in cands if c not in used_codes)
            used_codes.add(code)
            mis = code
        elif kind == "pupil":
            base = "%s%s" % (slug(p["first"])[:1], l)
            email = "%s%02d@pupils.%s" % (base, (ctr[kind] * 7) % 100, DOMAIN)
            mis = "%s%012d" % ("ABEHKN"[ctr[kind] % 6], (801234567890 + ctr[kind] * 104729) % 10**12)
            if ctr[kind] % 23 == 0:
                personal = "%s.%s%d@gmail.com" % (f, l, 2010 + ctr[kind] % 9)
        else:
            host = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"][ctr[kind] % 5]
            email = "%s.%s%d@%s" % (f, l, ctr[kind] % 90 + 10, host)
            if ctr[kind] % 4 == 0:
                personal = "%s%s@hotmail.com" % (f[:1], l)
            if ctr[kind] % 9 == 0:
                personal = (personal + ";" if personal else "") + "%s.%s.work@gmail.com" % (f, l)
            mis = "C%06d" % (ctr[kind] * 37 + 1000) if ctr[kind] % 3 else ""
        while email in used_emails:
            email = email.replace("@", "1@", 1)
        used_emails.add(email)
        rows.append([pid, p["first"], p["pref"], p["last"], kind, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email",
                    "personal_emails", "mis_ref"])
        w.writerows(rows)
    print("roster:", counts, "total", len(rows))


if __name__ == "__main__":
    main()
