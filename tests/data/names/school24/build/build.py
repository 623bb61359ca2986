"""Build roster.csv and test.jsonl from sources/. Deterministic; standard library only.
Markup in sources/lines_*.txt:  {text|p} pupil, {text|s} staff, {text|g} parent (guardian),
{text|x} detector (person not on roster). A line starting with '?? ' is ambiguous. '#' = comment."""
import csv
import glob
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ascii_slug, case_style, fold, name_forms  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")


def parse_people(fname, nfields):
    out = []
    with open(os.path.join(SRC, fname), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            for chunk in line.split(" ; "):
                parts = [p.strip() for p in chunk.split("|")]
                assert len(parts) == nfields, chunk
                out.append(parts)
    return out


def h(s, n):
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest(), 16) % n


def build_roster():
    rows = []
    used_email = set()

    def uniq(local, domain):
        e, k = f"{local}@{domain}", 2
        while e in used_email:
            e, k = f"{local}{k}@{domain}", k + 1
        used_email.add(e)
        return e

    pupils = parse_people("pupils.txt", 3)
    for i, (f, p, l) in enumerate(pupils, 1):
        pid = f"P{i:04d}"
        email = uniq(f"{ascii_slug(f)}.{ascii_slug(l)}", "pupils.hatikvahgrove.sch.uk")
        pers = ""
        if i % 9 == 0:
            pers = f"{ascii_slug(p or f)}{ascii_slug(l)}{h(pid, 90) + 10}@gmail.com"
        letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
        mis = letters[h(pid + "L", len(letters))] + f"{h(pid + 'N', 10**12):012d}"
        rows.append([pid, f, p, l, "pupil", email, pers, mis])
    codes = set()
    staff = parse_people("staff.txt", 4)
    for i, (f, p, l, _role) in enumerate(staff, 1):
        sid = f"S{i:03d}"
        email = uniq(f"{ascii_slug(f)[0]}{ascii_slug(l)}", "hatikvahgrove.sch.uk")
        lf = ascii_slug(l).upper()
        cands = [ascii_slug(f)[0].upper() + lf[:2]] + [ascii_slug(f)[0].upper() + lf[0] + c for c in lf[1:]]
        cands += [ascii_slug(f)[0].upper() + lf[0] + c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        code = next(c for c in cands if c not in codes)
        codes.add(code)
        rows.append([sid, f, p, l, "staff", email, "", code])
    parents = parse_people("parents.txt", 3)
    domains = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com"]
    for i, (f, p, l) in enumerate(parents, 1):
        gid = f"G{i:03d}"
        email = uniq(f"{ascii_slug(f)}.{ascii_slug(l)}", domains[h(gid, len(domains))])
        pers = ""
        if i % 4 == 0:
            pers = f"{ascii_slug(f)}{ascii_slug(l)[:4]}{h(gid, 80) + 20}@gmail.com"
        child = next((r[0] for r in rows if r[4] == "pupil" and r[3] == l), "")
        rows.append([gid, f, p, l, "parent", email, pers, child])
    with open(os.path.join(ROOT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    return rows


KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\{([^{}|]+)\|([psgx])\}")


def build_tests(rows):
    form_kinds = {}
    for r in rows:
        for fm in name_forms(r[1], r[2], r[3]):
            form_kinds.setdefault(fm, set()).add(r[4])
    out, seen, errors = [], set(), []
    for fn in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        with open(fn, encoding="utf-8") as fh:
            for ln, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                amb = False
                if line.startswith("?? "):
                    amb, line = True, line[3:]
                subj, spans, kinds, pos = "", [], set(), 0
                for m in MARK.finditer(line):
                    subj += line[pos:m.start()]
                    text, code = m.group(1), m.group(2)
                    start = len(subj)
                    subj += text
                    if code == "x":
                        spans.append([start, len(subj), "detector", text])
                        if fold(text) in form_kinds:
                            errors.append(f"{fn}:{ln}: detector '{text}' is a roster name form")
                    else:
                        spans.append([start, len(subj), "directory", text])
                        k = KIND[code]
                        if k not in form_kinds.get(fold(text), set()):
                            errors.append(f"{fn}:{ln}: '{text}' not a {k} name form (have {form_kinds.get(fold(text))})")
                        kinds.add(k)
                    pos = m.end()
                subj += line[pos:]
                if "{" in subj or "}" in subj:
                    errors.append(f"{fn}:{ln}: stray brace")
                if subj in seen:
                    errors.append(f"{fn}:{ln}: duplicate subject {subj!r}")
                seen.add(subj)
                out.append({"subject": subj, "spans": spans, "case": case_style(subj),
                            "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    return out


if __name__ == "__main__":
    rows = build_roster()
    tests = build_tests(rows)
    print(f"roster {len(rows)} people, test {len(tests)} lines")
