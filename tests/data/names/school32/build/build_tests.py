"""Build test.jsonl from sources/lines_*.txt (hand-written, inline markup).

Markup:  [[Name]] roster person (directory); [[Name|p]] / |s / |g forces kind when the
name form fits people of several kinds; {{Name}} person not on roster (detector);
a line starting with '?? ' is ambiguous. '#' starts a comment line.
"""
import glob
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from names import case_style, fold, form_index, load_roster

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOKEN = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


def parse(raw, idx, where):
    amb = raw.startswith("?? ")
    if amb:
        raw = raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOKEN.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, _, force = m.group(1).partition("|")
            hits = idx.get(fold(text))
            if not hits:
                raise ValueError("%s: not a roster name form: %r" % (where, text))
            ks = {k for _, k in hits}
            if force:
                if KIND[force] not in ks:
                    raise ValueError("%s: forced kind %s not possible for %r" % (where, force, text))
                ks = {KIND[force]}
            elif len(ks) > 1:
                raise ValueError("%s: %r fits kinds %s - add |p/|s/|g" % (where, text, sorted(ks)))
            kinds |= ks
            label = "directory"
        else:
            text = m.group(2)
            if fold(text) in idx:
                raise ValueError("%s: detector text is a roster name form: %r" % (where, text))
            label = "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
        raise ValueError("%s: stray markup" % where)
    return {"subject": subject, "spans": spans, "case": case_style(subject, spans),
            "kinds": sorted(kinds), "ambiguous": amb}


def main():
    idx = form_index(load_roster(os.path.join(ROOT, "roster.csv")))
    recs, seen, errors = [], set(), []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines_*.txt"))):
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            try:
                rec = parse(raw, idx, "%s:%d" % (os.path.basename(path), n))
            except ValueError as e:
                errors.append(str(e))
                continue
            if rec["subject"] in seen:
                sys.exit("%s:%d duplicate subject %r" % (path, n, rec["subject"]))
            seen.add(rec["subject"])
            recs.append(rec)
    if errors:
        sys.exit("\n".join(errors))
    random.Random(32).shuffle(recs)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
