"""Check roster.csv and test.jsonl against the brief's rules. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from common import norm, fold, name_forms, case_of, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = "id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref"
errs = []


def err(msg):
    errs.append(msg)


# roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
    first = f.readline().rstrip("\r\n")
    if first != HEADER:
        err("bad header")
    f.seek(0)
    people = list(csv.DictReader(f))
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")
ids, codes, emails = set(), set(), set()
forms = {}  # norm form -> set of kinds
pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for p in people:
    k = p["kind"]
    if k not in pat or not re.fullmatch(pat[k], p["id"]):
        err(f"bad id/kind {p['id']} {k}")
    if p["id"] in ids:
        err(f"dup id {p['id']}")
    ids.add(p["id"])
    if not p["email"].isascii() or "@" not in p["email"] or p["email"] in emails:
        err(f"bad email {p['email']}")
    emails.add(p["email"])
    for e in filter(None, p["personal_emails"].split(";")):
        if "@" not in e or not e.isascii():
            err(f"bad personal email {e}")
    m = p["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"bad UPN {p['id']} {m}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"bad staff code {p['id']} {m}")
        codes.add(m)
    if k == "parent" and m and not re.fullmatch(r"P\d{4}", m):
        err(f"bad parent mis_ref {p['id']} {m}")
    if not p["first_name"] or not p["last_name"]:
        err(f"missing name {p['id']}")
    for fm in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
        forms.setdefault(fm, set()).add(k)
parent_refs = [p["mis_ref"] for p in people if p["kind"] == "parent" and p["mis_ref"]]
for r in parent_refs:
    if r not in ids:
        err(f"parent mis_ref to unknown {r}")

# test lines
seen = set()
n = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != 600:
    err(f"{len(lines)} lines, expected 600")
amb = 0
for i, line in enumerate(lines, 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err(f"line {i}: bad json {e}"); continue
    if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {i}: keys {sorted(r)}")
        continue
    s = r["subject"]
    if not isinstance(s, str) or not s.strip() or s != s.strip():
        err(f"line {i}: empty/untrimmed subject")
    key = s
    if key in seen:
        err(f"line {i}: duplicate subject {s!r}")
    seen.add(key)
    if "[[" in s or "{{" in s or "]]" in s or "}}" in s:
        err(f"line {i}: leftover markup")
    if not isinstance(r["ambiguous"], bool):
        err(f"line {i}: ambiguous not bool")
    amb += r["ambiguous"]
    if r["case"] != case_of(s):
        err(f"line {i}: case {r['case']} != {case_of(s)}")
    kinds = set()
    prev_end = 0
    for sp in r["spans"]:
        if len(sp) != 4:
            err(f"line {i}: span shape {sp}"); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {i}: bad offsets {sp}"); continue
        if s[a:b] != text:
            err(f"line {i}: span text mismatch {sp}")
        if a < prev_end:
            err(f"line {i}: spans unsorted/overlap")
        prev_end = b
        if text != text.strip() or text.endswith((",", "-", "/")):
            err(f"line {i}: span padded {text!r}")
        words = re.findall(r"[^\W\d_]+", text)
        if words and words[0].casefold().rstrip(".") in TITLES and len(words) > 1:
            err(f"line {i}: title inside span {text!r}")
        if re.search(r"['’]s$", text, re.I) and norm(text) not in forms:
            err(f"line {i}: possessive inside span {text!r}")
        if b < len(s) and (s[b].isalnum()) or a > 0 and s[a - 1].isalnum():
            err(f"line {i}: span cuts a word {text!r}")
        nf = norm(text)
        if lab == "directory":
            if nf not in forms:
                err(f"line {i}: directory span not a roster name form {text!r}")
            else:
                kinds |= forms[nf]
        elif lab == "detector":
            if nf in forms:
                err(f"line {i}: detector span equals roster name form {text!r}")
        else:
            err(f"line {i}: bad label {lab}")
    # declared kinds must be possible for the spans and cover each directory span
    dk = r["kinds"]
    if dk != sorted(set(dk)) or any(k not in ("pupil", "staff", "parent") for k in dk):
        err(f"line {i}: kinds not sorted unique {dk}")
    if not set(dk) <= kinds:
        err(f"line {i}: kinds {dk} not supported by spans {sorted(kinds)}")
    for sp in r["spans"]:
        if sp[2] == "directory" and not (forms.get(norm(sp[3]), set()) & set(dk)):
            err(f"line {i}: span {sp[3]!r} has no kind in {dk}")
    if not any(sp[2] == "directory" for sp in r["spans"]) and dk:
        err(f"line {i}: kinds without directory span")
if amb > 10:
    err(f"{amb} ambiguous lines (>10)")

if errs:
    for e in errs[:60]:
        print(e)
    print(f"{len(errs)} problems")
    sys.exit(1)
print("OK")
