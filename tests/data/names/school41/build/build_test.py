"""Build test.jsonl from sources/lines_*.txt (hand-written, inline markup).

Markup: [[text|p]] roster pupil, [[text|s]] roster staff, [[text|g]] roster parent/guardian,
{{text}} person not on the roster (detector). A line starting with "?? " is ambiguous.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import case_style

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")


def parse(line):
    ambiguous = False
    if line.startswith("?? "):
        ambiguous, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    length = 0
    for m in TOKEN.finditer(line):
        chunk = line[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        spans.append([length, length + len(text), label, text])
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    return {"subject": subject, "spans": spans, "case": case_style(subject, spans),
            "kinds": sorted(kinds), "ambiguous": ambiguous}


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
