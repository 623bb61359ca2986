"""Shared helpers: name folding, roster name forms, case style. Standard library only."""
import csv, os, re, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd", "fr", "father",
          "sister", "sr", "sgt", "insp", "deacon", "coach", "nurse", "pc", "pcso", "prof", "mme", "sra", "sr.", "mr.", "mrs.", "ms.", "dr.", "fr.", "rev."}
PARTICLES = {"de", "la", "del", "dela", "van", "der", "da", "dos", "do", "di", "le", "ó", "o", "mac", "mc"}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("ł", "l").replace("Ł", "L")
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s


def surname_variants(last):
    out = {last}
    parts = re.split(r"[ \-]", last)
    if len(parts) > 1:
        for p in parts:
            if p.lower() not in PARTICLES and len(p) > 2:
                out.add(p)
    return out


def given_variants(first, preferred):
    out = {first, first.replace("-", " ")}
    if preferred:
        out.add(preferred)
    return out


def name_forms(first, preferred, last):
    """All the ways a person may be written (folded)."""
    forms = set()
    gs = given_variants(first, preferred)
    ss = surname_variants(last)
    for g in gs:
        forms.add(g)
        for s in ss:
            forms.add(s)
            forms.add(f"{g} {s}")
            forms.add(f"{s} {g}")
            forms.add(f"{s}, {g}")
    for s in ss:
        for g in gs | {first.split()[0], first.split("-")[0]}:
            i = g[0]
            for f in (f"{i} {s}", f"{i}. {s}", f"{i}.{s}", f"{s} {i}", f"{s}, {i}", f"{s}, {i}.", f"{s} {i}."):
                forms.add(f)
    # two-part first names also alone as their first element with a surname (Juan Pablo -> Juan Pablo only)
    return {fold(f) for f in forms}


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "with", "w", "by", "from", "or",
         "vs", "per", "via", "is", "as", "re", "fw", "fwd", "but", "into", "out", "up", "off", "&"}


def case_style(subject, spans):
    letters = [c for c in subject if c.isalpha() and c.lower() != c.upper()]
    if letters and all(c.isupper() for c in letters):
        return "upper"
    if letters and all(c.islower() for c in letters):
        return "lower"
    # title vs sentence: look at ordinary words outside spans, ignoring titles, acronyms, codes, small words
    masked = list(subject)
    for s, e, *_ in spans:
        for k in range(s, e):
            masked[k] = " "
    masked = "".join(masked)
    words = []
    for w in re.findall(r"[^\W\d_][\w'\u2019\-]*", masked):
        if any(ch.isdigit() for ch in w):
            continue
        lw = w.lower()
        if lw in SMALL or lw.rstrip(".") in TITLES:
            continue
        if len(w) >= 2 and w.isupper():
            continue
        words.append(w)
    if len(words) >= 2:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.75:
            return "title"
    return "sentence"
