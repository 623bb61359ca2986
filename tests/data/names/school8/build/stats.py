#!/usr/bin/env python3
"""Print counts for test.jsonl and roster.csv."""
import collections, csv, json, os
from common import ROOT

def main():
    recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    roster = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8")))
    kinds = collections.Counter(r["kind"] for r in roster)
    print(f"roster: {len(roster)} people - " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"  with preferred_name: {sum(bool(r['preferred_name']) for r in roster)}; with personal_emails: {sum(bool(r['personal_emails']) for r in roster)}")
    n = len(recs)
    named = [r for r in recs if r["spans"]]
    det = [r for r in named if any(s[2] == "detector" for s in r["spans"])]
    dirl = [r for r in named if any(s[2] == "directory" for s in r["spans"])]
    print(f"test lines: {n}")
    print(f"  naming someone: {len(named)} ({100*len(named)/n:.1f}%); naming nobody: {n-len(named)} ({100*(n-len(named))/n:.1f}%)")
    print(f"  with a directory span: {len(dirl)}; with a detector span: {len(det)} ({100*len(det)/max(1,len(named)):.1f}% of named lines)")
    spans = [s for r in recs for s in r["spans"]]
    st = collections.Counter(s[2] for s in spans)
    print(f"spans: {len(spans)} - directory {st['directory']}, detector {st['detector']}")
    multi = sum(len(s[3].split()) > 1 or "," in s[3] for s in spans)
    print(f"  multi-word spans: {multi}; single-word spans: {len(spans)-multi}")
    cases = collections.Counter(r["case"] for r in recs)
    print("case: " + ", ".join(f"{c} {cases[c]} ({100*cases[c]/n:.1f}%)" for c in ("sentence", "title", "lower", "upper")))
    kc = collections.Counter(k for r in recs for k in r["kinds"])
    print("lines naming a roster kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kc.items())))
    print(f"ambiguous lines: {sum(r['ambiguous'] for r in recs)}")

if __name__ == "__main__":
    main()
