"""Verify roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TITLES, case_style, name_forms, norm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.reader(fh))
if rows[0] != HEADER:
    err(f"bad header {rows[0]}")
people = rows[1:]
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)} not in 450-650")
ids, emails, codes = set(), set(), set()
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
forms = collections.defaultdict(set)  # norm form -> kinds
for r in people:
    if len(r) != len(HEADER):
        err(f"row width {r}"); continue
    pid, first, pref, last, kind, email, pers, mis = r
    if kind not in prefix:
        err(f"bad kind {r}"); continue
    if not re.fullmatch(prefix[kind], pid):
        err(f"bad id {pid} for {kind}")
    if pid in ids:
        err(f"duplicate id {pid}")
    ids.add(pid)
    if not first or not last:
        err(f"missing name {pid}")
    if not re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", email):
        err(f"bad/non-ASCII email {pid} {email}")
    if email in emails:
        err(f"duplicate email {email}")
    emails.add(email)
    if pers:
        for e in pers.split(";"):
            if not re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", e):
                err(f"bad personal email {pid} {e}")
    if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
        err(f"bad pupil mis_ref {pid} {mis}")
    if kind == "staff":
        if not re.fullmatch(r"[A-Z]{3}", mis) or mis in codes:
            err(f"bad/duplicate staff code {pid} {mis}")
        codes.add(mis)
    if kind == "parent" and mis and not re.fullmatch(r"[A-Z]?\d+", mis):
        err(f"bad parent mis_ref {pid} {mis}")
    for f in name_forms(first, pref, last):
        forms[f].add(kind)

# ---------- test set ----------
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, expected 600")
seen = set()
amb = 0
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
for n, line in enumerate(lines, 1):
    try:
        d = json.loads(line)
    except ValueError as e:
        err(f"line {n}: bad json {e}"); continue
    if set(d) != KEYS:
        err(f"line {n}: keys {sorted(d)}"); continue
    s = d["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(f"line {n}: empty/untrimmed subject")
    key = s.casefold()
    if key in seen:
        err(f"line {n}: duplicate subject {s!r}")
    seen.add(key)
    if d["case"] not in ("sentence", "lower", "upper", "title") or d["case"] != case_style(s):
        err(f"line {n}: case {d['case']} != {case_style(s)}: {s}")
    if not isinstance(d["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    amb += d["ambiguous"]
    prev_end = 0
    span_kinds = []
    for sp in d["spans"]:
        if not (isinstance(sp, list) and len(sp) == 4):
            err(f"line {n}: bad span {sp}"); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {n}: bad offsets {sp}"); continue
        if s[a:b] != text:
            err(f"line {n}: span text mismatch {sp} vs {s[a:b]!r}")
        if a < prev_end:
            err(f"line {n}: spans unsorted/overlapping {d['spans']}")
        prev_end = b
        if lab not in ("directory", "detector"):
            err(f"line {n}: bad label {lab}")
        if text != text.strip() or not text[0].isalpha():
            err(f"line {n}: span has stray edge characters {text!r}")
        if text[-1] in ",;:-/&(":
            err(f"line {n}: span ends in punctuation {text!r}")
        toks = text.replace(".", " ").split()
        if toks and toks[0].lower() in TITLES and len(toks) > 1:
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['\u2019]s$", text, re.I):
            err(f"line {n}: possessive inside span {text!r}")
        # boundaries: span must not cut a word
        if a > 0 and (s[a - 1].isalnum()):
            err(f"line {n}: span starts mid-word {text!r}")
        if b < len(s) and s[b].isalnum():
            err(f"line {n}: span ends mid-word {text!r}")
        f = norm(text)
        if lab == "directory":
            if f not in forms:
                err(f"line {n}: directory span not a roster name form {text!r}")
            span_kinds.append(forms.get(f, set()))
        elif lab == "detector" and f in forms:
            err(f"line {n}: detector span equals a roster name form {text!r}")
    kinds = d["kinds"]
    if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
        err(f"line {n}: kinds not sorted unique/valid {kinds}")
    for ks in span_kinds:
        if not ks & set(kinds):
            err(f"line {n}: directory span has no person of a listed kind {kinds} ({s})")
    for k in kinds:
        if not any(k in ks for ks in span_kinds):
            err(f"line {n}: kind {k} not supported by any directory span ({s})")
if amb > 10:
    err(f"{amb} ambiguous lines (max 10)")

if errors:
    print("\n".join(errors[:200]))
    print(f"FAILED: {len(errors)} problem(s)")
    sys.exit(1)
print("OK")
