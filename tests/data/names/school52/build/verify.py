"""Verify roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
from common import fold, name_forms, case_of, TITLES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


def main():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if rows[0] != HEADER:
        err("bad header")
    people = [dict(zip(HEADER, r)) for r in rows[1:]]
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids, emails, codes = set(), set(), set()
    prefix = {"pupil": "P", "staff": "S", "parent": "G"}
    counters = Counter()
    forms = {}  # folded form -> set of kinds
    for p in people:
        k = p["kind"]
        if k not in prefix:
            err(f"bad kind {p}")
            continue
        counters[k] += 1
        want = {"pupil": f"P{counters[k]:04d}", "staff": f"S{counters[k]:03d}", "parent": f"G{counters[k]:03d}"}[k]
        if p["id"] != want:
            err(f"id {p['id']} expected {want}")
        if p["id"] in ids:
            err(f"dup id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"missing name {p['id']}")
        e = p["email"]
        if not re.fullmatch(r"[a-z0-9.]+@[a-z0-9.\-]+\.[a-z]+", e) or not e.isascii():
            err(f"bad email {e}")
        if e in emails:
            err(f"dup email {e}")
        emails.add(e)
        if p["personal_emails"]:
            for pe in p["personal_emails"].split(";"):
                if not re.fullmatch(r"[a-z0-9.]+@[a-z0-9.\-]+\.[a-z]+", pe):
                    err(f"bad personal email {pe}")
        m = p["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad UPN {p['id']} {m}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad/dup staff code {p['id']} {m}")
            codes.add(m)
        if p["preferred_name"] and p["preferred_name"] == p["first_name"]:
            err(f"preferred equals first {p['id']}")
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            forms.setdefault(f, set()).add(k)

    subjects = set()
    n = 0
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            n += 1
            r = json.loads(line)
            if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
                err(f"{ln}: keys {sorted(r)}")
            s = r["subject"]
            if s in subjects:
                err(f"{ln}: duplicate subject {s!r}")
            subjects.add(s)
            if s != s.strip() or not s:
                err(f"{ln}: whitespace at ends")
            prev_end = -1
            kinds_possible = []
            for sp in r["spans"]:
                if len(sp) != 4:
                    err(f"{ln}: span shape {sp}")
                    continue
                a, b, lab, text = sp
                if s[a:b] != text:
                    err(f"{ln}: span text mismatch {sp}")
                if a < prev_end or a >= b:
                    err(f"{ln}: spans unsorted/overlap/empty {sp}")
                prev_end = b
                if text != text.strip():
                    err(f"{ln}: span has outer whitespace {sp}")
                if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
                    err(f"{ln}: span cuts a word {sp}")
                toks = re.findall(r"[^\W\d_]+", text)
                if toks and toks[0].lower() in TITLES and fold(text) not in forms:
                    err(f"{ln}: title inside span {sp}")
                if re.search(r"['’]s$", text) or re.search(r"['’]$", text):
                    err(f"{ln}: possessive inside span {sp}")
                f = fold(text)
                if lab == "directory":
                    if f not in forms:
                        err(f"{ln}: directory span not a roster name form {text!r}")
                    else:
                        kinds_possible.append(forms[f])
                elif lab == "detector":
                    if f in forms:
                        err(f"{ln}: detector span equals a roster name form {text!r}")
                else:
                    err(f"{ln}: bad label {lab}")
            kinds = r["kinds"]
            if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
                err(f"{ln}: kinds not sorted unique {kinds}")
            has_dir = bool(kinds_possible)
            if has_dir != bool(kinds):
                err(f"{ln}: kinds {kinds} vs directory spans")
            for kp in kinds_possible:
                if not kp & set(kinds):
                    err(f"{ln}: span kinds {kp} not in {kinds}")
            for k in kinds:
                if not any(k in kp for kp in kinds_possible):
                    err(f"{ln}: kind {k} not supported by any span")
            if r["case"] != case_of(s):
                err(f"{ln}: case {r['case']} != {case_of(s)}")
            if not isinstance(r["ambiguous"], bool):
                err(f"{ln}: ambiguous not bool")
    if n != 600:
        err(f"test.jsonl has {n} lines (want 600)")
    if errors:
        for e in errors:
            print("ERROR", e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print(f"OK - roster {len(people)} people, {n} lines")


if __name__ == "__main__":
    main()
