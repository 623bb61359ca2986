"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import name_forms, norm, case_style, TITLES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
problems = []


def bad(msg):
    problems.append(msg)


# ---- roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    rows = [dict(zip(header, r)) for r in reader]
if header != HEADER:
    bad("roster header %r" % header)
if not 450 <= len(rows) <= 650:
    bad("roster size %d" % len(rows))
ids, codes, forms = set(), set(), {}
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in rows:
    k = r["kind"]
    if k not in prefix:
        bad("bad kind %r" % r)
        continue
    if not re.fullmatch(prefix[k], r["id"]) or r["id"] in ids:
        bad("bad/duplicate id %s" % r["id"])
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        bad("missing name %s" % r["id"])
    if not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[a-z]{2,}", r["email"]):
        bad("email not ascii/valid %s %r" % (r["id"], r["email"]))
    if r["personal_emails"]:
        for e in r["personal_emails"].split(";"):
            if not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[a-z]{2,}", e):
                bad("personal email %s %r" % (r["id"], e))
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
        bad("pupil mis_ref %s" % r["id"])
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", r["mis_ref"]) or r["mis_ref"] in codes:
            bad("staff code %s %r" % (r["id"], r["mis_ref"]))
        codes.add(r["mis_ref"])
    for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        forms.setdefault(f, set()).add(k)
for k, lo, hi in (("pupil", 300, 450), ("staff", 40, 100), ("parent", 60, 160)):
    n = sum(1 for r in rows if r["kind"] == k)
    if not lo <= n <= hi:
        bad("%s count %d" % (k, n))

# ---- test set
TITLE_RE = re.compile(r"^(%s)\.?\s" % "|".join(sorted(TITLES)), re.I)
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    bad("test.jsonl has %d lines, expected 600" % len(lines))
subjects = set()
n_amb = 0
for i, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError:
        bad("line %d: not JSON" % i)
        continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        bad("line %d: keys %s" % (i, sorted(o)))
        continue
    s = o["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        bad("line %d: empty/padded subject" % i)
    if s in subjects:
        bad("line %d: duplicate subject %r" % (i, s))
    subjects.add(s)
    if not isinstance(o["ambiguous"], bool):
        bad("line %d: ambiguous not bool" % i)
    n_amb += o["ambiguous"]
    kinds, prev_end = set(), -1
    for sp in o["spans"]:
        if len(sp) != 4:
            bad("line %d: span shape %r" % (i, sp))
            continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            bad("line %d: span bounds %r" % (i, sp))
            continue
        if s[a:b] != text:
            bad("line %d: span text %r != %r" % (i, s[a:b], text))
        if a < prev_end:
            bad("line %d: spans unsorted/overlap" % i)
        prev_end = b
        if text != text.strip():
            bad("line %d: span whitespace %r" % (i, text))
        if (a > 0 and (s[a - 1].isalnum())) or (b < len(s) and s[b].isalnum()):
            bad("line %d: span not on word boundary %r" % (i, text))
        if TITLE_RE.match(text):
            bad("line %d: title inside span %r" % (i, text))
        if re.search(r"['’][sS]$", text):
            bad("line %d: possessive inside span %r" % (i, text))
        if label == "directory":
            ks = forms.get(norm(text))
            if not ks:
                bad("line %d: directory span %r is not a roster name form" % (i, text))
            else:
                kinds.update(ks)
        elif label == "detector":
            if norm(text) in forms:
                bad("line %d: detector span %r equals a roster name form" % (i, text))
        else:
            bad("line %d: label %r" % (i, label))
    got = set(o["kinds"])
    if o["kinds"] != sorted(got) or not got <= {"pupil", "staff", "parent"}:
        bad("line %d: kinds not sorted unique/valid %r" % (i, o["kinds"]))
    has_dir = any(sp[2] == "directory" for sp in o["spans"])
    if has_dir and not got:
        bad("line %d: directory span but no kinds" % i)
    if not has_dir and got:
        bad("line %d: kinds without directory span" % i)
    if got and not got <= kinds:
        bad("line %d: kinds %r not supported by spans (%r)" % (i, sorted(got), sorted(kinds)))
    if o["case"] != case_style(s):
        bad("line %d: case %r, expected %r" % (i, o["case"], case_style(s)))
if n_amb > 10:
    bad("too many ambiguous lines: %d" % n_amb)

if problems:
    print("\n".join(problems[:200]))
    print(len(problems), "problems")
    sys.exit(1)
print("OK")
