"""Shared helpers: name folding, roster name forms, case style. Standard library only."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "cllr", "rev", "pc", "sgt", "fr", "prof", "mx",
          "master", "constable", "sr", "dame", "lady", "lord", "father", "sister"}
_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
          "ı": "i", "’": "'", "‘": "'"}


def ascii_fold(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    """Case/accent/punctuation-insensitive key for comparing name forms."""
    s = ascii_fold(s).lower()
    s = s.replace("'", "").replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def name_forms(first, preferred, last):
    """All folded forms by which staff may write this person's name."""
    forms = set()
    firsts = [f for f in (first, preferred) if f]
    forms.add(last)
    for f in firsts:
        fi = f[0]
        li = last[0]
        forms.update({
            f, f"{f} {last}", f"{last} {f}", f"{last}, {f}",
            f"{fi} {last}", f"{last} {fi}", f"{last}, {fi}", f"{f} {li}",
        })
    return {fold(x) for x in forms if x}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def roster_index(rows):
    """fold(form) -> set of kinds; plus the set of all forms."""
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add(r["kind"])
    return idx


SMALL = {"a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "w", "re",
         "fw", "fwd", "vs", "via", "from", "is", "as", "pls", "per", "am", "pm", "into", "off", "up", "out",
         "s", "t"}


def case_style(s):
    cased = [c for c in s if c.isalpha() and c.upper() != c.lower()]
    if cased and all(c.isupper() for c in cased):
        return "upper"
    if all(c.islower() for c in cased):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    sig = [w for w in words if w.lower() not in SMALL]
    if len(sig) >= 2 and all(w[0].isupper() for w in sig):
        return "title"
    return "sentence"
