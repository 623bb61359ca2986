import json, os, sys
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
c = Counter(r["case"] for r in recs)
lab = Counter(sp[2] for r in recs for sp in r["spans"])
k = Counter(x for r in recs for x in r["kinds"])
print("lines", len(recs), "named", len(named), "neg", len(recs) - len(named))
print("case", dict(c), {x: round(100 * v / len(recs)) for x, v in c.items()})
print("labels", dict(lab), "lines w/ detector", sum(any(s[2] == "detector" for s in r["spans"]) for r in named))
print("kinds(lines)", dict(k), "named-with-dir", sum(bool(r["kinds"]) for r in recs))
print("multi", sum(len(r["spans"]) >= 2 for r in recs), "amb", sum(r["ambiguous"] for r in recs))
