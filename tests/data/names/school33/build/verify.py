"""Check roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from names import fold, name_forms, classify_case, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []

with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.reader(fh))
if rows[0] != HEADER:
    errs.append("bad header")
people = [dict(zip(HEADER, r)) for r in rows[1:]]
if not 450 <= len(people) <= 650:
    errs.append(f"roster size {len(people)}")
ids, codes = set(), set()
forms_by_kind = {"pupil": set(), "staff": set(), "parent": set()}
pupil_ids = set()
for p in people:
    pid, kind = p["id"], p["kind"]
    if pid in ids:
        errs.append(f"dup id {pid}")
    ids.add(pid)
    pref = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}.get(kind)
    if pref is None or not re.fullmatch(pref, pid):
        errs.append(f"bad id/kind {pid} {kind}")
        continue
    if not p["email"] or not p["email"].isascii() or "@" not in p["email"]:
        errs.append(f"bad email {pid}")
    for e in filter(None, p["personal_emails"].split(";")):
        if "@" not in e or not e.isascii():
            errs.append(f"bad personal email {pid}")
    if kind == "pupil":
        pupil_ids.add(pid)
        if not re.fullmatch(r"[A-Z]\d{12}", p["mis_ref"]):
            errs.append(f"bad UPN {pid}")
    elif kind == "staff":
        if not re.fullmatch(r"[A-Z]{3}", p["mis_ref"]) or p["mis_ref"] in codes:
            errs.append(f"bad staff code {pid}")
        codes.add(p["mis_ref"])
    forms_by_kind[kind] |= name_forms(p["first_name"], p["preferred_name"], p["last_name"])
for p in people:
    if p["kind"] == "parent" and p["mis_ref"] and p["mis_ref"] not in pupil_ids:
        errs.append(f"parent mis_ref not a pupil id {p['id']}")
all_forms = set().union(*forms_by_kind.values())

lines = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
if len(lines) != 600:
    errs.append(f"test.jsonl has {len(lines)} lines, want 600")
seen = set()
stats = Counter()
for n, r in enumerate(lines, 1):
    s = r["subject"]
    if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        errs.append(f"{n}: keys")
    if s in seen:
        errs.append(f"{n}: duplicate subject {s!r}")
    seen.add(s)
    if r["case"] != classify_case(s):
        errs.append(f"{n}: case {r['case']} != {classify_case(s)}")
    prev_end = -1
    kinds = set()
    for sp in r["spans"]:
        a, b, label, text = sp
        if s[a:b] != text:
            errs.append(f"{n}: span text mismatch {sp}")
        if a < prev_end:
            errs.append(f"{n}: overlap/unsorted {sp}")
        prev_end = b
        if text != text.strip() or not text:
            errs.append(f"{n}: whitespace in span {sp}")
        first_tok = text.split()[0].lower()
        if first_tok in TITLES:
            errs.append(f"{n}: title inside span {sp}")
        if re.search(r"['’]s$", text) or s[b:b + 1].isalnum() or (a > 0 and s[a - 1].isalnum()):
            errs.append(f"{n}: possessive or partial word in span {sp}")
        f = fold(text)
        if label == "directory":
            hit = [k for k, fs in forms_by_kind.items() if f in fs]
            if not hit:
                errs.append(f"{n}: directory span not a roster name form {text!r}")
            kinds.update(hit)
        elif label == "detector":
            if f in all_forms:
                errs.append(f"{n}: detector span equals a roster name form {text!r}")
        else:
            errs.append(f"{n}: bad label {label}")
    if not set(r["kinds"]) <= kinds or r["kinds"] != sorted(set(r["kinds"])):
        errs.append(f"{n}: kinds {r['kinds']} not supported by spans ({sorted(kinds)})")
    if bool(r["kinds"]) != any(sp[2] == "directory" for sp in r["spans"]):
        errs.append(f"{n}: kinds/directory mismatch")

if errs:
    print("\n".join(errs[:80]))
    print(f"FAIL ({len(errs)} problems)")
    sys.exit(1)
print("OK")
