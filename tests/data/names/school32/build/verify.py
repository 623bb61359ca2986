"""Verify roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from names import TITLES, case_style, fold, form_index

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


# ---- roster ----
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rdr = csv.reader(fh)
    header = next(rdr)
    body = list(rdr)
if header != HEADER:
    err("roster header wrong: %r" % header)
rows = [dict(zip(HEADER, r)) for r in body]
if not 450 <= len(rows) <= 650:
    err("roster size %d not in 450-650" % len(rows))
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
seen_ids, codes, emails = set(), set(), set()
expect = Counter()
for r in body:
    if len(r) != len(HEADER):
        err("roster row has %d fields: %r" % (len(r), r))
for r in rows:
    k = r["kind"]
    if k not in pat:
        err("bad kind %r" % k)
        continue
    expect[k] += 1
    if not re.fullmatch(pat[k], r["id"]) or int(r["id"][1:]) != expect[k]:
        err("bad/non-sequential id %s" % r["id"])
    if r["id"] in seen_ids:
        err("duplicate id %s" % r["id"])
    seen_ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err("%s missing name" % r["id"])
    if r["preferred_name"] == r["first_name"]:
        err("%s preferred_name equals first_name" % r["id"])
    if not r["email"].isascii() or not re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]+", r["email"]):
        err("%s bad email %r" % (r["id"], r["email"]))
    if r["email"] in emails:
        err("duplicate email %s" % r["email"])
    emails.add(r["email"])
    if r["personal_emails"]:
        for e in r["personal_emails"].split(";"):
            if not e.isascii() or not re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z.]+", e):
                err("%s bad personal email %r" % (r["id"], e))
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err("%s bad pupil mis_ref %r" % (r["id"], m))
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err("%s bad/duplicate staff code %r" % (r["id"], m))
        codes.add(m)
    if k == "parent" and m and not re.fullmatch(r"[A-Z]\d{4,8}|[PG]\d{3,4}", m):
        err("%s bad parent mis_ref %r" % (r["id"], m))
idx = form_index(rows)

# ---- test set ----
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err("test.jsonl has %d lines, expected 600" % len(lines))
subjects = set()
stats = Counter()
for n, line in enumerate(lines, 1):
    try:
        rec = json.loads(line)
    except ValueError:
        err("line %d not JSON" % n)
        continue
    if set(rec) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err("line %d keys %r" % (n, sorted(rec)))
        continue
    s = rec["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err("line %d empty/untrimmed subject" % n)
    if s in subjects:
        err("line %d duplicate subject %r" % (n, s))
    subjects.add(s)
    if not isinstance(rec["ambiguous"], bool):
        err("line %d ambiguous not bool" % n)
    prev_end, kinds = -1, set()
    for sp in rec["spans"]:
        if not (isinstance(sp, list) and len(sp) == 4):
            err("line %d malformed span %r" % (n, sp))
            continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err("line %d bad offsets %r" % (n, sp))
            continue
        if s[a:b] != text:
            err("line %d span text mismatch %r vs %r" % (n, s[a:b], text))
        if a < prev_end:
            err("line %d spans unsorted/overlapping" % n)
        prev_end = b
        if text != text.strip():
            err("line %d span has edge whitespace %r" % (n, text))
        words = text.split()
        if words and words[0].lower().rstrip(".") in TITLES:
            err("line %d title inside span %r" % (n, text))
        if re.search(r"['’]s$", text, re.I):
            err("line %d possessive inside span %r" % (n, text))
        if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
            err("line %d span cuts a word %r" % (n, text))
        f = fold(text)
        if label == "directory":
            hits = idx.get(f)
            if not hits:
                err("line %d directory span not a roster name form: %r" % (n, text))
            else:
                kinds.add(frozenset(k for _, k in hits))
        elif label == "detector":
            if f in idx:
                err("line %d detector span equals a roster name form: %r" % (n, text))
        else:
            err("line %d bad label %r" % (n, label))
        stats["span_" + str(label)] += 1
    # kinds: each directory span must contribute exactly one of its possible kinds
    rk = rec["kinds"]
    if rk != sorted(set(rk)) or any(k not in ("pupil", "staff", "parent") for k in rk):
        err("line %d kinds not sorted unique valid: %r" % (n, rk))
    for opts in kinds:
        if not (opts & set(rk)):
            err("line %d kinds %r miss a spanned person (%s)" % (n, rk, sorted(opts)))
    if not kinds and rk:
        err("line %d kinds %r but no directory span" % (n, rk))
    for k in rk:
        if not any(k in opts for opts in kinds):
            err("line %d kind %s not supported by any span" % (n, k))
    cs = case_style(s, rec["spans"])
    if rec["case"] != cs:
        err("line %d case %r, computed %r" % (n, rec["case"], cs))
    stats["case_" + rec["case"]] += 1
    if rec["spans"]:
        stats["named"] += 1
    if len(rec["spans"]) >= 2:
        stats["multi"] += 1
    if rec["ambiguous"]:
        stats["ambiguous"] += 1
if stats["ambiguous"] > 10:
    err("too many ambiguous lines: %d" % stats["ambiguous"])

if errs:
    print("\n".join(errs[:200]))
    print("FAILED: %d problem(s)" % len(errs))
    sys.exit(1)
print("stats:", dict(sorted(stats.items())))
print("OK")
