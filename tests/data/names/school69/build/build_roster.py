"""Build roster.csv from sources/people.txt (hand-written core) + sources/pools.txt (seeded filler)."""
import csv
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import fold  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 69
TARGET = {"pupil": 430, "staff": 120, "parent": 80}


def read_core():
    rows = []
    for line in open(os.path.join(ROOT, "sources", "people.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, extra = line.split("|")
        rows.append(dict(kind=kind, first=first, preferred=pref, last=last, extra=extra))
    return rows


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(ROOT, "sources", "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(.+)\]$", line)
        if m:
            cur = m.group(1)
            pools[cur] = {}
            continue
        key, vals = line.split(":", 1)
        pools[cur][key] = [v.strip() for v in vals.split(",") if v.strip()]
    return pools


def fem_surname(last):
    """Slovak female surname form, as many Roma girls/mothers are registered."""
    if last.endswith("ová") or last.endswith("ia"):
        return last
    if last.endswith("a"):
        return last[:-1] + "ová"
    if last.endswith("ý"):
        return last[:-1] + "á"
    return last + "ová"


def main():
    rng = random.Random(SEED)
    core = read_core()
    pools = read_pools()
    people = [dict(p) for p in core]
    seen = {(p["kind"], p["first"], p["last"]) for p in people}
    community_of = {}
    # filler pupils
    for key, pool in pools.items():
        parts = key.split(":")
        if parts[0] != "pupils":
            continue
        comm, n = parts[1], int(parts[2])
        fem = set(pool.get("fem", []))
        made = 0
        while made < n:
            f = rng.choice(pool["first"])
            l = rng.choice(pool["last"])
            if comm == "roma" and f in fem and rng.random() < 0.6:
                l = fem_surname(l)
            if ("pupil", f, l) in seen:
                continue
            seen.add(("pupil", f, l))
            p = dict(kind="pupil", first=f, preferred="", last=l, extra=str(rng.randint(7, 11)))
            community_of[id(p)] = comm
            people.append(p)
            made += 1
    # filler staff
    sp = pools["staff"]
    made = 0
    n_staff = TARGET["staff"] - sum(1 for p in people if p["kind"] == "staff")
    while made < n_staff:
        f, l = rng.choice(sp["first"]), rng.choice(sp["last"])
        if ("staff", f, l) in seen:
            continue
        seen.add(("staff", f, l))
        people.append(dict(kind="staff", first=f, preferred="", last=l,
                           extra=rng.choice(["Teacher", "Teaching assistant", "Learning mentor", "Cover supervisor",
                                             "Admin officer", "Lunchtime supervisor"])))
        made += 1
    # filler parents, linked to filler pupils
    filler_pupils = [p for p in people if id(p) in community_of]
    rng.shuffle(filler_pupils)
    need = TARGET["parent"] - sum(1 for p in people if p["kind"] == "parent")
    for child in filler_pupils[:need]:
        comm = community_of[id(child)]
        pool = pools["parents:" + comm]
        f = rng.choice(pool["first"])
        l = child["last"]
        if comm == "roma":
            base = l
            if base.endswith("ová"):
                base = base[:-3]
            l = fem_surname(base) if f in set(pool.get("fem", [])) else base
        people.append(dict(kind="parent", first=f, preferred="", last=l,
                           extra=child["first"] + " " + child["last"]))
    # ids, emails, refs
    counts = {k: sum(1 for p in people if p["kind"] == k) for k in TARGET}
    assert counts == TARGET, counts
    order = {"pupil": 0, "staff": 1, "parent": 2}
    people.sort(key=lambda p: order[p["kind"]])  # stable: core first within each kind
    n = {"pupil": 0, "staff": 0, "parent": 0}
    used_email, used_code, used_upn = set(), set(), set()
    by_name = {}

    def asc(s):
        return re.sub(r"[^a-z]", "", fold(s).lower())

    for p in people:
        k = p["kind"]
        n[k] += 1
        if k == "pupil":
            p["id"] = f"P{n[k]:04d}"
            yy = 33 - int(p["extra"])  # intake year (Y7 joined 2026)
            base = f"{yy:02d}{asc(p['last'])}{asc(p['preferred'] or p['first'])[:1]}"
            upn = None
            while upn is None or upn in used_upn:
                upn = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(str(rng.randint(0, 9)) for _ in range(12))
            used_upn.add(upn)
            p["mis_ref"] = upn
            dom = "firthvale.sch.uk"
            p["personal_emails"] = ""
            if rng.random() < 0.12:
                p["personal_emails"] = f"{asc(p['first'])}{asc(p['last'])[:3]}{rng.randint(1, 99)}@gmail.com"
            by_name[p["first"] + " " + p["last"]] = p
        elif k == "staff":
            p["id"] = f"S{n[k]:03d}"
            base = f"{asc(p['first'])[:1]}.{asc(p['last'])}"
            dom = "firthvale.org.uk"
            fl, ll = asc(p["first"]).upper(), asc(p["last"]).upper()
            cands = [fl[0] + ll[:2], fl[0] + ll[0] + ll[-1], fl[:2] + ll[0]] + \
                    [fl[0] + ll[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
            code = next(c for c in cands if c not in used_code)
            used_code.add(code)
            p["mis_ref"] = code
            p["personal_emails"] = ""
        else:
            p["id"] = f"G{n[k]:03d}"
            base = f"{asc(p['first'])}.{asc(p['last'])}{rng.randint(1, 99)}"
            dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"])
            child = by_name.get(p["extra"])
            assert child is not None, p
            p["mis_ref"] = child["id"]
            p["personal_emails"] = ""
            if rng.random() < 0.25:
                p["personal_emails"] = f"{asc(p['first'])}{rng.randint(70, 99)}@hotmail.com"
        e = f"{base}@{dom}"
        i = 2
        while e in used_email:
            e = f"{base}{i}@{dom}"
            i += 1
        used_email.add(e)
        p["email"] = e
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        for p in people:
            w.writerow([p["id"], p["first"], p["preferred"], p["last"], p["kind"], p["email"],
                        p["personal_emails"], p["mis_ref"]])
    print("roster:", counts, "total", len(people))


if __name__ == "__main__":
    main()
