"""Independently verify roster.csv + test.jsonl invariants and print stats."""
import collections, csv, json, os, re, sys
from common import ROOT, HERE, name_forms, norm, load_roster
sys.path.insert(0, HERE)
from build import compute_case, PREFIX_RE

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "cllr", "rev", "pc", "hmi", "mx", "prof", "pcso"}
errs = []
def err(m): errs.append(m)

# ---- roster ----
rows = load_roster()
with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as f:
    header = f.readline().strip()
if header != "id,first_name,preferred_name,last_name,kind,email,personal_emails,mis_ref":
    err("bad roster header")
ids = [r["id"] for r in rows]
if len(set(ids)) != len(ids): err("duplicate ids")
codes = collections.Counter(r["mis_ref"] for r in rows if r["kind"] == "staff")
for r in rows:
    k, i = r["kind"], r["id"]
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}.get(k)
    if not pat or not re.fullmatch(pat, i): err("bad id/kind %s %s" % (i, k))
    for e in [r["email"]] + [x for x in r["personal_emails"].split(";") if x]:
        if not e.isascii() or "@" not in e: err("bad email %s %s" % (i, e))
    if k == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", r["mis_ref"]): err("bad upn %s" % i)
    if k == "staff" and (not re.fullmatch(r"[A-Z]{3}", r["mis_ref"]) or codes[r["mis_ref"]] > 1): err("bad code %s" % i)
    if k == "parent" and r["mis_ref"]: err("parent mis_ref %s" % i)
if len(set(r["email"] for r in rows)) != len(rows): err("duplicate emails")
forms = {r["id"]: name_forms(r["first_name"], r["preferred_name"], r["last_name"]) for r in rows}
allforms = set().union(*forms.values())

# ---- test set ----
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
idrecs = [json.loads(l) for l in open(os.path.join(HERE, "span_ids.jsonl"), encoding="utf-8")]
kindof = {r["id"]: r["kind"] for r in rows}
seen_subj = set()
for rec, meta in zip(recs, idrecs):
    s = rec["subject"]
    if list(rec.keys()) != ["subject", "spans", "case", "kinds", "ambiguous"]: err("key order %s" % s)
    if s in seen_subj: err("duplicate subject: %s" % s)
    seen_subj.add(s)
    last = 0
    kinds = set()
    for sp, pid in zip(rec["spans"], meta["ids"]):
        a, b, t, txt = sp
        if s[a:b] != txt: err("offset mismatch %s %r" % (meta["src"], txt))
        if a < last: err("overlap/unsorted %s" % meta["src"])
        last = b
        if txt != txt.strip() or txt.endswith("'s") or txt.endswith("’s"): err("bad span edge %s %r" % (meta["src"], txt))
        if norm(txt).split()[0] in TITLES: err("title inside span %s %r" % (meta["src"], txt))
        pre = s[:a].rstrip().split()
        if t == "directory":
            if norm(txt) not in forms[pid]: err("form not recognised %s %r for %s" % (meta["src"], txt, pid))
            kinds.add(kindof[pid])
        elif t == "detector":
            if norm(txt) in allforms: err("detector equals roster form %s %r" % (meta["src"], txt))
        else:
            err("bad span type")
        if a > 0 and (s[a - 1].isalnum()) or b < len(s) and s[b].isalnum(): err("span cuts word %s %r" % (meta["src"], txt))
    if sorted(kinds) != rec["kinds"]: err("kinds %s" % meta["src"])
    if compute_case(s, rec["spans"]) != rec["case"]: err("case %s" % meta["src"])

# ---- stats ----
n = len(recs)
named = [r for r in recs if r["spans"]]
det = [r for r in named if any(sp[2] == "detector" for sp in r["spans"])]
cases = collections.Counter(r["case"] for r in recs)
kinds = collections.Counter(k for r in recs for k in r["kinds"])
pref = sum(1 for r in rows if r["preferred_name"])
print("roster: %d people %s, preferred names: %d" % (len(rows), dict(collections.Counter(r["kind"] for r in rows)), pref))
print("lines: %d" % n)
print("named: %d (%.1f%%)  negatives: %d" % (len(named), 100 * len(named) / n, n - len(named)))
print("named with detector: %d (%.1f%% of named)" % (len(det), 100 * len(det) / max(1, len(named))))
print("spans: directory %d, detector %d" % (sum(sp[2] == "directory" for r in recs for sp in r["spans"]),
                                             sum(sp[2] == "detector" for r in recs for sp in r["spans"])))
print("case: " + ", ".join("%s %d (%.1f%%)" % (c, cases[c], 100 * cases[c] / n) for c in ("sentence", "lower", "upper", "title")))
print("kinds (lines): %s" % dict(kinds))
print("ambiguous: %d; reply/forward prefixed: %d" % (sum(r["ambiguous"] for r in recs), sum(bool(PREFIX_RE.match(r["subject"])) for r in recs)))
print("multi-person lines: %d" % sum(1 for r in recs if len(r["spans"]) >= 3))
for e in errs:
    print("ERROR:", e)
print("OK" if not errs else "%d ERRORS" % len(errs))
