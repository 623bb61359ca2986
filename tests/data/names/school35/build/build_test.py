"""Build test.jsonl from the hand-written sources/lines_*.txt.

Markup in the source lines:
  [[text]]        a roster person (directory span); [[text|kind]] when the name form fits people of
                  several kinds (e.g. "Begum" = pupil, parent or staff) and the line says which
  {{text}}        a person not on the roster (detector span)
  trailing "|kind" default kind for spans in the line that fit several kinds
  leading "?? "   ambiguous line (no right answer)
  lines starting with # are comments.
"""
import csv
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from names import name_forms, norm, case_style  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


def load_forms():
    forms = {}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                forms.setdefault(f, set()).add(r["kind"])
    return forms


def main():
    forms = load_forms()
    out, errors, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            where = "%s:%d" % (os.path.basename(path), ln)
            amb = False
            if raw.startswith("?? "):
                amb, raw = True, raw[3:]
            default_kind = ""
            mk = re.search(r"\|(pupil|staff|parent)$", raw)
            if mk:  # trailing "|kind": applies to unannotated spans that fit several kinds
                default_kind, raw = mk.group(1), raw[:mk.start()]
            subject, spans, kinds, pos = "", [], set(), 0
            for m in TOKEN.finditer(raw):
                subject += raw[pos:m.start()]
                if m.group(1) is not None:
                    text, _, k = m.group(1).partition("|")
                    label = "directory"
                    ks = forms.get(norm(text))
                    if not k and ks and len(ks) > 1:
                        k = default_kind
                    if not ks:
                        errors.append("%s: %r is not a roster name form" % (where, text))
                        ks = set()
                    if k:
                        if k not in ks:
                            errors.append("%s: %r has no %s on roster (%s)" % (where, text, k, ks))
                        kinds.add(k)
                    elif len(ks) > 1:
                        errors.append("%s: %r fits kinds %s - annotate" % (where, text, sorted(ks)))
                    else:
                        kinds.update(ks)
                else:
                    text, label = m.group(2), "detector"
                    if norm(text) in forms:
                        errors.append("%s: detector %r equals a roster name form" % (where, text))
                spans.append([len(subject), len(subject) + len(text), label, text])
                subject += text
                pos = m.end()
            subject += raw[pos:]
            if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
                errors.append("%s: bad markup" % where)
            if subject in seen:
                errors.append("%s: duplicate subject %r" % (where, subject))
            seen.add(subject)
            out.append({"subject": subject, "spans": spans, "case": case_style(subject),
                        "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors))
        print(len(errors), "errors")
        sys.exit(1)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote", len(out), "lines")


if __name__ == "__main__":
    main()
