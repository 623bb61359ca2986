"""Build ../test.jsonl from the hand-written ../sources/lines_*.txt files.

Markup in the source lines:
  [[text]]      directory span, a pupil on the roster
  [[text|s]]    directory span, a member of staff;  [[text|g]] a parent
  <<text>>      detector span (a real person who is not on the roster)
  a line starting with "?? " is marked ambiguous
  lines starting with "#" are comments
"""
import csv
import glob
import json
import os
import re
from common import name_forms, norm, case_of

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)(?:\|([spg]))?\]\]|<<(.+?)>>")


def load_forms():
    forms = {}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for x in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                forms.setdefault(x, set()).add(r["kind"])
    return forms


def parse(line):
    out, spans, pos = [], [], 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(3) is not None:
            text, label, kind = m.group(3), "detector", None
        else:
            text, label, kind = m.group(1), "directory", KIND[m.group(2) or "p"]
        out.append(text)
        spans.append([start, start + len(text), label, text, kind])
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans


def main():
    forms = load_forms()
    records, seen, errors = [], set(), []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                amb = line.startswith("?? ")
                if amb:
                    line = line[3:]
                subject, spans = parse(line)
                where = f"{os.path.basename(path)}:{n}"
                if "[[" in subject or "]]" in subject or "<<" in subject or ">>" in subject:
                    errors.append(f"{where}: stray markup")
                for s in spans:
                    key = norm(s[3])
                    if s[2] == "directory":
                        if s[4] not in forms.get(key, set()):
                            errors.append(f"{where}: {s[3]!r} is not a name form of any {s[4]}")
                    elif key in forms:
                        errors.append(f"{where}: detector {s[3]!r} equals a roster name form")
                if subject in seen:
                    errors.append(f"{where}: duplicate subject {subject!r}")
                seen.add(subject)
                kinds = sorted({s[4] for s in spans if s[2] == "directory"})
                records.append({
                    "subject": subject,
                    "spans": [s[:4] for s in spans],
                    "case": case_of(subject),
                    "kinds": kinds,
                    "ambiguous": amb,
                })
    if errors:
        print("\n".join(errors))
        raise SystemExit(f"{len(errors)} errors")
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(records)} lines")


if __name__ == "__main__":
    main()
