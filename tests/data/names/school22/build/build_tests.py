"""Build test.jsonl from sources/lines/*.txt.
Markup: [[Name]] or [[Name|p/s/g]] = directory span (pupil/staff/parent; kind inferred when the name form
belongs to one kind only), {{Name}} = detector span, a line starting with '?? ' is ambiguous.
Lines starting with '#' and blank lines are ignored."""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, load_roster, form_index, fold, case_style

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
idx = form_index(load_roster())
TOK = re.compile(r"\[\[(.+?)(?:\|([psg]))?\]\]|\{\{(.+?)\}\}")
out, errors = [], []
for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
    for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.startswith("#"):
            continue
        amb = raw.startswith("?? ")
        if amb:
            raw = raw[3:]
        subject, spans, kinds, pos = "", [], set(), 0
        for m in TOK.finditer(raw):
            subject += raw[pos:m.start()]
            text = m.group(1) or m.group(3)
            start = len(subject)
            subject += text
            if m.group(1):
                ks = idx.get(fold(text), set())
                if m.group(2):
                    k = KIND[m.group(2)]
                    if k not in ks:
                        errors.append(f"{path}:{ln}: {text!r} is not a {k} name form")
                elif len(ks) == 1:
                    k = next(iter(ks))
                else:
                    errors.append(f"{path}:{ln}: {text!r} kinds {sorted(ks)} - need explicit kind")
                    k = "pupil"
                kinds.add(k)
                spans.append([start, start + len(text), "directory", text])
            else:
                if fold(text) in idx:
                    errors.append(f"{path}:{ln}: detector {text!r} is a roster name form")
                spans.append([start, start + len(text), "detector", text])
            pos = m.end()
        subject += raw[pos:]
        if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
            errors.append(f"{path}:{ln}: leftover markup")
        out.append({"subject": subject, "spans": spans, "case": case_style(subject),
                    "kinds": sorted(kinds), "ambiguous": amb})
seen = set()
for o in out:
    if o["subject"] in seen:
        errors.append("duplicate: " + o["subject"])
    seen.add(o["subject"])
if errors:
    print("\n".join(errors))
    sys.exit(1)
with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
    for o in out:
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")
print("lines:", len(out))
