"""Shared helpers: accent folding, roster name forms, case classification."""
import csv
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]

_SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
            "æ": "ae", "Æ": "AE", "œ": "oe", "’": "'", "‘": "'"}


def fold(s):
    s = "".join(_SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    """Key used to compare a span with a roster name form: fold accents, case, dots, spaces."""
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip(" ")


PARTICLES = {"van", "der", "de", "la", "dela", "del", "da", "ni", "al", "von", "den"}


def surname_variants(last):
    out = {last}
    parts = last.split()
    if len(parts) > 1:
        for p in parts:
            if norm(p) not in PARTICLES:
                out.add(p)
    return out


def name_forms(first, preferred, last):
    firsts = {first} | ({preferred} if preferred else set())
    lasts = surname_variants(last)
    forms = set()
    for f in firsts:
        forms.add(f)
        fi = f[0]
        for l in lasts:
            li = l[0]
            forms.update({
                f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{l} {fi}", f"{l}, {fi}", f"{fi} {l}",
                f"{fi}. {l}", f"{f} {li}", f"{f} {li}.", l,
            })
    return {norm(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def form_index(rows):
    """norm(form) -> set of (id, kind)"""
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add((r["id"], r["kind"]))
    return idx


TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "pcso", "prof", "mstr", "dame", "lady", "lord", "fr", "sgt", "insp"}

STOP = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "w", "w/", "re", "re:", "fw", "fw:", "fwd",
        "fwd:", "by", "with", "from", "vs", "v", "or", "per", "is", "as", "into", "via", "c/o", "x"}


def classify_case(s):
    """upper: no lower-case letter; lower: no upper-case letter; title: (almost) every word that starts with a
    letter is capitalised, ignoring small words, single letters and ALL-CAPS acronyms; sentence: otherwise."""
    if not any(c.islower() for c in s):
        return "upper"
    if not any(c.isupper() for c in s):
        return "lower"
    words = []
    for tok in s.split():
        tok = tok.strip("()[]\"'‘’:;,.!?&+-/")
        if not tok or not tok[0].isalpha() or tok.lower() in STOP:
            continue
        letters = [c for c in tok if c.isalpha()]
        if len(letters) < 2 or not any(c.islower() for c in letters):
            continue  # single letters and acronyms say nothing about the style
        words.append(tok)
    if len(words) >= 2:
        low = sum(1 for w in words if not w[0].isupper())
        if low <= len(words) // 8:
            return "title"
    return "sentence"
