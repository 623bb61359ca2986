"""Shared helpers for the blind53 build scripts (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd",
          "pc", "ds", "dc", "prof", "professor", "lady", "lord", "fr", "sr", "sgt"}

_SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
            "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"}


def fold(s):
    """Strip accents (Zoë -> Zoe, Łukasz -> Lukasz), keep case."""
    s = "".join(_SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    """Comparison key for name forms: folded, lower case, single spaces."""
    s = fold(s).lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s


def first_variants(first):
    out = {first}
    if "-" in first:
        out.add(first.replace("-", ""))
        out.add(first.replace("-", " "))
    return out


def last_variants(last):
    out = {last}
    parts = last.split()
    # Sikh names: "Kaur Dhillon" / "Singh Virdi" are also called by the family name alone
    if len(parts) == 2 and parts[0].lower() in ("kaur", "singh"):
        out.add(parts[1])
    return out


def name_forms(first, preferred, last):
    firsts = set()
    for f in (first, preferred):
        if f:
            firsts |= first_variants(f)
    lasts = set()
    if last:
        lasts |= last_variants(last)
    forms = set(firsts) | set(lasts)
    for f in firsts:
        for l in lasts:
            forms |= {f"{f} {l}", f"{l} {f}", f"{l}, {f}"}
            i = f[0]
            forms |= {f"{i} {l}", f"{i}. {l}", f"{l} {i}", f"{l}, {i}", f"{l}, {i}.", f"{l} {i}.",
                      f"{f} {l[0]}", f"{f} {l[0]}."}
    return {norm(x) for x in forms}


SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "w/", "by", "with",
         "from", "or", "vs", "v", "per", "via", "re", "re:", "fw:", "fwd:", "as", "into", "is"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and s == s.upper():
        return "upper"
    if letters and s == s.lower():
        return "lower"
    sig = []
    for tok in s.split():
        t = tok.lstrip("([\"'“‘-–/&+#")
        if not t or not t[0].isalpha():
            continue
        if t.lower() in SMALL:
            continue
        sig.append(t)
    if len(sig) >= 2 and all(t[0].isupper() for t in sig) and any(c.islower() for t in sig for c in t):
        return "title"
    return "sentence"
