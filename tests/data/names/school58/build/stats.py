"""Print statistics of test.jsonl (used for the README)."""
import collections
import json
import os

from names import ROOT


def main():
    recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    n = len(recs)
    named = [r for r in recs if r["spans"]]
    c = collections.Counter
    lab = c(s[2] for r in recs for s in r["spans"])
    print(f"lines {n}; named {len(named)} ({len(named)/n:.0%}); negatives {n-len(named)} ({(n-len(named))/n:.0%})")
    print(f"spans {sum(lab.values())}: {dict(lab)}")
    det = sum(1 for r in named if any(s[2] == 'detector' for s in r['spans']))
    print(f"named lines with a detector span: {det} ({det/len(named):.0%})")
    multi = sum(1 for r in recs if len(r['spans']) >= 2)
    print(f"lines with 2+ people: {multi}")
    cases = c(r["case"] for r in recs)
    print("case:", {k: f"{v} ({v/n:.0%})" for k, v in cases.most_common()})
    kinds = c(k for r in recs for k in r["kinds"])
    print("kinds (lines):", {k: f"{v} ({v/len(named):.0%} of named)" for k, v in kinds.most_common()})
    print("ambiguous:", sum(r["ambiguous"] for r in recs))


if __name__ == "__main__":
    main()
