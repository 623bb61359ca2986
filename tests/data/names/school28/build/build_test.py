"""Build test.jsonl from the hand-written sources/lines_*.txt.

Markup: [[text|k]] where k = p (pupil), s (staff), g (parent/guardian) -> directory span,
        x -> detector span (a person not on the roster).
A line starting with '?? ' is ambiguous (no right answer; written without spans).
Lines starting with '#' and blank lines are ignored.
"""
import glob, json, os, re
from common import ROOT, case_of

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\[\[([^\]|]+)\|([psgx])\]\]")


def parse(line):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text, k = m.group(1), m.group(2)
        out.append(text)
        spans.append([start, start + len(text), "detector" if k == "x" else "directory", text])
        if k != "x":
            kinds.add(KIND[k])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    assert "[[" not in subject and "]]" not in subject, line
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
