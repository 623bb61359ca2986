"""Build test.jsonl from the hand-written sources/lines_*.txt (deterministic)."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import case_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\{([^{}|]+)\|([psgx])\}")


def parse(line):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in MARK.finditer(line):
        out += line[pos:m.start()]
        start = len(out)
        out += m.group(1)
        k = m.group(2)
        spans.append([start, len(out), "detector" if k == "x" else "directory", m.group(1)])
        if k != "x":
            kinds.add(KIND[k])
        pos = m.end()
    out += line[pos:]
    if "{" in out or "}" in out:
        raise ValueError("bad markup: " + line)
    return {"subject": out, "spans": spans, "case": case_of(out, spans), "kinds": sorted(kinds), "ambiguous": amb}


def main():
    recs = []
    for p in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for line in open(p, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("test.jsonl: %d lines" % len(recs))


if __name__ == "__main__":
    main()
