"""Build test.jsonl from the hand-written sources/lines_*.txt (deterministic).

Markup in the sources:
  <<text|p>>  directory span naming a roster pupil   (s = staff, g = parent/guardian)
  {{text}}    detector span: a person who is not on the roster
  a line starting with "?? " is ambiguous (no single right answer)
  lines starting with "#" are comments
"""
import csv
import glob
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import case_of, fold, name_forms  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"<<(.+?)\|([psg])>>|\{\{(.+?)\}\}")


def load_forms():
    by_kind = {"pupil": set(), "staff": set(), "parent": set()}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            by_kind[r["kind"]] |= name_forms(r["first_name"], r["preferred_name"], r["last_name"])
    return by_kind


def parse(line):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, label, kind = m.group(1), "directory", KIND[m.group(2)]
        else:
            text, label, kind = m.group(3), "detector", None
        out.append(text)
        spans.append((start, start + len(text), label, text, kind))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans, amb


def main():
    forms = load_forms()
    allforms = set().union(*forms.values())
    rows, errors, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            subject, spans, amb = parse(line)
            where = f"{os.path.basename(path)}:{n}"
            if "<<" in subject or "{{" in subject or "|p>>" in subject:
                errors.append(f"{where}: bad markup")
            for s, e, label, text, kind in spans:
                if label == "directory" and fold(text) not in forms[kind]:
                    errors.append(f"{where}: '{text}' is not a {kind} name form")
                if label == "detector" and fold(text) in allforms:
                    errors.append(f"{where}: detector '{text}' equals a roster name form")
            if subject in seen:
                errors.append(f"{where}: duplicate subject {subject!r}")
            seen.add(subject)
            kinds = sorted({k for *_, k in spans if k})
            rows.append({
                "subject": subject,
                "spans": [[s, e, label, text] for s, e, label, text, _ in spans],
                "case": case_of(subject),
                "kinds": kinds,
                "ambiguous": amb,
            })
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    random.Random(70).shuffle(rows)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(rows)} lines")


if __name__ == "__main__":
    main()
