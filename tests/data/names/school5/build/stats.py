#!/usr/bin/env python3
"""Print counts for README / report."""
import json, os, collections, csv
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
R = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8")))
C = collections.Counter
print("roster", len(R), dict(C(r["kind"] for r in R)), "preferred", sum(1 for r in R if r["preferred_name"]),
      "personal_emails", sum(1 for r in R if r["personal_emails"]))
named = [x for x in L if x["spans"]]
print("lines", len(L), "named", len(named), "no-name", len(L) - len(named),
      "with detector", sum(1 for x in named if any(s[2] == "detector" for s in x["spans"])),
      "directory-only", sum(1 for x in named if all(s[2] == "directory" for s in x["spans"])),
      "ambiguous", sum(x["ambiguous"] for x in L))
print("spans by label", dict(C(s[2] for x in L for s in x["spans"])))
print("case", dict(C(x["case"] for x in L)))
print("kinds (lines containing)", dict(C(k for x in L for k in x["kinds"])))
print("kinds combos", {"+".join(k) or "(none)": v for k, v in C(tuple(x["kinds"]) for x in L).items()})
print("lines with >1 span", sum(1 for x in L if len(x["spans"]) > 1))
