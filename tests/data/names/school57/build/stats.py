import json, collections, sys, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [d for d in L if d["spans"]]
c = collections.Counter(d["case"] for d in L)
lab = collections.Counter(s[2] for d in L for s in d["spans"])
kinds = collections.Counter(k for d in L for k in d["kinds"])
det = sum(1 for d in named if any(s[2] == "detector" for s in d["spans"]))
multi = sum(1 for d in L if len(d["spans"]) >= 2)
print(f"lines {len(L)} named {len(named)} ({len(named)/len(L):.0%}) negative {len(L)-len(named)}")
print("case", {k: f"{v} ({v/len(L):.0%})" for k, v in c.items()})
print("spans", dict(lab), "detector-lines", det, f"({det/max(1,len(named)):.0%} of named)")
print("kinds", {k: f"{v} ({v/max(1,len(named)):.0%})" for k, v in kinds.items()}, "multi", multi,
      "ambiguous", sum(d["ambiguous"] for d in L))
