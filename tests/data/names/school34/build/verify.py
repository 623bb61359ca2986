"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, classify_case, form_index, norm, load_roster

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errs = []
def err(m):
    errs.append(m)

# ---- roster
with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = list(rd)
if header != HEADER:
    err(f"bad header {header}")
roster = load_roster()
if not 450 <= len(roster) <= 650:
    err(f"roster size {len(roster)}")
ids, codes, mails = set(), set(), set()
pref = {"pupil": ("P", 4), "staff": ("S", 3), "parent": ("G", 3)}
counters = Counter()
for r in roster:
    k = r["kind"]
    if k not in pref:
        err(f"bad kind {r}"); continue
    counters[k] += 1
    p, n = pref[k]
    if r["id"] != f"{p}{counters[k]:0{n}d}":
        err(f"bad/unsequential id {r['id']}")
    if r["id"] in ids:
        err(f"dup id {r['id']}")
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]:
        err(f"missing name {r['id']}")
    if not r["email"].isascii() or "@" not in r["email"]:
        err(f"bad email {r['id']}")
    if r["email"] in mails:
        err(f"dup email {r['email']}")
    mails.add(r["email"])
    for pe in filter(None, r["personal_emails"].split(";")):
        if "@" not in pe or not pe.isascii():
            err(f"bad personal email {r['id']}")
    m = r["mis_ref"]
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m):
        err(f"bad UPN {r['id']}")
    if k == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m) or m in codes:
            err(f"bad/dup staff code {r['id']}")
        codes.add(m)
for r in roster:
    if r["kind"] == "parent" and r["mis_ref"] and r["mis_ref"] not in ids:
        err(f"parent ref {r['id']}")
idx = form_index(roster)

# ---- tests
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    lines = fh.read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, need 600")
seen = set()
stats = Counter()
for ln, raw in enumerate(lines, 1):
    try:
        d = json.loads(raw)
    except Exception as e:
        err(f"{ln}: bad json {e}"); continue
    if set(d) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"{ln}: keys {sorted(d)}")
    s = d["subject"]
    if s in seen:
        err(f"{ln}: duplicate subject {s!r}")
    seen.add(s)
    if s != s.strip() or not s:
        err(f"{ln}: whitespace/empty subject")
    if d["case"] != classify_case(s):
        err(f"{ln}: case {d['case']} != {classify_case(s)}: {s}")
    if not isinstance(d["ambiguous"], bool):
        err(f"{ln}: ambiguous not bool")
    kinds, prev_end = set(), -1
    for sp in d["spans"]:
        if len(sp) != 4:
            err(f"{ln}: span shape {sp}"); continue
        a, b, lab, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"{ln}: span bounds {sp}"); continue
        if s[a:b] != text:
            err(f"{ln}: span text mismatch {sp} vs {s[a:b]!r}")
        if a < prev_end:
            err(f"{ln}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip():
            err(f"{ln}: span whitespace {text!r}")
        if re.search(r"['’]s$", text, re.I) or text.endswith("'"):
            err(f"{ln}: possessive inside span {text!r}")
        if s[b:b + 1].isalnum() or (a > 0 and s[a - 1].isalnum()):
            err(f"{ln}: span cuts a word {text!r} in {s!r}")
        first = re.split(r"[\s.]+", text.strip())[0].lower()
        if first in TITLES:
            err(f"{ln}: title inside span {text!r}")
        n = norm(text)
        if lab == "directory":
            if n not in idx:
                err(f"{ln}: directory span not a roster name form {text!r}")
            stats["directory"] += 1
        elif lab == "detector":
            if n in idx:
                err(f"{ln}: detector span equals roster name form {text!r}")
            stats["detector"] += 1
        else:
            err(f"{ln}: bad label {lab}")
    for k in d["kinds"]:
        if k not in ("pupil", "staff", "parent"):
            err(f"{ln}: bad kind {k}")
    if d["kinds"] != sorted(set(d["kinds"])):
        err(f"{ln}: kinds not sorted unique")
    dir_spans = [sp for sp in d["spans"] if sp[2] == "directory"]
    if bool(dir_spans) != bool(d["kinds"]):
        err(f"{ln}: kinds vs directory spans mismatch")
    for sp in dir_spans:
        poss = idx.get(norm(sp[3]), set())
        if poss and not poss & set(d["kinds"]):
            err(f"{ln}: span {sp[3]!r} cannot be any of kinds {d['kinds']}")
    for k in d["kinds"]:
        if not any(k in idx.get(norm(sp[3]), set()) for sp in dir_spans):
            err(f"{ln}: kind {k} has no matching span")
if sum(1 for l in lines if json.loads(l)["ambiguous"]) > 10:
    err("more than 10 ambiguous lines")

if errs:
    print("\n".join(errs[:200]))
    print(f"{len(errs)} problem(s)")
    sys.exit(1)
print("OK")
