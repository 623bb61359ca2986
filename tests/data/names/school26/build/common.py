"""Shared helpers for build_test.py and verify.py (standard library only)."""
import csv, re, unicodedata

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso", "prof", "capt",
          "major", "maj", "sgt", "cpl", "lt", "col", "dame", "coach", "nurse"}
SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "w", "re", "fwd", "fw",
         "or", "vs", "via", "from", "is", "pls", "am", "pm", "s"}
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def fold(s):
    s = s.replace("\u0131", "i").replace("\u0130", "I").replace("\u0141", "L").replace("\u0142", "l")
    s = s.replace("\u2019", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace(".", " ")
    return " ".join(s.lower().split())


def case_of(subject, spans=()):
    """upper: no lower-case letters; lower: no capitals; title: every word outside the name spans
    (ignoring small words and all-caps codes like EHCP/Y6) starts with a capital, and there are at
    least two such words; otherwise sentence."""
    letters = [c for c in subject if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    inside = set()
    for sp in spans:
        inside.update(range(sp[0], sp[1]))
    words = [m.group(0) for m in WORD.finditer(subject) if m.start() not in inside]
    words = [w for w in words if w.lower() not in SMALL and not (len(w) > 1 and w.isupper())]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"


def load_roster(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows


def name_forms(row):
    firsts = {row["first_name"]}
    if row["preferred_name"]:
        firsts.add(row["preferred_name"])
    for f in list(firsts):
        if " " in f:
            firsts.add(f.split()[0])
    last = row["last_name"]
    forms = {last}
    for f in firsts:
        ini = f[0]
        forms |= {f, f + " " + last, last + " " + f, last + ", " + f, ini + " " + last, ini + ". " + last,
                  last + " " + ini, last + ", " + ini, f + " " + last[0]}
    return {fold(x) for x in forms}


def form_index(rows):
    """folded name form -> set of kinds"""
    idx = {}
    for r in rows:
        for f in name_forms(r):
            idx.setdefault(f, set()).add(r["kind"])
    return idx
