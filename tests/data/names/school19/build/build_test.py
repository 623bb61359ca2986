"""Build test.jsonl from the hand-written sources/lines/*.txt.

Markup in the source lines:
  [[text]]        directory span (person on the roster); [[text|pupil]] / |staff / |parent / |P0012 picks the
                  person when the text matches roster people of several kinds
  {{text}}        detector span (a person who is not on the roster)
  ?? at line start marks the line ambiguous.  # starts a comment line.
"""
import csv
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import fold, name_forms, case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK = re.compile(r"\[\[(.+?)(?:\|(\w+))?\]\]|\{\{(.+?)\}\}")


def load_index():
    idx = {}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                idx.setdefault(f, []).append((r["id"], r["kind"]))
    return idx


def parse(raw, idx, where):
    ambiguous = False
    if raw.startswith("?? "):
        ambiguous, raw = True, raw[3:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in MARK.finditer(raw):
        out += raw[pos:m.start()]
        pos = m.end()
        if m.group(3) is not None:
            text = m.group(3)
            if fold(text) in idx:
                raise SystemExit(f"{where}: detector span {text!r} is a roster name form")
            spans.append([len(out), len(out) + len(text), "detector", text])
        else:
            text, hint = m.group(1), m.group(2)
            cands = idx.get(fold(text), [])
            if hint:
                cands = [c for c in cands if c[0] == hint or c[1] == hint]
            if not cands:
                raise SystemExit(f"{where}: directory span {text!r} (hint {hint}) matches nobody")
            ks = {c[1] for c in cands}
            if len(ks) > 1:
                raise SystemExit(f"{where}: directory span {text!r} matches kinds {sorted(ks)}; add a hint")
            kinds |= ks
            spans.append([len(out), len(out) + len(text), "directory", text])
        out += text
    out += raw[pos:]
    if "[[" in out or "]]" in out or "{{" in out or "}}" in out:
        raise SystemExit(f"{where}: unbalanced markup")
    return {"subject": out, "spans": spans, "case": case_of(out), "kinds": sorted(kinds), "ambiguous": ambiguous}


def main():
    idx = load_index()
    recs, seen = [], {}
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{os.path.basename(path)}:{n}"
            rec = parse(line, idx, where)
            if rec["subject"] in seen:
                raise SystemExit(f"{where}: duplicate subject (also {seen[rec['subject']]})")
            seen[rec["subject"]] = where
            recs.append(rec)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test: {len(recs)} lines")


if __name__ == "__main__":
    main()
