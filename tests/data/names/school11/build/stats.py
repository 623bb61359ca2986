"""Print counts for roster.csv and test.jsonl."""
import collections, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, load_roster
from casing import strip_prefix

roster = load_roster()
L = [json.loads(x) for x in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
kc = collections.Counter(r["kind"] for r in roster)
print(f"roster: {len(roster)} people (pupil {kc['pupil']}, staff {kc['staff']}, parent {kc['parent']}); "
      f"preferred names {sum(1 for r in roster if r['preferred_name'])}; "
      f"with personal emails {sum(1 for r in roster if r['personal_emails'])}")
named = [r for r in L if r["spans"]]
spans = [s for r in L for s in r["spans"]]
det_lines = sum(1 for r in named if any(s[2] == "detector" for s in r["spans"]))
print(f"lines: {len(L)}; naming someone {len(named)} ({100*len(named)/len(L):.1f}%); "
      f"no name {len(L)-len(named)}")
print(f"lines with a detector person: {det_lines} ({100*det_lines/len(named):.1f}% of named lines)")
cc = collections.Counter(r["case"] for r in L)
print("case: " + ", ".join(f"{k} {cc[k]} ({100*cc[k]/len(L):.1f}%)" for k in ("sentence", "title", "lower", "upper")))
sc = collections.Counter(s[2] for s in spans)
single = sum(1 for s in spans if len(s[3].split()) == 1)
print(f"spans: {len(spans)} (directory {sc['directory']}, detector {sc['detector']}); "
      f"single-token {single} ({100*single/len(spans):.1f}%)")
print(f"lines with 3+ spans: {sum(1 for r in L if len(r['spans']) >= 3)}; "
      f"with 2 spans: {sum(1 for r in L if len(r['spans']) == 2)}")
kk = collections.Counter(k for r in L for k in r["kinds"])
print(f"lines naming a pupil {kk['pupil']}, staff {kk['staff']}, parent {kk['parent']}")
print(f"ambiguous lines: {sum(r['ambiguous'] for r in L)}")
print(f"reply/forward chains (RE:/FW:/Fwd:): {sum(1 for r in L if strip_prefix(r['subject']))}")
