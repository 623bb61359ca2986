"""Shared helpers for build.py and verify.py (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "lt", "cdr", "col", "capt",
          "prof", "dame", "lady", "lord", "sgt", "wo", "cpl", "maj", "coach", "master", "madam", "fr"}
SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "’": "'", "‘": "'"}
SMALL = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "w", "with", "re", "fwd",
         "fw", "vs", "v", "from", "per", "via", "is", "into", "pm", "am", "as"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    s = fold(s).casefold().replace(".", " ").replace(",", " , ")
    return " ".join(s.split())


def name_forms(first, pref, last):
    forms = set()
    for f in {first, pref} - {""}:
        i = f[0]
        forms.update({f, f"{f} {last}", f"{last}, {f}", f"{last} {f}", f"{i} {last}", f"{last} {i}",
                      f"{last}, {i}"})
    forms.add(last)
    return {norm(x) for x in forms}


def case_of(subject):
    letters = [c for c in subject if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if letters and not any(c.isupper() for c in letters):
        return "lower"
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", subject) if len(w) >= 2]
    content = [w for w in words if w.lower() not in SMALL]
    if len(content) >= 3:
        caps = sum(1 for w in content if w[0].isupper())
        if caps / len(content) >= 0.85:
            return "title"
    return "sentence"


def load_roster(path):
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    index = {}
    for r in rows:
        for form in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            index.setdefault(form, set()).add(r["kind"])
    return rows, index
