"""Print statistics of test.jsonl (used for the README)."""
import collections
import json
import os

from common import ROOT


def main():
    recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    n = len(recs)
    named = [r for r in recs if r["spans"]]
    neg = n - len(named)
    lab = collections.Counter(s[2] for r in recs for s in r["spans"])
    case = collections.Counter(r["case"] for r in recs)
    kinds = collections.Counter(k for r in recs for k in r["kinds"])
    det_lines = sum(1 for r in named if any(s[2] == "detector" for s in r["spans"]))
    multi = sum(1 for r in recs if len(r["spans"]) >= 2)
    amb = sum(1 for r in recs if r["ambiguous"])
    print(f"lines {n}; named {len(named)} ({100*len(named)/n:.1f}%); negatives {neg} ({100*neg/n:.1f}%) "
          f"of which ambiguous {amb}")
    print(f"spans {sum(lab.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(lab.items())))
    print(f"named lines with a detector span: {det_lines} ({100*det_lines/max(1,len(named)):.1f}% of named)")
    print(f"lines with 2+ spans: {multi}")
    print("case: " + ", ".join(f"{k} {v} ({100*v/n:.1f}%)" for k, v in sorted(case.items())))
    print("kinds (lines naming at least one): " +
          ", ".join(f"{k} {v} ({100*v/max(1,len(named)):.1f}% of named)" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
