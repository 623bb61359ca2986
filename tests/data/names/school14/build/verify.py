"""Re-check every invariant of roster.csv and test.jsonl. Prints OK or the problems."""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fold, load_roster, name_forms, compute_case

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "pcso", "cllr", "councillor", "coach", "dc", "pc", "prof", "mx"}
problems = []


def bad(msg):
    problems.append(msg)


# roster
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    raw = list(rd)
if header != HEADER:
    bad(f"roster header {header}")
roster = load_roster()
ids, emails, codes = set(), set(), set()
counts = {"pupil": 0, "staff": 0, "parent": 0}
for r in roster:
    k = r["kind"]
    if k not in counts:
        bad(f"bad kind {r}")
        continue
    counts[k] += 1
    if r["id"] in ids:
        bad(f"duplicate id {r['id']}")
    ids.add(r["id"])
    e = r["email"]
    if not e.isascii() or e in emails or not re.fullmatch(r"[a-z0-9.\-_]+@[a-z0-9.\-]+\.[a-z]+", e):
        bad(f"bad/duplicate email {e}")
    emails.add(e)
    for pe in filter(None, r["personal_emails"].split(";")):
        if not pe.isascii() or "@" not in pe:
            bad(f"bad personal email {pe}")
    if k == "pupil":
        if not re.fullmatch(r"P\d{4}", r["id"]) or not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
            bad(f"pupil id/mis_ref {r['id']} {r['mis_ref']}")
        if not re.fullmatch(r"\d\d[a-z][a-z0-9]+@students\.deptfordparkgirls\.org\.uk", e):
            bad(f"pupil email {e}")
    elif k == "staff":
        if not re.fullmatch(r"S\d{3}", r["id"]) or not re.fullmatch(r"[A-Z]{3}", r["mis_ref"]) or r["mis_ref"] in codes:
            bad(f"staff id/mis_ref {r['id']} {r['mis_ref']}")
        codes.add(r["mis_ref"])
        if not e.endswith("@deptfordparkgirls.org.uk"):
            bad(f"staff email {e}")
    else:
        if not re.fullmatch(r"G\d{3}", r["id"]) or r["mis_ref"]:
            bad(f"parent id/mis_ref {r['id']}")
        if "deptfordparkgirls" in e:
            bad(f"parent with school email {e}")
if not (440 <= len(roster) <= 520):
    bad(f"roster size {len(roster)}")

forms_by_kind = {k: set() for k in counts}
every = set()
for r in roster:
    f = name_forms(r)
    forms_by_kind[r["kind"]] |= f
    every |= f

# test set
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    bad(f"{len(lines)} lines, expected 600")
subjects = set()
n_amb = 0
for i, ln in enumerate(lines, 1):
    d = json.loads(ln)
    if list(d) != ["subject", "spans", "case", "kinds", "ambiguous"]:
        bad(f"line {i}: keys {list(d)}")
        continue
    s = d["subject"]
    if not isinstance(s, str) or not s.strip():
        bad(f"line {i}: empty subject")
    if s in subjects:
        bad(f"line {i}: duplicate subject")
    subjects.add(s)
    if not isinstance(d["ambiguous"], bool):
        bad(f"line {i}: ambiguous not bool")
    n_amb += d["ambiguous"]
    prev_end = -1
    kinds_hit = set()
    dir_spans = []
    for sp in d["spans"]:
        if len(sp) != 4:
            bad(f"line {i}: span shape {sp}")
            continue
        a, b, t, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            bad(f"line {i}: offsets {sp}")
            continue
        if s[a:b] != text:
            bad(f"line {i}: subject[{a}:{b}]={s[a:b]!r} != {text!r}")
        if a < prev_end:
            bad(f"line {i}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip() or fold(text.split()[0]).rstrip(".") in TITLES and len(text.split()) > 1:
            bad(f"line {i}: span includes space/title {text!r}")
        if re.search(r"['’]s?$", text):
            bad(f"line {i}: possessive in span {text!r}")
        if t == "directory":
            ks = {k for k, f in forms_by_kind.items() if fold(text) in f}
            if not ks:
                bad(f"line {i}: directory span {text!r} not on roster")
            dir_spans.append(ks)
        elif t == "detector":
            if fold(text) in every:
                bad(f"line {i}: detector span {text!r} equals a roster name form")
        else:
            bad(f"line {i}: span type {t}")
    kinds = d["kinds"]
    if kinds != sorted(set(kinds)) or not set(kinds) <= set(counts):
        bad(f"line {i}: kinds {kinds}")
    if bool(kinds) != bool(dir_spans):
        bad(f"line {i}: kinds/directory mismatch")
    for ks in dir_spans:
        if not ks & set(kinds):
            bad(f"line {i}: a directory span matches none of kinds {kinds}")
    if d["case"] != compute_case(s, d["spans"]):
        bad(f"line {i}: case {d['case']} != {compute_case(s, d['spans'])}")
if not (5 <= n_amb <= 10):
    bad(f"{n_amb} ambiguous lines (want 5-10)")

if problems:
    print("\n".join(problems[:200]))
    print(f"FAILED: {len(problems)} problems")
    sys.exit(1)
print("OK")
