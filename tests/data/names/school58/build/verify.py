"""Verify roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections
import json
import os
import re
import sys

from casestyle import case_style
from names import ROOT, TITLES, load_roster, name_forms, norm

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]


def main():
    errs = []
    err = errs.append
    # ---- roster
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split(",")
    if header != HEADER:
        err(f"bad header {header}")
    roster = load_roster()
    if not 450 <= len(roster) <= 650:
        err(f"roster size {len(roster)}")
    ids, emails, codes = set(), set(), set()
    prefix = {"pupil": "P", "staff": "S", "parent": "G"}
    width = {"pupil": 4, "staff": 3, "parent": 3}
    forms_by_kind = collections.defaultdict(set)
    all_forms = set()
    for r in roster:
        k = r["kind"]
        if k not in prefix:
            err(f"bad kind {r}")
            continue
        if not re.fullmatch(prefix[k] + r"\d{%d}" % width[k], r["id"]) or r["id"] in ids:
            err(f"bad/duplicate id {r['id']}")
        ids.add(r["id"])
        if not r["first_name"] or not r["last_name"]:
            err(f"missing name {r['id']}")
        if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", r["email"]) or r["email"] in emails:
            err(f"bad/duplicate email {r['id']} {r['email']}")
        emails.add(r["email"])
        for pe in filter(None, r["personal_emails"].split(";")):
            if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", pe):
                err(f"bad personal email {r['id']} {pe}")
        m = r["mis_ref"]
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
            err(f"bad pupil mis_ref {r['id']} {m}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
                err(f"bad/duplicate staff code {r['id']} {m}")
            codes.add(m)
        if k == "parent" and m and m not in ids:
            err(f"parent mis_ref not a pupil id {r['id']} {m}")
        fs = name_forms(r["first_name"], r["preferred_name"], r["last_name"])
        forms_by_kind[k] |= fs
        all_forms |= fs
    # ---- test set
    seen = set()
    n = 0
    with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            n += 1
            try:
                rec = json.loads(line)
            except ValueError:
                err(f"line {i}: not JSON")
                continue
            if set(rec) != {"subject", "spans", "case", "kinds", "ambiguous"}:
                err(f"line {i}: keys {sorted(rec)}")
                continue
            s = rec["subject"]
            if s in seen:
                err(f"line {i}: duplicate subject")
            seen.add(s)
            if s != s.strip() or not s:
                err(f"line {i}: leading/trailing space")
            kinds, prev_end = set(), -1
            for sp in rec["spans"]:
                if len(sp) != 4:
                    err(f"line {i}: bad span {sp}")
                    continue
                a, b, lab, text = sp
                if s[a:b] != text:
                    err(f"line {i}: span {sp} does not index subject")
                if a < prev_end:
                    err(f"line {i}: spans unsorted/overlapping")
                prev_end = b
                if text != text.strip() or not text:
                    err(f"line {i}: span whitespace {text!r}")
                first_tok = norm(text).split(" ")[0].rstrip(".")
                if first_tok in TITLES:
                    err(f"line {i}: title inside span {text!r}")
                if re.search(r"['’]s$", text):
                    err(f"line {i}: possessive inside span {text!r}")
                if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
                    err(f"line {i}: span cuts a word {text!r}")
                key = norm(text)
                if lab == "directory":
                    hit = [k for k, fs in forms_by_kind.items() if key in fs]
                    if not hit:
                        err(f"line {i}: directory span {text!r} is not a roster name form")
                    kinds.update(hit)
                elif lab == "detector":
                    if key in all_forms:
                        err(f"line {i}: detector span {text!r} equals a roster name form")
                else:
                    err(f"line {i}: bad label {lab}")
            # kinds: every listed kind must be supported by a span; every span needs a listed kind
            rk = rec["kinds"]
            if rk != sorted(set(rk)) or not set(rk) <= {"pupil", "staff", "parent"}:
                err(f"line {i}: kinds not sorted unique {rk}")
            if not set(rk) <= kinds:
                err(f"line {i}: kinds {rk} not supported by spans ({sorted(kinds)})")
            for sp in rec["spans"]:
                if sp[2] == "directory":
                    hit = {k for k, fs in forms_by_kind.items() if norm(sp[3]) in fs}
                    if not hit & set(rk):
                        err(f"line {i}: span {sp[3]!r} has no matching kind in {rk}")
            if not any(sp[2] == "directory" for sp in rec["spans"]) and rk:
                err(f"line {i}: kinds without directory spans")
            if rec["case"] != case_style(s):
                err(f"line {i}: case {rec['case']} != {case_style(s)}")
            if not isinstance(rec["ambiguous"], bool):
                err(f"line {i}: ambiguous not bool")
    if n != 600:
        err(f"test.jsonl has {n} lines, expected 600")
    amb = sum(1 for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") if json.loads(l)["ambiguous"])
    if amb > 10:
        err(f"{amb} ambiguous lines (max 10)")
    if errs:
        print("\n".join(errs[:200]))
        print(f"{len(errs)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
