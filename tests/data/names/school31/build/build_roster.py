"""Build roster.csv from sources/people.psv (hand-written core) + sources/pools.txt (filler pools)."""
import csv, os, random, re
from common import ROOT, HEADER, fold

rng = random.Random(31)
SRC = os.path.join(ROOT, "sources")
N_PUPIL, N_STAFF, N_PARENT = 390, 65, 105


def read_people():
    out = []
    for line in open(os.path.join(SRC, "people.psv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        kind, first, pref, last, extra = line.split("|")
        out.append(dict(kind=kind, first=first, pref=pref, last=last, extra=extra))
    return out


def read_pools():
    pools, cur = {}, None
    for line in open(os.path.join(SRC, "pools.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"\[(\w+)\]", line)
        if m:
            cur = pools.setdefault(m.group(1), {})
            continue
        k, v = line.split(":", 1)
        cur[k] = [x.strip() for x in v.split(",") if x.strip()]
    return pools


def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def male_polish(last):
    for a, b in (("ska", "ski"), ("cka", "cki"), ("dzka", "dzki")):
        if last.endswith(a):
            return last[: -len(a)] + b
    return last


def main():
    core = read_people()
    pools = read_pools()
    comms = [c for c in pools if c != "staff"]
    weights = {"irish": 22, "keralan": 16, "goan": 5, "filipino": 10, "nigerian": 14, "polish": 12, "eritrean": 5,
               "british": 24, "other": 8}
    seen = {(p["first"], p["last"]) for p in core}
    pupils = [p for p in core if p["kind"] == "pupil"]
    staff = [p for p in core if p["kind"] == "staff"]
    parents = [p for p in core if p["kind"] == "parent"]
    fillers = []
    while len(pupils) < N_PUPIL:
        c = rng.choices(comms, weights=[weights[x] for x in comms])[0]
        f, l = rng.choice(pools[c]["first"]), rng.choice(pools[c]["last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        p = dict(kind="pupil", first=f, pref="", last=l, extra="", comm=c)
        pupils.append(p)
        fillers.append(p)
    while len(staff) < N_STAFF:
        f, l = rng.choice(pools["staff"]["first"]), rng.choice(pools["staff"]["last"])
        if (f, l) in seen:
            continue
        seen.add((f, l))
        staff.append(dict(kind="staff", first=f, pref="", last=l, extra=""))
    i = 0
    while len(parents) < N_PARENT:
        child = fillers[i % len(fillers)]
        i += 7
        f = rng.choice(pools[child["comm"]]["adult"])
        l = child["last"]
        if child["comm"] == "polish" and f in ("Marek", "Krzysztof", "Łukasz", "Tomasz"):
            l = male_polish(l)
        if (f, l) in seen:
            continue
        seen.add((f, l))
        parents.append(dict(kind="parent", first=f, pref="", last=l, extra=f"{child['first']} {child['last']}"))

    rows, used_codes, used_mail = [], set(), set()
    pupil_ids = {}
    for n, p in enumerate(pupils, 1):
        pid = f"P{n:04d}"
        pupil_ids.setdefault(f"{p['first']} {p['last']}", pid)
        yr = 19 + (n * 7) % 7
        base = f"{yr}{slug(p['last'])[:10]}{slug(p['pref'] or p['first'])[:1]}"
        mail, k = base, 1
        while mail in used_mail:
            k += 1
            mail = f"{base}{k}"
        used_mail.add(mail)
        upn = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
        personal = ""
        if n % 9 == 0:
            personal = f"{slug(p['pref'] or p['first'])}{slug(p['last'])}{n % 100:02d}@gmail.com"
        rows.append([pid, p["first"], p["pref"], p["last"], "pupil", f"{mail}@pupils.olwalsingham.sch.uk", personal, upn])
    for n, p in enumerate(staff, 1):
        code = p["extra"] or (p["first"][0] + slug(p["last"])[:2]).upper()
        j = 2
        while code in used_codes:
            code = (p["first"][0] + slug(p["last"])[0] + slug(p["last"])[j]).upper()
            j += 1
        used_codes.add(code)
        mail = f"{slug(p['first'])[0]}.{slug(p['last'])}@olwalsingham.sch.uk"
        rows.append([f"S{n:03d}", p["first"], p["pref"], p["last"], "staff", mail, "", code])
    for n, p in enumerate(parents, 1):
        dom = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"][n % 5]
        mail = f"{slug(p['first'])}.{slug(p['last'])}{n}@{dom}"
        personal = f"{slug(p['first'])[0]}{slug(p['last'])}@hotmail.com" if n % 4 == 0 else ""
        link = pupil_ids.get(p["extra"], "") if n % 3 else ""
        rows.append([f"G{n:03d}", p["first"], p["pref"], p["last"], "parent", mail, personal, link])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print("roster:", len(rows), "pupils", len(pupils), "staff", len(staff), "parents", len(parents))


if __name__ == "__main__":
    main()
