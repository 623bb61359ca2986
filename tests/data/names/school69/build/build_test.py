"""Build test.jsonl from the hand-written sources/lines_*.txt.

Markup: {text|p} pupil, {text|s} staff, {text|g} parent (all roster, label "directory");
<text> a person NOT on the roster (label "detector"). A line starting "?? " is ambiguous.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import classify_case  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\{([^{}|]+)\|([psg])\}|<([^<>]+)>")


def parse(line):
    ambiguous = False
    if line.startswith("?? "):
        ambiguous, line = True, line[3:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in TOKEN.finditer(line):
        out += line[pos:m.start()]
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        spans.append([len(out), len(out) + len(text), label, text])
        out += text
        pos = m.end()
    out += line[pos:]
    assert "{" not in out and "}" not in out and "<" not in out and ">" not in out, line
    return dict(subject=out, spans=spans, case=classify_case(out), kinds=sorted(kinds), ambiguous=ambiguous)


def main():
    rows, seen = [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for raw in open(path, encoding="utf-8"):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            r = parse(raw)
            if r["subject"] in seen:
                raise SystemExit(f"duplicate subject: {r['subject']}")
            seen.add(r["subject"])
            rows.append(r)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(rows))


if __name__ == "__main__":
    main()
