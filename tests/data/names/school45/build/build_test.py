"""Build ../test.jsonl from the hand-written ../sources/lines_*.txt files (deterministic).

Markup in the sources:  [[text|p]] pupil, [[text|s]] staff, [[text|g]] parent  -> "directory" span
                        {{text}}                                               -> "detector" span
                        a line starting with "?? " is ambiguous.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import case_of

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "sources")
OUT = os.path.join(HERE, "..", "test.jsonl")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")


def parse(line):
    ambiguous = False
    if line.startswith("?? "):
        ambiguous, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    assert "[[" not in subject and "{{" not in subject and "]]" not in subject and "}}" not in subject, line
    return {"subject": subject, "spans": spans, "case": case_of(subject),
            "kinds": sorted(kinds), "ambiguous": ambiguous}


def main():
    records = []
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                records.append(parse(line))
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test: {len(records)} lines -> {OUT}")


if __name__ == "__main__":
    main()
