"""Shared helpers: name folding, name forms, case detection. Standard library only."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "sgt", "prof", "mstr", "master", "nurse", "fr", "cpl", "capt", "lt"}
EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "’": "'", "‘": "'"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s


def ascii_slug(s):
    return re.sub(r"[^a-z]", "", fold(s))


def name_forms(first, pref, last):
    """All the ways staff write a roster person's name (folded)."""
    firsts = [f for f in (first, pref) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        i = f[0]
        forms.update({
            f, f"{f} {last}", f"{last} {f}", f"{last}, {f}",
            f"{i} {last}", f"{i}. {last}", f"{i}.{last}", f"{last} {i}", f"{last}, {i}", f"{last} {i}.", f"{last}, {i}.",
            f"{f} {last[0]}", f"{f} {last[0]}.",
        })
        if "-" in f:  # hyphenated first names: initials J-P
            parts = f.split("-")
            ii = "-".join(p[0] for p in parts)
            forms.update({f"{ii} {last}", f"{last} {ii}", f"{last}, {ii}"})
    return {fold(x) for x in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows


def form_index(rows):
    """folded form -> set of kinds"""
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add(r["kind"])
    return idx


SMALL = {"a", "an", "the", "and", "of", "for", "to", "in", "on", "at", "by", "with", "w", "c", "or", "vs", "v",
         "re", "fwd", "fw", "from", "per", "is", "as", "s", "am", "pm", "x"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not letters or not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.split(r"[\s/\-–(),:;&+.!?\"]+", s) if w and w[0].isalpha()]
    sig = [w for w in words if fold(w).strip("'") not in SMALL]
    if len(sig) >= 2 and all(w[0].isupper() for w in sig):
        return "title"
    return "sentence"
