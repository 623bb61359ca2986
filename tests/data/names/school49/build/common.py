"""Shared helpers for build.py and verify.py (standard library only)."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i",
           "’": "'", "‘": "'", "æ": "ae", "Æ": "AE"}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "ds", "dc", "sgt",
          "prof", "fr", "sr", "dame", "lady", "lord", "insp"}


def ascii_fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    s = ascii_fold(s).lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    """All the ways a roster person may be written (folded)."""
    forms = set()
    firsts = [f for f in (first, preferred) if f]
    lasts = [last]
    toks = last.split()
    if len(toks) > 1 and toks[0] in ("Kaur", "Singh"):
        lasts.append(" ".join(toks[1:]))
    for f in firsts:
        forms.add(f)
    for l in lasts:
        forms.add(l)
        for f in firsts:
            i = f[0]
            forms.update({
                f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{l},{f}",
                f"{i} {l}", f"{i}. {l}", f"{i}.{l}", f"{l} {i}", f"{l}, {i}", f"{l}, {i}.", f"{l} {i}.",
                f"{f} {l[0]}", f"{f} {l[0]}.",
            })
    return {fold(x) for x in forms}


WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
SMALL = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "w",
         "re", "fw", "fwd", "vs", "v", "per", "from", "via", "is", "am", "pm", "x", "s", "de", "da",
         "van", "der", "dela", "al", "o"}


def case_of(s):
    has_up = any(c.isupper() for c in s)
    has_lo = any(c.islower() for c in s)
    if has_up and not has_lo:
        return "upper"
    if has_lo and not has_up:
        return "lower"
    words = [w for w in WORD_RE.findall(s) if w.lower() not in SMALL]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"
