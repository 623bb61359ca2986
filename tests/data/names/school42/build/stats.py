"""Print statistics of test.jsonl (used for the README)."""
import json, os
from collections import Counter
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(x) for x in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [o for o in L if o["spans"]]
print("lines", len(L), "named", len(named), "negative", len(L) - len(named))
print("case", dict(Counter(o["case"] for o in L)))
print("spans by label", dict(Counter(s[2] for o in L for s in o["spans"])))
print("lines with detector", sum(1 for o in named if any(s[2] == "detector" for s in o["spans"])))
print("lines with directory", sum(1 for o in named if o["kinds"]))
print("kinds (lines)", dict(Counter(k for o in L for k in o["kinds"])))
print("multi-person lines", sum(1 for o in L if len(o["spans"]) >= 2))
print("ambiguous", sum(o["ambiguous"] for o in L))
