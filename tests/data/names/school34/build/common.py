"""Shared helpers: folding, name forms, case classification, markup parsing (stdlib only)."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")

_TRANS = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                        "’": "'", "‘": "'", "ß": "ss", "æ": "ae"})

def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s.translate(_TRANS))
    return "".join(c for c in s if not unicodedata.combining(c))

def norm(s):
    s = ascii_fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip()

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "prof", "dame",
          "lady", "lord", "councillor", "fr", "sgt", "det"}
SMALL = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from",
         "vs", "v", "re", "w", "per", "via", "into", "as", "is", "but", "nor", "so", "up", "off"}

def first_variants(person):
    out = []
    for f in (person["first_name"], person["preferred_name"]):
        if f and f not in out:
            out.append(f)
            if "-" in f:
                out.append(f.split("-")[0])
    return out

def last_variants(last):
    out = [last]
    if "-" in last:
        parts = last.split("-")
        if all(len(p) > 2 for p in parts) and parts[0].lower() not in ("al", "el"):
            out += parts
        elif parts[0].lower() in ("al", "el"):
            out.append(parts[-1])
    if " " in last:
        out.append(last.split()[-1])
    return out

def name_forms(person):
    forms = set()
    firsts = first_variants(person)
    lasts = last_variants(person["last_name"])
    for l in lasts:
        forms.add(l)
        for f in firsts:
            i = f[0]
            forms.update({f, f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{i} {l}", f"{l} {i}",
                          f"{l}, {i}", f"{f} {l[0]}"})
    return {norm(x) for x in forms}

def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))

def form_index(roster):
    idx = {}
    for p in roster:
        for f in name_forms(p):
            idx.setdefault(f, set()).add(p["kind"])
    return idx

WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")

def classify_case(s):
    letters = [c for c in s if c.isalpha()]
    if letters and s == s.upper():
        return "upper"
    if s == s.lower():
        return "lower"
    words = [w for w in WORD_RE.findall(s) if w.lower() not in SMALL]
    if words and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK_RE = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")

def parse_line(raw):
    """Markup: [[name|p/s/g]] roster person, {{name}} detector person; leading '?? ' = ambiguous."""
    amb = False
    if raw.startswith("?? "):
        amb, raw = True, raw[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in MARK_RE.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(raw[pos:])
    subject = "".join(out)
    return {"subject": subject, "spans": spans, "case": classify_case(subject),
            "kinds": sorted(kinds), "ambiguous": amb}
