"""Check roster.csv and test.jsonl against every rule of the brief. Prints OK or the problems."""
import csv, json, os, re, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(__file__))
from common import norm, name_forms, classify_case, TITLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
errors = []
def err(msg):
    errors.append(msg)

# ---- roster
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rows = list(csv.reader(fh))
if rows[0] != HEADER:
    err("bad roster header")
people = rows[1:]
if not 450 <= len(people) <= 650:
    err(f"roster size {len(people)}")
ids, emails, codes = set(), set(), set()
forms = {"pupil": set(), "staff": set(), "parent": set()}
counters = {"pupil": 0, "staff": 0, "parent": 0}
for r in people:
    if len(r) != 8:
        err(f"roster row width {r}"); continue
    pid, first, pref, last, kind, email, personal, mis = r
    if kind not in forms:
        err(f"{pid}: kind {kind}"); continue
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}[kind]
    if not re.fullmatch(pat, pid):
        err(f"{pid}: id pattern")
    counters[kind] += 1
    if int(pid[1:]) != counters[kind]:
        err(f"{pid}: ids not sequential")
    if pid in ids:
        err(f"dup id {pid}")
    ids.add(pid)
    if not first or not last:
        err(f"{pid}: missing name")
    if not email or not email.isascii() or "@" not in email:
        err(f"{pid}: email {email!r}")
    if email in emails:
        err(f"dup email {email}")
    emails.add(email)
    for pe in filter(None, personal.split(";")):
        if "@" not in pe or not pe.isascii():
            err(f"{pid}: personal email {pe}")
    if kind == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", mis):
        err(f"{pid}: pupil mis_ref {mis}")
    if kind == "staff":
        if not re.fullmatch(r"[A-Z]{3}", mis) or mis in codes:
            err(f"{pid}: staff code {mis}")
        codes.add(mis)
    forms[kind] |= name_forms(first, pref, last)
all_forms = forms["pupil"] | forms["staff"] | forms["parent"]

# ---- test set
lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
if len(lines) != 600:
    err(f"test.jsonl has {len(lines)} lines, want 600")
subjects = set()
n_amb = 0
for i, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError:
        err(f"line {i}: bad json"); continue
    if set(o) != {"subject", "spans", "case", "kinds", "ambiguous"}:
        err(f"line {i}: keys {sorted(o)}")
        continue
    s = o["subject"]
    if not s.strip():
        err(f"line {i}: empty subject")
    key = s.strip().lower()
    if key in subjects:
        err(f"line {i}: duplicate subject {s!r}")
    subjects.add(key)
    if o["case"] != classify_case(s):
        err(f"line {i}: case {o['case']} != {classify_case(s)}")
    if not isinstance(o["ambiguous"], bool):
        err(f"line {i}: ambiguous not bool")
    n_amb += o["ambiguous"]
    prev_end = -1
    kinds = set()
    for sp in o["spans"]:
        if len(sp) != 4:
            err(f"line {i}: span shape {sp}"); continue
        a, b, label, text = sp
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
            err(f"line {i}: span bounds {sp}"); continue
        if s[a:b] != text:
            err(f"line {i}: span text mismatch {sp}")
        if a < prev_end:
            err(f"line {i}: spans unsorted/overlapping")
        prev_end = b
        if text != text.strip():
            err(f"line {i}: span has outer whitespace {text!r}")
        first_tok = re.split(r"[\s.]+", text.strip())[0].lower()
        if first_tok in TITLES:
            err(f"line {i}: title inside span {text!r}")
        if re.search(r"['\u2019]s$", text, re.I) and norm(text) not in all_forms:
            err(f"line {i}: possessive inside span {text!r}")
        if re.match(r"['\u2019]s\b", s[b:]) is None and s[b:b+1].isalpha():
            err(f"line {i}: span cuts a word {text!r}")
        if a > 0 and s[a-1].isalpha():
            err(f"line {i}: span starts mid-word {text!r}")
        n = norm(text)
        if label == "directory":
            hit = [k for k in forms if n in forms[k]]
            if not hit:
                err(f"line {i}: directory span not a roster name form {text!r}")
            kinds.update(hit)
        elif label == "detector":
            if n in all_forms:
                err(f"line {i}: detector span equals a roster name form {text!r}")
        else:
            err(f"line {i}: label {label}")
    if not set(o["kinds"]) <= kinds:
        err(f"line {i}: kinds {o['kinds']} not supported by spans")
    if o["kinds"] != sorted(set(o["kinds"])):
        err(f"line {i}: kinds not sorted unique")
    if any(sp[2] == "directory" for sp in o["spans"]) != bool(o["kinds"]):
        err(f"line {i}: kinds empty/non-empty mismatch")
if n_amb > 10:
    err(f"{n_amb} ambiguous lines (max 10)")

if errors:
    for e in errors[:60]:
        print(e)
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print("OK")
