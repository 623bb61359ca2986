"""Shared helpers for build and verify (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof", "dame",
          "lady", "lord", "dc", "ds", "coach", "madame", "mme", "herr", "sgt", "hmi", "mstr", "master"}
SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "w", "by", "with", "from", "or",
         "vs", "v", "per", "via", "is", "as", "re", "fw", "fwd", "s", "into", "de", "dela", "van", "der"}


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def norm(s):
    s = fold(s)
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\.", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    forms = set()
    firsts = [f for f in (first, preferred) if f]
    # a multi-word first name also gives its first word (Mark Anthony -> Mark? no: keep full only)
    for f in firsts:
        fi = f[0]
        forms.update({f, last, f"{f} {last}", f"{last}, {f}", f"{last} {f}", f"{fi} {last}",
                      f"{last} {fi}", f"{last}, {fi}", f"{fi}. {last}", f"{f} {last[0]}"})
    return {norm(x) for x in forms}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    has_low = any(c.islower() for c in letters)
    has_up = any(c.isupper() for c in letters)
    if not has_low:
        return "upper"
    if not has_up:
        return "lower"
    words = re.findall(r"[^\W\d_]+", s)
    words = [w for w in words if w.casefold() not in SMALL]
    if len(words) >= 2:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.75:
            return "title"
    return "sentence"
