"""Print statistics of test.jsonl (used for the README)."""
import collections, json, os
from common import ROOT
recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
c = collections.Counter
print("lines", len(recs), "named", len(named), "negative", len(recs) - len(named))
print("spans by label", dict(c(s[2] for r in recs for s in r["spans"])))
print("lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("case", dict(c(r["case"] for r in recs)))
print("kinds (lines naming)", {k: sum(1 for r in recs if k in r["kinds"]) for k in ("pupil", "staff", "parent")})
print("multi-person lines", sum(1 for r in recs if len(r["spans"]) >= 2))
print("ambiguous", sum(r["ambiguous"] for r in recs))
