"""Shared helpers: folding, roster name forms, case style. Standard library only."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
           "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ʼ": "'"}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "prof",
          "dame", "lord", "lady", "master", "sgt", "dc", "pcso", "fr", "mstr", "senora", "professor", "nurse", "sr", "mme"}


def ascii_fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    """Fold for name comparison: accents, case, dots, commas, hyphens, spacing."""
    s = ascii_fold(s).lower()
    s = s.replace(".", " ").replace(",", " ").replace("-", " ")
    return " ".join(s.split())


def initial(name):
    return ascii_fold(name)[0]


def person_forms(first, preferred, last):
    givens = [g for g in (first, preferred) if g]
    for g in list(givens):
        if " " in g:
            givens.append(g.split()[0])
    forms = {last}
    for g in givens:
        forms.update({g, g + " " + last, last + " " + g, initial(g) + " " + last,
                      last + " " + initial(g), g + " " + initial(last)})
    if preferred:
        forms.add(first + " " + preferred + " " + last)
    return {fold(f) for f in forms}


def load_roster(path):
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def form_index(rows):
    """folded form -> set of (id, kind)"""
    idx = {}
    for r in rows:
        for f in person_forms(r["first_name"], r["preferred_name"], r["last_name"]):
            idx.setdefault(f, set()).add((r["id"], r["kind"]))
    return idx


STOP = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "with", "w", "re",
        "fwd", "fw", "vs", "v", "by", "from", "or", "per", "via", "&", "+", "is", "are", "into",
        "as", "am", "pm"}


def _considered(s):
    out = []
    for w in re.findall(r"[^\s/\-–:()\[\],;!?>]+", s):
        w2 = w.strip("'\"‘’“”.")
        if not w2 or not w2[0].isalpha() or w2.lower() in STOP:
            continue
        out.append(w2)
    return out


def case_style(s, spans=()):
    """upper: no lower-case letters; lower: no capitals; title: >= 85% of the non-stopword
    words outside person spans start with a capital (all words if < 2 remain); else sentence."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    masked = list(s)
    for sp in spans:
        for i in range(sp[0], sp[1]):
            masked[i] = " "
    words = _considered("".join(masked))
    if len(words) < 2:
        words = _considered(s)
    if len(words) >= 2 and sum(1 for w in words if w[0].isupper()) / len(words) >= 0.85:
        return "title"
    return "sentence"
