"""Shared helpers: accent/case folding, roster name forms, case-style classification."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "’": "'", "‘": "'"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\s+", " ", s.strip())
    return s.lower()


def ascii_slug(s):
    return re.sub(r"[^a-z0-9]", "", fold(s))


def name_forms(first, preferred, last):
    """All the ways staff write one person's name (folded)."""
    firsts = [f for f in (first, preferred) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        i = f[0]
        forms.update({
            f, f"{f} {last}", f"{last} {f}", f"{last}, {f}", f"{last},{f}",
            f"{i} {last}", f"{i}. {last}", f"{i}.{last}", f"{last} {i}", f"{last}, {i}",
            f"{last} {i}.", f"{last}, {i}.", f"{f} {last[0]}", f"{f} {last[0]}.",
        })
    return {fold(x) for x in forms}


MINOR = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "w", "re",
         "fwd", "fw", "from", "vs", "v", "per", "via", "is", "as", "c", "ul", "e", "de", "la", "van", "der",
         "dela", "am", "pm", "into", "up", "off", "s"}


def case_of(s):
    if s.upper() == s and s.lower() != s:
        return "upper"
    if s.lower() == s:
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", s) if w.lower() not in MINOR]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"
