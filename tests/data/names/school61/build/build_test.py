"""Build test.jsonl from sources/lines_*.txt.

Markup in the source lines:
  [[text]]      directory span (a roster person); kind inferred when all matching roster people share a kind
  [[text|p]]    directory span with kind given: p=pupil, s=staff, g=parent (needed when a form is shared)
  {{text}}      detector span (a person not on the roster)
  a line starting with "? " is ambiguous; lines starting with "#" are comments.
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, SRC, classify_case, form_index, norm, read_roster  # noqa: E402

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
ERRORS = []
TOKEN = re.compile(r"\[\[(.+?)(?:\|([psg]))?\]\]|\{\{(.+?)\}\}")


def parse(line, idx, where):
    ambiguous = False
    if line.startswith("? "):
        ambiguous, line = True, line[2:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text = m.group(1)
            matches = idx.get(norm(text))
            if not matches:
                ERRORS.append(f"{where}: '{text}' is not a roster name form"); matches = {("?", "pupil")}
            if m.group(2):
                k = KIND[m.group(2)]
                if k not in {kd for _, kd in matches}:
                    ERRORS.append(f"{where}: '{text}' has no roster {k}")
            else:
                ks = {kd for _, kd in matches}
                if len(ks) != 1:
                    ERRORS.append(f"{where}: '{text}' is shared by {sorted(ks)}; give |p|s|g"); ks = {sorted(ks)[0]}
                k = ks.pop()
            kinds.add(k)
            spans.append([start, start + len(text), "directory", text])
        else:
            text = m.group(3)
            spans.append([start, start + len(text), "detector", text])
        out.append(text)
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
        raise SystemExit(f"{where}: stray markup")
    return {"subject": subject, "spans": spans, "case": classify_case(subject), "kinds": sorted(kinds),
            "ambiguous": ambiguous}


def main():
    idx = form_index(read_roster())
    items, seen = [], set()
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                where = f"{os.path.basename(path)}:{n}"
                item = parse(line, idx, where)
                if item["subject"] in seen:
                    raise SystemExit(f"{where}: duplicate subject {item['subject']!r}")
                seen.add(item["subject"])
                items.append(item)
    if ERRORS:
        raise SystemExit("\n".join(ERRORS))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"test: {len(items)} lines")


if __name__ == "__main__":
    main()
