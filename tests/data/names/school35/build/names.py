"""Shared helpers: accent folding, name forms, case style. Standard library only."""
import re
import unicodedata

SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                         "ß": "ss", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'"})
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "pc", "prof", "mme", "madam", "dame",
          "lady", "lord", "fr", "sr", "br", "ustadh", "imam", "coach", "nurse", "sgt", "dc", "ds", "insp"}
PARTICLES = {"van", "der", "de", "dela", "del", "la", "le", "von", "al"}


def fold(s):
    s = s.translate(SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    s = fold(s).lower()
    s = re.sub(r"\s+", " ", s).strip()
    s = s.rstrip(".")
    s = re.sub(r"\.(?=\s)", "", s)  # "J. Smith" == "J Smith"
    return s


def name_forms(first, preferred, last):
    """All the ways staff write this person (normalised)."""
    firsts = set()
    for f in (first, preferred):
        if not f:
            continue
        firsts.add(f)
        if "-" in f:
            firsts.add(f.replace("-", " "))
        toks = f.split()
        if len(toks) > 1:
            for t in toks:
                firsts.add(t)
            firsts.add(" ".join(toks[1:]))
    lasts = {last}
    ltoks = last.split()
    if len(ltoks) > 1:
        core = [t for t in ltoks if t.lower() not in PARTICLES]
        for t in core:
            lasts.add(t)
    if "-" in last:
        lasts.add(last.replace("-", " "))
    forms = set()
    for l in lasts:
        forms.add(l)
    for f in firsts:
        forms.add(f)
        for l in lasts:
            fi = f[0]
            forms.update({f + " " + l, l + " " + f, l + ", " + f, fi + " " + l, fi + ". " + l,
                          l + " " + fi, l + ", " + fi, l + ", " + fi + ".", l + " " + fi + ".",
                          fi + "." + l})
    # full registered name with preferred in the middle e.g. "Mohammed Ibrahim Miah"
    forms.add(first + " " + last)
    return {norm(x) for x in forms}


SMALL = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "w", "re", "fwd", "fw",
         "vs", "v", "from", "per", "via", "into", "is", "are", "as", "up", "if", "be", "it", "off", "am", "pm"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters if c.lower() != c.upper()):
        return "upper"
    if letters and all(c.islower() for c in letters if c.lower() != c.upper()):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    sig = []
    for w in words:
        if w.lower() in SMALL:
            continue
        if len(w) >= 2 and w.isupper():
            continue  # acronyms (SEN, EHCP, FW) carry no case signal
        sig.append(w)
    if len(sig) >= 3 and all(w[0].isupper() for w in sig):
        return "title"
    return "sentence"
