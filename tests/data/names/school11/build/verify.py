"""Recheck every invariant of test.jsonl and roster.csv; prints OK or the failures."""
import collections, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, norm, forms, basic_forms, load_roster
from casing import case_of

HEADER = "id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref"
TITLES = {"mr", "mrs", "ms", "miss", "dr", "fr", "sr", "sir", "pcso", "cllr", "prof", "canon", "mx"}
errs = []


def err(msg):
    errs.append(msg)


# roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
    if fh.readline().strip() != HEADER:
        err("roster header mismatch")
roster = load_roster()
kinds_count = collections.Counter(r["kind"] for r in roster)
if not 380 <= len(roster) <= 460:
    err(f"roster size {len(roster)}")
ids, emails = set(), set()
for r in roster:
    k = r["kind"]
    if k not in ("pupil", "staff", "parent"):
        err(f"bad kind {r}")
    if r["id"] in ids:
        err(f"dup id {r['id']}")
    ids.add(r["id"])
    e = r["email"]
    if not e.isascii() or e in emails:
        err(f"bad/dup email {e}")
    emails.add(e)
    for pe in filter(None, r["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            err(f"bad personal email {pe}")
    if k == "pupil":
        if not re.fullmatch(r"P\d{4}", r["id"]) or not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
            err(f"bad pupil row {r['id']}")
        if not re.fullmatch(r"\d\d[a-z][a-z0-9]+@pupils\.stbernadettes-liv\.org\.uk", e):
            err(f"bad pupil email {e}")
    elif k == "staff":
        if not re.fullmatch(r"S\d{3}", r["id"]) or not re.fullmatch(r"[A-Z0-9]{3}", r["mis_ref"]):
            err(f"bad staff row {r['id']}")
        if not re.fullmatch(r"[a-z][a-z0-9]+@stbernadettes-liv\.org\.uk", e):
            err(f"bad staff email {e}")
    else:
        if not re.fullmatch(r"G\d{3}", r["id"]) or r["mis_ref"]:
            err(f"bad parent row {r['id']}")
codes = [r["mis_ref"] for r in roster if r["kind"] == "staff"]
if len(codes) != len(set(codes)):
    err("duplicate staff codes")
npref = sum(1 for r in roster if r["preferred_name"])
if not 20 <= npref <= 40:
    err(f"preferred names {npref}")

person_forms = [(r["kind"], forms(r["first_name"], r["preferred_name"], r["last_name"])) for r in roster]
every = set().union(*(f for _, f in person_forms))
basic = set().union(*(basic_forms(r["first_name"], r["preferred_name"], r["last_name"]) for r in roster))

# test set
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"{len(lines)} lines, expected 600")
seen = set()
n_amb = 0
for i, line in enumerate(lines, 1):
    r = json.loads(line)
    if list(r) != ["subject", "spans", "case", "kinds", "ambiguous"]:
        err(f"{i}: key order {list(r)}")
        continue
    s = r["subject"]
    if s in seen:
        err(f"{i}: duplicate subject")
    seen.add(s)
    n_amb += bool(r["ambiguous"])
    prev_end = -1
    kinds_needed = set()
    for sp in r["spans"]:
        a, b, src, text = sp
        if s[a:b] != text:
            err(f"{i}: offset mismatch {sp}")
        if a < prev_end or a >= b:
            err(f"{i}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip() or text.endswith("'s") or norm(text).split(" ")[0].rstrip(".") in TITLES:
            err(f"{i}: span boundary {text!r}")
        n = norm(text)
        if src == "directory":
            ks = {k for k, f in person_forms if n in f}
            if not ks:
                err(f"{i}: directory span {text!r} not on roster")
            elif not ks & set(r["kinds"]):
                err(f"{i}: directory span {text!r} kind not in {r['kinds']}")
            kinds_needed |= ks
        elif src == "detector":
            if n in every or n in basic:
                err(f"{i}: detector span {text!r} equals a roster name form")
        else:
            err(f"{i}: bad source {src}")
    if r["kinds"] != sorted(set(r["kinds"])) or not set(r["kinds"]) <= kinds_needed:
        err(f"{i}: kinds {r['kinds']} inconsistent")
    if bool(r["kinds"]) != any(sp[2] == "directory" for sp in r["spans"]):
        err(f"{i}: kinds present without directory spans (or vice versa)")
    if case_of(s, r["spans"]) != r["case"]:
        err(f"{i}: case {r['case']} != {case_of(s, r['spans'])}")
if not 5 <= n_amb <= 10:
    err(f"ambiguous count {n_amb}")

if errs:
    print("\n".join(errs[:50]))
    print(f"FAILED: {len(errs)} problems")
    sys.exit(1)
print("OK")
