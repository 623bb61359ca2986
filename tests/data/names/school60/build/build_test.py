"""Build test.jsonl from hand-written sources/lines_*.txt.

Markup: {Name} = directory span (roster person); {Name|p} / {Name|s} / {Name|g} pins the kind
(pupil / staff / parent) when the name form is shared by roster people of different kinds;
<Name> = detector span (person not on the roster). A line starting with '?? ' is ambiguous.
Lines starting with '#' are comments.
"""
import csv
import glob
import json
import os
import random
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(__file__))
from names import name_forms, norm, case_style

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\{([^{}|]+)(?:\|([psgPSG]))?\}|<([^<>]+)>")


def load_index():
    idx = defaultdict(set)
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for form in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                idx[form].add(r["kind"])
    return idx


def parse(line, idx, where):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, hint = m.group(1), (m.group(2) or "").lower()
            cands = idx.get(norm(text), set())
            if not cands:
                raise SystemExit(f"{where}: '{text}' is not a roster name form")
            if hint:
                if KIND[hint] not in cands:
                    raise SystemExit(f"{where}: '{text}' has no {KIND[hint]} on roster ({cands})")
                cands = {KIND[hint]}
            if len(cands) != 1:
                raise SystemExit(f"{where}: '{text}' kind ambiguous {sorted(cands)}; add |p/|s/|g")
            kinds |= cands
            label = "directory"
        else:
            text = m.group(3)
            if norm(text) in idx:
                raise SystemExit(f"{where}: detector '{text}' equals a roster name form")
            label = "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "{" in subject or "}" in subject or "<" in subject or ">" in subject:
        raise SystemExit(f"{where}: stray markup in {subject!r}")
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    idx = load_index()
    recs, seen, errors = [], {}, []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as f:
            for n, ln in enumerate(f, 1):
                ln = ln.rstrip("\n")
                if not ln.strip() or ln.startswith("#"):
                    continue
                where = f"{os.path.basename(path)}:{n}"
                try:
                    rec = parse(ln, idx, where)
                except SystemExit as e:
                    errors.append(str(e))
                    continue
                if rec["subject"] in seen:
                    errors.append(f"{where}: duplicate subject (also {seen[rec['subject']]})")
                    continue
                seen[rec["subject"]] = where
                recs.append(rec)
    if errors:
        raise SystemExit("\n".join(errors + [f"{len(errors)} errors"]))
    random.Random(60).shuffle(recs)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
