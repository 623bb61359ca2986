"""Shared helpers: accent/case folding, name forms, case classification."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss",
           "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "ș": "s", "ț": "t",
           "Ș": "S", "Ț": "T", "’": "'", "‘": "'"}
PARTICLES = {"van", "der", "de", "dela", "da", "dos", "del", "von", "le", "la", "al"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc",
          "prof", "pastor", "dame", "lady", "lord", "fr", "sr", "ds", "dc", "insp"}


def ascii_fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    s = ascii_fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    givens = {first}
    if preferred:
        givens.add(preferred)
    if " " in first:
        givens.add(first.split()[0])
    surnames = {last}
    parts = last.split()
    if len(parts) > 1 and parts[0].lower() not in PARTICLES:
        surnames.add(parts[0])
        surnames.add(parts[-1])
        if len(parts) == 3:
            surnames.add(" ".join(parts[1:]))
    forms = set()
    for l in surnames:
        forms.add(l)
        for g in givens:
            gi, li = g[0], l[0]
            forms.update({
                g, f"{g} {l}", f"{l} {g}", f"{l}, {g}",
                f"{gi} {l}", f"{l} {gi}", f"{l}, {gi}",
                f"{g} {li}", f"{li} {g}",
            })
        # initials of double first names, e.g. "M A Nguyen"
        if " " in first:
            ini = " ".join(p[0] for p in first.split())
            forms.update({f"{ini} {l}", f"{l}, {ini}", f"{l} {ini}"})
    return {norm(f) for f in forms}


MINOR = {"a", "an", "the", "and", "of", "for", "to", "in", "on", "at", "w", "re", "with",
         "by", "or", "vs", "v", "de", "da", "van", "der", "dela", "dos", "from", "per", "as", "via", "into"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    if all(c.isupper() for c in letters):
        return "upper"
    if all(c.islower() for c in letters):
        return "lower"
    words = re.findall(r"(?<![\w'’])[^\W\d_][\w'’-]*", s)
    content = [w for w in words if w.lower() not in MINOR]
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return "title"
    return "sentence"
