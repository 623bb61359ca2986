"""Shared helpers (standard library only)."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ß": "ss", "đ": "d", "Đ": "D",
           "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "’": "'", "‘": "'"}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso",
          "prof", "canon", "nurse", "capt", "councillor", "cllr", "coach", "reverend", "dc", "sgt", "dame", "lady", "lord", "fr", "father", "sister", "mstr", "master"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\s+", " ", s.strip())
    return s.lower()


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s))


def name_forms(first, preferred, last):
    """All written forms we accept as naming this person (folded)."""
    firsts = [f for f in (first, preferred) if f]
    L = last
    forms = {L}
    for f in firsts:
        i = f[0]
        forms |= {
            f, f"{f} {L}", f"{L}, {f}", f"{L} {f}", f"{L},{f}",
            f"{i} {L}", f"{i}. {L}", f"{i}.{L}", f"{L} {i}", f"{L}, {i}", f"{L},{i}", f"{L} {i}.", f"{L}, {i}.",
            f"{f} {L[0]}", f"{f} {L[0]}.",
        }
        if preferred and first and f == preferred:
            forms.add(f"{first} ({preferred}) {L}")
    return {fold(x) for x in forms}


SMALL = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "w", "re", "by",
         "with", "from", "vs", "v", "per", "via", "is", "fwd", "fw", "c", "o", "x"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = re.findall(r"(?<!\w)[^\W\d_][\w'’.\-]*", s)
    sig = [w for w in words if w.lower().rstrip(".") not in SMALL]
    if len(sig) >= 2 and all(w[0].isupper() for w in sig):
        return "title"
    return "sentence"


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([x.strip() for x in line.split("|")])
    return rows
