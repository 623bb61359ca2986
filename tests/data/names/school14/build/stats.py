"""Print counts for roster.csv and test.jsonl."""
import collections, csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT

rows = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="")))
kc = collections.Counter(r["kind"] for r in rows)
print(f"roster: {len(rows)} people ({kc['pupil']} pupils, {kc['staff']} staff, {kc['parent']} parents); "
      f"{sum(bool(r['preferred_name']) for r in rows)} preferred names; "
      f"{sum(bool(r['personal_emails']) for r in rows)} with personal emails")
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
n = len(recs)
named = [r for r in recs if r["spans"]]
det_lines = [r for r in named if any(s[2] == "detector" for s in r["spans"])]
spans = [s for r in recs for s in r["spans"]]
cases = collections.Counter(r["case"] for r in recs)
print(f"lines: {n}; named: {len(named)} ({100*len(named)/n:.1f}%); no name: {n-len(named)} ({100*(n-len(named))/n:.1f}%)")
print(f"named lines with a detector person: {len(det_lines)} ({100*len(det_lines)/max(1,len(named)):.1f}% of named)")
print("case: " + ", ".join(f"{k} {cases[k]} ({100*cases[k]/n:.1f}%)" for k in ["sentence", "title", "lower", "upper"]))
dirn = sum(s[2] == "directory" for s in spans)
single = sum(len(s[3].split()) == 1 for s in spans)
print(f"spans: {len(spans)} (directory {dirn}, detector {len(spans)-dirn}); single-token {single} ({100*single/len(spans):.1f}%)")
print(f"lines with 3+ spans: {sum(len(r['spans']) >= 3 for r in recs)}; ambiguous lines: {sum(r['ambiguous'] for r in recs)}")
kinds = collections.Counter(k for r in recs for k in r["kinds"])
print("lines naming a kind: " + ", ".join(f"{k} {kinds[k]}" for k in ["pupil", "staff", "parent"]))
PREFIX = re.compile(r"(?i)\s*(re|fw|fwd)\s*:")
chains = sum(bool(PREFIX.match(r["subject"])) for r in recs)
print(f"reply/forward chains (RE:/FW:/Fwd:): {chains}")
