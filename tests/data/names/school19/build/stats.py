"""Print the statistics quoted in README.md."""
import json
import os
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
r = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [x for x in r if x["spans"]]
print("lines", len(r), "| negative (no span)", len(r) - len(named), "| named", len(named))
print("lines with a detector span", sum(1 for x in r if any(s[2] == "detector" for s in x["spans"])))
print("lines with 2+ spans", sum(1 for x in r if len(x["spans"]) > 1),
      "| with 2+ directory spans", sum(1 for x in r if sum(s[2] == "directory" for s in x["spans"]) > 1))
print("spans by label", dict(Counter(s[2] for x in r for s in x["spans"])))
print("case", dict(Counter(x["case"] for x in r)))
print("lines naming kind", dict(Counter(k for x in r for k in x["kinds"])))
print("ambiguous", sum(x["ambiguous"] for x in r))
