"""Build roster.csv from sources/roster_explicit.txt + sources/pools.txt (deterministic)."""
import csv, os, random, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "sources")
N_PUPILS, N_PARENTS = 300, 120
BG_FEMALE = {"Nikol", "Viktoria", "Raya", "Galina", "Milena", "Yoana", "Desislava"}
DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]


def ascii_fold(s):
    s = s.replace("ı", "i").replace("Ł", "L").replace("ł", "l")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slug(s):
    return re.sub(r"[^a-z0-9]", "", ascii_fold(s).lower())


def main():
    rng = random.Random(26)
    explicit = []
    for line in open(os.path.join(SRC, "roster_explicit.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, extra = line.split("|")
        explicit.append(dict(kind=kind, first=first, pref=pref, last=last, extra=extra, comm=None))
    pools = {}
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        comm, rest = line.split(":", 1)
        kids, parents, surnames = [[x.strip() for x in part.split(",") if x.strip()] for part in rest.split(";")]
        pools[comm.strip()] = (kids, parents, surnames)

    staff = [p for p in explicit if p["kind"] == "staff"]
    pupils = [p for p in explicit if p["kind"] == "pupil"]
    parents = [p for p in explicit if p["kind"] == "parent"]
    seen = {(p["first"], p["last"]) for p in pupils}
    comms = sorted(pools)
    weights = {"nepali": 5, "kent": 6, "service": 3, "filipino": 2, "kurdish": 1, "afghan": 1,
               "romanian": 2, "bulgarian": 1, "turkish": 1, "other": 3}
    wl = [c for c in comms for _ in range(weights[c])]
    while len(pupils) < N_PUPILS:
        c = rng.choice(wl)
        kids, _, sur = pools[c]
        f, l = rng.choice(kids), rng.choice(sur)
        if c == "bulgarian" and f in BG_FEMALE:
            l += "a"
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append(dict(kind="pupil", first=f, pref="", last=l, extra="", comm=c))

    # ids
    for i, p in enumerate(staff, 1):
        p["id"] = "S%03d" % i
    for i, p in enumerate(pupils, 1):
        p["id"] = "P%04d" % i
    by_name = {(p["first"] + " " + p["last"]): p for p in pupils}
    for p in parents:
        p["child"] = by_name[p["extra"]]["id"]
    has_parent = {p["child"] for p in parents}
    pseen = {(p["first"], p["last"]) for p in parents}
    cand = [p for p in pupils if p["comm"] and p["id"] not in has_parent]
    rng.shuffle(cand)
    for child in cand:
        if len(parents) >= N_PARENTS:
            break
        _, pf, _ = pools[child["comm"]]
        f = rng.choice(pf)
        l = child["last"]
        if child["comm"] == "bulgarian":
            l = l[:-1] if l.endswith("a") else l
            if f in BG_FEMALE:
                l += "a"
        if (f, l) in pseen:
            continue
        pseen.add((f, l))
        parents.append(dict(kind="parent", first=f, pref="", last=l, extra="", comm=child["comm"], child=child["id"]))
    for i, p in enumerate(parents, 1):
        p["id"] = "G%03d" % i

    used = set()

    def uniq(e):
        base, dom = e.split("@")
        n, cand_e = 1, e
        while cand_e in used:
            n += 1
            cand_e = "%s%d@%s" % (base, n, dom)
        used.add(cand_e)
        return cand_e

    rows = []
    for p in staff:
        email = uniq("%s.%s@cheritondowns.kent.sch.uk" % (slug(p["first"])[0], slug(p["last"])))
        rows.append([p["id"], p["first"], p["pref"], p["last"], "staff", email, "", p["extra"]])
    for p in pupils:
        email = uniq("%s.%s@pupils.cheritondowns.kent.sch.uk" % (slug(p["first"]), slug(p["last"])))
        upn = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
        pe = ""
        if rng.random() < 0.08:
            pe = "%s%s%d@%s" % (slug(p["first"]), slug(p["last"])[:3], rng.randint(10, 99), rng.choice(DOMAINS[:3]))
        rows.append([p["id"], p["first"], p["pref"], p["last"], "pupil", email, pe, upn])
    for p in parents:
        email = uniq("%s.%s%d@%s" % (slug(p["first"]), slug(p["last"]), rng.randint(1, 99), rng.choice(DOMAINS)))
        pe = ""
        if rng.random() < 0.3:
            pe = "%s%s@%s" % (slug(p["first"])[0], slug(p["last"]), rng.choice(DOMAINS))
            if rng.random() < 0.3:
                pe += ";%s.%s.work@%s" % (slug(p["first"]), slug(p["last"]), rng.choice(DOMAINS))
        ref = p["child"] if rng.random() < 0.85 else ""
        rows.append([p["id"], p["first"], p["pref"], p["last"], "parent", email, pe, ref])
    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print("roster: %d staff, %d pupils, %d parents" % (len(staff), len(pupils), len(parents)))


if __name__ == "__main__":
    main()
