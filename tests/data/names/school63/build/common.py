"""Shared helpers for the blind63 build and verify scripts (stdlib only)."""
import csv
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "sgt", "fr", "prof", "dame",
          "lord", "lady", "master", "madam", "constable", "sr", "br"}


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    # a few letters that do not decompose
    s = s.translate(str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}))
    return s


def norm(s):
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s+,", ",", s)
    return s


def name_forms(first, preferred, last):
    firsts = [f for f in (first, preferred) if f]
    forms = set()
    forms.add(last)
    for f in firsts:
        forms.update({f, f"{f} {last}", f"{last} {f}", f"{last}, {f}"})
        i = f[0]
        forms.update({f"{i} {last}", f"{i}. {last}", f"{last} {i}", f"{last}, {i}", f"{last}, {i}."})
    return {norm(x) for x in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def form_index(people):
    idx = {}
    for p in people:
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            idx.setdefault(f, set()).add(p["kind"])
    return idx


STOP = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "w", "re", "fw",
        "fwd", "vs", "v", "per", "from", "is", "it", "as", "am", "pm", "into", "via", "de", "da", "dos", "del",
        "dela", "van", "der", "na", "ni", "o", "mac"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    if s == s.upper():
        return "upper"
    if s == s.lower():
        return "lower"
    words = []
    for tok in re.split(r"[\s/\-–—:;,()\[\]&+!?\"]+", s):
        tok = tok.strip("'.")
        if not tok or not tok[0].isalpha():
            continue
        if fold(tok).lower() in STOP:
            continue
        words.append(tok)
    if len(words) >= 2 and sum(1 for w in words if w[0].isupper()) / len(words) >= 0.8:
        return "title"
    return "sentence"
