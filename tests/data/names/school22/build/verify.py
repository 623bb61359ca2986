"""Check roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, HEADER, TITLES, fold, form_index, case_style, name_forms

errs = []
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    if header != HEADER:
        errs.append(f"bad header {header}")
    rows = [dict(zip(header, r)) for r in rd]
if not 450 <= len(rows) <= 650:
    errs.append(f"roster size {len(rows)}")
ids, codes, emails = set(), set(), set()
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in rows:
    k = r["kind"]
    if k not in pat:
        errs.append(f"bad kind {r}"); continue
    if not re.fullmatch(pat[k], r["id"]) or r["id"] in ids:
        errs.append(f"bad/dup id {r['id']}")
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
    if k == "parent" and m and not re.fullmatch(r"P\d{4}", m):
        errs.append(f"bad parent mis_ref {r['id']} {m}")
idx = form_index(rows)

lines = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
subjects = set()
KEYS = {"subject", "spans", "case", "kinds", "ambiguous"}
for n, o in enumerate(lines, 1):
    s = o.get("subject", "")
    where = f"line {n}: {s!r}"
    if set(o) != KEYS:
        errs.append(f"{where} keys {sorted(o)}")
    if s in subjects:
        errs.append(f"{where} duplicate subject")
    subjects.add(s)
    prev_end, kinds_seen = 0, set()
    for sp in o["spans"]:
        a, b, label, text = sp
        if s[a:b] != text:
            errs.append(f"{where} span {sp} does not index")
        if a < prev_end or a >= b:
            errs.append(f"{where} spans unsorted/overlapping {sp}")
        prev_end = b
        if text != text.strip():
            errs.append(f"{where} span whitespace {sp}")
        first = re.split(r"[\s.]+", text)[0].casefold()
        if first in TITLES and len(text.split()) > 1:
            errs.append(f"{where} title inside span {sp}")
        if re.search(r"['’]s$", text) or re.search(r"s['’]$", text):
            errs.append(f"{where} possessive inside span {sp}")
        f = fold(text)
        if label == "directory":
            if f not in idx:
                errs.append(f"{where} directory span not a roster name form {sp}")
            else:
                kinds_seen |= idx[f]
        elif label == "detector":
            if f in idx:
                errs.append(f"{where} detector span equals a roster name form {sp}")
        else:
            errs.append(f"{where} bad label {sp}")
    if not set(o["kinds"]) <= kinds_seen or o["kinds"] != sorted(set(o["kinds"])):
        errs.append(f"{where} kinds {o['kinds']} not supported by spans {sorted(kinds_seen)}")
    if bool(o["kinds"]) != any(sp[2] == "directory" for sp in o["spans"]):
        errs.append(f"{where} kinds empty/non-empty mismatch")
    if o["case"] != case_style(s):
        errs.append(f"{where} case {o['case']} != {case_style(s)}")
    if not isinstance(o["ambiguous"], bool):
        errs.append(f"{where} ambiguous not bool")
if len(lines) != 600:
    errs.append(f"test.jsonl has {len(lines)} lines, expected 600")
if sum(o["ambiguous"] for o in lines) > 10:
    errs.append("too many ambiguous lines")
if errs:
    print("\n".join(errs[:200]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print(f"OK ({len(rows)} people, {len(lines)} lines)")
