"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from common import ROOT, fold, name_forms, case_style, TITLES

errs = []
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    errs.append(f"bad header {header}")
if not 450 <= len(rows) <= 650:
    errs.append(f"roster size {len(rows)}")
ids, emails, codes = set(), set(), set()
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in rows:
    k = r["kind"]
    if k not in pat or not re.fullmatch(pat[k], r["id"]):
        errs.append(f"bad id/kind {r['id']} {k}")
    if r["id"] in ids:
        errs.append(f"dup id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        errs.append(f"missing name {r['id']}")
    if not r["email"].isascii() or "@" not in r["email"] or r["email"] in emails:
        errs.append(f"bad/dup email {r['id']} {r['email']}")
    emails.add(r["email"])
    for pe in filter(None, r["personal_emails"].split(";")):
        if "@" not in pe or not pe.isascii():
            errs.append(f"bad personal email {r['id']}")
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        errs.append(f"bad UPN {r['id']} {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            errs.append(f"bad/dup staff code {r['id']} {m}")
        codes.add(m)
    if k == "parent" and m and m not in ids and not re.fullmatch(r"P\d{4}", m):
        errs.append(f"bad parent ref {r['id']} {m}")

forms = {}
for r in rows:
    for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        forms.setdefault(f, set()).add(r["kind"])

subjects = set()
n = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        o = json.loads(line)
        if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            errs.append(f"{ln}: keys {sorted(o)}")
            continue
        s = o["subject"]
        if s in subjects:
            errs.append(f"{ln}: duplicate subject")
        subjects.add(s)
        if s != s.strip() or not s:
            errs.append(f"{ln}: whitespace at ends")
        prev_end = 0
        span_kinds = []
        for sp in o["spans"]:
            a, b, label, text = sp
            if s[a:b] != text:
                errs.append(f"{ln}: span {sp} does not index")
            if a < prev_end:
                errs.append(f"{ln}: spans unsorted/overlap")
            prev_end = b
            if text != text.strip() or not text:
                errs.append(f"{ln}: span whitespace {text!r}")
            first = fold(text).split()[0].rstrip(".")
            if first in {t.rstrip(".") for t in TITLES}:
                errs.append(f"{ln}: title inside span {text!r}")
            if re.search(r"['\u2019]s$", text, re.I):
                errs.append(f"{ln}: possessive inside span {text!r}")
            # span must be a whole token run (not cut inside a word)
            if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
                errs.append(f"{ln}: span cuts a word {text!r}")
            if label == "directory":
                ks = forms.get(fold(text))
                if not ks:
                    errs.append(f"{ln}: directory span not a roster name form {text!r}")
                else:
                    span_kinds.append(ks)
            elif label == "detector":
                if fold(text) in forms:
                    errs.append(f"{ln}: detector span equals a roster name form {text!r}")
            else:
                errs.append(f"{ln}: bad label {label}")
        kinds = o["kinds"]
        if kinds != sorted(set(kinds)) or not set(kinds) <= {"pupil", "staff", "parent"}:
            errs.append(f"{ln}: kinds not sorted unique {kinds}")
        for ks in span_kinds:
            if not ks & set(kinds):
                errs.append(f"{ln}: a directory span has none of its kinds in {kinds}")
        if not span_kinds and kinds:
            errs.append(f"{ln}: kinds without directory spans")
        for k in kinds:
            if not any(k in ks for ks in span_kinds):
                errs.append(f"{ln}: kind {k} not backed by a span")
        if o["case"] != case_style(s, o["spans"]):
            errs.append(f"{ln}: case {o['case']} != {case_style(s, o['spans'])}")
        if not isinstance(o["ambiguous"], bool):
            errs.append(f"{ln}: ambiguous not bool")
amb = sum(1 for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") if '"ambiguous": true' in l)
if n != 600:
    errs.append(f"test.jsonl has {n} lines, expected 600")
if amb > 10:
    errs.append(f"{amb} ambiguous lines (> 10)")
if errs:
    print("\n".join(errs[:200]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print(f"OK: roster {len(rows)} people, test.jsonl {n} lines, {amb} ambiguous")
