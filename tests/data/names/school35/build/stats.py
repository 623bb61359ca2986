"""Print the statistics table used in README.md."""
import collections
import csv
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
R = list(csv.DictReader(open(os.path.join(ROOT, "roster.csv"), encoding="utf-8")))
named = [o for o in L if o["spans"]]
dirn = [o for o in L if any(s[2] == "directory" for s in o["spans"])]
det = [o for o in L if any(s[2] == "detector" for s in o["spans"])]
print("- roster: %d people (%s)" % (len(R), ", ".join("%s %d" % kv for kv in sorted(collections.Counter(r["kind"] for r in R).items()))))
print("- lines: %d; with at least one person: %d (%.0f%%); negatives: %d" % (len(L), len(named), 100 * len(named) / len(L), len(L) - len(named)))
print("- spans: %s" % dict(collections.Counter(s[2] for o in L for s in o["spans"])))
print("- lines with a detector span: %d (%.0f%% of named lines); lines with a directory span: %d" % (len(det), 100 * len(det) / len(named), len(dirn)))
print("- lines with two or more people: %d" % sum(1 for o in L if len(o["spans"]) > 1))
c = collections.Counter(o["case"] for o in L)
print("- case: " + ", ".join("%s %d (%.0f%%)" % (k, c[k], 100 * c[k] / len(L)) for k in ("sentence", "lower", "upper", "title")))
k = collections.Counter(x for o in L for x in o["kinds"])
print("- kinds (lines naming at least one): " + ", ".join("%s %d (%.0f%% of named lines)" % (x, k[x], 100 * k[x] / len(named)) for x in ("pupil", "staff", "parent")))
print("- ambiguous lines: %d" % sum(o["ambiguous"] for o in L))
