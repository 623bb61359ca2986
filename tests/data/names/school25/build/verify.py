"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import collections
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import key, form_index, case_of, TITLES  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(msg):
    errs.append(msg)


# ---- roster
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = list(rd)
if header != HEADER:
    err("bad header %r" % header)
roster = [dict(zip(HEADER, r)) for r in rows]
if not 450 <= len(roster) <= 650:
    err("roster size %d" % len(roster))
ids, codes, emails = set(), set(), set()
pupil_ids = set()
prefix = {"pupil": ("P", 4), "staff": ("S", 3), "parent": ("G", 3)}
for n, r in enumerate(roster, 2):
    if len(r) != 8 or any(v is None for v in r.values()):
        err("row %d: wrong field count" % n)
        continue
    k = r["kind"]
    if k not in prefix:
        err("row %d: bad kind %r" % (n, k))
        continue
    p, width = prefix[k]
    if not re.fullmatch(p + r"\d{%d}" % width, r["id"]):
        err("row %d: bad id %r for %s" % (n, r["id"], k))
    if r["id"] in ids:
        err("row %d: duplicate id" % n)
    ids.add(r["id"])
    if k == "pupil":
        pupil_ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err("row %d: missing name" % n)
    if not re.fullmatch(r"[a-z0-9._+\-]+@[a-z0-9.\-]+\.[a-z]+", r["email"]):
        err("row %d: email not ASCII/valid %r" % (n, r["email"]))
    if r["email"] in emails:
        err("row %d: duplicate email" % n)
    emails.add(r["email"])
    if r["personal_emails"]:
        for e in r["personal_emails"].split(";"):
            if not re.fullmatch(r"[a-z0-9._+\-]+@[a-z0-9.\-]+\.[a-z]+", e):
                err("row %d: bad personal email %r" % (n, e))
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
        err("row %d: bad UPN %r" % (n, r["mis_ref"]))
    if k == "staff":
        if not re.fullmatch(r"[A-Za-z]{3}", r["mis_ref"]) or r["mis_ref"].upper() in codes:
            err("row %d: bad/duplicate staff code %r" % (n, r["mis_ref"]))
        codes.add(r["mis_ref"].upper())
for n, r in enumerate(roster, 2):
    if r.get("kind") == "parent" and r["mis_ref"] and r["mis_ref"] not in pupil_ids:
        err("row %d: parent mis_ref %r is not a pupil id" % (n, r["mis_ref"]))

idx = form_index(roster)

# ---- test set
recs = []
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for n, ln in enumerate(fh, 1):
        try:
            recs.append((n, json.loads(ln)))
        except ValueError:
            err("line %d: not JSON" % n)
if len(recs) != 600:
    err("expected 600 lines, got %d" % len(recs))
seen = set()
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
amb = 0
for n, r in recs:
    if set(r) != KEYS:
        err("line %d: keys %r" % (n, sorted(r)))
        continue
    s = r["subject"]
    if s in seen:
        err("line %d: duplicate subject" % n)
    seen.add(s)
    if s != s.strip() or not s:
        err("line %d: leading/trailing space or empty" % n)
    if r["case"] != case_of(s):
        err("line %d: case %r should be %r" % (n, r["case"], case_of(s)))
    if r["case"] not in ("sentence", "lower", "upper", "title"):
        err("line %d: bad case" % n)
    if not isinstance(r["ambiguous"], bool):
        err("line %d: ambiguous not bool" % n)
    amb += r["ambiguous"]
    prev_end = -1
    kinds = set()
    for sp in r["spans"]:
        if len(sp) != 4:
            err("line %d: span shape %r" % (n, sp))
            continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err("line %d: bad offsets %r" % (n, sp))
            continue
        if s[a:b] != text:
            err("line %d: span text mismatch %r vs %r" % (n, s[a:b], text))
        if a < prev_end:
            err("line %d: spans unsorted or overlapping" % n)
        prev_end = b
        if text != text.strip():
            err("line %d: span has outer whitespace %r" % (n, text))
        if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
            err("line %d: span not on word boundary %r" % (n, text))
        first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
        if first_tok in TITLES and len(text.split()) > 1:
            err("line %d: title inside span %r" % (n, text))
        if re.search(r"['\u2019]s$", text, re.I):
            err("line %d: possessive inside span %r" % (n, text))
        # title immediately before span is fine; a title-only span is not
        if text.lower().rstrip(".") in TITLES:
            err("line %d: span is a title %r" % (n, text))
        if lab == "directory":
            ks = idx.get(key(text))
            if not ks:
                err("line %d: directory span %r is not a roster name form" % (n, text))
        elif lab == "detector":
            if key(text) in idx:
                err("line %d: detector span %r equals a roster name form" % (n, text))
        else:
            err("line %d: bad label %r" % (n, lab))
    # kinds: sorted unique, each must be a kind of some roster person matching a directory span,
    # and every directory span must be covered by one of the listed kinds
    if r["kinds"] != sorted(set(r["kinds"])):
        err("line %d: kinds not sorted unique" % n)
    dir_spans = [sp for sp in r["spans"] if len(sp) == 4 and sp[2] == "directory"]
    possible = set()
    for sp in dir_spans:
        ks = idx.get(key(sp[3]), set())
        possible |= ks
        if ks and not ks & set(r["kinds"]):
            err("line %d: kinds %r do not cover span %r" % (n, r["kinds"], sp[3]))
    if not set(r["kinds"]) <= possible:
        err("line %d: kinds %r not supported by spans" % (n, r["kinds"]))
    if not dir_spans and r["kinds"]:
        err("line %d: kinds without directory spans" % n)
if amb > 10:
    err("too many ambiguous lines: %d" % amb)

if errs:
    print("\n".join(errs[:200]))
    print("FAILED: %d problems" % len(errs))
    sys.exit(1)
print("OK")
