"""Print the statistics reported in README.md."""
import json, os
from collections import Counter
from common import ROOT

recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
det_lines = [r for r in named if any(s[2] == "detector" for s in r["spans"])]
print("lines", len(recs))
print("named lines", len(named), "negative lines", len(recs) - len(named))
print("spans by label", dict(Counter(s[2] for r in recs for s in r["spans"])))
print("lines with a detector span", len(det_lines))
print("multi-person lines (2+ spans)", sum(1 for r in recs if len(r["spans"]) >= 2))
print("case", dict(Counter(r["case"] for r in recs)))
print("kinds (lines containing)", dict(Counter(k for r in recs for k in r["kinds"])))
print("ambiguous", sum(r["ambiguous"] for r in recs))
