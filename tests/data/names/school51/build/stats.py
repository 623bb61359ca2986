"""Print statistics of test.jsonl (used for the README)."""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT  # noqa: E402

recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
print("lines", len(recs), "named", len(named), "negative", len(recs) - len(named))
lab = collections.Counter(s[2] for r in recs for s in r["spans"])
print("spans", dict(lab), "total", sum(lab.values()))
print("case", dict(collections.Counter(r["case"] for r in recs)))
print("named lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
kc = collections.Counter(k for r in recs for k in r["kinds"])
print("lines by kind", dict(kc), {k: round(v / max(1, len(named)), 2) for k, v in kc.items()})
print("multi-person lines", sum(1 for r in recs if len(r["spans"]) >= 2))
print("ambiguous", sum(1 for r in recs if r["ambiguous"]))
