"""Print statistics for test.jsonl (used for the README)."""
import json, os, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
c = Counter(); k = Counter(); cs = Counter(r["case"] for r in recs)
for r in recs:
    for sp in r["spans"]: c[sp[2]] += 1
    for x in r["kinds"]: k[x] += 1
print("lines", len(recs), "named", len(named), "negative", len(recs) - len(named))
print("spans", dict(c), "total", sum(c.values()))
print("named lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("multi-person lines", sum(1 for r in recs if len(r["spans"]) >= 2))
print("case", dict(cs), {x: round(100 * v / len(recs), 1) for x, v in cs.items()})
print("kinds (lines)", dict(k), {x: round(100 * v / len(named), 1) for x, v in k.items()})
print("ambiguous", sum(r["ambiguous"] for r in recs))
