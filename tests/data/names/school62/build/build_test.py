"""Build test.jsonl from the hand-written sources/subjects_*.txt files (deterministic)."""
import glob
import json
import os

from common import ROOT, SRC, case_of, parse_marked

ORDER = ["office", "aln", "safeguarding", "class", "welsh", "head", "site", "eal"]


def source_files():
    files = []
    for name in ORDER:
        files.append(os.path.join(SRC, "subjects_%s.txt" % name))
    extra = sorted(set(glob.glob(os.path.join(SRC, "subjects_*.txt"))) - set(files))
    return [f for f in files if os.path.exists(f)] + extra


def records():
    out = []
    for path in source_files():
        with open(path, encoding="utf-8") as fh:
            for raw in fh:
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                ambiguous = False
                if line.startswith("?? "):
                    ambiguous = True
                    line = line[3:]
                subject, spans = parse_marked(line)
                subject = subject.strip()
                # (no leading/trailing whitespace inside marked lines is expected)
                shift = len(parse_marked(line)[0]) - len(parse_marked(line)[0].lstrip())
                kinds = sorted({s[4] for s in spans if s[4]})
                out.append({
                    "subject": subject,
                    "spans": [[a - shift, b - shift, lab, t] for a, b, lab, t, _k in spans],
                    "case": case_of(subject, [(a - shift, b - shift) for a, b, *_r in spans]),
                    "kinds": kinds,
                    "ambiguous": ambiguous,
                    "_span_kinds": [k for *_x, k in spans],
                    "_file": os.path.basename(path),
                })
    return out


def main():
    recs = records()
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            obj = {k: r[k] for k in ("subject", "spans", "case", "kinds", "ambiguous")}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    # span kind annotations are kept beside the set for verify.py
    with open(os.path.join(ROOT, "build", "span_kinds.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps({"subject": r["subject"], "span_kinds": r["_span_kinds"]},
                                ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
