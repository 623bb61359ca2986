"""Shared helpers for the blind43 build and verify scripts (standard library only)."""
import csv, re, unicodedata, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso", "prof",
          "fr", "canon", "dame", "lady", "lord", "sgt", "insp", "det", "hmi"}
SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae", "Æ": "AE"}
PARTICLES = {"van", "der", "de", "dela", "del", "da", "dos", "la", "le", "von", "mac", "mc", "bin", "al"}


def strip_accents(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    s = strip_accents(s).replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s.casefold()


def surname_variants(last):
    out = {last}
    parts = [p for p in re.split(r"[-\s]", last) if p]
    if len(parts) > 1:
        for p in parts:
            if p.lower() not in PARTICLES and len(p) >= 3:
                out.add(p)
        out.add(last.replace("-", " "))
    return out


def name_forms(first, pref, last):
    firsts = {f for f in (first, pref) if f}
    forms = set()
    lasts = surname_variants(last)
    for f in firsts:
        forms.add(f)
        if "-" in f:
            forms.add(f.replace("-", " "))
        for l in lasts:
            forms |= {f"{f} {l}", f"{l}, {f}", f"{l} {f}", f"{f[0]} {l}", f"{l} {f[0]}",
                      f"{l}, {f[0]}", f"{f} {l[0]}"}
    forms |= lasts
    return {fold(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def form_index(people):
    """folded name form -> set of kinds"""
    idx = {}
    for p in people:
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            idx.setdefault(f, set()).add(p["kind"])
    return idx


SMALL = {"and", "the", "for", "with", "from", "into", "onto", "per", "via", "but", "nor", "off", "out",
         "not", "yet", "upon", "over"}
WORD = re.compile(r"[^\W\d_]+")


def case_of(subject, spans):
    letters = [c for c in subject if c.isalpha()]
    if letters and all(c == c.upper() for c in letters) and any(c != c.lower() for c in letters):
        return "upper"
    if letters and all(c == c.lower() for c in letters):
        return "lower"
    # title: every content word outside the person spans starts with a capital (>=2 such words)
    mask = [False] * len(subject)
    for s, e, *_ in spans:
        for i in range(s, e):
            mask[i] = True
    content = []
    for m in WORD.finditer(subject):
        if any(mask[m.start():m.end()]):
            continue
        w = m.group()
        if len(w) < 3 or w.lower() in SMALL or w.isupper():
            continue
        content.append(w)
    if len(content) >= 2 and all(w[0].isupper() for w in content):
        return "title"
    return "sentence"
