"""Shared helpers: accent folding and roster name forms."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
         "\u2019": "'", "\u2018": "'"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    return re.sub(r"\s+", " ", fold(s).lower()).strip()


def initials(first):
    parts = [p for p in re.split(r"[\s\-]+", first.replace(".", " ")) if p]
    return "".join(p[0] for p in parts)


def forms(first, preferred, last, full=True):
    """All name forms that count as naming this roster person (normalised)."""
    out = set()
    firsts = [first] + ([preferred] if preferred else [])
    out.add(last)
    for f in firsts:
        out.add(f)
        if not full:
            continue
        out.add(f"{f} {last}")
        out.add(f"{last}, {f}")
        out.add(f"{last} {f}")
        out.add(f"{f} {last[0]}")
        out.add(f"{f} {last[0]}.")
        ini = initials(f)
        out.add(f"{ini[0]}. {last}")
        out.add(f"{ini[0]} {last}")
        out.add(f"{ini[0]}.{last}")
        if len(ini) > 1:
            out.add(f"{ini} {last}")
            out.add(". ".join(ini) + f". {last}")
            out.add(".".join(ini) + f". {last}")
            out.add(".".join(ini) + f".{last}")
    return {norm(x) for x in out}


def basic_forms(first, preferred, last):
    """first, preferred, last, full (for detector collision checks)."""
    out = {first, last, f"{first} {last}"}
    if preferred:
        out |= {preferred, f"{preferred} {last}"}
    return {norm(x) for x in out}


def load_roster():
    with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
