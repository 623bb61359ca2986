"""Build roster.csv from sources/roster_core.txt + sources/name_pools.txt (deterministic)."""
import csv, os, random, sys
sys.path.insert(0, os.path.dirname(__file__))
from names import ascii_slug

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = {"pupil": 420, "staff": 80, "parent": 100}
DOMAIN = "colnbrookpark.sch.uk"


def load():
    core = []
    for line in open(os.path.join(ROOT, "sources/roster_core.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last = line.split("|")
        core.append((kind, first, pref, last))
    pools = []
    for line in open(os.path.join(ROOT, "sources/name_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, w, gs, ss = line.split("|")
        pools.append((name, int(w), gs.split(","), [s for s in ss.split(",") if s]))
    return core, pools


def main():
    core, pools = load()
    rng = random.Random(33)
    people = {k: [p for p in core if p[0] == k] for k in TARGET}
    seen = {(p[1], p[3]) for p in core}
    comm = [p for p in pools if p[1] > 0]
    weights = [p[1] for p in comm]
    staff_first = [p for p in pools if p[0] == "staff_first"][0][2]
    for kind in TARGET:
        while len(people[kind]) < TARGET[kind]:
            c = rng.choices(comm, weights)[0]
            first = rng.choice(staff_first if kind == "staff" and rng.random() < 0.5 else c[2])
            last = rng.choice(c[3])
            if (first, last) in seen:
                continue
            seen.add((first, last))
            people[kind].append((kind, first, "", last))
    rows = []
    codes = set()
    emails = set()
    pupil_by_last = {}
    for kind, prefix, width in (("pupil", "P", 4), ("staff", "S", 3), ("parent", "G", 3)):
        for i, (k, first, pref, last) in enumerate(people[kind], 1):
            pid = f"{prefix}{i:0{width}d}"
            f, l = ascii_slug(pref or first), ascii_slug(last.split()[-1] if kind != "staff" else last)
            if kind == "pupil":
                base = f"{rng.randint(17, 24)}{l}{f[0]}"
            elif kind == "staff":
                base = f"{f[0]}{l}"
            else:
                base = None
            personal = ""
            if kind == "parent":
                doms = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"]
                n = rng.randint(1, 2)
                personal = ";".join(f"{f}{'.' if j == 0 else ''}{l}{rng.randint(1, 99) if j else ''}@{rng.choice(doms)}" for j in range(n))
                email = personal.split(";")[0]
                personal = ";".join(personal.split(";")[1:])
            else:
                email = None
                n = 0
                while email is None or email in emails:
                    email = f"{base}{n or ''}@{DOMAIN}"
                    n += 1
                if kind == "pupil" and rng.random() < 0.12:
                    personal = f"{f}{l}{rng.randint(2008, 2014)}@gmail.com"
            emails.add(email)
            if kind == "pupil":
                mis = "A" if rng.random() < 0.5 else rng.choice("BCDEHJKLMNPR")
                mis += "".join(str(rng.randint(0, 9)) for _ in range(12))
                pupil_by_last.setdefault(last, pid)
            elif kind == "staff":
                fa, la = ascii_slug(first).upper(), ascii_slug(last).upper()
                cands = [fa[0] + la[:2], fa[0] + la[0] + la[-1], fa[:2] + la[0], la[:3], fa[0] + la[1:3]]
                code = next((c for c in cands if c not in codes and len(c) == 3), None)
                while code is None or code in codes:
                    code = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ") for _ in range(3))
                codes.add(code)
                mis = code
            else:
                mis = pupil_by_last.get(last, "") if rng.random() < 0.8 else ""
            rows.append([pid, first, pref, last, kind, email, personal, mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster.csv: {len(rows)} people")


if __name__ == "__main__":
    main()
