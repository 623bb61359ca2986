"""Print statistics of test.jsonl (used for the README)."""
import json, os
from collections import Counter
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [o for o in L if o["spans"]]
print("lines", len(L), "named", len(named), "negative", len(L) - len(named))
lab = Counter(s[2] for o in L for s in o["spans"])
print("spans", sum(lab.values()), dict(lab))
print("case", dict(Counter(o["case"] for o in L)))
det = sum(1 for o in named if any(s[2] == "detector" for s in o["spans"]))
print("named lines with a detector span", det)
for k in ("pupil", "staff", "parent"):
    print("named lines with", k, sum(1 for o in named if k in o["kinds"]))
print("multi-person lines (2+ spans)", sum(1 for o in L if len(o["spans"]) >= 2))
print("ambiguous", sum(o["ambiguous"] for o in L))
print("detector-only named lines", sum(1 for o in named if not o["kinds"]))
