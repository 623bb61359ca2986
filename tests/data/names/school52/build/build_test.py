"""Build test.jsonl from the hand-written sources/lines_*.txt.

Markup in the source files (one subject per line):
  ⟦text|k⟧   directory span (roster person); k = p (pupil), s (staff), g (parent/guardian)
  ⟪text⟫     detector span (a person not on the roster)
  a line starting with '?? ' is ambiguous (marker removed)
  lines starting with '#' are comments.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import case_of  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"⟦([^⟧|]+)\|([psg]+)⟧|⟪([^⟫]+)⟫")


def parse(line):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text = m.group(1)
            spans.append([start, start + len(text), "directory", text])
            for k in m.group(2):
                kinds.add(KIND[k])
        else:
            text = m.group(3)
            spans.append([start, start + len(text), "detector", text])
        out.append(text)
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if any(c in subject for c in "⟦⟧⟪⟫"):
        raise ValueError(f"bad markup: {line}")
    return {"subject": subject, "spans": spans, "case": case_of(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test: {len(recs)} lines")


if __name__ == "__main__":
    main()
