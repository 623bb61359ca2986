"""Build roster.csv from sources/roster_core.txt + sources/pools.txt (deterministic)."""
import csv, os, random, re
from common import ROOT, HEADER, strip_accents

TARGET = {"pupil": 400, "staff": 110, "parent": 90}
DOMAIN = "kingsmead.mk.sch.uk"


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", strip_accents(s).lower())


def load_core():
    people = []
    for line in open(os.path.join(ROOT, "sources", "roster_core.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, pe = line.split("|")
        people.append(dict(kind=kind, first=first, pref=pref, last=last, pe=pe))
    return people


def load_pools():
    pools, cur = {}, None
    for line in open(os.path.join(ROOT, "sources", "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]", line)
        if m:
            cur = m.group(1); pools[cur] = []
        else:
            pools[cur] += line.split()
    return pools


def main():
    rnd = random.Random(43)
    core = load_core()
    pools = load_pools()
    people = {k: [p for p in core if p["kind"] == k] for k in TARGET}
    seen = {(p["kind"], p["first"], p["last"]) for p in core}

    def add(kind, first, last, pref=""):
        key = (kind, first, last)
        if key in seen:
            return False
        seen.add(key)
        people[kind].append(dict(kind=kind, first=first, pref=pref, last=last, pe=""))
        return True

    while len(people["pupil"]) < TARGET["pupil"]:
        add("pupil", rnd.choice(pools["pupil_first"]), rnd.choice(pools["pupil_last"]))
    while len(people["staff"]) < TARGET["staff"]:
        f = rnd.choice(pools["staff_first"])
        pref = {"Christopher": "Chris", "Katherine": "Kate", "Matthew": "Matt", "Samantha": "Sam"}.get(f, "")
        add("staff", f, rnd.choice(pools["staff_last"]), pref)
    filler_pupils = people["pupil"][141:]
    while len(people["parent"]) < TARGET["parent"]:
        child = rnd.choice(filler_pupils)
        add("parent", rnd.choice(pools["parent_first"]), child["last"])

    rows, used_codes, used_emails = [], set(), set()
    pupils = people["pupil"]
    for i, p in enumerate(pupils, 1):
        p["id"] = f"P{i:04d}"
        yy = 14 + rnd.randrange(7)
        base = f"{yy}{ascii_slug(p['last'])}{ascii_slug(p['first'])[:1]}"
        e, n = base, 1
        while e in used_emails:
            n += 1; e = f"{base}{n}"
        used_emails.add(e)
        p["email"] = f"{e}@{DOMAIN}"
        p["mis"] = rnd.choice("ABCDEFGHJKLMNPRT") + "".join(str(rnd.randrange(10)) for _ in range(12))
        if not p["pe"] and rnd.random() < 0.08:
            p["pe"] = f"{ascii_slug(p['first'])}{ascii_slug(p['last'])}{rnd.randrange(10, 99)}@gmail.com"
    for i, p in enumerate(people["staff"], 1):
        p["id"] = f"S{i:03d}"
        f, l = ascii_slug(p["first"]), ascii_slug(p["last"])
        e, n = f"{f[0]}{l}", 1
        while e in used_emails:
            n += 1; e = f"{f[0]}{l}{n}"
        used_emails.add(e)
        p["email"] = f"{e}@{DOMAIN}"
        code = (p["first"][0] + strip_accents(p["last"]).replace("'", "").replace(" ", "").replace("-", "")[:2]).upper()
        k = 2
        while code in used_codes:
            code = code[:2] + strip_accents(p["last"]).upper().replace(" ", "")[k % len(p["last"])]
            k += 1
            if k > 30:
                code = code[:1] + chr(65 + rnd.randrange(26)) + chr(65 + rnd.randrange(26))
        used_codes.add(code)
        p["mis"] = code
    by_last = {}
    for c in pupils:
        by_last.setdefault(c["last"], []).append(c)
    for i, p in enumerate(people["parent"], 1):
        p["id"] = f"G{i:03d}"
        if p["pe"]:
            p["email"], p["pe"] = p["pe"], ""
        else:
            p["email"] = f"{ascii_slug(p['first'])}.{ascii_slug(p['last'])}{rnd.randrange(1, 99)}@{rnd.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com', 'yahoo.co.uk'])}"
        kids = by_last.get(p["last"], [])
        p["mis"] = kids[0]["id"] if kids and rnd.random() < 0.8 else ""
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for kind in ("pupil", "staff", "parent"):
            for p in people[kind]:
                w.writerow([p["id"], p["first"], p["pref"], p["last"], kind, p["email"], p["pe"], p["mis"]])
    print("roster:", {k: len(v) for k, v in people.items()})


if __name__ == "__main__":
    main()
