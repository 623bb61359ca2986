"""Print statistics for test.jsonl (used for README)."""
import collections
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
R = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in R if r["spans"]]
print("lines", len(R))
print("named", len(named), "negative", len(R) - len(named))
print("lines with detector span", sum(any(s[2] == "detector" for s in r["spans"]) for r in R))
print("lines with 2+ people", sum(len(r["spans"]) >= 2 for r in R))
print("spans by label", dict(collections.Counter(s[2] for r in R for s in r["spans"])))
print("case", dict(collections.Counter(r["case"] for r in R)))
print("kinds (lines)", dict(collections.Counter(k for r in R for k in r["kinds"])))
print("ambiguous", sum(r["ambiguous"] for r in R))
