#!/usr/bin/env python3
"""Strip markup from build/sources/*.txt, check names against roster.csv, write test.jsonl.

Source format: one subject per line; '#' starts a comment line; blank lines ignored.
Markup: [text|p] pupil, [text|s] staff, [text|g] parent/carer (all 'directory'), [text|d] outside person ('detector').
A line starting with '?? ' is flagged ambiguous (the marker is removed).
"""
import glob, json, os, random, sys
from common import ROOT, load_roster, name_index, norm, case_style, parse, KIND

SEED = 9
TITLES = {"mr", "mrs", "ms", "miss", "dr", "fr", "sr", "father", "sister", "canon", "deacon", "pc", "mx", "prof", "rev"}

def main():
    roster = load_roster()
    idx = name_index(roster)
    records, errors, seen = [], [], {}
    for path in sorted(glob.glob(os.path.join(ROOT, "build", "sources", "*.txt"))):
        src = os.path.basename(path)
        for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            amb = False
            if line.startswith("?? "):
                amb, line = True, line[3:]
            subj, spans = parse(line)
            where = f"{src}:{ln}"
            if "[" in subj and "|" in subj:
                errors.append(f"{where}: leftover markup: {subj}")
            if subj != subj.strip():
                errors.append(f"{where}: leading/trailing space")
            kinds = set()
            out_spans = []
            for s, e, t, text in spans:
                key = norm(text)
                if key.split()[0].rstrip(".") in TITLES:
                    errors.append(f"{where}: span includes a title: {text}")
                if key.endswith("'s"):
                    errors.append(f"{where}: span includes a possessive: {text}")
                if t == "d":
                    if key in idx:
                        errors.append(f"{where}: detector '{text}' is on roster: {[r['id'] for r in idx[key]]}")
                    out_spans.append([s, e, "detector", text])
                else:
                    want = KIND[t]
                    hits = [r for r in idx.get(key, []) if r["kind"] == want]
                    if not hits:
                        errors.append(f"{where}: '{text}' not a roster {want}")
                    kinds.add(want)
                    out_spans.append([s, e, "directory", text])
            if subj in seen:
                errors.append(f"{where}: duplicate subject (also {seen[subj]}): {subj}")
            seen[subj] = where
            records.append({"subject": subj, "spans": out_spans, "case": case_style(subj, spans),
                            "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors)); print(f"{len(errors)} errors"); sys.exit(1)
    random.Random(SEED).shuffle(records)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} lines to test.jsonl")

if __name__ == "__main__":
    main()
