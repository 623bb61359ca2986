"""Shared helpers for build.py and verify.py (standard library only)."""
import re
import unicodedata

SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
           "’": "'", "‘": "'", "–": "-", "—": "-"}

def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s

def ascii_fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)

def name_forms(first, preferred, last):
    """All folded surface forms by which a roster person may be named."""
    firsts = [f for f in (first, preferred) if f]
    forms = {last}
    for f in firsts:
        ini = f[0]
        forms |= {f, f"{f} {last}", f"{last}, {f}", f"{last} {f}",
                  f"{ini} {last}", f"{last} {ini}", f"{last}, {ini}", f"{f} {last[0]}"}
        if f"-" in f:  # hyphenated first names: "Tyler-Jay" may be written "Tyler Jay"
            forms.add(f.replace("-", " "))
            forms.add(f.replace("-", " ") + " " + last)
    if first and preferred:
        forms.add(f"{first} {preferred} {last}")
        forms.add(f"{first} ({preferred}) {last}")
    return {fold(x) for x in forms}

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "pcso",
          "prof", "nurse", "coach", "dame", "lady", "lord", "father", "sister"}

MINOR = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "with", "by", "or",
         "re", "fw", "fwd", "w", "vs", "v", "from", "per", "via", "is", "are", "am", "pm", "x", "c", "w/c"}

WORD_RE = re.compile(r"(?<!\w)[^\W\d_][^\s/&+,;:()\[\]]*")

def case_of(s):
    if not any(c.isalpha() for c in s):
        return "sentence"
    if s == s.upper():
        return "upper"
    if s == s.lower():
        return "lower"
    words = [w for w in WORD_RE.findall(s) if w.lower().strip(".!?'\"") not in MINOR]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "title"
    return "sentence"
