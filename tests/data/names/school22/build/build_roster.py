"""Build roster.csv from sources/people.txt (hand-written) + sources/pools.txt (deterministic fill)."""
import csv, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, HEADER, ascii_fold

TARGET = {"pupil": 420, "staff": 90, "parent": 50}
rng = random.Random(22)


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


people = []
for line in open(os.path.join(ROOT, "sources", "people.txt"), encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    kind, first, pref, last, extra, gender = line.split("|")
    people.append(dict(kind=kind, first=first, pref=pref, last=last, extra=extra, gender=gender))

pools = []
for line in open(os.path.join(ROOT, "sources", "pools.txt"), encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    origin, w, m, f, s = line.split("|")
    sur = [x.split("/") if "/" in x else [x, x] for x in s.split(",")]
    pools.append(dict(origin=origin, w=int(w), m=m.split(","), f=f.split(","), s=sur))
pupil_pools = [p for p in pools if p["origin"] != "staffgb"]
staff_pool = [p for p in pools if p["origin"] == "staffgb"][0]
gb_pool = [p for p in pools if p["origin"] == "gb"][0]

seen = {(p["first"], p["last"]) for p in people}


def add(kind, first, last, gender, extra=""):
    if (first, last) in seen:
        return False
    seen.add((first, last))
    people.append(dict(kind=kind, first=first, pref="", last=last, extra=extra, gender=gender))
    return True


def count(kind):
    return sum(1 for p in people if p["kind"] == kind)


while count("pupil") < TARGET["pupil"]:
    pool = rng.choices(pupil_pools, weights=[p["w"] for p in pupil_pools])[0]
    g = rng.choice("mf")
    first = rng.choice(pool["m"] if g == "m" else pool["f"])
    sm, sf = rng.choice(pool["s"])
    add("pupil", first, sm if g == "m" else sf, g)

used_codes = {p["extra"] for p in people if p["kind"] == "staff"}
while count("staff") < TARGET["staff"]:
    pool = staff_pool if rng.random() < 0.8 else rng.choice(pupil_pools)
    g = rng.choice("mf")
    first = rng.choice(pool["m"] if g == "m" else pool["f"])
    sm, sf = rng.choice(pool["s"])
    last = sm if g == "m" else sf
    code = (ascii_fold(first)[0] + ascii_fold(last)[:2]).upper()
    k = 2
    while code in used_codes:
        code = (ascii_fold(first)[0] + ascii_fold(last)[0] + ascii_fold(last)[k % len(last)]).upper()
        k += 1
        if k > 8:
            code = code[:2] + chr(65 + rng.randrange(26))
    if add("staff", first, last, g, code):
        used_codes.add(code)

# parents: fill with parents of generated pupils whose surname form is not gendered-by-marriage
gen_pupils = [p for p in people if p["kind"] == "pupil" and p["extra"] == ""]
while count("parent") < TARGET["parent"]:
    child = rng.choice(gen_pupils)
    pool = None
    for pl in pupil_pools:
        for sm, sf in pl["s"]:
            if child["last"] in (sm, sf) and sm == sf:
                pool = pl
    if pool is None:
        continue
    g = rng.choice("mf")
    first = rng.choice((staff_pool if pool["origin"] == "gb" else pool)["m" if g == "m" else "f"])
    add("parent", first, child["last"], g, child["last"])

# ids, emails, mis_ref
rows = []
counters = {"pupil": 0, "staff": 0, "parent": 0}
emails = set()
pupil_by_last = {}
upn_rng = random.Random(2201)
for p in people:
    counters[p["kind"]] += 1
    n = counters[p["kind"]]
    if p["kind"] == "pupil":
        pid = f"P{n:04d}"
        pupil_by_last.setdefault(p["last"], pid)
        base = f"{slug(p['last'])}.{slug(p['first'])[:1]}{20 + n % 5}"
        dom = "students.havenmarsh.org.uk"
        mis = rng.choice("ABCHJKLMN") + "".join(str(upn_rng.randrange(10)) for _ in range(12))
        personal = f"{slug(p['pref'] or p['first'])}{slug(p['last'])[:4]}{upn_rng.randrange(100)}@gmail.com" if n % 7 == 0 else ""
    elif p["kind"] == "staff":
        pid = f"S{n:03d}"
        base = f"{slug(p['first'])[:1]}.{slug(p['last'])}"
        dom = "havenmarsh.org.uk"
        mis = p["extra"]
        personal = ""
    else:
        pid = f"G{n:03d}"
        base = f"{slug(p['first'])}.{slug(p['last'])}{upn_rng.randrange(60, 99)}"
        dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.com"])
        mis = pupil_by_last.get(p["extra"], "")
        personal = f"{slug(p['first'])[:3]}{slug(p['last'])}@hotmail.com" if n % 3 == 0 else ""
    email = f"{base}@{dom}"
    k = 2
    while email in emails:
        email = f"{base}{k}@{dom}"
        k += 1
    emails.add(email)
    rows.append([pid, p["first"], p["pref"], p["last"], p["kind"], email, personal, mis])

with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(rows)
print("roster:", counters, "total", len(rows))
