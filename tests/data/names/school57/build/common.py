"""Shared helpers: name folding, roster name forms, case style."""
import re
import unicodedata

EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
         "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
         "\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "fr",
          "father", "sr", "sister", "canon", "mgr", "prof", "pc", "dc", "ds", "mme",
          "dame", "lady", "lord", "hmi", "nurse", "coach", "pani", "pan", "bro", "brother"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    """Comparison key for a name form: accents folded, lower case, no dots, tidy spaces/commas."""
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    firsts = [f for f in (first, preferred) if f]
    forms = set()
    L = last
    li = fold(L)[0]
    forms.add(L)
    for F in firsts:
        fi = fold(F)[0]
        forms.update({F, f"{F} {L}", f"{L}, {F}", f"{L} {F}", f"{fi} {L}", f"{L} {fi}",
                      f"{L}, {fi}", f"{F} {li}"})
    return {norm(x) for x in forms}


SMALL = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with",
         "w", "re", "fw", "fwd", "vs", "v", "from", "per", "via", "de", "dela", "van", "der",
         "la", "le", "am", "pm", "i", "th", "is", "as", "into", "off", "up"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", s)
    big = [w for w in words if w.lower() not in SMALL]
    if len(big) >= 2 and all(w[0].isupper() for w in big):
        return "title"
    return "sentence"
