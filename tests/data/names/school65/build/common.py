"""Shared helpers: accent folding, roster name forms, case style. Standard library only."""
import csv
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]

_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "’": "'"}


def fold(s):
    """Remove accents (and a few letters NFKD does not decompose)."""
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    """Fold accents and case; treat '.' as space; normalise commas and spaces."""
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.rstrip(",").strip() if s.endswith(",") else s


def name_forms(first, pref, last):
    """All the ways staff write this person's name (normalised)."""
    firsts = [f for f in (first, pref) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        i = f[0]
        forms.update({
            f,
            f"{f} {last}",
            f"{last} {f}",
            f"{last}, {f}",
            f"{f} {last[0]}",
        })
    # initials: from first and preferred
    for f in firsts:
        i = f[0]
        forms.update({f"{i} {last}", f"{last} {i}", f"{last}, {i}"})
    if pref:
        forms.add(f"{first} {pref} {last}")
        forms.add(f"{pref} {first} {last}")
    return {norm(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows


def roster_index(rows):
    """normalised name form -> set of kinds."""
    idx = {}
    for r in rows[1:]:
        rid, first, pref, last, kind = r[:5]
        for f in name_forms(first, pref, last):
            idx.setdefault(f, set()).add(kind)
    return idx


MINOR = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "w", "vs", "v",
         "re", "fw", "fwd", "from", "per", "via", "into", "as", "is", "s", "x", "am", "pm", "nd", "th", "st", "rd"}

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(not c.islower() for c in letters):
        return "upper"
    if letters and all(not c.isupper() for c in letters):
        return "lower"
    words = [w for w in WORD.findall(s)]
    content = [w for w in words if w.lower() not in MINOR]
    if content and all(w[0].isupper() for w in content):
        return "title"
    return "sentence"


TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso", "prof", "dame",
          "lady", "lord", "nurse", "coach", "sgt", "dc", "mstr", "master", "madam"}
