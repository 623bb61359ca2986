"""Print statistics of test.jsonl (used for the README)."""
import json
import os
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
print("lines", len(recs), "named", len(named), "negative", len(recs) - len(named))
print("spans by label", dict(Counter(s[2] for r in recs for s in r["spans"])))
print("lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("lines with directory", sum(1 for r in named if any(s[2] == "directory" for s in r["spans"])))
print("case", dict(Counter(r["case"] for r in recs)))
kc = Counter(k for r in recs for k in r["kinds"])
print("kinds (lines containing)", dict(kc))
print("ambiguous", sum(r["ambiguous"] for r in recs))
print("multi-person lines (>=2 spans)", sum(1 for r in recs if len(r["spans"]) >= 2))
