"""Print stats of test.jsonl (used for README)."""
import json, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
neg = [r for r in recs if not r["spans"]]
lab = collections.Counter(sp[2] for r in recs for sp in r["spans"])
case = collections.Counter(r["case"] for r in recs)
kinds = collections.Counter(k for r in recs for k in r["kinds"])
det_lines = sum(1 for r in named if any(sp[2] == "detector" for sp in r["spans"]))
multi = sum(1 for r in recs if len(r["spans"]) >= 2)
print(f"lines {len(recs)}; named {len(named)} ({len(named)/len(recs):.1%}); negative {len(neg)} ({len(neg)/len(recs):.1%})")
print(f"spans {dict(lab)}; lines with a detector span {det_lines} ({det_lines/max(1,len(named)):.1%} of named)")
print("case", {k: f"{v} ({v/len(recs):.1%})" for k, v in case.most_common()})
print("kinds (lines)", {k: f"{v} ({v/max(1,len(named)):.1%} of named)" for k, v in kinds.most_common()})
print(f"multi-person lines {multi}; ambiguous {sum(r['ambiguous'] for r in recs)}")
