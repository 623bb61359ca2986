"""Shared helpers for the Penwith Bay Primary evaluation set (stdlib only)."""
import csv
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email",
          "personal_emails", "mis_ref"]

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd",
          "pc", "pcso", "prof", "dame", "lady", "lord", "nurse", "sgt", "dc"}

_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
          "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i", "’": "'", "‘": "'"}


def fold(s):
    """Fold accents, apostrophes, case and whitespace."""
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"\s+", " ", s.strip())
    return s.lower()


def ascii_fold(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if ord(c) < 128 and not unicodedata.combining(c))


def name_forms(first, preferred, last):
    """Every written form of one person that counts as a directory mention."""
    firsts = [f for f in (first, preferred) if f]
    forms = {last}
    for f in firsts:
        parts = re.split(r"[\s\-]+", f)
        inits = {f[0], "".join(p[0] for p in parts if p)}
        forms |= {f, f + " " + last, last + " " + f, last + ", " + f,
                  f + " " + last[0], f + " " + last[0] + "."}
        for i in inits:
            forms |= {i + " " + last, i + ". " + last, i + "." + last,
                      last + " " + i, last + ", " + i, last + " " + i + ".",
                      last + ", " + i + "."}
    return {fold(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def form_index(rows):
    """folded form -> set of kinds; plus set of all forms."""
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add(r["kind"])
    return idx


MINOR = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at",
         "by", "with", "w", "re", "fw", "fwd", "vs", "v", "from", "per", "as",
         "is", "am", "pm", "via", "into", "up", "out", "off", "but", "nor", "&"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'’\-\.]*", s)
    cands = [w for w in words if w.lower().strip(".") not in MINOR]
    if len(cands) >= 2 and all(w[0].isupper() for w in cands):
        return "title"
    return "sentence"
