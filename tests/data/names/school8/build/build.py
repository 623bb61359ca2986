#!/usr/bin/env python3
"""Strip inline markup from build/sources/*.txt, check names against roster.csv, write test.jsonl.
Markup: [text|p] pupil, [text|s] staff, [text|g] parent/carer, [text|d] person not on the roster.
A line starting with '~ ' is ambiguous; '#' lines and blank lines are ignored."""
import glob, json, os, random, re, sys
from common import ROOT, KIND_TAG, norm, load_roster, classify_case

SEED = 88
MARK = re.compile(r"\[([^\[\]|]+)\|([psgd])\]")

def parse(line):
    ambiguous = line.startswith("~ ")
    if ambiguous:
        line = line[2:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text, tag = m.group(1), m.group(2)
        out.append(text)
        spans.append([start, start + len(text), "detector" if tag == "d" else "directory", text, tag])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "[" in subject or "|" in subject:
        raise ValueError(f"stray markup: {line!r}")
    return subject, spans, ambiguous

def main():
    roster = load_roster()
    all_tokens_last = set()
    records, errors, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "build", "sources", "*.txt"))):
        src = os.path.basename(path)
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            try:
                subject, spans, amb = parse(line)
            except ValueError as e:
                errors.append(f"{src}:{n}: {e}"); continue
            kinds = set()
            for s, e, typ, text, tag in spans:
                found = roster.get(norm(text), set())
                if tag == "d":
                    if found:
                        errors.append(f"{src}:{n}: detector {text!r} is on the roster as {found}")
                    toks = norm(text).replace(".", "").split()
                    if len(toks) > 1 and norm(toks[-1]) in roster:
                        errors.append(f"{src}:{n}: detector surname {toks[-1]!r} is a roster name")
                else:
                    k = KIND_TAG[tag]
                    if k not in found:
                        errors.append(f"{src}:{n}: {text!r} is not a roster {k} (found {found or 'nothing'})")
                    kinds.add(k)
            if subject in seen:
                errors.append(f"{src}:{n}: duplicate subject {subject!r}")
            seen.add(subject)
            spans = [[s, e, typ, text] for s, e, typ, text, tag in spans]
            records.append({"subject": subject, "spans": spans, "case": classify_case(subject, spans),
                            "kinds": sorted(kinds), "ambiguous": amb, "_src": f"{src}:{n}"})
    if errors:
        print("\n".join(errors)); print(f"{len(errors)} errors"); sys.exit(1)
    random.Random(SEED).shuffle(records)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            r.pop("_src")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} lines to test.jsonl")

if __name__ == "__main__":
    main()
