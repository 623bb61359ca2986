"""Shared helpers: accent/case folding, roster name forms, case style. Stdlib only."""
import csv
import re
import unicodedata

ROOT = __import__("os").path.dirname(__import__("os").path.dirname(__import__("os").path.abspath(__file__)))

_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "ø": "o", "Ø": "O",
                        "’": "'", "‘": "'", "ı": "i"})


def ascii_fold(s):
    s = s.translate(_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    s = ascii_fold(s).lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s


PARTICLES = {"al", "el", "de", "dela", "del", "la", "van", "der", "von", "bin", "binti", "haj", "da", "di", "le", "mc", "o"}


def surname_variants(last):
    out = {last}
    parts = [p for p in re.split(r"[\s\-]+", last) if p]
    if len(parts) > 1:
        for p in parts:
            if p.lower() not in PARTICLES and len(p) >= 3:
                out.add(p)
        # "Al Masri" written "Al-Masri" / "AlMasri" and vice versa
        out.add(" ".join(parts))
        out.add("-".join(parts))
    return out


def given_variants(first, preferred):
    out = {first}
    if preferred:
        out.add(preferred)
    for g in list(out):
        if "-" in g:
            out.add(g.replace("-", " "))
    return out


def name_forms(first, preferred, last):
    """Every way staff might write this person's name (folded)."""
    forms = set()
    gs = given_variants(first, preferred)
    ss = surname_variants(last)
    for g in gs:
        forms.add(g)
    for s in ss:
        forms.add(s)
    for g in gs:
        forms.add(f"{g} {last[0]}")  # "Chloe T"
        ini = g[0]
        for s in ss:
            forms.update({
                f"{g} {s}", f"{s}, {g}", f"{s} {g}", f"{s},{g}",
                f"{ini} {s}", f"{ini}. {s}", f"{ini}.{s}", f"{s}, {ini}", f"{s} {ini}",
                f"{s}, {ini}.", f"{s} {ini}.", f"{s},{ini}",
            })
    return {fold(f) for f in forms}


def load_roster(path=None):
    path = path or f"{ROOT}/roster.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def form_index(rows):
    """folded form -> set of (id, kind)"""
    idx = {}
    for r in rows:
        for f in name_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add((r["id"], r["kind"]))
    return idx


MINOR = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "w", "re", "fw", "fwd",
         "or", "vs", "v", "with", "from", "per", "via", "into", "is", "am", "pm", "as", "if", "x",
         "it", "be", "up", "off", "not", "no", "so", "me", "we", "are", "has", "had"}

WORD_RE = re.compile(r"(?<!\w)[^\W\d_][^\W_]*(?:['’\-][^\W_]+)*")


def case_style(s):
    has_lower = any(c.islower() for c in s)
    has_upper = any(c.isupper() for c in s)
    if has_upper and not has_lower:
        return "upper"
    if has_lower and not has_upper:
        return "lower"
    words = [w for w in WORD_RE.findall(s) if w.lower() not in MINOR]
    words = [w for w in words if not (len(w) > 1 and w.isupper())]  # acronyms/codes are neutral
    if len(words) >= 3 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"


TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso", "prof",
          "dame", "lady", "lord", "sgt", "det", "nurse", "hmi", "fr", "coach"}
