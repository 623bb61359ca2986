#!/usr/bin/env python3
"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common import fold, name_forms, case_of, TITLES  # noqa: E402

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


# ---- roster ----
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.reader(fh))
if rows[0] != HEADER:
    err(f"bad header {rows[0]}")
people = [dict(zip(HEADER, r)) for r in rows[1:]]
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")
ids, emails, codes = Counter(), Counter(), Counter()
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
all_ids = {p["id"] for p in people}
for p in people:
    if len(p) != len(HEADER):
        err(f"row width {p}")
    ids[p["id"]] += 1
    emails[p["email"]] += 1
    k = p["kind"]
    if k not in prefix:
        err(f"{p['id']}: bad kind {k}")
        continue
    if not re.fullmatch(prefix[k], p["id"]):
        err(f"{p['id']}: id does not match kind {k}")
    if not p["first_name"] or not p["last_name"]:
        err(f"{p['id']}: missing name")
    if not p["email"].isascii() or not re.fullmatch(r"[a-z0-9._'-]+@[a-z0-9.-]+\.[a-z]+", p["email"]):
        err(f"{p['id']}: bad email {p['email']}")
    for pe in filter(None, p["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            err(f"{p['id']}: bad personal email {pe}")
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
        err(f"{p['id']}: bad pupil mis_ref {p['mis_ref']}")
    if k == "staff":
        codes[p["mis_ref"]] += 1
        if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]):
            err(f"{p['id']}: bad staff code {p['mis_ref']}")
    if k == "parent" and p["mis_ref"] and p["mis_ref"] not in all_ids:
        err(f"{p['id']}: parent mis_ref {p['mis_ref']} not an id")
for c, n in list(ids.items()) + list(emails.items()) + list(codes.items()):
    if n > 1:
        err(f"duplicate id/email/code {c}")

forms = {}
for p in people:
    for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
        forms.setdefault(f, set()).add(p["kind"])

# ---- test set ----
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, expected 600")
seen = Counter()
namb = 0
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError as e:
        err(f"line {n}: bad json {e}")
        continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {n}: keys {sorted(o)}")
        continue
    s = o["subject"]
    seen[s] += 1
    if not isinstance(s, str) or not s.strip():
        err(f"line {n}: empty subject")
    if not isinstance(o["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    namb += o["ambiguous"]
    prev_end = -1
    kinds = set()
    for sp in o["spans"]:
        if len(sp) != 4:
            err(f"line {n}: span shape {sp}")
            continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {n}: bad offsets {sp}")
            continue
        if s[a:b] != text:
            err(f"line {n}: span text mismatch {s[a:b]!r} != {text!r}")
        if a < prev_end:
            err(f"line {n}: spans unsorted or overlapping")
        prev_end = b
        if text != text.strip():
            err(f"line {n}: span has outer whitespace {text!r}")
        if (a > 0 and (s[a - 1].isalnum())) or (b < len(s) and s[b].isalnum()):
            err(f"line {n}: span cuts a word {text!r}")
        first_tok = text.split()[0].lower().rstrip(".")
        if first_tok in TITLES:
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I) and fold(text) not in forms:
            err(f"line {n}: possessive inside span {text!r}")
        if lab == "directory":
            ks = forms.get(fold(text))
            if not ks:
                err(f"line {n}: directory span not a roster name form {text!r}")
            else:
                kinds |= ks
        elif lab == "detector":
            if fold(text) in forms:
                err(f"line {n}: detector span equals a roster name form {text!r}")
        else:
            err(f"line {n}: bad label {lab}")
    if not set(o["kinds"]) <= {"pupil", "staff", "parent"} or o["kinds"] != sorted(set(o["kinds"])):
        err(f"line {n}: bad kinds {o['kinds']}")
    has_dir = any(sp[2] == "directory" for sp in o["spans"])
    if has_dir and not o["kinds"]:
        err(f"line {n}: directory span but no kinds")
    if not has_dir and o["kinds"]:
        err(f"line {n}: kinds without directory span")
    if not set(o["kinds"]) <= kinds:
        err(f"line {n}: kinds {o['kinds']} not possible for spans ({sorted(kinds)})")
    if o["case"] != case_of(s):
        err(f"line {n}: case {o['case']} but computed {case_of(s)}")
for s, c in seen.items():
    if c > 1:
        err(f"duplicate subject {s!r}")
if namb > 10:
    err(f"{namb} ambiguous lines (max 10)")

if errs:
    print("\n".join(errs[:200]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print(f"OK - {len(people)} roster people, {len(lines)} lines")
