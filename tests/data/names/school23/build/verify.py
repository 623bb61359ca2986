"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, norm, load_roster, form_index, case_style

errs = []
def err(m):
    errs.append(m)

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.reader(fh))
if rows[0] != HEADER:
    err("bad roster header")
roster = load_roster()
if not 450 <= len(roster) <= 650:
    err("roster size %d" % len(roster))
ids, emails, codes = set(), set(), set()
prefix = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
for r in roster:
    if r["kind"] not in prefix: err("bad kind " + r["id"]); continue
    if not re.fullmatch(prefix[r["kind"]], r["id"]): err("bad id " + r["id"])
    if r["id"] in ids: err("dup id " + r["id"])
    ids.add(r["id"])
    if not r["first_name"] or not r["last_name"]: err("missing name " + r["id"])
    e = r["email"]
    if not e.isascii() or not re.fullmatch(r"[A-Za-z0-9._'+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", e): err("bad email " + r["id"])
    if e in emails: err("dup email " + e)
    emails.add(e)
    for pe in filter(None, r["personal_emails"].split(";")):
        if not re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}", pe): err("bad personal email " + r["id"])
    m = r["mis_ref"]
    if r["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", m): err("bad UPN " + r["id"])
    if r["kind"] == "staff":
        if not re.fullmatch(r"[A-Z]{3}", m): err("bad staff code " + r["id"])
        if m in codes: err("dup staff code " + m)
        codes.add(m)
idx = form_index(roster)

lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err("test.jsonl has %d lines (want 600)" % len(lines))
subjects, namb = set(), 0
POSS = re.compile(r"['’]s?$")
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except Exception:
        err("line %d: bad json" % n); continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}: err("line %d: keys" % n); continue
    s = o["subject"]
    if s in subjects: err("line %d: duplicate subject" % n)
    subjects.add(s)
    if s != s.strip() or not s: err("line %d: whitespace" % n)
    if o["case"] != case_style(s): err("line %d: case %s != %s" % (n, o["case"], case_style(s)))
    if not isinstance(o["ambiguous"], bool): err("line %d: ambiguous not bool" % n)
    namb += o["ambiguous"]
    prev_end, possible = 0, []
    for sp in o["spans"]:
        if len(sp) != 4: err("line %d: span shape" % n); continue
        a, b, lab, t = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)): err("line %d: offsets" % n); continue
        if s[a:b] != t: err("line %d: text mismatch %r" % (n, t))
        if a < prev_end: err("line %d: unsorted/overlap" % n)
        prev_end = b
        if t != t.strip() or t.endswith(","): err("line %d: span whitespace %r" % (n, t))
        w = t.split()
        if w[0].lower().rstrip(".") in TITLES: err("line %d: title in span %r" % (n, t))
        if POSS.search(t): err("line %d: possessive in span %r" % (n, t))
        if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum(): err("line %d: span cuts a word %r" % (n, t))
        if lab == "directory":
            k = idx.get(norm(t))
            if not k: err("line %d: %r is not a roster name form" % (n, t))
            possible.append(k or set())
        elif lab == "detector":
            if norm(t) in idx: err("line %d: detector %r equals a roster name form" % (n, t))
        else:
            err("line %d: bad label %r" % (n, lab))
    kinds = o["kinds"]
    if kinds != sorted(set(kinds)): err("line %d: kinds not sorted unique" % n)
    # every directory span must be explained by a listed kind, every listed kind by a span
    for k in possible:
        if not (k & set(kinds)): err("line %d: span kind not in kinds %s" % (n, kinds))
    for k in kinds:
        if not any(k in p for p in possible): err("line %d: kind %s not supported by spans" % (n, k))
    if not possible and kinds: err("line %d: kinds without directory spans" % n)
if namb > 10:
    err("too many ambiguous lines: %d" % namb)
if errs:
    print("\n".join(errs[:80])); print("%d problems" % len(errs)); sys.exit(1)
print("OK")
