"""Build test.jsonl from sources/lines/*.txt (hand-written, inline markup). Deterministic.

Markup: [[text]] = directory span (roster person), [[text|kind]] = same with explicit kind
when the name form is shared by people of different kinds, <<text>> = detector span.
A line starting with '?? ' is ambiguous (no spans). Lines starting with '#' are comments.
"""
import csv, glob, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from names import name_forms, norm, case_of

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLE_RE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Cllr|Rev|PC|Prof|Pastor|Coach)\.?\s+", re.I)

def load_index():
    idx = {}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for form in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                idx.setdefault(form, set()).add(r["kind"])
    return idx

ERRORS = []
TOKEN = re.compile(r"\[\[(.+?)\]\]|<<(.+?)>>")

def parse(line, idx, where):
    ambiguous = line.startswith("?? ")
    if ambiguous:
        line = line[3:]
    out, spans, kinds, pos = "", [], set(), 0
    for m in TOKEN.finditer(line):
        out += line[pos:m.start()]
        pos = m.end()
        if m.group(1) is not None:
            text, _, kind = m.group(1).partition("|")
            label = "directory"
        else:
            text, kind, label = m.group(2), "", "detector"
        # titles stay outside the span
        t = TITLE_RE.match(text)
        if t:
            out += text[:t.end()]
            text = text[t.end():]
        start = len(out)
        out += text
        spans.append([start, start + len(text), label, text])
        if label == "directory":
            ks = idx.get(norm(text))
            if not ks:
                ERRORS.append(f"{where}: '{text}' is not a roster name form")
                continue
            if kind:
                if kind not in ks:
                    ERRORS.append(f"{where}: '{text}' has no {kind}")
                kinds.add(kind)
            elif len(ks) > 1:
                ERRORS.append(f"{where}: '{text}' is shared by {sorted(ks)} - annotate")
            else:
                kinds |= ks
    out += line[pos:]
    if ambiguous:
        spans, kinds = [], set()
    return {"subject": out, "spans": spans, "case": case_of(out), "kinds": sorted(kinds),
            "ambiguous": ambiguous}

def main():
    idx = load_index()
    recs = []
    for fn in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
        with open(fn, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                recs.append(parse(line, idx, f"{os.path.basename(fn)}:{n}"))
    if ERRORS:
        sys.exit("\n".join(ERRORS))
    random.Random(27).shuffle(recs)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))

if __name__ == "__main__":
    main()
