"""Shared helpers (standard library only): folding, name forms, case style."""
import re
import unicodedata

SPECIAL = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
                         "ß": "ss", "’": "'", "‘": "'", "đ": "d", "Đ": "D"})


def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r" ,", ",", s)
    return s


PARTICLES = {"van", "der", "de", "dela", "la", "von", "den", "da", "di", "le"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "prof", "dame", "lady", "fr"}


def name_forms(first, preferred, last):
    """All normalised strings by which staff might write this person."""
    firsts = [f for f in (first, preferred) if f]
    lasts = [last]
    # parts of multi-part / hyphenated surnames (Kaur Dhillon -> Dhillon; Ofori-Atta -> Ofori)
    parts = [p for p in re.split(r"[\s-]+", last) if p and p.lower() not in PARTICLES]
    if len(parts) > 1:
        lasts += [p for p in parts if len(p) > 2]
    fparts = []
    for f in firsts:
        ps = [p for p in re.split(r"[\s-]+", f) if p]
        if len(ps) > 1:
            fparts += ps
    forms = set()
    for L in lasts:
        forms.add(L)
        for F in firsts + fparts:
            i = F[0]
            forms |= {F, f"{F} {L}", f"{L} {F}", f"{L}, {F}", f"{i} {L}", f"{L} {i}",
                      f"{L}, {i}", f"{F} {L[0]}"}
    for F in firsts + fparts:
        forms.add(F)
    return {norm(x) for x in forms}


SMALL = {"and", "of", "the", "to", "for", "in", "on", "at", "w", "re", "a", "an", "with", "by",
         "from", "or", "pls", "vs", "v", "fwd", "fw", "is", "are", "as", "into", "per", "via", "x"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", s) if len(w) > 1 and w.lower() not in SMALL]
    if len(words) >= 3:
        cap = sum(1 for w in words if w[0].isupper())
        if cap / len(words) >= 0.75:
            return "title"
    return "sentence"
