"""Shared helpers: name normalisation, roster name forms, markup parsing, case style."""
import csv, os, re, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", s).strip()

def load_roster():
    with open(os.path.join(ROOT, "roster.csv"), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))

def forms(row):
    """All surface forms (normalised) by which a roster person may be named."""
    f, p, l = row["first_name"], row["preferred_name"], row["last_name"]
    out = set()
    firsts = [x for x in (f, p) if x]
    out.add(l)
    for fi in firsts:
        out |= {fi, f"{fi} {l}", f"{l}, {fi}", f"{l} {fi}", f"{l},{fi}",
                f"{fi} {l[0]}", f"{fi} {l[0]}.", f"{fi[0]} {l}", f"{fi[0]}. {l}", f"{l}, {fi[0]}", f"{l}, {fi[0]}."}
        # first word of a two-part given name ("Jhon Paul" -> "Jhon")
    if " " in f:
        out.add(f.split()[0] + " " + l)
    return {norm(x) for x in out}

def name_index(rows):
    idx = {}
    for r in rows:
        for x in forms(r):
            idx.setdefault(x, []).append(r)
    return idx

STOP = set("a an the of for and to in on at with re from by or is it as be at into up out w n vs v via per not no".split())

PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|tr)\s*:\s*)+", re.I)

def _content_words(s):
    out = []
    for w in re.findall(r"[^\W\d_][\w'\u2019.\-]*", s):
        core = re.sub(r"[^\w]", "", w)
        if not core or not core[0].isalpha():
            continue
        if len(core) >= 2 and core.isupper():      # acronym / code: neutral
            continue
        if core.lower() in STOP:
            continue
        out.append(core)
    return out

def case_style(s, spans=()):
    """Dominant case style of a subject: upper, lower, title or sentence.
    Name spans are ignored when judging title vs sentence (names are capitalised in both)."""
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return "sentence"
    if sum(c.isupper() for c in letters) / len(letters) >= 0.85:
        return "upper"
    body = PREFIX.sub("", s)
    words_all = _content_words(body)
    masked = list(s)
    for a, b, *_ in spans:
        for i in range(a, b):
            masked[i] = " "
    words = _content_words(PREFIX.sub("", "".join(masked))) or words_all
    if not words_all:
        return "upper" if sum(c.isupper() for c in letters) / len(letters) > 0.5 else "sentence"
    cap_all = sum(w[0].isupper() for w in words_all) / len(words_all)
    first = re.search(r"[^\W_]", body)
    if first and first.group(0).isalpha() and first.group(0).islower() and cap_all <= 0.25:
        return "lower"
    if first and first.group(0).isdigit() and cap_all <= 0.1:
        return "lower"
    cap = sum(w[0].isupper() for w in words) / len(words)
    if cap >= 0.7 and len(words) >= 2:
        return "title"
    return "sentence"

MARK = re.compile(r"\[([^\[\]|]+)\|([psgd])\]")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}

def parse(line):
    """Return (subject, [(start, end, tag, text)])."""
    out, spans, pos = [], [], 0
    n = 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()]); n += m.start() - pos
        text = m.group(1)
        spans.append((n, n + len(text), m.group(2), text))
        out.append(text); n += len(text); pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans
