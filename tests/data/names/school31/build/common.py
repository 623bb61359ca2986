"""Shared helpers (standard library only)."""
import csv, re, unicodedata, os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "cllr", "rev", "revd", "pc", "ps", "dc", "prof",
          "sister", "sr", "fr", "father", "deacon", "canon", "mgr", "bishop", "nurse", "coach", "mother", "st"}
EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "’": "'", "‘": "'"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    s = fold(s).lower().replace(".", " ")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*,\s*", ", ", s)
    return s


def name_forms(first, preferred, last):
    """All surface forms (normalised) by which staff might write this person's name."""
    firsts = [f for f in (first, preferred) if f]
    extra = []
    for f in firsts:
        if " " in f:           # "Maria Clara" -> "Maria" also used alone
            extra.append(f.split(" ")[0])
    forms = set()
    L = last
    forms.add(norm(L))
    for f in firsts + extra:
        i = f[0]
        for x in (f, f"{f} {L}", f"{L} {f}", f"{L}, {f}", f"{L} {i}", f"{L}, {i}", f"{i} {L}", f"{i}{L[0]}" if False else None):
            if x:
                forms.add(norm(x))
    return forms


def load_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def form_index(people):
    idx = {}
    for p in people:
        for f in name_forms(p["first_name"], p["preferred_name"], p["last_name"]):
            idx.setdefault(f, set()).add(p["kind"])
    return idx


MINOR = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "w", "w/", "re", "re:",
         "fwd", "fwd:", "fw", "fw:", "vs", "v", "per", "from", "into", "de", "dela", "van", "der", "&", "+", "-", "/",
         "is", "are", "as", "am", "pm", "not", "no", "up", "out", "via"}


def case_of(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    words = []
    for tok in s.split():
        t = tok.strip("()[]{}\"'“”‘’,.;:!?-–/&+*#")
        if not t or not t[0].isalpha() or any(ch.isdigit() for ch in t):
            continue
        if t.lower() in MINOR:
            continue
        words.append(t)
    if len(words) >= 2:
        cap = sum(1 for w in words if w[0].isupper())
        if cap == len(words):
            return "title"
    return "sentence"
