#!/usr/bin/env python3
"""Print counts for roster.csv and test.jsonl."""
import collections, json, os
from common import ROOT, load_roster

def main():
    roster = load_roster()
    kc = collections.Counter(r["kind"] for r in roster)
    pref = collections.Counter(r["kind"] for r in roster if r["preferred_name"])
    pers = sum(1 for r in roster if r["personal_emails"])
    print(f"roster: {len(roster)} people; " + ", ".join(f"{k} {kc[k]} (preferred {pref[k]})" for k in ("pupil", "staff", "parent"))
          + f"; with personal_emails {pers}")
    recs = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    n = len(recs)
    named = [r for r in recs if r["spans"]]
    withdir = [r for r in recs if any(s[2] == "directory" for s in r["spans"])]
    withdet = [r for r in recs if any(s[2] == "detector" for s in r["spans"])]
    spans = [s for r in recs for s in r["spans"]]
    print(f"lines: {n}; naming someone {len(named)} ({100*len(named)/n:.1f}%); naming nobody {n-len(named)} ({100*(n-len(named))/n:.1f}%)")
    print(f"lines with a directory span {len(withdir)}; with a detector span {len(withdet)} ({100*len(withdet)/max(1,len(named)):.1f}% of named lines)")
    print(f"spans: {len(spans)} (directory {sum(s[2]=='directory' for s in spans)}, detector {sum(s[2]=='detector' for s in spans)})")
    cc = collections.Counter(r["case"] for r in recs)
    print("case: " + ", ".join(f"{k} {cc[k]} ({100*cc[k]/n:.1f}%)" for k in ("sentence", "title", "lower", "upper")))
    kk = collections.Counter(k for r in recs for k in r["kinds"])
    print("lines by kind named: " + ", ".join(f"{k} {kk[k]}" for k in ("pupil", "staff", "parent")))
    multi = sum(1 for r in recs if len(r["spans"]) > 1)
    print(f"lines with 2+ spans: {multi}; ambiguous lines: {sum(r['ambiguous'] for r in recs)}")
    tok = collections.Counter(len(s[3].split()) for s in spans)
    print("span word counts: " + ", ".join(f"{k}w {tok[k]}" for k in sorted(tok)))

if __name__ == "__main__":
    main()
