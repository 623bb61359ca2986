"""Print the statistics quoted in README.md."""
import collections, json, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
lab = collections.Counter(sp[2] for r in recs for sp in r["spans"])
print("lines", len(recs), "named", len(named), "negative", len(recs) - len(named))
print("spans", dict(lab), "total", sum(lab.values()))
print("case", dict(collections.Counter(r["case"] for r in recs)))
print("named lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("named lines with only detector", sum(1 for r in named if all(s[2] == "detector" for s in r["spans"])))
kc = collections.Counter(k for r in named for k in r["kinds"])
print("kinds (lines containing)", dict(kc), "of", len(named), "named")
print("multi-person lines", sum(1 for r in recs if len(r["spans"]) >= 2))
print("ambiguous", sum(r["ambiguous"] for r in recs))
