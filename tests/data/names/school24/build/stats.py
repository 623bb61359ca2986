"""Print the statistics quoted in README.md."""
import collections
import csv
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
R = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8")))
named = [o for o in L if o["spans"]]
print("roster:", dict(collections.Counter(r["kind"] for r in R)), "total", len(R))
print("lines:", len(L), "named:", len(named), "negative:", len(L) - len(named))
print("spans by label:", dict(collections.Counter(s[2] for o in L for s in o["spans"])))
print("lines with a detector span:", sum(1 for o in named if any(s[2] == "detector" for s in o["spans"])))
print("lines with only detector spans:", sum(1 for o in named if all(s[2] == "detector" for s in o["spans"])))
print("multi-person lines (2+ spans):", sum(1 for o in L if len(o["spans"]) >= 2))
print("case:", dict(collections.Counter(o["case"] for o in L)))
print("kinds (lines naming each kind):", dict(collections.Counter(k for o in L for k in o["kinds"])))
print("ambiguous:", sum(o["ambiguous"] for o in L))
