"""Build test.jsonl from sources/lines/*.txt.
Markup: {Name} directory span, {Name|p} / |s / |g (or combos) pins the roster kind(s) when the name form
is shared across kinds, <<Name>> detector span, a trailing ' ##amb' marks the line ambiguous.
Lines starting with '#' are comments (sender headings)."""
import glob
import json
import os
import re
import sys
from common import ROOT, load_roster, form_index, norm, case_of

KMAP = {"p": "pupil", "s": "staff", "g": "parent"}
TOK = re.compile(r"\{([^{}|]+)(?:\|([psg]+))?\}|<<([^<>]+)>>")


def parse(raw):
    amb = False
    if raw.endswith(" ##amb"):
        amb, raw = True, raw[: -len(" ##amb")]
    out, spans, pos = [], [], 0
    for m in TOK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, pin, label = m.group(1), m.group(2), "directory"
        else:
            text, pin, label = m.group(3), None, "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text, pin])
        pos = m.end()
    out.append(raw[pos:])
    return "".join(out), spans, amb


def main():
    _, people = load_roster()
    idx = form_index(people)
    errors, recs = [], []
    files = sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt")))
    for fn in files:
        for n, raw in enumerate(open(fn, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            subj, spans, amb = parse(raw)
            kinds = set()
            for s in spans:
                if s[2] == "directory":
                    cands = idx.get(norm(s[3]), set())
                    if not cands:
                        errors.append(f"{os.path.basename(fn)}:{n}: not on roster: {s[3]!r}")
                        continue
                    if s[4]:
                        pin = {KMAP[c] for c in s[4]}
                        if not pin <= cands:
                            errors.append(f"{os.path.basename(fn)}:{n}: pin {s[4]} not in {sorted(cands)} for {s[3]!r}")
                        kinds |= pin
                    elif len(cands) > 1:
                        errors.append(f"{os.path.basename(fn)}:{n}: {s[3]!r} is {sorted(cands)} - pin it")
                    else:
                        kinds |= cands
                elif norm(s[3]) in idx:
                    errors.append(f"{os.path.basename(fn)}:{n}: detector equals roster form {s[3]!r}")
            recs.append({"subject": subj, "spans": [s[:4] for s in spans], "case": case_of(subj),
                         "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test.jsonl: {len(recs)} lines")


if __name__ == "__main__":
    main()
