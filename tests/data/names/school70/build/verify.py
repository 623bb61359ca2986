"""Verify roster.csv and test.jsonl against every rule of the brief. Prints OK on success."""
import collections
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from common import TITLES, case_of, fold, name_forms  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


# ---------- roster ----------
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    rows = list(reader)
if header != HEADER:
    err(f"roster header {header}")
people = [dict(zip(HEADER, r)) for r in rows]
ids, codes, emails = set(), set(), set()
kind_count = collections.Counter()
form_kinds = collections.defaultdict(set)
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for i, p in enumerate(people, 2):
    if len(rows[i - 2]) != len(HEADER):
        err(f"roster line {i}: wrong field count")
    k = p["kind"]
    if k not in prefix:
        err(f"roster line {i}: kind {k!r}")
        continue
    kind_count[k] += 1
    if not re.fullmatch(prefix[k], p["id"]) or p["id"] in ids:
        err(f"roster line {i}: bad or duplicate id {p['id']}")
    ids.add(p["id"])
    if not p["first_name"] or not p["last_name"]:
        err(f"roster line {i}: missing name")
    if p["preferred_name"] == p["first_name"]:
        err(f"roster line {i}: preferred_name equals first_name")
    e = p["email"]
    if not e.isascii() or not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", e) or e in emails:
        err(f"roster line {i}: bad or duplicate email {e}")
    emails.add(e)
    if p["personal_emails"]:
        for pe in p["personal_emails"].split(";"):
            if not pe.isascii() or not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z.]+", pe):
                err(f"roster line {i}: bad personal email {pe}")
    m = p["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"roster line {i}: pupil mis_ref {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"roster line {i}: staff code {m}")
        codes.add(m)
    if k == "parent" and m and not re.fullmatch(r"[A-Z]\d{6}", m):
        err(f"roster line {i}: parent mis_ref {m}")
    for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
        form_kinds[f].add(k)
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")

# ---------- test set ----------
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, expected 600")
seen, seen_fold = set(), set()
stats = collections.Counter()
label_count = collections.Counter()
case_count = collections.Counter()
kind_lines = collections.Counter()
TITLE_RE = re.compile(r"^(" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\b\.?\s", re.I)
for n, raw in enumerate(lines, 1):
    try:
        r = json.loads(raw)
    except ValueError:
        err(f"line {n}: not JSON")
        continue
    if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {n}: keys {sorted(r)}")
        continue
    s = r["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(f"line {n}: bad subject")
    if unicodedata.normalize("NFC", s) != s:
        err(f"line {n}: subject not NFC")
    if s in seen or fold(s) in seen_fold:
        err(f"line {n}: duplicate subject {s!r}")
    seen.add(s)
    seen_fold.add(fold(s))
    prev_end = 0
    possible = []
    for sp in r["spans"]:
        if not (isinstance(sp, list) and len(sp) == 4):
            err(f"line {n}: span shape {sp}")
            continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {n}: span offsets {sp}")
            continue
        if s[a:b] != text:
            err(f"line {n}: subject[{a}:{b}]={s[a:b]!r} != {text!r}")
        if a < prev_end:
            err(f"line {n}: spans unsorted or overlapping")
        prev_end = b
        if text != text.strip() or text.endswith((",", "-", "/")):
            err(f"line {n}: span has stray whitespace/punctuation {text!r}")
        if TITLE_RE.match(text):
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I):
            err(f"line {n}: possessive inside span {text!r}")
        if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
            err(f"line {n}: span cuts a word {text!r}")
        label_count[label] += 1
        f = fold(text)
        if label == "directory":
            if f not in form_kinds:
                err(f"line {n}: directory span {text!r} is not a roster name form")
            possible.append(form_kinds.get(f, set()))
        elif label == "detector":
            if f in form_kinds:
                err(f"line {n}: detector span {text!r} equals a roster name form")
        else:
            err(f"line {n}: label {label!r}")
    kinds = r["kinds"]
    if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
        err(f"line {n}: kinds {kinds}")
    if bool(kinds) != bool(possible):
        err(f"line {n}: kinds {kinds} but {len(possible)} directory spans")
    for ps in possible:
        if ps and not ps & set(kinds):
            err(f"line {n}: a directory span can only be {sorted(ps)} but kinds={kinds}")
    for k in kinds:
        if not any(k in ps for ps in possible):
            err(f"line {n}: kind {k} not supported by any span")
    if r["case"] != case_of(s):
        err(f"line {n}: case {r['case']} but computed {case_of(s)}")
    if not isinstance(r["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    case_count[r["case"]] += 1
    stats["ambiguous"] += r["ambiguous"]
    if r["spans"]:
        stats["named"] += 1
        for k in kinds:
            kind_lines[k] += 1
        if any(sp[2] == "detector" for sp in r["spans"]):
            stats["with_detector"] += 1
        if len(r["spans"]) >= 2:
            stats["multi_person"] += 1
    else:
        stats["negative"] += 1
if stats["ambiguous"] > 10:
    err(f"{stats['ambiguous']} ambiguous lines (max 10)")

# ---------- determinism: rebuilding from sources must reproduce both files byte for byte ----------
before = (sha(os.path.join(ROOT, "roster.csv")), sha(os.path.join(ROOT, "test.jsonl")))
here = os.path.dirname(os.path.abspath(__file__))
for script in ("build_roster.py", "build_tests.py"):
    res = subprocess.run([sys.executable, os.path.join(here, script)], capture_output=True, text=True)
    if res.returncode:
        err(f"{script} failed: {res.stdout}{res.stderr}")
after = (sha(os.path.join(ROOT, "roster.csv")), sha(os.path.join(ROOT, "test.jsonl")))
if before != after:
    err("rebuilding from sources changed roster.csv or test.jsonl (not in sync / not deterministic)")

print(f"roster: {len(people)} people {dict(kind_count)}")
print(f"lines: {len(lines)}; named {stats['named']}, negative {stats['negative']}, "
      f"with detector {stats['with_detector']}, multi-person {stats['multi_person']}, ambiguous {stats['ambiguous']}")
print(f"spans: {dict(label_count)}")
print(f"case: {dict(case_count)}")
print(f"kinds (lines): {dict(kind_lines)}")
if errors:
    print("\n".join(errors[:200]))
    print(f"FAILED: {len(errors)} problem(s)")
    sys.exit(1)
print("OK")
