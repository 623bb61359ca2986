"""Shared helpers: accent folding and roster name forms (stdlib only)."""
import csv
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_EXTRA = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
          "ı": "i", "’": "'", "‘": "'"}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "ps", "prof",
          "mr.", "mrs.", "ms.", "dr.", "master", "lady", "lord", "dame"}


def ascii_fold(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    """Fold accents + case, unify dots/whitespace so 'J. Smith' == 'j smith'."""
    s = ascii_fold(s).casefold().replace(".", " ")
    s = s.replace(" ,", ",")
    return " ".join(s.split())


def name_forms(first, preferred, last):
    """All the ways staff write this person's name (normalised)."""
    givens = [g for g in {first, preferred} if g]
    forms = set()
    forms.add(last)
    for g in givens:
        i = g[0]
        forms.update({
            g, f"{g} {last}", f"{last} {g}", f"{last}, {g}",
            f"{i} {last}", f"{last} {i}", f"{last}, {i}", f"{g} {last[0]}",
        })
        # multi-part / hyphenated given names: 'Ana-Maria' -> 'Ana Maria'
        if "-" in g:
            forms.add(g.replace("-", " "))
            forms.add(f"{g.replace('-', ' ')} {last}")
    return {norm(f) for f in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
