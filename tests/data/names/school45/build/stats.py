"""Print the stats of test.jsonl (used for the README)."""
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
recs = [json.loads(l) for l in open(os.path.join(HERE, "..", "test.jsonl"), encoding="utf-8")]
named = [r for r in recs if r["spans"]]
c = Counter()
for r in recs:
    c["case_" + r["case"]] += 1
    for sp in r["spans"]:
        c["span_" + sp[2]] += 1
    for k in r["kinds"]:
        c["kind_" + k] += 1
print(f"lines: {len(recs)}")
print(f"named (>=1 span): {len(named)} ({100*len(named)/len(recs):.1f}%)  negatives: {len(recs)-len(named)}")
print(f"lines with a detector span: {sum(1 for r in named if any(s[2]=='detector' for s in r['spans']))}")
print(f"lines with >=2 spans: {sum(1 for r in recs if len(r['spans'])>=2)}")
print(f"ambiguous: {sum(r['ambiguous'] for r in recs)}")
print(f"spans: directory {c['span_directory']}, detector {c['span_detector']}")
print("case: " + ", ".join(f"{k} {c['case_'+k]} ({100*c['case_'+k]/len(recs):.0f}%)" for k in ("sentence", "lower", "upper", "title")))
print("named lines by kind: " + ", ".join(f"{k} {c['kind_'+k]} ({100*c['kind_'+k]/max(1,len(named)):.0f}%)" for k in ("pupil", "staff", "parent")))
