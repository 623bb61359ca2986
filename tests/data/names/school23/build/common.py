"""Shared helpers: folding, roster name forms, case style (stdlib only)."""
import csv, os, re, unicodedata
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "prof", "dame", "lord", "lady", "coach", "sgt"}
KIND_LETTER = {"p": "pupil", "s": "staff", "g": "parent"}
SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"}

def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

def norm(s):
    s = fold(s).lower().replace("’", "'")
    s = re.sub(r"(?<=\w)\.", " ", s)          # "J." -> "J "
    s = re.sub(r"\s*,\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip()

def load_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))

def name_forms(r):
    firsts = {r["first_name"]}
    if r["preferred_name"]:
        firsts.add(r["preferred_name"])
    parts = r["first_name"].split()
    if len(parts) > 1:
        firsts.add(parts[0])
    last = r["last_name"]
    forms = {last}
    for f in firsts:
        forms |= {f, f + " " + last, last + ", " + f, last + " " + f, f + " " + last[0]}
    for f in {r["first_name"], r["preferred_name"]} - {""}:
        i = f[0]
        forms |= {i + " " + last, last + " " + i, last + ", " + i}
    return {norm(x) for x in forms}

def form_index(roster):
    idx = {}
    for r in roster:
        for f in name_forms(r):
            idx.setdefault(f, set()).add(r["kind"])
    return idx

SMALL = {"a", "an", "the", "of", "for", "and", "to", "in", "on", "at", "re", "with", "w", "by", "from", "vs", "v", "or", "fwd", "fw", "is", "as"}

def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters if c.lower() != c.upper()):
        return "upper"
    if s == s.lower():
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", s) if w.lower() not in SMALL]
    if len(words) >= 2:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.8:
            return "title"
    return "sentence"
