"""Build test.jsonl from sources/lines_*.txt.

Markup in the source lines:
  {{text}}          directory span (a roster person); kind resolved from roster.csv
  {{text|kind}}     directory span whose form matches people of several kinds: the kind meant here
  <<text>>          detector span (a person who is not on the roster)
  a leading "~ "    marks the line ambiguous
  lines starting with "#" are comments.
"""
import glob
import json
import os
import re
import sys
from common import ROOT, SRC, fold, read_roster, form_index, case_of

TOKEN = re.compile(r"\{\{(.+?)(?:\|(pupil|staff|parent))?\}\}|<<(.+?)>>")


def parse(line, idx, where):
    ambiguous = False
    if line.startswith("~ "):
        ambiguous, line = True, line[2:]
    out, spans, kinds, pos, errors = [], [], set(), 0, []
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(3) is not None:
            text = m.group(3)
            spans.append([start, start + len(text), "detector", text])
        else:
            text, want = m.group(1), m.group(2)
            got = idx.get(fold(text))
            if not got:
                errors.append(f"{where}: not a roster form: {text!r}")
            elif want:
                if want not in got:
                    errors.append(f"{where}: {text!r} has no {want} (has {sorted(got)})")
                kinds.add(want)
            elif len(got) > 1:
                errors.append(f"{where}: {text!r} needs a kind, could be {sorted(got)}")
            else:
                kinds |= got
            spans.append([start, start + len(text), "directory", text])
        out.append(text)
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "{{" in subject or "}}" in subject or "<<" in subject or ">>" in subject:
        errors.append(f"{where}: stray markup")
    rec = {"subject": subject, "spans": spans, "case": case_of(subject),
           "kinds": sorted(kinds), "ambiguous": ambiguous}
    return rec, errors


def main():
    idx = form_index(read_roster())
    recs, errors = [], []
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rec, errs = parse(line, idx, f"{os.path.basename(path)}:{n}")
            recs.append(rec)
            errors.extend(errs)
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
