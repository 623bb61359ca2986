"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from common import norm, case_of, TITLES, load_roster

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
errs = []
def err(m):
    errs.append(m)

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as f:
    hdr = next(csv.reader(f))
if hdr != HEADER:
    err(f"bad header {hdr}")
rows, index = load_roster(os.path.join(ROOT, "roster.csv"))
if not 450 <= len(rows) <= 650:
    err(f"roster size {len(rows)}")
ids, codes, emails = set(), set(), set()
IDRE = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in rows:
    k = r["kind"]
    if k not in IDRE:
        err(f"bad kind {r}"); continue
    if not re.fullmatch(IDRE[k], r["id"]) or r["id"] in ids:
        err(f"bad/duplicate id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err(f"missing name {r['id']}")
    e = r["email"]
    if not e.isascii() or not re.fullmatch(r"[a-z0-9.\-_']+@[a-z0-9.\-]+\.[a-z]+", e) or e in emails:
        err(f"bad email {r['id']} {e}")
    emails.add(e)
    for pe in filter(None, r["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            err(f"bad personal email {r['id']}")
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"bad UPN {r['id']} {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"bad staff code {r['id']} {m}")
        codes.add(m)
    if k == "parent" and m and m not in {x["id"] for x in rows}:
        err(f"parent mis_ref not an id {r['id']}")

lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"{len(lines)} lines, want 600")
subjects = set()
namb = 0
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except Exception as ex:
        err(f"line {n}: bad json {ex}"); continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {n}: keys {sorted(o)}")
        continue
    s = o["subject"]
    if s in subjects:
        err(f"line {n}: duplicate subject")
    subjects.add(s)
    if "[[" in s or "{{" in s or "]]" in s or "}}" in s or s != s.strip() or not s:
        err(f"line {n}: leftover markup/whitespace")
    if o["case"] != case_of(s):
        err(f"line {n}: case {o['case']} != {case_of(s)}")
    if not isinstance(o["ambiguous"], bool):
        err(f"line {n}: ambiguous not bool")
    namb += o["ambiguous"]
    prev_end = -1
    possible = []
    for sp in o["spans"]:
        if len(sp) != 4:
            err(f"line {n}: span shape"); continue
        a, b, lab, t = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)) or s[a:b] != t:
            err(f"line {n}: span {sp} does not index"); continue
        if a < prev_end:
            err(f"line {n}: spans unsorted/overlapping")
        prev_end = b
        if t != t.strip() or t[-1] in ".;:-/&" and not re.search(r"\b[A-Z]\.$", t):
            err(f"line {n}: span edge {t!r}")
        words = re.findall(r"[^\W\d_]+", t)
        if words and words[0].lower() in TITLES:
            err(f"line {n}: title inside span {t!r}")
        if re.search(r"['’][sS]$", t) or (b < len(s) and s[b].isalnum()) or (a > 0 and s[a - 1].isalnum()):
            err(f"line {n}: possessive/partial word in span {t!r}")
        if lab == "directory":
            ks = index.get(norm(t))
            if not ks:
                err(f"line {n}: directory span not a roster name form {t!r}")
            else:
                possible.append(ks)
        elif lab == "detector":
            if norm(t) in index:
                err(f"line {n}: detector span equals roster name form {t!r}")
        else:
            err(f"line {n}: bad label {lab}")
    kinds = o["kinds"]
    if kinds != sorted(set(kinds)) or any(k not in ("pupil", "staff", "parent") for k in kinds):
        err(f"line {n}: kinds malformed {kinds}")
    if not possible and kinds:
        err(f"line {n}: kinds without directory spans")
    for ks in possible:
        if not ks & set(kinds):
            err(f"line {n}: span kinds {ks} not in kinds {kinds}")
    if possible and not set(kinds) <= set().union(*possible):
        err(f"line {n}: kinds {kinds} not supported by spans")
if namb > 10:
    err(f"{namb} ambiguous lines (>10)")

if errs:
    print("\n".join(errs[:60]))
    print(f"FAIL ({len(errs)} problems)")
    sys.exit(1)
print("OK")
