"""Build roster.csv from sources/staff.txt, pupils.txt, parents.txt, pools_*.txt (deterministic)."""
import csv, hashlib, os, re
from common import ROOT, ascii_fold

SRC = os.path.join(ROOT, "sources")


def read_rows(name):
    out = []
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            out.append(line.split("|"))
    return out


def pool(name):
    words = []
    with open(os.path.join(SRC, name), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            words.extend(line.split())
    return words


def slug(s):
    return re.sub(r"[^a-z]", "", ascii_fold(s).lower())


def digits(key, n):
    h = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return str(int(h, 16))[:n]


def main():
    rows = []
    used_emails = set()

    def email_for(base, domain):
        e, k = f"{base}@{domain}", 1
        while e in used_emails:
            k += 1
            e = f"{base}{k}@{domain}"
        used_emails.add(e)
        return e

    # pupils: hand-written then pool fill to 400
    pupils = [(r[0], r[1], r[2], r[3] if len(r) > 3 else "") for r in read_rows("pupils.txt")]
    seen = {(p[0], p[2]) for p in pupils}
    firsts = pool("pools_first.txt")
    lasts = [x.replace("_", " ") for x in pool("pools_last.txt")]
    lasts = [l for l in lasts]
    # multi-word surname in the pool file is written with a space; rejoin "Ó Néill"
    fixed = []
    i = 0
    while i < len(lasts):
        if lasts[i] in ("Ó",):
            fixed.append(lasts[i] + " " + lasts[i + 1]); i += 2
        else:
            fixed.append(lasts[i]); i += 1
    lasts = fixed
    i = 0
    while len(pupils) < 400:
        f = firsts[(i * 7) % len(firsts)]
        l = lasts[(i * 13 + i // len(firsts)) % len(lasts)]
        i += 1
        if (f, l) in seen:
            continue
        seen.add((f, l))
        pupils.append((f, "", l, ""))
    pupil_ids = {}
    for n, (f, p, l, pe) in enumerate(pupils, 1):
        pid = f"P{n:04d}"
        pupil_ids.setdefault(f"{f} {l}", pid)
        mis = "N" + digits("upn" + pid + f + l, 12).rjust(12, "0")
        em = email_for(slug(f)[:1] + slug(l) + digits(pid, 3), "c2kni.net")
        rows.append([pid, f, p, l, "pupil", em, pe, mis])
    # staff
    codes = set()
    for n, r in enumerate(read_rows("staff.txt"), 1):
        f, p, l = r[0], r[1], r[2]
        fs, ls = slug(f).upper(), slug(l).upper()
        cands = [fs[0] + ls[:2], fs[0] + ls[0] + ls[-1], fs[:2] + ls[0], fs[0] + ls[1:3], ls[:3]]
        code = next((c for c in cands if c not in codes), None)
        k = 0
        while code is None:
            c = fs[0] + ls[0] + chr(65 + k); k += 1
            code = c if c not in codes else None
        codes.add(code)
        em = email_for(slug(f)[:1] + slug(l) + digits("s" + str(n), 3), "c2ken.net")
        rows.append([f"S{n:03d}", f, p, l, "staff", em, "", code])
    # parents
    for n, r in enumerate(read_rows("parents.txt"), 1):
        f, p, l, pe, child = r[0], r[1], r[2], r[3], r[4]
        mis = pupil_ids[child] if child else ""
        pes = [x for x in pe.split(";") if x]
        em = pes[0] if pes else email_for(slug(f) + "." + slug(l), "gmail.com")
        used_emails.add(em)
        rows.append([f"G{n:03d}", f, p, l, "parent", em, ";".join(pes[1:]), mis])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster: {len(rows)} people")


if __name__ == "__main__":
    main()
