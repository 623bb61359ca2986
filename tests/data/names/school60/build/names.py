"""Shared name helpers: accent folding, normalisation, roster name forms, case style."""
import re
import unicodedata

EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "ı": "i"}
PARTICLES = {"da", "das", "de", "do", "dos", "van", "der", "den", "von", "la", "le", "du", "dela", "del"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "cllr", "rev", "revd", "pc", "prof", "fr", "canon", "dame", "lady", "lord", "master", "sgt"}


def fold(s):
    s = "".join(EXTRA.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s):
    s = fold(s).lower().replace("\u2019", "'").replace(".", " ")
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def first_variants(first, preferred):
    out = []
    for f in [first, preferred]:
        if not f:
            continue
        out.append(f)
        if "-" in f:
            out.append(f.replace("-", " "))
            out.append(f.split("-")[0])
        if " " in f:
            out.append(f.split(" ")[0])
    return out


def last_variants(last):
    out = [last]
    words = last.split(" ")
    core = [w for w in words if w.lower() not in PARTICLES]
    if len(core) != len(words) and core:
        out.append(" ".join(core))
    if len(core) > 1:
        out.extend(core)
        out.append("-".join(core))
    if "-" in last:
        out.extend(last.split("-"))
        out.append(last.replace("-", " "))
    return out


def name_forms(first, preferred, last):
    forms = set()
    fs = first_variants(first, preferred)
    ls = last_variants(last)
    for f in fs:
        forms.add(f)
    for l in ls:
        forms.add(l)
    for f in fs:
        fi = f[0]
        for l in ls:
            li = [w for w in l.split(" ") if w.lower() not in PARTICLES][0][0]
            forms.update({
                f"{f} {l}", f"{l} {f}", f"{l}, {f}",
                f"{fi} {l}", f"{l} {fi}", f"{l}, {fi}",
                f"{f} {li}",
            })
        if preferred and f == preferred:
            forms.add(f"{preferred} {first}")
    return {norm(x) for x in forms}


STOP = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by",
        "re", "fw", "fwd", "vs", "via", "per", "w", "as", "is", "into", "off", "up", "over"}


def case_style(s):
    letters = [c for c in s if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "upper"
    if letters and not any(c.isupper() for c in letters):
        return "lower"
    words = []
    for raw in re.split(r"[\s/&+]+", s):
        tok = raw.strip("-–—:;,.!?()[]\"'‘’“”#@*")
        if not tok or any(ch.isdigit() for ch in tok):
            continue
        for part in re.split(r"[-–]", tok):
            part = part.strip("'’.")
            if part and part[0].isalpha():
                words.append(part)
    sig = [w for w in words if w.lower() not in STOP or w[0].isupper()]
    caps = [w for w in sig if w[0].isupper()]
    if len(sig) >= 2 and len(caps) == len(sig):
        return "title"
    return "sentence"
