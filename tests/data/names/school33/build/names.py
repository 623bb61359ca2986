"""Shared helpers: folding, name forms, case classification (stdlib only)."""
import re
import unicodedata

_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "đ": "d",
                        "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})
PARTICLES = {"van", "der", "de", "dela", "la", "le", "von", "da", "dos", "di", "del", "den"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "prof", "dame", "lady", "lord",
          "mr.", "mrs.", "ms.", "dr.", "rev.", "sgt", "insp", "fr", "coach"}


def fold(s):
    s = s.translate(_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r" ,", ",", s)
    return s


def ascii_slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s))


def name_forms(first, preferred, last):
    givens = [g for g in (first, preferred) if g]
    lasts = [last]
    toks = last.split()
    if len(toks) > 1:
        lasts += [t for t in toks if t.lower() not in PARTICLES]
    forms = set()
    for g in givens:
        forms.add(g)
        gi = g[0]
        for l in lasts:
            li = l[0]
            forms |= {f"{g} {l}", f"{l}, {g}", f"{l} {g}", f"{gi} {l}", f"{l} {gi}", f"{l}, {gi}",
                      f"{li} {g}", f"{li}. {g}"}
    for l in lasts:
        forms.add(l)
    return {fold(f) for f in forms}


SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "w", "re", "fwd", "fw",
         "by", "from", "vs", "v", "per", "via", "is", "up", "as", "into", "&"}


def classify_case(s):
    if not re.search(r"[A-Za-z]", s):
        return "sentence"
    if s == s.upper():
        return "upper"
    if s == s.lower():
        return "lower"
    words = re.findall(r"[^\W\d_][^\s/,;:()\[\]]*", s)
    words = [w for w in words if w.lower().rstrip(":") not in SMALL]
    if len(words) >= 2:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.75:
            return "title"
    return "sentence"
