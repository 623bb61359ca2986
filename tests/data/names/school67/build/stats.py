"""Print the stats quoted in README.md."""
import collections, csv, json, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
ppl = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8")))
named = [r for r in rows if r["spans"]]
print("roster:", dict(collections.Counter(p["kind"] for p in ppl)), "total", len(ppl))
print("lines:", len(rows), "named:", len(named), "negative:", len(rows) - len(named))
print("spans by label:", dict(collections.Counter(s[2] for r in rows for s in r["spans"])))
print("lines with a detector span:", sum(1 for r in named if any(s[2] == "detector" for s in r["spans"])))
print("lines with directory spans:", sum(1 for r in named if any(s[2] == "directory" for s in r["spans"])))
print("case:", dict(collections.Counter(r["case"] for r in rows)))
print("kinds (lines naming each):", dict(collections.Counter(k for r in rows for k in r["kinds"])))
print("multi-person lines (2+ spans):", sum(1 for r in rows if len(r["spans"]) >= 2))
print("ambiguous:", sum(r["ambiguous"] for r in rows))
