"""Build test.jsonl from the hand-written sources/lines/*.txt.
Markup: {text} = roster person (directory), {text|kind} to say which kind when the name is shared,
<text> = person not on roster (detector). A line starting with '?? ' is ambiguous. '#' lines are comments."""
import glob, json, os, re, sys
from common import ROOT, fold, name_forms, load_roster, case_style

roster = load_roster()
keyset = set()
with open(os.path.join(ROOT, "sources", "roster_key.csv"), encoding="utf-8") as fh:
    for line in fh:
        if not line.startswith("#") and line.strip():
            f, p, l, k, _ = line.split(",", 4)
            keyset.add((f, l, k))
form_index = {}
for r in roster:
    for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
        form_index.setdefault(f, []).append(r)

TOKEN = re.compile(r"\{([^{}|]+)(?:\|(\w+))?\}|<([^<>]+)>")
out, errors, seen = [], [], set()
for path in sorted(glob.glob(os.path.join(ROOT, "sources", "lines", "*.txt"))):
    for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
        raw = raw.rstrip("\n")
        if not raw.strip() or raw.startswith("#"):
            continue
        amb = raw.startswith("?? ")
        if amb:
            raw = raw[3:]
        subject, spans, kinds, pos = "", [], set(), 0
        for m in TOKEN.finditer(raw):
            subject += raw[pos:m.start()]
            start = len(subject)
            if m.group(3):
                text, label = m.group(3), "detector"
            else:
                text, label = m.group(1), "directory"
                matches = form_index.get(fold(text), [])
                if not matches:
                    errors.append(f"{os.path.basename(path)}:{ln}: not a roster name form: {text!r}")
                if m.group(2):
                    if m.group(2) not in {r["kind"] for r in matches}:
                        errors.append(f"{os.path.basename(path)}:{ln}: no {m.group(2)} called {text!r}")
                    kinds.add(m.group(2))
                else:
                    km = {r["kind"] for r in matches if (r["first_name"], r["last_name"], r["kind"]) in keyset}
                    if not km:
                        km = {r["kind"] for r in matches}
                    if len(km) > 1:
                        errors.append(f"{os.path.basename(path)}:{ln}: {text!r} shared by kinds {sorted(km)}; annotate")
                    kinds |= km
            subject += text
            spans.append([start, len(subject), label, text])
            pos = m.end()
        subject += raw[pos:]
        if subject in seen:
            errors.append(f"{os.path.basename(path)}:{ln}: duplicate subject {subject!r}")
        seen.add(subject)
        out.append({"subject": subject, "spans": spans, "case": case_style(subject, spans),
                    "kinds": sorted(kinds), "ambiguous": amb})
if errors:
    print("\n".join(errors))
    sys.exit(1)
with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
    for o in out:
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")
print(f"test.jsonl: {len(out)} lines")
