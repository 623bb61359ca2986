"""Build roster.csv from sources/staff.txt, pupils.txt, pools.txt, parents.txt. Deterministic."""
import csv, hashlib, os, random, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from names import ascii_fold, name_forms, norm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")

def rows(fn):
    with open(os.path.join(SRC, fn), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("|")

def slug(s):
    return re.sub(r"[^a-z0-9]", "", ascii_fold(s).lower())

def digits(key, n):
    h = hashlib.sha256(key.encode()).hexdigest()
    return str(int(h, 16))[:n]

people = []   # dicts
seen_full = set()

# pupils: hand-written key pupils
pupils = []
for first, pref, last, group in rows("pupils.txt"):
    pupils.append((first, pref, last, group))
# filler pupils from pools
PARENT_FIRSTS = {"nigerian": ["Funke", "Chidi", "Bisi", "Ngozi", "Tunji"], "ghanaian": ["Akosua", "Kwame", "Efia"],
                 "caribbean": ["Marlene", "Delroy", "Janet"], "tamil": ["Vasuki", "Ganesh"],
                 "afghan_eritrean": ["Nazifa", "Tekle"], "polish_eu": ["Agata", "Mihai"],
                 "polish": ["Agata", "Marcin"], "romanian_lith_hun": ["Mihai"], "brazil": ["Fernanda"], "somali": ["Hawa", "Faadumo"],
                 "bangla": ["Shahnaz", "Mizanur"], "viet": ["Thanh"], "british": ["Karen", "Steve", "Nicola"]}
filler_parents = []
for grp, count, firsts, lasts in rows("pools.txt"):
    firsts = firsts.split(","); lasts = lasts.split(",")
    made = 0; i = 0
    pairs = [(f, l) for f in firsts for l in lasts]
    random.Random("avsfc-" + grp).shuffle(pairs)
    used_first = Counter()
    for f, l in pairs:
        if made >= int(count):
            break
        if used_first[f] >= 3:
            continue
        i += 1
        first, _, pref = f.partition("/")
        full = (first, l)
        if full in seen_full or any(p[0] == first and p[2] == l for p in pupils):
            continue
        seen_full.add(full)
        used_first[f] += 1
        grpcode = ["12", "13", "L3", "L2", "T"][(i + made) % 5]
        pupils.append((first, pref, l, grpcode))
        if made % 8 == 3:
            opts = PARENT_FIRSTS[grp]
            k = made // 8
            pf = opts[k % len(opts)]
            tries = 0
            while any(fp[1] == pf and fp[3] == l for fp in filler_parents) and tries < len(opts):
                k += 1; tries += 1; pf = opts[k % len(opts)]
            if tries < len(opts):
                filler_parents.append(("", pf, "", l, f"{first} {l}"))
        made += 1

used_emails = set()
def uniq_email(local, domain):
    e = f"{local}@{domain}"; n = 2
    while e in used_emails:
        e = f"{local}{n}@{domain}"; n += 1
    used_emails.add(e)
    return e

pupil_id = {}
for n, (first, pref, last, group) in enumerate(pupils, 1):
    pid = f"P{n:04d}"
    yy = "23" if group.startswith("13") else "24" if group.startswith("12") else ("24" if n % 2 else "25")
    email = uniq_email(f"{yy}{slug(last)}{slug(first)[0]}", "students.addiscombevale.ac.uk")
    personal = ""
    if n % 9 == 4:
        personal = f"{slug(pref or first)}.{slug(last)}{digits(pid, 2)}@gmail.com"
    elif n % 13 == 6:
        personal = f"{slug(pref or first)}{digits(pid, 3)}@hotmail.co.uk"
    letter = "ABCDEFGHJKLMNPQRTUVWXYZ"[int(digits(pid + 'L', 2)) % 23]
    mis = letter + digits(pid + "upn", 12).rjust(12, "0")
    people.append(dict(id=pid, first_name=first, preferred_name=pref, last_name=last, kind="pupil",
                       email=email, personal_emails=personal, mis_ref=mis))
    pupil_id[f"{first} {last}"] = pid

all_forms = set()
for p in people:
    all_forms |= name_forms(p["first_name"], p["preferred_name"], p["last_name"])

staff_rows = list(rows("staff.txt"))
parent_rows = [(t, f, pr, l, c) for t, f, pr, l, c in rows("parents.txt")] + filler_parents
for t, f, pr, l, c in parent_rows:
    all_forms |= name_forms(f, pr, l)
for t, f, pr, l, role in staff_rows:
    all_forms |= name_forms(f, pr, l)

codes = set()
for n, (title, first, pref, last, role) in enumerate(staff_rows, 1):
    sid = f"S{n:03d}"
    F = ascii_fold(first).upper(); L = re.sub(r"[^A-Z]", "", ascii_fold(last).upper())
    cands = [F[0] + L[:2], F[0] + L[0] + L[-1], F[:2] + L[0], F[0] + L[1:3], F[0] + L[0] + L[2]]
    cands += [F[0] + L[0] + ch for ch in "ABCDEFGHJKLMNPRSTVWXYZ"]
    code = next(c for c in cands if c not in codes and norm(c) not in all_forms and len(c) == 3)
    codes.add(code)
    email = uniq_email(f"{slug(first.split()[0])}.{slug(last)}", "addiscombevale.ac.uk")
    people.append(dict(id=sid, first_name=first, preferred_name=pref, last_name=last, kind="staff",
                       email=email, personal_emails="", mis_ref=code))

for n, (title, first, pref, last, child) in enumerate(parent_rows, 1):
    gid = f"G{n:03d}"
    if child not in pupil_id:
        sys.exit(f"parent {first} {last}: unknown child {child}")
    email = uniq_email(f"{slug(first)}.{slug(last)}{digits(gid, 2)}", ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com"][n % 4])
    personal = ""
    if n % 6 == 1:
        personal = f"{slug(first)}{slug(last)}@btinternet.com"
    people.append(dict(id=gid, first_name=first, preferred_name=pref, last_name=last, kind="parent",
                       email=email, personal_emails=personal, mis_ref=pupil_id[child]))

header = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
    w.writeheader()
    for p in people:
        w.writerow(p)
from collections import Counter
print("roster:", len(people), dict(Counter(p["kind"] for p in people)))
