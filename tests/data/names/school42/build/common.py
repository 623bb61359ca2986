"""Shared helpers: accent folding, name forms, case classification."""
import re, unicodedata

EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i"}

def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))

def norm(s):
    s = fold(s).lower().replace(".", " ").replace("\u2019", "'")
    s = re.sub(r"\s*,\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip()

def name_forms(first, preferred, last):
    forms = set()
    firsts = [f for f in (first, preferred) if f]
    forms.add(last)
    for f in firsts:
        forms |= {f, f + " " + last, last + " " + f, last + ", " + f}
        ini = f[0]
        forms |= {ini + " " + last, last + " " + ini, last + ", " + ini}
    return {norm(x) for x in forms}

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "cllr", "rev", "pc", "mx", "prof", "mme", "madame", "dame", "lady", "lord"}

STOP = {"a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "w", "re", "fwd", "fw",
        "from", "vs", "v", "per", "via", "as", "is", "are", "pls", "not", "into", "if", "it", "be"}

def classify_case(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_][^\W\d_'\u2019-]*", s) if len(w) >= 2]
    content = [w for w in words if w.lower() not in STOP]
    if len(content) >= 2:
        cap = sum(1 for w in content if w[0].isupper())
        if cap / len(content) >= 0.8:
            return "title"
    return "sentence"
