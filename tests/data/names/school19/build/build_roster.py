"""Build roster.csv from sources/people.txt (hand-written) + sources/pools.txt (filler pools). Deterministic."""
import csv
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import fold, ascii_slug  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = {"pupil": 450, "staff": 100, "parent": 50}
DOMAIN = "moorsidepark.bradford.sch.uk"


def h(*parts):
    return int(hashlib.md5("|".join(map(str, parts)).encode("utf-8")).hexdigest(), 16)


def read_people():
    out = []
    for line in open(os.path.join(ROOT, "sources", "people.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last = line.split("|")
        out.append({"kind": kind, "first": first, "pref": pref, "last": last, "community": "named"})
    return out


def read_pools():
    pools = []
    cur = None
    for line in open(os.path.join(ROOT, "sources", "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            kind, comm, w = line[1:-1].split()
            cur = {"kind": kind, "community": comm, "weight": int(w)}
            pools.append(cur)
        else:
            key, vals = line.split(":", 1)
            cur[key] = [v.strip() for v in vals.split(",")]
    return pools


def allocate(n, pools):
    tot = sum(p["weight"] for p in pools)
    raw = [(n * p["weight"] / tot, i) for i, p in enumerate(pools)]
    counts = [int(r) for r, _ in raw]
    rem = sorted(raw, key=lambda t: (-(t[0] - int(t[0])), t[1]))
    for _, i in rem[: n - sum(counts)]:
        counts[i] += 1
    return counts


def main():
    people = read_people()
    pools = read_pools()
    seen = {(p["kind"], fold(p["first"]), fold(p["last"])) for p in people}
    for kind in ("pupil", "staff"):
        have = sum(1 for p in people if p["kind"] == kind)
        kp = [p for p in pools if p["kind"] == kind]
        for pool, cnt in zip(kp, allocate(TARGET[kind] - have, kp)):
            i = 0
            made = 0
            while made < cnt:
                g = "M" if i % 2 == 0 else "F"
                first = pool[g][h(pool["community"], kind, i, "f") % len(pool[g])]
                si = h(pool["community"], kind, i, "s") % len(pool["S"])
                last = pool["SF"][si] if (g == "F" and "SF" in pool) else pool["S"][si]
                i += 1
                key = (kind, fold(first), fold(last))
                if key in seen:
                    continue
                seen.add(key)
                people.append({"kind": kind, "first": first, "pref": "", "last": last,
                               "community": pool["community"], "g": g})
                made += 1
    # parents of filler pupils
    adult = [p for p in pools if p["kind"] == "parent"][0]
    filler_pupils = [p for p in people if p["kind"] == "pupil" and p["community"] != "named"]
    have = sum(1 for p in people if p["kind"] == "parent")
    j = 0
    while have < TARGET["parent"]:
        child = filler_pupils[(j * 37) % len(filler_pupils)]
        g = "F" if j % 3 else "M"
        first = adult[g][h("parent", j) % len(adult[g])]
        last = child["last"]
        j += 1
        key = ("parent", fold(first), fold(last))
        if key in seen:
            continue
        seen.add(key)
        people.append({"kind": "parent", "first": first, "pref": "", "last": last, "community": "filler",
                       "child": child})
        have += 1

    # ids, emails, refs
    counters = {"pupil": 0, "staff": 0, "parent": 0}
    prefix = {"pupil": ("P", 4), "staff": ("S", 3), "parent": ("G", 3)}
    emails = set()
    codes = set()
    rows = []
    ordered = [p for k in ("pupil", "staff", "parent") for p in people if p["kind"] == k]
    by_last = {}
    for p in ordered:
        k = p["kind"]
        counters[k] += 1
        pre, w = prefix[k]
        p["id"] = f"{pre}{counters[k]:0{w}d}"
        if k == "pupil":
            by_last.setdefault(fold(p["last"]), p["id"])
    for p in ordered:
        k = p["kind"]
        f, l = ascii_slug(p["pref"] or p["first"]), ascii_slug(p["last"])
        personal = ""
        if k == "pupil":
            intake = 20 + (h(p["id"], "y") % 7)
            base = f"{intake}{l}{f[0]}"
            n = 1
            email = f"{base}@{DOMAIN}"
            while email in emails:
                n += 1
                email = f"{base}{n}@{DOMAIN}"
            digits = f"{h(p['id'], 'upn') % 10**12:012d}"
            mis = "ABCDEFGHJKLMNPRTUWXYZ"[h(p["id"], "l") % 21] + digits
            if h(p["id"], "pe") % 9 == 0:
                personal = f"{f}{l}{h(p['id'], 'n') % 100:02d}@gmail.com"
        elif k == "staff":
            base = f"{f[0]}.{l}"
            email = f"{base}@{DOMAIN}"
            n = 1
            while email in emails:
                n += 1
                email = f"{base}{n}@{DOMAIN}"
            L = [c for c in fold(p["last"]).upper() if c.isalpha()]
            F = fold(p["first"]).upper()[0]
            cands = [F + L[0] + L[1]] + [F + L[0] + c for c in L[2:]] + [F + a + b for a in L for b in L]
            cands += [a + b + c for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for c in "XYZ"]
            mis = next(c for c in cands if c not in codes)
            codes.add(mis)
        else:
            hosts = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"]
            email = f"{f}.{l}{h(p['id'], 'n') % 90 + 10}@{hosts[h(p['id'], 'h') % len(hosts)]}"
            while email in emails:
                email = "x" + email
            if h(p["id"], "pe2") % 4 == 0:
                personal = f"{l}{f[0]}{h(p['id'], 'm') % 1000}@hotmail.com"
            child = p.get("child")
            mis = child["id"] if child else by_last.get(fold(p["last"]), "")
        emails.add(email)
        rows.append([p["id"], p["first"], p["pref"], p["last"], k, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster: {len(rows)} people", {k: sum(1 for r in rows if r[4] == k) for k in TARGET})


if __name__ == "__main__":
    main()
