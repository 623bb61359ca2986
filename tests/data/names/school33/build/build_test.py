"""Build test.jsonl from sources/lines_*.txt.
Markup: {p|Name} pupil, {s|Name} staff, {g|Name} parent (directory spans), {d|Name} detector span.
A line starting with '?' is ambiguous. '#' lines are comments."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from names import classify_case

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\{([psgd])\|([^{}|]+)\}")


def parse(raw):
    amb = raw.startswith("?")
    if amb:
        raw = raw[1:].lstrip()
    out, spans, kinds, pos = [], [], set(), 0
    subject = ""
    for m in MARK.finditer(raw):
        subject += raw[pos:m.start()]
        start = len(subject)
        subject += m.group(2)
        tag = m.group(1)
        label = "detector" if tag == "d" else "directory"
        spans.append([start, len(subject), label, m.group(2)])
        if tag != "d":
            kinds.add(KIND[tag])
        pos = m.end()
    subject += raw[pos:]
    if "{" in subject or "}" in subject:
        raise ValueError(f"bad markup: {raw}")
    return {"subject": subject, "spans": spans, "case": classify_case(subject), "kinds": sorted(kinds),
            "ambiguous": amb}


def main():
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for line in open(fn, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            recs.append(parse(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
