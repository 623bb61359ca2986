"""Print statistics of test.jsonl (used for the README)."""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT  # noqa: E402


def main():
    items = [json.loads(l) for l in open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8")]
    named = [i for i in items if i["spans"]]
    c = collections.Counter
    print("lines", len(items), "named", len(named), "negative", len(items) - len(named))
    print("spans by label", dict(c(s[2] for i in items for s in i["spans"])))
    print("lines with detector", sum(1 for i in named if any(s[2] == "detector" for s in i["spans"])))
    print("lines with directory", sum(1 for i in named if any(s[2] == "directory" for s in i["spans"])))
    print("multi-person lines", sum(1 for i in items if len(i["spans"]) >= 2))
    print("case", dict(c(i["case"] for i in items)))
    print("case (named)", dict(c(i["case"] for i in named)))
    kinds = c(k for i in items for k in i["kinds"])
    print("lines naming kind", dict(kinds), "of", len(named), "named")
    print("ambiguous", sum(i["ambiguous"] for i in items))


if __name__ == "__main__":
    main()
