"""Build test.jsonl from the hand-written sources/lines_*.txt.

Markup in a source line:
  {text}          directory span (a roster person); {text|kind} forces the kind
  <<text>>        detector span (a person not on the roster)
  ?? at the start marks the line ambiguous
  lines starting with # and blank lines are ignored
Kind of an unforced directory span: among roster kinds matching the form, prefer
staff>parent>pupil after a title (Mr/Mrs/...), otherwise pupil>staff>parent.
"""
import glob, json, os, re, sys
from common import ROOT, TITLES, fold, case_style, load_roster, roster_index

TOKEN = re.compile(r"\{([^{}|]+)(?:\|(pupil|staff|parent))?\}|<<([^<>]+)>>")


def parse(line, idx):
    amb = False
    if line.startswith("?? "):
        amb, line = True, line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(3):
            text, label = m.group(3), "detector"
        else:
            text, label = m.group(1), "directory"
            matched = idx.get(fold(text))
            if not matched:
                raise ValueError(f"not a roster name form: {text!r} in {line!r}")
            if m.group(2):
                if m.group(2) not in matched:
                    raise ValueError(f"kind {m.group(2)} not matching {text!r}")
                kinds.add(m.group(2))
            else:
                prev = "".join(out).rstrip().split(" ")[-1].rstrip(".").lower() if "".join(out).strip() else ""
                order = ["staff", "parent", "pupil"] if prev in TITLES else ["pupil", "staff", "parent"]
                kinds.add(next(k for k in order if k in matched))
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    return {"subject": subject, "spans": spans, "case": case_style(subject),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    idx = roster_index(load_roster())
    recs, errors = [], 0
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                try:
                    recs.append(parse(line, idx))
                except ValueError as e:
                    errors += 1
                    print(f"{os.path.basename(path)}:{n}: {e}", file=sys.stderr)
    if errors:
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test: {len(recs)} lines")


if __name__ == "__main__":
    main()
