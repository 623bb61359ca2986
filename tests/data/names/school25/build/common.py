"""Shared helpers (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "prof", "dame", "lady", "lord", "sgt", "fr"}
PARTICLES = {"al", "el", "bin", "van", "der", "de", "la", "dela", "o", "mc", "mac", "von", "den"}


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def key(s):
    """Comparison key: accents folded, case folded, punctuation and spaces removed."""
    s = fold(s).lower()
    s = re.sub(r"[.,'\u2019\-\s]", "", s)
    return s


def surname_variants(last):
    out = {last}
    parts = [p for p in re.split(r"[\s\-]+", last) if p]
    if len(parts) > 1:
        for p in parts:
            if fold(p).lower() not in PARTICLES and len(p) > 2:
                out.add(p)
    return out


def name_forms(first, preferred, last):
    """All accepted written forms of one person (returned as comparison keys)."""
    firsts = {f for f in (first, preferred) if f}
    # first names like "Abdul Rahman" or "Lacey-Mae": also allow the first part alone
    for f in list(firsts):
        parts = [p for p in re.split(r"[\s\-]+", f) if p]
        if len(parts) > 1 and fold(parts[0]).lower() not in ("abdul", "abdi", "amat"):
            pass  # hyphenated first names are kept whole
    lasts = surname_variants(last)
    forms = set()
    for f in firsts:
        forms.add(f)
        ini = fold(f)[0]
        for l in lasts:
            forms.update({f + " " + l, l + " " + f, l + ", " + f,
                          f + " " + fold(l)[0], ini + " " + l, ini + ". " + l, l + " " + ini, l + ", " + ini, l + ", " + ini + "."})
    for l in lasts:
        forms.add(l)
    return {key(x) for x in forms}


def load_roster(path):
    import csv
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def form_index(roster):
    idx = {}
    for r in roster:
        for k in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(k, set()).add(r["kind"])
    return idx


SMALL = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "w", "with", "re", "fwd", "fw", "vs", "v", "from", "per", "via", "is", "as"}


def case_of(subject):
    letters = [c for c in subject if c.isalpha()]
    if not letters:
        return "sentence"
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_][^\W_]*(?:['\u2019][^\W\d_]+)?", subject)]
    content = [w for w in words if w.lower() not in SMALL]
    if len(content) >= 2:
        cap = sum(1 for w in content if w[0].isupper())
        if cap == len(content) or (len(content) >= 5 and cap / len(content) >= 0.8):
            return "title"
    return "sentence"
