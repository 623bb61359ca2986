"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from common import ROOT, TITLES, fold, case_style, name_forms

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
problems = []


def bad(msg):
    problems.append(msg)


# ---- roster
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
    reader = csv.reader(fh)
    header = next(reader)
    rows = [r for r in reader]
if header != HEADER:
    bad(f"roster header {header}")
people = [dict(zip(HEADER, r)) for r in rows]
if not 450 <= len(people) <= 650:
    bad(f"roster size {len(people)}")
ids, codes, upns = set(), set(), set()
prefix = {"pupil": "P", "staff": "S", "parent": "G"}
counters = {"pupil": 0, "staff": 0, "parent": 0}
for r in rows:
    if len(r) != len(HEADER):
        bad(f"roster row width {r}")
for p in people:
    k = p["kind"]
    if k not in prefix:
        bad(f"kind {k} for {p['id']}"); continue
    counters[k] += 1
    width = 4 if k == "pupil" else 3
    if p["id"] != f"{prefix[k]}{counters[k]:0{width}d}":
        bad(f"id sequence {p['id']}")
    if p["id"] in ids:
        bad(f"duplicate id {p['id']}")
    ids.add(p["id"])
    if not p["first_name"] or not p["last_name"]:
        bad(f"missing name {p['id']}")
    if not p["email"] or not p["email"].isascii() or "@" not in p["email"]:
        bad(f"email {p['id']} {p['email']!r}")
    for e in filter(None, p["personal_emails"].split(";")):
        if "@" not in e or not e.isascii():
            bad(f"personal email {p['id']} {e!r}")
    m = p["mis_ref"]
    if k == "pupil":
        if not re.fullmatch(r"[A-Z]\d{12}", m) or m in upns:
            bad(f"pupil mis_ref {p['id']} {m}")
        upns.add(m)
    elif k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            bad(f"staff code {p['id']} {m}")
        codes.add(m)
    elif m and m not in ids and not re.fullmatch(r"P\d{4}", m):
        bad(f"parent mis_ref {p['id']} {m}")
for p in people:
    if p["kind"] == "parent" and p["mis_ref"] and p["mis_ref"] not in ids:
        bad(f"parent mis_ref points nowhere {p['id']}")

index = {}
for p in people:
    for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
        index.setdefault(f, set()).add(p["kind"])

# ---- test set
seen = set()
n = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        try:
            rec = json.loads(line)
        except ValueError:
            bad(f"line {ln}: not JSON"); continue
        if set(rec) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            bad(f"line {ln}: keys {sorted(rec)}")
            continue
        s = rec["subject"]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            bad(f"line {ln}: empty or untrimmed subject")
        if s in seen:
            bad(f"line {ln}: duplicate subject {s!r}")
        seen.add(s)
        if rec["case"] != case_style(s):
            bad(f"line {ln}: case {rec['case']} != {case_style(s)}")
        if not isinstance(rec["ambiguous"], bool):
            bad(f"line {ln}: ambiguous not bool")
        kinds = set()
        prev_end = 0
        for sp in rec["spans"]:
            if len(sp) != 4:
                bad(f"line {ln}: span shape {sp}"); continue
            a, b, label, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                bad(f"line {ln}: span bounds {sp}"); continue
            if a < prev_end:
                bad(f"line {ln}: spans unsorted/overlapping {sp}")
            prev_end = b
            if s[a:b] != text:
                bad(f"line {ln}: span text {text!r} != {s[a:b]!r}")
            if text != text.strip():
                bad(f"line {ln}: span whitespace {text!r}")
            first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
            if first_tok in TITLES:
                bad(f"line {ln}: title inside span {text!r}")
            if re.search(r"['’]s$", text, re.I):
                bad(f"line {ln}: possessive inside span {text!r}")
            if a > 0 and s[a - 1].isalnum() or b < len(s) and s[b].isalnum():
                bad(f"line {ln}: span cuts a word {text!r}")
            key = fold(text)
            if label == "directory":
                if key not in index:
                    bad(f"line {ln}: directory span not a roster name form {text!r}")
                else:
                    kinds |= index[key]
            elif label == "detector":
                if key in index:
                    bad(f"line {ln}: detector span equals a roster name form {text!r}")
            else:
                bad(f"line {ln}: label {label}")
        # kinds must be sorted, unique, valid, and each attested by some span of the line
        k = rec["kinds"]
        if k != sorted(set(k)) or not set(k) <= {"pupil", "staff", "parent"}:
            bad(f"line {ln}: kinds malformed {k}")
        dir_spans = [sp for sp in rec["spans"] if sp[2] == "directory"]
        if bool(k) != bool(dir_spans):
            bad(f"line {ln}: kinds {k} vs directory spans {len(dir_spans)}")
        if not set(k) <= kinds:
            bad(f"line {ln}: kinds {k} not supported by spans {sorted(kinds)}")
        for sp in dir_spans:
            if not index.get(fold(sp[3]), set()) & set(k):
                bad(f"line {ln}: no listed kind for span {sp[3]!r}")
if n != 600:
    bad(f"test.jsonl has {n} lines (expected 600)")
amb = sum(1 for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") if json.loads(l)["ambiguous"])
if amb > 10:
    bad(f"{amb} ambiguous lines (max 10)")

if problems:
    for p in problems[:200]:
        print(p)
    print(f"FAILED: {len(problems)} problem(s)")
    sys.exit(1)
print(f"OK: roster {len(people)} people, test {n} lines")
