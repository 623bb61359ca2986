"""Build roster.csv from sources/pupils.txt, sources/staff.txt, sources/parents.txt (deterministic)."""
import csv
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import fold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
SCHOOL = "stcuthbertsthetford.norfolk.sch.uk"
ENTRY = {"R": 25, "Y1": 24, "Y2": 23, "Y3": 22, "Y4": 21, "Y5": 20, "Y6": 19}


def h(s, n=16):
    return int(hashlib.md5(s.encode("utf-8")).hexdigest()[:n], 16)


def split_name(s):
    s = s.strip()
    if "|" in s:
        first, last = s.split("|", 1)
    else:
        first, last = s.split(" ", 1)
    pref = ""
    if "/" in first:
        first, pref = first.split("/", 1)
    return first.strip(), pref.strip(), last.strip()


def slug(s):
    return re.sub(r"[^a-z]", "", fold(s).lower())


def lines(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        for ln in f:
            ln = ln.rstrip("\n")
            if ln.strip() and not ln.startswith("#"):
                yield ln


def build():
    rows = []
    used_email, used_upn = set(), set()

    def uniq(addr):
        local, dom = addr.split("@")
        cand, i = addr, 2
        while cand in used_email:
            cand = f"{local}{i}@{dom}"
            i += 1
        used_email.add(cand)
        return cand

    pupils_by_name = {}
    year = None
    n = 0
    for ln in lines("pupils.txt"):
        if ln.startswith("=="):
            year = ln[2:].split()[0]
            continue
        n += 1
        first, pref, last = split_name(ln)
        pid = f"P{n:04d}"
        email = uniq(f"{ENTRY[year]}{slug(pref or first)}.{slug(last)}@pupils.{SCHOOL}")
        x = h(pid + first + last)
        letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
        upn = letters[x % len(letters)] + f"{(x // 23) % 10**12:012d}"
        while upn in used_upn:
            x += 1
            upn = letters[x % len(letters)] + f"{(x // 23) % 10**12:012d}"
        used_upn.add(upn)
        pers = ""
        if year == "Y6" and h(pid) % 5 == 0:
            pers = f"{slug(pref or first)}{slug(last)}{h(pid, 4) % 100:02d}@gmail.com"
        rows.append([pid, first, pref, last, "pupil", email, pers, upn])
        pupils_by_name[f"{first} {last}"] = pid

    n = 0
    codes = set()
    for ln in lines("staff.txt"):
        code, title, name, role = ln.split("|")
        first, pref, last = split_name(name)
        n += 1
        assert code not in codes, code
        codes.add(code)
        email = uniq(f"{slug(first)[0]}.{slug(last)}@{SCHOOL}")
        rows.append([f"S{n:03d}", first, pref, last, "staff", email, "", code])

    n = 0
    domains = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]
    for ln in lines("parents.txt"):
        name, child = [x.strip() for x in ln.split(">")]
        first, pref, last = split_name(name)
        n += 1
        gid = f"G{n:03d}"
        x = h(gid + name)
        style = x % 3
        if style == 0:
            local = f"{slug(first)}.{slug(last)}"
        elif style == 1:
            local = f"{slug(first)}{slug(last)}{x % 90 + 10}"
        else:
            local = f"{slug(first)[0]}{slug(last)}{x % 9 + 1}"
        email = uniq(f"{local}@{domains[x % len(domains)]}")
        pers = ""
        if x % 4 == 0:
            pers = uniq(f"{slug(first)}{slug(last)[:4]}{x % 97}@{domains[(x // 7) % len(domains)]}")
        ref = pupils_by_name[child] if (x % 5) else ""
        rows.append([gid, first, pref, last, "parent", email, pers, ref])

    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"roster.csv: {len(rows)} people")


if __name__ == "__main__":
    build()
