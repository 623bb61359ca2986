"""Shared helpers: folding, name forms, case style. Standard library only."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "prof", "dame", "lady", "lord",
          "fr", "sgt", "insp", "coach", "nurse", "mstr", "master"}
PARTICLES = {"van", "der", "de", "da", "dos", "das", "do", "dela", "la", "le", "du", "von", "al", "el", "bin"}
EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
         "’": "'", "‘": "'", "`": "'"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\s+", " ", s).strip()
    return s.casefold()


def ascii_fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


def name_forms(first, preferred, last):
    """All folded name forms a person can be written as."""
    firsts = [f for f in (first, preferred) if f]
    lasts = [last]
    parts = [p for p in re.split(r"[\s\-]+", last) if p and p.casefold() not in PARTICLES]
    if len(parts) > 1:
        lasts += parts
    forms = set()
    for f in firsts:
        forms.add(f)
    for l in lasts:
        forms.add(l)
    for f in firsts:
        i = f[0]
        for l in [last] + (parts if len(parts) > 1 else []):
            forms.update({f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{i} {l}", f"{i}. {l}", f"{l} {i}",
                          f"{l}, {i}", f"{l}, {i}.", f"{l} {i}.", f"{i}.{l}"})
            forms.update({f"{f} {l[0]}", f"{f} {l[0]}."})
    return {fold(x) for x in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows


def form_index(rows):
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add(r["kind"])
    return idx


SMALL = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "w", "re", "fwd", "fw",
         "vs", "v", "de", "da", "van", "der", "dela", "per", "from", "is", "as", "into", "via", "x", "am", "pm"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if letters and not any(c.isupper() for c in letters):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    content = [w for w in words if w.casefold() not in SMALL]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return "title"
    return "sentence"
