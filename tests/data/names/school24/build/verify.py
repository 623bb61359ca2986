"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TITLES, case_style, fold, name_forms, read_roster  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


# ---- roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
    first = fh.readline().rstrip("\n")
if first != ",".join(HEADER):
    err(f"bad header: {first}")
rows = read_roster(os.path.join(ROOT, "roster.csv"))
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)}")
ids, codes, emails = set(), set(), set()
idpat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
form_kinds = {}
for r in rows:
    k = r["kind"]
    if k not in idpat:
        err(f"bad kind {r}")
        continue
    if not re.fullmatch(idpat[k], r["id"]) or r["id"] in ids:
        err(f"bad/duplicate id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err(f"missing name {r['id']}")
    if not r["email"].isascii() or "@" not in r["email"] or r["email"] in emails:
        err(f"bad email {r['id']} {r['email']}")
    emails.add(r["email"])
    for pe in filter(None, r["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            err(f"bad personal email {r['id']}")
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
        err(f"bad UPN {r['id']}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", r["mis_ref"]) or r["mis_ref"] in codes:
            err(f"bad staff code {r['id']}")
        codes.add(r["mis_ref"])
    if k == "parent" and r["mis_ref"] and r["mis_ref"] not in ids:
        err(f"parent link {r['id']} -> {r['mis_ref']}")
    for fm in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        form_kinds.setdefault(fm, set()).add(k)

# ---- test set
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, want 600")
seen = set()
amb = 0
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError:
        err(f"line {n}: bad json")
        continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {n}: keys {sorted(o)}")
        continue
    s = o["subject"]
    if not s or s != s.strip() or s in seen:
        err(f"line {n}: empty/padded/duplicate subject {s!r}")
    seen.add(s)
    if o["case"] != case_style(s):
        err(f"line {n}: case {o['case']} != {case_style(s)}")
    if not isinstance(o["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    amb += o["ambiguous"]
    prev_end = -1
    possible = set()
    span_kind_sets = []
    for sp in o["spans"]:
        if len(sp) != 4:
            err(f"line {n}: span shape {sp}")
            continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {n}: bad offsets {sp}")
            continue
        if s[a:b] != text:
            err(f"line {n}: span text mismatch {sp} vs {s[a:b]!r}")
        if a < prev_end:
            err(f"line {n}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip():
            err(f"line {n}: span padded {text!r}")
        if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
            err(f"line {n}: span cuts a word {text!r}")
        toks = re.split(r"[\s&]+", fold(text))
        if toks and toks[0].rstrip(".") in TITLES:
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['\u2019]s$", text, re.I) and fold(text) not in form_kinds:
            err(f"line {n}: possessive inside span {text!r}")
        f = fold(text)
        if lab == "directory":
            if f not in form_kinds:
                err(f"line {n}: directory span not a roster name form {text!r}")
            else:
                possible |= form_kinds[f]
                span_kind_sets.append(form_kinds[f])
        elif lab == "detector":
            if f in form_kinds:
                err(f"line {n}: detector span equals a roster name form {text!r}")
        else:
            err(f"line {n}: bad label {lab}")
    kinds = o["kinds"]
    if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
        err(f"line {n}: kinds not sorted unique {kinds}")
    if not set(kinds) <= possible:
        err(f"line {n}: kinds {kinds} not supported by spans ({sorted(possible)})")
    for ks in span_kind_sets:
        if not ks & set(kinds):
            err(f"line {n}: a directory span has none of its kinds in {kinds}")
    if not span_kind_sets and kinds:
        err(f"line {n}: kinds without directory spans")
if amb > 10:
    err(f"{amb} ambiguous lines (> 10)")

if errs:
    print("\n".join(errs[:200]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print("OK")
