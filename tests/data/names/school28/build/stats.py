"""Print stats of test.jsonl (used for README)."""
import json, os
from collections import Counter
from common import ROOT

recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
dirn = [r for r in recs if any(s[2] == "directory" for s in r["spans"])]
print("lines", len(recs))
print("named (>=1 span)", len(named), "negative", len(recs) - len(named))
print("spans by label", dict(Counter(s[2] for r in recs for s in r["spans"])))
print("lines with detector", sum(any(s[2] == "detector" for s in r["spans"]) for r in recs))
print("case", dict(Counter(r["case"] for r in recs)))
k = Counter(x for r in recs for x in r["kinds"])
print("kinds (lines)", dict(k), "of", len(dirn), "lines with directory spans")
print("ambiguous", sum(r["ambiguous"] for r in recs))
print("multi-person lines (>=2 spans)", sum(len(r["spans"]) >= 2 for r in recs))
