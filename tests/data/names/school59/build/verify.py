"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TITLES, name_forms, norm, case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    if header != HEADER:
        err(f"bad header {header}")
    roster = [dict(zip(HEADER, r)) for r in reader]

if not 450 <= len(roster) <= 650:
    err(f"roster size {len(roster)}")
ids, codes, emails = set(), set(), set()
forms_by_kind = defaultdict(set)
all_forms = set()
idpat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for p in roster:
    if p["kind"] not in idpat:
        err(f"bad kind {p}")
        continue
    if not re.fullmatch(idpat[p["kind"]], p["id"]):
        err(f"bad id {p['id']}")
    if p["id"] in ids:
        err(f"dup id {p['id']}")
    ids.add(p["id"])
    if not p["email"].isascii() or "@" not in p["email"]:
        err(f"bad email {p['email']}")
    if p["email"] in emails:
        err(f"dup email {p['email']}")
    emails.add(p["email"])
    for e in filter(None, p["personal_emails"].split(";")):
        if not e.isascii() or "@" not in e:
            err(f"bad personal email {e}")
    if p["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
        err(f"bad UPN {p}")
    if p["kind"] == "staff":
        if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]) or p["mis_ref"] in codes:
            err(f"bad/dup staff code {p}")
        codes.add(p["mis_ref"])
    if p["kind"] == "parent" and p["mis_ref"] and p["mis_ref"] not in ids | {q["id"] for q in roster}:
        err(f"parent mis_ref unknown {p}")
    if not p["first_name"] or not p["last_name"]:
        err(f"missing name {p}")
    f = name_forms(p["first_name"], p["preferred_name"], p["last_name"])
    forms_by_kind[p["kind"]] |= f
    all_forms |= f

# ---------- test set ----------
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    lines = [json.loads(l) for l in fh if l.strip()]
with open(os.path.join(ROOT, "build", "span_kinds.json"), encoding="utf-8") as fh:
    span_kinds = json.load(fh)
if len(lines) != 600:
    err(f"{len(lines)} lines, expected 600")
if len(span_kinds) != len(lines):
    err("span_kinds.json out of date")
seen = set()
amb = 0
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
for i, o in enumerate(lines, 1):
    s = o.get("subject", "")
    if set(o) != KEYS:
        err(f"line {i}: keys {sorted(o)}")
        continue
    if s in seen:
        err(f"line {i}: duplicate subject {s!r}")
    seen.add(s)
    if s != s.strip() or "  " in s:
        err(f"line {i}: stray whitespace {s!r}")
    if o["case"] != case_of(s):
        err(f"line {i}: case {o['case']} != {case_of(s)}")
    if o["ambiguous"] is not False and o["ambiguous"] is not True:
        err(f"line {i}: ambiguous not bool")
    amb += o["ambiguous"] is True
    prev_end = -1
    kinds = set()
    sk = span_kinds[i - 1] if i - 1 < len(span_kinds) else []
    if len(sk) != len(o["spans"]):
        err(f"line {i}: span_kinds mismatch")
        sk = [None] * len(o["spans"])
    for (st, en, lab, text), intended in zip(o["spans"], sk):
        if s[st:en] != text:
            err(f"line {i}: span text mismatch {text!r} vs {s[st:en]!r}")
        if st < prev_end or st >= en:
            err(f"line {i}: spans unsorted/overlapping")
        prev_end = en
        if text != text.strip():
            err(f"line {i}: span whitespace {text!r}")
        if st > 0 and (s[st - 1].isalnum()):
            err(f"line {i}: span starts inside a word {text!r}")
        if en < len(s) and (s[en].isalnum()):
            err(f"line {i}: span ends inside a word {text!r}")
        first_tok = re.split(r"[\s.]+", text)[0].lower()
        if first_tok in TITLES:
            err(f"line {i}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I) and norm(text) not in all_forms:
            err(f"line {i}: possessive inside span {text!r}")
        if re.search(r"['’]$", text):
            err(f"line {i}: trailing apostrophe in span {text!r}")
        n = norm(text)
        if lab == "directory":
            if n not in all_forms:
                err(f"line {i}: directory span not a roster name form {text!r}")
            elif intended and n not in forms_by_kind[intended]:
                err(f"line {i}: {text!r} is not a {intended} name form")
            if intended:
                kinds.add(intended)
        elif lab == "detector":
            if n in all_forms:
                err(f"line {i}: detector span equals a roster name form {text!r}")
        else:
            err(f"line {i}: bad label {lab}")
    if o["kinds"] != sorted(kinds):
        err(f"line {i}: kinds {o['kinds']} != {sorted(kinds)}")
    if o["ambiguous"] and o["spans"]:
        pass
if amb > 10:
    err(f"{amb} ambiguous lines (max 10)")

if errors:
    for e in errors[:200]:
        print(e)
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print("OK")
