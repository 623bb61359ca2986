"""Shared helpers: accent folding and roster name forms (stdlib only)."""
import csv, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"}

def fold(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))

def norm(s):
    s = fold(s).casefold().replace("’", "").replace("'", "")
    s = re.sub(r"[.,]", " ", s)
    s = s.replace("-", " ")
    return " ".join(s.split())

def name_forms(first, pref, last):
    """All normalised textual forms by which staff may write this person."""
    givens = {first}
    if pref:
        givens.add(pref)
    fparts = re.split(r"[\s-]+", first)
    if len(fparts) > 1:
        givens.add(fparts[0])
    lasts = {last}
    lparts = [p for p in re.split(r"[\s-]+", last) if p.lower() not in ("dela", "de", "van", "von")]
    if len(re.split(r"[\s-]+", last)) > 1:
        lasts.update(lparts)
        lasts.add(lparts[-1])
    forms = set()
    for g in givens:
        forms.add(g)
        ginit = g[0]
        for l in lasts:
            forms.update({g + " " + l, l + " " + g, g + " " + l[0], l + " " + ginit,
                          ginit + " " + l, l + " " + ginit + " " + ""})
    # initials of multi-part first names + surname, e.g. "J P dela Cruz", "JP Cruz"
    if len(fparts) > 1:
        inits = " ".join(p[0] for p in fparts)
        for l in lasts:
            forms.update({inits + " " + l, "".join(p[0] for p in fparts) + " " + l, l + " " + inits})
    for l in lasts:
        forms.add(l)
    return {norm(f) for f in forms if f.strip()}

def load_roster():
    with open(os.path.join(ROOT, "roster.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
