"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, name_forms, case_of, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []
def err(m):
    errs.append(m)

# ---- roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
    r = csv.reader(f)
    header = next(r)
    rows = [dict(zip(HEADER, x)) for x in r]
if header != HEADER:
    err(f"bad header {header}")
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)}")
ids, codes, emails = set(), set(), set()
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
forms = {}
for p in rows:
    if p["kind"] not in pat:
        err(f"bad kind {p}"); continue
    if not re.fullmatch(pat[p["kind"]], p["id"]) or p["id"] in ids:
        err(f"bad/duplicate id {p['id']}")
    ids.add(p["id"])
    if not p["first_name"] or not p["last_name"]:
        err(f"missing name {p['id']}")
    e = p["email"]
    if not e.isascii() or not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", e) or e in emails:
        err(f"bad/duplicate email {p['id']} {e}")
    emails.add(e)
    for pe in filter(None, p["personal_emails"].split(";")):
        if not re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z.]+", pe):
            err(f"bad personal email {p['id']} {pe}")
    m = p["mis_ref"]
    if p["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"bad UPN {p['id']} {m}")
    if p["kind"] == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"bad/duplicate staff code {p['id']} {m}")
        codes.add(m)
    for fm in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
        forms.setdefault(fm, set()).add(p["kind"])

# ---- test set
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if not 500 <= len(lines) <= 600:
    err(f"test.jsonl has {len(lines)} lines")
seen = set()
n_amb = 0
for n, line in enumerate(lines, 1):
    try:
        d = json.loads(line)
    except ValueError:
        err(f"line {n}: bad json"); continue
    if set(d) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {n}: keys {sorted(d)}")
        continue
    s = d["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(f"line {n}: empty/untrimmed subject")
    if s in seen:
        err(f"line {n}: duplicate subject {s!r}")
    seen.add(s)
    if d["case"] != case_of(s):
        err(f"line {n}: case {d['case']} != {case_of(s)}")
    if not isinstance(d["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    n_amb += d["ambiguous"]
    kinds, prev_end = set(), 0
    for sp in d["spans"]:
        if len(sp) != 4:
            err(f"line {n}: bad span {sp}"); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {n}: bad offsets {sp}"); continue
        if s[a:b] != text:
            err(f"line {n}: span text mismatch {sp!r} vs {s[a:b]!r}")
        if a < prev_end:
            err(f"line {n}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip():
            err(f"line {n}: span has outer whitespace {text!r}")
        if (a > 0 and s[a - 1].isalnum()) or (b < len(s) and s[b].isalnum()):
            err(f"line {n}: span not on word boundary {text!r}")
        toks = fold(text).split()
        if toks and toks[0].strip(",") in TITLES:
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I) and fold(text) not in forms:
            err(f"line {n}: possessive inside span {text!r}")
        if lab == "directory":
            ks = forms.get(fold(text))
            if not ks:
                err(f"line {n}: directory span not a roster name form {text!r}")
            else:
                kinds |= ks
        elif lab == "detector":
            if fold(text) in forms:
                err(f"line {n}: detector span equals a roster name form {text!r}")
        else:
            err(f"line {n}: bad label {lab}")
    k = d["kinds"]
    if k != sorted(set(k)) or not set(k) <= {"pupil", "staff", "parent"}:
        err(f"line {n}: kinds not sorted unique {k}")
    if set(k) - kinds:
        err(f"line {n}: kinds {k} not supported by spans (possible {sorted(kinds)})")
    has_dir = any(sp[2] == "directory" for sp in d["spans"])
    if has_dir != bool(k):
        err(f"line {n}: kinds empty/non-empty mismatch with directory spans")
    # every directory span must be explained by some listed kind
    for sp in d["spans"]:
        if sp[2] == "directory" and forms.get(fold(sp[3])) and not (forms[fold(sp[3])] & set(k)):
            err(f"line {n}: directory span {sp[3]!r} has no matching kind in {k}")
if n_amb > 10:
    err(f"too many ambiguous lines: {n_amb}")

if errs:
    print("\n".join(errs[:200]))
    print(f"{len(errs)} problem(s)")
    sys.exit(1)
print("OK")
