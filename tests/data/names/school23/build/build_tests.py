"""Build test.jsonl from sources/lines_*.txt (hand-written, inline markup).
Markup: [[text|k]] roster person (k = p pupil, s staff, g parent); {{text}} non-roster person;
a leading "? " marks an ambiguous line. A title written inside the brackets is moved outside the span."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, TITLES, KIND_LETTER, case_style

TOK = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")
FILES = ["lines_pastoral.txt", "lines_cover_exams.txt", "lines_sixth_staff.txt", "lines_misc.txt", "lines_extra.txt"]

def parse(line):
    amb = line.startswith("? ")
    if amb:
        line = line[2:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in TOK.finditer(line):
        out += line[pos:m.start()]
        text = m.group(1) if m.group(1) is not None else m.group(3)
        label = "directory" if m.group(1) is not None else "detector"
        words = text.split(" ")
        while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
            out += words.pop(0) + " "
        text = " ".join(words)
        spans.append([len(out), len(out) + len(text), label, text])
        if label == "directory":
            kinds.add(KIND_LETTER[m.group(2)])
        out += text
        pos = m.end()
    out += line[pos:]
    return {"subject": out, "spans": spans, "case": case_style(out), "kinds": sorted(kinds), "ambiguous": amb}

def main():
    recs, seen = [], set()
    for fn in FILES:
        path = os.path.join(ROOT, "sources", fn)
        if not os.path.exists(path):
            continue
        for raw in open(path, encoding="utf-8"):
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            r = parse(raw)
            if r["subject"] in seen:
                print("duplicate skipped:", r["subject"]); continue
            seen.add(r["subject"]); recs.append(r)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("test lines:", len(recs))

if __name__ == "__main__":
    main()
