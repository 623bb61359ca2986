"""Print statistics of test.jsonl (used for the README)."""
import json
import os
from collections import Counter
from common import ROOT


def stats():
    recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    named = [r for r in recs if r["spans"]]
    out = {
        "lines": len(recs),
        "named": len(named),
        "negative": len(recs) - len(named),
        "spans_by_label": dict(Counter(s[2] for r in recs for s in r["spans"])),
        "lines_with_detector": sum(any(s[2] == "detector" for s in r["spans"]) for r in recs),
        "lines_with_directory": sum(any(s[2] == "directory" for s in r["spans"]) for r in recs),
        "multi_person_lines": sum(len(r["spans"]) >= 2 for r in recs),
        "case": dict(Counter(r["case"] for r in recs)),
        "kinds_lines": dict(Counter(k for r in recs for k in r["kinds"])),
        "ambiguous": sum(r["ambiguous"] for r in recs),
    }
    return out


if __name__ == "__main__":
    for k, v in stats().items():
        print(f"{k}: {v}")
