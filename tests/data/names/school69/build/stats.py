"""Print stats of test.jsonl (used for the README)."""
import collections
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
named = [r for r in rows if r["spans"]]
print("lines", len(rows), "named", len(named), "negative", len(rows) - len(named))
print("spans by label", dict(collections.Counter(s[2] for r in rows for s in r["spans"])))
print("case", dict(collections.Counter(r["case"] for r in rows)))
print("lines with detector", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("lines with directory", sum(1 for r in rows if any(s[2] == "directory" for s in r["spans"])))
k = collections.Counter(x for r in rows for x in r["kinds"])
print("lines by kind", dict(k))
print("multi-person lines (>=2 spans)", sum(1 for r in rows if len(r["spans"]) >= 2))
print("ambiguous", sum(1 for r in rows if r["ambiguous"]))
# directory spans by roster kind, read from the source markup
import glob, re  # noqa: E402
kc = collections.Counter()
for p in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
    for line in open(p, encoding="utf-8"):
        if line.startswith("#"):
            continue
        for m in re.finditer(r"\{[^{}|]+\|([psg])\}", line):
            kc[{"p": "pupil", "s": "staff", "g": "parent"}[m.group(1)]] += 1
print("directory spans by kind", dict(kc))
