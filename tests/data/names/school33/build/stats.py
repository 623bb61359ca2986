"""Print stats of test.jsonl (used for the README)."""
import json, os
from collections import Counter
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in L if r["spans"]]
c = Counter()
for r in L:
    c["case_" + r["case"]] += 1
    for sp in r["spans"]:
        c["span_" + sp[2]] += 1
    for k in r["kinds"]:
        c["kind_" + k] += 1
print("lines", len(L), "named", len(named), "negative", len(L) - len(named))
print("with detector", sum(any(s[2] == "detector" for s in r["spans"]) for r in L))
print("with directory", sum(any(s[2] == "directory" for s in r["spans"]) for r in L))
print("multi-person (>=2 spans)", sum(len(r["spans"]) >= 2 for r in L))
print("ambiguous", sum(r["ambiguous"] for r in L))
for k in sorted(c):
    print(k, c[k])
