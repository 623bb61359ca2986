"""Shared helpers: name normalisation, roster name forms, case classification."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIND_TAG = {"p": "pupil", "s": "staff", "g": "parent"}
TITLES = ("mr", "mrs", "ms", "miss", "dr", "cllr", "pc", "reverend", "rev", "sir", "prof")

def norm(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("đ", "d").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s).strip().lower()

def person_forms(first, pref, last):
    """All the ways a roster person may be written: first, preferred, last (and parts of a
    multi-part surname), full name, 'Last, First', 'Last First', initial forms."""
    firsts = [f for f in (first, pref) if f]
    lasts = [last]
    if re.search(r"[ -]", last):
        lasts += [p for p in re.split(r"[ -]", last) if len(p) > 1 and p.lower() not in ("de", "al", "van", "der")]
    forms = set()
    for f in firsts:
        forms.add(f)
        for l in lasts:
            forms |= {f"{f} {l}", f"{l}, {f}", f"{l} {f}", f"{f[0]}. {l}", f"{f[0]} {l}", f"{f[0]}.{l}",
                      f"{l} {f[0]}", f"{l}, {f[0]}"}
        forms |= {f"{f} {last[0]}", f"{f} {last[0]}."}
    forms |= set(lasts)
    return {norm(x) for x in forms}

def load_roster():
    """Map normalised name form -> set of kinds having that form."""
    idx = {}
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for form in person_forms(r["first_name"], r["preferred_name"], r["last_name"]):
                idx.setdefault(form, set()).add(r["kind"])
    return idx

STOP = {"a", "an", "and", "or", "of", "the", "to", "for", "in", "on", "at", "by", "with", "w", "re", "fw", "fwd",
        "vs", "v", "from", "per", "via", "is", "as", "x", "n"}

def classify_case(subject, spans):
    """Dominant case style: upper (hardly any lower-case letters), lower (no capitalised words
    other than acronyms), title (>=75% of non-first content words capitalised), else sentence.
    Name spans and acronyms are ignored when judging title vs sentence."""
    letters = [c for c in subject if c.isalpha()]
    if not letters:
        return "sentence"
    if sum(c.islower() for c in letters) <= 0.1 * len(letters):
        return "upper"
    covered = set()
    for s, e, *_ in spans:
        covered |= set(range(s, e))
    words = []  # purely alphabetic whitespace-separated tokens (punctuation stripped), with offsets
    for m in re.finditer(r"\S+", subject):
        tok = m.group().strip("()[]{}:;,.!?\"'’*&/")
        if re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", tok or "0"):
            words.append((m.start() + m.group().index(tok), tok))
    plain = [(i, w) for i, w in words if i not in covered]
    capwords = [w for i, w in words if w[0].isupper() and not (len(w) > 1 and w.isupper())]
    if not capwords:
        return "sentence" if words and len(words[0][1]) > 1 and words[0][1].isupper() else "lower"
    first_i = plain[0][0] if plain else -1
    cands = [w for i, w in plain if i != first_i and w.lower() not in STOP and w.lower() not in TITLES and not (len(w) > 1 and w.isupper())]
    if cands and sum(w[0].isupper() for w in cands) >= 0.75 * len(cands):
        return "title"
    return "sentence"
