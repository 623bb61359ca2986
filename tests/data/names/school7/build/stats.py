#!/usr/bin/env python3
"""Print counts for roster.csv and test.jsonl."""
import json, re
from collections import Counter
from common import Directory, TEST, norm

WORDLIKE = {"hope", "faith", "joy", "summer", "autumn", "will", "mark", "rich", "bob", "miles", "grace", "rose",
            "ruby", "jack", "frank", "frankie", "ray", "dawn", "sky", "amber", "hunter", "mercy", "precious",
            "blessing", "marvellous", "king", "prince", "justice", "chance", "gift", "honour", "english", "french",
            "german", "welsh", "hall", "church", "street", "wood", "stone", "field", "bishop", "parsons",
            "chester", "london", "leeds", "york", "lancaster", "black", "white", "brown", "green", "young",
            "best", "moss", "day", "price", "law", "power", "cook", "baker", "mason", "judge"}


def pct(a, b):
    return f"{a} ({100 * a / b:.1f}%)" if b else str(a)


def form_of(text, hits):
    t = norm(text)
    toks = t.replace(",", " ").split()
    if "," in t:
        return "Surname, First"
    for p in hits:
        if t in {norm(p["first_name"]), norm(p["preferred_name"]), norm(p["first_name"].split()[0])}:
            return "preferred name alone" if p["preferred_name"] and t == norm(p["preferred_name"]) \
                else "first name alone"
    for p in hits:
        if t == norm(p["last_name"]):
            return "surname alone"
    if any(len(x) == 1 for x in toks):
        return "name with initial"
    return "full name"


def main():
    d = Directory()
    roster = Counter(p["kind"] for p in d.rows)
    print("roster.csv:", len(d.rows), "people -", ", ".join(f"{k} {v}" for k, v in sorted(roster.items())))
    pref = Counter(p["kind"] for p in d.rows if p["preferred_name"])
    print("  with a preferred name:", ", ".join(f"{k} {pct(pref[k], roster[k])}" for k in sorted(roster)))
    print("  with personal_emails:", sum(1 for p in d.rows if p["personal_emails"]))
    recs = [json.loads(l) for l in open(TEST, encoding="utf-8")]
    n = len(recs)
    named = [r for r in recs if r["spans"]]
    det = [r for r in named if any(s[2] == "detector" for s in r["spans"])]
    dirl = [r for r in named if any(s[2] == "directory" for s in r["spans"])]
    print(f"\ntest.jsonl: {n} lines")
    print("  naming someone:", pct(len(named), n), "| naming nobody:", pct(n - len(named), n))
    print("  with a directory person:", pct(len(dirl), n), "| with a detector person:",
          pct(len(det), n), f"= {100 * len(det) / len(named):.1f}% of named lines")
    print("  ambiguous:", sum(r["ambiguous"] for r in recs))
    print("  case:", ", ".join(f"{k} {pct(v, n)}" for k, v in Counter(r["case"] for r in recs).most_common()))
    kinds = Counter(k for r in recs for k in r["kinds"])
    print("  lines naming a kind:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    spans = [s for r in recs for s in r["spans"]]
    print("  spans:", len(spans), "-", ", ".join(f"{k} {v}" for k, v in Counter(s[2] for s in spans).items()))
    forms = Counter()
    for r in recs:
        for s in r["spans"]:
            if s[2] == "directory":
                forms[form_of(s[3], d.lookup(s[3]))] += 1
    print("  directory span forms:", ", ".join(f"{k} {v}" for k, v in forms.most_common()))
    multi = sum(1 for r in recs if len(r["spans"]) >= 3)
    print("  lines with 3+ spans (lists):", multi)
    accents = sum(1 for s in spans if any(ord(c) > 127 for c in s[3]))
    print("  spans with diacritics:", accents)
    as_name = as_word = 0
    for r in recs:
        covered = set()
        for s in r["spans"]:
            covered.update(range(s[0], s[1]))
        for m in re.finditer(r"[A-Za-z]+", r["subject"]):
            w = m.group(0).lower()
            if w in WORDLIKE:
                if m.start() in covered:
                    as_name += 1
                else:
                    as_word += 1
    print(f"  word-like names: inside a span {as_name}, outside any span (word, place, org...) {as_word}")


if __name__ == "__main__":
    main()
