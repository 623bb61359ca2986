"""Build test.jsonl from sources/lines_*.txt.

Markup: [[text|k]] = roster person (k: p pupil, s staff, g parent), {{text}} = person not on
roster (detector). A line starting with '?? ' is ambiguous. '#' lines are comments."""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import case_style  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")


def parse(raw):
    amb = raw.startswith("?? ")
    if amb:
        raw = raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    length = 0
    for m in TOKEN.finditer(raw):
        pre = raw[pos:m.start()]
        out.append(pre)
        length += len(pre)
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        spans.append([length, length + len(text), label, text])
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
        raise ValueError(f"bad markup: {raw}")
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(rows)} lines")


if __name__ == "__main__":
    main()
