"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, case_style, fold, form_index  # noqa: E402

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
problems = []


def bad(msg):
    problems.append(msg)


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    raw = list(reader)
if header != HEADER:
    bad(f"roster header {header}")
rows = [dict(zip(HEADER, r)) for r in raw]
if not 450 <= len(rows) <= 650:
    bad(f"roster size {len(rows)}")
ids, codes, emails = set(), set(), set()
ID_RE = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in rows:
    if len(r) != len(HEADER):
        bad(f"roster row width {r}")
    k = r["kind"]
    if k not in ID_RE:
        bad(f"bad kind {r}")
        continue
    if not re.fullmatch(ID_RE[k], r["id"]) or r["id"] in ids:
        bad(f"bad/duplicate id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        bad(f"missing name {r['id']}")
    if not r["email"].isascii() or "@" not in r["email"] or r["email"] in emails:
        bad(f"bad email {r['id']} {r['email']}")
    emails.add(r["email"])
    for pe in filter(None, r["personal_emails"].split(";")):
        if "@" not in pe or not pe.isascii():
            bad(f"bad personal email {r['id']}")
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        bad(f"pupil mis_ref {r['id']} {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            bad(f"staff code {r['id']} {m}")
        codes.add(m)
    if k == "parent" and m and not re.fullmatch(r"[A-Z]\d+", m):
        bad(f"parent mis_ref {r['id']} {m}")
    if r["preferred_name"] and r["preferred_name"] == r["first_name"]:
        bad(f"preferred equals first {r['id']}")
idx = form_index(rows)
kind_of = {r["id"]: r["kind"] for r in rows}

# ---------- test set ----------
POSSESSIVE = re.compile(r"['’]s$", re.I)
subjects = set()
n = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            bad(f"line {ln}: json {e}")
            continue
        if set(rec) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            bad(f"line {ln}: keys {sorted(rec)}")
            continue
        s = rec["subject"]
        if not isinstance(s, str) or not s.strip():
            bad(f"line {ln}: empty subject")
            continue
        if s in subjects:
            bad(f"line {ln}: duplicate subject")
        subjects.add(s)
        if not isinstance(rec["ambiguous"], bool):
            bad(f"line {ln}: ambiguous not bool")
        prev_end = -1
        kinds = set()
        for sp in rec["spans"]:
            if len(sp) != 4:
                bad(f"line {ln}: span shape {sp}")
                continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                bad(f"line {ln}: span offsets {sp}")
                continue
            if s[a:b] != text:
                bad(f"line {ln}: span text mismatch {sp!r} vs {s[a:b]!r}")
            if a < prev_end:
                bad(f"line {ln}: spans unsorted/overlapping")
            prev_end = b
            if text != text.strip():
                bad(f"line {ln}: span has outer whitespace {text!r}")
            if (a > 0 and (s[a - 1].isalnum())) or (b < len(s) and s[b].isalnum()):
                bad(f"line {ln}: span cuts a word {text!r}")
            first_tok = re.split(r"[\s.]+", text.lower())[0]
            if first_tok in TITLES and len(text.split()) > 1:
                bad(f"line {ln}: title inside span {text!r}")
            if POSSESSIVE.search(text):
                bad(f"line {ln}: possessive inside span {text!r}")
            f = fold(text)
            if label == "directory":
                hits = idx.get(f)
                if not hits:
                    bad(f"line {ln}: directory span not a roster name form {text!r}")
                else:
                    kinds.add(frozenset(k for _, k in hits))
            elif label == "detector":
                if f in idx:
                    bad(f"line {ln}: detector span equals a roster name form {text!r}")
            else:
                bad(f"line {ln}: bad label {label}")
        # kinds: each directory span must be explained by one of the listed kinds
        listed = rec["kinds"]
        if listed != sorted(set(listed)) or not set(listed) <= {"pupil", "staff", "parent"}:
            bad(f"line {ln}: kinds not sorted unique {listed}")
        for ks in kinds:
            if not ks & set(listed):
                bad(f"line {ln}: span kinds {sorted(ks)} missing from {listed}")
        possible = set().union(*kinds) if kinds else set()
        if not set(listed) <= possible:
            bad(f"line {ln}: kinds {listed} not supported by spans")
        if not kinds and listed:
            bad(f"line {ln}: kinds without directory spans")
        if rec["case"] != case_style(s):
            bad(f"line {ln}: case {rec['case']} != {case_style(s)}")
if n != 600:
    bad(f"test.jsonl has {n} lines, expected 600")
amb = sum(1 for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") if json.loads(l)["ambiguous"])
if amb > 10:
    bad(f"too many ambiguous lines {amb}")

if problems:
    print("\n".join(problems[:200]))
    print(f"FAILED: {len(problems)} problem(s)")
    sys.exit(1)
print(f"OK: roster {len(rows)} people, test.jsonl {n} lines")
