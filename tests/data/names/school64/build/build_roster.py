"""Build roster.csv from sources/roster_core.txt, sources/name_pools.txt, sources/staff_pools.txt.
Deterministic: fixed seed, no clock."""
import csv, os, random, re
from common import ROOT, SRC, HEADER, fold

N_PUPILS, N_STAFF, N_PARENTS = 320, 90, 150
rng = random.Random(64)


def ascii_slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def read_core():
    out = []
    for line in open(os.path.join(SRC, "roster_core.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, note = line.split("|")
        out.append(dict(kind=kind, first=first, pref=pref, last=last, note=note))
    return out


def read_pools():
    groups, cur = [], None
    for line in open(os.path.join(SRC, "name_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+) (\d+)\]", line)
        if m:
            cur = dict(name=m.group(1), w=int(m.group(2)))
            groups.append(cur)
            continue
        key, vals = line.split(":", 1)
        cur[key] = vals.split()
    return groups


def main():
    core = read_core()
    groups = read_pools()
    pupils = [c for c in core if c["kind"] == "pupil"]
    staff = [c for c in core if c["kind"] == "staff"]
    parents = [c for c in core if c["kind"] == "parent"]
    seen = {(c["first"], c["last"]) for c in core}
    weights = [g["w"] for g in groups]
    filler_pupils = []
    while len(pupils) < N_PUPILS:
        g = rng.choices(groups, weights)[0]
        f, l = rng.choice(g["first"]), rng.choice(g["last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        p = dict(kind="pupil", first=f, pref="", last=l, note="", group=g)
        pupils.append(p)
        filler_pupils.append(p)
    for line in open(os.path.join(SRC, "staff_pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f, l, role = line.split("|")
        if len(staff) < N_STAFF:
            staff.append(dict(kind="staff", first=f, pref="", last=l, note=role))
    assert len(staff) == N_STAFF, len(staff)
    kids = list(filler_pupils)
    rng.shuffle(kids)
    i = 0
    while len(parents) < N_PARENTS:
        kid = kids[i]; i += 1
        g = kid["group"]
        f = rng.choice(g["adult"])
        last = kid["last"]
        if g["name"] == "sikh" and rng.random() < 0.5:
            last = "Kaur"
        if g["name"] == "eastern_europe" and last.endswith("ski"):
            last = last[:-1] + "a"
        if (f, last) in seen:
            continue
        seen.add((f, last))
        parents.append(dict(kind="parent", first=f, pref="", last=last, note="parent of " + kid["first"], kid=kid))

    rows, codes, upns, emails = [], set(), set(), set()
    for n, p in enumerate(pupils, 1):
        p["id"] = f"P{n:04d}"
    for n, p in enumerate(staff, 1):
        p["id"] = f"S{n:03d}"
    for n, p in enumerate(parents, 1):
        p["id"] = f"G{n:03d}"

    def uniq_email(base, domain):
        e, k = f"{base}@{domain}", 2
        while e in emails:
            e = f"{base}{k}@{domain}"; k += 1
        emails.add(e)
        return e

    for p in pupils:
        while True:
            upn = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
            if upn not in upns:
                upns.add(upn); break
        email = uniq_email(ascii_slug(p["pref"] or p["first"])[:1] + ascii_slug(p["last"]) + p["id"][1:],
                           "pupils.belgravefields.leicester.sch.uk")
        personal = ""
        if rng.random() < 0.08:
            personal = f"{ascii_slug(p['pref'] or p['first'])}{ascii_slug(p['last'])[:4]}{rng.randint(10, 99)}@gmail.com"
        rows.append([p["id"], p["first"], p["pref"], p["last"], "pupil", email, personal, upn])
    for p in staff:
        f = ascii_slug(p["first"]); l = ascii_slug(p["last"])
        base = (ascii_slug(p["pref"] or p["first"])[:1] + ascii_slug(p["last"]))
        for code in (f[:1] + l[:2], f[:2] + l[:1], f[:1] + l[0] + l[-1], f[:1] + l[1:3]):
            code = code.upper()
            if code not in codes:
                codes.add(code); break
        else:
            raise SystemExit("no staff code for " + p["first"])
        email = uniq_email(base, "belgravefields.leicester.sch.uk")
        rows.append([p["id"], p["first"], p["pref"], p["last"], "staff", email, "", code])
    for p in parents:
        f = ascii_slug(p["pref"] or p["first"]); l = ascii_slug(p["last"])
        dom = rng.choice(["gmail.com", "gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"])
        email = uniq_email(f"{f}.{l}{rng.randint(1, 99)}" if rng.random() < 0.5 else f"{f}{l}", dom)
        personal = ""
        if rng.random() < 0.2:
            personal = f"{f[:1]}{l}{rng.randint(70, 99)}@hotmail.com"
        mis = p["kid"]["id"] if "kid" in p else ""
        if not mis:
            # core parents: link to first child named in the note
            kidname = p["note"].split(" of ")[-1].split(" and ")[0]
            kid = next((q for q in pupils if kidname in (q["first"], q["pref"]) and q["last"].split()[-1][:3] == p["last"].split()[-1][:3]), None)
            kid = kid or next((q for q in pupils if kidname in (q["first"], q["pref"])), None)
            mis = kid["id"] if kid else ""
        rows.append([p["id"], p["first"], p["pref"], p["last"], "parent", email, personal, mis])

    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"roster.csv: {len(pupils)} pupils, {len(staff)} staff, {len(parents)} parents = {len(rows)}")


if __name__ == "__main__":
    main()
