"""Build test.jsonl from sources/lines_*.txt (hand-written, inline-marked). Deterministic."""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, case_style, fold, form_index, load_roster  # noqa: E402

class BuildError(Exception):
    pass


MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
ORDER = ["lines_pastoral.txt", "lines_attendance_exams.txt"]


def parse(line, idx, where):
    ambiguous = False
    if line.startswith("?? "):
        ambiguous, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            body = m.group(1)
            text, _, kind = body.partition("|")
            hits = idx.get(fold(text))
            if not hits:
                raise BuildError(f"{where}: '{text}' is not a roster name form")
            ks = {k for _, k in hits}
            if kind:
                if kind not in ks:
                    raise BuildError(f"{where}: '{text}' has no {kind} on roster ({ks})")
                ks = {kind}
            if len(ks) > 1:
                raise BuildError(f"{where}: '{text}' matches kinds {sorted(ks)}; annotate |kind")
            kinds |= ks
            label = "directory"
        else:
            text = m.group(2)
            if fold(text) in idx:
                raise BuildError(f"{where}: detector '{text}' equals a roster name form")
            label = "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": ambiguous}


def main():
    idx = form_index(load_roster())
    files = sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt")))
    records, seen, errors = [], set(), []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                try:
                    rec = parse(line, idx, f"{os.path.basename(path)}:{n}")
                except BuildError as e:
                    errors.append(str(e))
                    continue
                if rec["subject"] in seen:
                    raise SystemExit(f"{path}:{n}: duplicate subject {rec['subject']!r}")
                seen.add(rec["subject"])
                records.append(rec)
    if errors:
        raise SystemExit("\n".join(errors))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(records))


if __name__ == "__main__":
    main()
