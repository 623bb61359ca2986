"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import TITLES, classify_case, name_forms, norm  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []


def err(msg):
    errors.append(msg)


# ---- roster ----
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rdr = csv.reader(fh)
    header = next(rdr)
    rows = list(rdr)
if header != HEADER:
    err(f"bad header {header}")
people = [dict(zip(HEADER, r)) for r in rows]
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")
ids, emails, codes, upns = set(), set(), set(), set()
counters = {"pupil": 0, "staff": 0, "parent": 0}
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for p in people:
    k = p["kind"]
    if k not in counters:
        err(f"bad kind {p}")
        continue
    counters[k] += 1
    if not re.fullmatch(pat[k], p["id"]) or int(p["id"][1:]) != counters[k]:
        err(f"bad/non-sequential id {p['id']}")
    if p["id"] in ids:
        err(f"dup id {p['id']}")
    ids.add(p["id"])
    if not p["first_name"] or not p["last_name"]:
        err(f"missing name {p['id']}")
    e = p["email"]
    if not e or not e.isascii() or not re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+", e) or e in emails:
        err(f"bad/dup email {p['id']} {e}")
    emails.add(e)
    for pe in filter(None, p["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            err(f"bad personal email {p['id']} {pe}")
    m = p["mis_ref"]
    if k == "pupil":
        if not re.fullmatch(r"[A-Z]\d{12}", m) or m in upns:
            err(f"bad/dup UPN {p['id']} {m}")
        upns.add(m)
    elif k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"bad/dup staff code {p['id']} {m}")
        codes.add(m)
    else:
        if m and m not in ids and not re.fullmatch(r"P\d{4}", m):
            err(f"bad parent ref {p['id']} {m}")
    if p["preferred_name"] and p["preferred_name"] == p["first_name"]:
        err(f"preferred equals first {p['id']}")

forms_by_kind = {"pupil": set(), "staff": set(), "parent": set()}
for p in people:
    if p["kind"] in forms_by_kind:
        forms_by_kind[p["kind"]] |= name_forms(p["first_name"], p["preferred_name"], p["last_name"])
all_forms = set().union(*forms_by_kind.values())

# ---- test set ----
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, want 600")
seen = set()
n_amb = 0
for no, line in enumerate(lines, 1):
    try:
        r = json.loads(line)
    except ValueError:
        err(f"line {no}: bad json")
        continue
    if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {no}: keys {sorted(r)}")
        continue
    s = r["subject"]
    if not isinstance(s, str) or not s.strip():
        err(f"line {no}: empty subject")
        continue
    if s in seen:
        err(f"line {no}: duplicate subject")
    seen.add(s)
    if r["case"] != classify_case(s):
        err(f"line {no}: case {r['case']} != {classify_case(s)}: {s}")
    if not isinstance(r["ambiguous"], bool):
        err(f"line {no}: ambiguous not bool")
    n_amb += r["ambiguous"]
    prev_end = -1
    kinds = set()
    for sp in r["spans"]:
        if len(sp) != 4:
            err(f"line {no}: span shape {sp}")
            continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {no}: bad offsets {sp}")
            continue
        if s[a:b] != text:
            err(f"line {no}: span text mismatch {sp} vs {s[a:b]!r}")
        if a < prev_end:
            err(f"line {no}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip():
            err(f"line {no}: span has outer spaces {sp}")
        if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
            err(f"line {no}: span cuts a word {sp}")
        first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
        if first_tok in TITLES and len(text.split()) > 1:
            err(f"line {no}: title inside span {sp}")
        if norm(text) in TITLES:
            err(f"line {no}: span is a title {sp}")
        if re.search(r"['’]s$", text, re.I) or text.endswith("'") or text.endswith("’"):
            err(f"line {no}: possessive inside span {sp}")
        if label == "directory":
            hit = [k for k, fs in forms_by_kind.items() if norm(text) in fs]
            if not hit:
                err(f"line {no}: directory span not a roster name form {sp}")
            kinds_hit = hit
        elif label == "detector":
            if norm(text) in all_forms:
                err(f"line {no}: detector span equals a roster name form {sp}")
        else:
            err(f"line {no}: bad label {label}")
    if not isinstance(r["kinds"], list) or r["kinds"] != sorted(set(r["kinds"])):
        err(f"line {no}: kinds not sorted unique")
    dir_spans = [sp for sp in r["spans"] if sp[2] == "directory"]
    if bool(dir_spans) != bool(r["kinds"]):
        err(f"line {no}: kinds {r['kinds']} vs directory spans")
    for k in r["kinds"]:
        if k not in forms_by_kind:
            err(f"line {no}: bad kind {k}")
    # every kind listed must be reachable from some directory span; every span must fit some listed kind
    for sp in dir_spans:
        if not any(norm(sp[3]) in forms_by_kind[k] for k in r["kinds"] if k in forms_by_kind):
            err(f"line {no}: span {sp[3]!r} is not a name of any kind in {r['kinds']}")
    for k in r["kinds"]:
        if k in forms_by_kind and not any(norm(sp[3]) in forms_by_kind[k] for sp in dir_spans):
            err(f"line {no}: kind {k} has no matching span")
if n_amb > 10:
    err(f"{n_amb} ambiguous lines (max 10)")

if errors:
    print("\n".join(errors[:200]))
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print("OK")
