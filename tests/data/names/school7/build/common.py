"""Shared helpers for build.py / verify.py / stats.py (standard library only)."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROSTER = os.path.join(ROOT, "roster.csv")
TEST = os.path.join(ROOT, "test.jsonl")
HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"]

_ASCII = str.maketrans({"Ł": "L", "ł": "l", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})


def fold(s):
    s = s.translate(_ASCII)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    """accent-free, lower case, no apostrophes or dots, hyphens as spaces, comma kept as token."""
    s = fold(s).lower()
    s = s.replace("\u2019", "").replace("'", "").replace(".", " ").replace("-", " ")
    s = s.replace(",", " , ")
    return " ".join(s.split())


def load_roster():
    with open(ROSTER, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def name_forms(p):
    """All normalised ways a person on the roster can be written in a subject line."""
    firsts = {p["first_name"]}
    if " " in p["first_name"]:
        firsts.add(p["first_name"].split()[0])
    if p["preferred_name"]:
        firsts.add(p["preferred_name"])
    last = p["last_name"]
    forms = set()
    for f in firsts:
        fi = f[0]
        forms |= {f, f"{f} {last}", f"{last}, {f}", f"{last} {f}", f"{f} {last[0]}", f"{fi} {last}",
                  f"{last}, {fi}", f"{last} {fi}"}
    forms.add(last)
    # a surname with a particle can be written without it ("Merwe" is NOT accepted; "van der Merwe" is)
    return {norm(x) for x in forms}


def name_tokens(p):
    toks = set()
    for k in ("first_name", "preferred_name", "last_name"):
        for t in norm(p[k]).split():
            if len(t) > 2:
                toks.add(t)
    return toks


class Directory:
    def __init__(self, rows=None):
        self.rows = rows if rows is not None else load_roster()
        self.index = {}
        self.tokens = set()
        for p in self.rows:
            for f in name_forms(p):
                self.index.setdefault(f, []).append(p)
            self.tokens |= name_tokens(p)

    def lookup(self, text):
        return self.index.get(norm(text), [])

    def detector_clash(self, text):
        """Return a reason string if a detector span could be a roster person, else ''."""
        if self.lookup(text):
            return "matches a roster person"
        for t in norm(text).split():
            if len(t) > 2 and t in self.tokens:
                return f"token '{t}' is a roster name"
        return ""


SPAN_RE = re.compile(r"\[([^\[\]|]+)\|([psgd])\]")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "prof", "nurse", "pc", "cllr", "rev"}
SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "vs", "v",
         "per", "via", "is", "w", "re", "fw", "fwd", "as", "if", "be", "am", "pm", "x"}
PREFIX_RE = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|wg)\s*:\s*)+", re.I)


def infer_case(subject, spans):
    """Dominant case style of a subject, ignoring codes, acronyms and RE:/FW: prefixes.

    upper    - (nearly) every cased letter is a capital
    lower    - starts with a lower-case letter and no word (names and titles included) starts with a
               capital, acronyms/codes aside
    title    - most content words other than names/titles are capitalised
    sentence - everything else
    """
    name_pos = set()
    for s, e, *_ in spans:
        name_pos.update(range(s, e))
    m = PREFIX_RE.match(subject)
    start = m.end() if m else 0
    words = []   # (word, is_name)
    for tm in re.finditer(r"\S+", subject[start:]):
        tok = tm.group(0)
        if any(c.isdigit() for c in tok):
            continue
        for wm in re.finditer(r"[^\W\d_]+", tok):
            pos = start + tm.start() + wm.start()
            words.append((wm.group(0), pos in name_pos))
    up = sum(c.isupper() for w, _ in words for c in w)
    lo = sum(c.islower() for w, _ in words for c in w)
    if up + lo == 0:
        return "upper"
    if lo == 0 or (up / (up + lo) >= 0.8 and up >= 6):
        return "upper"
    cased = [w for w, _ in words if not (w.isupper() and len(w) >= 2)]
    lead = re.search(r"[^\W\d_]", subject[start:])
    if lead and lead.group(0).islower() and not any(w[0].isupper() for w in cased):
        return "lower"
    plain = [w for i, (w, nm) in enumerate(words)
             if i > 0 and not nm and not (w.isupper() and len(w) >= 2) and w.lower() not in TITLES]
    content = [w for w in plain if w.lower() not in SMALL and len(w) > 1]
    if content and words and words[0][0][0].isupper():
        caps = sum(w[0].isupper() for w in content)
        if caps / len(content) >= 0.75:
            return "title"
    return "sentence"
