#!/usr/bin/env python3
"""Check roster.csv and test.jsonl (format + labelling invariants). Prints failures; exit 1 if any."""
import csv, json, os, re, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fails = []


def fail(msg):
    fails.append(msg)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").lower()


# two deliberate typos (documented in README): misspelt token -> intended roster token
TYPOS = {"kowalcyzk": "kowalczyk", "shevchuck": "shevchuk"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "prof.", "rev", "rev.", "cllr", "sgt", "pc", "dc", "sir", "sig.ra", "mx"}
CASE_OVERRIDES = json.load(open(os.path.join(ROOT, "build", "case_overrides.json"), encoding="utf-8"))

# ---------------------------------------------------------------- roster
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
    rd = csv.reader(fh)
    header = next(rd)
    rows = [dict(zip(header, r)) for r in rd]
if header != HEADER:
    fail("roster header %r" % header)
ids = set()
for r in rows:
    if r["id"] in ids:
        fail("dup id " + r["id"])
    ids.add(r["id"])
    pre = {"pupil": "P", "staff": "S", "parent": "G"}.get(r["kind"])
    if not pre or not re.fullmatch(pre + r"\d{3}", r["id"]):
        fail("bad id/kind %s %s" % (r["id"], r["kind"]))
    if not r["first_name"] or not r["last_name"]:
        fail("missing name " + r["id"])
    e = r["email"]
    if r["kind"] == "pupil":
        if not re.fullmatch(r"[a-z]+\.[a-z]+\d*@pupils\.calderings\.org\.uk", e):
            fail("pupil email " + e)
        if not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]):
            fail("pupil mis_ref " + r["mis_ref"])
    elif r["kind"] == "staff":
        if not re.fullmatch(r"[a-z]{1,2}\.[a-z]+@calderings\.org\.uk", e):
            fail("staff email " + e)
        if not re.fullmatch(r"[A-Z]{3,4}|[A-Z]{3}\d", r["mis_ref"]):
            fail("staff mis_ref " + r["mis_ref"])
    else:
        if "calderings" in e or "@" not in e:
            fail("parent email " + e)
        if r["mis_ref"]:
            fail("parent mis_ref not empty " + r["id"])
    for pe in filter(None, r["personal_emails"].split(";")):
        if "@" not in pe:
            fail("personal email " + pe)
codes = [r["mis_ref"] for r in rows if r["kind"] == "staff"]
if len(codes) != len(set(codes)):
    fail("duplicate staff codes")
emails = [r["email"] for r in rows]
if len(emails) != len(set(emails)):
    fail("duplicate emails")


def tokens_of(r):
    toks = set()
    for field in ("first_name", "preferred_name", "last_name"):
        for t in fold(r[field]).split():
            toks.add(t)
            for part in t.split("-"):
                toks.add(part)
    for field in ("first_name", "preferred_name", "last_name"):
        if r[field]:
            i = fold(r[field])[0]
            toks.update({i, i + "."})
    return toks


def name_forms(r):
    givens = [g for g in (r["first_name"], r["preferred_name"]) if g]
    forms = {fold(r["last_name"])}
    for g in givens:
        forms.add(fold(g))
        forms.add(fold(g + " " + r["last_name"]))
        forms.add(fold(r["last_name"] + ", " + g))
        forms.add(fold(g[0] + ". " + r["last_name"]))
        forms.add(fold(g[0] + " " + r["last_name"]))
    return forms


TOKS = [(r, tokens_of(r)) for r in rows]
ALL_FORMS = set()
for r in rows:
    ALL_FORMS |= name_forms(r)

# ---------------------------------------------------------------- test.jsonl
sys.path.insert(0, os.path.join(ROOT, "build"))
from make_subjects import compute_case  # same rule as used to label

KEYS = ["subject", "spans", "case", "kinds", "ambiguous"]
subjects = set()
n_amb = 0
n = 0
with open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8") as fh:
    for ln, line in enumerate(fh, 1):
        n += 1
        try:
            rec = json.loads(line)
        except Exception as ex:
            fail("line %d json %s" % (ln, ex)); continue
        if list(rec.keys()) != KEYS:
            fail("line %d keys %r" % (ln, list(rec.keys())))
            continue
        s = rec["subject"]
        if not isinstance(s, str) or not s.strip():
            fail("line %d empty subject" % ln)
        if s in subjects:
            fail("line %d duplicate subject %r" % (ln, s))
        subjects.add(s)
        if not isinstance(rec["ambiguous"], bool):
            fail("line %d ambiguous not bool" % ln)
        n_amb += rec["ambiguous"]
        if rec["case"] not in ("sentence", "lower", "upper", "title"):
            fail("line %d case" % ln)
        spans = rec["spans"]
        prev_end = -1
        dir_kind_options = []
        for sp in spans:
            if not (isinstance(sp, list) and len(sp) == 4):
                fail("line %d span shape %r" % (ln, sp)); continue
            a, b, lab, text = sp
            if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(s)):
                fail("line %d span offsets %r" % (ln, sp)); continue
            if s[a:b] != text:
                fail("line %d span text %r != %r" % (ln, s[a:b], text))
            if a < prev_end:
                fail("line %d spans overlap/unsorted" % ln)
            prev_end = b
            if text != text.strip() or text.endswith((",", "&")) or text.startswith((",", "&")):
                fail("line %d span whitespace/punct %r" % (ln, text))
            low = fold(text)
            if low.split()[0] in TITLES:
                fail("line %d title inside span %r" % (ln, text))
            if re.search(r"['’]s$", low):
                fail("line %d possessive inside span %r" % (ln, text))
            if lab == "directory":
                toks = [TYPOS.get(t, t) for t in (x.strip(",") for x in low.split()) if t]
                cands = [r for r, tk in TOKS if all(t in tk for t in toks)]
                if not cands:
                    fail("line %d directory span %r matches no roster person" % (ln, text))
                dir_kind_options.append({r["kind"] for r in cands})
            elif lab == "detector":
                if low in ALL_FORMS:
                    fail("line %d detector span %r equals a roster name form" % (ln, text))
            else:
                fail("line %d label %r" % (ln, lab))
        kinds = rec["kinds"]
        order = ["pupil", "staff", "parent"]
        if kinds != [k for k in order if k in kinds] or len(set(kinds)) != len(kinds):
            fail("line %d kinds order %r" % (ln, kinds))
        if not dir_kind_options and kinds:
            fail("line %d kinds without directory spans" % ln)
        for opts in dir_kind_options:
            if not (opts & set(kinds)):
                fail("line %d directory span kind not in kinds %r" % (ln, kinds))
        if dir_kind_options and not kinds:
            fail("line %d directory spans but empty kinds" % ln)
        expect = CASE_OVERRIDES.get(s) or compute_case(s, spans)
        if rec["case"] != expect:
            fail("line %d case %s != computed %s" % (ln, rec["case"], expect))
        if rec["case"] == "upper" and any(c.islower() for c in s):
            fail("line %d upper with lower-case letters" % ln)
        if rec["case"] == "lower" and any(c.isupper() for c in s):
            fail("line %d lower with upper-case letters" % ln)
if n_amb != 10:
    fail("ambiguous count %d != 10" % n_amb)

for f in fails:
    print("FAIL", f)
print("roster rows %d, test lines %d, failures %d" % (len(rows), n, len(fails)))
sys.exit(1 if fails else 0)
