"""Build test.jsonl from the hand-written, marked-up lines in sources/lines/*.txt (deterministic)."""
import glob
import json
import os
import re

from common import ROOT, SRC, case_of

MARK = re.compile(r"\[\[(.+?)\|([psgx])\]\]")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}


def parse(line):
    ambiguous = False
    if line.startswith("?? "):
        ambiguous = True
        line = line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text, k = m.group(1), m.group(2)
        out.append(text)
        label = "detector" if k == "x" else "directory"
        spans.append([start, start + len(text), label, text])
        if k != "x":
            kinds.add(KIND[k])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "[[" in subject or "]]" in subject:
        raise ValueError(f"bad markup: {line!r}")
    return {"subject": subject, "spans": spans, "case": case_of(subject), "kinds": sorted(kinds),
            "ambiguous": ambiguous}


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(SRC, "lines", "*.txt"))):
        if os.path.basename(path) == "README.txt":
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8", newline="\n") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
