"""Shared helpers: accent folding, name forms, case classification. Standard library only."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof", "hmi", "nurse",
          "dame", "lady", "lord", "madam", "sgt", "det"}

_EXTRA = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "’": "'", "‘": "'"}


def fold(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    """fold accents, lower-case, drop full stops, squash spaces/hyphen spacing."""
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    """All the ways a staff member might write this person's name (normalised)."""
    firsts = {f for f in (first, preferred) if f}
    lasts = {last}
    if " " in last:                      # "Kaur Dhillon", "van den Berg": last word alone, too
        lasts.add(last.split()[-1])
    if "-" in last:                      # "Al-Shamiri" also written "Al Shamiri"
        lasts.add(last.replace("-", " "))
    forms = set(firsts)
    for l in lasts:
        forms.add(l)
        for f in firsts:
            i = f[0]
            forms |= {f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{i} {l}", f"{l} {i}", f"{l}, {i}", f"{f} {l[0]}"}
    return {norm(x) for x in forms}


SMALL = {"a", "an", "and", "of", "the", "for", "to", "in", "on", "at", "w/", "with", "by", "re", "or", "vs", "v",
         "from", "per", "via", "de", "van", "den", "der", "la", "dela", "al", "x", "is", "it", "am", "pm", "as"}


def classify_case(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    has_low = any(c.islower() for c in letters)
    has_up = any(c.isupper() for c in letters)
    if not has_low:
        return "upper"
    if not has_up:
        return "lower"
    words = []
    for w in re.split(r"[\s/]+", s):
        w2 = w.strip("()[]\"'“”‘’:;,.!?-–—&+*#")
        if not w2 or not w2[0].isalpha():
            continue
        if w2.lower() in SMALL:
            continue
        words.append(w2)
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"
