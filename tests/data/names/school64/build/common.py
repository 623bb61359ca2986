"""Shared helpers for build_roster.py, build_test.py and verify.py (stdlib only)."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "sources")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "prof", "dame", "lady",
          "lord", "coach", "nurse", "madam", "sgt", "fr", "imam"}
EXTRA_FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}


def fold(s):
    s = "".join(EXTRA_FOLD.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def norm(s):
    s = fold(s).lower().replace("\u2019", "'")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def surname_variants(last):
    out = {last}
    for sep in (" ", "-"):
        if sep in last:
            parts = last.split(sep)
            # "Kaur Sandhu" -> Sandhu / Kaur; "Webb-Harris" -> Webb / Harris; "van der Berg" -> Berg not added
            if parts[0].lower() not in ("van", "de", "dela", "der", "von", "da", "del", "di"):
                out.add(parts[0])
                out.add(parts[-1])
    return out


def name_forms(first, preferred, last):
    """Every written form a school might use for one person (normalised)."""
    firsts = {f for f in (first, preferred) if f}
    # first-name parts (Mei Lin -> Mei; Ellie-Mai stays whole too)
    for f in list(firsts):
        if " " in f:
            firsts.add(f.split(" ")[0])
    lasts = surname_variants(last)
    forms = set()
    for f in firsts:
        forms.add(f)
        fi = f[0]
        for l in lasts:
            li = l[0] if l[0].isupper() else l.split(" ")[-1][0]
            forms.update({
                l, f"{f} {l}", f"{l} {f}", f"{l}, {f}", f"{f} {li}", f"{f} {li}.",
                f"{fi} {l}", f"{fi}. {l}", f"{fi}.{l}", f"{l} {fi}", f"{l}, {fi}", f"{l} {fi}.", f"{l}, {fi}.",
            })
        # full name with whole multi-part surname plus first given name only
        forms.add(f"{f} {last}")
    return {norm(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def form_index(people):
    """normalised form -> set of kinds"""
    idx = {}
    for p in people:
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            idx.setdefault(f, set()).add(p["kind"])
    return idx


SMALL = {"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "with", "w", "re", "fw", "fwd",
         "or", "from", "per", "vs", "v", "via", "x", "is", "it", "up", "as", "pm", "am", "de", "van", "der", "dela"}


def case_of(subject):
    letters = [c for c in subject if c.isalpha()]
    if not letters:
        return "sentence"
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = re.findall(r"[^\W\d_][\w'\u2019.-]*", subject)
    content = [w for w in words if w.lower().strip(".") not in SMALL]
    if len(content) >= 2:
        caps = sum(1 for w in content if w[0].isupper())
        if caps / len(content) >= 0.8:
            return "title"
    return "sentence"
