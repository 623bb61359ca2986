"""Shared helpers for the Brynmill Road Primary evaluation set (stdlib only)."""
import csv
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "sources")

HEADER = ["id", "first_name", "preferred_name", "last_name", "kind", "email",
          "personal_emails", "mis_ref"]

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd",
          "pc", "pcso", "prof", "dame", "lady", "lord", "nurse", "sister",
          "father", "fr", "mstr", "master"}

_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'",
          "‘": "'"}


def strip_accents(s):
    s = "".join(_EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    """Case- and accent-insensitive key for a name form."""
    s = strip_accents(s).lower().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    return re.sub(r"\s+", " ", s).strip()


def name_forms(first, preferred, last):
    firsts = [f for f in (first, preferred) if f]
    forms = set()
    for f in firsts:
        forms.add(f)
        if last:
            forms.add(f + " " + last)
            forms.add(last + ", " + f)
            forms.add(last + " " + f)
            forms.add(f + " " + last[0])
        ini = f[0]
        if last:
            forms.add(ini + " " + last)
            forms.add(last + " " + ini)
            forms.add(last + ", " + ini)
    if first and preferred:
        forms.add(first + " " + preferred + " " + last)
    if last:
        forms.add(last)
    return {fold(x) for x in forms}


def read_roster(path=None):
    path = path or os.path.join(ROOT, "roster.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows


WORD_RE = re.compile(r"(?<!\d)[^\W\d_]+(?:['’][^\W\d_]+)*")
MINOR = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at",
         "by", "with", "w", "from", "is", "as", "vs", "v", "via", "per", "into",
         "yr", "y", "ap", "dela", "de", "van", "der", "al", "am", "pm", "s",
         "x", "etc", "re", "fw", "fwd", "i", "o", "ar", "a'r", "up", "off"}


def case_of(s, spans=()):
    """Case style of a subject. For title vs sentence, the words inside person spans
    and all-caps acronyms (ALN, IDP, Y6) are ignored: names are capitalised anyway."""
    letters = [c for c in s if c.isalpha()]
    if not any(c.islower() for c in letters):
        return "upper"
    if not any(c.isupper() for c in letters):
        return "lower"
    masked = list(s)
    for sp in spans:
        for k in range(sp[0], sp[1]):
            masked[k] = " "
    words = [w for w in WORD_RE.findall("".join(masked))
             if w.lower() not in MINOR and not (len(w) > 1 and w.isupper())]
    if len(words) >= 2:
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) >= 0.8:
            return "title"
    return "sentence"


MARK_RE = re.compile(r"\{([psgd])\|([^{}|]+)\}")
KIND = {"p": "pupil", "s": "staff", "g": "parent"}


def parse_marked(line):
    """'{p|Cadi} IDP' -> (subject, [(start, end, label, text, kind)])"""
    out = []
    spans = []
    pos = 0
    for m in MARK_RE.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(2)
        out.append(text)
        code = m.group(1)
        spans.append((start, start + len(text),
                      "detector" if code == "d" else "directory", text,
                      KIND.get(code)))
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "{" in subject or "}" in subject:
        raise ValueError("stray brace in: " + line)
    return subject, spans
