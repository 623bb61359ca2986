"""Shared helpers: name forms, folding, case style (stdlib only)."""
import re, unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof", "dame", "lady", "lord", "insp", "sgt"}


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("’", "'").replace("‘", "'")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = s.replace("ı", "i")
    return re.sub(r"\s+", " ", s).strip().lower()


def name_forms(first, pref, last):
    forms = set()
    firsts = [x for x in (first, pref) if x]
    forms.add(last)
    for f in firsts:
        fi = f[0]
        forms.update({f, f"{f} {last}", f"{last}, {f}", f"{last} {f}", f"{f} {last[0]}", f"{f} {last[0]}."})
    fi = first[0]
    forms.update({f"{fi} {last}", f"{fi}. {last}", f"{fi}.{last}", f"{last} {fi}", f"{last}, {fi}", f"{last}, {fi}.", f"{last} {fi}."})
    return {fold(x) for x in forms}


SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "w", "re", "v", "vs", "or", "from",
         "per", "via", "am", "pm", "is", "as", "into", "x", "a'r", "y", "yr", "o", "i"}


def case_style(s):
    if not any(c.isalpha() for c in s):
        return "sentence"
    if s == s.upper():
        return "upper"
    if s == s.lower():
        return "lower"
    words = re.findall(r"[^\W\d_][\w'’-]*", s)
    sig = [w for w in words if w.lower() not in SMALL]
    if len(sig) >= 2 and all(w[0].isupper() for w in sig):
        return "title"
    return "sentence"
