"""Print statistics of test.jsonl (used for the README)."""
import json, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [d for d in L if d["spans"]]
neg = [d for d in L if not d["spans"]]
print("lines", len(L), "named", len(named), "negative", len(neg))
print("spans by label", collections.Counter(s[2] for d in L for s in d["spans"]))
print("lines with detector", sum(any(s[2] == "detector" for s in d["spans"]) for d in L))
print("case", collections.Counter(d["case"] for d in L))
k = collections.Counter(x for d in L for x in d["kinds"])
print("kinds (lines)", dict(k), {x: round(v / max(1, len(named)), 2) for x, v in k.items()})
print("ambiguous", sum(d["ambiguous"] for d in L))
print("multi-person lines", sum(len(d["spans"]) >= 2 for d in L))
