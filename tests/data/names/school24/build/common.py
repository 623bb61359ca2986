"""Shared helpers for build.py and verify.py (standard library only)."""
import re
import unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd", "pc", "prof",
          "rabbi", "rebbetzin", "morah", "moreh", "mrs.", "mr.", "dr.", "ms.", "lady", "lord", "fr", "reb", "nurse", "coach", "hmi"}

SMALL = {"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "w", "re", "with", "by", "or",
         "vs", "v", "from", "per", "via", "as", "is", "be", "up", "into", "fwd", "fw"}


def fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    s = re.sub(r"\s+", " ", s.strip())
    return s.lower()


def ascii_slug(s):
    s = fold(s)
    return re.sub(r"[^a-z0-9]+", "", s)


def name_forms(first, preferred, last):
    """All accepted written forms of one person's name, folded."""
    firsts = {f for f in (first, preferred) if f}
    # a double first name like "Ana Luiza" may be used by its first part alone
    for f in list(firsts):
        if " " in f:
            firsts.add(f.split(" ")[0])
    lasts = {last}
    out = set()
    for l in lasts:
        out.add(l)
        for f in firsts:
            i = f[0]
            out.update({f, f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{l},{f}",
                        f"{i} {l}", f"{i}. {l}", f"{i}.{l}", f"{l} {i}", f"{l}, {i}", f"{l}, {i}.",
                        f"{l} {i}.", f"{l},{i}"})
    return {fold(x) for x in out}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "upper"
    if letters and all(c.islower() for c in letters):
        return "lower"
    words = re.findall(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\-]*", s)
    sig = [w for w in words if w.lower() not in SMALL]
    if len(sig) >= 2:
        cap = sum(1 for w in sig if w[0].isupper())
        if cap / len(sig) >= 0.75:
            return "title"
    return "sentence"


def read_roster(path):
    import csv
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
