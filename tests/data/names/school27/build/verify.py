"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from names import name_forms, norm, case_of, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
def err(m):
    errs.append(m)

# ---------- roster ----------
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
    rd = csv.reader(f)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    err(f"roster header {header}")
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)}")
ids = Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1:
        err(f"duplicate id {i}")
PREFIX = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
pupil_ids = {r["id"] for r in rows if r["kind"] == "pupil"}
emails, codes, fulls = Counter(), Counter(), Counter()
EMAIL = re.compile(r"^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$")
forms_by_kind = {}
for r in rows:
    k = r["kind"]
    if k not in PREFIX:
        err(f"{r['id']}: bad kind {k}"); continue
    if not re.fullmatch(PREFIX[k], r["id"]):
        err(f"{r['id']}: id does not fit kind {k}")
    if not r["first_name"] or not r["last_name"]:
        err(f"{r['id']}: missing name")
    if r["preferred_name"] == r["first_name"]:
        err(f"{r['id']}: preferred_name equals first_name")
    if not r["email"].isascii() or not EMAIL.match(r["email"]):
        err(f"{r['id']}: bad email {r['email']}")
    emails[r["email"]] += 1
    for pe in filter(None, r["personal_emails"].split(";")):
        if not EMAIL.match(pe) or not pe.isascii():
            err(f"{r['id']}: bad personal email {pe}")
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"{r['id']}: bad UPN {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m):
            err(f"{r['id']}: bad staff code {m}")
        codes[m] += 1
    if k == "parent" and m and m not in pupil_ids:
        err(f"{r['id']}: mis_ref {m} is not a pupil id")
    fulls[(norm(r["first_name"]), norm(r["last_name"]))] += 1
    for form in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        forms_by_kind.setdefault(form, set()).add(k)
for e, c in emails.items():
    if c > 1: err(f"duplicate email {e}")
for e, c in codes.items():
    if c > 1: err(f"duplicate staff code {e}")
for e, c in fulls.items():
    if c > 1: err(f"duplicate full name {e}")
for code in codes:
    if norm(code) in forms_by_kind:
        err(f"staff code {code} is also a name form")

# ---------- test set ----------
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
recs = []
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            recs.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            err(f"line {n}: bad json {e}")
if len(recs) != 600:
    err(f"test.jsonl has {len(recs)} lines, expected 600")
seen = Counter()
amb = 0
for n, r in recs:
    where = f"line {n}"
    if set(r) != KEYS:
        err(f"{where}: keys {sorted(r)}"); continue
    s = r["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(f"{where}: bad subject")
    seen[s.casefold()] += 1
    if r["case"] != case_of(s):
        err(f"{where}: case {r['case']} != {case_of(s)}")
    if not isinstance(r["ambiguous"], bool):
        err(f"{where}: ambiguous not bool")
    amb += r["ambiguous"]
    prev_end = 0
    possible = []
    for sp in r["spans"]:
        if len(sp) != 4:
            err(f"{where}: span {sp}"); continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"{where}: bad offsets {sp}"); continue
        if s[a:b] != text:
            err(f"{where}: span text {text!r} != {s[a:b]!r}")
        if a < prev_end:
            err(f"{where}: spans unsorted/overlapping")
        prev_end = b
        if label not in ("directory", "detector"):
            err(f"{where}: bad label {label}")
        if text != text.strip() or text[-1] in ".,;:-/&+" or text[0] in ".,;:-/&+'":
            err(f"{where}: span has stray punctuation/space {text!r}")
        if (a > 0 and (s[a-1].isalnum())) or (b < len(s) and s[b].isalnum()):
            err(f"{where}: span not on word boundary {text!r}")
        toks = re.split(r"[\s.]+", text.strip())
        if toks[0].lower().rstrip(".") in TITLES:
            err(f"{where}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I):
            err(f"{where}: possessive inside span {text!r}")
        key = norm(text)
        if label == "directory":
            ks = forms_by_kind.get(key)
            if not ks:
                err(f"{where}: directory span {text!r} is not a roster name form")
            else:
                possible.append(ks)
        elif label == "detector" and key in forms_by_kind:
            err(f"{where}: detector span {text!r} equals a roster name form")
    kinds = r["kinds"]
    if kinds != sorted(set(kinds)) or any(k not in PREFIX for k in kinds):
        err(f"{where}: kinds not sorted unique/valid {kinds}")
    if not possible and kinds:
        err(f"{where}: kinds without directory spans")
    if possible:
        if any(not (ks & set(kinds)) for ks in possible):
            err(f"{where}: a directory span's kind missing from kinds {kinds}")
        if any(not any(k in ks for ks in possible) for k in kinds):
            err(f"{where}: kind in kinds not supported by any span {kinds}")
    if r["ambiguous"] and r["spans"]:
        pass  # allowed, but this set leaves ambiguous lines unspanned
for s, c in seen.items():
    if c > 1:
        err(f"duplicate subject {s!r}")
if amb > 10:
    err(f"{amb} ambiguous lines (> 10)")

if errs:
    print("\n".join(errs[:100]))
    print(f"FAILED: {len(errs)} problem(s)")
    sys.exit(1)
print(f"OK ({len(rows)} people, {len(recs)} lines)")
