#!/usr/bin/env python3
"""Build test.jsonl from the hand-written role files in build/sources/.

Source line syntax (one subject per line):
    [text|p] roster pupil   [text|s] roster staff   [text|g] roster parent/carer
    [text|d] detector person (real-seeming, NOT on the roster)
    leading '?? '   marks the line ambiguous
    leading '@upper ' / '@title ' / '@sentence ' / '@lower '   overrides the inferred case
    lines starting with '#' are comments.
"""
import glob, json, os, random, sys
from common import Directory, SPAN_RE, KIND, TEST, infer_case

SEED = 7
HERE = os.path.dirname(os.path.abspath(__file__))


def parse(line):
    amb = False
    case = None
    while True:
        if line.startswith("?? "):
            amb, line = True, line[3:]
        elif line.startswith("@") and line.split(" ", 1)[0][1:] in ("upper", "title", "sentence", "lower"):
            tag, line = line.split(" ", 1)
            case = tag[1:]
        else:
            break
    out, spans, pos = [], [], 0
    for m in SPAN_RE.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        spans.append([start, start + len(text), m.group(2), text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    return subject, spans, case, amb


def main():
    d = Directory()
    errors, records, seen = [], [], {}
    disagree = []
    for path in sorted(glob.glob(os.path.join(HERE, "sources", "*.txt"))):
        src = os.path.basename(path)
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                subject, spans, case, amb = parse(line)
                where = f"{src}:{n}"
                if "[" in subject and "|" in subject:
                    errors.append(f"{where}: leftover markup? {subject!r}")
                if subject != subject.strip() or "  " in subject:
                    errors.append(f"{where}: stray whitespace {subject!r}")
                if subject in seen:
                    errors.append(f"{where}: duplicate of {seen[subject]}: {subject!r}")
                seen[subject] = where
                kinds = set()
                out_spans = []
                for s, e, tag, text in spans:
                    if text != text.strip():
                        errors.append(f"{where}: span has whitespace {text!r}")
                    if tag == "d":
                        why = d.detector_clash(text)
                        if why:
                            errors.append(f"{where}: detector {text!r} {why}")
                        out_spans.append([s, e, "detector", text])
                    else:
                        k = KIND[tag]
                        hits = [p for p in d.lookup(text) if p["kind"] == k]
                        if not hits:
                            errors.append(f"{where}: no {k} on roster for {text!r}")
                        kinds.add(k)
                        out_spans.append([s, e, "directory", text])
                auto = infer_case(subject, out_spans)
                if case is None:
                    case = auto
                elif case != auto:
                    disagree.append(f"{where}: override {case} (auto {auto}): {subject}")
                records.append({"subject": subject, "spans": out_spans, "case": case,
                                "kinds": sorted(kinds), "ambiguous": amb, "_src": src})
    if "-v" in sys.argv:
        for x in disagree:
            print("note:", x)
    if "-c" in sys.argv:
        for r in records:
            print(f"{r['case']:8} {r['_src']:22} {r['subject']}")
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} errors; test.jsonl NOT written")
        sys.exit(1)
    random.Random(SEED).shuffle(records)
    with open(TEST, "w", encoding="utf-8") as fh:
        for r in records:
            r.pop("_src")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {TEST}: {len(records)} lines")


if __name__ == "__main__":
    main()
