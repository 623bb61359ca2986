"""Verify roster.csv and test.jsonl against the brief's rules. Prints OK or the list of problems."""
import csv
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from names import name_forms, norm, case_style, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
    rd = csv.reader(f)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    err(f"roster header {header}")
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)}")
ids, emails, upns, codes = set(), set(), set(), set()
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
forms = defaultdict(set)
for r in rows:
    k = r["kind"]
    if k not in prefix:
        err(f"{r['id']}: bad kind {k}")
        continue
    if not re.fullmatch(prefix[k], r["id"]) or r["id"] in ids:
        err(f"bad/duplicate id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err(f"{r['id']}: missing name")
    e = r["email"]
    if not e or not e.isascii() or not re.fullmatch(r"[a-z0-9._+-]+@[a-z0-9.-]+\.[a-z]+", e) or e in emails:
        err(f"{r['id']}: bad/duplicate email {e}")
    emails.add(e)
    if r["personal_emails"]:
        for pe in r["personal_emails"].split(";"):
            if not pe.isascii() or not re.fullmatch(r"[a-z0-9._+-]+@[a-z0-9.-]+\.[a-z.]+", pe):
                err(f"{r['id']}: bad personal email {pe}")
    m = r["mis_ref"]
    if k == "pupil":
        if not re.fullmatch(r"[A-Z]\d{12}", m) or m in upns:
            err(f"{r['id']}: bad UPN {m}")
        upns.add(m)
    elif k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"{r['id']}: bad staff code {m}")
        codes.add(m)
    for fm in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        forms[fm].add(k)
for r in rows:
    if r["kind"] == "parent" and r["mis_ref"] and r["mis_ref"] not in ids:
        err(f"{r['id']}: mis_ref {r['mis_ref']} not an id")

# ---------- test set ----------
recs = []
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
    for n, ln in enumerate(f, 1):
        try:
            recs.append((n, json.loads(ln)))
        except json.JSONDecodeError as e:
            err(f"line {n}: bad json {e}")
if len(recs) != 600:
    err(f"test.jsonl has {len(recs)} lines, expected 600")
seen = set()
amb = 0
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
for n, r in recs:
    if set(r) != KEYS:
        err(f"line {n}: keys {sorted(r)}")
        continue
    s = r["subject"]
    if not isinstance(s, str) or not s.strip():
        err(f"line {n}: empty subject")
        continue
    if s in seen:
        err(f"line {n}: duplicate subject {s!r}")
    seen.add(s)
    if not isinstance(r["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    amb += bool(r["ambiguous"])
    if r["case"] != case_style(s):
        err(f"line {n}: case {r['case']} != {case_style(s)} for {s!r}")
    last_end = -1
    cand_kinds = []
    for sp in r["spans"]:
        if not (isinstance(sp, list) and len(sp) == 4 and isinstance(sp[0], int) and isinstance(sp[1], int)):
            err(f"line {n}: malformed span {sp}")
            continue
        a, b, label, text = sp
        if not (0 <= a < b <= len(s)) or s[a:b] != text:
            err(f"line {n}: span {sp} does not index {s!r}")
            continue
        if a < last_end:
            err(f"line {n}: spans unsorted/overlapping")
        last_end = b
        if label not in ("directory", "detector"):
            err(f"line {n}: bad label {label}")
        if text != text.strip() or text[-1] in ",.;:-":
            err(f"line {n}: span {text!r} has stray edge chars")
        if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
            err(f"line {n}: span {text!r} not on word boundary")
        first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
        if first_tok in TITLES and len(text.split()) > 1 or first_tok in TITLES and norm(text) not in forms:
            err(f"line {n}: span {text!r} starts with a title")
        if re.search(r"['\u2019]s$", text, re.I):
            err(f"line {n}: span {text!r} includes possessive")
        nt = norm(text)
        if label == "directory":
            if nt not in forms:
                err(f"line {n}: directory span {text!r} is not a roster name form")
            else:
                cand_kinds.append(forms[nt])
        elif label == "detector" and nt in forms:
            err(f"line {n}: detector span {text!r} equals a roster name form")
    kinds = r["kinds"]
    if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
        err(f"line {n}: kinds not sorted/unique/valid {kinds}")
    if not cand_kinds and kinds:
        err(f"line {n}: kinds {kinds} without directory spans")
    for ck in cand_kinds:
        if not ck & set(kinds):
            err(f"line {n}: a directory span's kinds {sorted(ck)} not in {kinds}")
    for k in kinds:
        if not any(k in ck for ck in cand_kinds):
            err(f"line {n}: kind {k} not attributable to any span")
if amb > 10:
    err(f"{amb} ambiguous lines (max 10)")

if errs:
    print("\n".join(errs[:200]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print("OK")
