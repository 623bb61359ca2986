"""Build test.jsonl from the hand-written sources/lines_*.txt files.
Markup: {text|p} pupil, {text|s} staff, {text|g} parent (directory spans), {text|x} person not on roster
(detector span). A line starting with "~ " is ambiguous. Lines starting with # are comments."""
import glob, json, os, re
from common import ROOT, SRC, case_of

MARK = re.compile(r"\{([^{}|]+)\|([psgx])\}")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
ORDER = ["office", "attendance", "site", "teachers", "senco", "dsl", "head", "trips", "misc", "extra"]


def parse(line):
    amb = False
    if line.startswith("~ "):
        amb, line = True, line[2:]
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
    assert "{" not in subject and "|" not in subject, line
    return {"subject": subject, "spans": spans, "case": case_of(subject), "kinds": sorted(kinds), "ambiguous": amb}


def main():
    files = sorted(glob.glob(os.path.join(SRC, "lines_*.txt")),
                   key=lambda f: ORDER.index(os.path.basename(f)[6:-4]))
    recs = []
    for f in files:
        for line in open(f, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
