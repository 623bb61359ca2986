"""Build roster.csv from sources/families.txt and sources/staff.txt (deterministic)."""
import csv
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ascii_slug  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]


def h(s, n):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n


def parse_given(tok):
    tok = tok.strip()
    if "(" in tok:
        first, pref = tok.split("(", 1)
        return first.strip(), pref.rstrip(")").strip()
    return tok, ""


def main():
    pupils, parents = [], []
    for raw in open(os.path.join(SRC, "families.txt"), encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(":")
        surname = head.strip()
        kids, _, pars = rest.partition(";")
        for k in kids.split(","):
            if k.strip():
                f, p = parse_given(k)
                pupils.append((f, p, surname))
        for g in pars.split(","):
            g = g.strip()
            if not g:
                continue
            if " " in g and not g.startswith(("Wai ",)):
                first, last = g.split(" ", 1)
            else:
                first, last = g, surname
            parents.append((first, "", last))
    staff = []
    for raw in open(os.path.join(SRC, "staff.txt"), encoding="utf-8"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        title, first, pref, last, role = [x.strip() for x in line.split("|")]
        staff.append((first, "" if pref == first else pref, last))

    rows = []
    used_email = set()

    def uniq(email):
        base, at, dom = email.partition("@")
        n, e = 1, email
        while e in used_email:
            n += 1
            e = f"{base}{n}@{dom}"
        used_email.add(e)
        return e

    for i, (f, p, l) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        email = uniq(f"{ascii_slug(l)}{ascii_slug(f)[0]}{h(pid, 90) + 10}@hwbmail.net")
        pers = ""
        if h(pid + "pe", 7) == 0:
            pers = f"{ascii_slug(p or f)}{ascii_slug(l)}{h(pid, 100):02d}@gmail.com"
        letter = "ABCDEFGHJKLMNPQRSTUVWXYZ"[h(pid + "L", 24)]
        mis = f"{letter}{h(pid + 'upn', 10**12):012d}"
        rows.append([pid, f, p, l, "pupil", email, pers, mis])

    used_codes = set()
    for i, (f, p, l) in enumerate(staff, 1):
        sid = f"S{i:03d}"
        email = uniq(f"{ascii_slug(f)[0]}.{ascii_slug(l)}@tigerbay.cardiff.sch.uk")
        letters = ascii_slug(l).upper()
        fi = ascii_slug(f)[0].upper()
        cands = [fi + letters[:2]] + [fi + letters[0] + c for c in letters[1:]] + \
                [fi + a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in used_codes)
        used_codes.add(code)
        rows.append([sid, f, p, l, "staff", email, "", code])

    domains = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]
    for i, (f, p, l) in enumerate(parents, 1):
        gid = f"G{i:03d}"
        dom = domains[h(gid, len(domains))]
        email = uniq(f"{ascii_slug(f)}.{ascii_slug(l)}{h(gid, 90) + 10}@{dom}")
        pers = ""
        if h(gid + "pe", 4) == 0:
            pers = f"{ascii_slug(f)[0]}{ascii_slug(l)}@{domains[h(gid + 'd', len(domains))]}"
        mis = "" if h(gid + "m", 3) == 0 else f"C{h(gid, 10**6):06d}"
        rows.append([gid, f, p, l, "parent", email, pers, mis])

    with open(os.path.join(ROOT, "roster.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"roster: {len(pupils)} pupils, {len(staff)} staff, {len(parents)} parents, {len(rows)} total")


if __name__ == "__main__":
    main()
