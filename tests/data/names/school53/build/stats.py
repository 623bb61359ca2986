"""Print the statistics quoted in README.md."""
import collections
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
R = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in R if r["spans"]]
print("lines", len(R), "named", len(named), "negative", len(R) - len(named))
lab = collections.Counter(s[2] for r in R for s in r["spans"])
print("spans", sum(lab.values()), dict(lab))
print("case", dict(collections.Counter(r["case"] for r in R)))
print("kinds (lines)", dict(collections.Counter(k for r in R for k in r["kinds"])))
print("lines with a detector span", sum(any(s[2] == "detector" for s in r["spans"]) for r in R))
print("lines with a directory span", sum(any(s[2] == "directory" for s in r["spans"]) for r in R))
print("multi-person lines (2+ spans)", sum(len(r["spans"]) >= 2 for r in R))
print("ambiguous", sum(r["ambiguous"] for r in R))
