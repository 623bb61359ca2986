"""Build test.jsonl from the hand-written sources/lines_*.txt files.

Markup inside a line:  [[Name]] directory span, [[Name|p]] / |s / |g hint the roster kind
(pupil/staff/parent) when a name form is shared across kinds, {{Name}} detector span.
A line starting with '?? ' is ambiguous (kept as written, no spans).
"""
import glob, json, os, re, sys
from common import ROOT, read_roster, form_index, fold, case_of

HINT = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)(?:\|([psg]+))?\]\]|\{\{(.+?)\}\}")


def parse(line, idx, where):
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text = m.group(1)
            ks = idx.get(fold(text))
            if not ks:
                sys.exit(f"{where}: '{text}' is not a roster name form")
            if m.group(2):
                want = {HINT[c] for c in m.group(2)}
                if not want <= ks:
                    sys.exit(f"{where}: '{text}' hint {want} not in {ks}")
                ks = want
            elif len(ks) > 1:
                sys.exit(f"{where}: '{text}' matches kinds {sorted(ks)}; add a hint")
            kinds |= ks
            spans.append([start, start + len(text), "directory", text])
        else:
            text = m.group(3)
            if fold(text) in idx:
                sys.exit(f"{where}: detector '{text}' equals a roster name form")
            spans.append([start, start + len(text), "detector", text])
        out.append(text)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans, sorted(kinds)


def main():
    _, people = read_roster()
    idx = form_index(people)
    recs, seen, errors = [], {}, []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{os.path.basename(path)}:{n}"
            amb = line.startswith("?? ")
            if amb:
                line = line[3:]
            try:
                subject, spans, kinds = parse(line, idx, where)
            except SystemExit as e:
                errors.append(str(e)); continue
            if amb:
                spans, kinds = [], []
            if subject in seen:
                sys.exit(f"{where}: duplicate of {seen[subject]}: {subject}")
            seen[subject] = where
            recs.append({"subject": subject, "spans": spans, "case": case_of(subject, spans),
                         "kinds": kinds, "ambiguous": amb})
    if errors:
        sys.exit("\n".join(errors))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
