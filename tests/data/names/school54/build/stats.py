"""Print the statistics table used in README.md."""
import collections, json, os
from common import ROOT
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [o for o in L if o["spans"]]
lab = collections.Counter(s[2] for o in L for s in o["spans"])
case = collections.Counter(o["case"] for o in L)
kinds = collections.Counter(k for o in named for k in o["kinds"])
print(f"- lines: {len(L)}; named (>=1 span): {len(named)} ({len(named)*100//len(L)}%); negatives: {len(L)-len(named)}")
print(f"- spans: {sum(lab.values())} (directory {lab['directory']}, detector {lab['detector']})")
det = sum(1 for o in named if any(s[2] == 'detector' for s in o['spans']))
print(f"- named lines with a detector span: {det} ({det*100//len(named)}% of named)")
print(f"- lines with 2+ spans: {sum(1 for o in L if len(o['spans']) > 1)}")
print("- case: " + ", ".join(f"{k} {v} ({v*100//len(L)}%)" for k, v in sorted(case.items())))
print("- kinds (share of named lines): " + ", ".join(f"{k} {v} ({v*100//len(named)}%)" for k, v in sorted(kinds.items())))
print(f"- ambiguous: {sum(o['ambiguous'] for o in L)}")
