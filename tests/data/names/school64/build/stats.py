"""Print the statistics quoted in README.md."""
import collections, json, os
from common import ROOT

recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
dirl = [r for r in recs if any(s[2] == "directory" for s in r["spans"])]
det = [r for r in recs if any(s[2] == "detector" for s in r["spans"])]
multi = [r for r in recs if len(r["spans"]) >= 2]
labels = collections.Counter(s[2] for r in recs for s in r["spans"])
cases = collections.Counter(r["case"] for r in recs)
kinds = collections.Counter(k for r in recs for k in r["kinds"])
print(f"lines: {len(recs)}")
print(f"named (>=1 span): {len(named)} ({100*len(named)/len(recs):.1f}%)  negatives: {len(recs)-len(named)} ({100*(len(recs)-len(named))/len(recs):.1f}%)")
print(f"lines with a directory span: {len(dirl)}; lines with a detector span: {len(det)} ({100*len(det)/max(1,len(named)):.1f}% of named)")
print(f"spans: {sum(labels.values())} = " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
print(f"multi-person lines (>=2 spans): {len(multi)}")
print("case: " + ", ".join(f"{k} {v} ({100*v/len(recs):.1f}%)" for k, v in cases.most_common()))
print("kinds (lines naming at least one): " + ", ".join(f"{k} {v} ({100*v/max(1,len(named)):.1f}% of named)" for k, v in kinds.most_common()))
print(f"ambiguous: {sum(r['ambiguous'] for r in recs)}")
