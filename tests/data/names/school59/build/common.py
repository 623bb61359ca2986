"""Shared helpers (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof",
          "mme", "madame", "monsieur", "herr", "frau", "sr", "hmi", "dc", "ds", "sgt", "lady", "dame"}

SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "Đ": "D",
                         "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})


def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    s = fold(s).casefold()
    s = s.replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.rstrip(",").strip()


PARTICLES = {"van", "der", "de", "dela", "la", "le", "di", "da", "von", "den"}


def name_forms(first, pref, last):
    """All written forms under which a roster person counts as named."""
    givens = [first] + ([pref] if pref else [])
    lasts = [last]
    parts = [p for p in re.split(r"[\s-]+", last) if p and p.lower() not in PARTICLES]
    if len(parts) > 1:
        lasts += parts
    forms = set()
    for g in givens:
        forms.add(g)
        for l in lasts:
            forms.add(f"{g} {l[0]}")
            forms.add(f"{g} {l[0]}.")
            i = g[0]
            for f in (f"{g} {l}", f"{l} {g}", f"{l}, {g}", f"{i} {l}", f"{i}. {l}", f"{l} {i}",
                      f"{l}, {i}", f"{l}, {i}.", f"{l} {i}."):
                forms.add(f)
        if pref and g == pref:
            for l in lasts:
                forms.add(f"{first} {pref} {l}")
                forms.add(f"{first} ({pref}) {l}")
    fparts = [x for x in re.split(r"[\s-]+", first) if x]
    if len(fparts) > 1:
        ini = "".join(x[0] for x in fparts)
        for l in lasts:
            forms.add(f"{ini} {l}")
    for l in lasts:
        forms.add(l)
    return {norm(f) for f in forms}


SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
         "re", "vs", "v", "w", "per", "via", "de", "van", "der", "dela", "la", "le", "into", "as", "is"}


def case_of(s):
    if not re.search(r"[^\W\d_]", s):
        return "sentence"
    has_lower = any(c.islower() for c in s)
    has_upper = any(c.isupper() for c in s)
    if has_upper and not has_lower:
        return "upper"
    if has_lower and not has_upper:
        return "lower"
    words = re.findall(r"(?<![\w'’])[^\W\d_][\w'’\-]*", s)
    content = [w for w in words if w.lower() not in SMALL]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return "title"
    return "sentence"
