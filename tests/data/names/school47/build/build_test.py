"""Build test.jsonl from sources/lines/*.txt.
Markup: {text|k} = roster person (k: p pupil, s staff, g parent) -> 'directory' span;
<text> = person not on roster -> 'detector' span; a line starting with '?? ' is ambiguous.
Lines starting with '#' and blank lines are ignored. Files are read in sorted order."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import case_style, name_forms, fold
import csv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\{([^{}|]+)\|([psg])\}|<([^<>]+)>")


def parse(line):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
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
    assert not re.search(r"[{}<>]", subject), line
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def load_forms():
    forms = {"pupil": set(), "staff": set(), "parent": set()}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            forms[r["kind"]] |= name_forms(r["first_name"], r["preferred_name"], r["last_name"])
    return forms


def main():
    forms = load_forms()
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                raw = raw.rstrip("\n")
                if not raw.strip() or raw.startswith("#"):
                    continue
                rec = parse(raw)
                for m in TOKEN.finditer(raw):
                    if m.group(1) is not None and fold(m.group(1)) not in forms[KIND[m.group(2)]]:
                        print(f"WARNING {os.path.basename(path)}: {m.group(1)!r} is not a {KIND[m.group(2)]} name form")
                recs.append(rec)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
