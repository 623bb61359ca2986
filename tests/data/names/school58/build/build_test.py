"""Build test.jsonl from sources/lines_*.txt (hand-written, with inline markup).
Markup: {p:Text} pupil, {s:Text} staff, {g:Text} parent -> "directory" spans;
        {d:Text} person not on the roster -> "detector" span.
A line starting with '?' is ambiguous. Lines starting with '#' are comments."""
import glob
import json
import os
import re

from casestyle import case_style
from names import ROOT

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\{([psgd]):([^{}]+)\}")


def parse(line):
    ambiguous = line.startswith("?")
    if ambiguous:
        line = line[1:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(2)
        out.append(text)
        label = "detector" if m.group(1) == "d" else "directory"
        spans.append([start, start + len(text), label, text])
        if m.group(1) != "d":
            kinds.add(KIND[m.group(1)])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "{" in subject or "}" in subject:
        raise ValueError(f"bad markup: {line!r}")
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": ambiguous}


def main():
    recs, seen = [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                rec = parse(line)
                if rec["subject"] in seen:
                    raise SystemExit(f"duplicate subject: {rec['subject']!r} ({path})")
                seen.add(rec["subject"])
                recs.append(rec)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
