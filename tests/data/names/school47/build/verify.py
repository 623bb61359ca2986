"""Verify roster.csv and test.jsonl against the brief's rules (stdlib only). Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fold, name_forms, case_style, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []


def err(m):
    errs.append(m)


# ---- roster ----
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
if rows[0] != HEADER:
    err("bad header")
people = [dict(zip(HEADER, r)) for r in rows[1:]]
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")
ids = set()
staff_codes = set()
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for p in people:
    if p["id"] in ids:
        err(f"dup id {p['id']}")
    ids.add(p["id"])
    if p["kind"] not in pat or not re.fullmatch(pat[p["kind"]], p["id"]):
        err(f"bad id/kind {p['id']} {p['kind']}")
    if not p["email"].isascii() or "@" not in p["email"]:
        err(f"bad email {p['id']}")
    for pe in filter(None, p["personal_emails"].split(";")):
        if "@" not in pe or not pe.isascii():
            err(f"bad personal email {p['id']}")
    if p["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
        err(f"bad UPN {p['id']}")
    if p["kind"] == "staff":
        if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]) or p["mis_ref"] in staff_codes:
            err(f"bad staff code {p['id']}")
        staff_codes.add(p["mis_ref"])
    if p["kind"] == "parent" and p["mis_ref"] and not re.fullmatch(r"[PSG]\d{3,4}", p["mis_ref"]):
        err(f"bad parent ref {p['id']}")
emails = [p["email"] for p in people]
if len(set(emails)) != len(emails):
    err("duplicate emails")

forms_by_kind = {"pupil": set(), "staff": set(), "parent": set()}
for p in people:
    forms_by_kind[p["kind"]] |= name_forms(p["first_name"], p["preferred_name"], p["last_name"])
all_forms = set().union(*forms_by_kind.values())

# ---- test ----
recs = []
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            recs.append((n, json.loads(line)))
        except Exception as e:
            err(f"line {n}: bad json {e}")
if len(recs) != 600:
    err(f"{len(recs)} lines, expected 600")
subjects = set()
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
for n, r in recs:
    if set(r) != KEYS:
        err(f"line {n}: keys {sorted(r)}")
        continue
    s = r["subject"]
    if s in subjects:
        err(f"line {n}: duplicate subject")
    subjects.add(s)
    if r["case"] != case_style(s):
        err(f"line {n}: case {r['case']} != {case_style(s)}")
    prev_end = -1
    kinds = set()
    for sp in r["spans"]:
        if len(sp) != 4:
            err(f"line {n}: span shape")
            continue
        a, b, lab, text = sp
        if s[a:b] != text:
            err(f"line {n}: span text mismatch {sp}")
        if a < prev_end:
            err(f"line {n}: spans unsorted/overlap")
        prev_end = b
        if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum():
            err(f"line {n}: span not on word boundary {text!r}")
        first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
        if first_tok in TITLES or first_tok == "revd":
            err(f"line {n}: title inside span {text!r}")
        if re.search(r"['’]s?$", text):
            err(f"line {n}: possessive inside span {text!r}")
        if text != text.strip():
            err(f"line {n}: whitespace at span edge {text!r}")
        ft = fold(text)
        if lab == "directory":
            matched = [k for k, fs in forms_by_kind.items() if ft in fs]
            if not matched:
                err(f"line {n}: directory span not a roster name form {text!r}")
            kinds.update(matched)
        elif lab == "detector":
            if ft in all_forms:
                err(f"line {n}: detector span equals roster name form {text!r}")
        else:
            err(f"line {n}: bad label {lab}")
    if not set(r["kinds"]) <= kinds or r["kinds"] != sorted(set(r["kinds"])):
        err(f"line {n}: kinds {r['kinds']} not supported by spans ({sorted(kinds)})")
    if any(sp[2] == "directory" for sp in r["spans"]) and not r["kinds"]:
        err(f"line {n}: directory span but empty kinds")
    if not any(sp[2] == "directory" for sp in r["spans"]) and r["kinds"]:
        err(f"line {n}: kinds without directory span")
    if not isinstance(r["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
if sum(1 for _, r in recs if r["ambiguous"]) > 10:
    err("too many ambiguous lines")

if errs:
    print("\n".join(errs))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print(f"OK: roster {len(people)} people, test {len(recs)} lines")
