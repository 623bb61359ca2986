"""Build roster.csv from sources/roster_people.txt + sources/name_pools.txt (deterministic)."""
import csv, os, random
from common import ROOT, HEADER, ascii_slug

N_PUPILS, N_PARENTS = 330, 100
SCHOOL = "tynefell.org.uk"


def read_sections(path):
    sec, out = None, {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("["):
                sec = line.strip("[]")
                out[sec] = []
                continue
            out[sec].append(line)
    return out


def main():
    rng = random.Random(2028)
    people = read_sections(os.path.join(ROOT, "sources", "roster_people.txt"))
    pools = read_sections(os.path.join(ROOT, "sources", "name_pools.txt"))
    pf = " ".join(pools["pupil_first"]).split()
    pl = " ".join(pools["pupil_last"]).split()
    af = " ".join(pools["adult_first"]).split()

    rows, emails = [], set()

    def uniq(e):
        base, n = e, 1
        while e in emails:
            n += 1
            local, dom = base.split("@")
            e = f"{local}{n}@{dom}"
        emails.add(e)
        return e

    # staff
    for i, line in enumerate(people["staff"], 1):
        first, pref, last, code = line.split("|")
        e = uniq(f"{ascii_slug(pref or first)}.{ascii_slug(last)}@{SCHOOL}")
        rows.append([f"S{i:03d}", first, pref, last, "staff", e, "", code])
    # pupils
    pupils = [l.split("|") for l in people["pupil"]]
    seen = {(f, l) for f, p, l in pupils}
    while len(pupils) < N_PUPILS:
        f, l = rng.choice(pf), rng.choice(pl)
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append([f, "", l])
    key2id = {}
    for i, (first, pref, last) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        key2id[f"{first} {last}"] = pid
        yr = 21 + (i % 5)
        e = uniq(f"{yr}{ascii_slug(last)}{ascii_slug(first)[0]}@{SCHOOL}")
        personal = ""
        if rng.random() < 0.08:
            personal = f"{ascii_slug(pref or first)}{ascii_slug(last)}{rng.randint(10, 99)}@gmail.com"
        mis = rng.choice("ABHKNRT") + "".join(str(rng.randint(0, 9)) for _ in range(12))
        rows.append([pid, first, pref, last, "pupil", e, personal, mis])
    # parents
    parents = [l.split("|") for l in people["parent"]]
    pseen = {(f, l) for f, p, l, c in parents}
    filler_children = [p for p in pupils[len(people["pupil"]):]]
    while len(parents) < N_PARENTS:
        child = rng.choice(filler_children)
        f = rng.choice(af)
        l = child[2] if rng.random() < 0.85 else rng.choice(pl)
        if (f, l) in pseen:
            continue
        pseen.add((f, l))
        parents.append([f, "", l, f"{child[0]} {child[2]}"])
    for i, (first, pref, last, child) in enumerate(parents, 1):
        dom = rng.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk"])
        e = uniq(f"{ascii_slug(pref or first)}.{ascii_slug(last)}@{dom}")
        personal = ""
        if rng.random() < 0.2:
            personal = f"{ascii_slug(first)}{ascii_slug(last)}{rng.randint(1, 99)}@hotmail.com"
        mis = key2id.get(child, "") if rng.random() < 0.9 else ""
        rows.append([f"G{i:03d}", first, pref, last, "parent", e, personal, mis])

    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"roster: {len(rows)} people")


if __name__ == "__main__":
    main()
