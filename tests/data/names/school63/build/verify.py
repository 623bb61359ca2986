"""Check roster.csv and test.jsonl against the common brief. Prints OK or the problems."""
import collections
import json
import os
import re
import sys
from common import ROOT, HEADER, TITLES, load_roster, form_index, norm, case_of

problems = []


def bad(msg):
    problems.append(msg)


def check_roster():
    header, people = load_roster()
    if header != HEADER:
        bad(f"roster header {header}")
    if not 450 <= len(people) <= 650:
        bad(f"roster size {len(people)}")
    ids = [p["id"] for p in people]
    if len(set(ids)) != len(ids):
        bad("duplicate ids")
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    codes = []
    for p in people:
        k = p["kind"]
        if k not in pat:
            bad(f"{p['id']}: kind {k}")
            continue
        if not re.fullmatch(pat[k], p["id"]):
            bad(f"{p['id']}: id pattern")
        if not p["first_name"] or not p["last_name"]:
            bad(f"{p['id']}: missing name")
        if not p["email"].isascii() or "@" not in p["email"]:
            bad(f"{p['id']}: email {p['email']}")
        for e in filter(None, p["personal_emails"].split(";")):
            if "@" not in e or not e.isascii():
                bad(f"{p['id']}: personal email {e}")
        if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
            bad(f"{p['id']}: UPN {p['mis_ref']}")
        if k == "staff":
            if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]):
                bad(f"{p['id']}: staff code {p['mis_ref']}")
            codes.append(p["mis_ref"])
        if k == "parent" and p["mis_ref"] and p["mis_ref"] not in ids:
            bad(f"{p['id']}: parent ref {p['mis_ref']}")
        if p["preferred_name"] and p["preferred_name"] == p["first_name"]:
            bad(f"{p['id']}: preferred equals first")
    if len(set(codes)) != len(codes):
        bad("duplicate staff codes")
    emails = [p["email"] for p in people]
    if len(set(emails)) != len(emails):
        bad("duplicate emails")
    return people


def check_test(people):
    idx = form_index(people)
    kinds_by_form = idx
    path = os.path.join(ROOT, "test.jsonl")
    lines = open(path, encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        bad(f"test.jsonl has {len(lines)} lines, want 600")
    seen = set()
    for n, line in enumerate(lines, 1):
        try:
            r = json.loads(line)
        except ValueError:
            bad(f"line {n}: not JSON")
            continue
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            bad(f"line {n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        key = s.strip().lower()
        if key in seen:
            bad(f"line {n}: duplicate subject {s!r}")
        seen.add(key)
        if s != s.strip() or not s:
            bad(f"line {n}: whitespace/empty subject")
        if not isinstance(r["ambiguous"], bool):
            bad(f"line {n}: ambiguous not bool")
        if r["case"] != case_of(s):
            bad(f"line {n}: case {r['case']} != {case_of(s)}")
        prev_end = 0
        possible = set()
        for sp in r["spans"]:
            if len(sp) != 4:
                bad(f"line {n}: span shape {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                bad(f"line {n}: offsets {sp}")
                continue
            if s[a:b] != text:
                bad(f"line {n}: {s[a:b]!r} != {text!r}")
            if a < prev_end:
                bad(f"line {n}: spans unsorted/overlap")
            prev_end = b
            if text != text.strip() or not text[0].isalpha() or not (text[-1].isalpha() or text[-1] == "."):
                bad(f"line {n}: span edges {text!r}")
            first_tok = norm(text).split(" ")[0].rstrip(",")
            if first_tok in TITLES:
                bad(f"line {n}: title inside span {text!r}")
            if re.search(r"['\u2019]s$", text, re.I) and norm(text) not in idx:
                bad(f"line {n}: possessive inside span {text!r}")
            if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
                bad(f"line {n}: span cuts a word {text!r}")
            if label == "directory":
                ks = kinds_by_form.get(norm(text))
                if not ks:
                    bad(f"line {n}: directory span not a roster name form {text!r}")
                else:
                    if not ks & set(r["kinds"]):
                        bad(f"line {n}: kinds {r['kinds']} do not cover {text!r} ({sorted(ks)})")
                    possible |= ks
            elif label == "detector":
                if norm(text) in idx:
                    bad(f"line {n}: detector span equals a roster name form {text!r}")
            else:
                bad(f"line {n}: label {label}")
        if r["kinds"] != sorted(set(r["kinds"])):
            bad(f"line {n}: kinds not sorted unique")
        if not set(r["kinds"]) <= possible:
            bad(f"line {n}: kinds {r['kinds']} not supported by spans")
    return lines


def main():
    people = check_roster()
    check_test(people)
    if problems:
        print("\n".join(problems[:200]))
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
