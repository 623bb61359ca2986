"""Build roster.csv from sources/roster_key.csv (hand-written) + sources/name_pools.txt (deterministic filler)."""
import csv, os, random, re
from common import ROOT, fold

rng = random.Random(54)
SRC = os.path.join(ROOT, "sources")
N_PUPIL, N_STAFF, N_PARENT = 400, 100, 100
NICK = {"Oluwatobi": "Tobi", "Ifeoluwa": "Ife", "Temitope": "Temi", "Damilola": "Dami", "Somtochukwu": "Somto",
        "Kamsiyochukwu": "Kamsi", "Fiyinfoluwa": "Fiyin", "Oreoluwa": "Ore", "Ugochukwu": "Ugo", "Jakub": "Kuba",
        "Zachary": "Zach", "Isabella": "Bella", "Samuel": "Sam", "Jacob": "Jake", "Katarzyna": "Kasia",
        "Stephen": "Steve", "Chiamaka": "Amaka", "Obiageli": "Obi", "Nicolás": "Nico", "Maria Eduarda": "Duda",
        "Dominykas": "Dom", "Jennifer": "Jen", "Abigail": "Abi", "Michael": "Mike", "Ezekiel": "Zeke"}

key = []
with open(os.path.join(SRC, "roster_key.csv"), encoding="utf-8") as fh:
    for line in fh:
        if line.startswith("#") or not line.strip():
            continue
        first, pref, last, kind, note = line.rstrip("\n").split(",", 4)
        key.append(dict(first_name=first, preferred_name=pref, last_name=last, kind=kind, note=note))

pools, staff_pool = [], None
with open(os.path.join(SRC, "name_pools.txt"), encoding="utf-8") as fh:
    for line in fh:
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("|")
        if parts[0] == "STAFF":
            staff_pool = (parts[1].split(","), parts[2].split(","))
        else:
            pools.append(dict(name=parts[0], w=int(parts[1]), kids=parts[2].split(","), adults=parts[3].split(","),
                              sur=parts[4].split(",")))

people = list(key)
pupils = [p for p in people if p["kind"] == "pupil"]
staff = [p for p in people if p["kind"] == "staff"]
parents = [p for p in people if p["kind"] == "parent"]
weights = [p["w"] for p in pools]
filler_pupils = []
while len(pupils) + len(filler_pupils) < N_PUPIL:
    com = rng.choices(pools, weights)[0]
    sur = rng.choice(com["sur"])
    nkids = rng.choice([1, 1, 1, 2, 2, 3])
    fam = []
    for _ in range(nkids):
        if len(pupils) + len(filler_pupils) >= N_PUPIL:
            break
        first = rng.choice(com["kids"])
        if any(f["first_name"] == first for f in fam):
            continue
        pref = NICK.get(first, "") if rng.random() < 0.5 else ""
        p = dict(first_name=first, preferred_name=pref, last_name=sur, kind="pupil", note="filler", com=com)
        fam.append(p)
        filler_pupils.append(p)
pupils += filler_pupils
seen = set()
for p in filler_pupils:
    if len(parents) >= N_PARENT:
        break
    if p["last_name"] in seen:
        continue
    seen.add(p["last_name"])
    com = p["com"]
    last = p["last_name"]
    if com["name"] == "latin":
        last = last.split()[0] + " " + rng.choice(["Ruiz", "Gil", "Vélez", "Mamani", "Ospina", "Bravo"])
    parents.append(dict(first_name=rng.choice(com["adults"]), preferred_name="", last_name=last, kind="parent",
                        note="filler parent of " + p["first_name"], child=p))
sf, sl = staff_pool
used = {(s["first_name"], s["last_name"]) for s in staff}
while len(staff) < N_STAFF:
    f, l = rng.choice(sf), rng.choice(sl)
    if (f, l) in used:
        continue
    used.add((f, l))
    staff.append(dict(first_name=f, preferred_name=NICK.get(f, "") if rng.random() < 0.3 else "", last_name=l,
                      kind="staff", note="filler staff"))


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s))


emails, codes, upns = set(), set(), set()


def uniq(base, dom):
    n, e = 1, f"{base}@{dom}"
    while e in emails:
        n += 1
        e = f"{base}{n}@{dom}"
    emails.add(e)
    return e


rows = []
for i, p in enumerate(pupils, 1):
    yy = rng.randint(19, 26)
    e = uniq(f"{ascii_slug(p['first_name'])[:1]}{ascii_slug(p['last_name'])}{yy}", "pupils.sgsa.southwark.sch.uk")
    while True:
        upn = rng.choice("HJKN") + "210" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        if upn not in upns:
            upns.add(upn)
            break
    pe = ""
    if rng.random() < 0.05:
        pe = f"{ascii_slug(p['first_name'])}{ascii_slug(p['last_name'])}{rng.randint(10, 99)}@gmail.com"
    p["id"] = f"P{i:04d}"
    rows.append([p["id"], p["first_name"], p["preferred_name"], p["last_name"], "pupil", e, pe, upn])
for i, p in enumerate(staff, 1):
    e = uniq(f"{ascii_slug(p['first_name'])[:1]}.{ascii_slug(p['last_name'])}", "sgsa.southwark.sch.uk")
    letters = ascii_slug(p["last_name"]).upper()
    fi = ascii_slug(p["first_name"])[:1].upper()
    cands = [fi + letters[:2]] + [fi + letters[0] + c for c in letters[2:]] + [fi + letters[0] + c for c in "XYZQWVJK"]
    code = next(c for c in cands if c not in codes)
    codes.add(code)
    rows.append([f"S{i:03d}", p["first_name"], p["preferred_name"], p["last_name"], "staff", e, "", code])
for i, p in enumerate(parents, 1):
    dom = rng.choice(["gmail.com", "hotmail.co.uk", "yahoo.com", "outlook.com", "icloud.com"])
    e = uniq(f"{ascii_slug(p['first_name'])}.{ascii_slug(p['last_name'])}{rng.randint(1, 99)}", dom)
    pe = ""
    if rng.random() < 0.3:
        pe = f"{ascii_slug(p['first_name'])}{ascii_slug(p['last_name'])}{rng.randint(100, 999)}@gmail.com"
    child = p.get("child")
    if not child:
        # key parents: first key pupil sharing a surname part
        parts = set(p["last_name"].split())
        nm = p["note"].split(" of ", 1)[1].split("/")[0]
        child = next((c for c in pupils if (c["preferred_name"] or c["first_name"]) == nm
                      or c["first_name"] == nm), None)
    rows.append([f"G{i:03d}", p["first_name"], p["preferred_name"], p["last_name"], "parent", e, pe,
                 child["id"] if child else ""])

with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
    w.writerows(rows)
print(f"roster: {len(rows)} people ({len(pupils)} pupils, {len(staff)} staff, {len(parents)} parents)")
