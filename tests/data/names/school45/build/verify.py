"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(__file__))
from common import TITLES, case_of, fold, name_forms

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
EXPECTED_LINES = 600
errors = []


def err(msg):
    errors.append(msg)


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    rows = list(reader)
if header != HEADER:
    err(f"roster header wrong: {header}")
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)} not in 450-650")
ids, codes, emails = set(), set(), set()
form_kinds = defaultdict(set)
for r in rows:
    if len(r) != 8:
        err(f"roster row has {len(r)} fields: {r}")
        continue
    pid, first, pref, last, kind, email, pers, ref = r
    if pid in ids:
        err(f"duplicate id {pid}")
    ids.add(pid)
    pat = {"pupil": r"^P\d{4}$", "staff": r"^S\d{3}$", "parent": r"^G\d{3}$"}.get(kind)
    if pat is None:
        err(f"bad kind {kind} for {pid}")
        continue
    if not re.match(pat, pid):
        err(f"id {pid} does not fit kind {kind}")
    if not first or not last:
        err(f"{pid} missing name")
    if not email or not email.isascii() or email.count("@") != 1:
        err(f"{pid} bad email {email!r}")
    if email in emails:
        err(f"duplicate email {email}")
    emails.add(email)
    for pe in filter(None, pers.split(";")):
        if "@" not in pe or not pe.isascii():
            err(f"{pid} bad personal email {pe}")
    if kind == "pupil" and not re.match(r"^[A-Z]\d{12}$", ref):
        err(f"{pid} bad UPN {ref}")
    if kind == "staff":
        if not re.match(r"^[A-Z]{3}$", ref) or ref in codes:
            err(f"{pid} bad/duplicate staff code {ref}")
        codes.add(ref)
    for f in name_forms(first, pref, last):
        form_kinds[f].add(kind)
for r in rows:
    if len(r) == 8 and r[4] == "parent" and r[7] and r[7] not in ids:
        err(f"{r[0]} mis_ref {r[7]} is not an id")

# ---------- test ----------
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
subjects = set()
n = 0
n_amb = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        try:
            rec = json.loads(line)
        except ValueError:
            err(f"line {ln}: not JSON")
            continue
        if set(rec) != KEYS:
            err(f"line {ln}: keys {sorted(rec)}")
            continue
        s = rec["subject"]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            err(f"line {ln}: bad subject {s!r}")
        if s in subjects:
            err(f"line {ln}: duplicate subject {s!r}")
        subjects.add(s)
        if rec["case"] not in {"sentence", "lower", "upper", "title"} or rec["case"] != case_of(s):
            err(f"line {ln}: case {rec['case']} but computed {case_of(s)}: {s}")
        if not isinstance(rec["ambiguous"], bool):
            err(f"line {ln}: ambiguous not bool")
        n_amb += rec["ambiguous"] is True
        prev_end = -1
        want_kinds = set()
        dir_spans = []
        for sp in rec["spans"]:
            if not (isinstance(sp, list) and len(sp) == 4):
                err(f"line {ln}: bad span {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                err(f"line {ln}: bad offsets {sp}")
                continue
            if s[a:b] != text:
                err(f"line {ln}: span text mismatch {sp} vs {s[a:b]!r}")
            if a < prev_end:
                err(f"line {ln}: spans unsorted/overlapping")
            prev_end = b
            if text != text.strip() or text.endswith(",") and False:
                err(f"line {ln}: span has outer whitespace {text!r}")
            toks = fold(text).split()
            if toks and toks[0].rstrip(".") in TITLES:
                err(f"line {ln}: title inside span {text!r}")
            if re.search(r"['\u2019]s$", text, re.I) and fold(text) not in form_kinds:
                err(f"line {ln}: possessive inside span {text!r}")
            if b < len(s) and (s[b].isalnum()) or a > 0 and s[a - 1].isalnum():
                err(f"line {ln}: span cuts a word {text!r}")
            if label == "directory":
                ks = form_kinds.get(fold(text))
                if not ks:
                    err(f"line {ln}: directory span not a roster name form: {text!r}")
                else:
                    dir_spans.append(ks)
            elif label == "detector":
                if fold(text) in form_kinds:
                    err(f"line {ln}: detector span equals a roster name form: {text!r}")
            else:
                err(f"line {ln}: bad label {label}")
        kinds = rec["kinds"]
        if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
            err(f"line {ln}: kinds not sorted unique/valid {kinds}")
        if dir_spans and not kinds:
            err(f"line {ln}: directory spans but empty kinds")
        if not dir_spans and kinds:
            err(f"line {ln}: kinds without directory spans")
        for ks in dir_spans:
            if not ks & set(kinds):
                err(f"line {ln}: span kinds {ks} not in {kinds}")
        for k in kinds:
            if not any(k in ks for ks in dir_spans):
                err(f"line {ln}: kind {k} matches no span")
if n != EXPECTED_LINES:
    err(f"test.jsonl has {n} lines, expected {EXPECTED_LINES}")
if n_amb > 10:
    err(f"{n_amb} ambiguous lines (> 10)")

if errors:
    for e in errors[:200]:
        print(e)
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print("OK")
