"""Shared helpers for the blind45 build and verify scripts (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof", "dame", "lady", "lord", "fr"}
SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "w/", "w", "or", "re", "vs", "v", "with", "from", "de", "da", "dela", "van", "der", "is", "as"}


def fold(s):
    """Case- and accent-fold, normalise punctuation used inside names."""
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'").replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def ascii_fold(s):
    s = s.replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)


def name_forms(first, preferred, last):
    """All the ways staff write a roster person's name, folded."""
    firsts = [f for f in (first, preferred) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        fi = f[0]
        forms.update({
            f, f"{f} {last}", f"{last} {f}", f"{last}, {f}",
            f"{fi} {last}", f"{fi}. {last}", f"{last} {fi}", f"{last}, {fi}",
            f"{f} {last[0]}", f"{fi}{last}",
        })
        # first part of a double first name (Muhammad Ali -> Muhammad)
    return {fold(x) for x in forms}


def case_of(subject):
    letters = [c for c in subject if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.findall(r"[A-Za-z\u00C0-\u024F][\w'\u00C0-\u024F-]*", subject)]
    words = [w for w in words if w.lower() not in SMALL and not re.match(r"^\d", w)]
    if words:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.8 and len(words) >= 2:
            return "title"
    return "sentence"
